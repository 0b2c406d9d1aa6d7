"""``portfolio hr``: importing, setting and showing sick leave, AML breaches and HMS text, and
refusing bad input in one clear line."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

from portfolio.api import Period
from portfolio.testing import Runner, fails, ok

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
FUTURE = str(Period.current().next())


def sick_leave(run: Runner, year: int) -> dict[str, dict[str, Decimal | None]]:
    result = ok(run("hr", "show", "sick-leave", "--year", str(year), "--format", "json"))
    rows = json.loads(result.stdout, parse_float=Decimal)
    assert all(row.pop("possible_days") is None for row in rows)  # files of percentages have no days
    return {row.pop("period"): row for row in rows}


def aml_rows(run: Runner, period: str) -> list[dict[str, str]]:
    result = ok(run("hr", "show", "aml", "--period", period, "--format", "csv"))
    return list(csv.DictReader(io.StringIO(result.stdout)))


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


# ---------------------------------------------------------------- sick leave


def test_example_sick_leave_file_imports_the_demo_year(portfolio_migrated: Runner) -> None:
    result = ok(portfolio_migrated("hr", "import", "sick-leave", str(EXAMPLES / "sick-leave-2023.csv")))
    assert "Imported sick leave for 13 months (2023-01 to 2024-01)." in result.output
    months = sick_leave(portfolio_migrated, 2023)
    assert len(months) == 12
    assert months["2023-01"] == {
        "total": Decimal("7.4"),
        "short_term": Decimal("2.9"),
        "long_term": Decimal("4.5"),
        "self_certified": Decimal("1.3"),
        "doctor_certified": Decimal("6.1"),
    }
    assert sum(m["total"] for m in months.values()) / 12 == Decimal("6.05")
    table = ok(portfolio_migrated("hr", "show", "sick-leave", "--year", "2023")).output
    assert table.splitlines()[-1].split() == ["average", "6.05", "2.47", "3.58", "1.04", "5.01"]


def test_import_reads_decimal_commas_percent_signs_and_optional_columns(
    portfolio_migrated: Runner, tmp_path: Path
) -> None:
    path = write(
        tmp_path,
        "s.csv",
        "Period;Total;Short-term;Long-term\n2023-05;5,3 %;2,0;3,3\n2023-06;5.4%;;\n",
    )
    ok(portfolio_migrated("hr", "import", "sick-leave", path))
    months = sick_leave(portfolio_migrated, 2023)
    assert months["2023-05"]["total"] == Decimal("5.3")
    assert months["2023-05"]["long_term"] == Decimal("3.3")
    assert months["2023-05"]["self_certified"] is None
    assert months["2023-06"] == {
        "total": Decimal("5.4"),
        "short_term": None,
        "long_term": None,
        "self_certified": None,
        "doctor_certified": None,
    }
    # importing a month again replaces it as a whole
    path = write(tmp_path, "t.csv", "period,total\n2023-05,5\n")
    ok(portfolio_migrated("hr", "import", "sick-leave", path))
    assert sick_leave(portfolio_migrated, 2023)["2023-05"]["long_term"] is None


def test_bad_sick_leave_rows_are_all_reported_and_nothing_is_imported(
    portfolio_migrated: Runner, tmp_path: Path
) -> None:
    path = write(
        tmp_path,
        "bad.csv",
        "period,total,short_term,long_term\n"
        "2023-01,6,3,3\n"
        "2023-02,101,2,3\n"
        "2023-03,5,-1,3\n"
        f"{FUTURE},5,2,3\n"
        "2023-13,5,2,3\n"
        "2023-04,,2,3\n"
        "2023-01,5,2,3\n"
        "2023-05,5.123,2,3\n"
        "2023-06,1.000.000,2,3\n",
    )
    result = fails(portfolio_migrated("hr", "import", "sick-leave", path))
    assert "8 problems, nothing imported" in result.output
    assert "line 3, column total: '101' is above 100; a percentage is between 0 and 100" in result.output
    assert "line 4, column short_term: '-1' is below 0; a percentage is between 0 and 100" in result.output
    assert f"line 5, column period: {FUTURE} is in the future; the latest month allowed is" in result.output
    assert "line 6, column period: '2023-13' is not a month" in result.output
    assert "line 7, column total: empty; the total is required" in result.output
    assert "line 8, column period: 2023-01 is already on line 2" in result.output
    assert "line 9, column total: '5.123' has more than 2 decimals" in result.output
    assert "line 10, column total: '1.000.000' is ambiguous" in result.output
    assert sick_leave(portfolio_migrated, 2023) == {}


def test_unknown_and_missing_sick_leave_columns(portfolio_migrated: Runner, tmp_path: Path) -> None:
    result = fails(
        portfolio_migrated(
            "hr",
            "import",
            "sick-leave",
            write(tmp_path, "a.csv", "period,total,sickness\n2023-01,5,1\n"),
        )
    )
    assert "unknown column 'sickness'; allowed: period, total, short_term, long_term" in result.output
    result = fails(
        portfolio_migrated("hr", "import", "sick-leave", write(tmp_path, "b.csv", "period,short_term\n2023-01,5\n"))
    )
    assert "column 'total' is missing; required: period, total" in result.output
    path = write(tmp_path, "c.csv", "period,total,Short-term,short_term\n2023-01,5,1,1\n")
    result = fails(portfolio_migrated("hr", "import", "sick-leave", path))
    assert "columns 'Short-term' and 'short_term' are the same column" in result.output
    fails(portfolio_migrated("hr", "import", "sick-leave", str(tmp_path / "missing.csv")))


def test_parts_that_do_not_add_up_are_imported_with_a_warning(portfolio_migrated: Runner, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "s.csv",
        "period,total,short_term,long_term\n2023-01,6.8,2.9,3.6\n2023-02,6.8,2.9,3.8\n",
    )
    result = ok(portfolio_migrated("hr", "import", "sick-leave", path))
    assert "line 2: 2023-01: short_term + long_term = 6.5 but total is 6.8" in result.stderr
    assert "2023-02" not in result.stderr  # 6.7 against 6.8 is rounding
    assert len(sick_leave(portfolio_migrated, 2023)) == 2


def test_set_sick_leave_creates_updates_and_clears(portfolio_migrated: Runner) -> None:
    run = portfolio_migrated
    result = fails(run("hr", "set", "sick-leave", "--period", "2023-03", "--short-term", "2,6"))
    assert "2023-03 has no sick-leave figures yet; give its total" in result.output
    ok(
        run(
            "hr",
            "set",
            "sick-leave",
            "--period",
            "2023-03",
            "--total",
            "6,4",
            "--short-term",
            "2,6",
        )
    )
    ok(run("hr", "set", "sick-leave", "--period", "2023-03", "--long-term", "3.8 %"))
    month = sick_leave(run, 2023)["2023-03"]
    assert (month["total"], month["short_term"], month["long_term"]) == (
        Decimal("6.4"),
        Decimal("2.6"),
        Decimal("3.8"),
    )
    ok(run("hr", "set", "sick-leave", "--period", "2023-03", "--short-term", ""))
    assert sick_leave(run, 2023)["2023-03"]["short_term"] is None
    fails(run("hr", "set", "sick-leave", "--period", "2023-03"), code=2)
    result = fails(run("hr", "set", "sick-leave", "--period", "2023-03", "--total", ""))
    assert "the total of 2023-03 cannot be removed" in result.output


def test_set_sick_leave_refuses_bad_percentages_and_future_months(
    portfolio_migrated: Runner,
) -> None:
    run = portfolio_migrated
    result = fails(run("hr", "set", "sick-leave", "--period", "2023-03", "--total", "100,5"), code=2)
    assert "'100,5' is above 100; a percentage is between 0 and 100" in result.output
    result = fails(run("hr", "set", "sick-leave", "--period", "2023-03", "--total", "-0,1"), code=2)
    assert "'-0,1' is below 0" in result.output
    result = fails(run("hr", "set", "sick-leave", "--period", "2023-03", "--total", "lots"), code=2)
    assert "'lots' is not a number" in result.output
    result = fails(run("hr", "set", "sick-leave", "--period", FUTURE, "--total", "5"))
    assert f"{FUTURE} is in the future" in result.output
    fails(run("hr", "set", "sick-leave", "--period", "2023-3x", "--total", "5"), code=2)
    assert sick_leave(run, 2023) == {}
    # 100 and 0 themselves are percentages
    ok(run("hr", "set", "sick-leave", "--period", "2023-03", "--total", "100", "--short-term", "0"))


def test_set_sick_leave_warns_when_parts_do_not_add_up(portfolio_migrated: Runner) -> None:
    result = ok(
        portfolio_migrated(
            "hr",
            "set",
            "sick-leave",
            "--period",
            "2023-03",
            "--total",
            "6",
            "--self-certified",
            "1",
            "--doctor-certified",
            "4",
        )
    )
    assert "warning: 2023-03: self_certified + doctor_certified = 5 but total is 6" in result.stderr


def test_closed_months_are_read_only(portfolio_migrated: Runner, tmp_path: Path) -> None:
    run = portfolio_migrated
    ok(run("period", "close", "2023-12"))
    result = fails(run("hr", "set", "sick-leave", "--period", "2023-12", "--total", "6"))
    assert "period 2023-12 is closed" in result.output
    result = fails(
        run(
            "hr",
            "import",
            "sick-leave",
            write(tmp_path, "s.csv", "period,total\n2023-11,6\n2023-12,6\n"),
        )
    )
    assert "line 3, column period: period 2023-12 is closed" in result.output
    fails(run("hr", "set", "aml", "--period", "2023-12", "--type", "weekly_rest", "--count", "1"))
    result = fails(run("hr", "import", "aml", write(tmp_path, "a.csv", "type,2023-12\nweekly_rest,1\n")))
    assert "column 2023-12: period 2023-12 is closed" in result.output
    fails(run("hr", "set", "text", "--period", "2023-12", "--text", "Tekst"))
    assert sick_leave(run, 2023) == {}


# ---------------------------------------------------------------- AML


def test_example_aml_file_in_the_reports_layout(portfolio_migrated: Runner) -> None:
    result = ok(portfolio_migrated("hr", "import", "aml", str(EXAMPLES / "aml-2024-01.csv")))
    assert "Imported 24 AML breach counts for 4 months (2023-10 to 2024-01)." in result.output
    rows = aml_rows(portfolio_migrated, "2024-01")
    assert [row["type"] for row in rows] == [
        "total_per_day",
        "hours_per_week",
        "hours_per_4_weeks",
        "sundays_in_row",
        "weekly_rest",
        "total_per_week",
        "total",
    ]
    assert rows[2] == {
        "type": "hours_per_4_weeks",
        "label": "AML timer pr. 4 uker",
        "2023-10": "1",
        "2023-11": "0",
        "2023-12": "3",
        "2024-01": "2",
    }
    assert [rows[-1][m] for m in ("2023-10", "2023-11", "2023-12", "2024-01")] == [
        "26",
        "32",
        "26",
        "35",
    ]


def test_example_aml_file_with_one_row_per_month_and_type(portfolio_migrated: Runner) -> None:
    result = ok(portfolio_migrated("hr", "import", "aml", str(EXAMPLES / "aml-2024-01-rows.csv")))
    assert "Imported 6 AML breach counts for 1 month (2024-01)." in result.output
    assert aml_rows(portfolio_migrated, "2024-01")[-1]["2024-01"] == "35"


def test_aml_one_row_per_month_and_type_accepts_keys_and_labels(portfolio_migrated: Runner, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "aml.csv",
        "period;type;count\n2024-01;Samlet tid pr. dag;9\n2024-01;weekly time off;11\n2024-01;SUNDAYS_IN_ROW;4\n",
    )
    result = ok(portfolio_migrated("hr", "import", "aml", path))
    assert "Imported 3 AML breach counts for 1 month (2024-01)." in result.output
    rows = {row["type"]: row["2024-01"] for row in aml_rows(portfolio_migrated, "2024-01")}
    assert rows == {
        "total_per_day": "9",
        "hours_per_week": "0",
        "hours_per_4_weeks": "0",
        "sundays_in_row": "4",
        "weekly_rest": "11",
        "total_per_week": "0",
        "total": "24",
    }
    # a month imported again is replaced as a whole
    ok(
        portfolio_migrated(
            "hr",
            "import",
            "aml",
            write(tmp_path, "b.csv", "period,type,count\n2024-01,weekly_rest,2\n"),
        )
    )
    assert aml_rows(portfolio_migrated, "2024-01")[-1]["2024-01"] == "2"
    # a month never recorded stays empty, not zero
    assert aml_rows(portfolio_migrated, "2024-01")[-1]["2023-12"] == ""


def test_bad_aml_rows_are_all_reported_and_nothing_is_imported(portfolio_migrated: Runner, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "aml.csv",
        "period,type,count\n"
        "2024-01,Samlet tid pr. dag,9\n"
        "2024-01,Overtid,3\n"
        "2024-01,weekly_rest,-2\n"
        f"{FUTURE},weekly_rest,1\n"
        "2024-01,total_per_day,1\n"
        "2024-01,sundays_in_row,2.5\n",
    )
    result = fails(portfolio_migrated("hr", "import", "aml", path))
    assert "5 problems, nothing imported" in result.output
    assert (
        "line 3, column type: 'Overtid' is not a breach type; allowed: total_per_day, "
        "hours_per_week, "
        "hours_per_4_weeks, sundays_in_row, weekly_rest, total_per_week"
    ) in result.output
    assert "line 4, column count: '-2' is negative" in result.output
    assert f"line 5, column period: {FUTURE} is in the future" in result.output
    assert "line 6, column type: total_per_day for 2024-01 is already on line 2" in result.output
    assert "line 7, column count: '2.5' is not a whole number" in result.output
    assert aml_rows(portfolio_migrated, "2024-01")[-1]["2024-01"] == ""


def test_a_repeat_of_a_bad_aml_row_is_named(portfolio_migrated: Runner, tmp_path: Path) -> None:
    """A row with a bad count still holds its month and type: the row repeating them is named too."""
    path = write(tmp_path, "aml.csv", "period,type,count\n2024-01,weekly_rest,-2\n2024-01,weekly_rest,1\n")
    result = fails(portfolio_migrated("hr", "import", "aml", path))
    assert result.output.splitlines()[1:] == [
        "line 2, column count: '-2' is negative; a number of breaches is 0 or more",
        "line 3, column type: weekly_rest for 2024-01 is already on line 2",
    ]
    assert "2 problems, nothing imported" in result.output
    assert aml_rows(portfolio_migrated, "2024-01")[-1]["2024-01"] == ""


def test_bad_aml_files_in_the_reports_layout(portfolio_migrated: Runner, tmp_path: Path) -> None:
    run = portfolio_migrated
    result = fails(
        run(
            "hr",
            "import",
            "aml",
            write(tmp_path, "a.csv", f"type,2024-01,{FUTURE}\nOvertid,1,\nweekly_rest,x,\n"),
        )
    )
    assert f"column {FUTURE}: {FUTURE} is in the future" in result.output
    assert "line 2, column type: 'Overtid' is not a breach type" in result.output
    assert "line 3, column 2024-01: 'x' is not a number" in result.output
    result = fails(run("hr", "import", "aml", write(tmp_path, "b.csv", "type,January\nweekly_rest,1\n")))
    assert "column 'January' is neither 'type' nor a month (YYYY-MM)" in result.output
    result = fails(run("hr", "import", "aml", write(tmp_path, "c.csv", "kind,2024-01\nweekly_rest,1\n")))
    assert "column 'type' is missing" in result.output
    result = fails(
        run(
            "hr",
            "import",
            "aml",
            write(tmp_path, "d.csv", "period,type,count,note\n2024-01,weekly_rest,1,x\n"),
        )
    )
    assert "unknown column 'note'; allowed: period, type, count" in result.output
    result = fails(
        run(
            "hr",
            "import",
            "aml",
            write(tmp_path, "e.csv", "type,2024-01\nweekly_rest,1\nUkentlig arbeidsfri,2\n"),
        )
    )
    assert "line 3, column type: weekly_rest is already on line 2" in result.output


def test_set_aml_count(portfolio_migrated: Runner) -> None:
    run = portfolio_migrated
    result = ok(run("hr", "set", "aml", "--period", "2024-01", "--type", "Søndager på rad", "--count", "4"))
    assert "Recorded 4 AML breaches of type sundays_in_row for 2024-01." in result.output
    ok(run("hr", "set", "aml", "--period", "2024-01", "--type", "sundays_in_row", "--count", "5"))
    ok(run("hr", "set", "aml", "--period", "2024-01", "--type", "weekly_rest", "--count", "0"))
    rows = {row["type"]: row["2024-01"] for row in aml_rows(run, "2024-01")}
    assert (rows["sundays_in_row"], rows["weekly_rest"], rows["total"]) == ("5", "0", "5")


def test_set_aml_refuses_unknown_types_negative_counts_and_future_months(
    portfolio_migrated: Runner,
) -> None:
    run = portfolio_migrated
    result = fails(run("hr", "set", "aml", "--period", "2024-01", "--type", "Overtid", "--count", "1"))
    assert "'Overtid' is not a breach type; allowed: total_per_day" in result.output
    fails(
        run("hr", "set", "aml", "--period", "2024-01", "--type", "weekly_rest", "--count", "-1"),
        code=2,
    )
    result = fails(run("hr", "set", "aml", "--period", FUTURE, "--type", "weekly_rest", "--count", "1"))
    assert f"{FUTURE} is in the future" in result.output


def test_breach_types_listed_from_configuration(portfolio_migrated: Runner, portfolio_isolated: Path) -> None:
    rows = json.loads(ok(portfolio_migrated("hr", "types", "--format", "json")).stdout)
    assert [r["nb"] for r in rows] == [
        "Samlet tid pr. dag",
        "AML timer pr. uke",
        "AML timer pr. 4 uker",
        "Søndager på rad",
        "Ukentlig arbeidsfri",
        "Samlet tid pr. uke",
    ]
    (portfolio_isolated / "portfolio.toml").write_text(
        '[plugins.hr]\nbreach_types = [{key = "overtime", nb = "Overtid", en = "Overtime"}]\n'
    )
    rows = json.loads(ok(portfolio_migrated("hr", "types", "--format", "json")).stdout)
    assert rows == [{"key": "overtime", "nb": "Overtid", "en": "Overtime"}]
    ok(portfolio_migrated("hr", "set", "aml", "--period", "2024-01", "--type", "overtid", "--count", "3"))
    fails(portfolio_migrated("hr", "set", "aml", "--period", "2024-01", "--type", "weekly_rest", "--count", "3"))


# ---------------------------------------------------------------- text


def test_text_parts_set_show_and_remove(portfolio_migrated: Runner, tmp_path: Path) -> None:
    run = portfolio_migrated
    result = fails(run("hr", "show", "text", "--period", "2024-01"))
    assert "no HMS text for 2024-01" in result.output
    ok(run("hr", "set", "text", "--period", "2024-01", "--text", "HMS-systemet er vedlikeholdt."))
    path = write(tmp_path, "aml.md", "Bruddene skyldes beredskap.\n\n- Tiltak en\n- Tiltak to\n")
    ok(run("hr", "set", "text", "--period", "2024-01", "--part", "aml", "--file", path))
    assert (
        ok(run("hr", "show", "text", "--period", "2024-01", "--part", "intro")).output
        == "HMS-systemet er vedlikeholdt.\n"
    )
    shown = ok(run("hr", "show", "text", "--period", "2024-01")).output
    assert shown.startswith("[intro]\nHMS-systemet er vedlikeholdt.\n\n[aml]\nBruddene skyldes beredskap.")
    result = ok(run("hr", "set", "text", "--period", "2024-01", "--part", "intro", "--text", " "))
    assert "Removed the intro text for 2024-01." in result.output
    fails(run("hr", "show", "text", "--period", "2024-01", "--part", "intro"))
    fails(run("hr", "set", "text", "--period", "2024-01", "--part", "outro", "--text", "x"), code=2)
    report = json.loads(ok(run("report", "build", "--period", "2024-01", "--format", "json")).stdout)
    (hr,) = [s for s in report["sections"] if s["key"] == "hr"]
    assert {
        "type": "bullets",
        "items": [
            [{"text": "Tiltak en", "emphasis": False, "strong": False}],
            [{"text": "Tiltak to", "emphasis": False, "strong": False}],
        ],
    } in hr["blocks"]


def test_demo_is_idempotent(hr_demo: Runner) -> None:
    before = ok(hr_demo("report", "build", "--period", "2024-01", "--format", "json")).stdout
    ok(hr_demo("demo"))
    assert ok(hr_demo("report", "build", "--period", "2024-01", "--format", "json")).stdout == before
    assert len(sick_leave(hr_demo, 2023)) == 12
    assert ok(hr_demo("hr", "show", "text", "--period", "2024-01", "--part", "intro")).output.startswith("HMS-systemet")


def test_hr_help_loads_no_database_layer() -> None:
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "from portfolio.cli import main\n"
        "try:\n"
        "    main(['hr', 'set', 'sick-leave', '--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = ('sqlalchemy', 'sqlmodel', 'babel')\n"
        "print([m for m in heavy if m in sys.modules], file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert "--doctor-certified PERCENT" in done.stdout
    assert done.stderr.strip().splitlines()[-1] == "[]"
