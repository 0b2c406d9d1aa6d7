"""As-of semantics: a month's views show only what belonged to that month (docs/report.md, "What
belongs to a month"; the rules live in ``portfolio.services.month_scope``).

A project starting later, a project or measure added after a month was closed and a project
closed before a month leave that month's matrix, missing list, red-zone list, round, check and
report (fingerprint included) as they were; the later month shows them.
"""

from __future__ import annotations

import json

import pytest

from tests.helpers import ok

pytestmark = pytest.mark.usefixtures("core_only")


def views(run, period: str) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """Every core view of the month, as JSON or CSV text."""
    check = run("check", "--period", period, "--format", "json")
    assert check.exit_code in (0, 1), check.output
    report = json.loads(ok(run("report", "build", "--period", period, "--format", "json", "--lang", "en")).stdout)
    return {
        "matrix": ok(run("status", "matrix", "--period", period, "--format", "csv")).stdout,
        "missing": json.loads(ok(run("status", "missing", "--period", period, "--format", "json")).stdout),
        "red": json.loads(ok(run("risk", "list", "--zone", "red", "--period", period, "--format", "json")).stdout),
        "round": json.loads(ok(run("round", "--period", period, "--format", "json")).stdout),
        "check": json.loads(check.stdout),
        "report": report,
    }


def codes(text: str) -> list[str]:
    return [line.split(",")[1] for line in text.splitlines()[1:]]


@pytest.fixture
def closed_january(demo):  # type: ignore[no-untyped-def]
    """The demo, with a red risk of January still without a measure, and January closed."""
    ok(demo("risk", "add", "DVH", "Leverandøren kan gå konkurs", "-p", "4", "-c", "5", "--period", "2024-01"))
    ok(demo("period", "close", "2024-01"))
    return demo


def new_risk_id(run) -> int:  # type: ignore[no-untyped-def]
    risks = json.loads(ok(run("risk", "list", "--project", "DVH", "--period", "2024-01", "--format", "json")).stdout)
    return max(r["id"] for r in risks if r["description"] == "Leverandøren kan gå konkurs")


def test_a_closed_month_does_not_gain_later_projects_or_measures(closed_january) -> None:
    run = closed_january
    before = views(run, "2024-01")
    risk = new_risk_id(run)
    assert "red-risk-without-measure" in {f["code"] for f in before["check"]}  # type: ignore[union-attr]

    ok(run("project", "add", "NEW2", "Nytt prosjekt", "--start", "2024-02-01", "--manager", "Nina"))
    ok(run("project", "add", "NEW3", "Uten startdato", "--manager", "Nina"))
    ok(run("measure", "add", str(risk), "Finne en reserveleverandør", "--owner", "Prosjektleder DVH"))

    after = views(run, "2024-01")
    for view in before:
        assert after[view] == before[view], view
    assert "NEW2" not in before["matrix"] and "NEW3" not in before["matrix"]  # type: ignore[operator]
    red = {r["id"]: r for r in after["red"]}  # type: ignore[union-attr]
    assert red[risk]["measures"] == 0
    assert any(r["id"] == risk for r in after["round"]["red_risks_without_measure"])  # type: ignore[index]

    february = views(run, "2024-02")
    assert codes(february["matrix"])[6:10] == ["SIKTH", "HTS", "NEW2", "NEW3"]  # type: ignore[arg-type]
    missing = [row["code"] for row in february["missing"]]  # type: ignore[union-attr]
    assert "NEW2" in missing and "NEW3" in missing
    red = {r["id"]: r for r in february["red"]}  # type: ignore[union-attr]
    assert red[risk]["measures"] == 1
    assert not any(r["id"] == risk for r in february["round"]["red_risks_without_measure"])  # type: ignore[index]
    assert not [f for f in february["check"] if f["code"] == "red-risk-without-measure"]  # type: ignore[union-attr]


def test_reopening_the_month_shows_what_was_added_meanwhile(closed_january) -> None:
    run = closed_january
    ok(run("project", "add", "NEW3", "Uten startdato"))
    assert "NEW3" not in ok(run("status", "matrix", "--period", "2024-01", "--format", "csv")).stdout
    ok(run("period", "open", "2024-01", "--reason", "Rettelse"))
    assert "NEW3" in ok(run("status", "matrix", "--period", "2024-01", "--format", "csv")).stdout


def test_a_project_starting_later_leaves_an_open_month_and_its_fingerprint_alone(demo) -> None:
    def fingerprint() -> dict:
        out = ok(demo("report", "build", "--period", "2024-01", "--format", "json")).stdout
        return json.loads(out)["fingerprint"]

    before = fingerprint()
    matrix = ok(demo("status", "matrix", "--period", "2024-01", "--format", "csv")).stdout
    ok(demo("project", "add", "NEW2", "Nytt prosjekt", "--start", "2024-04-01"))
    ok(demo("program", "add", "NYPROG", "Nytt program", "--number", "3"))
    new4 = ("NEW4", "I programmet", "--program", "NYPROG", "--number", "3.1", "--start", "2024-05-02")
    ok(demo("project", "add", *new4))
    assert fingerprint() == before
    assert ok(demo("status", "matrix", "--period", "2024-01", "--format", "csv")).stdout == matrix
    assert "NEW2" not in ok(demo("status", "missing", "--period", "2024-03", "--format", "csv")).stdout
    april = ok(demo("status", "missing", "--period", "2024-04", "--format", "csv")).stdout
    assert "NEW2" in april and "NYPROG" not in april
    # a program or manager with nothing in the month yet is known, so the list is just empty
    nothing = ok(demo("status", "missing", "--period", "2024-04", "--program", "NYPROG")).stdout
    assert nothing == "2024-04: every project and program has reported (0).\n"
    may = codes(ok(demo("status", "matrix", "--period", "2024-05", "--format", "csv")).stdout)
    assert may[-2:] == ["NYPROG", "NEW4"]
    # a project without a start date, added while the month is open, belongs to it
    ok(demo("project", "add", "NEW5", "Uten startdato"))
    assert "NEW5" in ok(demo("status", "matrix", "--period", "2024-01", "--format", "csv")).stdout


@pytest.fixture
def three_months(migrated):  # type: ignore[no-untyped-def]
    run = migrated
    ok(run("program", "add", "PRG", "Programmet", "--number", "1", "--owner", "Eier"))
    ok(run("project", "add", "A", "Alfa", "--program", "PRG", "--number", "1.1", "--manager", "Kari"))
    ok(run("project", "add", "B", "Beta", "--manager", "Siv"))
    for month in ("2024-01", "2024-02"):
        ok(run("status", "set", "A", "--period", month, "--scope", "green"))
        ok(run("status", "set", "B", "--period", month, "--scope", "green"))
    return run


def test_a_project_closed_in_a_month_leaves_the_following_months(three_months) -> None:
    run = three_months
    ok(run("project", "close", "A"))
    ok(run("program", "close", "PRG"))
    ok(run("period", "close", "2024-02"))
    for month in ("2024-01", "2024-02"):
        assert codes(ok(run("status", "matrix", "--period", month, "--format", "csv")).stdout) == ["B", "PRG", "A"]
    march = views(run, "2024-03")
    assert codes(march["matrix"]) == ["B"]  # type: ignore[arg-type]
    assert [row["code"] for row in march["missing"]] == ["B"]  # type: ignore[union-attr]
    assert march["round"]["subjects"] == 1  # type: ignore[index]
    assert {f["message"] for f in march["check"] if f["code"] == "status-missing"} == {  # type: ignore[union-attr]
        "project B has no status for 2024-03"
    }
    section = next(s for s in march["report"]["sections"] if s["key"] == "portfolio")  # type: ignore[index]
    notes = [b["text"] for b in section["blocks"] if b["type"] == "note"]
    assert "No status reported for March 2024: Beta." in notes
    # a closed project keeps the months up to its last status, gaps included, and leaves the rest
    ok(run("project", "reopen", "A"))
    ok(run("status", "set", "A", "--period", "2024-04", "--scope", "green"))
    ok(run("project", "close", "A"))
    assert "A" in codes(ok(run("status", "matrix", "--period", "2024-03", "--format", "csv")).stdout)
    assert "A" not in codes(ok(run("status", "matrix", "--period", "2024-05", "--format", "csv")).stdout)
