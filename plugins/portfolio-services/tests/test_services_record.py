"""Recording one thing at a time from the command line: same rules and messages as the imports."""

from __future__ import annotations

import json

from portfolio.testing import fails, ok


def _json(run, *args):
    return json.loads(ok(run(*args, "--format", "json")).output)


SUPPORT = (
    "--contacts",
    "12 044",
    "--phone-share",
    "45",
    "--answered-share",
    "75",
    "--first-line-share",
    "69",
)


def test_record_support_and_replace_it(portfolio_migrated, reference_targets):
    run = portfolio_migrated
    result = ok(run("service", "record", "support", "--period", "2024-01", *SUPPORT))
    assert "Recorded the support-desk figures for 2024-01." in result.output
    result = fails(run("service", "record", "support", "--period", "2024-01", *SUPPORT))
    assert "2024-01 already has support-desk figures; add --replace to overwrite them" in result.output
    changed = list(SUPPORT)
    changed[1] = "12045"
    result = ok(run("service", "record", "support", "--period", "2024-01", *changed, "--replace"))
    assert "Replaced" in result.output
    (row,) = _json(run, "service", "show", "support", "--period", "2024-01", "--months", "1")
    assert row == {
        "month": "2024-01",
        "contacts": 12045,
        "phone_share": 45,
        "answered_share": 75,
        "first_line_share": 69,
        "below_target": "first-line",
    }


def test_record_support_refuses_bad_values_and_writes_nothing(portfolio_migrated):
    run = portfolio_migrated
    result = fails(
        run(
            "service", "record", "support", "--period", "2024-01", "--contacts", "-3",
            "--phone-share", "100,5", "--answered-share", "75", "--first-line-share", "69,123",
        )
    )  # fmt: skip
    assert "--contacts: '-3' is negative; a count is 0 or more" in result.output
    assert "--phone-share: '100,5' is above 100 %; a share is 0-100 %" in result.output
    assert "--first-line-share: '69,123' has more than two decimals" in result.output
    (row,) = _json(run, "service", "show", "support", "--period", "2024-01", "--months", "1")
    assert row["contacts"] is None
    assert fails(run("service", "record", "support", "--period", "2024-13", *SUPPORT), code=2)


def test_record_incidents_and_readiness(portfolio_migrated, section):
    run = portfolio_migrated
    ok(
        run(
            "service",
            "record",
            "incidents",
            "--period",
            "2023-12",
            "--incidents",
            "853",
            "--changes",
            "234",
        )
    )
    ok(
        run(
            "service",
            "record",
            "incidents",
            "--period",
            "2024-01",
            "--incidents",
            "1 066",
            "--changes",
            "332",
        )
    )
    result = fails(
        run(
            "service",
            "record",
            "incidents",
            "--period",
            "2024-01",
            "--incidents",
            "1",
            "--changes",
            "1",
        )
    )
    assert "2024-01 already has incident figures; add --replace to overwrite them" in result.output
    result = fails(
        run(
            "service",
            "record",
            "incidents",
            "--period",
            "2024-02",
            "--incidents",
            "-1",
            "--changes",
            "x",
        )
    )
    assert "--incidents: '-1' is negative" in result.output and "--changes: 'x' is not a number" in result.output
    ok(
        run(
            "service",
            "record",
            "readiness",
            "--date",
            "2024-01-24",
            "--level",
            "red",
            "--description",
            "generell treghet i systemet",
        )
    )
    result = ok(
        run(
            "service",
            "record",
            "readiness",
            "--date",
            "24.01.2024",
            "--level",
            "gul",
            "--description",
            "generell  treghet i systemet",
        )
    )
    assert "Updated the yellow readiness event on 24.01.2024." in result.output
    result = fails(
        run(
            "service",
            "record",
            "readiness",
            "--date",
            "2024-01-24",
            "--level",
            "purple",
            "--description",
            "x",
        )
    )
    assert "--level: 'purple' is not a readiness level; use green, yellow, red" in result.output
    text = "".join(
        "".join(run_["text"] for run_ in block["runs"])
        for block in section(run)["blocks"]
        if block["type"] == "paragraph"
    )
    assert "1\u00a0066 feil og hendelser, 213 flere enn i desember 2023" in text
    assert "Det var én beredskapshendelse i januar 2024: generell treghet i systemet (gul beredskap)." in text


def test_record_order_adds_then_changes_given_fields(portfolio_migrated):
    run = portfolio_migrated
    result = fails(run("service", "record", "order", "NT-1", "--category", "network"))
    assert "order NT-1 is new: give --category and --received" in result.output
    ok(
        run(
            "service",
            "record",
            "order",
            "NT-1",
            "--category",
            "network",
            "--received",
            "2024-01-10",
            "--title",
            "Nytt nettverk",
        )
    )
    result = fails(run("service", "record", "order", "NT-1", "--delivered", "2024-01-09"))
    assert "--delivered: delivery 2024-01-09 is before the order was received (2024-01-10)" in result.output
    result = fails(run("service", "record", "order", "NT-1", "--category", "hardware"))
    assert "--category: 'hardware' is not a category" in result.output
    result = ok(
        run(
            "service",
            "record",
            "order",
            "NT-1",
            "--offer-sent",
            "2024-01-12",
            "--delivered",
            "31.01.2024",
        )
    )
    assert "Updated order NT-1." in result.output
    assert (
        "No change to order NT-1." in ok(run("service", "record", "order", "NT-1", "--delivered", "2024-01-31")).output
    )
    figures = {
        r["figure"]: r["so_far_this_year"] for r in _json(run, "service", "show", "orders", "--period", "2024-01")
    }
    assert (figures["received"], figures["offers_sent"], figures["network"]) == (1, 1, 1)


def test_record_hours_sets_and_removes_a_day(portfolio_migrated):
    run = portfolio_migrated
    result = fails(run("service", "record", "hours", "NT-1", "--date", "2024-01-15", "--hours", "7"))
    assert "no order 'NT-1'" in result.output
    ok(
        run(
            "service",
            "record",
            "order",
            "NT-1",
            "--category",
            "advisory",
            "--received",
            "2024-01-10",
        )
    )
    assert (
        "no order 'NT-2'; did you mean NT-1?"
        in fails(run("service", "record", "hours", "NT-2", "--date", "2024-01-15", "--hours", "7")).output
    )
    ok(run("service", "record", "hours", "NT-1", "--date", "2024-01-15", "--hours", "7,5"))
    ok(run("service", "record", "hours", "NT-1", "--date", "2024-01-16", "--hours", "2"))

    def hours():
        rows = _json(run, "service", "show", "orders", "--period", "2024-01")
        return next(r["so_far_this_year"] for r in rows if r["figure"] == "hours")

    assert hours() == 9.5
    ok(run("service", "record", "hours", "NT-1", "--date", "2024-01-15", "--hours", "0"))
    assert hours() == 2
    assert (
        "'-2' is negative"
        in fails(run("service", "record", "hours", "NT-1", "--date", "2024-01-16", "--hours", "-2")).output
    )


def test_record_text_and_show_it(portfolio_migrated, write, section):
    run = portfolio_migrated
    path = write("support.md", "Første avsnitt.\n\n- punkt en\n- punkt to\n")
    assert (
        "Saved the 2024-01 text for support."
        in ok(
            run(
                "service",
                "record",
                "text",
                "--period",
                "2024-01",
                "--part",
                "support",
                "--file",
                str(path),
            )
        ).output
    )
    ok(
        run(
            "service",
            "record",
            "text",
            "--period",
            "2024-01",
            "--part",
            "intro",
            "--text",
            "Innledning.",
        )
    )
    shown = ok(run("service", "show", "text", "--period", "2024-01")).output
    assert shown.index("## intro") < shown.index("## support") and "punkt to" in shown
    blocks = section(run)["blocks"]
    assert blocks[0]["type"] == "paragraph" and blocks[0]["runs"][0]["text"] == "Innledning."
    assert any(b["type"] == "bullets" for b in blocks)
    assert (
        "Removed" in ok(run("service", "record", "text", "--period", "2024-01", "--part", "intro", "--text", "")).output
    )
    assert _json(run, "service", "show", "text", "--period", "2024-01") == [
        {"part": "support", "text": "Første avsnitt.\n\n- punkt en\n- punkt to"}
    ]
    assert fails(
        run("service", "record", "text", "--period", "2024-01", "--part", "outro", "--text", "x"),
        code=2,
    )


def test_a_closed_month_refuses_records(portfolio_migrated):
    run = portfolio_migrated
    ok(
        run(
            "service",
            "record",
            "order",
            "NT-1",
            "--category",
            "advisory",
            "--received",
            "2023-12-10",
        )
    )
    ok(run("period", "close", "2024-01"))
    for args in (
        ("record", "support", "--period", "2024-01", *SUPPORT),
        ("record", "incidents", "--period", "2024-01", "--incidents", "1", "--changes", "1"),
        ("record", "readiness", "--date", "2024-01-03", "--level", "green", "--description", "x"),
        ("record", "order", "NT-1", "--delivered", "2024-01-05"),
        ("record", "hours", "NT-1", "--date", "2024-01-05", "--hours", "1"),
        ("record", "text", "--period", "2024-01", "--part", "intro", "--text", "x"),
    ):
        output = fails(run("service", *args)).output
        assert "period 2024-01 is closed" in output or "in period 2024-01, which is closed" in output
    ok(run("service", "record", "order", "NT-1", "--delivered", "2024-02-05"))  # February is open
