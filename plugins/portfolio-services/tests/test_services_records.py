"""Records, not pre-computed figures: call records summed into the support desk's months, a case
system's order list with its own columns and a configured category, a time sheet of all work.

Each real-shaped export in examples/ is imported through its shipped profile and the figures are
checked against figures summed here, independently, from the same file with the csv module."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from portfolio.testing import fails, ok, table_rows

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
CALLS = EXAMPLES / "calls-2024-q1.csv"
ORDERS = EXAMPLES / "orders-casesystem.csv"
TIMESHEET = EXAMPLES / "timesheet-2024-q1.csv"
SUPPORT = ("services_support_month",)
ORDER_TABLES = ("services_order", "services_order_hours")


def _json(run, *args):
    return json.loads(ok(run(*args, "--format", "json")).output)


def _rows(path: Path) -> list[dict[str, str]]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter=";"))


def _pct(part: int, whole: int) -> float:
    return float((Decimal(100 * part) / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def calls_by_hand(limit: int = 60) -> dict[str, tuple[int, float, float, float]]:
    """The rule of docs/sections/services.md, written out again: per month of Mottatt, contacts,
    phone share, calls answered after at most ``limit`` seconds of all calls, solved in first line."""
    months: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for row in _rows(CALLS):
        day = dt.datetime.strptime(row["Mottatt"], "%d.%m.%Y %H:%M:%S")
        sums = months[f"{day:%Y-%m}"]
        sums[0] += 1
        if row["Kanal"] == "Telefon":
            sums[1] += 1
            if row["Ventetid"]:
                h, m, s = (int(part) for part in row["Ventetid"].split(":"))
                sums[2] += h * 3600 + m * 60 + s <= limit
        sums[3] += row["Løst i førstelinje"] == "Ja"
    return {
        month: (c, _pct(phone, c), _pct(answered, phone), _pct(first, c))
        for month, (c, phone, answered, first) in sorted(months.items())
    }


def _support(run, period="2024-03", months="3"):
    shown = _json(run, "service", "show", "support", "--period", period, "--months", months)
    return {
        row["month"]: (row["contacts"], row["phone_share"], row["answered_share"], row["first_line_share"])
        for row in shown
    }


def test_call_records_give_the_months_the_report_shows(portfolio_migrated, section):
    run = portfolio_migrated
    result = ok(run("service", "import", "calls", str(CALLS), "--profile", "phone-calls"))
    expected = calls_by_hand()
    assert "880 call record(s) in 3 month(s)" in result.output
    assert "Imported support-desk figures for 3 months (0 replaced)." in result.output
    assert _support(run) == expected
    table = next(b for b in section(run, "2024-03")["blocks"] if b["type"] == "table")
    rows = {row["cells"][0]: row["cells"][1:] for row in table["rows"]}
    assert rows["Totalt antall henvendelser"][-3:] == [expected[m][0] for m in ("2024-01", "2024-02", "2024-03")]
    assert rows["Andel besvart innen 1. minutt (%)"][-1] == expected["2024-03"][2]


def test_the_answer_limit_is_configured_and_the_preview_shows_what_is_stored(
    portfolio_migrated, portfolio_db_url, isolated
):
    run = portfolio_migrated
    ok(run("service", "import", "calls", str(CALLS), "--profile", "phone-calls"))
    (isolated / "portfolio.toml").write_text("[plugins.services]\nanswer_seconds = 30\n", encoding="utf-8")
    before = table_rows(portfolio_db_url, SUPPORT)
    preview = ok(run("service", "import", "calls", str(CALLS), "--profile", "phone-calls", "--dry-run")).output
    assert table_rows(portfolio_db_url, SUPPORT) == before
    strict = calls_by_hand(30)
    assert "answered within 30 seconds counts as answered" in preview
    for month, (contacts, phone, answered, first) in calls_by_hand().items():
        now = strict[month]
        was = " / ".join(format(Decimal(str(v)).normalize(), "f") for v in (contacts, phone, answered, first))
        assert re.search(rf"{month}\s+{now[0]}\s+{now[1]}\s+{now[2]}\s+\S+\s+was {was}\n", preview), preview
    assert preview.rstrip().endswith("Dry run: nothing stored.")
    refused = fails(run("service", "import", "calls", str(CALLS), "--profile", "phone-calls"))
    assert "2024-01 already has support-desk figures; add --replace to overwrite them" in refused.output
    assert table_rows(portfolio_db_url, SUPPORT) == before
    ok(run("service", "import", "calls", str(CALLS), "--profile", "phone-calls", "--replace"))
    assert _support(run) == strict != calls_by_hand()


HEADER = "Henvendelse;Mottatt;Kanal;Kø;Ventetid;Løst i førstelinje;Agent\n"
BAD_CALLS = {
    "wait": (
        "1;02.01.2024 08:00:00;Telefon;K;00:01:99;Ja;a\n",
        "line 2, column Ventetid: '00:01:99' is not a duration; write seconds (45) or mm:ss / hh:mm:ss",
    ),
    "first-line": (
        "1;02.01.2024 08:00:00;Telefon;K;00:00:10;kanskje;a\n",
        "line 2, column Løst i førstelinje: 'kanskje' is neither yes nor no; write ja/nei, yes/no or 1/0",
    ),
    "received": (
        "1;2024/01/02 08:00;Telefon;K;00:00:10;Ja;a\n",
        "line 2, column Mottatt: '2024/01/02 08:00' is not a date as this export writes them (day first",
    ),
    "time": (
        "1;02.01.2024 08:00:00;Telefon;K;10;Ja;a\n2;02.01.2024 25:00;Telefon;K;10;Ja;a\n",
        "line 3, column Mottatt: '02.01.2024 25:00' is not a time of day (hours 0-23, minutes and seconds 0-59)",
    ),
    "channel": (
        "1;02.01.2024 08:00:00;;K;00:00:10;Ja;a\n",
        "line 2, column Kanal: empty; name the contact's channel, e.g. telefon, e-post or chat",
    ),
    "no-calls": (
        "1;02.01.2024 08:00:00;E-post;K;;Ja;a\n",
        "2024-01 has 1 contact(s) but no phone call; the answered share needs calls (channel telefon/phone)",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_CALLS))
def test_a_bad_call_record_is_refused_in_one_line_and_nothing_is_written(
    portfolio_migrated, portfolio_db_url, write, case
):
    rows, message = BAD_CALLS[case]
    path = write("calls.csv", HEADER + rows)
    before = table_rows(portfolio_db_url, SUPPORT)
    result = fails(portfolio_migrated("service", "import", "calls", str(path), "--profile", "phone-calls"))
    assert f"\n{path}: {message}" in result.output
    assert table_rows(portfolio_db_url, SUPPORT) == before


def test_call_records_without_a_profile_take_the_import_own_columns(portfolio_migrated, write):
    path = write(
        "calls.csv",
        "received,answered_after,first_line\n2024-01-02T08:00:00,45,ja\n2024-01-02 09:00,61,nei\n"
        "2024-01-03 10:00,,nei\n2024-01-04 11:00,0:59,ja\n",
    )
    ok(portfolio_migrated("service", "import", "calls", str(path)))
    # no channel column: every row is a call; 45 and 0:59 are within 60 seconds, 61 and empty are not
    assert _support(portfolio_migrated, "2024-01", "1") == {"2024-01": (4, 100, 50, 50)}
    extra = write("extra.csv", "received,answered_after,first_line,agent\n2024-01-02 08:00,45,ja,a\n")
    result = fails(portfolio_migrated("service", "import", "calls", str(extra)))
    assert f"{extra}: unknown column 'agent'; allowed: received, answered_after, first_line, channel" in result.output


def test_months_may_be_written_as_exports_write_them(portfolio_migrated, write):
    path = write(
        "support.csv",
        "month;contacts;phone_share;answered_share;first_line_share\n"
        "11.2023;8883;51;84;68\n12/2023;8416;42;83;77\njanuar 2024;12 044;45;75;69\n",
    )
    ok(portfolio_migrated("service", "import", "support", str(path)))
    assert [m for m, row in _support(portfolio_migrated, "2024-01").items() if row[0]] == [
        "2023-11",
        "2023-12",
        "2024-01",
    ]
    bad = write("bad.csv", "month,incidents,changes\n13.2024,1,1\n")
    result = fails(portfolio_migrated("service", "import", "incidents", str(bad)))
    assert f"{bad}: line 2, column month: '13.2024' is not a month: month must be 01-12" in result.output


def orders_by_hand() -> dict[str, int]:
    """Delivered per category (the case system's names mapped to the keys) and in total."""
    keys = {"Ny tjeneste": "new-service", "Rådgivning": "advisory", "Nettverkstjenester": "network"}
    counts: dict[str, int] = defaultdict(int)
    rows = _rows(ORDERS)
    for row in rows:
        if row["Levert"]:
            counts[keys.get(row["Kategori"], row["Kategori"].lower())] += 1
            counts["delivered"] += 1
    counts["received"] = len(rows)
    counts["offers_sent"] = sum(1 for row in rows if row["Tilbud sendt"])
    return counts


def _figures(run, period="2024-03"):
    return {
        row["figure"]: row["so_far_this_year"] for row in _json(run, "service", "show", "orders", "--period", period)
    }


def test_a_case_system_order_list_with_a_configured_category(portfolio_migrated, isolated, section):
    run = portfolio_migrated
    (isolated / "portfolio.toml").write_text((EXAMPLES / "portfolio.toml").read_text(encoding="utf-8"))
    result = ok(run("service", "import", "orders", str(ORDERS), "--profile", "case-orders"))
    assert "ignored columns this import does not read: Status, Kunde (--strict-columns refuses them)" in result.output
    figures = _figures(run)
    expected = orders_by_hand()
    for key in ("received", "offers_sent", "delivered", "new-service", "advisory", "network", "sikkerhet"):
        assert figures[key] == expected[key], key
    key_figures = next(b for b in section(run, "2024-03")["blocks"] if b["type"] == "key_figures")
    labels = {item["label"]: item["value"] for item in key_figures["figures"]}
    assert labels["Levert hittil i år, sikkerhet"] == expected["sikkerhet"]
    sheet = ok(run("service", "import", "hours", str(TIMESHEET), "--profile", "timesheet")).output
    rows = _rows(TIMESHEET)
    references = {row["Saksnr"] for row in _rows(ORDERS)}
    work = [row for row in rows if row["Sak"] in references]
    hours = sum(Decimal(row["Timer"].replace(",", ".")) for row in work)
    assert f"Ignored {len(rows) - len(work)} row(s) that are not New services orders" in sheet
    assert "(empty), INTERN-ADM" in sheet
    assert Decimal(str(_figures(run)["hours"])) == hours


def test_a_category_not_configured_is_refused_naming_the_allowed_ones(portfolio_migrated, portfolio_db_url):
    run = portfolio_migrated
    before = table_rows(portfolio_db_url, ORDER_TABLES)
    result = fails(run("service", "import", "orders", str(ORDERS), "--profile", "case-orders"))
    line = next(n for n, row in enumerate(_rows(ORDERS), start=2) if row["Kategori"] == "Sikkerhet")
    assert (
        f"\n{ORDERS}: line {line}, column Kategori: 'Sikkerhet' is not a category; use new-service, advisory, "
        "network (or Ny tjeneste, Rådgivning, Nettverkstjenester): the categories of [plugins.services] categories\n"
    ) in result.output
    assert table_rows(portfolio_db_url, ORDER_TABLES) == before
    strict = fails(run("service", "import", "orders", str(ORDERS), "--profile", "case-orders", "--strict-columns"))
    assert f"{ORDERS}: unknown column 'Status'; allowed: reference, category, received" in strict.output
    assert table_rows(portfolio_db_url, ORDER_TABLES) == before


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("answer_seconds = 0", "answer_seconds = 0 must be a whole number of seconds 1-3600"),
        ('categories = ["Security"]', "category 'Security' must be lower-case letters, digits and '-'"),
        ('categories = ["network", "network"]', "category 'network' is listed twice"),
        ('categories = ["hours"]', "category 'hours' is the name of a key figure"),
    ],
)
def test_bad_settings_are_named(portfolio_migrated, isolated, setting, message):
    (isolated / "portfolio.toml").write_text(f"[plugins.services]\n{setting}\n", encoding="utf-8")
    result = fails(portfolio_migrated("service", "import", "calls", str(CALLS), "--profile", "phone-calls"))
    assert f"[plugins.services]: {message}" in result.output
