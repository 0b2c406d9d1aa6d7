"""Four months of one milestone: its forecast moves, and the trend chart, the slip figures and the
evidence against ALPHA's green schedule rating follow it month by month.

ALPHA is rated green on schedule every month; its milestone M1 (baseline 30 June, its own
tolerance 14 days) is forecast on the baseline in January, 5 days late in February, 20 days late
in March (past its tolerance) and 10 days late in April. BETA, rated yellow, slips further still
and is never named: yellow is what its milestone bears out.
"""

from __future__ import annotations

import json

import pytest

from portfolio.testing import Runner, ok

from .conftest import listing, section

MONTHS = ("2024-01", "2024-02", "2024-03", "2024-04")
ALPHA = ("2024-06-30", "2024-07-05", "2024-07-20", "2024-07-10")
BETA = ("2024-05-31", "2024-06-30", "2024-07-31", "2024-08-31")
RATINGS = {"ALPHA": "green", "BETA": "yellow"}


@pytest.fixture
def months(portfolio_migrated: Runner) -> Runner:
    run = portfolio_migrated
    for code in RATINGS:
        ok(run("project", "add", code, f"Project {code}"))
    ok(run("milestone", "add", "ALPHA", "M1", "--name", "Pilot", "--baseline", "2024-06-30", "--period", MONTHS[0],
           "--tolerance", "14"))  # fmt: skip
    ok(run("milestone", "add", "BETA", "B1", "--name", "Go-live", "--baseline", "2024-05-31", "--period", MONTHS[0]))
    for index, month in enumerate(MONTHS):
        for code, rating in RATINGS.items():
            ok(
                run(
                    "status", "set", code, "--period", month, "--scope", "green", "--finance", "green",
                    "--resources", "green", "--schedule", rating, "--dependencies", "green", "--benefits", "na",
                )
            )  # fmt: skip
        ok(run("milestone", "forecast", "ALPHA", "M1", "--period", month, "--date", ALPHA[index]))
        ok(run("milestone", "forecast", "BETA", "B1", "--period", month, "--date", BETA[index]))
    return run


def _evidence(run: Runner, month: str) -> list[tuple[str, str]]:
    rows = json.loads(ok(run("check", "--period", month, "--format", "json")).stdout)
    return [(r["code"], r["message"]) for r in rows if r["plugin"] == "milestones"]


def _figure(run: Runner, month: str, project: str) -> dict | None:
    blocks = section(run, month)["blocks"]
    found = [b for b in blocks if b["type"] == "figure" and b["title"].startswith(f"{project}:")]
    return found[0] if found else None


def test_the_slip_figures_follow_the_forecast(months: Runner) -> None:
    alpha = [listing(months, month, "--project", "ALPHA")[0] for month in MONTHS]
    assert [(r["slip_days"], r["slip_since_last_month"]) for r in alpha] == [(0, None), (5, 5), (20, 15), (10, -10)]
    assert {r["tolerance_days"] for r in alpha} == {14}


def test_the_trend_chart_follows_the_forecast(months: Runner) -> None:
    assert _figure(months, "2024-01", "ALPHA") is None  # on its baseline: nothing to chart
    for month, expected in (("2024-02", [0, 5]), ("2024-03", [0, 5, 20]), ("2024-04", [0, 5, 20, 10])):
        figure = _figure(months, month, "ALPHA")
        assert figure is not None
        assert figure["categories"] == ["Jan 24", "Feb 24", "Mar 24", "Apr 24"][: len(expected)]
        assert [(s["name"], s["values"]) for s in figure["series"]] == [("M1 Pilot", expected)]
    beta = _figure(months, "2024-04", "BETA")
    assert beta is not None and beta["series"][0]["values"] == [0, 30, 61, 92]


def test_the_evidence_follows_the_forecast(months: Runner) -> None:
    assert _evidence(months, "2024-01") == []
    assert _evidence(months, "2024-02") == []  # 5 days: within its 14
    assert _evidence(months, "2024-03") == [
        (
            "milestones-slip",
            "ALPHA is rated green on schedule, but milestone M1 'Pilot' is forecast 2024-07-20 against its "
            "baseline 2024-06-30: 20 days late, more than its tolerance of 14 days",
        )
    ]
    assert _evidence(months, "2024-04") == []  # back within its tolerance
    march = ok(months("report", "build", "--period", "2024-03", "--format", "md")).stdout
    line = (
        "ALPHA har grønn fremdrift, men milepælen M1 Pilot er prognosert 20 dager etter baseline, "
        "mer enn toleransen på 14 dager."
    )
    assert "> Tallene støtter ikke disse vurderingene:" in march  # beside the status matrix
    assert march.count(f"- {line}") == 2  # there and in the milestones section
    assert "Grønn fremdrift selv om en milepæl har glidd ut over toleransen:" in march
    april = ok(months("report", "build", "--period", "2024-04", "--format", "md", "--lang", "en")).stdout
    assert "bear out" not in april and "slipped beyond its tolerance" not in april


def test_a_percentage_tolerance_shrinks_as_the_baseline_nears(months: Runner, write_config) -> None:
    ok(months("milestone", "edit", "ALPHA", "M1", "--tolerance", ""))  # the default from the settings
    write_config("[plugins.milestones]\ntolerance = '20%'\n")
    # days left to 30 June from each month's end: 151, 122, 91, 61; 20 % of them, rounded down
    assert [listing(months, m, "--project", "ALPHA")[0]["tolerance_days"] for m in MONTHS] == [30, 24, 18, 12]
    assert [code for code, _ in _evidence(months, "2024-03")] == ["milestones-slip"]  # 20 > 18
    assert _evidence(months, "2024-04") == []  # 10 <= 12


def test_one_day_and_one_month_are_said_in_the_singular(months: Runner, write_config) -> None:
    ok(months("milestone", "edit", "ALPHA", "M1", "--tolerance", "1"))
    assert _evidence(months, "2024-02") == [
        (
            "milestones-slip",
            "ALPHA is rated green on schedule, but milestone M1 'Pilot' is forecast 2024-07-05 against its "
            "baseline 2024-06-30: 5 days late, more than its tolerance of 1 day",
        )
    ]
    write_config("[plugins.milestones]\ndue_months = 1\n")
    norwegian = ok(months("report", "build", "--period", "2024-02", "--format", "md")).stdout
    assert "er prognosert 5 dager etter baseline, mer enn toleransen på 1 dag." in norwegian
    assert "forfaller neste måned" in norwegian.lower() and "neste 1 måned" not in norwegian
    english = ok(months("report", "build", "--period", "2024-02", "--format", "md", "--lang", "en")).stdout
    assert "is forecast 5 days after its baseline, more than its tolerance of 1 day." in english
    assert "due in the next month" in english.lower() and "next 1 months" not in english


def test_the_trend_charts_are_of_the_largest_slips_and_the_others_are_named(months: Runner, write_config) -> None:
    """A large portfolio's board pack draws at most `trend_projects` charts: the projects whose
    milestones slipped the most; the others are named after them."""
    both = [b["title"].split(":")[0] for b in section(months, "2024-03")["blocks"] if b["type"] == "figure"]
    assert both == ["ALPHA", "BETA"]  # ALPHA 20 days past its baseline, BETA 61: in the portfolio's order
    write_config("[plugins.milestones]\ntrend_projects = 1\n")
    blocks = section(months, "2024-03")["blocks"]
    assert [b["title"].split(":")[0] for b in blocks if b["type"] == "figure"] == ["BETA"]
    after = blocks[[b["type"] for b in blocks].index("figure") + 1]
    assert after["type"] == "paragraph"
    assert "".join(run["text"] for run in after["runs"]) == (
        "1 more project has an open milestone past its baseline: ALPHA."
    )
    norwegian = ok(months("report", "build", "--period", "2024-03", "--format", "md")).stdout
    assert "Ytterligere 1 prosjekt har en åpen milepæl etter baseline: ALPHA." in norwegian
