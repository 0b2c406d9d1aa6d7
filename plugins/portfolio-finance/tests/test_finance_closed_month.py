"""A closed month keeps its figures: its own month is refused, and so is a change to the annual
budget of its fiscal year made from a later month (every month of the year shows it)."""

from __future__ import annotations

import pytest

from portfolio.testing import fails, ok, table_rows

pytestmark = pytest.mark.usefixtures("reference_chart")

TABLES = ("finance_figure", "finance_annual_budget", "finance_project_tolerance")
REOPEN = "period 2024-03 is closed by alice; reopen it with 'portfolio period open 2024-03 --reason \"...\"'"


def annual_refusal(line: str) -> str:
    return (
        f"Error: the annual budget of {line} for fiscal year 2024 (2024-01..2024-12) is shown in every month "
        f"of it: {REOPEN}\n"
    )


def stored(db_url: str) -> dict[str, list[tuple]]:
    return table_rows(db_url, TABLES)


@pytest.fixture
def march(portfolio_migrated, write_csv):
    """sla with an annual budget of 12 (1000 kr) for 2024, figures January to March; March closed."""
    rows = "".join(f"2024-{month:02d},sla,{month},12,1000\n" for month in range(1, 4))
    ok(portfolio_migrated("finance", "import", str(write_csv("period,line,actual,annual_budget,unit\n" + rows))))
    ok(portfolio_migrated("project", "add", "IAM2", "IAM 2"))
    ok(portfolio_migrated("period", "close", "2024-03", user="alice"))
    return portfolio_migrated


SETS = {
    "annual budget from April": (
        ("--period", "2024-04", "--line", "sla", "--annual-budget", "20", "--unit", "1000"),
        "sla",
    ),
    "a new annual budget": (
        ("--period", "2024-12", "--line", "projects", "--annual-budget", "5", "--unit", "1000"),
        "projects",
    ),
    "clear the annual budget": (("--period", "2024-04", "--line", "sla", "--clear-annual-budget"), "sla"),
}


@pytest.mark.parametrize("case", list(SETS), ids=list(SETS))
def test_an_annual_budget_change_in_a_year_with_a_closed_month_is_refused(march, portfolio_db_url, case):
    args, line = SETS[case]
    before = stored(portfolio_db_url)
    assert fails(march("finance", "set", *args)).stderr == annual_refusal(line)
    assert stored(portfolio_db_url) == before


def test_an_import_changing_the_annual_budget_writes_nothing(march, portfolio_db_url, write_csv):
    path = write_csv("period,line,actual,annual_budget,unit\n2024-04,sla,4,20,1000\n2024-05,sla,5,20,1000\n")
    before = stored(portfolio_db_url)
    result = fails(march("finance", "import", str(path)))
    assert annual_refusal("sla").removeprefix("Error: ").strip() in result.output
    assert stored(portfolio_db_url) == before
    assert REOPEN in fails(march("finance", "import", str(path), "--dry-run")).output


def test_the_closed_month_itself_is_refused(march, portfolio_db_url):
    before = stored(portfolio_db_url)
    result = fails(march("finance", "set", "--period", "2024-03", "--line", "sla", "--actual", "1", "--unit", "kr"))
    assert result.stderr == f"Error: {REOPEN}\n"
    assert stored(portfolio_db_url) == before


def test_later_months_and_the_same_annual_budget_are_accepted(march, portfolio_db_url, write_csv):
    ok(march("finance", "import", str(write_csv("period,line,actual,annual_budget,unit\n2024-04,sla,4,12,1000\n"))))
    ok(march("finance", "set", "--period", "2024-05", "--line", "sla", "--actual", "5", "--unit", "1000"))
    ok(march("finance", "set", "--period", "2025-01", "--line", "sla", "--annual-budget", "30", "--unit", "1000"))
    ok(march("finance", "project-budget", "tolerance", "IAM2", "5"))  # a standing setting: allowed
    rows = stored(portfolio_db_url)
    assert len(rows["finance_figure"]) == 5
    assert sorted(row[1:] for row in rows["finance_annual_budget"]) == sorted(
        [("2024-01", "sla", 12_000_00, 1000), ("2025-01", "sla", 30_000_00, 1000)]
    )
    assert len(rows["finance_project_tolerance"]) == 1
