"""The HR imports show what each month will hold against what is stored, and ``--dry-run``
stops there: the same preview, nothing written. On SQLite and, when configured, PostgreSQL."""

from __future__ import annotations

import re
from pathlib import Path

from portfolio.testing import ok, table_rows

from .conftest import write

EXAMPLES = Path(__file__).parents[1] / "examples"
TABLES = ("hr_sick_leave", "hr_aml_breach", "audit_log")


def _preview(output: str) -> str:
    lines = output[output.index("Month ") :].splitlines()
    return "\n".join(line for line in lines if not line.startswith(("Dry run", "Imported")))


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


def test_sick_leave_is_previewed_per_month_and_figure(portfolio_migrated, portfolio_db_url, tmp_path):
    run = portfolio_migrated
    path = EXAMPLES / "sick-leave-2023.csv"
    dry, real = _dry_then_real(run, portfolio_db_url, "hr", "import", "sick-leave", str(path))
    _row(dry, "2023-01", "total", "-", "7.4", "new")
    _row(dry, "2023-03", "doctor_certified", "-", "5.4", "new")
    assert "Imported sick leave for 13 months (2023-01 to 2024-01)." in real
    again = write(tmp_path, "s.csv", "period;total;short_term\n2023-02;7,0;3,0\n")
    dry, _real = _dry_then_real(run, portfolio_db_url, "hr", "import", "sick-leave", str(again))
    _row(dry, "2023-02", "total", "7", "7", "unchanged")
    _row(dry, "2023-02", "short_term", "2.8", "3", "changed")
    _row(dry, "2023-02", "long_term", "4.2", "-", "removed")
    assert "2023-01" not in dry


def test_aml_counts_are_previewed_per_month_and_type(portfolio_migrated, portfolio_db_url):
    path = EXAMPLES / "aml-2024-01.csv"
    dry, real = _dry_then_real(portfolio_migrated, portfolio_db_url, "hr", "import", "aml", str(path))
    _row(dry, "2024-01", "hours_per_week", "-", "9", "new")
    _row(dry, "2023-10", "total_per_day", "-", "10", "new")
    assert "Imported " in real and "AML breach counts" in real
