"""The demo's milestones section in both languages, and the demo leaving every other section of
January 2024 as it was."""

from __future__ import annotations

import json

import pytest

from portfolio.testing import Runner, calls_to, ok

from .conftest import listing, section


def test_demo_section_in_english(ms_demo: Runner) -> None:
    found = section(ms_demo, "2024-01")
    assert (found["title"], found["number"]) == ("Milestones", 3)  # after the core's assessment and portfolio
    blocks = found["blocks"]
    assert blocks[0]["runs"][0]["text"] == (
        "7 open milestones in 5 projects: 6 past their baseline, 2 missed; 0 reached this month."
    )
    (table,) = [b for b in blocks if b["type"] == "table" and b["title"] == "Milestones in January 2024"]
    rows = {(r["cells"][0], r["cells"][1].split()[0]): r["cells"][2:] for r in table["rows"]}
    assert rows["SMT", "NETT"] == ["30 Nov 2023", "29 Feb 2024", 91, 29, 14, "missed"]
    assert rows["NYESYK", "HFEST"] == ["31 Mar 2024", "10 Apr 2024", 10, -20, 14, "open"]
    figures = [b for b in blocks if b["type"] == "figure"]
    assert [f["title"].split(":")[0] for f in figures] == ["NYESYK", "FAF", "SMT", "IFRONT"]  # TP2 has not slipped
    smt = figures[2]
    assert smt["categories"] == ["Oct 23", "Nov 23", "Dec 23", "Jan 24"]
    assert [(s["name"], s["values"]) for s in smt["series"]] == [
        ("NETT Ny internettkobling i produksjon", [0, 20, 62, 91]),
        ("NARVIK Innført ved Nye UNN Narvik", [0, 31, 62, 91]),
    ]
    faf = figures[1]
    assert [s["values"] for s in faf["series"]] == [[0, -2, None, None], [0, 0, 7, 7]]  # wave 1 reached in Nov
    titles = [b.get("title") for b in blocks if b["type"] == "table"]
    assert titles == [
        "Milestones in January 2024",
        "Due in the next 3 months",
        "Missed: baseline date passed, not reached",
    ]
    assert not [b for b in blocks if b["type"] == "note" and "tolerance" in b["text"]]  # no evidence in the demo


def test_demo_section_in_norwegian_and_every_format(ms_demo: Runner) -> None:
    md = ok(ms_demo("report", "build", "--period", "2024-01", "--format", "md")).stdout
    part = md[md.index("## 3. Milepæler") :]
    assert "7 åpne milepæler i 5 prosjekter: 6 etter baseline, 2 passert uten å være nådd" in part
    assert (
        "| **SMT** | NETT Ny internettkobling i produksjon | 30. nov. 2023 | 29. feb. 2024 | 91 | 29 | 14 | passert |"
        in part
    )
    assert "### Milepæltrendanalyse" in part and "| HFEST IKT klar i nye Hammerfest sykehus | 0 | 0 | 30 | 10 |" in part
    html = ok(ms_demo("report", "build", "--period", "2024-01", "--format", "html")).stdout
    assert html.count("<svg") >= 4 and "SMT: milepælenes glidning i dager etter baseline" in html
    terminal = ok(ms_demo("report", "build", "--period", "2024-01", "--lang", "en")).stdout
    assert "Milestone trend analysis" in terminal and "Due in the next 3 months" in terminal


def test_demo_checks_and_round_are_clean_in_january_and_name_february(ms_demo: Runner) -> None:
    findings = json.loads(ok(ms_demo("check", "--period", "2024-01", "--format", "json")).stdout)
    assert [f for f in findings if f["plugin"] == "milestones"] == []
    february = json.loads(ms_demo("check", "--period", "2024-02", "--format", "json").stdout)
    missing = [f["message"].split(":")[0] for f in february if f["code"] == "milestones-forecast-missing"]
    assert sorted(missing) == [
        "FAF BOLGE2",
        "IFRONT DRIFT",
        "IFRONT PILOT",
        "NYESYK HFEST",
        "SMT NARVIK",
        "SMT NETT",
        "TP2 MIGR",
    ]
    round_ = json.loads(ok(ms_demo("round", "--period", "2024-01", "--format", "json")).stdout)
    assert [(i["name"], i["present"]) for i in round_["plugin_data"] if i["plugin"] == "milestones"] == [
        ("milestone forecasts", True)
    ]


def test_demo_twice_changes_nothing(ms_demo: Runner) -> None:
    before = listing(ms_demo, "2024-01", "--all")
    ok(ms_demo("demo"))
    assert listing(ms_demo, "2024-01", "--all") == before


def test_a_month_without_milestones_says_so(project: Runner) -> None:
    found = section(project, "2024-05", "nb")
    assert found["blocks"] == [
        {
            "type": "paragraph",
            "runs": [{"text": "Ingen milepæler er åpne eller nådd i mai 2024.", "emphasis": False, "strong": False}],
        }
    ]


@pytest.fixture
def every_plugin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PORTFOLIO_DISABLE_PLUGINS", raising=False)


@pytest.mark.usefixtures("every_plugin")
def test_the_demo_leaves_every_other_section_of_january_as_it_was(
    portfolio_migrated: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok(portfolio_migrated("demo"))
    args = ("report", "build", "--period", "2024-01", "--format", "json")
    with_milestones = json.loads(ok(portfolio_migrated(*args)).stdout)
    monkeypatch.setenv("PORTFOLIO_DISABLE_PLUGINS", "milestones")
    without = json.loads(ok(portfolio_migrated(*args)).stdout)

    def unnumbered(sections: list[dict]) -> list[dict]:  # a later plugin's section moves up a number
        return [{k: v for k, v in s.items() if k != "number"} for s in sections]

    others = [s for s in with_milestones["sections"] if s["key"] != "milestones"]
    assert unnumbered(others) == unnumbered(without["sections"])
    keys = [s["key"] for s in with_milestones["sections"]]
    assert keys.index("milestones") == 6  # after the reference report's six sections


def test_milestones_of_more_than_a_statement_takes_parameters(
    portfolio_migrated: Runner, portfolio_db_url: str
) -> None:
    """More milestones than a statement takes bound parameters: their forecasts are read through a
    subquery of the milestones, not a list of ids (it failed with 'too many SQL variables')."""
    import datetime as dt

    from sqlalchemy import insert
    from sqlmodel import Session

    from portfolio.api import Period
    from portfolio.testing import few_parameters_engine
    from portfolio_milestones.history import milestones_as_of
    from portfolio_milestones.models import MilestonesForecast, MilestonesMilestone

    ok(portfolio_migrated("project", "add", "P", "Plattform"))
    engine, count = few_parameters_engine(portfolio_db_url)
    baseline = dt.date(2024, 6, 30)
    with engine.begin() as connection:
        project_id = connection.exec_driver_sql("SELECT id FROM project WHERE code = 'P'").scalar_one()
        milestones = [
            {
                "id": n,
                "project_id": project_id,
                "key": f"M{n}",
                "name": "Pilot",
                "baseline": baseline,
                "period": "2024-01",
            }
            for n in range(1, count + 1)
        ]
        connection.execute(insert(MilestonesMilestone.__table__), milestones)  # type: ignore[attr-defined]
        forecasts = [
            {"milestone_id": n, "period": "2024-01", "forecast": baseline + dt.timedelta(days=n % 30)}
            for n in range(1, count + 1)
        ]
        connection.execute(insert(MilestonesForecast.__table__), forecasts)  # type: ignore[attr-defined]
    with Session(engine) as session:
        views = milestones_as_of(session, Period(2024, 1))
    engine.dispose()
    assert len(views) == count
    last = next(view for view in views if view.key == f"M{count}")
    assert last.slip(Period(2024, 1)) == count % 30
    assert last.reached_in(Period(2024, 1)) is None and last.state(Period(2024, 1)) == "open"


def test_a_report_reads_its_milestones_once(ms_demo: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    """The section, its evidence beside the status matrix and the sheet all ask for the month's
    milestones; a report's read-only session reads them once (``read_once``)."""
    import portfolio_milestones.history as history

    months = calls_to(monkeypatch, history, "_read_milestones", lambda session, period, project: str(period))
    markdown = ok(ms_demo("report", "build", "--period", "2024-01", "--format", "md")).stdout
    assert "Milepæler" in markdown
    assert months == ["2024-01"]


def test_a_report_works_out_its_evidence_once(ms_demo: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    """The note beside the status matrix and the section both list the rule's findings; a report
    works them out once, in the report's language."""
    import portfolio_milestones.evidence as evidence

    asked = calls_to(monkeypatch, evidence, "_slip_evidence", lambda ctx, views: ctx.lang)
    ok(ms_demo("report", "build", "--period", "2024-01", "--format", "md"))
    assert asked == ["nb"]
    ok(ms_demo("report", "build", "--period", "2024-01", "--format", "md", "--lang", "en"))
    assert asked == ["nb", "en"]
