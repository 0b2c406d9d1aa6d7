"""The example files in examples/ (the ones the docs show) import cleanly and hold the demo's
figures, so the documentation cannot drift from what the importer accepts."""

from __future__ import annotations

import json
import re
from pathlib import Path

from portfolio.testing import ok

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT.parent.parent / "docs" / "sections" / "finance.md"


def show_csv(run, period: str = "2024-01") -> str:
    return ok(run("finance", "show", "--period", period, "--format", "csv")).stdout


def finance_findings(run, period: str) -> list[dict]:
    result = run("check", "--period", period, "--format", "json")
    # the demo's one overspend warning is deliberate (the evidence rule's example), not a figure problem
    return [f for f in json.loads(result.stdout) if f["plugin"] == "finance" and f["code"] != "finance-overspend"]


def test_the_csv_example_holds_the_demo_figures(portfolio_demo, examples):
    demo = show_csv(portfolio_demo)
    result = ok(portfolio_demo("finance", "import", str(examples / "finance-2024-01.csv"), "--unit", "1000"))
    assert "Imported 16 row(s) for 2024-01 in 1000 kr." in result.stdout
    assert show_csv(portfolio_demo) == demo
    assert finance_findings(portfolio_demo, "2024-01") == []  # its totals agree with its lines


def test_the_excel_example_holds_the_demo_figures(portfolio_demo, examples):
    demo = show_csv(portfolio_demo)
    ok(portfolio_demo("finance", "import", str(examples / "finance-2024-01.xlsx")))
    assert show_csv(portfolio_demo) == demo


def test_the_february_example_and_the_text_example(portfolio_demo, examples):
    ok(portfolio_demo("finance", "import", str(examples / "finance-2024-02.csv")))
    rows = {
        r["key"]: r
        for r in json.loads(ok(portfolio_demo("finance", "show", "--period", "2024-02", "--format", "json")).stdout)
    }
    assert rows["sla"]["ytd_actual_kr"] == 69_228_000
    ok(
        portfolio_demo(
            "finance",
            "text",
            "set",
            "--period",
            "2024-02",
            "--topic",
            "liquidity",
            "--file",
            str(examples / "liquidity-2024-01.md"),
        )
    )
    assert (
        "Likviditetssituasjonen er tilfredsstillende."
        in ok(portfolio_demo("finance", "text", "show", "--period", "2024-02", "--topic", "liquidity")).stdout
    )


def test_the_docs_name_every_example_and_command():
    text = DOCS.read_text(encoding="utf-8")
    for example in sorted(p.name for p in (ROOT / "examples").iterdir()):
        assert example in text, f"docs/sections/finance.md does not mention {example}"
    for command in (
        "finance import",
        "finance set",
        "finance show",
        "finance lines",
        "finance text set",
        "finance investment set",
        "finance liquidity set",
        "finance staffing set",
    ):
        assert command in text, command
    for key in (
        "fiscal_year_start",
        "unit",
        "lines",
        "investments",
        "revenue_total",
        "cost_total",
        "result_total",
        "line_threshold",
    ):
        assert re.search(rf"`{key}`", text), key
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/sections/finance.md" in readme
