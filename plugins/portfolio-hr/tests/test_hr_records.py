"""Records, not pre-computed figures: AML breaches one row per employee and breach, sick leave as
days per unit, and percentages per unit combined by the configured rule.

The real-shaped exports in examples/ are imported through their shipped profiles and the report's
figures are checked against figures summed here, independently, from the same files."""

from __future__ import annotations

import csv
import json
from collections import Counter, defaultdict
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest

from portfolio.testing import Runner, fails, ok, table_rows

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
AML = EXAMPLES / "aml-breaches-2024-01.csv"
DAYS = EXAMPLES / "sick-days-2024-q1.csv"
TABLES = ("hr_sick_leave", "hr_aml_breach")
KEYS = {
    "Samlet tid pr. dag": "total_per_day",
    "AML timer pr. uke": "hours_per_week",
    "AML timer pr. 4 uker": "hours_per_4_weeks",
    "Søndager på rad": "sundays_in_row",
    "Ukentlig arbeidsfri": "weekly_rest",
    "Samlet tid pr. uke": "total_per_week",
}
CENT = Decimal("0.01")


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(path.read_text(encoding="utf-8").splitlines(), delimiter=";"))


def _number(text: str) -> Decimal:
    return Decimal(text.replace(",", "."))


def section(run: Runner, period: str) -> dict[str, Any]:
    result = ok(run("report", "build", "--period", period, "--format", "json", "--strict"))
    data = json.loads(result.stdout, parse_float=Decimal)
    (found,) = [s for s in data["sections"] if s["key"] == "hr"]
    return found


def tables(found: dict[str, Any]) -> list[dict[str, Any]]:
    return [b for b in found["blocks"] if b["type"] == "table"]


def test_aml_breaches_per_employee_are_counted_per_type(portfolio_migrated: Runner) -> None:
    result = ok(portfolio_migrated("hr", "import", "aml", str(AML), "--profile", "hr-aml-rows"))
    rows = _rows(AML)
    counted = Counter(KEYS[row["Bruddtype"]] for row in rows)
    assert f"for 1 month (2024-01) from {len(rows)} breach rows" in result.output
    aml = tables(section(portfolio_migrated, "2024-01"))[-1]
    shown = {row["cells"][0]: row["cells"][-1] for row in aml["rows"][:-1]}
    assert shown == {label: counted.get(key, 0) for label, key in KEYS.items()}
    assert aml["rows"][-1]["cells"][-1] == len(rows) == 35  # the seed's January: 9, 9, 2, 4, 11, 0


def _months_by_hand() -> dict[str, dict[str, Decimal]]:
    """Each month: the sums of days over the units, and the percentages they give."""
    sums: dict[str, Counter[str]] = defaultdict(Counter)
    for row in _rows(DAYS):
        month, year = row["Måned"].split(".")
        for column in ("Fraværsdager", "Mulige dagsverk", "Korttid", "Langtid", "Egenmeldt", "Legemeldt"):
            sums[f"{year}-{month}"][column] += _number(row[column])  # type: ignore[assignment]
    result = {}
    for month, days in sorted(sums.items()):
        whole = Decimal(days["Mulige dagsverk"])

        def pct(name: str, days: Counter[str] = days, whole: Decimal = whole) -> Decimal:
            return (Decimal(days[name]) * 100 / whole).quantize(CENT, rounding=ROUND_HALF_UP)

        result[month] = {
            "total": pct("Fraværsdager"),
            "short_term": pct("Korttid"),
            "long_term": pct("Langtid"),
            "self_certified": pct("Egenmeldt"),
            "doctor_certified": pct("Legemeldt"),
            "days": whole,
        }
    return result


def test_sick_leave_days_per_unit_give_percentages_weighted_by_days(portfolio_migrated: Runner) -> None:
    run = portfolio_migrated
    ok(run("hr", "import", "sick-leave", str(DAYS), "--profile", "hr-sick-days"))
    expected = _months_by_hand()
    shown = json.loads(ok(run("hr", "show", "sick-leave", "--year", "2024", "--format", "json")).stdout,
                       parse_float=Decimal)  # fmt: skip
    for row in shown:
        month = expected[row["period"]]
        assert [row[k] for k in ("total", "short_term", "long_term", "self_certified", "doctor_certified")] == [
            month[k] for k in ("total", "short_term", "long_term", "self_certified", "doctor_certified")
        ]
        assert Decimal(str(row["possible_days"])) == month["days"]
    averages = tables(section(run, "2024-03"))[0]
    days = sum(m["days"] for m in expected.values())
    weighted = (sum(m["total"] * m["days"] for m in expected.values()) / days).quantize(CENT, ROUND_HALF_UP)
    plain = (sum(m["total"] for m in expected.values()) / 3).quantize(CENT, ROUND_HALF_UP)
    assert weighted != plain  # the rule shows
    assert averages["rows"][0]["cells"][:2] == ["Sykefravær samlet", weighted]


def test_the_plain_mean_stays_available_as_a_rule(portfolio_migrated: Runner, portfolio_isolated: Path) -> None:
    (portfolio_isolated / "portfolio.toml").write_text('[plugins.hr]\nsick_leave_rule = "mean"\n', encoding="utf-8")
    ok(portfolio_migrated("hr", "import", "sick-leave", str(DAYS), "--profile", "hr-sick-days"))
    expected = _months_by_hand()
    plain = (sum(m["total"] for m in expected.values()) / 3).quantize(CENT, ROUND_HALF_UP)
    averages = tables(section(portfolio_migrated, "2024-03"))[0]
    assert averages["rows"][0]["cells"][:2] == ["Sykefravær samlet", plain]


UNITS = "period;unit;total;short_term\n2024-01;Drift;6;2\n2024-01;Stab;2;1\n"
UNITS_DAYS = "period;unit;total;possible_days\n2024-01;Drift;6;300\n2024-01;Stab;2;100\n"


def test_percentages_per_unit_follow_the_rule(
    portfolio_migrated: Runner, portfolio_db_url: str, portfolio_isolated: Path, tmp_path: Path
) -> None:
    run = portfolio_migrated
    units = tmp_path / "units.csv"
    units.write_text(UNITS, encoding="utf-8")
    before = table_rows(portfolio_db_url, TABLES)
    refused = fails(run("hr", "import", "sick-leave", str(units)))
    assert refused.output == (
        f'Error: {units}: one row per unit gives percentages, and [plugins.hr] sick_leave_rule = "weighted" '
        "weighs each by its possible working days: add a possible_days column, or set sick_leave_rule = "
        '"mean" for the plain mean of the units\n'
    )
    assert table_rows(portfolio_db_url, TABLES) == before
    weighted = tmp_path / "weighted.csv"
    weighted.write_text(UNITS_DAYS, encoding="utf-8")
    ok(run("hr", "import", "sick-leave", str(weighted)))
    (row,) = json.loads(ok(run("hr", "show", "sick-leave", "--year", "2024", "--format", "json")).stdout)
    assert Decimal(str(row["total"])) == Decimal(5)  # (6 * 300 + 2 * 100) / 400
    (portfolio_isolated / "portfolio.toml").write_text('[plugins.hr]\nsick_leave_rule = "mean"\n', encoding="utf-8")
    ok(run("hr", "import", "sick-leave", str(units)))
    (row,) = json.loads(ok(run("hr", "show", "sick-leave", "--year", "2024", "--format", "json")).stdout)
    assert (Decimal(str(row["total"])), Decimal(str(row["short_term"]))) == (Decimal(4), Decimal("1.5"))


AML_HEADER = "Ansattnr;Navn;Avdeling;Dato;Bruddtype\n"
SICK_HEADER = "Måned;Enhet;Fraværsdager;Mulige dagsverk;Korttid;Langtid;Egenmeldt;Legemeldt\n"
REFUSED = {
    "aml-type": (
        "aml",
        "hr-aml-rows",
        AML_HEADER + "1001;A;D;02.01.2024;Samlet tid pr. døgn\n",
        "line 2, column Bruddtype: 'Samlet tid pr. døgn' is not a breach type; allowed: total_per_day, "
        "hours_per_week, hours_per_4_weeks, sundays_in_row, weekly_rest, total_per_week (or their labels)",
    ),
    "aml-employee": (
        "aml",
        "hr-aml-rows",
        AML_HEADER + ";A;D;02.01.2024;Søndager på rad\n",
        "line 2, column Ansattnr: empty; every breach row names its employee",
    ),
    "aml-twice": (
        "aml",
        "hr-aml-rows",
        AML_HEADER + "1001;A;D;02.01.2024;Søndager på rad\n1001;A;D;02.01.2024;Søndager på rad\n",
        "line 3, column Bruddtype: 1001's breach sundays_in_row on 02.01.2024 is already on line 2",
    ),
    "aml-date": (
        "aml",
        "hr-aml-rows",
        AML_HEADER + "1001;A;D;2024/01/02;Søndager på rad\n",
        "line 2, column Dato: '2024/01/02' is not a date as this export writes them (day first: DD.MM.YYYY",
    ),
    "days-more": (
        "sick-leave",
        "hr-sick-days",
        SICK_HEADER + "01.2024;Drift;900;880;0;0;0;0\n",
        "line 2, column Fraværsdager: 900 days is more than the 880 possible working days",
    ),
    "days-number": (
        "sick-leave",
        "hr-sick-days",
        SICK_HEADER + "01.2024;Drift;1.5;880;0;0;0;0\n",
        "line 2, column Fraværsdager: '1.5' is not a number as this export writes them (decimal comma",
    ),
    "days-possible": (
        "sick-leave",
        "hr-sick-days",
        SICK_HEADER + "01.2024;Drift;0;0;0;0;0;0\n",
        "line 2, column Mulige dagsverk: '0' is not a number of days more than 0",
    ),
    "days-month": (
        "sick-leave",
        "hr-sick-days",
        SICK_HEADER + "13.2024;Drift;1;20;1;0;1;0\n",
        "line 2, column Måned: '13.2024' is not a month: month must be 01-12",
    ),
    "days-twice": (
        "sick-leave",
        "hr-sick-days",
        SICK_HEADER + "01.2024;Drift;1;20;1;0;1;0\n01.2024;Drift;1;20;1;0;1;0\n",
        "line 3, column Enhet: Drift in 2024-01 is already on line 2",
    ),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_bad_record_is_refused_in_one_line_and_nothing_is_written(
    portfolio_migrated: Runner, portfolio_db_url: str, tmp_path: Path, case: str
) -> None:
    kind, profile, text, message = REFUSED[case]
    path = tmp_path / "export.csv"
    path.write_text(text, encoding="utf-8")
    before = table_rows(portfolio_db_url, TABLES)
    result = fails(portfolio_migrated("hr", "import", kind, str(path), "--profile", profile))
    assert f"\n{path}: {message}" in result.output
    assert table_rows(portfolio_db_url, TABLES) == before


@pytest.mark.parametrize(
    ("text", "options", "expected"),
    [
        (
            SICK_HEADER + "01.2024;Drift;1.5;880;0;0;0;0\n01.2024;Drift;1;880;0;0;0;0\n",
            ("--profile", "hr-sick-days"),
            [
                "line 2, column Fraværsdager: '1.5' is not a number as this export writes them",
                "line 3, column Enhet: Drift in 2024-01 is already on line 2",
            ],
        ),
        (
            "period;unit;total;possible_days\n2024-01;Drift;x;300\n2024-01;Drift;6;300\n",
            (),
            ["line 2, column total: ", "line 3, column unit: Drift in 2024-01 is already on line 2"],
        ),
    ],
)
def test_a_repeat_of_a_bad_record_is_named(
    portfolio_migrated: Runner,
    portfolio_db_url: str,
    tmp_path: Path,
    text: str,
    options: tuple[str, ...],
    expected: list[str],
) -> None:
    """A row with a bad value still holds its unit and month: the row repeating them is named too."""
    path = tmp_path / "export.csv"
    path.write_text(text, encoding="utf-8")
    before = table_rows(portfolio_db_url, TABLES)
    result = fails(portfolio_migrated("hr", "import", "sick-leave", str(path), *options))
    lines = result.output.splitlines()
    assert lines[0] == f"Error: {path}: 2 problems, nothing imported", lines
    assert len(lines) == 3
    for line, start in zip(lines[1:], expected, strict=True):
        assert line.startswith(f"{path}: {start}"), (line, start)
    assert table_rows(portfolio_db_url, TABLES) == before


def test_a_bad_rule_is_named(portfolio_migrated: Runner, portfolio_isolated: Path) -> None:
    (portfolio_isolated / "portfolio.toml").write_text('[plugins.hr]\nsick_leave_rule = "median"\n', encoding="utf-8")
    result = fails(portfolio_migrated("hr", "import", "sick-leave", str(DAYS), "--profile", "hr-sick-days"))
    assert '[plugins.hr] sick_leave_rule \'median\' must be "weighted" or "mean"' in result.output


def test_records_in_the_imports_own_columns_need_no_profile(portfolio_migrated: Runner, tmp_path: Path) -> None:
    run = portfolio_migrated
    breaches = tmp_path / "breaches.csv"
    breaches.write_text(
        "employee,period,type\n1001,2024-01,weekly_rest\n1001,2024-01,weekly_rest\n1002,02.2024,Søndager på rad\n",
        encoding="utf-8",
    )
    result = ok(run("hr", "import", "aml", str(breaches)))
    assert "Imported 2 AML breach counts for 2 months (2024-01 to 2024-02) from 3 breach rows." in result.output
    shown = {r["type"]: (r["2024-01"], r["2024-02"]) for r in _csv(run, "2024-02")}
    assert shown["weekly_rest"] == ("2", "0") and shown["sundays_in_row"] == ("0", "1")
    days = tmp_path / "days.csv"
    days.write_text(
        "period;employee;sick_days;possible_days\n2024-01;a;2;20\n2024-01;b;0;10\n2024-01;c;1,5;15\n",
        encoding="utf-8",
    )
    ok(run("hr", "import", "sick-leave", str(days)))
    (row,) = json.loads(ok(run("hr", "show", "sick-leave", "--year", "2024", "--format", "json")).stdout)
    assert Decimal(str(row["total"])) == Decimal("7.78")  # 3.5 / 45 days
    assert Decimal(str(row["possible_days"])) == 45


def _csv(run: Runner, period: str) -> list[dict[str, str]]:
    import io

    return list(csv.DictReader(io.StringIO(ok(run("hr", "show", "aml", "--period", period, "--format", "csv")).stdout)))
