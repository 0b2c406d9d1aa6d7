"""Every services import shows what it will store per month against what is stored, and
``--dry-run`` stops there: the same preview, nothing written."""

from __future__ import annotations

import re

import pytest

from portfolio.testing import ok, table_rows

TABLES = (
    "services_support_month",
    "services_operations_month",
    "services_order",
    "services_order_hours",
    "services_readiness_event",
    "audit_log",
)


def _preview(output: str) -> str:
    """The preview table: from its header to the line before the closing sentence."""
    start = output.index("Month ")
    lines = output[start:].splitlines()
    return "\n".join(line for line in lines if not line.startswith(("Dry run", "Imported", "Ignored")))


def _dry_then_real(run, db_url, *args):
    before = table_rows(db_url, TABLES)
    dry = ok(run(*args, "--dry-run")).output
    assert table_rows(db_url, TABLES) == before
    assert "\nDry run: nothing stored.\n" in dry, dry
    real = ok(run(*args)).output
    assert table_rows(db_url, TABLES) != before
    assert "Dry run" not in real
    assert _preview(real) == _preview(dry)
    return dry, real


def _row(preview: str, *cells: str) -> None:
    pattern = r"\s+".join(re.escape(cell) for cell in cells)
    assert re.search(rf"^{pattern}\s*$", preview, re.MULTILINE), preview


def test_monthly_figures_are_shown_per_month_and_figure(portfolio_migrated, portfolio_db_url, write):
    run = portfolio_migrated
    first = write("i.csv", "month,incidents,changes\n2024-01,12,3\n2024-02,9,4\n")
    dry, real = _dry_then_real(run, portfolio_db_url, "service", "import", "incidents", str(first))
    _row(dry, "2024-01", "incidents", "-", "12", "new")
    _row(dry, "2024-02", "changes", "-", "4", "new")
    assert "Imported incident figures for 2 months (0 replaced)." in real
    again = write("j.csv", "month,incidents,changes\n2024-02,9,5\n")
    dry, real = _dry_then_real(run, portfolio_db_url, "service", "import", "incidents", str(again), "--replace")
    _row(dry, "2024-02", "incidents", "9", "9", "unchanged")
    _row(dry, "2024-02", "changes", "4", "5", "changed")
    assert "2024-01" not in dry


def test_support_figures_are_previewed(portfolio_migrated, portfolio_db_url, write):
    path = write(
        "s.csv",
        'month,contacts,phone_share,answered_share,first_line_share\n2024-01,100,"60,5",70,80\n',
    )
    dry, real = _dry_then_real(portfolio_migrated, portfolio_db_url, "service", "import", "support", str(path))
    _row(dry, "2024-01", "phone_share", "-", "60.5", "new")
    _row(dry, "2024-01", "contacts", "-", "100", "new")
    assert "Imported support-desk figures for 1 months (0 replaced)." in real


ORDERS = "reference,category,received\nNT-1,network,2024-01-02\nNT-2,advisory,2024-01-20\nNT-3,network,2024-02-01\n"


def test_orders_and_hours_are_counted_per_month(portfolio_migrated, portfolio_db_url, write):
    run = portfolio_migrated
    dry, real = _dry_then_real(run, portfolio_db_url, "service", "import", "orders", str(write("o.csv", ORDERS)))
    _row(dry, "2024-01", "orders", "0", "2", "2 new")
    _row(dry, "2024-02", "orders", "0", "1", "1 new")
    assert "Imported orders: 3 added, 0 updated, 0 unchanged." in real
    later = write("p.csv", ORDERS.replace("NT-2,advisory", "NT-2,network"))
    dry, _real = _dry_then_real(run, portfolio_db_url, "service", "import", "orders", str(later))
    _row(dry, "2024-01", "orders", "2", "2", "1 changed, 1 unchanged")
    assert "2024-02" not in dry
    hours = write("h.csv", "reference,date,hours\nNT-1,2024-01-05,7.5\nNT-1,2024-01-05,2\nNT-3,2024-02-01,1\nX,,3\n")
    dry, real = _dry_then_real(run, portfolio_db_url, "service", "import", "hours", str(hours))
    _row(dry, "2024-01", "days", "0 (0 h)", "1 (9.5 h)", "1 new")
    _row(dry, "2024-02", "days", "0 (0 h)", "1 (1 h)", "1 new")
    assert "Ignored 1 row(s)" in dry and "Ignored 1 row(s)" in real
    assert "Imported hours: 2 days added, 0 updated, 0 removed, 0 unchanged." in real
    again = write("g.csv", "reference,date,hours\nNT-1,2024-01-05,4\nNT-3,2024-02-01,0\n")
    dry, _real = _dry_then_real(run, portfolio_db_url, "service", "import", "hours", str(again))
    _row(dry, "2024-01", "days", "1 (9.5 h)", "1 (4 h)", "1 changed")
    _row(dry, "2024-02", "days", "1 (1 h)", "0 (0 h)", "1 removed")


def test_readiness_events_are_counted_per_month(portfolio_migrated, portfolio_db_url, write):
    path = write("r.csv", "date,level,description\n2024-01-04,yellow,Strømbrudd\n2024-03-01,green,Øvelse\n")
    dry, real = _dry_then_real(portfolio_migrated, portfolio_db_url, "service", "import", "readiness", str(path))
    _row(dry, "2024-01", "events", "0", "1", "1 new")
    _row(dry, "2024-03", "events", "0", "1", "1 new")
    assert "Imported readiness events: 2 added, 0 updated." in real


@pytest.mark.parametrize("kind", ["support", "incidents", "orders", "hours", "readiness", "calls"])
def test_every_import_offers_a_dry_run(portfolio_migrated, kind):
    assert "--dry-run" in ok(portfolio_migrated("service", "import", kind, "--help")).output
