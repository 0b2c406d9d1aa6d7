"""The line-format import and the project budgets show per month and line what they will store,
in kroner, against what is stored, and ``--dry-run`` stops there: the same preview, nothing
written. On SQLite and, when configured, PostgreSQL."""

from __future__ import annotations

import re

import pytest

from portfolio.testing import ok, table_rows

pytestmark = pytest.mark.usefixtures("reference_chart")

TABLES = ("finance_figure", "finance_annual_budget", "finance_project_budget", "audit_log")


def _preview(output: str) -> str:
    lines = output[output.index("Month ") :].splitlines()
    return "\n".join(line for line in lines if line.startswith(("20", "Month", "---")))


def _dry_then_real(run, db_url, *args):
    before = table_rows(db_url, TABLES)
    dry = ok(run(*args, "--dry-run")).output
    assert table_rows(db_url, TABLES) == before
    assert "\nDry run: nothing stored.\n" in dry, dry
    real = ok(run(*args)).output
    assert table_rows(db_url, TABLES) != before
    assert "Dry run" not in real and _preview(real) == _preview(dry)
    return dry, real


def _row(preview: str, *cells: str) -> None:
    pattern = r"\s+".join(re.escape(cell) for cell in cells)
    assert re.search(rf"^{pattern}\s*$", preview, re.MULTILINE), preview


def test_the_line_format_is_previewed_per_month_and_line(portfolio_migrated, portfolio_db_url, write_csv):
    run = portfolio_migrated
    first = write_csv("period,line,actual,budget,annual_budget\n2024-01,sla,1,2,24\n2024-02,sla,3,,\n")
    dry, real = _dry_then_real(run, portfolio_db_url, "finance", "import", str(first), "--unit", "1000")
    _row(dry, "2024-01", "sla actual", "-", "1000", "new")
    _row(dry, "2024-01", "sla budget", "-", "2000", "new")
    _row(dry, "2024-01", "sla annual_budget", "-", "24000", "new")
    _row(dry, "2024-02", "sla actual", "-", "3000", "new")
    assert re.search(r"^Checked 2 row\(s\) for .*; nothing stored\.$", dry, re.MULTILINE), dry
    assert "Imported 2 row(s)" in real
    again = write_csv("period,line,actual,budget\n2024-01,sla,5,\n", name="again.csv")
    dry, _real = _dry_then_real(run, portfolio_db_url, "finance", "import", str(again), "--unit", "1000")
    _row(dry, "2024-01", "sla actual", "1000", "5000", "changed")
    _row(dry, "2024-01", "sla budget", "2000", "2000", "unchanged")
    assert "2024-02" not in dry


def test_project_budgets_are_previewed_per_month_and_project(portfolio_migrated, portfolio_db_url, tmp_path):
    run = portfolio_migrated
    ok(run("project", "add", "ALPHA", "Project Alpha"))
    path = tmp_path / "budgets.csv"
    path.write_text("project,period,budget_to_date,actual_to_date\nALPHA,2024-01,100,102.5\n", encoding="utf-8")
    dry, real = _dry_then_real(
        run, portfolio_db_url, "finance", "project-budget", "import", str(path), "--unit", "1000"
    )
    _row(dry, "2024-01", "ALPHA budget", "-", "100000", "new")
    _row(dry, "2024-01", "ALPHA actual", "-", "102500", "new")
    assert "Imported 1 project budget(s) for 2024-01." in real
