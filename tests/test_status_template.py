"""Status templates: what they hold, how spreadsheets may change them, and what the import refuses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import fails, ok

NO_ACTIONS = "," * 18  # the empty recovery action cells (what, owner, due of six dimensions), each after a comma
pytestmark = pytest.mark.usefixtures("core_only")

JANUARY = """\
code,scope,finance,resources,schedule,dependencies,benefits,resources_comment,comment
HIS2,green,green,green,green,green,na,,Program
IAM2,green,green,yellow,green,green,na,Sykmeldt,Utrulling
NAC,green,green,green,yellow,green,na,,
"""


@pytest.fixture
def reg(migrated, tmp_path: Path):  # type: ignore[no-untyped-def]
    ok(migrated("program", "add", "HIS2", "Helhetlig informasjonssikkerhet 2", "--number", "1", "--owner", "Siv"))
    ok(migrated("project", "add", "IAM2", "IAM 2", "--program", "HIS2", "--number", "1.1", "--manager", "Kari"))
    ok(migrated("project", "add", "NAC", "NAC", "--program", "HIS2", "--number", "1.2", "--manager", "Kari"))
    ok(migrated("project", "add", "SOLO", "Alene", "--manager", "Åse Øye"))
    (tmp_path / "jan.csv").write_text(JANUARY, encoding="utf-8")
    ok(migrated("status", "import", "jan.csv", "--period", "2024-01"))
    return migrated


def template_rows(path: Path) -> list[list[str]]:
    return [line.split(",") for line in path.read_text(encoding="utf-8-sig").splitlines()]


def test_csv_template_header_and_prefilled_rows(reg, tmp_path: Path) -> None:
    result = ok(reg("status", "template", "--period", "2024-02", "--program", "HIS2", "-o", "his2.csv"))
    assert result.stdout == "Wrote his2.csv (program HIS2, 3 rows).\n"
    raw = (tmp_path / "his2.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf# portfolio status template")  # BOM: Excel reads it as UTF-8
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[1:4] == ["# period: 2024-02", "# scope: program HIS2", "# projects: HIS2 IAM2 NAC"]
    assert lines[5].startswith("code,name,manager,scope,scope_comment,finance,finance_comment,")
    # last month's ratings, no comments (they were last month's), version 0: no status for February yet
    assert lines[7] == "IAM2,IAM 2,Kari,green,,green,,yellow,,green,,green,,na,," + NO_ACTIONS + ",0"
    assert (
        lines[6]
        == "HIS2,Helhetlig informasjonssikkerhet 2,Siv,green,,green,,green,,green,,green,,na,," + NO_ACTIONS + ",0"
    )


def test_a_template_of_a_month_already_reported_carries_its_comments_and_version(reg, tmp_path: Path) -> None:
    ok(reg("status", "template", "--period", "2024-01", "--manager", "Kari", "-o", "kari.csv"))
    lines = (tmp_path / "kari.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[6] == "IAM2,IAM 2,Kari,green,,green,,yellow,Sykmeldt,green,,green,,na," + NO_ACTIONS + ",Utrulling,1"
    # and it imports back unchanged as it is
    assert "2 statuses for 2024-01" in ok(reg("status", "import", "kari.csv")).stdout


def test_a_subject_that_never_reported_has_empty_ratings_the_import_asks_for(reg, tmp_path: Path) -> None:
    ok(reg("status", "template", "--period", "2024-02", "--manager", "Åse Øye", "-o", "solo.csv"))
    lines = (tmp_path / "solo.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[6] == "SOLO,Alene,Åse Øye,,,,,,,,,,,,," + NO_ACTIONS + ",0"
    result = fails(reg("status", "import", "solo.csv"))
    assert "line 7, column scope: empty; use green, yellow, red or na" in result.stderr


def test_what_excel_does_to_a_csv_still_imports(reg, tmp_path: Path) -> None:
    """Norwegian Excel: semicolons, the # lines padded with empty cells, CRLF, no BOM, quoted text."""
    ok(reg("status", "template", "--period", "2024-02", "--manager", "Kari", "-o", "kari.csv"))
    lines = (tmp_path / "kari.csv").read_text(encoding="utf-8-sig").splitlines()
    width = len(lines[5].split(","))
    saved = []
    for line in lines:
        if line.startswith("#"):
            saved.append(line + ";" * (width - 1))
        else:
            saved.append(line.replace(",", ";"))
    saved[6] = saved[6].replace(";yellow;", ";red;", 1)
    saved.insert(3, ";" * (width - 1))  # an empty row in the middle of the header lines
    (tmp_path / "excel.csv").write_bytes(("\r\n".join(saved) + "\r\n").encode("utf-8"))
    result = ok(reg("status", "import", "excel.csv"))
    assert "  IAM2: resources yellow → red\n" in result.stdout
    assert "Imported 2 statuses for 2024-02 from excel.csv." in result.stdout


def test_xlsx_template_has_lists_protection_and_reads_back(reg, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    ok(reg("status", "template", "--period", "2024-02", "-o", "all.xlsx"))
    book = load_workbook(tmp_path / "all.xlsx")
    sheet = book["Statuses"]
    assert sheet["A2"].value == "# period: 2024-02"
    assert sheet["A4"].value == "# projects: SOLO HIS2 IAM2 NAC"
    assert [c.value for c in sheet[6]][:4] == ["code", "name", "manager", "scope"]
    assert sheet.protection.sheet is True
    assert sheet["D7"].protection.locked is False and sheet["A7"].protection.locked is True
    validation = sheet.data_validations.dataValidation[0]
    assert validation.formula1 == '"green,yellow,red,na"'
    assert "D7:D10" in str(validation.sqref)
    sheet["D7"].value = "green"  # SOLO never reported: fill it in
    for column in "FHJLN":
        sheet[f"{column}7"].value = "green"
    version = [c.value for c in sheet[6]].index("version") + 1
    sheet.cell(7, version).value = 0  # a number cell, as Excel keeps it
    book.save(tmp_path / "all.xlsx")
    result = ok(reg("status", "import", "all.xlsx"))
    assert "all.xlsx: 4 statuses for 2024-02 against 2024-01: 1 new, 0 changed, 3 unchanged\n" in result.stdout


def test_import_refuses_mixed_months_and_files_without_a_month(reg, tmp_path: Path) -> None:
    ok(reg("status", "template", "--period", "2024-02", "--manager", "Kari", "-o", "feb.csv"))
    ok(reg("status", "template", "--period", "2024-03", "--manager", "Kari", "-o", "mar.csv"))
    result = fails(reg("status", "import", "feb.csv", "mar.csv"))
    assert "the files are for different months: feb.csv (2024-02), mar.csv (2024-03)" in result.stderr
    result = fails(reg("status", "import", "jan.csv"))
    assert result.stderr == "Error: the files do not say which month they are for; give --period YYYY-MM\n"
    result = fails(reg("status", "import", "feb.csv", "jan.csv"))
    assert "jan.csv does not say which month it is for; give --period 2024-02" in result.stderr


def test_a_template_without_its_period_line_is_refused(reg, tmp_path: Path) -> None:
    ok(reg("status", "template", "--period", "2024-02", "--manager", "Kari", "-o", "kari.csv"))
    path = tmp_path / "kari.csv"
    path.write_text(
        "\n".join(line for line in path.read_text(encoding="utf-8-sig").splitlines() if "# period" not in line),
        encoding="utf-8",
    )
    result = fails(reg("status", "import", "kari.csv", "--period", "2024-02"))
    assert "kari.csv: the template's '# period:' line is missing" in result.stderr
    path.write_text(path.read_text(encoding="utf-8").replace("# scope", "# period: 2024-14\n# scope"), encoding="utf-8")
    result = fails(reg("status", "import", "kari.csv"))
    assert "kari.csv: line 2, '# period:': '2024-14' is not a month: month must be 01-12" in result.stderr


def test_one_bad_file_of_several_writes_nothing(reg, tmp_path: Path, db_url: str) -> None:
    ok(reg("status", "template", "--period", "2024-02", "--split-by", "manager", "-o", "out"))
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == ["statuses-2024-02-ase-oye.csv", "statuses-2024-02-kari.csv", "statuses-2024-02-siv.csv"]
    solo = tmp_path / "out" / "statuses-2024-02-ase-oye.csv"
    solo.write_text(solo.read_text(encoding="utf-8-sig").replace("SOLO,Alene,Åse Øye,,", "SOLO,Alene,Åse Øye,red,"))
    result = fails(reg("status", "import", *(f"out/{name}" for name in names)))
    assert "out/statuses-2024-02-ase-oye.csv: 5 problems, nothing imported" in result.stderr
    assert result.stderr.endswith("nothing was written from the 3 files\n")
    missing = json.loads(ok(reg("status", "missing", "--period", "2024-02", "--format", "json")).stdout)
    assert [row["code"] for row in missing] == ["SOLO", "HIS2", "IAM2", "NAC"]


def test_split_refuses_existing_files_before_writing_any(reg, tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "statuses-2024-02-siv.csv").write_text("mine", encoding="utf-8")
    result = fails(reg("status", "template", "--period", "2024-02", "--split-by", "manager", "-o", "out"))
    assert "out/statuses-2024-02-siv.csv exists; use --force to replace it (nothing was written)" in result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["statuses-2024-02-siv.csv"]
    ok(reg("status", "template", "--period", "2024-02", "--split-by", "manager", "-o", "out", "--force"))
    assert len(list((tmp_path / "out").iterdir())) == 3


def test_unknown_manager_or_program_is_named_with_a_suggestion(reg) -> None:
    result = fails(reg("status", "template", "--period", "2024-02", "--manager", "kari", "-o", "x.csv"))
    assert result.stderr == "Error: no project or program is managed by 'kari'; did you mean Kari?\n"
    result = fails(reg("status", "missing", "--period", "2024-02", "--program", "HIS"))
    assert result.stderr == "Error: no program 'HIS'; did you mean HIS2?\n"


def test_missing_lists_who_has_not_reported(reg) -> None:
    result = ok(reg("status", "missing", "--period", "2024-01"))
    assert result.stdout.splitlines()[2].split() == ["SOLO", "project", "Alene", "Åse", "Øye"]
    assert result.stdout.endswith("\n1 of 4 without a status for 2024-01.\n")
    assert ok(reg("status", "missing", "--period", "2024-01", "--manager", "Kari")).stdout == (
        "2024-01: every project and program has reported (2).\n"
    )
    rows = json.loads(ok(reg("status", "missing", "--period", "2024-02", "--format", "json")).stdout)
    assert rows[0] == {"code": "SOLO", "kind": "project", "name": "Alene", "manager": "Åse Øye"}
    assert len(rows) == 4


def test_a_program_counts_as_reported_once_a_project_has(reg) -> None:
    """Its ratings roll up from its projects' (as portfolio check sees it), so nobody chases it."""
    ok(reg("status", "set", "IAM2", "--period", "2024-03", "--scope", "green"))
    rows = json.loads(ok(reg("status", "missing", "--period", "2024-03", "--format", "json")).stdout)
    assert [row["code"] for row in rows] == ["SOLO", "NAC"]
    check = json.loads(ok_or_findings(reg("check", "--period", "2024-03", "--format", "json")))
    assert {f["message"] for f in check if f["code"] == "status-missing"} == {
        "project SOLO has no status for 2024-03",
        "project NAC has no status for 2024-03",
    }


def ok_or_findings(result) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == 1, result.output  # check fails: errors found
    return result.stdout


def test_format_and_file_name_must_agree_and_split_files_can_be_workbooks(reg, tmp_path: Path) -> None:
    result = fails(reg("status", "template", "--period", "2024-02", "--format", "xlsx", "-o", "a.csv"), code=2)
    assert "'a.csv' ends in .csv but --format is xlsx" in result.stderr
    assert not (tmp_path / "a.csv").exists()
    ok(reg("status", "template", "--period", "2024-02", "--split-by", "manager", "--format", "xlsx", "-o", "x"))
    assert sorted(p.suffix for p in (tmp_path / "x").iterdir()) == [".xlsx"] * 3
    result = ok(reg("status", "import", "x/statuses-2024-02-kari.xlsx", "x/statuses-2024-02-siv.xlsx"))
    assert "x/statuses-2024-02-siv.xlsx: 1 status for 2024-02 against 2024-01: 0 new, 0 changed, 1 unchanged" in (
        result.stdout
    )
    assert result.stdout.endswith("Imported 3 statuses for 2024-02 from 2 files.\n")
    result = fails(reg("status", "import", "x/statuses-2024-02-ase-oye.xlsx"))  # SOLO was never rated
    assert "line 7, column scope: empty; use green, yellow, red or na" in result.stderr


def test_a_template_where_nothing_was_ever_reported_asks_for_every_rating(migrated, tmp_path: Path) -> None:
    ok(migrated("project", "add", "NEW", "Ny", "--manager", "Kari"))
    ok(migrated("status", "template", "--period", "2024-01", "-o", "new.csv"))
    text = (tmp_path / "new.csv").read_text(encoding="utf-8-sig")
    assert "# No ratings have been reported yet: fill in every rating (scope finance" in text
    assert "last ones reported" not in text
