"""The plain aligned table prints exactly what tabulate prints for the same text rows."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from tabulate import tabulate

from portfolio.render.aligned import aligned_table

# the texts a list or a matrix shows, and the ones tabulate treats in a way of its own: numbers,
# booleans, padding spaces, wide and combining characters, colour codes, several lines
CELL = st.one_of(
    st.sampled_from(["", " ", "1", "-2.5", "1,000", "True", "False", "G ↑", "· ", "○", " x ", "Rø ↓ [1]"]),
    st.sampled_from(["漢字", "e\u0301", "\x1b[1mbold\x1b[0m", "two\nlines", "a\rb", "\x01", "\u00a0nb\u00a0"]),
    st.text(max_size=12),
)


def _expected(rows: list[list[str]], headers: list[str]) -> str:
    return str(tabulate(rows, headers=headers, disable_numparse=True))


@settings(max_examples=400, deadline=None)
@given(
    st.integers(1, 5).flatmap(
        lambda n: st.tuples(
            st.lists(CELL, min_size=n, max_size=n), st.lists(st.lists(CELL, min_size=n, max_size=n), max_size=6)
        )
    )
)
def test_same_text_as_tabulate(table: tuple[list[str], list[list[str]]]) -> None:
    headers, rows = table
    assert aligned_table(rows, headers) == _expected(rows, headers)


def test_a_plain_table_is_padded_by_its_widest_cell_or_its_header() -> None:
    rows = [["1.1 Alpha", "G ↑", ""], ["Beta", "·", "R"]]
    text = aligned_table(rows, ["Project", "Scope", "Finance"])
    assert text == ("Project    Scope    Finance\n---------  -------  ---------\n1.1 Alpha  G ↑\nBeta       ·        R")
    assert text == _expected(rows, ["Project", "Scope", "Finance"])
