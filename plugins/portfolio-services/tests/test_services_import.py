"""CSV imports: good files land, bad ones are refused with every problem named and nothing "
"written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from portfolio.testing import fails, ok

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _json(run, *args):
    return json.loads(ok(run(*args, "--format", "json")).output)


def test_the_example_files_import_and_give_the_seed_figures(portfolio_migrated, section):
    run = portfolio_migrated
    ok(run("service", "import", "support", str(EXAMPLES / "support.csv")))
    ok(run("service", "import", "incidents", str(EXAMPLES / "incidents.csv")))
    ok(run("service", "import", "readiness", str(EXAMPLES / "readiness.csv")))
    ok(run("service", "import", "orders", str(EXAMPLES / "orders.csv")))
    ok(run("service", "import", "hours", str(EXAMPLES / "hours.csv")))
    support = _json(run, "service", "show", "support", "--period", "2024-01")
    assert [row["contacts"] for row in support] == [5651, 9263, 10601, 10398, 8883, 8416, 12044]
    incidents = _json(run, "service", "show", "incidents", "--period", "2024-01")
    assert [row["yellow"] for row in incidents] == [0, 0, 0, 1, 0, 0, 1]
    figures = {
        row["figure"]: (row["so_far_this_year"], row["same_span_last_year"], row["last_year"])
        for row in _json(run, "service", "show", "orders", "--period", "2024-01")
    }
    assert figures["received"] == (28, 13, 166)
    assert figures["hours"] == (730, 757, 7618)


def test_support_import_reads_norwegian_numbers_and_semicolons(portfolio_migrated, write):
    path = write(
        "support.csv",
        "\ufeffmonth;contacts;phone_share;answered_share;first_line_share\n2024-01;12 044;45 %;75,5;69\n",
    )
    result = ok(portfolio_migrated("service", "import", "support", str(path)))
    assert "1 months (0 replaced)" in result.output
    (row,) = _json(portfolio_migrated, "service", "show", "support", "--period", "2024-01", "--months", "1")
    assert row["contacts"] == 12044 and row["answered_share"] == 75.5 and row["phone_share"] == 45


BAD_SUPPORT = (
    "month,contacts,phone_share,answered_share,first_line_share\n"
    "2024-01,12044,45,75,69\n"
    "2024-02,-3,45,75,69\n"  # a negative count
    "2024-03,100,101,75,69\n"  # a share above 100 %
    "2024-13,100,45,75,69\n"  # no such month
    "2024-01,100,45,75,69\n"  # the same month again
    "2024-04,1.000.000,45,75,\n"  # ambiguous number, empty share
)


def test_bad_support_rows_are_all_named_and_nothing_is_written(portfolio_migrated, write):
    result = fails(portfolio_migrated("service", "import", "support", str(write("s.csv", BAD_SUPPORT))))
    out = result.output
    assert "6 problems, nothing imported" in out
    assert "line 3, column contacts: '-3' is negative; a count is 0 or more" in out
    assert "line 4, column phone_share: '101' is above 100 %; a share is 0-100 %" in out
    assert "line 5, column month: '2024-13' is not a month" in out
    assert "line 6, column month: 2024-01 is already given on line 2" in out
    assert "line 7, column contacts: '1.000.000' is ambiguous" in out
    assert "line 7, column first_line_share: empty; a value is needed" in out
    shown = _json(portfolio_migrated, "service", "show", "support", "--period", "2024-01")
    assert [row["contacts"] for row in shown] == [None] * 7


def test_a_month_already_stored_needs_replace(portfolio_migrated, write):
    run = portfolio_migrated
    first = write("a.csv", "month,incidents,changes\n2024-01,1066,332\n")
    ok(run("service", "import", "incidents", str(first)))
    second = write("b.csv", "month,incidents,changes\n2023-12,853,234\n2024-01,1000,300\n")
    result = fails(run("service", "import", "incidents", str(second)))
    assert "line 3, column month: 2024-01 already has incident figures; add --replace" in result.output
    rows = _json(run, "service", "show", "incidents", "--period", "2024-01", "--months", "2")
    assert [r["incidents"] for r in rows] == [None, 1066]  # 2023-12 was not written either
    result = ok(run("service", "import", "incidents", str(second), "--replace"))
    assert "2 months (1 replaced)" in result.output
    rows = _json(run, "service", "show", "incidents", "--period", "2024-01", "--months", "2")
    assert [r["incidents"] for r in rows] == [853, 1000]


def test_a_bad_row_still_holds_its_month_and_every_problem_is_listed_by_line(portfolio_migrated, write):
    """A repeat of a bad row is named, and a month already stored is named in its line's place."""
    run = portfolio_migrated
    ok(run("service", "import", "incidents", str(write("a.csv", "month,incidents,changes\n2024-03,1066,332\n"))))
    content = (
        "month,incidents,changes\n"
        "2024-01,x,332\n"  # a bad count
        "2024-03,900,300\n"  # stored already
        "2024-01,853,234\n"  # the month of line 2 again
        "2024-13,1,1\n"
    )
    result = fails(run("service", "import", "incidents", str(write("b.csv", content))))
    lines = result.stderr.splitlines()
    assert lines[0].endswith("b.csv: 4 problems, nothing imported"), lines
    assert [line.split(": ", 1)[1] for line in lines[1:]] == [
        "line 2, column incidents: 'x' is not a number; write e.g. 1 137 600, -3 109 or 0,8",
        "line 3, column month: 2024-03 already has incident figures; add --replace to overwrite them",
        "line 4, column month: 2024-01 is already given on line 2",
        "line 5, column month: '2024-13' is not a month: month must be 01-12",
    ]
    rows = _json(run, "service", "show", "incidents", "--period", "2024-03", "--months", "3")
    assert [r["incidents"] for r in rows] == [None, None, 1066]


def test_a_repeat_of_a_bad_order_or_event_is_named(portfolio_migrated, write):
    run = portfolio_migrated
    orders = "reference,category,received\nNT-1,consulting,2024-01-10\nNT-1,network,2024-01-10\n"
    result = fails(run("service", "import", "orders", str(write("o.csv", orders))))
    assert "2 problems, nothing imported" in result.stderr
    assert "line 3, column reference: NT-1 is already given on line 2" in result.stderr
    events = "date,level,description\n2024-01-16,purple,treghet\n2024-01-16,yellow,treghet\n"
    result = fails(run("service", "import", "readiness", str(write("r.csv", events))))
    assert "2 problems, nothing imported" in result.stderr
    assert "line 3, column description: the event 'treghet' on 2024-01-16 is already given on line 2" in (result.stderr)


BAD_ORDERS = (
    "reference,category,received,offer_sent,delivered\n"
    "NT-1,network,2024-01-10,,\n"
    "NT-2,consulting,2024-01-10,,\n"  # unknown category
    "NT-3,advisory,2024-01-10,2024-01-05,2024-01-09\n"  # offer and delivery before received
    "NT-1,network,2024-01-11,,\n"  # the same reference again
    "NT 4,network,01/02/2024,,\n"  # bad reference, ambiguous date
)


def test_bad_orders_are_all_named_and_nothing_is_written(portfolio_migrated, write):
    result = fails(portfolio_migrated("service", "import", "orders", str(write("o.csv", BAD_ORDERS))))
    out = result.output
    assert "6 problems, nothing imported" in out
    assert "line 3, column category: 'consulting' is not a category; use new-service, advisory, network" in out
    assert "line 4, column offer_sent: offer sent 2024-01-05 is before the order was received (2024-01-10)" in out
    assert "line 4, column delivered: delivery 2024-01-09 is before the order was received (2024-01-10)" in out
    assert "line 5, column reference: NT-1 is already given on line 2" in out
    assert "line 6, column reference: 'NT 4' is not a valid reference" in out
    assert "line 6, column received: '01/02/2024' is ambiguous" in out
    figures = _json(portfolio_migrated, "service", "show", "orders", "--period", "2024-01")
    assert figures[0]["so_far_this_year"] == 0


def test_orders_are_updated_by_reference_and_norwegian_categories_are_understood(portfolio_migrated, write):
    run = portfolio_migrated
    ok(
        run(
            "service",
            "import",
            "orders",
            str(
                write(
                    "a.csv",
                    "reference,category,received\nNT-1,Rådgivning,2024-01-10\nNT-2,Nettverkstjenester,2024-01-11\n",
                )
            ),
        )
    )
    later = write(
        "b.csv",
        "reference,category,received,delivered\nNT-1,advisory,2024-01-10,2024-01-30\nNT-2,network,2024-01-11,\n",
    )
    result = ok(run("service", "import", "orders", str(later)))
    assert "0 added, 1 updated, 1 unchanged" in result.output
    figures = {
        r["figure"]: r["so_far_this_year"] for r in _json(run, "service", "show", "orders", "--period", "2024-01")
    }
    assert figures["received"] == 2 and figures["advisory"] == 1 and figures["delivered"] == 1


def test_hours_are_added_up_per_day_and_need_a_known_order(portfolio_migrated, write):
    run = portfolio_migrated
    ok(
        run(
            "service",
            "import",
            "orders",
            str(write("o.csv", "reference,category,received\nNT-1,network,2024-01-02\n")),
        )
    )
    bad = write(
        "bad.csv",
        "reference,date,hours\nNT-1,2024-01-05,7\nNT-9,2024-01-05,2\nNT-1,2024-01-06,-1\n",
    )
    result = fails(run("service", "import", "hours", str(bad)))
    assert f"{bad}: line 4, column hours: '-1' is negative" in result.output
    assert "NT-9" not in result.output  # not a New services order: left out, not refused
    split = write(
        "h.csv",
        'reference,date,hours\nNT-1,2024-01-05,"7,5"\nNT-1,2024-01-05,2\nNT-1,2024-01-08,1\n',
    )
    result = ok(run("service", "import", "hours", str(split)))
    assert "2 days added" in result.output
    figures = {
        r["figure"]: r["so_far_this_year"] for r in _json(run, "service", "show", "orders", "--period", "2024-01")
    }
    assert figures["hours"] == 10.5
    again = write("again.csv", "reference,date,hours\nNT-1,2024-01-05,4\nNT-1,2024-01-08,0\n")
    result = ok(run("service", "import", "hours", str(again)))
    assert "1 updated, 1 removed" in result.output
    figures = {
        r["figure"]: r["so_far_this_year"] for r in _json(run, "service", "show", "orders", "--period", "2024-01")
    }
    assert figures["hours"] == 4


def test_readiness_events_name_their_level_and_a_repeat_is_refused(portfolio_migrated, write):
    run = portfolio_migrated
    bad = write(
        "r.csv",
        "date,level,description\n"
        "2024-01-16,grønn,treghet i DIPS Arena\n"
        "2024-01-16,orange,noe annet\n"
        "2024-01-16,gul,treghet i DIPS Arena\n"
        "2024-01-17,red,\n",
    )
    result = fails(run("service", "import", "readiness", str(bad)))
    assert "line 3, column level: 'orange' is not a readiness level; use green, yellow, red" in result.output
    assert (
        "line 4, column description: the event 'treghet i DIPS Arena' on 2024-01-16 is already "
        "given on line 2" in result.output
    )
    assert "line 5, column description: empty" in result.output
    assert _json(run, "service", "show", "readiness", "--period", "2024-01") == []


WRONG_COLUMNS = [
    (
        "support",
        "month,contacts,phone_share,answered_share\n2024-01,1,2,3\n",
        "missing column 'first_line_share'; support files have the columns month, contacts",
    ),
    (
        "incidents",
        "month,incidents,changes,remarks\n2024-01,1,2,x\n",
        "unknown column 'remarks'; allowed: month, incidents, changes",
    ),
    (
        "orders",
        "reference,category,recieved\nNT-1,network,2024-01-01\n",
        "unknown column 'recieved'; did you mean received?",
    ),
    ("hours", "reference,date,hours\n", "has a header but no rows"),
    ("readiness", "", "is empty"),
]


@pytest.mark.parametrize(("kind", "text", "message"), WRONG_COLUMNS)
def test_files_with_the_wrong_columns_are_refused(portfolio_migrated, write, kind, text, message):
    result = fails(portfolio_migrated("service", "import", kind, str(write("f.csv", text))))
    assert message in result.output


def test_a_file_that_is_not_utf8_is_refused(portfolio_migrated, tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("date,level,description\n2024-01-16,grønn,treghet\n".encode("latin-1"))
    result = fails(portfolio_migrated("service", "import", "readiness", str(path)))
    assert "is not UTF-8 text" in result.output


def test_a_closed_month_refuses_imports(portfolio_migrated, write):
    ok(portfolio_migrated("period", "close", "2024-01"))
    path = write("s.csv", "month,contacts,phone_share,answered_share,first_line_share\n2024-01,1,2,3,4\n")
    result = fails(portfolio_migrated("service", "import", "support", str(path)))
    assert "period 2024-01 is closed" in result.output
    orders = write("o.csv", "reference,category,received\nNT-1,network,2024-01-02\n")
    refused = fails(portfolio_migrated("service", "import", "orders", str(orders))).output
    assert "2024-01-02 is in period 2024-01, which is closed" in refused


DOCS = Path(__file__).resolve().parents[3] / "docs" / "sections" / "services.md"


@pytest.mark.skipif(not DOCS.is_file(), reason="the plugin is tested outside the repository")
def test_the_csv_examples_in_the_docs_import(portfolio_migrated, write):
    import re

    blocks = re.findall(r"```csv\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S)
    kinds = ["support", "orders", "hours"]
    exports = ["calls-2024-q1.csv", "orders-casesystem.csv", "timesheet-2024-q1.csv"]
    assert len(blocks) == len(kinds) + len(exports)
    for name, text in zip(exports, blocks[len(kinds) :], strict=True):  # excerpts of the real-shaped exports
        lines = (EXAMPLES / name).read_text(encoding="utf-8").splitlines()
        assert all(line in lines for line in text.splitlines()), name
    for kind, text in zip(kinds, blocks, strict=False):
        ok(portfolio_migrated("service", "import", kind, str(write(f"{kind}.csv", text))))
    rows = _json(portfolio_migrated, "service", "show", "orders", "--as-of", "2024-01-31")
    assert {r["figure"]: r["so_far_this_year"] for r in rows}["hours"] == 13.5
