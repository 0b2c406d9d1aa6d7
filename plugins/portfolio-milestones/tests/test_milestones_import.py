"""``portfolio milestone import``: all rows or none, every bad row named by line and column."""

from __future__ import annotations

from pathlib import Path

from portfolio.testing import Runner, fails, ok, table_rows

from .conftest import listing, write

TABLES = ("milestones_milestone", "milestones_forecast")
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "milestones.csv"


def test_the_example_file_imports(portfolio_migrated: Runner) -> None:
    for code in ("ALPHA", "BETA"):
        ok(portfolio_migrated("project", "add", code, code.title()))
    out = ok(portfolio_migrated("milestone", "import", str(EXAMPLE))).stdout
    assert out == "Imported 8 milestone report(s) for 2024-01, 2024-02, 2024-03; 3 new milestone(s).\n"
    rows = {(r["project"], r["milestone"]): r for r in listing(portfolio_migrated, "2024-03", "--all")}
    assert (rows["ALPHA", "DESIGN"]["state"], rows["ALPHA", "DESIGN"]["actual"]) == ("reached", "2024-02-27")
    assert (rows["ALPHA", "PILOT"]["slip_days"], rows["ALPHA", "PILOT"]["slip_since_last_month"]) == (30, 16)
    assert rows["BETA", "GOLIVE"]["tolerance_days"] == 20
    # importing the same file again changes nothing
    ok(portfolio_migrated("milestone", "import", str(EXAMPLE)))
    assert {(r["project"], r["milestone"]): r for r in listing(portfolio_migrated, "2024-03", "--all")} == rows


def test_bad_rows_are_named_and_nothing_is_written(project: Runner, portfolio_db_url: str, tmp_path: Path) -> None:
    ok(
        project(
            "milestone",
            "import",
            str(
                write(
                    tmp_path,
                    "ok.csv",
                    ("project,milestone,period,forecast,name,baseline\nALPHA,M1,2024-01,2024-06-30,Pilot,2024-06-30\n"),
                )
            ),
        )
    )
    before = table_rows(portfolio_db_url, TABLES)
    content = (
        "project,milestone,period,forecast,actual,name,baseline,tolerance\n"
        "ALPHA,M1,2024-02,2024-07-01,,,,\n"  # fine on its own
        "NOPE,M1,2024-02,2024-07-01,,,,\n"
        "ALPHA,M1,2024-13,2024-07-01,,,,\n"
        "ALPHA,M1,2024-03,01/07/2024,,,,\n"
        "ALPHA,M1,2024-03,,,,,\n"
        "ALPHA,M2,2024-03,2024-07-01,2024-04-02,,,\n"
        "ALPHA,M3,2024-03,2024-07-01,,X,2024-06-30,soon\n"
        "ALPHA,M1,2024-02,2024-07-02,,,,\n"
    )
    result = fails(project("milestone", "import", str(write(tmp_path, "bad.csv", content))))
    assert result.stderr.splitlines()[1:] == [
        "line 3, column project: no project 'NOPE'",
        "line 4, column period: '2024-13' is not a month: month must be 01-12",
        "line 5, column forecast: '01/07/2024' is ambiguous; write YYYY-MM-DD or DD.MM.YYYY",
        "line 6, column forecast: give the month's forecast date, or the date reached in 'actual'",
        "line 6: ALPHA M1 2024-03 is also on line 5",  # line 5 is bad too: still the same month twice
        "line 7, column actual: 2024-04-02 is after 2024-03; a milestone is reported reached in or after its month",
        "line 7, column name: ALPHA has no milestone 'M2' yet; a new one needs a name and a baseline",
        "line 8, column tolerance: tolerance 'soon' must be days (14, 14d) or a percentage (10%)",
        "line 9: ALPHA M1 2024-02 is also on line 2",
    ]
    assert result.stderr.startswith("Error: ") and "9 problems, nothing imported" in result.stderr
    assert table_rows(portfolio_db_url, TABLES) == before


def test_a_bad_row_does_not_hide_a_missing_definition_or_a_repeat(
    project: Runner, portfolio_db_url: str, tmp_path: Path
) -> None:
    """The checks against the database and for repeats run for every row that names a milestone
    and month, whatever other rows got wrong: each problem is named, in line order."""
    before = table_rows(portfolio_db_url, TABLES)
    content = (
        "project,milestone,period,forecast,actual,name,baseline,tolerance\n"
        "NOPE,M1,2024-01,2024-02-29,,Design,2024-02-29,\n"
        "ALPHA,X6,2024-01,2024-02-29,,,,\n"  # a new milestone without name and baseline
        "ALPHA,M1,2024-01,01/07/2024,,Design,2024-02-29,\n"
        "ALPHA,M1,2024-01,2024-03-01,,,,\n"  # the month of line 4 again
        "ALPHA,M2,2024-01,2024-03-01,,Pilot,2024-13-01,\n"  # a bad baseline is named once, as such
    )
    result = fails(project("milestone", "import", str(write(tmp_path, "bad.csv", content))))
    assert result.stderr.startswith("Error: ") and "bad.csv: 5 problems, nothing imported" in result.stderr
    assert result.stderr.splitlines()[1:] == [
        "line 2, column project: no project 'NOPE'",
        "line 3, column name: ALPHA has no milestone 'X6' yet; a new one needs a name and a baseline",
        "line 4, column forecast: '01/07/2024' is ambiguous; write YYYY-MM-DD or DD.MM.YYYY",
        "line 5: ALPHA M1 2024-01 is also on line 4",
        "line 6, column baseline: '2024-13-01' is not a date in the calendar",
    ]
    assert table_rows(portfolio_db_url, TABLES) == before


def test_a_new_milestone_needs_name_and_baseline_and_a_late_problem_undoes_all(
    project: Runner, portfolio_db_url: str, tmp_path: Path
) -> None:
    before = table_rows(portfolio_db_url, TABLES)
    result = fails(
        project(
            "milestone",
            "import",
            str(
                write(
                    tmp_path,
                    "new.csv",
                    (
                        "project,milestone,period,forecast,name,baseline\n"
                        "ALPHA,M1,2024-01,2024-06-30,Pilot,2024-06-30\n"
                        "ALPHA,M2,2024-01,2024-06-30,,\n"
                    ),
                )
            ),
        )
    )
    assert (
        "line 3, column name: ALPHA has no milestone 'M2' yet; a new one needs a name and a baseline" in result.stderr
    )
    # a row reached in February, then a forecast in March: found only while writing, still all or nothing
    result = fails(
        project(
            "milestone",
            "import",
            str(
                write(
                    tmp_path,
                    "late.csv",
                    (
                        "project,milestone,period,forecast,actual,name,baseline\n"
                        "ALPHA,M1,2024-01,2024-06-30,,Pilot,2024-06-30\n"
                        "ALPHA,M1,2024-02,,2024-02-10,,\n"
                        "ALPHA,M1,2024-03,2024-06-30,,,\n"
                    ),
                )
            ),
        )
    )
    assert "line 4: ALPHA M1 was reached on 2024-02-10 (reported in 2024-02); it has no forecast after that" in (
        result.stderr
    )
    assert table_rows(portfolio_db_url, TABLES) == before


def test_a_file_without_the_columns_is_refused(project: Runner, tmp_path: Path) -> None:
    result = fails(
        project(
            "milestone", "import", str(write(tmp_path, "a.csv", "project,period,forecast\nALPHA,2024-01,2024-06-30\n"))
        )
    )
    assert "line 1: missing column 'milestone'; required: project, milestone, period" in result.stderr
    result = fails(
        project("milestone", "import", str(write(tmp_path, "b.csv", "project,milestone,period,when\nA,M,2024-01,x\n")))
    )
    assert "line 1, column when: unknown column" in result.stderr
