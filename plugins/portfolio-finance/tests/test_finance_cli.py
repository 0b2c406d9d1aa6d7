"""Every ``portfolio finance`` command: what it stores, what it prints, how it refuses."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from portfolio.testing import fails, ok

# These tests use the reference report's lines and investment rows (sla, capitalised, ...), as
# its exports name them; the plugin's default chart is a generic one.
pytestmark = pytest.mark.usefixtures("reference_chart")


def rows_of(run, period: str = "2024-01") -> dict[str, dict]:
    return {r["key"]: r for r in json.loads(ok(run("finance", "show", "--period", period, "--format", "json")).stdout)}


def test_lines_lists_the_chart_and_the_investment_rows(portfolio_migrated):
    listing = json.loads(ok(portfolio_migrated("finance", "lines", "--format", "json")).stdout)
    assert [r["key"] for r in listing][:4] == ["revenue", "sla", "projects", "reinvoicing"]
    by_key = {r["key"]: r for r in listing}
    assert by_key["revenue"]["of"] == "sla + projects + reinvoicing"
    assert by_key["operating_result"]["of"] == "revenue - costs"
    assert by_key["capitalised"]["deviation"] == "budget - actual"
    assert by_key["financial"]["deviation"] == "actual - budget"
    table = ok(portfolio_migrated("finance", "lines")).stdout
    assert "- Aktiverte lønnsutg. Prosjekter" in table and "DRIFTSRESULTAT" in table
    items = list(
        csv.DictReader(
            io.StringIO(ok(portfolio_migrated("finance", "lines", "--investments", "--format", "csv")).stdout)
        )
    )
    assert [(i["key"], i["bold"]) for i in items] == [
        ("project_investments", "false"),
        ("project_costs", "false"),
        ("projects_total", "true"),
        ("operating_investments", "true"),
        ("asset_acquisitions", "true"),
    ]


def test_set_stores_one_line_and_keeps_what_is_not_given(portfolio_migrated):
    ok(
        portfolio_migrated(
            "finance",
            "set",
            "--period",
            "2024-01",
            "--line",
            "sla",
            "--actual",
            "34 228",
            "--budget",
            "35593,4",
            "--unit",
            "1000",
        )
    )
    ok(
        portfolio_migrated(
            "finance",
            "set",
            "--period",
            "2024-01",
            "--line",
            "Personalkostnader",
            "--actual=-3 109",
            "--unit",
            "1000 kr",
        )
    )
    ok(
        portfolio_migrated(
            "finance",
            "set",
            "--period",
            "2024-01",
            "--line",
            "sla",
            "--annual-budget",
            "427286000",
            "--unit",
            "kr",
        )
    )
    rows = rows_of(portfolio_migrated)
    assert (
        rows["sla"]["actual_kr"],
        rows["sla"]["budget_kr"],
        rows["sla"]["annual_budget_kr"],
    ) == (34_228_000, 35_593_400, 427_286_000)
    assert rows["personnel"]["actual_kr"] == -3_109_000
    result = ok(portfolio_migrated("finance", "set", "--period", "2024-01", "--line", "sla", "--clear"))
    assert "Removed 1 row(s) of 'sla' for 2024-01." in result.stdout
    rows = rows_of(portfolio_migrated)
    assert rows["sla"]["actual_kr"] is None and rows["sla"]["annual_budget_kr"] == 427_286_000
    ok(portfolio_migrated("finance", "set", "--period", "2024-01", "--line", "sla", "--clear-annual-budget"))
    assert rows_of(portfolio_migrated)["sla"]["annual_budget_kr"] is None


def test_set_refuses_clearly(portfolio_migrated):
    result = fails(
        portfolio_migrated(
            "finance",
            "set",
            "--period",
            "2024-01",
            "--line",
            "licenses",
            "--actual",
            "1",
            "--unit",
            "kr",
        )
    )
    assert "unknown line 'licenses'; did you mean 'licences'?" in result.output
    result = fails(
        portfolio_migrated("finance", "set", "--period", "2024-01", "--line", "sla", "--actual", "1"),
        code=2,
    )
    assert "give --unit kr or --unit 1000" in result.output
    result = fails(
        portfolio_migrated("finance", "set", "--period", "2024-01", "--line", "sla", "--unit", "kr"),
        code=2,
    )
    assert "nothing to set" in result.output
    result = fails(
        portfolio_migrated(
            "finance",
            "set",
            "--period",
            "2024-01",
            "--line",
            "sla",
            "--actual",
            "1.137.600",
            "--unit",
            "kr",
        ),
        code=2,
    )
    assert "'1.137.600' is ambiguous" in result.output
    result = fails(
        portfolio_migrated(
            "finance",
            "set",
            "--period",
            "2024-13",
            "--line",
            "sla",
            "--actual",
            "1",
            "--unit",
            "kr",
        ),
        code=2,
    )
    assert "month must be 01-12" in result.output
    result = fails(
        portfolio_migrated(
            "finance",
            "set",
            "--period",
            "2024-01",
            "--line",
            "sla",
            "--actual",
            "0,001",
            "--unit",
            "kr",
        )
    )
    assert "more decimals than whole øre" in result.output
    result = fails(
        portfolio_migrated("finance", "set", "--period", "2024-01", "--line", "sla", "--clear", "--actual", "1"),
        code=2,
    )
    ok(portfolio_migrated("period", "close", "2024-01"))
    result = fails(
        portfolio_migrated(
            "finance",
            "set",
            "--period",
            "2024-01",
            "--line",
            "sla",
            "--actual",
            "1",
            "--unit",
            "kr",
        )
    )
    assert "period 2024-01 is closed" in result.output


def test_show_prints_the_table_as_the_report(portfolio_demo):
    table = ok(portfolio_demo("finance", "show", "--period", "2024-01")).stdout
    assert table.splitlines()[0] == "Resultatrapport 2024"
    assert "Januar 2024, hittil i år" in table and "Tall vises i 1000 kr" in table
    row = next(line for line in table.splitlines() if line.startswith("Prosjekt/oppdrag/annet"))
    cells = [cell.replace("\u00a0", " ") for cell in re.split(r" {2,}", row)]
    assert cells == [
        "Prosjekt/oppdrag/annet",
        "13 485",
        "14 189",
        "-705",
        "13 485",
        "14 189",
        "-705",
        "153 982",
    ]
    english = ok(portfolio_demo("finance", "show", "--period", "2024-01", "--lang", "en")).stdout
    assert "January 2024, year to date" in english and "NET RESULT" in english
    assert "-4,413" in english and "1,137,600" in english
    coloured = ok(portfolio_demo("finance", "show", "--period", "2024-01", "--color")).stdout
    assert "\x1b[1m" in coloured
    whole = ok(portfolio_demo("finance", "show", "--period", "2024-01", "--all")).stdout
    for piece in (
        "Resultat januar",
        "Inntektene pr. januar",
        "Kassakreditt",
        "UB per 31.1.2024",
        "ca. 220 mill. kr",
    ):
        assert piece in whole


def test_show_csv_and_json_give_exact_kr(portfolio_demo):
    rows = list(
        csv.DictReader(
            io.StringIO(ok(portfolio_demo("finance", "show", "--period", "2024-01", "--format", "csv")).stdout)
        )
    )
    projects = next(r for r in rows if r["key"] == "projects")
    assert (projects["actual_kr"], projects["budget_kr"], projects["deviation_kr"]) == (
        "13484500",
        "14189100",
        "-704600",
    )
    assert projects["label"] == "Prosjekt/oppdrag/annet"
    result = fails(portfolio_demo("finance", "show", "--period", "2024-02"))
    assert "no finance figures for 2024-02" in result.output
    fails(portfolio_demo("finance", "show", "--period", "2024-02", "--format", "json"))


def test_text_set_show_and_remove(portfolio_migrated, tmp_path):
    note = tmp_path / "inntekter.md"
    note.write_text("Første avsnitt.\n\n- punkt én\n- punkt to\n", encoding="utf-8")
    assert (
        "Saved the revenue text for 2024-01."
        in ok(
            portfolio_migrated(
                "finance",
                "text",
                "set",
                "--period",
                "2024-01",
                "--topic",
                "revenue",
                "--file",
                str(note),
            )
        ).stdout
    )
    ok(
        portfolio_migrated(
            "finance",
            "text",
            "set",
            "--period",
            "2024-01",
            "--topic",
            "summary",
            "--text",
            "Kort oppsummert.",
        )
    )
    assert (
        ok(portfolio_migrated("finance", "text", "show", "--period", "2024-01", "--topic", "summary")).stdout
        == "Kort oppsummert.\n"
    )
    listing = json.loads(
        ok(portfolio_migrated("finance", "text", "show", "--period", "2024-01", "--format", "json")).stdout
    )
    assert [r["topic"] for r in listing] == ["revenue", "summary"]
    report = json.loads(ok(portfolio_migrated("report", "build", "--period", "2024-01", "--format", "json")).stdout)
    (section,) = [s for s in report["sections"] if s["key"] == "finance"]
    kinds = [(b["type"], b.get("text")) for b in section["blocks"]]
    assert ("heading", "Inntekter") in kinds and ("bullets", None) in kinds and ("heading", "Oppsummert") in kinds
    assert (
        "Removed"
        in ok(
            portfolio_migrated("finance", "text", "set", "--period", "2024-01", "--topic", "summary", "--text", "")
        ).stdout
    )
    fails(portfolio_migrated("finance", "text", "show", "--period", "2024-01", "--topic", "summary"))
    fails(
        portfolio_migrated("finance", "text", "set", "--period", "2024-01", "--topic", "gossip", "--text", "x"),
        code=2,
    )
    fails(
        portfolio_migrated(
            "finance",
            "text",
            "set",
            "--period",
            "2024-01",
            "--topic",
            "result",
            "--text",
            "x",
            "--file",
            str(note),
        ),
        code=2,
    )
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Lønn".encode("latin-1"))
    assert (
        "is not UTF-8 text"
        in fails(
            portfolio_migrated(
                "finance",
                "text",
                "set",
                "--period",
                "2024-01",
                "--topic",
                "result",
                "--file",
                str(bad),
            )
        ).output
    )


def test_investment_rows_carry_the_annual_budget(portfolio_migrated):
    ok(
        portfolio_migrated(
            "finance",
            "investment",
            "set",
            "--period",
            "2024-01",
            "--item",
            "project_investments",
            "--annual-budget",
            "108 000",
            "--to-date",
            "8 700",
            "--unit",
            "1000",
        )
    )
    ok(
        portfolio_migrated(
            "finance",
            "investment",
            "set",
            "--period",
            "2024-02",
            "--item",
            "project_investments",
            "--to-date",
            "17 000",
            "--unit",
            "1000",
        )
    )
    rows = json.loads(
        ok(portfolio_migrated("finance", "investment", "show", "--period", "2024-02", "--format", "json")).stdout
    )
    by_item = {r["item"]: r for r in rows}
    assert by_item["project_investments"] == {
        "item": "project_investments",
        "label": "Prosjektinvesteringer HN IKT (aktiverbare utgifter)",
        "annual_budget_kr": 108_000_000,
        "to_date_kr": 17_000_000,
    }
    assert by_item["projects_total"]["to_date_kr"] == 17_000_000  # a sum of what is entered
    assert by_item["asset_acquisitions"]["to_date_kr"] is None
    result = fails(
        portfolio_migrated(
            "finance",
            "investment",
            "set",
            "--period",
            "2024-01",
            "--item",
            "projects_total",
            "--to-date",
            "1",
            "--unit",
            "kr",
        )
    )
    assert (
        "'projects_total' is the sum of project_investments, project_costs; enter those items instead" in result.output
    )
    result = fails(
        portfolio_migrated(
            "finance",
            "investment",
            "set",
            "--period",
            "2024-01",
            "--item",
            "roads",
            "--to-date",
            "1",
            "--unit",
            "kr",
        )
    )
    assert "investment item 'roads' is not known; allowed: project_investments" in result.output
    result = fails(
        portfolio_migrated(
            "finance",
            "investment",
            "set",
            "--period",
            "2025-01",
            "--item",
            "project_investments",
            "--to-date",
            "1",
            "--unit",
            "kr",
        )
    )
    assert "has no annual budget for 2025 yet; give --annual-budget" in result.output
    result = fails(
        portfolio_migrated(
            "finance",
            "investment",
            "set",
            "--period",
            "2024-03",
            "--item",
            "project_costs",
            "--annual-budget",
            "1",
            "--unit",
            "kr",
        )
    )
    assert "give --to-date" in result.output
    fails(
        portfolio_migrated(
            "finance",
            "investment",
            "set",
            "--period",
            "2024-03",
            "--item",
            "project_costs",
            "--to-date",
            "1",
        ),
        code=2,
    )
    fails(
        portfolio_migrated("finance", "investment", "set", "--period", "2024-03", "--item", "project_costs"),
        code=2,
    )


def test_liquidity_balances_limit_and_headroom(portfolio_migrated):
    result = fails(
        portfolio_migrated(
            "finance",
            "liquidity",
            "set",
            "--period",
            "2024-01",
            "--closing=-419892",
            "--unit",
            "1000",
        )
    )
    assert "give --opening: the balance at 2024-01-01" in result.output
    result = fails(
        portfolio_migrated(
            "finance",
            "liquidity",
            "set",
            "--period",
            "2024-01",
            "--closing=-419892",
            "--opening=-306490",
            "--unit",
            "1000",
        )
    )
    assert "give --limit" in result.output
    ok(
        portfolio_migrated(
            "finance",
            "liquidity",
            "set",
            "--period",
            "2024-01",
            "--closing=-419 892",
            "--opening=-306 490",
            "--limit",
            "640 000",
            "--unit",
            "1000",
        )
    )
    ok(
        portfolio_migrated(
            "finance",
            "liquidity",
            "set",
            "--period",
            "2024-02",
            "--closing=-400000",
            "--unit",
            "1000",
        )
    )
    shown = json.loads(
        ok(portfolio_migrated("finance", "liquidity", "show", "--period", "2024-02", "--format", "json")).stdout
    )
    assert shown == {
        "opening_kr": -306_490_000,
        "movements_kr": -93_510_000,
        "closing_kr": -400_000_000,
        "limit_kr": 640_000_000,
        "unused_kr": 240_000_000,
    }
    ok(
        portfolio_migrated(
            "finance",
            "liquidity",
            "set",
            "--period",
            "2024-12",
            "--closing=-100000",
            "--unit",
            "1000",
        )
    )
    ok(
        portfolio_migrated(
            "finance",
            "liquidity",
            "set",
            "--period",
            "2025-01",
            "--closing=-50000",
            "--unit",
            "1000",
        )
    )
    january = json.loads(
        ok(portfolio_migrated("finance", "liquidity", "show", "--period", "2025-01", "--format", "json")).stdout
    )
    assert january["opening_kr"] == -100_000_000  # last year's closing balance
    assert "Unused (kr):" in ok(portfolio_migrated("finance", "liquidity", "show", "--period", "2025-01")).stdout
    fails(portfolio_migrated("finance", "liquidity", "show", "--period", "2023-01"))
    fails(portfolio_migrated("finance", "liquidity", "set", "--period", "2024-01", "--limit=-5", "--unit", "1000"))
    fails(portfolio_migrated("finance", "liquidity", "set", "--period", "2024-01"), code=2)
    result = fails(
        portfolio_migrated("finance", "liquidity", "set", "--period", "2024-05", "--opening", "1", "--unit", "kr")
    )
    assert "give --closing" in result.output


def test_liquidity_sentences_when_drawn_less_and_over_the_limit(portfolio_migrated):
    def sentences(period: str) -> str:
        report = json.loads(
            ok(portfolio_migrated("report", "build", "--period", period, "--format", "json", "--lang", "en")).stdout
        )
        (section,) = [s for s in report["sections"] if s["key"] == "finance"]
        return " ".join("".join(r["text"] for r in b["runs"]) for b in section["blocks"] if b["type"] == "paragraph")

    ok(
        portfolio_migrated(
            "finance",
            "liquidity",
            "set",
            "--period",
            "2024-03",
            "--opening=-300000",
            "--closing=-250000",
            "--limit",
            "640500",
            "--unit",
            "1000",
        )
    )
    text = sentences("2024-03")
    assert "has decreased by NOK 50.0 million in 2024" in text and "The credit limit is NOK 640.5 million." in text
    ok(
        portfolio_migrated(
            "finance",
            "liquidity",
            "set",
            "--period",
            "2024-04",
            "--closing=-700000",
            "--unit",
            "1000",
        )
    )
    assert "The amount drawn exceeds the credit limit by NOK 59.5 million at 30 Apr 2024." in sentences("2024-04")


def test_staffing_change_since_the_start_of_the_year(portfolio_migrated):
    result = fails(portfolio_migrated("finance", "staffing", "set", "--period", "2024-01", "--fte", "473"))
    assert "give --year-start" in result.output
    ok(
        portfolio_migrated(
            "finance",
            "staffing",
            "set",
            "--period",
            "2023-12",
            "--fte",
            "470",
            "--year-start",
            "460",
        )
    )
    ok(portfolio_migrated("finance", "staffing", "set", "--period", "2024-01", "--fte", "473"))
    ok(portfolio_migrated("finance", "staffing", "set", "--period", "2024-02", "--fte", "468,5"))

    def costs_text(period: str, lang: str = "nb") -> str:
        report = json.loads(
            ok(portfolio_migrated("report", "build", "--period", period, "--format", "json", "--lang", lang)).stdout
        )
        (section,) = [s for s in report["sections"] if s["key"] == "finance"]
        return " ".join("".join(r["text"] for r in b["runs"]) for b in section["blocks"] if b["type"] == "paragraph")

    assert (
        "Antallet stillinger/månedsverk FTE pr. januar er 473. "
        "Dette er en økning på 3 siden årsskiftet." in costs_text("2024-01")
    )
    assert "FTE pr. februar er 468,5. Dette er en nedgang på 1,5 siden årsskiftet." in costs_text("2024-02")
    assert "This is a decrease of 1.5 since the turn of the year." in costs_text("2024-02", "en")
    ok(portfolio_migrated("finance", "staffing", "set", "--period", "2024-02", "--fte", "470"))
    assert "Dette er uendret siden årsskiftet." in costs_text("2024-02")
    fails(portfolio_migrated("finance", "staffing", "set", "--period", "2024-02", "--fte=-1"))
    fails(portfolio_migrated("finance", "staffing", "set", "--period", "2024-02", "--fte", "1,234"))
    fails(portfolio_migrated("finance", "staffing", "set", "--period", "2024-02"), code=2)
    result = fails(portfolio_migrated("finance", "staffing", "set", "--period", "2024-06", "--year-start", "1"))
    assert "give --fte" in result.output


def test_help_of_every_command(portfolio_cli):
    for command in (
        [],
        ["lines"],
        ["import"],
        ["set"],
        ["show"],
        ["text", "set"],
        ["text", "show"],
        ["investment", "set"],
        ["investment", "show"],
        ["liquidity", "set"],
        ["liquidity", "show"],
        ["staffing", "set"],
    ):
        assert "Usage: " in ok(portfolio_cli("finance", *command, "--help")).stdout
