"""``[plugins.finance]``: another organisation's chart of lines, units and investment rows; every
mistake in the configuration named in one line."""

from __future__ import annotations

import json

import pytest

from portfolio.testing import fails, ok
from portfolio_finance.chart import DEFAULT_CHART, ChartError, build_chart, build_items
from portfolio_finance.settings import parse_settings

SMALL_CHART = """\
[plugins.finance]
unit = "kr"
fiscal_year_start = 1
lines = [
  { key = "income", nb = "Inntekter", en = "Income", kind = "subtotal", of = ["grants", "sales"] },
  { key = "grants", nb = "Tilskudd", en = "Grants", kind = "revenue" },
  { key = "sales", nb = "Salg", en = "Sales", kind = "revenue" },
  { key = "spend", nb = "Kostnader", en = "Expenses", kind = "subtotal", of = "salaries rent" },
  { key = "salaries", nb = "Lønn", en = "Salaries", kind = "cost" },
  { key = "rent", nb = "Husleie", en = "Rent", kind = "cost" },
  { key = "net", nb = "Resultat", en = "Net", kind = "result", of = ["income", "-spend"] },
]
revenue_total = "income"
cost_total = "spend"
result_total = "net"
investments = [
  { key = "it", nb = "IT-utstyr", en = "IT equipment" },
]
"""


def test_another_organisations_chart(portfolio_migrated, write_config, write_csv):
    write_config(SMALL_CHART)
    keys = [r["key"] for r in json.loads(ok(portfolio_migrated("finance", "lines", "--format", "json")).stdout)]
    assert keys == ["income", "grants", "sales", "spend", "salaries", "rent", "net"]
    path = write_csv(
        "period,line,actual,budget,annual_budget,unit\n"
        "2024-01,Tilskudd,1000,1200,14400,1000 kr\n"
        "2024-01,sales,500,400,4800,1000 kr\n"
        "2024-01,Salaries,900,1000,12000,1000 kr\n"
        "2024-01,rent,300,250,3000,1000 kr\n"
    )
    ok(portfolio_migrated("finance", "import", str(path)))
    fails(portfolio_migrated("finance", "import", str(write_csv("period,line,actual,unit\n2024-01,sla,1,kr\n"))))
    report = json.loads(ok(portfolio_migrated("report", "build", "--period", "2024-01", "--format", "json")).stdout)
    (section,) = [s for s in report["sections"] if s["key"] == "finance"]
    table = next(b for b in section["blocks"] if b["type"] == "table")
    assert table["unit_note"] == "Tall vises i kr"
    rows = {r["cells"][0]: (r["bold"], r["cells"][1:]) for r in table["rows"]}
    thousand = 1000
    assert rows["Inntekter"] == (
        True,
        [v * thousand for v in (1500, 1600, -100, 1500, 1600, -100, 19200)],
    )
    assert rows["Kostnader"] == (
        True,
        [v * thousand for v in (1200, 1250, 50, 1200, 1250, 50, 15000)],
    )
    assert rows["Lønn"] == (False, [v * thousand for v in (900, 1000, 100, 900, 1000, 100, 12000)])
    assert rows["Resultat"] == (True, [v * thousand for v in (300, 350, -50, 300, 350, -50, 4200)])
    text = " ".join("".join(r["text"] for r in b["runs"]) for b in section["blocks"] if b["type"] == "paragraph")
    assert "Resultat for januar viser et negativt budsjettavvik på 0,1 mill. kr." in text  # 50 000 kr
    assert "Inntektene pr. januar er samlet sett 0,1 mill. kr lavere enn budsjettert." in text


def test_small_deviations_read_as_in_line_with_the_budget(portfolio_migrated, write_config, write_csv):
    write_config(SMALL_CHART)
    ok(
        portfolio_migrated(
            "finance",
            "import",
            str(write_csv("period,line,actual,budget,unit\n2024-01,grants,1000,1020,kr\n")),
        )
    )
    report = json.loads(
        ok(portfolio_migrated("report", "build", "--period", "2024-01", "--format", "json", "--lang", "en")).stdout
    )
    (section,) = [s for s in report["sections"] if s["key"] == "finance"]
    text = " ".join("".join(r["text"] for r in b["runs"]) for b in section["blocks"] if b["type"] == "paragraph")
    assert "The result for January is in line with the budget." in text
    assert "Revenue as of January is in total in line with the budget." in text


def test_a_mistake_in_the_configuration_is_one_line(portfolio_migrated, write_config):
    write_config("[plugins.finance]\nfiscal_year_start = 13\n")
    result = fails(portfolio_migrated("finance", "lines"))
    assert "Error: [plugins.finance]: fiscal_year_start '13' must be a month number, 1-12" in result.output
    report = ok(portfolio_migrated("report", "build", "--period", "2024-01", "--format", "json"))
    omitted = json.loads(report.stdout)["omitted"]
    assert omitted[0]["key"] == "finance" and "fiscal_year_start" in omitted[0]["reason"]


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"colour": "red"}, "unknown setting 'colour'; allowed: fiscal_year_start, unit"),
        ({"line_threshold": -1}, "line_threshold '-1' must be a whole number of kr"),
        ({"unit": "mill"}, "unit 'mill' is not known"),
        ({"fiscal_year_start": "july"}, "fiscal_year_start 'july' must be a month number"),
        ({"revenue_total": "income"}, "revenue_total 'income' is not a key of the chart"),
        ({"lines": []}, "lines must be a non-empty list of tables"),
        ({"investments": [{"key": "a", "nb": "A"}]}, "investments: entry 1 lacks 'en'"),
    ],
)
def test_settings_errors(settings, message):
    with pytest.raises(Exception, match=r"^\[plugins\.finance\]") as raised:
        parse_settings(settings)
    assert message in str(raised.value)


def line(key, kind="revenue", of=None, **extra):
    item = {"key": key, "nb": key.upper(), "en": key.title(), "kind": kind, **extra}
    if of is not None:
        item["of"] = of
    return item


@pytest.mark.parametrize(
    ("items", "message"),
    [
        ([line("a"), line("a")], "key 'a' is used more than once"),
        ([line("A")], "key 'A' must be lower-case letters"),
        (
            [line("a", kind="asset")],
            "'a' has kind 'asset'; allowed: revenue, cost, financial, subtotal, result",
        ),
        ([line("t", kind="subtotal")], "'t' is a subtotal and needs 'of'"),
        ([line("a", of=["b"])], "'a' is a revenue line; only subtotal and result have 'of'"),
        (
            [line("t", kind="result", of=["nope"])],
            "'t' is made of 'nope', which is not in the chart",
        ),
        (
            [line("a"), line("c", kind="cost"), line("t", kind="subtotal", of=["a", "c"])],
            "subtotal 't' mixes revenue and cost",
        ),
        (
            [line("x", kind="result", of=["y"]), line("y", kind="result", of=["x"])],
            "circle: x -> y -> x",
        ),
        ([line("a", colour="red")], "entry 1 has unknown field 'colour'"),
        ([line("a", bold="yes")], "'a': bold must be true or false"),
        (["a"], "entry 1 must be a table"),
    ],
)
def test_chart_errors(items, message):
    with pytest.raises(ChartError) as raised:
        build_chart(items)
    assert message in str(raised.value)


def test_chart_senses_and_nested_lines():
    from portfolio_finance.demo_data import DEMO_LINES

    chart = build_chart(DEMO_LINES)  # the reference report's chart
    assert chart.senses["costs"] == -1 and chart.senses["revenue"] == 1
    assert chart.senses["capitalised"] == -1 and chart.senses["result"] == 1
    assert chart.lines_of("result")[-1] == "financial" and len(chart.lines_of("result")) == 12
    assert chart.find("  driftsresultat ").key == "operating_result"
    assert chart.find("Operating costs").key == "costs"


def test_the_default_chart_is_a_generic_income_statement():
    assert DEFAULT_CHART.keys == [
        "revenue",
        "grants",
        "sales",
        "other_revenue",
        "costs",
        "personnel",
        "other_costs",
        "depreciation",
        "operating_result",
        "financial",
        "result",
    ]
    assert DEFAULT_CHART.senses["costs"] == -1 and DEFAULT_CHART.senses["revenue"] == 1
    assert DEFAULT_CHART.lines_of("result") == [
        "grants",
        "sales",
        "other_revenue",
        "personnel",
        "other_costs",
        "depreciation",
        "financial",
    ]
    assert DEFAULT_CHART.find("lønnskostnader").key == "personnel"
    assert DEFAULT_CHART.find("Net result").key == "result"
    labels = " ".join(f"{e.nb} {e.en}" for e in DEFAULT_CHART.entries)
    assert "HN IKT" not in labels and "SLA" not in labels
    settings = parse_settings({})
    assert (settings.revenue_total, settings.cost_total, settings.result_total) == ("revenue", "costs", "result")
    assert [item.key for item in settings.items] == [
        "project_investments",
        "project_costs",
        "projects_total",
        "operating_investments",
    ]
    assert not any("HN IKT" in f"{item.nb} {item.en}" for item in settings.items)


def test_the_example_configuration_is_the_demos(examples):
    import tomllib

    from portfolio_finance.demo_data import DEMO_SETTINGS

    example = tomllib.loads((examples / "portfolio.toml").read_text(encoding="utf-8"))["plugins"]["finance"]
    assert example == DEMO_SETTINGS


@pytest.mark.parametrize(
    ("items", "message"),
    [
        ([{"key": "a", "nb": "A", "en": "A", "of": ["b"]}], "'a' sums 'b', which is not an item"),
        (
            [
                {"key": "a", "nb": "A", "en": "A"},
                {"key": "s", "nb": "S", "en": "S", "of": ["a"]},
                {"key": "t", "nb": "T", "en": "T", "of": ["s"]},
            ],
            "'t' sums 's', which is itself a sum",
        ),
        ([{"key": "a", "nb": "A", "en": "A"}] * 2, "key 'a' is used more than once"),
    ],
)
def test_investment_item_errors(items, message):
    with pytest.raises(ChartError) as raised:
        build_items(items)
    assert message in str(raised.value)


def test_line_sentences_above_a_threshold(portfolio_demo, reference_chart):
    # a [plugins.finance] table replaces the demo's stored settings whole: it names the chart too
    reference_chart("line_threshold = 500000\n")

    def paragraphs(lang: str) -> list[str]:
        report = json.loads(
            ok(portfolio_demo("report", "build", "--period", "2024-01", "--format", "json", "--lang", lang)).stdout
        )
        (section,) = [s for s in report["sections"] if s["key"] == "finance"]
        return ["".join(r["text"] for r in b["runs"]) for b in section["blocks"] if b["type"] == "paragraph"]

    nb = paragraphs("nb")
    assert (
        "Inntektene pr. januar er samlet sett 4,4 mill. kr lavere enn budsjettert. "
        "SLA (tjenesteavtaler) er 1,4 mill. kr under budsjett pr. januar. "
        "Prosjekt/oppdrag/annet er 0,7 mill. kr under budsjett pr. januar. "
        "Viderefakturering er 2,3 mill. kr under budsjett pr. januar."
    ) in nb
    costs = next(p for p in nb if p.startswith("Kostnadene"))
    assert "Personalkostnader er 2,2 mill. kr under budsjett pr. januar." in costs
    assert "Linjeleie" not in costs and "Finansposter" not in costs  # 0,3 mill. kr: below the threshold
    english = next(p for p in paragraphs("en") if p.startswith("Costs"))
    assert "Licences, service and support is NOK 1.6 million below budget as of January." in english
    reference_chart("line_threshold = 200000\n")
    costs = next(p for p in paragraphs("nb") if p.startswith("Kostnadene"))
    assert "Linjeleie er 0,3 mill. kr over budsjett pr. januar." in costs
    assert "Aktiverte lønnsutg. Prosjekter er 0,2 mill. kr over budsjett pr. januar." in costs
    assert "Finansposter er 0,3 mill. kr under budsjett pr. januar." in costs


def test_without_settings_the_generic_chart_is_used(portfolio_migrated, write_csv):
    assert "finance: defaults" in ok(portfolio_migrated("info")).stdout
    path = write_csv(
        "period,line,actual,budget,annual_budget,unit\n"
        "2024-03,Tilskudd og bevilgninger,1000,1100,13200,1000 kr\n"
        "2024-03,sales,200,150,1800,1000 kr\n"
        "2024-03,Other operating revenue,0,0,0,1000 kr\n"
        "2024-03,Lønnskostnader,700,750,9000,1000 kr\n"
        "2024-03,other_costs,300,280,3360,1000 kr\n"
        "2024-03,depreciation,100,100,1200,1000 kr\n"
        "2024-03,financial,-10,-10,-120,1000 kr\n"
    )
    ok(portfolio_migrated("finance", "import", str(path), "--year", "2024"))
    report = json.loads(
        ok(portfolio_migrated("report", "build", "--period", "2024-03", "--format", "json", "--lang", "en")).stdout
    )
    (section,) = [s for s in report["sections"] if s["key"] == "finance"]
    table = next(b for b in section["blocks"] if b["type"] == "table")
    assert table["unit_note"] == "Figures in NOK thousands"
    rows = {r["cells"][0]: r["cells"][1:4] for r in table["rows"]}
    assert rows["Operating revenue"] == [1200, 1250, -50]
    assert rows["Operating costs"] == [1100, 1130, 30]
    assert rows["Net result"] == [90, 110, -20]


def test_the_demo_stores_the_reference_chart(portfolio_demo, write_config):
    assert "finance: database" in ok(portfolio_demo("info")).stdout
    keys = [r["key"] for r in json.loads(ok(portfolio_demo("finance", "lines", "--format", "json")).stdout)]
    assert keys[:4] == ["revenue", "sla", "projects", "reinvoicing"]
    # portfolio.toml's table wins over the stored one, whole: here it has no chart, so the generic one
    write_config("[plugins.finance]\nline_threshold = 0\n")
    keys = [r["key"] for r in json.loads(ok(portfolio_demo("finance", "lines", "--format", "json")).stdout)]
    assert keys[:4] == ["revenue", "grants", "sales", "other_revenue"]
    warnings = [
        f["message"]
        for f in json.loads(ok(portfolio_demo("check", "--period", "2024-01", "--format", "json")).stdout)
        if f["code"] == "finance-unknown-line"
    ]
    assert any("'sla'" in message for message in warnings)  # the demo's figures are for the reference chart
