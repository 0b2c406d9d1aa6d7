"""``portfolio check`` finds what the board should not see: missing figures, imported totals that
disagree with their lines beyond rounding, keys the chart lacks, a credit line over its limit."""

from __future__ import annotations

import json

from portfolio.testing import ok

# The seed's table as an accounting export prints it: whole thousands, totals included. The lines
# sum to 91 713 while the total says 91 712: that is rounding, not an error.
ROUNDED_EXPORT = """\
period;line;actual;budget;unit
2024-01;Driftsinntekter;91 712;96 125;1000 kr
2024-01;SLA (tjenesteavtaler);34 228;35 593;1000 kr
2024-01;Prosjekt/oppdrag/annet;13 485;14 189;1000 kr
2024-01;Viderefakturering;44 000;46 342;1000 kr
2024-01;RESULTAT;-630;-1 388;1000 kr
"""


def findings(run, period: str = "2024-01") -> list[dict]:
    result = run("check", "--period", period, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    return [f for f in json.loads(result.stdout) if f["plugin"] == "finance"]


def codes(run, period: str = "2024-01") -> set[str]:
    return {f["code"] for f in findings(run, period)}


def test_nothing_entered_is_one_warning(portfolio_migrated):
    assert findings(portfolio_migrated) == [
        {
            "severity": "warning",
            "plugin": "finance",
            "code": "finance-missing",
            "message": "no finance figures for 2024-01; import them with 'portfolio finance import'",
        }
    ]


def test_totals_within_rounding_pass(portfolio_demo, write_csv):
    ok(portfolio_demo("finance", "import", str(write_csv(ROUNDED_EXPORT))))
    assert "finance-total-mismatch" not in codes(portfolio_demo)


def test_a_total_that_disagrees_with_its_lines_is_an_error(portfolio_demo, write_csv):
    export = ROUNDED_EXPORT.replace("Driftsinntekter;91 712;96 125", "Driftsinntekter;91 800;96 125")
    ok(portfolio_demo("finance", "import", str(write_csv(export))))
    result = portfolio_demo("check", "--period", "2024-01", "--format", "json")
    assert result.exit_code == 1
    errors = [f for f in json.loads(result.stdout) if f["code"] == "finance-total-mismatch"]
    assert [e["message"] for e in errors] == [
        "Driftsinntekter (revenue) actual, 2024-01: imported 91 800, its lines sum to 91 713; "
        "off by 87 1000 kr, more than rounding"
    ]
    # the report still computes the total from its lines
    rows = {
        r["key"]: r
        for r in json.loads(ok(portfolio_demo("finance", "show", "--period", "2024-01", "--format", "json")).stdout)
    }
    assert rows["revenue"]["actual_kr"] == 91_713_000


def test_nested_result_and_annual_budget_totals_are_checked(portfolio_demo, write_csv):
    ok(
        portfolio_demo(
            "finance",
            "import",
            str(
                write_csv(
                    "period;line;actual;annual_budget;unit\n"
                    "2024-01;result;-600;;1000 kr\n"
                    "2024-01;costs;;1 119 000;1000 kr\n"
                )
            ),
        )
    )
    messages = [f["message"] for f in findings(portfolio_demo) if f["code"] == "finance-total-mismatch"]
    assert sorted(messages) == [
        "Driftskostnader (costs) annual budget, fiscal year from 2024-01: imported 1 119 000, "
        "its lines sum to 1 119 780; off by -780 1000 kr, more than rounding",
        "RESULTAT (result) actual, 2024-01: imported -600, its lines sum to -629.7; "
        "off by 29.7 1000 kr, more than rounding",
    ]


def test_a_second_month_half_entered(portfolio_demo, write_csv):
    ok(
        portfolio_demo(
            "finance",
            "import",
            str(write_csv("period,line,actual,budget,unit\n2024-03,sla,1,,kr\n")),
        )
    )
    found = findings(portfolio_demo, "2024-03")
    by_code: dict[str, list[str]] = {}
    for f in found:
        by_code.setdefault(f["code"], []).append(f["message"])
    assert "line 'sla' has no budget for 2024-03" in by_code["finance-line-incomplete"]
    assert "line 'projects' has no actual for 2024-03" in by_code["finance-line-incomplete"]
    assert by_code["finance-month-missing"] == [
        "no finance figures for 2024-02; the year to date of 2024-03 lacks that month"
    ]
    assert by_code["finance-liquidity-missing"] and by_code["finance-staffing-missing"]
    assert by_code["finance-investments-incomplete"] == [
        "no accounts to date for 2024-03 for investment item(s) "
        "project_investments, project_costs, "
        "operating_investments, asset_acquisitions"
    ]
    assert all(f["severity"] == "warning" for f in found)


def test_missing_annual_budget_and_unknown_keys(portfolio_migrated, write_csv, write_config, reference_chart):
    ok(
        portfolio_migrated(
            "finance",
            "import",
            str(write_csv("period,line,actual,budget,unit\n2024-01,sla,1,1,kr\n2024-01,other,1,1,kr\n")),
        )
    )
    assert any(
        f["message"].startswith("no annual budget from 2024-01 for line(s) sla, projects")
        for f in findings(portfolio_migrated)
    )
    write_config('[plugins.finance]\nlines = [{key = "sla", nb = "SLA", en = "SLA", kind = "revenue"}]\n')
    unknown = [f["message"] for f in findings(portfolio_migrated) if f["code"] == "finance-unknown-line"]
    assert unknown == ["2024-01 has figures for line 'other', which the chart of lines does not have"]


def test_credit_line_over_its_limit(portfolio_migrated):
    ok(
        portfolio_migrated(
            "finance",
            "liquidity",
            "set",
            "--period",
            "2024-01",
            "--opening=-1",
            "--closing=-700000",
            "--limit",
            "640000",
            "--unit",
            "1000",
        )
    )
    over = [f for f in findings(portfolio_migrated) if f["code"] == "finance-credit-over-limit"]
    assert over[0]["message"] == (
        "the credit line is drawn 700 000 at the end of 2024-01, beyond its limit of 640 000 (1000 kr)"
    )
