"""``portfolio milestone add/edit/forecast/reach/list/show``: what they store and what they refuse."""

from __future__ import annotations

import json

from portfolio.testing import Runner, fails, ok, table_rows

from .conftest import listing

TABLES = ("milestones_milestone", "milestones_forecast")


def _add(run: Runner, *extra: str) -> None:
    ok(
        run(
            "milestone",
            "add",
            "ALPHA",
            "M1",
            "--name",
            "Pilot i drift",
            "--baseline",
            "2024-06-30",
            "--period",
            "2024-01",
            *extra,
        )
    )


def test_add_forecast_reach_list_and_show(project: Runner) -> None:
    _add(project)
    (row,) = listing(project, "2024-01")
    assert (row["forecast"], row["slip_days"], row["slip_since_last_month"], row["state"]) == (
        "2024-06-30",
        0,
        None,
        "open",
    )
    # the default tolerance: 10 % of the 151 days from 31 January to 30 June
    assert row["tolerance_days"] == 15
    out = ok(project("milestone", "forecast", "ALPHA", "M1", "--period", "2024-02", "--date", "15.07.2024")).stdout
    assert out == "Forecast ALPHA M1 for 2024-02: 2024-07-15 (15 days late against the baseline).\n"
    (row,) = listing(project, "2024-02")
    assert (row["slip_days"], row["slip_since_last_month"], row["tolerance_days"]) == (15, 15, 12)
    out = ok(project("milestone", "reach", "ALPHA", "M1", "--period", "2024-03", "--date", "2024-03-20")).stdout
    assert out == "Reached ALPHA M1 on 2024-03-20 (102 days early against the baseline).\n"
    (row,) = listing(project, "2024-03")
    assert (row["actual"], row["state"], row["slip_days"]) == ("2024-03-20", "reached", -102)
    assert listing(project, "2024-04") == []  # reached before the month: not listed
    assert [r["milestone"] for r in listing(project, "2024-04", "--all")] == ["M1"]
    history = json.loads(ok(project("milestone", "show", "ALPHA", "M1", "--format", "json")).stdout)
    assert [(h["period"], h["forecast"], h["actual"], h["slip_days"]) for h in history] == [
        ("2024-01", "2024-06-30", None, 0),
        ("2024-02", "2024-07-15", None, 15),
        ("2024-03", "2024-03-20", "2024-03-20", -102),
    ]
    table = ok(project("milestone", "show", "ALPHA", "M1")).stdout
    assert table.startswith("ALPHA M1 Pilot i drift: baseline 2024-06-30, reported from 2024-01, tolerance 10%")


def test_own_tolerance_and_edit(project: Runner) -> None:
    _add(project, "--tolerance", "5d", "--forecast", "2024-07-10")
    (row,) = listing(project, "2024-01")
    assert (row["slip_days"], row["tolerance_days"]) == (10, 5)
    ok(project("milestone", "edit", "ALPHA", "M1", "--tolerance", "50%", "--name", "Pilot", "--baseline", "2024-07-01"))
    (row,) = listing(project, "2024-01")
    assert (row["name"], row["slip_days"], row["tolerance_days"]) == ("Pilot", 9, 76)  # half of 152 days
    ok(project("milestone", "edit", "ALPHA", "M1", "--tolerance", ""))
    assert listing(project, "2024-01")[0]["tolerance_days"] == 15  # back to the default 10 %


def test_bad_input_is_one_line_and_writes_nothing(project: Runner, portfolio_db_url: str) -> None:
    _add(project)
    before = table_rows(portfolio_db_url, TABLES)
    cases = [
        (
            ("milestone", "add", "NOPE", "M2", "--name", "x", "--baseline", "2024-06-30", "--period", "2024-01"),
            "no project 'NOPE'",
        ),
        (
            ("milestone", "add", "ALPHA", "M1", "--name", "x", "--baseline", "2024-06-30", "--period", "2024-01"),
            "project ALPHA already has a milestone 'M1'",
        ),
        (
            ("milestone", "add", "ALPHA", "bad key!", "--name", "x", "--baseline", "2024-06-30", "--period", "2024-01"),
            "milestone key 'bad key!' must be",
        ),
        (
            ("milestone", "add", "ALPHA", "M2", "--name", " ", "--baseline", "2024-06-30", "--period", "2024-01"),
            "a milestone needs a name",
        ),
        (
            ("milestone", "forecast", "ALPHA", "M9", "--period", "2024-02", "--date", "2024-07-01"),
            "project ALPHA has no milestone 'M9'",
        ),
        (
            ("milestone", "forecast", "ALPHA", "M1", "--period", "2023-12", "--date", "2024-07-01"),
            "ALPHA M1 is reported from 2024-01; 2023-12 is before it",
        ),
        (
            ("milestone", "reach", "ALPHA", "M1", "--period", "2024-02", "--date", "2024-03-01"),
            "date reached 2024-03-01 is after 2024-02",
        ),
    ]
    for args, message in cases:
        result = fails(project(*args))
        assert message in result.stderr, (args, result.stderr)
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output
    for args, message in [
        (
            ("milestone", "add", "ALPHA", "M2", "--name", "x", "--baseline", "30/06/2024", "--period", "2024-01"),
            "'30/06/2024' is ambiguous",
        ),
        (
            (
                "milestone",
                "add",
                "ALPHA",
                "M2",
                "--name",
                "x",
                "--baseline",
                "2024-06-30",
                "--period",
                "2024-01",
                "--tolerance",
                "lots",
            ),
            "tolerance 'lots' must be days (14, 14d) or a percentage (10%)",
        ),
        (("milestone", "edit", "ALPHA", "M1", "--tolerance", "120%"), "must be a percentage 0-100"),
        (("milestone", "edit", "ALPHA", "M1"), "nothing to change"),
    ]:
        result = fails(project(*args), code=2)
        assert message in result.stderr, (args, result.stderr)
    assert table_rows(portfolio_db_url, TABLES) == before


def test_nothing_is_forecast_after_the_month_it_was_reached(project: Runner) -> None:
    _add(project)
    ok(project("milestone", "forecast", "ALPHA", "M1", "--period", "2024-02", "--date", "2024-07-01"))
    result = fails(project("milestone", "reach", "ALPHA", "M1", "--period", "2024-01", "--date", "2024-01-20"))
    assert "has forecasts after 2024-01 (2024-02)" in result.stderr
    ok(project("milestone", "reach", "ALPHA", "M1", "--period", "2024-02", "--date", "2024-02-20"))
    result = fails(project("milestone", "forecast", "ALPHA", "M1", "--period", "2024-03", "--date", "2024-07-01"))
    assert "ALPHA M1 was reached on 2024-02-20 (reported in 2024-02); it has no forecast after that" in result.stderr


def test_config_errors_are_named(project: Runner, write_config) -> None:
    _add(project)
    write_config("[plugins.milestones]\ntolerance = 'soon'\n")
    assert (
        "[plugins.milestones] tolerance 'soon' must be days"
        in fails(project("milestone", "list", "--period", "2024-01")).stderr
    )
    write_config("[plugins.milestones]\ntrend_month = 6\n")
    result = fails(project("milestone", "list", "--period", "2024-01"))
    assert (
        "unknown setting 'trend_month'; allowed: tolerance, trend_months, trend_projects, due_months" in result.stderr
    )
    result = fails(project("check", "--period", "2024-01", "--format", "json"))
    assert "warning" not in result.stderr  # the evidence rule leaves the bad setting to the check
    rows = json.loads(result.stdout)
    assert [r["code"] for r in rows if r["plugin"] == "milestones"] == ["milestones-config"]
    write_config("[plugins.milestones]\ntrend_projects = 0\n")
    result = fails(project("milestone", "list", "--period", "2024-01"))
    assert "[plugins.milestones] trend_projects '0' must be a whole number 1-100" in result.stderr
    write_config("[plugins.milestones]\ntolerance = '3 days'\n")
    assert listing(project, "2024-01")[0]["tolerance_days"] == 3


def test_the_example_settings_are_read(project: Runner, write_config) -> None:
    from pathlib import Path

    example = Path(__file__).resolve().parents[1] / "examples" / "portfolio.toml"
    write_config(example.read_text(encoding="utf-8"))
    _add(project)
    assert listing(project, "2024-01")[0]["tolerance_days"] == 14
