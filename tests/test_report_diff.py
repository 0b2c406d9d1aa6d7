"""``portfolio report diff``: what changed between two months, over a three-month scenario."""

from __future__ import annotations

import csv
import io
import json
import types

import pytest

from portfolio import hookimpl
from portfolio.report.blocks import KeyFigures
from portfolio.report.kpi import kpi
from portfolio.report.sections import SectionSpec
from tests.helpers import fails, ok
from tests.test_fingerprint import scenario

pytestmark = pytest.mark.usefixtures("core_only")

QUEUE = {"2024-01": 40, "2024-02": 40, "2024-03": 55}  # a plugin's key figure per month


def _figures(ctx):
    month = str(ctx.period)
    previous = QUEUE.get(str(ctx.period.previous()))
    return [KeyFigures((kpi("queue.open", "Open tickets", QUEUE[month], previous, good="down"),), title="Queue")]


QUEUE_PLUGIN = types.SimpleNamespace(
    portfolio_report_sections=hookimpl(lambda: [SectionSpec("queue", {"nb": "Kø", "en": "Queue"}, _figures, order=30)])
)


@pytest.fixture
def data(migrated, portfolio_register):
    portfolio_register("queue", QUEUE_PLUGIN)
    scenario(migrated)
    ok(migrated("risk", "add", "BETA", "Supplier is late", "-p", "2", "-c", "2", "--period", "2024-02"))
    return migrated


def _rows(run, *args):
    return json.loads(ok(run("report", "diff", *args, "--format", "json")).stdout)


def test_january_to_february_lists_each_kind_of_change(data):
    rows = _rows(data, "2024-01", "2024-02")
    assert [r for r in rows if r["kind"] == "rating"] == [
        {"kind": "rating", "subject": "ALPHA", "item": "finance", "before": "green", "after": "yellow"}
    ]
    risks = [r for r in rows if r["kind"] == "risk"]
    assert [(r["subject"], r["item"], r["before"], r["after"]) for r in risks] == [
        ("ALPHA", "#1 Key people leave", "P3 C4 yellow", "P4 C4 red"),
        ("BETA", "#2 Supplier is late", None, "P2 C2 green"),
    ]
    measures = [r for r in rows if r["kind"] == "measure"]
    assert [(r["item"], r["before"], r["after"]) for r in measures] == [
        ("#1.1 Hire a second architect", "due 2024-02-15", "overdue")
    ]
    assert [r for r in rows if r["kind"] == "figure"] == []  # 40 tickets both months


def test_february_to_march_has_other_changes_and_the_key_figure(data):
    rows = _rows(data, "2024-02", "2024-03")
    ratings = {(r["subject"], r["item"]): (r["before"], r["after"]) for r in rows if r["kind"] == "rating"}
    assert ratings == {("ALPHA", "finance"): ("yellow", "red"), ("BETA", "finance"): ("green", "yellow")}
    assert [r for r in rows if r["kind"] == "figure"] == [
        {"kind": "figure", "subject": "queue", "item": "Open tickets", "before": 40, "after": 55}
    ]
    assert not [r for r in rows if r["kind"] == "measure"]  # it fell due in February, not March


def test_kind_filter_csv_and_table(data):
    text = ok(data("report", "diff", "2024-02", "2024-03", "--kind", "figure", "--format", "csv")).stdout
    assert list(csv.reader(io.StringIO(text))) == [
        ["kind", "subject", "item", "before", "after"],
        ["figure", "queue", "Open tickets", "40", "55"],
    ]
    table = ok(data("report", "diff", "2024-01", "2024-03", "--kind", "rating")).stdout
    assert "2024-01" in table and "2024-03" in table and "ALPHA" in table and "Open tickets" not in table


def test_a_month_to_itself_is_a_usage_error_and_no_change_is_said(data):
    result = fails(data("report", "diff", "2024-02", "2024-02"), code=2)
    assert "same month" in result.output
    fails(data("report", "diff", "2024-13", "2024-02"), code=2)
    assert (
        "Nothing changed from 2024-01 to 2024-02."
        in ok(data("report", "diff", "2024-01", "2024-02", "--kind", "figure")).stdout
    )
