"""Status over time: ``status history CODE --last N`` and the portfolio grid of one dimension month
by month (``status grid`` and the report's block), over a four-month scenario with a gap."""

from __future__ import annotations

import json

import pytest

from tests.helpers import fails, ok

pytestmark = pytest.mark.usefixtures("core_only")

FINANCE = {"2024-01": "green", "2024-03": "yellow", "2024-04": "red"}  # A skips February


@pytest.fixture
def four_months(migrated):  # type: ignore[no-untyped-def]
    run = migrated
    ok(run("program", "add", "PRG", "Programmet", "--number", "1"))
    ok(run("project", "add", "A", "Alfa", "--program", "PRG", "--number", "1.1"))
    ok(run("project", "add", "S", "Solo"))
    for month, rating in FINANCE.items():
        ok(run("status", "set", "A", "--period", month, "--finance", rating, "--schedule", "green"))
    for month in ("2024-01", "2024-02", "2024-03", "2024-04"):
        ok(run("status", "set", "S", "--period", month, "--finance", "green", "--schedule", "yellow"))
    ok(run("status", "set", "PRG", "--period", "2024-04", "--finance", "yellow", "--justify", "Reserve"))
    return run


def as_json(result) -> list[dict]:  # type: ignore[no-untyped-def]
    return json.loads(ok(result).stdout)


def test_history_of_the_last_months_shows_the_gap(four_months):
    rows = as_json(four_months("status", "history", "A", "--last", "4", "--format", "json"))
    assert [(r["period"], r["finance"], r["finance_trend"]) for r in rows] == [
        ("2024-01", "green", None),
        ("2024-02", None, None),  # not reported
        ("2024-03", "yellow", None),  # no arrow across the gap
        ("2024-04", "red", "worse"),
    ]
    rows = as_json(four_months("status", "history", "A", "--last", "2", "--period", "2024-03", "--format", "json"))
    assert [r["period"] for r in rows] == ["2024-02", "2024-03"]
    table = ok(four_months("status", "history", "A", "--last", "3")).stdout.splitlines()
    assert [line.split()[:3] for line in table[2:]] == [
        ["2024-02", "·", "·"],
        ["2024-03", "·", "Y"],
        ["2024-04", "·", "R"],
    ]
    # without --last: every reported month, as before
    assert len(as_json(four_months("status", "history", "A", "--format", "json"))) == 3


def test_history_options_are_checked(four_months):
    assert "--period needs --last N" in fails(four_months("status", "history", "A", "--period", "2024-03"), 2).stderr
    assert "Invalid value for '--last'" in fails(four_months("status", "history", "A", "--last", "0"), 2).stderr


def test_grid_of_one_dimension_month_by_month(four_months):
    rows = as_json(
        four_months(
            "status", "grid", "--dimension", "finance", "--last", "4", "--period", "2024-04", "--format", "json"
        )
    )
    by_code = {r["code"]: r for r in rows}
    assert [r["code"] for r in rows] == ["S", "PRG", "A"]
    months = ["2024-01", "2024-02", "2024-03", "2024-04"]
    assert [by_code["A"][m] for m in months] == ["green", None, "yellow", "red"]
    # the program rolls its projects up until it rates itself (April)
    assert [by_code["PRG"][m] for m in months] == ["green", None, "yellow", "yellow"]
    assert [by_code["S"][f"{m}_trend"] for m in months] == [None, None, None, None]
    assert by_code["A"]["2024-04_trend"] == "worse"
    table = ok(four_months("status", "grid", "--dimension", "schedule", "--last", "3", "--period", "2024-04")).stdout
    lines = table.splitlines()
    assert lines[0] == "FREMDRIFT, SISTE 3 MÅNEDER"
    assert lines[3].split() == ["Solo", "Gu", "Gu", "Gu"]  # the report language's letters


def test_grid_options_are_checked(four_months):
    result = fails(four_months("status", "grid", "--dimension", "cost", "--period", "2024-04"), 2)
    assert "'cost' is not a dimension; use scope, finance, resources, schedule, dependencies, benefits" in result.stderr
    assert (
        "Invalid value for '--last'"
        in fails(
            four_months("status", "grid", "--dimension", "finance", "--period", "2024-04", "--last", "1"), 2
        ).stderr
    )


def _grids(run, period: str) -> list[dict]:  # type: ignore[no-untyped-def]
    out = ok(run("report", "build", "--period", period, "--format", "json", "--lang", "en")).stdout
    section = next(s for s in json.loads(out)["sections"] if s["key"] == "portfolio")
    return [b for b in section["blocks"] if b["type"] == "status_matrix" and "MONTHS" in b["title"]]


def test_the_report_shows_the_configured_grids(four_months, tmp_path, monkeypatch):
    (grid,) = _grids(four_months, "2024-04")  # default: finance over six months
    assert grid["title"] == "FINANCE, THE LAST 6 MONTHS"
    assert grid["dimensions"] == ["Nov 2023", "Dec 2023", "Jan 2024", "Feb 2024", "Mar 2024", "Apr 2024"]
    a_row = next(r for r in grid["rows"] if r["code"] == "A")
    assert [c["rating"] for c in a_row["cells"]] == [None, None, "green", None, "yellow", "red"]
    config = tmp_path / "portfolio.toml"
    config.write_text('[report]\nstatus_grid = ["schedule", "finance"]\nstatus_grid_months = 3\n', encoding="utf-8")
    monkeypatch.setenv("PORTFOLIO_CONFIG", str(config))
    assert [g["title"] for g in _grids(four_months, "2024-04")] == [
        "SCHEDULE, THE LAST 3 MONTHS",
        "FINANCE, THE LAST 3 MONTHS",
    ]
    config.write_text("[report]\nstatus_grid = []\n", encoding="utf-8")
    assert _grids(four_months, "2024-04") == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[report]\nstatus_grid = ["cost"]\n', "report.status_grid must be a list of dimension keys: scope, finance"),
        ('[report]\nstatus_grid = "finance"\n', "report.status_grid must be a list of dimension keys"),
        (
            "[report]\nstatus_grid_months = 30\n",
            "report.status_grid_months must be a whole number from 2 to 24, not 30",
        ),
    ],
)
def test_bad_grid_settings_are_named(tmp_path, text, message):
    from portfolio.config import load_settings
    from portfolio.errors import PortfolioError

    config = tmp_path / "portfolio.toml"
    config.write_text(text, encoding="utf-8")
    with pytest.raises(PortfolioError, match=message):
        load_settings(config)


def test_without_a_finance_dimension_the_report_has_no_default_grid(tmp_path):
    from portfolio.config import load_settings

    config = tmp_path / "portfolio.toml"
    config.write_text('[[dimensions]]\nkey = "cost"\nnb = "Kostnad"\nen = "Cost"\n', encoding="utf-8")
    assert load_settings(config).grid_dimensions() == ()
    config.write_text("[report]\nstatus_grid_months = 4\n", encoding="utf-8")
    settings = load_settings(config)
    assert (settings.grid_dimensions(), settings.status_grid_months) == (("finance",), 4)
