"""The show commands print what the section is built from, in all three formats."""

from __future__ import annotations

import csv
import io
import json

from portfolio.testing import ok


def test_show_support_marks_the_months_below_target(portfolio_demo):
    table = ok(portfolio_demo("service", "show", "support", "--period", "2024-01")).output
    lines = table.splitlines()
    assert lines[0].split() == [
        "month",
        "contacts",
        "phone",
        "%",
        "answered",
        "<1",
        "min",
        "%",
        "first",
        "line",
        "%",
        "below",
        "target",
    ]
    assert lines[2].split() == ["2023-07", "5651", "56", "81", "69", "first-line"]
    assert lines[-1].split() == ["2024-01", "12044", "45", "75", "69", "first-line"]
    rows = list(
        csv.DictReader(
            io.StringIO(
                ok(portfolio_demo("service", "show", "support", "--period", "2024-01", "--format", "csv")).output
            )
        )
    )
    assert [r["below_target"] for r in rows] == [
        "first-line",
        "",
        "",
        "",
        "first-line",
        "",
        "first-line",
    ]


def test_show_incidents_and_readiness(portfolio_demo):
    rows = json.loads(
        ok(
            portfolio_demo(
                "service",
                "show",
                "incidents",
                "--period",
                "2024-01",
                "--months",
                "2",
                "--format",
                "json",
            )
        ).output
    )
    assert rows == [
        {"month": "2023-12", "incidents": 853, "green": 0, "yellow": 0, "red": 0, "changes": 234},
        {"month": "2024-01", "incidents": 1066, "green": 1, "yellow": 1, "red": 0, "changes": 332},
    ]
    events = json.loads(
        ok(
            portfolio_demo(
                "service",
                "show",
                "readiness",
                "--period",
                "2024-01",
                "--months",
                "1",
                "--format",
                "json",
            )
        ).output
    )
    assert events == [
        {"date": "2024-01-16", "level": "green", "description": "treghet i DIPS Arena"},
        {"date": "2024-01-24", "level": "yellow", "description": "generell treghet i systemet"},
    ]


def test_show_orders_in_every_format(portfolio_demo):
    table = ok(portfolio_demo("service", "show", "orders", "--period", "2024-01")).output
    assert "So far this year 2024-01-01..2024-01-31, same span last year 2023-01-01..2023-01-31" in table
    assert "hours spent" in table and "7618" in table
    rows = list(
        csv.DictReader(
            io.StringIO(
                ok(portfolio_demo("service", "show", "orders", "--period", "2024-01", "--format", "csv")).output
            )
        )
    )
    assert [(r["figure"], r["so_far_this_year"], r["same_span_last_year"], r["last_year"]) for r in rows] == [
        ("received", "28", "13", "166"),
        ("offers_sent", "8", "23", "108"),
        ("delivered", "1", "19", "114"),
        ("new-service", "0", "2", "49"),
        ("advisory", "1", "1", "20"),
        ("network", "0", "16", "45"),
        ("hours", "730", "757", "7618"),
    ]


def test_show_text_in_every_format(portfolio_demo):
    assert "## intro" in ok(portfolio_demo("service", "show", "text", "--period", "2024-01")).output
    parts = json.loads(ok(portfolio_demo("service", "show", "text", "--period", "2024-01", "--format", "json")).output)
    assert [p["part"] for p in parts] == ["intro", "support", "orders", "incidents"]
    assert "(no texts for 2023-12)" in ok(portfolio_demo("service", "show", "text", "--period", "2023-12")).output


def test_help_lists_the_commands(portfolio_cli):
    assert "service" in ok(portfolio_cli("--help")).output
    for group, commands in (
        ("import", ("support", "incidents", "readiness", "orders", "hours")),
        ("record", ("support", "incidents", "readiness", "order", "hours", "text")),
        ("show", ("support", "incidents", "readiness", "orders", "text")),
    ):
        output = ok(portfolio_cli("service", group, "--help")).output
        assert all(command in output for command in commands)
