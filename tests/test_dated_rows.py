"""Tables whose rows carry dates, not a month (orders, events, deviations), count in a month's
fingerprint only as its report reads them: a row or a date after the month never makes the
month's report stale; one inside it does. The report of an open month reads them the same way."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from portfolio.dated_rows import PREVIOUS_YEAR, dated_rows, dated_rows_of
from portfolio.period import Period
from tests.helpers import ok


def report(run, month: str) -> dict:
    return json.loads(ok(run("report", "build", "--period", month, "--format", "json")).stdout)


def tables(run, month: str) -> dict[str, str]:
    return report(run, month)["fingerprint"]["tables"]


def test_the_span_a_months_report_reads():
    january = Period.parse("2024-01")
    assert dated_rows_of(dated_rows("day"))  # a declaration is found in a table's info
    assert dated_rows_of(dated_rows("day")).span(january) == (None, dt.date(2024, 1, 31))
    spans = dated_rows_of(dated_rows("received", since=PREVIOUS_YEAR)).span(january)
    assert spans == (dt.date(2023, 1, 1), dt.date(2024, 1, 31))
    assert dated_rows_of(dated_rows("day", since=3)).span(january) == (dt.date(2023, 11, 1), dt.date(2024, 1, 31))
    assert dated_rows_of(dated_rows("day", days_after=1)).span(january)[1] == dt.date(2024, 2, 1)
    with pytest.raises(ValueError, match="at least one date column"):
        dated_rows()
    with pytest.raises(ValueError, match="since=0"):
        dated_rows("day", since=0)


def test_a_readiness_event_counts_in_the_months_that_show_it(demo):
    january, february = tables(demo, "2024-01"), tables(demo, "2024-02")
    ok(demo("service", "record", "readiness", "--date", "2024-02-10", "--level", "red", "--description", "Brann"))
    assert tables(demo, "2024-01") == january
    assert tables(demo, "2024-02")["services_readiness_event"] != february["services_readiness_event"]
    ok(demo("service", "record", "readiness", "--date", "2024-01-10", "--level", "red", "--description", "Flom"))
    assert tables(demo, "2024-01")["services_readiness_event"] != january["services_readiness_event"]


def test_an_order_is_read_as_it_stood_at_the_months_end(demo):
    ok(demo("service", "record", "order", "NY-1", "--category", "advisory", "--received", "2024-01-15"))
    january = report(demo, "2024-01")
    ok(demo("service", "record", "order", "NY-1", "--offer-sent", "2024-02-01", "--delivered", "2024-03-04"))
    later = report(demo, "2024-01")
    assert later["fingerprint"] == january["fingerprint"], "dates set after January do not touch its report"
    assert later["sections"] == january["sections"]
    march = tables(demo, "2024-03")
    ok(demo("service", "record", "order", "NY-1", "--delivered", "2024-03-05"))
    assert tables(demo, "2024-03")["services_order"] != march["services_order"]


def test_hours_and_orders_before_the_previous_year_do_not_count(demo):
    january = tables(demo, "2024-01")
    ok(demo("service", "record", "order", "GML-1", "--category", "advisory", "--received", "2022-05-02"))
    ok(demo("service", "record", "hours", "GML-1", "--date", "2022-05-03", "--hours", "4"))
    assert tables(demo, "2024-01") == january
    ok(demo("service", "record", "hours", "GML-1", "--date", "2023-02-01", "--hours", "4"))
    assert tables(demo, "2024-01")["services_order_hours"] != january["services_order_hours"]


def test_a_deviation_snapshot_after_the_count_day_leaves_the_month_alone(demo):
    january = tables(demo, "2024-01")
    ok(demo("deviation", "snapshot", "set", "2024-02-02", "40"))
    assert tables(demo, "2024-01") == january
    ok(demo("deviation", "snapshot", "set", "2024-02-01", "41"))
    assert tables(demo, "2024-01")["deviations_snapshot"] != january["deviations_snapshot"]
