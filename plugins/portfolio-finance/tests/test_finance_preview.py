"""The line-format import and the project budgets show per month and line what they will store,
in kroner, against what is stored, and ``--dry-run`` stops there: the same preview, nothing
written. On SQLite and, when configured, PostgreSQL."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from portfolio.testing import fails, ok, table_rows

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


LINES = (
    *("sla", "projects", "reinvoicing", "personnel", "capitalised", "licences"),
    *("depreciation", "line_lease", "premises", "consultants", "other", "financial"),
)


def _year(actual: int = 0) -> str:
    """A fiscal year of the reference chart's twelve lines: 144 rows, 288 figures (more than 200)."""
    rows = ["period;line;actual;budget"]
    for month in range(1, 13):
        rows += [f"2024-{month:02d};{key};{n + month + actual};{2 * n + month}" for n, key in enumerate(LINES)]
    return "\n".join(rows) + "\n"


def test_a_large_import_is_counted_per_month_and_details_shows_each_figure(
    portfolio_migrated, portfolio_db_url, write_csv
):
    run = portfolio_migrated
    year = write_csv(_year())
    dry, real = _dry_then_real(run, portfolio_db_url, "finance", "import", str(year), "--unit", "1000")
    for month in range(1, 13):
        _row(dry, f"2024-{month:02d}", "line figures", "0", "24", "24 new")
    assert "sla actual" not in dry
    assert "288 line figures, more than 200: counted per month; --details shows each one" in dry
    assert "Imported 144 row(s) for 2024-01..2024-12 in 1000 kr." in real
    again = write_csv(_year(actual=1), name="again.csv")
    dry, _real = _dry_then_real(run, portfolio_db_url, "finance", "import", str(again), "--unit", "1000")
    _row(dry, "2024-03", "line figures", "24", "24", "12 changed, 12 unchanged")
    detailed = ok(run("finance", "import", str(year), "--unit", "1000", "--dry-run", "--details")).output
    _row(detailed, "2024-03", "sla actual", "4000", "3000", "changed")
    _row(detailed, "2024-03", "sla budget", "3000", "3000", "unchanged")
    assert len(_preview(detailed).splitlines()) == 2 + 288
    assert "counted per month" not in detailed


def test_an_annual_budget_shows_the_fiscal_year_s_first_month(portfolio_migrated, portfolio_db_url, write_csv):
    run = portfolio_migrated
    ok(run("finance", "import", str(write_csv("period;line;actual\n2024-01;sla;1\n")), "--unit", "1000"))
    march = write_csv("period;line;actual;annual_budget\n2024-03;sla;2;12\n", name="march.csv")
    dry, _real = _dry_then_real(run, portfolio_db_url, "finance", "import", str(march), "--unit", "1000")
    _row(dry, "2024-01", "sla actual", "1000", "1000", "unchanged")
    _row(dry, "2024-01", "sla annual_budget", "-", "12000", "new")
    _row(dry, "2024-03", "sla actual", "-", "2000", "new")
    again = write_csv("period;line;actual;annual_budget\n2024-03;sla;2;12\n", name="again.csv")
    dry = ok(run("finance", "import", str(again), "--unit", "1000", "--dry-run")).output
    assert "2024-01" not in dry  # nothing changes there now
    _row(dry, "2024-03", "sla actual", "2000", "2000", "unchanged")


def test_details_is_for_the_line_format(portfolio_migrated):
    ledger = Path(__file__).resolve().parent.parent / "examples" / "ledger-2024-q1.csv"
    result = fails(portfolio_migrated("finance", "import", str(ledger), "--profile", "ledger", "--details"), 2)
    assert "--details is for the line format" in result.output
