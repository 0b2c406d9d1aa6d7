"""open_csv reads a CSV file a line at a time: the same rows and errors as read_csv, no text kept,
and the file open only while its rows are read."""

from __future__ import annotations

import codecs
import gc
import warnings

import pytest

from portfolio.errors import PortfolioError
from portfolio.importers.csvfile import open_csv, read_csv


def test_rows_come_as_they_are_asked_for_and_match_read_csv(tmp_path):
    path = tmp_path / "rows.csv"
    lines = ["# made for 2024-01", "code;name", "", *(f"P{n};Project {n}" for n in range(1, 2001)), "# end"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    stream = open_csv(path, comment="#")
    assert stream.header == ["code", "name"] and stream.comments == [(1, "# made for 2024-01")]
    first = next(stream.rows)
    assert first == (4, {"code": "P1", "name": "Project 1"})
    rest = list(stream.rows)
    assert [first, *rest] == read_csv(path, comment="#").rows
    assert stream.comments[-1] == (2004, "# end")  # comments after the header come with the rows


def test_a_stream_whose_rows_are_never_read_leaves_no_file_open(tmp_path):
    path = tmp_path / "unread.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error", ResourceWarning)
        stream = open_csv(path)
        assert stream.header == ["a", "b"]
        del stream
        gc.collect()


def test_a_bad_byte_after_a_bom_is_named_by_its_place_in_the_file(tmp_path):
    path = tmp_path / "latin1.csv"
    body = "code,name\nP1,Blåbær\n"
    path.write_bytes(codecs.BOM_UTF8 + body.encode("latin-1"))
    offset = len(codecs.BOM_UTF8) + len(b"code,name\nP1,Bl") + 1
    with pytest.raises(PortfolioError, match=rf"is not UTF-8 text \(byte {offset} is 0xe5\)"):
        open_csv(path)


@pytest.mark.parametrize("block", [1, 2, 3, 5, 64])
def test_the_file_is_checked_in_blocks_that_may_split_a_character(tmp_path, monkeypatch, block):
    """Blocks end anywhere, in the middle of 'å' too; a bad byte is still named by its place."""
    import portfolio.importers.csvfile

    monkeypatch.setattr(portfolio.importers.csvfile, "BLOCK", block)
    good = tmp_path / "good.csv"
    good.write_bytes(codecs.BOM_UTF8 + "# blåbær\n\ncode;navn\nP1;Blåbær\n".encode())
    stream = open_csv(good, comment="#")
    assert stream.header == ["code", "navn"] and list(stream.rows) == [(4, {"code": "P1", "navn": "Blåbær"})]
    bad = tmp_path / "bad.csv"
    data = "code,navn\nP1,Blåbær\nP2,".encode() + "Ærlig".encode("latin-1")
    bad.write_bytes(data)
    place = len("code,navn\nP1,Blåbær\nP2,".encode()) + 1
    with pytest.raises(PortfolioError, match=rf"is not UTF-8 text \(byte {place} is 0xc6\)"):
        open_csv(bad)
    for text, message in (("\n \n", "is empty"), ("# only\n\n# comments", "has only comment lines")):
        path = tmp_path / "nothing.csv"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(PortfolioError, match=message):
            open_csv(path, comment="#")
