"""Key figures from order records for any period: so far this year against the same span last
year (python-dateutil), across a leap day and at month ends."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from portfolio.testing import ok
from portfolio_services.spans import comparison_spans, same_day_last_year

ORDERS = """reference,category,received,offer_sent,delivered,title
A,network,2024-01-10,2024-02-05,2024-02-29,Nettverk til nytt bygg
B,new-service,2024-02-29,,,Skjema på leap day
G,advisory,2024-03-01,,,
C,advisory,2023-01-20,2023-01-25,2023-02-28,
D,new-service,2023-02-28,,,
E,network,2023-03-01,2023-03-02,,
F,network,2025-02-28,,,
"""
HOURS = """reference,date,hours
A,2024-01-15,5
A,2024-02-29,3
C,2023-02-28,4
E,2023-03-01,2
F,2025-02-28,"1,5"
"""


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2024, 2, 29), dt.date(2023, 2, 28)),  # leap day, month end
        (dt.date(2025, 2, 28), dt.date(2024, 2, 29)),  # month end maps to month end
        (dt.date(2024, 2, 28), dt.date(2023, 2, 28)),
        (dt.date(2025, 2, 27), dt.date(2024, 2, 27)),
        (dt.date(2024, 1, 31), dt.date(2023, 1, 31)),
        (dt.date(2024, 4, 30), dt.date(2023, 4, 30)),
        (dt.date(2024, 4, 15), dt.date(2023, 4, 15)),
        (dt.date(2024, 12, 31), dt.date(2023, 12, 31)),
    ],
)
def test_same_day_last_year(day, expected):
    assert same_day_last_year(day) == expected


def test_spans_for_a_february_in_a_leap_year():
    spans = comparison_spans(dt.date(2024, 2, 29))
    assert str(spans.so_far_this_year) == "2024-01-01..2024-02-29"
    assert str(spans.same_span_last_year) == "2023-01-01..2023-02-28"
    assert str(spans.last_year) == "2023-01-01..2023-12-31"


def _figures(run, *args):
    result = ok(run("service", "show", "orders", *args, "--format", "json"))
    return {
        row["figure"]: (row["so_far_this_year"], row["same_span_last_year"], row["last_year"])
        for row in json.loads(result.output)
    }


@pytest.fixture
def records(portfolio_migrated, write):
    ok(portfolio_migrated("service", "import", "orders", str(write("orders.csv", ORDERS))))
    ok(portfolio_migrated("service", "import", "hours", str(write("hours.csv", HOURS))))
    return portfolio_migrated


def test_a_february_in_a_leap_year(records):
    figures = _figures(records, "--period", "2024-02")
    # so far 2024 = 1 Jan - 29 Feb; same span 2023 = 1 Jan - 28 Feb; all of 2023
    assert figures["received"] == (2, 2, 3)
    assert figures["offers_sent"] == (1, 1, 2)
    assert figures["delivered"] == (1, 1, 1)
    assert figures["network"] == (1, 0, 0)
    assert figures["advisory"] == (0, 1, 1)
    assert figures["new-service"] == (0, 0, 0)
    assert figures["hours"] == (8, 4, 6)


def test_a_february_after_a_leap_year_compares_whole_februaries(records):
    figures = _figures(records, "--period", "2025-02")
    # 28 February 2025 is a month end: the same span last year runs to 29 February 2024
    assert figures["received"] == (1, 2, 3)
    assert figures["delivered"] == (0, 1, 1)
    assert figures["hours"] == (1.5, 8, 8)


def test_a_day_inside_the_month(records):
    assert _figures(records, "--as-of", "2024-02-28")["received"] == (1, 2, 3)
    assert _figures(records, "--as-of", "2024-02-28")["hours"] == (5, 4, 6)
    assert _figures(records, "--as-of", "2025-02-27")["received"] == (0, 1, 3)


def test_the_report_for_february_counts_the_new_records(records, section):
    services = section(records, "2024-02")
    (key_figures,) = [b for b in services["blocks"] if b["type"] == "key_figures"]
    values = [f["value"] for f in key_figures["figures"]]
    assert values[:7] == [2, 1, 1, 0, 0, 1, 8]  # so far this year
    assert values[7:14] == [2, 1, 1, 0, 1, 0, 4]  # same span last year
    assert values[14:] == [3, 2, 1, 0, 1, 0, 6]  # last year in total
    bullets = next(b for b in services["blocks"] if b["type"] == "bullets")["items"]
    texts = ["".join(run["text"] for run in item) for item in bullets]
    assert texts[0] == "Antall bestillinger ligger på nivå med samme tidspunkt i 2023 (2/2)"
    assert texts[3] == "Timepådrag er over nivået for samme tidspunkt i 2023 (8/4)"


def test_show_orders_needs_one_of_period_and_as_of(portfolio_migrated):
    result = portfolio_migrated("service", "show", "orders")
    assert result.exit_code == 2 and "--period or --as-of" in result.output
    table = ok(portfolio_migrated("service", "show", "orders", "--as-of", "2024-02-29")).output
    assert "same span last year 2023-01-01..2023-02-28" in table
