"""The demo's benefits section in both languages, and the demo leaving every other section of
January 2024 as it was."""

from __future__ import annotations

import json

import pytest

from portfolio.testing import Runner, calls_to, ok

from .conftest import listing, section


def test_demo_section_in_english(gains_demo: Runner) -> None:
    found = section(gains_demo, "2024-01")
    assert (found["title"], found["number"]) == ("Benefits", 3)  # after the core's assessment and portfolio
    blocks = found["blocks"]
    assert blocks[0]["runs"][0]["text"] == (
        "11 benefits in 11 programs and projects; 0 more than 10 percentage points behind their planned "
        "curve, 0 without a value for January 2024."
    )
    tables = [b for b in blocks if b["type"] == "table"]
    assert [t["title"] for t in tables] == [
        "Program HIS2 Helhetlig informasjonssikkerhet 2",
        "Program MODI MoDI",
        "Standalone projects",
    ]
    rows = {r["cells"][0]: r["cells"][3:] for t in tables for r in t["rows"]}
    assert rows["SMT MELD"] == [0, 100, "31 October 2024", 24, 4, 24, 31]
    assert rows["HAF APPS"] == [1450, 1100, "31 December 2025", 1370, -15, 22.9, 23.5]
    assert not [b for b in blocks if b["type"] == "note"]  # no evidence in the demo


def test_demo_section_in_norwegian_and_every_format(gains_demo: Runner) -> None:
    md = ok(gains_demo("report", "build", "--period", "2024-01", "--format", "md")).stdout
    part = md[md.index("## 3. Gevinster") :]
    assert "**Prosjekter utenfor program**" in part
    assert (
        "| **SMT MELD** | Meldinger over ny meldingstjener (%) | Fagsjef integrasjon | 0,0 | 100,0 | "
        "31. oktober 2024 | 24,0 | 4,0 | 24,0\u00a0% | 31,0\u00a0% |"
    ) in part
    html = ok(gains_demo("report", "build", "--period", "2024-01", "--format", "html")).stdout
    assert "Realiseringsgrad" in html and "Gevinsteier" in html
    terminal = ok(gains_demo("report", "build", "--period", "2024-01", "--lang", "en")).stdout
    assert "Standalone projects" in terminal and "Realisation" in terminal


def test_demo_checks_and_round_are_clean_in_january_and_name_february(gains_demo: Runner) -> None:
    findings = json.loads(ok(gains_demo("check", "--period", "2024-01", "--format", "json")).stdout)
    assert [f for f in findings if f["plugin"] == "gains"] == []
    february = json.loads(gains_demo("check", "--period", "2024-02", "--format", "json").stdout)
    missing = sorted(f["message"].split(":")[0] for f in february if f["code"] == "gains-value-missing")
    assert len(missing) == 11 and missing[0] == "DPT TELEFONI"
    round_ = json.loads(ok(gains_demo("round", "--period", "2024-01", "--format", "json")).stdout)
    assert [(i["name"], i["present"]) for i in round_["plugin_data"] if i["plugin"] == "gains"] == [
        ("benefit values", True)
    ]


def test_demo_twice_changes_nothing(gains_demo: Runner) -> None:
    before = listing(gains_demo, "2024-01")
    ok(gains_demo("demo"))
    assert listing(gains_demo, "2024-01") == before


def test_a_month_without_benefits_says_so(project: Runner) -> None:
    found = section(project, "2024-05", "nb")
    assert found["blocks"] == [
        {
            "type": "paragraph",
            "runs": [{"text": "Ingen gevinster er registrert per mai 2024.", "emphasis": False, "strong": False}],
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
    with_gains = json.loads(ok(portfolio_migrated(*args)).stdout)
    monkeypatch.setenv("PORTFOLIO_DISABLE_PLUGINS", "gains")
    without = json.loads(ok(portfolio_migrated(*args)).stdout)
    others = [s for s in with_gains["sections"] if s["key"] != "gains"]
    assert others == without["sections"]
    assert with_gains["sections"][-1]["key"] == "gains"  # after the reference report's sections and milestones


def test_benefits_of_more_than_a_statement_takes_parameters(portfolio_migrated: Runner, portfolio_db_url: str) -> None:
    """More benefits than a statement takes bound parameters (PostgreSQL's 65,535; SQLite's 32,766
    in most builds, held to 1,000 here): their values are read through a subquery, not a list of
    ids (it failed with 'too many SQL variables' before)."""
    import datetime as dt
    from decimal import Decimal

    from sqlalchemy import insert
    from sqlmodel import Session

    from portfolio.api import Period
    from portfolio.testing import few_parameters_engine
    from portfolio_gains.history import benefits_as_of
    from portfolio_gains.models import GainsBenefit, GainsValue

    ok(portfolio_migrated("project", "add", "P", "Plattform"))
    engine, count = few_parameters_engine(portfolio_db_url)
    common = {"measure": "Tid spart", "owner": "Kari", "unit": "timer", "target_date": dt.date(2025, 12, 31)}
    with engine.begin() as connection:
        project_id = connection.exec_driver_sql("SELECT id FROM project WHERE code = 'P'").scalar_one()
        benefits = [
            {"id": n, "project_id": project_id, "key": f"B{n}", "baseline": 0, "target": 100, "period": "2024-01"}
            | common
            for n in range(1, count + 1)
        ]
        connection.execute(insert(GainsBenefit.__table__), benefits)  # type: ignore[attr-defined]
        values = [{"benefit_id": n, "period": "2024-01", "value": n % 100} for n in range(1, count + 1)]
        connection.execute(insert(GainsValue.__table__), values)  # type: ignore[attr-defined]
    with Session(engine) as session:
        views = benefits_as_of(session, Period(2024, 1))
    engine.dispose()
    assert len(views) == count
    last = next(view for view in views if view.key == f"B{count}")
    assert last.values == {Period(2024, 1): Decimal(count % 100)}


def test_a_report_reads_its_benefits_once(gains_demo: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    """The section and its evidence beside the status matrix both ask for the month's benefits; a
    report's read-only session reads them once (``read_once``)."""
    import portfolio_gains.history as history

    months = calls_to(monkeypatch, history, "_read_benefits", lambda session, period: str(period))
    markdown = ok(gains_demo("report", "build", "--period", "2024-01", "--format", "md")).stdout
    assert "Gevinster" in markdown
    assert months == ["2024-01"]


def test_a_report_works_out_its_evidence_once(gains_demo: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    """The note beside the status matrix and the section both list the rules' findings; a report
    works them out once, in the report's language."""
    import portfolio_gains.evidence as evidence

    asked = calls_to(monkeypatch, evidence, "_benefit_evidence", lambda ctx, views: ctx.lang)
    ok(gains_demo("report", "build", "--period", "2024-01", "--format", "md"))
    assert asked == ["nb"]
    ok(gains_demo("report", "build", "--period", "2024-01", "--format", "md", "--lang", "en"))
    assert asked == ["nb", "en"]
