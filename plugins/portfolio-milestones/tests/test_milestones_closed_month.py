"""Milestones are kept per month: every write for a closed month is refused, whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from portfolio.testing import Runner, fails, ok, table_rows

from .conftest import write

TABLES = ("milestones_milestone", "milestones_forecast")
CLOSED = "Error: period 2024-03 is closed by alice; reopen it with 'portfolio period open 2024-03 --reason \"...\"'\n"


@pytest.fixture
def march(project: Runner) -> Runner:
    ok(project("milestone", "add", "ALPHA", "M1", "--name", "Pilot", "--baseline", "2024-06-30", "--period", "2024-03"))
    ok(project("milestone", "add", "ALPHA", "M2", "--name", "Drift", "--baseline", "2024-09-30", "--period", "2024-04"))
    ok(project("period", "close", "2024-03", user="alice"))
    return project


def test_commands_for_a_closed_month_are_refused(march: Runner, portfolio_db_url: str) -> None:
    before = table_rows(portfolio_db_url, TABLES)
    for args in (
        ("milestone", "add", "ALPHA", "M3", "--name", "x", "--baseline", "2024-06-30", "--period", "2024-03"),
        ("milestone", "forecast", "ALPHA", "M1", "--period", "2024-03", "--date", "2024-07-01"),
        ("milestone", "reach", "ALPHA", "M1", "--period", "2024-03", "--date", "2024-03-05"),
        # name, baseline and tolerance show in every report from the first month, which is closed
        ("milestone", "edit", "ALPHA", "M1", "--baseline", "2024-07-31"),
    ):
        assert fails(march(*args)).stderr == CLOSED, args
    assert table_rows(portfolio_db_url, TABLES) == before
    ok(march("milestone", "forecast", "ALPHA", "M1", "--period", "2024-04", "--date", "2024-07-01"))
    ok(march("milestone", "edit", "ALPHA", "M2", "--name", "Drift i alle foretak"))  # first reported in April


def test_an_import_with_a_row_in_a_closed_month_writes_nothing(
    march: Runner, portfolio_db_url: str, tmp_path: Path
) -> None:
    before = table_rows(portfolio_db_url, TABLES)
    content = "project,milestone,period,forecast\nALPHA,M1,2024-04,2024-07-01\nALPHA,M1,2024-03,2024-07-01\n"
    result = fails(march("milestone", "import", str(write(tmp_path, "f.csv", content))))
    assert "line 3, column period: period 2024-03 is closed by alice" in result.stderr
    assert table_rows(portfolio_db_url, TABLES) == before
