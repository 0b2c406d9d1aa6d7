"""The JSON report through orjson: the same text as the standard library's ``indent=2``, byte for byte."""

from __future__ import annotations

import json
import sys
from decimal import Decimal

import pytest

from portfolio.render import json as json_renderer
from portfolio.report.blocks import Column, Fingerprint, KeyFigure, KeyFigures, Paragraph, Report, Row, Section, Table
from tests.test_report_blocks import ALL_BLOCKS


class _Name(str):
    """A str subclass, as SQLAlchemy's quoted_name is for a table's name in the fingerprint."""


def _report(*blocks, fingerprint=None) -> Report:
    return Report(
        "Virksomhetsrapport pr. 31. januar 2024",
        "2024-01",
        "nb",
        (Section("test", 1, "Testseksjon «æøå»", tuple(blocks), "tests"),),
        (),
        "Innhold",
        fingerprint=fingerprint,
    )


AWKWARD = Table(
    (Column("text", "Tekst"), Column("n", "Tall", "decimal", 2)),
    (
        Row(('control \x01\x1f tab\t newline\n quote" backslash\\ slash/ del\x7f', Decimal("0.00001"))),
        Row(("non-ASCII: ø € 😀 \u2028", Decimal("2.5E-7"))),
        Row(("exponent", Decimal("1E+16"))),
        Row(("whole", Decimal("12.000"))),
        Row(("negative zero", Decimal("-0"))),
        Row(("fraction", Decimal("-1234567.891"))),
        Row(("none", None)),
        Row(("", 0)),
    ),
)
FINGERPRINT = Fingerprint("2024-01", "0123456789ab", ((_Name("project"), "01234567"), (_Name("risk"), "89abcdef")))


def test_orjson_writes_the_standard_librarys_text():
    report = _report(*ALL_BLOCKS, AWKWARD, fingerprint=FINGERPRINT)
    text = json_renderer.render(report)
    assert text == json_renderer.render_stdlib(report)
    data = json.loads(text)
    assert list(data) == ["schema_version", "title", "period", "lang", "sections", "omitted", "fingerprint"]
    assert data["fingerprint"]["tables"] == {"project": "01234567", "risk": "89abcdef"}
    cells = [row["cells"][1] for row in data["sections"][0]["blocks"][-1]["rows"]]
    assert cells == [1e-05, 2.5e-07, 1e16, 12, 0, -1234567.891, None, 0]
    assert '"cells": [\n' in text and "2.5e-07" in text  # indented, fractions as the standard library writes them


def test_a_report_without_a_fingerprint_says_null():
    report = _report(Paragraph.of("*a*"))
    assert report.fingerprint is None
    text = json_renderer.render(report)
    assert text == json_renderer.render_stdlib(report)
    assert json.loads(text)["fingerprint"] is None


def test_what_orjson_cannot_write_goes_to_the_standard_library():
    """A whole number beyond 64 bits: orjson refuses it, the standard library writes that part."""
    huge = Decimal(2**70)
    report = _report(KeyFigures((KeyFigure("Stort", huge), KeyFigure("Større", 2**80))), Paragraph.of("*a*"))
    text = json_renderer.render(report)
    assert text == json_renderer.render_stdlib(report)
    figures = json.loads(text)["sections"][0]["blocks"][0]["figures"]
    assert [f["value"] for f in figures] == [2**70, 2**80]


@pytest.mark.parametrize("length", [0, 1, 2])
def test_a_report_written_a_part_at_a_time_is_the_standard_librarys_text(length, monkeypatch):
    """Every level walked and every list streamed (``length`` 0-2), the text is the same."""
    monkeypatch.setattr(json_renderer, "STREAMED_LENGTH", length)
    monkeypatch.setattr(json_renderer, "WALKED_DEPTH", 99)
    report = _report(*ALL_BLOCKS, AWKWARD, fingerprint=FINGERPRINT)
    assert json_renderer.render(report) == json_renderer.render_stdlib(report)
    assert "".join(json_renderer.render_chunks(report)) == json_renderer.render_stdlib(report)


def test_without_orjson_the_same_text(monkeypatch):
    report = _report(*ALL_BLOCKS, AWKWARD, fingerprint=FINGERPRINT)
    expected = json_renderer.render(report)
    monkeypatch.setitem(sys.modules, "orjson", None)  # import orjson now raises ImportError
    with pytest.raises(ImportError):
        import orjson  # noqa: F401
    assert json_renderer.render(report) == expected
