"""A second month: year-to-date sums and deviations, signed so that positive is favourable; a fiscal
year that starts in another month; the forecast beside the annual budget."""

from __future__ import annotations

import json
from decimal import Decimal

from portfolio.testing import ok

FEBRUARY = """\
period;line;actual;budget;unit
2024-02;sla;35 000;35 593,4;1000 kr
2024-02;projects;15 000;14 189,1;1000 kr
2024-02;reinvoicing;46 000;46 342,1;1000 kr
2024-02;personnel;42 500;42 130;1000 kr
2024-02;capitalised;-3 500;-3 349;1000 kr
2024-02;licences;23 000;22 035,4;1000 kr
2024-02;depreciation;19 900;19 916;1000 kr
2024-02;line_lease;2 500;2 471;1000 kr
2024-02;premises;3 000;3 053,6;1000 kr
2024-02;consultants;4 000;4 325;1000 kr
2024-02;other;5 000;5 446,3;1000 kr
2024-02;financial;-1 500;-1 484,4;1000 kr
"""


def statement(run, period: str) -> dict[str, dict]:
    rows = json.loads(ok(run("finance", "show", "--period", period, "--format", "json")).stdout)
    return {row["key"]: row for row in rows}


def kr(thousands: str) -> Decimal:
    return Decimal(thousands) * 1000


def test_second_month_sums_and_deviations(portfolio_demo, write_csv):
    ok(portfolio_demo("finance", "import", str(write_csv(FEBRUARY))))
    jan, feb = statement(portfolio_demo, "2024-01"), statement(portfolio_demo, "2024-02")

    # the month: February's own figures
    assert Decimal(str(feb["sla"]["actual_kr"])) == kr("35000")
    assert Decimal(str(feb["sla"]["deviation_kr"])) == kr("35000") - kr("35593.4")  # revenue: actual - budget
    assert Decimal(str(feb["licences"]["deviation_kr"])) == kr("22035.4") - kr("23000")  # cost: budget - actual
    assert Decimal(str(feb["capitalised"]["deviation_kr"])) == kr("-3349") - kr("-3500")  # negative cost line
    assert Decimal(str(feb["financial"]["deviation_kr"])) == kr("-1500") - kr("-1484.4")  # result-signed
    # the year to date: January + February, line by line
    for key in ("sla", "projects", "personnel", "capitalised", "licences", "financial"):
        for name in ("actual", "budget"):
            both = Decimal(str(jan[key][f"{name}_kr"])) + Decimal(str(feb[key][f"{name}_kr"]))
            assert Decimal(str(feb[key][f"ytd_{name}_kr"])) == both, (key, name)
    # totals and results from their lines, deviations from the totals
    revenue = kr("34228") + kr("13484.5") + kr("43999.5") + kr("35000") + kr("15000") + kr("46000")
    assert Decimal(str(feb["revenue"]["ytd_actual_kr"])) == revenue
    costs_actual = Decimal(str(feb["costs"]["ytd_actual_kr"]))
    costs_budget = Decimal(str(feb["costs"]["ytd_budget_kr"]))
    assert Decimal(str(feb["costs"]["ytd_deviation_kr"])) == costs_budget - costs_actual
    operating = Decimal(str(feb["operating_result"]["ytd_actual_kr"]))
    assert operating == revenue - costs_actual
    result = Decimal(str(feb["result"]["ytd_actual_kr"]))
    assert result == operating + Decimal(str(feb["financial"]["ytd_actual_kr"]))
    result_budget = Decimal(str(feb["result"]["ytd_budget_kr"]))
    assert Decimal(str(feb["result"]["ytd_deviation_kr"])) == result - result_budget
    # the annual budget belongs to the fiscal year, so February shows January's
    assert feb["revenue"]["annual_budget_kr"] == 1_137_600_000
    # January is unchanged by February's import
    assert Decimal(str(jan["sla"]["ytd_actual_kr"])) == kr("34228")


def test_second_month_table_and_sentences(portfolio_demo, write_csv):
    ok(portfolio_demo("finance", "import", str(write_csv(FEBRUARY))))
    report = json.loads(ok(portfolio_demo("report", "build", "--period", "2024-02", "--format", "json")).stdout)
    (section,) = [s for s in report["sections"] if s["key"] == "finance"]
    table = next(b for b in section["blocks"] if b["type"] == "table")
    assert [g["label"] for g in table["groups"]] == [
        "",
        "Februar 2024",
        "Februar 2024, hittil i år",
        "Budsjett",
    ]
    sla = table["rows"][1]["cells"]
    assert sla[0] == "SLA (tjenesteavtaler)"
    assert [Decimal(str(v)) for v in sla[1:]] == [
        Decimal("35000"),
        Decimal("35593.4"),
        Decimal("-593.4"),
        Decimal("69228"),
        Decimal("71186.8"),
        Decimal("-1958.8"),
        Decimal("427286"),
    ]
    text = " ".join("".join(r["text"] for r in b["runs"]) for b in section["blocks"] if b["type"] == "paragraph")
    result = table["rows"][-1]["cells"]
    month_deviation, ytd_deviation = Decimal(str(result[3])), Decimal(str(result[6]))
    assert (month_deviation, ytd_deviation) == (Decimal("-511.9"), Decimal("246.5"))
    assert "Resultat for februar viser et negativt budsjettavvik på 0,5 mill. kr." in text
    assert "Hittil i år viser resultatet et positivt budsjettavvik på 0,2 mill. kr." in text
    assert "Inntektene pr. februar er samlet sett" in text


def test_month_without_figures_shows_a_note(portfolio_demo):
    report = json.loads(ok(portfolio_demo("report", "build", "--period", "2024-03", "--format", "json")).stdout)
    (section,) = [s for s in report["sections"] if s["key"] == "finance"]
    assert section["blocks"][1] == {
        "type": "note",
        "text": "Det er ikke registrert økonomitall for 2024-03.",
        "items": [],
    }
    assert not any(b["type"] == "table" for b in section["blocks"])


def test_fiscal_year_starting_in_july(portfolio_migrated, reference_chart, write_csv):
    reference_chart("fiscal_year_start = 7\n")
    rows = ["period,line,actual,budget,annual_budget"]
    for period, actual in (
        ("2024-06", "10"),
        ("2024-07", "100"),
        ("2024-08", "200"),
        ("2025-06", "5"),
    ):
        rows.append(f"{period},sla,{actual},{actual},{1200 if period == '2024-07' else ''}")
    # June 2024 belongs to fiscal year 2023/24, so it goes in its own file
    ok(
        portfolio_migrated(
            "finance",
            "import",
            str(write_csv("\n".join(rows[:2]) + "\n", "june.csv")),
            "--unit",
            "1000",
        )
    )
    ok(
        portfolio_migrated(
            "finance",
            "import",
            str(write_csv("\n".join([rows[0], rows[2], rows[3]]) + "\n", "fy.csv")),
            "--unit",
            "1000",
        )
    )
    august = statement(portfolio_migrated, "2024-08")
    assert august["sla"]["ytd_actual_kr"] == 300_000  # July + August, not June
    assert august["sla"]["annual_budget_kr"] == 1_200_000
    report = json.loads(
        ok(portfolio_migrated("report", "build", "--period", "2024-08", "--format", "json", "--lang", "en")).stdout
    )
    (section,) = [s for s in report["sections"] if s["key"] == "finance"]
    table = next(b for b in section["blocks"] if b["type"] == "table")
    assert table["title"] == "Income statement 2024/25"
    june = statement(portfolio_migrated, "2024-06")
    assert june["sla"]["ytd_actual_kr"] == 10_000 and june["sla"]["annual_budget_kr"] is None


def test_forecast_beside_the_annual_budget(portfolio_demo):
    ok(
        portfolio_demo(
            "finance",
            "set",
            "--period",
            "2024-01",
            "--line",
            "result",
            "--forecast",
            "0",
            "--unit",
            "kr",
        )
    )
    report = json.loads(ok(portfolio_demo("report", "build", "--period", "2024-01", "--format", "json")).stdout)
    (section,) = [s for s in report["sections"] if s["key"] == "finance"]
    table = next(b for b in section["blocks"] if b["type"] == "table")
    assert [g["label"] for g in table["groups"]][-2:] == ["Budsjett", "Prognose"]
    assert table["rows"][-1]["cells"][-2:] == [0, 0]  # RESULTAT: annual budget 0, forecast 0
    assert table["rows"][0]["cells"][-1] is None  # no forecast for revenue
    paragraphs = ["".join(r["text"] for r in b["runs"]) for b in section["blocks"] if b["type"] == "paragraph"]
    summary = paragraphs[paragraphs.index(next(p for p in paragraphs if p.startswith("Resultatet viser"))) + 1]
    assert summary == "Prognosen for resultatet ved årsslutt er balanse, i tråd med årsbudsjettet."


def test_forecast_per_line_sums_to_totals_when_complete(portfolio_demo):
    for key, value in (("sla", "430 000"), ("projects", "150 000")):
        ok(
            portfolio_demo(
                "finance",
                "set",
                "--period",
                "2024-01",
                "--line",
                key,
                "--forecast",
                value,
                "--unit",
                "1000",
            )
        )
    rows = statement(portfolio_demo, "2024-01")
    assert rows["sla"]["forecast_kr"] == 430_000_000
    assert rows["revenue"]["forecast_kr"] is None  # re-invoicing has no forecast: no partial sum
    ok(
        portfolio_demo(
            "finance",
            "set",
            "--period",
            "2024-01",
            "--line",
            "Viderefakturering",
            "--forecast",
            "550000",
            "--unit",
            "1000",
        )
    )
    rows = statement(portfolio_demo, "2024-01")
    assert rows["revenue"]["forecast_kr"] == 1_130_000_000
    ok(
        portfolio_demo(
            "finance",
            "set",
            "--period",
            "2024-01",
            "--line",
            "result",
            "--forecast",
            "-2 500",
            "--unit",
            "1000",
        )
    )
    en = json.loads(
        ok(portfolio_demo("report", "build", "--period", "2024-01", "--format", "json", "--lang", "en")).stdout
    )
    (section,) = [s for s in en["sections"] if s["key"] == "finance"]
    text = " ".join("".join(r["text"] for r in b["runs"]) for b in section["blocks"] if b["type"] == "paragraph")
    assert (
        "The year-end forecast for the result is NOK -2.5 million, against an annual budget of NOK 0.0 million." in text
    )
