"""The milestones sheet of the monthly status template: a row per open milestone with its baseline
and last forecast, the new forecast or the date reached filled in by the manager and stored with
the statuses, all or nothing; as a second sheet of the workbook or a CSV file beside the statuses."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from portfolio.testing import Runner, fails, ok, table_rows

from .conftest import listing

TABLES = ("milestones_milestone", "milestones_forecast", "status_report", "status_rating")
RATINGS = ("--scope", "green", "--finance", "green", "--resources", "green", "--schedule", "green")
HEADER = ["project", "milestone", "name", "baseline", "last_forecast", "forecast", "actual"]


@pytest.fixture
def january(project: Runner) -> Runner:
    """ALPHA (manager Kari) with two milestones and a January status; BETA (manager Ola) with one."""
    ok(project("project", "edit", "ALPHA", "--manager", "Kari"))
    ok(project("project", "add", "BETA", "Beta", "--manager", "Ola"))
    for code in ("ALPHA", "BETA"):
        ok(
            project(
                "status", "set", code, "--period", "2024-01", *RATINGS, "--dependencies", "green", "--benefits", "na"
            )
        )
    add = ("milestone", "add")
    ok(project(*add, "ALPHA", "M1", "--name", "Pilot", "--baseline", "2024-03-31", "--period", "2024-01"))
    ok(project(*add, "ALPHA", "M2", "--name", "Drift", "--baseline", "2024-09-30", "--period", "2024-01"))
    ok(project(*add, "BETA", "B1", "--name", "Kontrakt", "--baseline", "2024-04-30", "--period", "2024-01"))
    ok(project("milestone", "forecast", "ALPHA", "M1", "--period", "2024-01", "--date", "2024-04-15"))
    return project


def sheet_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def fill_csv(path: Path, values: dict[str, tuple[str, str]]) -> None:
    """Fill in ``forecast`` and ``actual`` of the rows named by milestone key."""
    rows = sheet_rows(path)
    for row in rows:
        if len(row) == len(HEADER) and row[1] in values:
            row[5], row[6] = values[row[1]]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8-sig")


def test_csv_template_has_a_milestones_file_beside_it_with_the_last_forecast(january: Runner, tmp_path: Path) -> None:
    result = ok(january("status", "template", "--period", "2024-02", "--manager", "Kari", "-o", "kari.csv"))
    assert result.stdout == "Wrote kari.csv (manager Kari, 1 row).\nWrote kari.milestones.csv (2 rows).\n"
    rows = sheet_rows(tmp_path / "kari.milestones.csv")
    assert rows[0][0].startswith("# portfolio status sheet: milestones - give each open milestone's forecast")
    assert rows[1:3] == [["# period: 2024-02"], ["# projects: ALPHA"]]
    assert rows[4] == HEADER
    assert rows[5:] == [  # BETA is Ola's: not in Kari's file
        ["ALPHA", "M1", "Pilot", "2024-03-31", "2024-04-15", "", ""],
        ["ALPHA", "M2", "Drift", "2024-09-30", "2024-09-30", "", ""],
    ]
    ok(january("status", "template", "--period", "2024-02", "--manager", "Ola", "-o", "ola.csv"))
    assert sheet_rows(tmp_path / "ola.milestones.csv")[5:] == [
        ["BETA", "B1", "Kontrakt", "2024-04-30", "2024-04-30", "", ""]
    ]


def test_the_filled_in_sheet_is_stored_with_the_statuses(january: Runner, tmp_path: Path) -> None:
    ok(january("status", "template", "--period", "2024-02", "--manager", "Kari", "-o", "kari.csv"))
    fill_csv(tmp_path / "kari.milestones.csv", {"M1": ("2024-05-15", ""), "M2": ("", "2024-02-20")})
    result = ok(january("status", "import", "kari.csv"))  # the sheet beside it is found and read
    assert "kari.milestones.csv: 1 milestone forecast and 1 reached stored for 2024-02" in result.stdout
    assert "Imported 1 status for 2024-02 from kari.csv." in result.stdout
    rows = {r["milestone"]: r for r in listing(january, "2024-02")}
    assert (rows["M1"]["forecast"], rows["M1"]["slip_since_last_month"]) == ("2024-05-15", 30)
    assert (rows["M2"]["actual"], rows["M2"]["state"]) == ("2024-02-20", "reached")
    # the next month's sheet has M1 with February's forecast as its last one, and M2 no more
    ok(january("status", "template", "--period", "2024-03", "--manager", "Kari", "-o", "march.csv"))
    assert sheet_rows(tmp_path / "march.milestones.csv")[5:] == [
        ["ALPHA", "M1", "Pilot", "2024-03-31", "2024-05-15", "", ""]
    ]


def test_empty_rows_store_nothing_and_both_files_may_be_given(january: Runner, tmp_path: Path) -> None:
    ok(january("status", "template", "--period", "2024-02", "-o", "all.csv"))
    fill_csv(tmp_path / "all.milestones.csv", {"B1": ("2024-05-31", "")})
    result = ok(january("status", "import", "all.csv", "all.milestones.csv"))
    assert "all.milestones.csv: 1 milestone forecast and 0 reached stored for 2024-02" in result.stdout
    assert result.stdout.count("all.milestones.csv") == 1
    rows = {r["milestone"]: r for r in listing(january, "2024-02")}
    assert rows["B1"]["forecast"] == "2024-05-31" and rows["M1"]["forecast"] == "2024-04-15"  # M1 left as it was
    fill_csv(tmp_path / "all.milestones.csv", {"B1": ("2024-06-30", "")})
    result = ok(january("status", "import", "all.milestones.csv"))  # the sheet alone: its month from its line
    assert "1 milestone forecast and 0 reached stored for 2024-02" in result.stdout
    assert {r["milestone"]: r for r in listing(january, "2024-02")}["B1"]["forecast"] == "2024-06-30"


@pytest.mark.parametrize(
    ("values", "problem"),
    [
        ({"M1": ("2024-02-30", "")}, "row 6, column forecast: '2024-02-30' is not a date in the calendar"),
        ({"M1": ("next spring", "")}, "row 6, column forecast: 'next spring' is not a date; write YYYY-MM-DD"),
        ({"M2": ("", "2024-03-05")}, "row 7, column actual: date reached 2024-03-05 is after 2024-02"),
    ],
)
def test_a_bad_date_refuses_every_file_in_one_line_and_writes_nothing(
    january: Runner, tmp_path: Path, portfolio_db_url: str, values: dict, problem: str
) -> None:
    ok(january("status", "template", "--period", "2024-02", "--manager", "Kari", "-o", "kari.csv"))
    fill_csv(tmp_path / "kari.milestones.csv", {"M2": ("2024-10-31", ""), **values})
    before = table_rows(portfolio_db_url, TABLES)
    result = fails(january("status", "import", "kari.csv"))
    assert result.stderr.startswith(f"Error: kari.milestones.csv: {problem}")
    assert result.stderr.endswith("; nothing was written\n") and result.stderr.count("\n") == 1
    assert table_rows(portfolio_db_url, TABLES) == before  # neither the statuses nor M2's good row


def test_a_bad_date_does_not_hide_what_storing_another_row_refuses(
    january: Runner, tmp_path: Path, portfolio_db_url: str
) -> None:
    """The good rows are still checked against what is stored: every problem named, in row order."""
    ok(january("status", "template", "--period", "2024-02", "--manager", "Kari", "-o", "kari.csv"))
    ok(january("milestone", "reach", "ALPHA", "M2", "--period", "2024-01", "--date", "2024-01-20"))
    # M2 was reached in January: a forecast for February is refused when it is stored
    fill_csv(tmp_path / "kari.milestones.csv", {"M1": ("next spring", ""), "M2": ("2024-10-31", "")})
    before = table_rows(portfolio_db_url, TABLES)
    result = fails(january("status", "import", "kari.csv"))
    assert result.stderr.splitlines() == [
        "Error: kari.milestones.csv: 2 problems, nothing imported",
        "row 6, column forecast: 'next spring' is not a date; write YYYY-MM-DD or DD.MM.YYYY",
        "row 7, column forecast: ALPHA M2 was reached on 2024-01-20 (reported in 2024-01); it has no forecast "
        "after that",
    ]
    assert table_rows(portfolio_db_url, TABLES) == before


def test_rows_for_another_project_or_an_unknown_milestone_are_refused(
    january: Runner, tmp_path: Path, portfolio_db_url: str
) -> None:
    ok(january("status", "template", "--period", "2024-02", "--manager", "Kari", "-o", "kari.csv"))
    path = tmp_path / "kari.milestones.csv"
    text = path.read_text(encoding="utf-8-sig")
    path.write_text(text + "BETA,B1,,,,2024-05-31,\r\nALPHA,M9,,,,2024-05-31,\r\n", encoding="utf-8-sig")
    before = table_rows(portfolio_db_url, TABLES)
    result = fails(january("status", "import", "kari.csv"))
    assert "kari.milestones.csv: 2 problems, nothing imported" in result.stderr
    assert "row 8, column project: 'BETA' is not in this file's projects: ALPHA" in result.stderr
    assert "row 9, column milestone: project ALPHA has no milestone 'M9'" in result.stderr
    assert table_rows(portfolio_db_url, TABLES) == before


def test_xlsx_template_has_a_milestones_sheet_that_reads_back(january: Runner, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    result = ok(january("status", "template", "--period", "2024-02", "-o", "all.xlsx"))
    assert "  with the sheet Milestones (3 rows).\n" in result.stdout
    book = load_workbook(tmp_path / "all.xlsx")
    assert book.sheetnames == ["Statuses", "Milestones"]
    sheet = book["Milestones"]
    assert [c.value for c in sheet[5]] == HEADER
    assert [c.value for c in sheet[6]] == ["ALPHA", "M1", "Pilot", "2024-03-31", "2024-04-15", None, None]
    assert sheet.protection.sheet and sheet["A6"].protection.locked and not sheet["F6"].protection.locked
    sheet["F6"] = "2024-06-01"
    sheet["G7"] = "2024-02-10"
    sheet["F8"] = "31.05.2024"  # the Norwegian way is read too
    book.save(tmp_path / "all.xlsx")
    result = ok(january("status", "import", "all.xlsx"))
    assert "all.xlsx, sheet Milestones: 2 milestone forecasts and 1 reached stored for 2024-02" in result.stdout
    rows = {r["milestone"]: r for r in listing(january, "2024-02")}
    assert (rows["M1"]["forecast"], rows["M2"]["actual"], rows["B1"]["forecast"]) == (
        "2024-06-01",
        "2024-02-10",
        "2024-05-31",
    )
    sheet["F6"] = "2024-13-01"
    book.save(tmp_path / "all.xlsx")
    result = fails(january("status", "import", "all.xlsx"))
    assert result.stderr == (
        "Error: all.xlsx, sheet Milestones: row 6, column forecast: '2024-13-01' is not a date in the calendar; "
        "nothing was written\n"
    )


def test_a_closed_month_refuses_the_sheet_with_or_without_the_statuses(
    january: Runner, tmp_path: Path, portfolio_db_url: str
) -> None:
    ok(january("status", "template", "--period", "2024-02", "--manager", "Kari", "-o", "kari.csv"))
    fill_csv(tmp_path / "kari.milestones.csv", {"M1": ("2024-05-15", "")})
    ok(january("period", "close", "2024-02", user="alice"))
    before = table_rows(portfolio_db_url, TABLES)
    closed = "period 2024-02 is closed by alice; reopen it with 'portfolio period open 2024-02 --reason \"...\"'"
    assert closed in fails(january("status", "import", "kari.csv")).stderr
    assert closed in fails(january("status", "import", "kari.milestones.csv")).stderr
    assert table_rows(portfolio_db_url, TABLES) == before


def test_a_sheet_for_another_month_is_refused(january: Runner, tmp_path: Path) -> None:
    ok(january("status", "template", "--period", "2024-02", "--manager", "Kari", "-o", "kari.csv"))
    ok(january("status", "template", "--period", "2024-03", "--manager", "Kari", "-o", "march.csv"))
    result = fails(january("status", "import", "kari.csv", "march.milestones.csv"))
    assert "march.milestones.csv is for 2024-03, not 2024-02" in result.stderr
