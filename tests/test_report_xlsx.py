"""The board pack as an Excel workbook: a sheet per table, numbers as numbers in the right format,
bold totals, frozen headers, and text that never runs as a formula. Read back with openpyxl."""

from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal

import pytest

from portfolio.report.blocks import Column, KeyFigure, KeyFigures, Report, Row, Section, Table
from portfolio.testing import ok
from tests.support.board_pack import (
    SeedRow,
    build_again,
    demo_json,
    demo_report,
    half_up,
    label_key,
    run,
    seed_number,
    seed_rows,
    work_file,
)

TABULAR = ("table", "status_matrix", "heat_map", "key_figures", "figure")


def load(data: bytes):  # type: ignore[no-untyped-def]
    import openpyxl

    return openpyxl.load_workbook(io.BytesIO(data))


@pytest.fixture(scope="module")
def workbook():  # type: ignore[no-untyped-def]
    return load(demo_report("xlsx"))


@pytest.fixture(scope="module")
def report() -> dict:
    return demo_json()


def _number(cell) -> Decimal | None:  # type: ignore[no-untyped-def]
    """The figure a cell shows: a percentage cell holds a fraction under a '%' format."""
    if isinstance(cell.value, bool) or not isinstance(cell.value, int | float | Decimal):
        return None
    value = Decimal(str(cell.value))
    return value * 100 if "%" in cell.number_format else value


def _row_matches(cells: tuple, start: int, row: SeedRow) -> bool:
    values = cells[start + 1 : start + 1 + len(row.cells)]
    if len(values) < len(row.cells):
        return False
    for cell, printed in zip(values, row.cells, strict=True):
        expected = seed_number(printed)
        if expected is None:  # the seed's blank: nothing, or a 0
            if cell.value not in (None, 0):
                return False
            continue
        value = _number(cell)
        if value is None or half_up(value, expected.decimals) != expected.value:
            return False
        if row.bold and not cell.font.b:
            return False
    return True


def _find(workbook, row: SeedRow) -> str | None:  # type: ignore[no-untyped-def]
    """The sheet holding the seed row: its label as a text cell, then its figures as numbers."""
    key = label_key(row.label)
    for sheet in workbook.worksheets:
        for cells in sheet.iter_rows():
            for index, cell in enumerate(cells):
                text = cell.value if cell.data_type == "s" and isinstance(cell.value, str) else None
                if text is not None and label_key(text) == key and _row_matches(cells, index, row):
                    return sheet.title
    return None


def test_the_workbook_holds_every_figure_of_the_seeds_tables_as_numbers(workbook):
    rows = seed_rows()
    found = {row: _find(workbook, row) for row in rows}
    assert [row for row, sheet in found.items() if sheet is None] == []
    result_sheet = found[next(r for r in rows if r.label == "DRIFTSRESULTAT")]
    assert result_sheet is not None and result_sheet.startswith("2.1 ")


def test_there_is_a_sheet_per_table_in_report_order_listed_on_the_contents_sheet(workbook, report):
    blocks = [(s, b) for s in report["sections"] for b in s["blocks"] if b["type"] in TABULAR]
    contents, *sheets = workbook.worksheets
    assert contents.title == "Innhold" and contents["A1"].value == report["title"]
    assert len(sheets) == len(blocks)
    links = [row[1] for row in contents.iter_rows(min_row=3) if row[1].value]
    assert [link.hyperlink.location for link in links] == [f"'{sheet.title}'!A1" for sheet in sheets]
    for sheet, (section, block) in zip(sheets, blocks, strict=True):
        assert sheet.title.startswith(f"{section['number']}.") and len(sheet.title) <= 31
        assert sheet["A2"].value == f"{section['number']}. {section['title']}"
        if block.get("title"):
            assert sheet["A1"].value == block["title"]


def _header_row(sheet) -> int:  # type: ignore[no-untyped-def]
    return int(re.sub(r"[A-Z]+", "", sheet.freeze_panes)) - 1


def test_table_sheets_keep_raw_numbers_formats_bold_totals_and_a_frozen_header(workbook, report):
    tables = [(s, b) for s in report["sections"] for b in s["blocks"] if b["type"] in TABULAR]
    sheets = workbook.worksheets[1:]
    checked = 0
    for sheet, (_section, block) in zip(sheets, tables, strict=True):
        if block["type"] != "table":
            continue
        header = _header_row(sheet)
        labels = [sheet.cell(row=header, column=i + 1).value or "" for i in range(len(block["columns"]))]
        assert labels == [c["label"] for c in block["columns"]], sheet.title
        assert all(sheet.cell(row=header, column=i + 1).font.b for i in range(len(labels)))
        for offset, row in enumerate(block["rows"], start=1):
            for index, (value, column) in enumerate(zip(row["cells"], block["columns"], strict=True), start=1):
                cell = sheet.cell(row=header + offset, column=index)
                if isinstance(value, int | float) and column["kind"] != "text":
                    assert _number(cell) == Decimal(str(value)), (sheet.title, offset, column["key"])
                    expected_format = {
                        "amount": "#,##0",
                        "integer": "#,##0",
                        "decimal": "#,##0" + ("." + "0" * column["decimals"] if column["decimals"] else ""),
                        "percent": "0" + ("." + "0" * column["decimals"] if column["decimals"] else "") + "%",
                    }[column["kind"]]
                    assert cell.number_format == expected_format
                elif value is not None:
                    assert cell.value == value and cell.data_type == "s"
                if row.get("bold"):
                    assert cell.font.b, (sheet.title, offset)
                checked += 1
    assert checked > 300


def test_the_status_matrix_sheet_has_rating_words_colours_and_arrows(workbook, report):
    (matrix,) = [b for s in report["sections"] for b in s["blocks"] if b["type"] == "status_matrix"][:1]
    sheet = next(s for s in workbook.worksheets if s["A1"].value == matrix["title"])
    header = _header_row(sheet)
    assert [c.value for c in sheet[header]][: 1 + len(matrix["dimensions"])] == [
        matrix["row_header"],
        *matrix["dimensions"],
    ]
    words = {"green": "grønn", "yellow": "gul", "red": "rød", "na": "ikke vurdert", None: "ikke rapportert"}
    arrows = {"better": " ↗", "worse": " ↘", None: ""}
    fills = {"green": "2E8B3D", "yellow": "E0A800", "red": "C62828"}
    for offset, row in enumerate(matrix["rows"], start=1):
        cells = sheet[header + offset]
        assert cells[0].value == row["label"] and bool(cells[0].font.b) == (row["kind"] == "program")
        for cell, rating in zip(cells[1:], row["cells"], strict=False):
            assert cell.value == words[rating["rating"]] + arrows[rating["trend"]]
            if rating["rating"] in fills:
                assert cell.fill.fgColor.rgb.endswith(fills[rating["rating"]])


def _report_of(*blocks, title: str = "Testrapport") -> Report:  # type: ignore[no-untyped-def]
    return Report(title, "2024-01", "nb", (Section("test", 1, "Testseksjon", tuple(blocks)),))


def test_text_that_looks_like_a_formula_is_stored_as_text():
    from portfolio.render.xlsx import render

    hostile = ["=1+1", '=HYPERLINK("http://example.invalid","klikk")', "+SUM(A1:A2)", "-2+3", "@SUM(A1)", "- Aktiverte"]
    table = Table(
        (Column("text", "=Kolonne"), Column("amount", "Beløp", "amount")),
        tuple(Row((text, 1)) for text in hostile),
        title="=Tabell",
    )
    figures = KeyFigures((KeyFigure("=Nøkkeltall", 5),), title="+Tall")
    data = render(_report_of(table, figures))
    workbook = load(data)
    sheet = workbook.worksheets[1]
    texts = [row[0] for row in sheet.iter_rows(min_row=5, max_row=4 + len(hostile))]
    assert [cell.value for cell in texts] == hostile
    assert all(cell.data_type == "s" for cell in texts)
    assert all(cell.quotePrefix for cell in texts)  # Excel shows them as typed, a ' before them
    assert sheet["A1"].value == "=Tabell" and sheet["A4"].value == "=Kolonne"
    assert workbook.worksheets[2]["A4"].value == "=Nøkkeltall"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = "".join(archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/worksheets/"))
    assert "<f>" not in xml and "<f " not in xml  # not a single formula in the file


def test_sheet_names_are_valid_and_unique_whatever_the_titles():
    from portfolio.render.xlsx import render

    title = "Drift/investering: [2024] hva? *alt* \\ mer enn trettien tegn"
    tables = [Table((Column("a", "A", "integer"),), (Row((n,)),), title=title) for n in range(3)]
    workbook = load(render(_report_of(*tables)))
    names = workbook.sheetnames[1:]
    assert len(set(names)) == 3 and all(len(n) <= 31 for n in names)
    assert not any(set(n) & set("[]:*?/\\") for n in names)
    assert [workbook[n]["A5"].value for n in names] == [0, 1, 2]


def test_percentages_are_fractions_with_a_percent_format():
    from portfolio.render.xlsx import render

    table = Table((Column("who", "Hvem"), Column("p", "Andel", "percent", 2)), (Row(("samlet", Decimal("6.05"))),))
    cell = load(render(_report_of(table))).worksheets[1]["B5"]
    assert Decimal(str(cell.value)) == Decimal("0.0605") and cell.number_format == "0.00%"


def test_the_same_month_gives_the_same_workbook_byte_for_byte(workbook):
    first = demo_report("xlsx")
    assert build_again("xlsx") == first  # no clock: stamped with the day the figures are as of
    assert workbook.properties.modified.date().isoformat() == "2024-01-31"


def test_the_risk_heat_map_sheet_holds_the_counts_in_their_zones_colours(workbook, report):
    (heat_map,) = [b for s in report["sections"] for b in s["blocks"] if b["type"] == "heat_map"]
    sheet = next(s for s in workbook.worksheets if s["A1"].value == heat_map["title"])
    header = _header_row(sheet)
    assert [c.value for c in sheet[header]] == [
        f"{heat_map['row_label']} \\ {heat_map['column_label']}",
        *map(str, heat_map["column_values"]),
    ]
    fills = {"green": "2E8B3D", "yellow": "E0A800", "red": "C62828"}
    for offset, (value, cells) in enumerate(zip(heat_map["row_values"], heat_map["rows"], strict=True), start=1):
        row = sheet[header + offset]
        assert row[0].value == value
        assert [c.value for c in row[1:]] == [cell["count"] for cell in cells]
        assert [c.fill.fgColor.rgb[-6:] for c in row[1:]] == [fills[cell["zone"]] for cell in cells]
    assert sum(cell["count"] for cells in heat_map["rows"] for cell in cells) > 0


def test_the_workbook_carries_the_fingerprint_that_report_verify_reads(workbook, report):
    fingerprint = report["fingerprint"]
    text = f"{fingerprint['period']}/{fingerprint['digest']}"
    contents = workbook.worksheets[0]
    assert any(text in str(cell.value) for row in contents.iter_rows() for cell in row if cell.value)
    result = ok(run("report", "verify", str(work_file("report-nb.xlsx"))))
    assert f"matches the data of 2024-01 (fingerprint {text})" in result.output


def test_the_matrix_sheet_has_the_seeds_rows_arrows_and_circles(workbook):
    from tests.test_demo import DIMENSIONS, SEED_ROWS

    sheet = next(s for s in workbook.worksheets if s["A1"].value == "SAMMENDRAG AV PROSJEKTSTATUS")
    header = _header_row(sheet)
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=header + 1, max_row=header + len(SEED_ROWS))]
    assert [row[0] for row in rows] == [label for label, _ in SEED_ROWS]
    for row, (label, marks) in zip(rows, SEED_ROWS, strict=True):
        seen = {}
        for dimension, text in zip(DIMENSIONS, row[1:7], strict=True):
            if text == "ikke vurdert":
                seen[dimension] = "○"
            elif text.endswith(("↗", "↘")):
                seen[dimension] = text[-1]
        assert seen == marks, label


def test_long_sheet_names_are_cut_after_a_whole_word_with_the_title_in_a1(workbook):
    names = workbook.sheetnames
    assert "4.1 SAMMENDRAG AV…" in names, names
    for name in names:
        assert len(name) <= 31
        if name.endswith("…"):
            title = workbook[name]["A1"].value
            words = name[:-1].split(" ", 1)[1].split()  # the title's words, without the number
            plain = [word.strip(":,") for word in title.split()]  # no ":" in a sheet name; "," ends a cut
            assert plain[: len(words)] == words, (name, title)
