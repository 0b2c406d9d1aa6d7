"""``portfolio gain import``: values and new benefits from CSV, all rows or none, each bad row
named by its line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from portfolio.testing import Runner, fails, ok, table_rows

from .conftest import add_benefit, listing, write

TABLES = ("gains_benefit", "gains_value")
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "gains.csv"


def test_the_example_file_defines_a_benefit_and_its_values(project: Runner) -> None:
    out = ok(project("gain", "import", str(EXAMPLE))).stdout
    assert out == "Imported 2 benefit value(s) for 2024-01, 2024-02, 2024-03; 1 new benefit(s).\n"
    (row,) = listing(project, "2024-03")
    assert (row["benefit"], row["value"], row["change"], row["realisation_percent"]) == ("CALLS", 1120, -30, 20)


def test_values_for_an_existing_benefit_and_a_program(project: Runner, tmp_path: Path) -> None:
    ok(add_benefit(project))
    ok(project("program", "add", "PROG", "Programmet"))
    content = (
        "Subject;Benefit;Period;Value;Measure;Owner;Unit;Baseline;Target;Target_date\n"
        "ALPHA;CALLS;2024-02;1 150;;;;;;\n"
        "PROG;SAVE;2024-02;;Savings;CFO;MNOK;0;10;31.12.2025\n"
        "PROG;SAVE;2024-03;2,5;;;;;;\n"
    )
    ok(project("gain", "import", str(write(tmp_path, "v.csv", content))))
    rows = {r["benefit"]: r for r in listing(project, "2024-03")}
    assert rows["CALLS"]["value"] == 1150 and rows["SAVE"]["value"] == 2.5
    assert rows["SAVE"]["target_date"] == "2025-12-31"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("ALPHA,CALLS,2024-02,12x", "line 3, column value: '12x' is not a number"),
        ("NOPE,CALLS,2024-02,1", "line 3, column subject: no project or program 'NOPE'"),
        ("ALPHA,CALLS,2024-14,1", "line 3, column period: "),
        ("ALPHA,CALLS,2099-01,1", "line 3, column period: 2099-01 has not begun yet"),
        ("ALPHA,CALLS,2024-02,", "line 3, column value: give the month's realised value"),
        ("ALPHA,OTHER,2024-02,1", "line 3, column measure: ALPHA has no benefit 'OTHER' yet"),
        ("ALPHA,CALLS,2023-11,1", "line 3: ALPHA CALLS is measured from 2024-01; 2023-11 is before it"),
        ("ALPHA,CALLS,2024-03,1", "line 3: ALPHA CALLS 2024-03 is also on line 2"),
    ],
)
def test_one_bad_row_and_nothing_is_written(
    project: Runner, portfolio_db_url: str, tmp_path: Path, row: str, message: str
) -> None:
    ok(add_benefit(project))
    before = table_rows(portfolio_db_url, TABLES)
    content = f"subject,benefit,period,value\nALPHA,CALLS,2024-03,1000\n{row}\n"
    result = fails(project("gain", "import", str(write(tmp_path, "bad.csv", content))))
    assert message in result.stderr and "bad.csv" in result.stderr and "Traceback" not in result.stderr
    assert table_rows(portfolio_db_url, TABLES) == before


def test_a_file_without_the_columns_it_needs_is_refused(project: Runner, tmp_path: Path) -> None:
    result = fails(project("gain", "import", str(write(tmp_path, "h.csv", "subject,period,value\nALPHA,2024-02,1\n"))))
    assert "line 1: missing column 'benefit'" in result.stderr
    result = fails(project("gain", "import", str(write(tmp_path, "u.csv", "subject,benefit,period,colour\n"))))
    assert "line 1, column colour: unknown column" in result.stderr


def test_a_bad_row_does_not_hide_a_missing_definition_or_a_repeat(
    project: Runner, portfolio_db_url: str, tmp_path: Path
) -> None:
    """The checks against the database and for repeats run for every row that names a benefit and
    month, whatever other rows got wrong: each problem is named, in line order."""
    ok(add_benefit(project))
    before = table_rows(portfolio_db_url, TABLES)
    content = (
        "subject;benefit;period;value;measure;owner;unit;baseline;target;target_date\n"
        "ALPHA;CALLS;2024-13;5;;;;;;\n"
        "ALPHA;NEW;2024-04;5;;;;;;\n"  # a new benefit without its definition
        "ALPHA;CALLS;2024-03;x;;;;;;\n"
        "ALPHA;CALLS;2024-03;7;;;;;;\n"  # the month of line 4 again
        "ALPHA;SAVE;2024-02;;Savings;CFO;MNOK;0;10;31.13.2025\n"  # a bad target date, named once as such
        "ALPHA;SAVE;2024-03;2;;;;;;\n"
    )
    result = fails(project("gain", "import", str(write(tmp_path, "b.csv", content))))
    assert result.stderr.startswith("Error: ") and "b.csv: 5 problems, nothing imported" in result.stderr
    assert result.stderr.splitlines()[1:] == [
        "line 2, column period: '2024-13' is not a month: month must be 01-12",
        "line 3, column measure: ALPHA has no benefit 'NEW' yet; a new one needs measure, owner, unit, baseline, "
        "target, target_date",
        "line 4, column value: 'x' is not a number; write e.g. 1 137 600, -3 109 or 0,8",
        "line 5: ALPHA CALLS 2024-03 is also on line 4",
        "line 6, column target_date: '31.13.2025' is not a date in the calendar",
    ]
    assert table_rows(portfolio_db_url, TABLES) == before
