"""Orders, hours and readiness events dated in a closed month are refused; nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from portfolio.testing import fails, ok, table_rows

TABLES = ("services_order", "services_order_hours", "services_readiness_event")
CLOSED = (
    "Error: 2024-03-{day} is in period 2024-03, which is closed by alice; "
    "reopen it with 'portfolio period open 2024-03 --reason \"...\"'\n"
)


def stored(db_url: str) -> dict[str, list[tuple]]:
    return table_rows(db_url, TABLES)


@pytest.fixture
def march(portfolio_migrated, tmp_path: Path):
    """Order NT-1 received in February, with hours; March closed by alice."""
    (tmp_path / "o.csv").write_text("reference,category,received\nNT-1,network,2024-02-01\n", encoding="utf-8")
    ok(portfolio_migrated("service", "import", "orders", "o.csv"))
    ok(portfolio_migrated("service", "record", "hours", "NT-1", "--date", "2024-02-05", "--hours", "3"))
    ok(portfolio_migrated("period", "close", "2024-03", user="alice"))
    return portfolio_migrated


FILES = {
    "orders": (
        "reference,category,received,offer_sent\nNT-2,network,2024-04-02,\nNT-3,network,2024-02-20,2024-03-07\n",
        "07",
    ),
    "orders update": ("reference,category,received,delivered\nNT-1,network,2024-02-01,2024-03-07\n", "07"),
    "hours": ("reference,date,hours\nNT-1,2024-04-01,2\nNT-1,2024-03-31,5\nNT-1,2024-03-09,1\n", "09"),
    "readiness": ("date,level,description\n2024-04-02,green,brudd\n2024-03-30,red,brudd\n", "30"),
}


@pytest.mark.parametrize("kind", list(FILES), ids=list(FILES))
def test_an_import_with_a_row_in_a_closed_month_writes_nothing(march, portfolio_db_url, tmp_path, kind):
    content, day = FILES[kind]
    (tmp_path / "f.csv").write_text(content, encoding="utf-8")
    before = stored(portfolio_db_url)
    result = fails(march("service", "import", kind.split()[0], "f.csv"))
    assert result.stderr == CLOSED.format(day=day)
    assert stored(portfolio_db_url) == before


RECORDS = {
    "order": (("service", "record", "order", "NT-9", "--category", "network", "--received", "2024-03-01"), "01"),
    "order delivered": (("service", "record", "order", "NT-1", "--delivered", "2024-03-28"), "28"),
    "hours": (("service", "record", "hours", "NT-1", "--date", "2024-03-15", "--hours", "2"), "15"),
    "readiness": (
        ("service", "record", "readiness", "--date", "2024-03-04", "--level", "red", "--description", "x"),
        "04",
    ),
}


@pytest.mark.parametrize("kind", list(RECORDS), ids=list(RECORDS))
def test_a_record_in_a_closed_month_is_refused(march, portfolio_db_url, kind):
    args, day = RECORDS[kind]
    before = stored(portfolio_db_url)
    assert fails(march(*args)).stderr == CLOSED.format(day=day)
    assert stored(portfolio_db_url) == before


def test_rows_dated_after_the_closed_month_are_accepted(march, portfolio_db_url, tmp_path):
    (tmp_path / "o.csv").write_text(
        "reference,category,received,delivered\nNT-1,network,2024-02-01,2024-04-03\nNT-2,network,2024-04-02,\n",
        encoding="utf-8",
    )
    ok(march("service", "import", "orders", "o.csv"))
    (tmp_path / "h.csv").write_text("reference,date,hours\nNT-1,2024-04-01,2\nNT-1,2024-02-05,3\n", encoding="utf-8")
    ok(march("service", "import", "hours", "h.csv"))  # February's unchanged row is no change
    (tmp_path / "r.csv").write_text("date,level,description\n2024-04-02,green,brudd\n", encoding="utf-8")
    ok(march("service", "import", "readiness", "r.csv"))
    ok(march("service", "record", "hours", "NT-2", "--date", "2024-05-02", "--hours", "1"))
    rows = stored(portfolio_db_url)
    assert len(rows["services_order"]) == 2
    assert len(rows["services_order_hours"]) == 3
    assert len(rows["services_readiness_event"]) == 1
