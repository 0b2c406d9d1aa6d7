"""Every list command writes an Excel workbook with --format xlsx -o FILE (and CSV or JSON with -o):
typed cells, a bold frozen header row, formula-looking text kept as text, never a half-written file."""

from __future__ import annotations

import datetime as dt
import io
import json

from portfolio.testing import fails, ok


def load(path):  # type: ignore[no-untyped-def]
    import openpyxl

    return openpyxl.load_workbook(io.BytesIO(path.read_bytes()))


def _projects(run) -> None:  # type: ignore[no-untyped-def]
    ok(run("program", "add", "HIS2", "Helhetlig informasjonssikkerhet 2", "--number", "1"))
    ok(run("project", "add", "IAM2", "IAM 2", "--program", "HIS2", "--number", "1.1", "--start", "2024-01-15"))
    ok(run("project", "add", "EVIL", '=HYPERLINK("http://example.invalid","klikk")', "--manager", "@admin"))


def test_a_list_as_a_workbook_has_typed_cells_and_a_frozen_bold_header(migrated, tmp_path):
    _projects(migrated)
    target = tmp_path / "projects.xlsx"
    result = ok(migrated("project", "list", "--format", "xlsx", "-o", str(target)))
    assert f"Wrote {target} (2 rows)." in result.output
    sheet = load(target).active
    assert sheet.title == "project list" and sheet.freeze_panes == "A2"
    header = [cell.value for cell in sheet[1]]
    assert header == ["Code", "No.", "Name", "Program", "Manager", "Phase", "Start", "End", "Active"]
    assert all(cell.font.b for cell in sheet[1])
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    assert set(rows) == {"IAM2", "EVIL"}
    iam = rows["IAM2"]
    assert iam[6].value == dt.datetime(2024, 1, 15) and iam[6].number_format == "yyyy-mm-dd"
    assert iam[8].value is True  # a yes/no is a boolean, not the word
    evil = rows["EVIL"]
    assert evil[2].value == '=HYPERLINK("http://example.invalid","klikk")' and evil[2].data_type == "s"
    assert evil[4].value == "@admin" and evil[4].data_type == "s"


def test_numbers_stay_numbers_in_a_plugins_list(migrated, tmp_path):
    target = tmp_path / "risks.xlsx"
    ok(migrated("program", "add", "HIS2", "Helhetlig informasjonssikkerhet 2", "--number", "1"))
    ok(migrated("project", "add", "NAC", "NAC/Sonemodell", "--program", "HIS2", "--number", "1.4"))
    args = ("--probability", "4", "--consequence", "5", "--period", "2024-01", "--", "NAC", "-Fravær av ressurs")
    ok(migrated("risk", "add", *args))
    ok(migrated("risk", "list", "--period", "2024-01", "--format", "xlsx", "-o", str(target)))
    sheet = load(target).active
    header = [cell.value for cell in sheet[1]]
    row = {label: cell for label, cell in zip(header, sheet[2], strict=True)}
    assert row["Score"].value == 20 and row["Score"].data_type == "n"
    assert row["Description"].value == "-Fravær av ressurs" and row["Description"].data_type == "s"
    finance = tmp_path / "lines.xlsx"
    ok(migrated("finance", "lines", "--format", "xlsx", "-o", str(finance)))  # a section plugin's command
    lines = load(finance).active
    assert lines.title == "finance lines" and lines["A1"].value == "Key" and lines.max_row > 10


def test_one_record_as_a_workbook_is_one_row(migrated, tmp_path):
    _projects(migrated)
    target = tmp_path / "iam2.xlsx"
    ok(migrated("project", "show", "IAM2", "--format", "xlsx", "-o", str(target)))
    sheet = load(target).active
    assert sheet.max_row == 2 and sheet["A2"].value == "IAM2"


def test_xlsx_needs_a_file_and_a_table_is_not_written_to_one(migrated, tmp_path):
    result = fails(migrated("project", "list", "--format", "xlsx"), code=2)
    assert "--format xlsx writes a file: name it with -o" in result.output
    result = fails(migrated("project", "list", "-o", str(tmp_path / "p.txt")), code=2)
    assert "-o writes csv, json, xlsx" in result.output
    assert list(tmp_path.glob("p.*")) == []


def test_an_existing_file_is_kept_unless_force_is_given(migrated, tmp_path):
    _projects(migrated)
    target = tmp_path / "projects.xlsx"
    target.write_bytes(b"keep")
    result = fails(migrated("project", "list", "--format", "xlsx", "-o", str(target)))
    assert "exists; use --force" in result.output and target.read_bytes() == b"keep"
    ok(migrated("project", "list", "--format", "xlsx", "-o", str(target), "--force"))
    assert load(target).active["A2"].value in ("IAM2", "EVIL")
    assert [p.name for p in tmp_path.glob(".projects.xlsx.*")] == []  # no temporary file left


def test_csv_and_json_to_a_file_are_what_the_terminal_shows(migrated, tmp_path):
    _projects(migrated)
    for fmt in ("csv", "json"):
        printed = ok(migrated("project", "list", "--format", fmt)).stdout
        target = tmp_path / f"projects.{fmt}"
        result = ok(migrated("project", "list", "--format", fmt, "-o", str(target)))
        assert target.read_text(encoding="utf-8") == printed
        assert "Wrote" in result.output
    assert len(json.loads((tmp_path / "projects.json").read_text(encoding="utf-8"))) == 2
