"""Four months of one benefit falling behind its planned curve: the section's figures and the
evidence against ALPHA's green benefits rating follow it month by month.

ALPHA is rated green on benefits every month; its benefit CALLS (support calls per month, 1200
to 800 from December 2023 to 31 December 2024) keeps to its curve in January and February, then
stalls: 12.4 points behind in March, 18.1 in April, past the default tolerance of 10. BETA is
rated yellow on benefits and has no benefit at all; GAMMA is not rated on benefits ("na") and
needs none.
"""

from __future__ import annotations

import json

import pytest

from portfolio.testing import Runner, fails, ok

from .conftest import add_benefit, section

MONTHS = ("2024-01", "2024-02", "2024-03", "2024-04")
VALUES = ("1170", "1140", "1150", "1140")
RATINGS = {"ALPHA": "green", "BETA": "yellow", "GAMMA": "na"}
MISSING = (
    "gains-missing",
    "BETA is rated yellow on benefits, but has no benefit registered; add one with "
    "'portfolio gain add BETA KEY ...' or rate benefits na",
)


@pytest.fixture
def months(portfolio_migrated: Runner) -> Runner:
    run = portfolio_migrated
    for code in RATINGS:
        ok(run("project", "add", code, f"Project {code}"))
    ok(add_benefit(run, period="2023-12"))
    for month, value in zip(MONTHS, VALUES, strict=True):
        for code, rating in RATINGS.items():
            ok(
                run(
                    "status", "set", code, "--period", month, "--scope", "green", "--finance", "green",
                    "--resources", "green", "--schedule", "green", "--dependencies", "green", "--benefits", rating,
                )
            )  # fmt: skip
        ok(run("gain", "value", "ALPHA", "CALLS", "--period", month, "--value", value))
    return run


def _evidence(run: Runner, month: str) -> list[tuple[str, str]]:
    rows = json.loads(ok(run("check", "--period", month, "--format", "json")).stdout)
    return [(r["code"], r["message"]) for r in rows if r["plugin"] == "gains"]


def _row(run: Runner, month: str) -> list:
    (table,) = [b for b in section(run, month)["blocks"] if b["type"] == "table"]
    (row,) = table["rows"]
    return row["cells"]


def test_the_section_follows_the_benefit(months: Runner) -> None:
    # realised, since last month, realisation %, planned % (31, 60, 91 and 121 of 366 days)
    found = [_row(months, month)[6:] for month in MONTHS]
    assert found == [
        [1170, -30, 7.5, 8.5],
        [1140, -30, 15, 16.4],
        [1150, 10, 12.5, 24.9],
        [1140, -10, 15, 33.1],
    ]
    summaries = [section(months, month)["blocks"][0]["runs"][0]["text"] for month in MONTHS]
    assert [text.split("; ")[1].split(" more")[0] for text in summaries] == ["0", "0", "1", "1"]


def test_the_evidence_follows_the_benefit(months: Runner) -> None:
    assert _evidence(months, "2024-01") == [MISSING]
    assert _evidence(months, "2024-02") == [MISSING]  # 1.4 points behind: within the 10
    assert _evidence(months, "2024-03") == [
        (
            "gains-behind",
            "ALPHA is rated green on benefits, but benefit CALLS 'Support calls per month' is 12.5% realised "
            "against 24.9% planned by 2024-03: 12.4 points behind, more than the tolerance of 10 points",
        ),
        MISSING,
    ]
    assert [code for code, _ in _evidence(months, "2024-04")] == ["gains-behind", "gains-missing"]
    march = ok(months("report", "build", "--period", "2024-03", "--format", "md")).stdout
    line = (
        "ALPHA har grønt gevinstarbeid, men CALLS Support calls per month er 12,5\u00a0% realisert mot "
        "24,9\u00a0% planlagt: 12,4 prosentpoeng bak, mer enn toleransen på 10,0."
    )
    assert "> Tallene støtter ikke disse vurderingene:" in march  # beside the status matrix
    assert march.count(f"- {line}") == 2  # there and in the benefits section
    assert "- BETA er vurdert på gevinstarbeid, men har ingen gevinst registrert." in march
    assert "Tallene støtter ikke disse vurderingene av gevinstarbeid:" in march


def test_a_wider_tolerance_and_a_benefit_for_beta_clear_the_evidence(months: Runner, write_config) -> None:
    write_config("[plugins.gains]\ntolerance = 20\n")
    ok(add_benefit(months, "BETA", "HOURS", period="2024-02", measure="Overtime hours", unit="hours"))
    assert _evidence(months, "2024-01") == [MISSING]  # BETA's benefit is measured from February
    assert _evidence(months, "2024-04") == [("gains-value-missing", _evidence(months, "2024-04")[0][1])]


def test_a_bad_setting_is_one_error_in_check(months: Runner, write_config) -> None:
    write_config("[plugins.gains]\ntolerance = 'lots'\n")
    result = fails(months("check", "--period", "2024-03", "--format", "json"))
    rows = [(r["code"], r["message"]) for r in json.loads(result.stdout) if r["plugin"] == "gains"]
    assert rows == [("gains-config", "[plugins.gains] tolerance 'lots' must be percentage points 0-100, e.g. 10")]
    report = ok(months("report", "build", "--period", "2024-03"))  # the core sets the section aside, saying why
    assert "failed in section 'gains': PortfolioError: [plugins.gains] tolerance 'lots'" in report.stderr
