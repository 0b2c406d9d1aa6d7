"""Benefits are kept per month: every write for a closed month is refused, whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from portfolio.testing import Runner, fails, ok, table_rows

from .conftest import add_benefit, write

TABLES = ("gains_benefit", "gains_value")
CLOSED = "Error: period 2024-03 is closed by alice; reopen it with 'portfolio period open 2024-03 --reason \"...\"'\n"


@pytest.fixture
def march(project: Runner) -> Runner:
    ok(add_benefit(project, period="2024-03"))
    ok(add_benefit(project, key="HOURS", period="2024-04"))
    ok(project("period", "close", "2024-03", user="alice"))
    return project


def test_commands_for_a_closed_month_are_refused(march: Runner, portfolio_db_url: str) -> None:
    before = table_rows(portfolio_db_url, TABLES)
    assert fails(add_benefit(march, key="NEW", period="2024-03")).stderr == CLOSED
    assert fails(march("gain", "value", "ALPHA", "CALLS", "--period", "2024-03", "--value", "1")).stderr == CLOSED
    # what a benefit says shows in every report from its baseline month, which is closed
    assert fails(march("gain", "edit", "ALPHA", "CALLS", "--target", "700")).stderr == CLOSED
    assert table_rows(portfolio_db_url, TABLES) == before
    ok(march("gain", "value", "ALPHA", "CALLS", "--period", "2024-04", "--value", "1100"))
    ok(march("gain", "edit", "ALPHA", "HOURS", "--owner", "Someone else"))  # measured from April


def test_an_import_with_a_row_in_a_closed_month_writes_nothing(
    march: Runner, portfolio_db_url: str, tmp_path: Path
) -> None:
    before = table_rows(portfolio_db_url, TABLES)
    content = "subject,benefit,period,value\nALPHA,CALLS,2024-04,1100\nALPHA,CALLS,2024-03,1150\n"
    result = fails(march("gain", "import", str(write(tmp_path, "f.csv", content))))
    assert "line 3, column period: period 2024-03 is closed by alice" in result.stderr
    assert table_rows(portfolio_db_url, TABLES) == before
