"""Per-project budget and spend to date, tolerances, and the evidence rule against green finance.

Scenario, three months: ALPHA is rated green on finance throughout and overspends more each
month (2 %, 8 %, 15 %); BETA is green, then yellow in March when it is 30 % over.
"""

from __future__ import annotations

import json

import pytest

from portfolio.testing import fails, ok

MONTHS = ("2024-01", "2024-02", "2024-03")
FINANCE = {"ALPHA": ("green", "green", "green"), "BETA": ("green", "green", "yellow")}
FIGURES = {  # month -> project -> (budget to date, actual to date) in 1000 kr
    "2024-01": {"ALPHA": ("100", "102"), "BETA": ("50", "49")},
    "2024-02": {"ALPHA": ("200", "216"), "BETA": ("100", "100")},
    "2024-03": {"ALPHA": ("300", "345"), "BETA": ("150", "195")},
}


@pytest.fixture
def data(portfolio_migrated, tmp_path):
    run = portfolio_migrated
    for code in FINANCE:
        ok(run("project", "add", code, f"Project {code}"))
    for index, month in enumerate(MONTHS):
        for code, ratings in FINANCE.items():
            ok(run("status", "set", code, "--period", month, "--finance", ratings[index], "--scope", "green"))
    lines = ["project,period,budget_to_date,actual_to_date"]
    lines += [f"{code},{month},{b},{a}" for month, rows in FIGURES.items() for code, (b, a) in rows.items()]
    path = tmp_path / "budgets.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert (
        "Imported 6 project budget(s) for 2024-01, 2024-02, 2024-03."
        in ok(run("finance", "project-budget", "import", str(path), "--unit", "1000")).stdout
    )
    return run


def _flagged(run, month):
    rows = json.loads(ok(run("check", "--period", month, "--format", "json")).stdout)
    return [r["message"].split()[0] for r in rows if r["code"] == "finance-overspend"]


def test_only_green_past_its_tolerance_is_flagged_month_by_month(data):
    assert _flagged(data, "2024-01") == []  # 2 % over
    assert _flagged(data, "2024-02") == []  # 8 %: within the default 10 %
    assert _flagged(data, "2024-03") == ["ALPHA"]  # 15 %; BETA is 30 % over but rated yellow
    rows = json.loads(ok(data("check", "--period", "2024-03", "--format", "json")).stdout)
    (finding,) = [r for r in rows if r["code"] == "finance-overspend"]
    assert finding["plugin"] == "finance" and finding["severity"] == "warning"
    assert finding["message"] == (
        "ALPHA is rated green on finance, but spend to date 345 exceeds budget to date 300 (1000 kr) "
        "by 15.0 %, more than its tolerance of 10 %"
    )


def test_the_report_names_it_beside_the_matrix(data):
    report = ok(data("report", "build", "--period", "2024-03", "--format", "md")).stdout
    assert "> Tallene støtter ikke disse vurderingene:" in report
    # one note: the heading and its points in the same box, the project named as the matrix names it
    assert (
        "> Tallene støtter ikke disse vurderingene:\n> - Project ALPHA har grønn økonomi, men har brukt 345" in report
    )
    english = ok(data("report", "build", "--period", "2024-03", "--format", "md", "--lang", "en")).stdout
    assert "Project ALPHA is rated green on finance, but has spent 345 against a budget to date of 300" in english
    assert "bear out" not in ok(data("report", "build", "--period", "2024-02", "--format", "md", "--lang", "en")).stdout


def test_a_projects_own_tolerance_and_the_configured_default(data, write_config):
    ok(data("finance", "project-budget", "tolerance", "ALPHA", "20"))
    assert _flagged(data, "2024-03") == []
    ok(data("finance", "project-budget", "tolerance", "ALPHA", "--default"))
    write_config("[plugins.finance]\nproject_tolerance = 5\n")
    assert _flagged(data, "2024-02") == ["ALPHA"]
    rows = json.loads(ok(data("finance", "project-budget", "list", "--period", "2024-02", "--format", "json")).stdout)
    assert rows == [
        {
            "project": "ALPHA",
            "period": "2024-02",
            "budget_to_date": 200,
            "actual_to_date": 216,
            "overspend_percent": 8,
            "tolerance_percent": 5,
        },
        {
            "project": "BETA",
            "period": "2024-02",
            "budget_to_date": 100,
            "actual_to_date": 100,
            "overspend_percent": 0,
            "tolerance_percent": 5,
        },
    ]


def test_set_replaces_a_months_figures(data):
    ok(data("finance", "project-budget", "set", "ALPHA", "--period", "2024-03", "--budget-to-date", "300",
            "--actual-to-date", "310", "--unit", "1000"))  # fmt: skip
    assert _flagged(data, "2024-03") == []


def test_bad_input_is_refused_whole(data, tmp_path, write_config):
    path = tmp_path / "bad.csv"
    path.write_text(
        "project,period,budget_to_date,actual_to_date\nALPHA,2024-04,10,11\nGHOST,2024-04,1,2\n", encoding="utf-8"
    )
    result = fails(data("finance", "project-budget", "import", str(path), "--unit", "1000"))
    assert "line 3: no project 'GHOST'" in result.output
    listed = json.loads(ok(data("finance", "project-budget", "list", "--period", "2024-04", "--format", "json")).stdout)
    assert listed == []  # nothing half-written
    path.write_text("project,period,budget\nALPHA,2024-04,1\n", encoding="utf-8")
    assert "missing column 'budget_to_date'" in fails(data("finance", "project-budget", "import", str(path),
                                                           "--unit", "kr")).output  # fmt: skip
    path.write_text("project,period,budget_to_date,actual_to_date\nALPHA,2024-13,1,1\n", encoding="utf-8")
    assert "line 2" in fails(data("finance", "project-budget", "import", str(path), "--unit", "kr")).output
    fails(data("finance", "project-budget", "tolerance", "ALPHA"), code=2)
    assert "must be a percentage" in fails(data("finance", "project-budget", "tolerance", "ALPHA", "--", "-5")).output
    write_config('[plugins.finance]\nproject_tolerance = "lots"\n')
    result = fails(data("finance", "project-budget", "list", "--period", "2024-03"))
    assert "project_tolerance 'lots' must be a percentage" in result.output
    assert "failed in portfolio_evidence" in ok(data("check", "--period", "2024-03")).stderr  # named, not fatal
