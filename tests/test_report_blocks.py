"""Every block type through every renderer, escaping, and the JSON schema."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest

from portfolio.render import render
from portfolio.report.blocks import (
    BLOCK_TYPES,
    BulletList,
    Column,
    ColumnGroup,
    Figure,
    Heading,
    HeatCell,
    HeatMap,
    KeyFigure,
    KeyFigures,
    MatrixCell,
    MatrixRow,
    Note,
    OmittedSection,
    Paragraph,
    Report,
    Row,
    Section,
    Series,
    StatusMatrix,
    Table,
    parse_inline,
)

SCHEMA = json.loads((Path(__file__).parent.parent / "docs" / "report.schema.json").read_text())

HEADING = Heading("Resultat januar")
PARAGRAPH = Paragraph.of("Inntektene er *4,4 mill. kr* lavere enn **budsjettert**.")
BULLETS = BulletList.of(["Fast og variabel lønn: +1,6 mill. kr.", "Refusjoner: +0,3 mill. kr."])
KEY_FIGURES = KeyFigures(
    (
        KeyFigure("Antall mottatt", 28),
        KeyFigure("Timer brukt", 730),
        KeyFigure("Antall mottatt i fjor", 13),
        KeyFigure("Timer brukt i fjor", 7618),
    ),
    groups=("Hittil i år", "Totaler i fjor"),
    title="Nøkkeltall",
)
TABLE = Table(
    columns=(
        Column("line", ""),
        Column("actual", "Faktisk", "amount"),
        Column("budget", "Budsjett", "amount"),
        Column("share", "Andel", "percent", 1),
    ),
    rows=(
        Row(("SLA (tjenesteavtaler)", 34228, Decimal("35593"), Decimal("45.5"))),
        Row(("Driftsinntekter", 91712, 96125, None), bold=True),
    ),
    title="Resultatrapport 2024",
    groups=(ColumnGroup("", 1), ColumnGroup("Januar 2024", 2), ColumnGroup("Andel", 1)),
    unit_note="Tall vises i 1000 kr",
)
MATRIX = StatusMatrix(
    "SAMMENDRAG AV PROSJEKTSTATUS",
    "PROSJEKT/PROGRAM",
    ("Økonomi", "Ressurser", "Gevinstarbeid"),
    (
        MatrixRow(
            "1. HIS2 – Program",
            "program",
            "HIS2",
            (MatrixCell("green"), MatrixCell("yellow", "worse", "1"), MatrixCell("na")),
        ),
        MatrixRow("1.1 IAM 2", "project", "IAM2", (MatrixCell("red", "better"), MatrixCell(None), MatrixCell("green"))),
    ),
    note="Piler indikerer utvikling siden forrige rapportering.",
    footnotes=("HIS2: Ressurser gul (prosjektene: rød). Begrunnelse: reserven dekker.",),
)
FIGURE = Figure(
    "Figur 6.1 Sykefravær",
    ("Jan", "Feb", "Mar"),
    (Series("Samlet", (Decimal("6.1"), Decimal("5.8"), None)), Series("Korttid", (2, 3, Decimal("2.5")))),
    value_kind="percent",
    decimals=1,
    target=5,
    target_label="Mål",
)
NOTE = Note("Tallene for februar er foreløpige.")
HEAT_MAP = HeatMap(
    "RISIKOKART",
    "Konsekvens",
    "Sannsynlighet",
    (5, 4, 3, 2, 1),
    (1, 2, 3, 4, 5),
    tuple(
        tuple(
            HeatCell(2 if (c, p) == (5, 4) else 0, "red" if p * c >= 15 else "yellow" if p * c >= 5 else "green")
            for p in range(1, 6)
        )
        for c in range(5, 0, -1)
    ),
    note="2 åpne risikoer",
)
ALL_BLOCKS = (HEADING, PARAGRAPH, BULLETS, KEY_FIGURES, TABLE, MATRIX, HEAT_MAP, FIGURE, NOTE)


def _report(*blocks, lang="nb", omitted=()) -> Report:
    return Report(
        "Virksomhetsrapport pr. 31. januar 2024",
        "2024-01",
        lang,
        (Section("test", 1, "Testseksjon", tuple(blocks), "tests"),),
        tuple(omitted),
        "Innhold",
    )


def test_the_fixture_covers_every_block_type():
    assert {type(b) for b in ALL_BLOCKS} == set(BLOCK_TYPES)


def test_inline_markup():
    runs = parse_inline("a *b* **c** d * e")
    assert [(r.text, r.emphasis, r.strong) for r in runs] == [
        ("a ", False, False),
        ("b", True, False),
        (" ", False, False),
        ("c", False, True),
        (" d * e", False, False),
    ]


# ---------------------------------------------------------------- terminal


def _terminal(block) -> str:
    return render(_report(block), "terminal", colour=False)


def test_terminal_blocks():
    assert "Resultat januar" in _terminal(HEADING)
    assert "Inntektene er 4,4 mill. kr lavere enn budsjettert." in _terminal(PARAGRAPH)
    assert "• Fast og variabel lønn: +1,6 mill. kr." in _terminal(BULLETS)
    key = _terminal(KEY_FIGURES)
    assert "Hittil i år" in key and "7\u00a0618" in key and "Antall mottatt" in key
    table = _terminal(TABLE)
    assert "Januar 2024" in table and "34\u00a0228" in table and "45,5\u00a0%" in table
    assert "Tall vises i 1000 kr" in table
    matrix = _terminal(MATRIX)
    assert "Gu ↘ [1]" in matrix and "Rø ↗" in matrix and "○" in matrix and "·" in matrix
    assert "[1] HIS2: Ressurser gul (prosjektene: rød). Begrunnelse: reserven dekker." in matrix
    heat = _terminal(HEAT_MAP).splitlines()
    row5 = next(line for line in heat if line.startswith("5 "))
    assert row5.split() == ["5", "Gu", "·", "Gu", "·", "Rø", "·", "Rø", "2", "Rø", "·"]
    assert "Konsekvens \\ Sannsynlighet" in "\n".join(heat) and "2 åpne risikoer" in heat
    figure = _terminal(FIGURE)
    assert "Figur 6.1 Sykefravær" in figure and "6,1\u00a0%" in figure and "Mål 5,0\u00a0%" in figure
    assert "Tallene for februar er foreløpige." in _terminal(NOTE)


def test_terminal_colour_only_when_asked():
    assert "\x1b[" not in render(_report(MATRIX), "terminal", colour=False)
    assert "\x1b[32m●" in render(_report(MATRIX), "terminal", colour=True)


# ---------------------------------------------------------------- markdown


def _md(block) -> str:
    return render(_report(block), "md")


def test_markdown_blocks():
    assert "### Resultat januar" in _md(HEADING)
    assert "Inntektene er *4,4 mill. kr* lavere enn **budsjettert**." in _md(PARAGRAPH)
    assert "- Fast og variabel lønn: +1,6 mill. kr." in _md(BULLETS)
    assert "| Antall mottatt **28** | Antall mottatt i fjor **13** |" in _md(KEY_FIGURES)
    table = _md(TABLE)
    assert "| Januar 2024: Faktisk | Januar 2024: Budsjett |" in table
    assert "|:---|---:|---:|---:|" in table
    assert "| **Driftsinntekter** | **91\u00a0712** | **96\u00a0125** |  |" in table
    assert "*Tall vises i 1000 kr*" in table
    matrix = _md(MATRIX)
    assert "| **1. HIS2 – Program** | 🟢 Gr | 🟡 Gu ↘ <sup>1</sup> | ⚪ ○ |" in matrix
    assert "<sup>1</sup> HIS2: Ressurser gul (prosjektene: rød). Begrunnelse: reserven dekker." in matrix
    heat = _md(HEAT_MAP)
    assert "| **5** | 🟨 Gu · | 🟨 Gu · | 🟥 Rø · | 🟥 Rø 2 | 🟥 Rø · |" in heat and "*2 åpne risikoer*" in heat
    assert "| 1.1 IAM 2 | 🔴 Rø ↗ | · | 🟢 Gr |" in matrix
    figure = _md(FIGURE)
    assert "**Figur 6.1 Sykefravær**" in figure and "| Samlet | 6,1\u00a0% | 5,8\u00a0% |  |" in figure
    assert "> Tallene for februar er foreløpige." in _md(NOTE)


# ---------------------------------------------------------------- html


def _html(block) -> str:
    return render(_report(block), "html")


def test_html_blocks():
    assert "<h3>Resultat januar</h3>" in _html(HEADING)
    assert "<p>Inntektene er <em>4,4 mill. kr</em> lavere enn <strong>budsjettert</strong>.</p>" in _html(PARAGRAPH)
    assert "<li>Refusjoner: +0,3 mill. kr.</li>" in _html(BULLETS)
    key = _html(KEY_FIGURES)
    assert '<div class="group-title">Totaler i fjor</div>' in key and "7\u00a0618" in key
    table = _html(TABLE)
    assert '<th class="group" colspan="2">Januar 2024</th>' in table
    assert '<tr class="total">' in table and "<caption>Resultatrapport 2024</caption>" in table
    matrix = _html(MATRIX)
    assert 'class="dot yellow" role="img" aria-label="gul, dårligere enn forrige måned"' in matrix
    assert '<span class="sr">Gu ↘</span>' in matrix and 'class="dot none"' in matrix
    assert '<sup class="mark"><a href="#matrix-test-1-note-1">1</a></sup>' in matrix
    assert (
        '<li id="matrix-test-1-note-1">HIS2: Ressurser gul (prosjektene: rød). Begrunnelse: reserven dekker.</li>'
        in matrix
    )
    heat = _html(HEAT_MAP)
    assert '<td class="heat red">2<span class="sr">Rø 2</span></td>' in heat
    assert '<td class="heat green empty"><span class="sr">Gr ·</span></td>' in heat
    figure = _html(FIGURE)
    assert "<svg" in figure and "</svg>" in figure and "<figcaption>Figur 6.1 Sykefravær</figcaption>" in figure
    assert '<p class="note">Tallene for februar er foreløpige.</p>' in _html(NOTE)


def test_html_is_self_contained():
    page = render(_report(*ALL_BLOCKS), "html")
    assert "<link" not in page and "<script" not in page and 'src="http' not in page
    assert "@page { size: A4" in page


def test_html_chart_is_reproducible():
    assert _html(FIGURE) == _html(FIGURE)


# ---------------------------------------------------------------- json


def test_json_blocks_validate_and_keep_raw_numbers():
    data = json.loads(render(_report(*ALL_BLOCKS), "json"))
    jsonschema.validate(data, SCHEMA)
    blocks = data["sections"][0]["blocks"]
    assert [b["type"] for b in blocks] == [
        "heading",
        "paragraph",
        "bullets",
        "key_figures",
        "table",
        "status_matrix",
        "heat_map",
        "figure",
        "note",
    ]
    table = blocks[4]
    assert table["rows"][0]["cells"] == ["SLA (tjenesteavtaler)", 34228, 35593, 45.5]
    assert table["rows"][1]["bold"] is True
    assert blocks[7]["series"][0]["values"] == [6.1, 5.8, None]
    assert blocks[5]["rows"][0]["cells"][1] == {"rating": "yellow", "trend": "worse", "mark": "1"}
    assert blocks[5]["footnotes"] == ["HIS2: Ressurser gul (prosjektene: rød). Begrunnelse: reserven dekker."]
    assert blocks[6]["rows"][0][3] == {"count": 2, "zone": "red"} and blocks[6]["row_values"] == [5, 4, 3, 2, 1]


# ---------------------------------------------------------------- escaping


HOSTILE = '<script>alert("x")</script> "><img src=x onerror=alert(1)> *not* | pipe'


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_hostile_text_is_shown_not_run(fmt):
    report = _report(
        Paragraph.of(HOSTILE),
        Table((Column("name", HOSTILE),), (Row((HOSTILE,)),)),
        StatusMatrix("t", "h", ("d",), (MatrixRow(HOSTILE, "project", "X", (MatrixCell("green"),)),)),
        Figure(HOSTILE, ("a",), (Series(HOSTILE, (1,)),)),
    )
    out = render(report, fmt)
    if fmt == "html":
        assert "<script" not in out and "<img" not in out
        assert "&lt;script&gt;" in out
    else:  # Markdown shows a backslash-escaped character as itself
        assert re.search(r"(?<!\\)<(script|img)", out) is None
        assert "\\<script\\>" in out


def test_omitted_sections_are_named_in_every_format():
    report = _report(NOTE, omitted=[OmittedSection("finance", "finance", "ValueError: boom")])
    for fmt in ("terminal", "md", "html", "json"):
        assert "ValueError: boom" in render(report, fmt)
