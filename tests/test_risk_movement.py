"""Risk movement since the last report (new, closed, into and out of the red zone), the residual
score beside the inherent one, red-risk findings, and the month's 5x5 heat map.

The scenario runs over three months, January to March 2024, through the CLI.
"""

from __future__ import annotations

import json

import pytest

from tests.helpers import fails, ok

pytestmark = pytest.mark.usefixtures("core_only")


@pytest.fixture
def three_months(migrated):  # type: ignore[no-untyped-def]
    run = migrated
    ok(run("project", "add", "P", "Plattform"))
    # 1: yellow in January, red in February (with a residual), yellow again in March
    ok(run("risk", "add", "P", "Leverandør", "-p", "3", "-c", "4", "--period", "2024-01", "--owner", "Kari"))
    ok(run("measure", "add", "1", "Ny avtale", "--owner", "Kari", "--due", "2024-06-30"))
    ok(
        run(
            "risk",
            "assess",
            "1",
            "--period",
            "2024-02",
            "-p",
            "4",
            "-c",
            "4",
            "--residual-probability",
            "2",
            "--residual-consequence",
            "4",
        )
    )
    ok(run("risk", "assess", "1", "--period", "2024-03", "-p", "3", "-c", "4"))
    # 2: red from January without owner or measure, closed in February
    ok(run("risk", "add", "P", "Nøkkelperson slutter", "-p", "4", "-c", "5", "--period", "2024-01"))
    ok(run("risk", "close", "2", "--period", "2024-02"))
    # 3: opened in February, green
    ok(run("risk", "add", "P", "Lisenskostnad", "-p", "2", "-c", "2", "--period", "2024-02", "--owner", "Ola"))
    # 4: red all along; its measure was due in February and is still open
    ok(
        run(
            "risk",
            "add",
            "P",
            "Datatap ved migrering",
            "-p",
            "5",
            "-c",
            "4",
            "--period",
            "2024-01",
            "--owner",
            "Ola",
            "--residual-probability",
            "2",
            "--residual-consequence",
            "4",
        )
    )
    ok(run("measure", "add", "4", "Prøvemigrering", "--owner", "Ola", "--due", "2024-02-10"))
    return run


def portfolio_blocks(run, period: str) -> list[dict]:  # type: ignore[no-untyped-def]
    out = ok(run("report", "build", "--period", period, "--format", "json", "--lang", "en")).stdout
    return next(s for s in json.loads(out)["sections"] if s["key"] == "portfolio")["blocks"]


def movement(run, period: str) -> list[list]:  # type: ignore[no-untyped-def]
    blocks = portfolio_blocks(run, period)
    index = next(i for i, b in enumerate(blocks) if b.get("text") == "Risk movement since the last report")
    table = blocks[index + 1]
    if table["type"] == "note":
        return []
    assert [c["label"] for c in table["columns"]] == [
        "Change",
        "Project",
        "Risk description",
        "Score last month",
        "Score",
        "Residual score",
    ]
    return [row["cells"] for row in table["rows"]]


def red_findings(run, period: str) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    data = json.loads(run("check", "--period", period, "--format", "json").stdout)
    return [(f["code"], f["message"]) for f in data if f["code"].startswith("red-risk")]


def test_january_every_risk_is_new(three_months):
    assert movement(three_months, "2024-01") == [
        ["New", "Plattform", "Leverandør", None, 12, None],
        ["New", "Plattform", "Nøkkelperson slutter", None, 20, None],
        ["New", "Plattform", "Datatap ved migrering", None, 20, 8],
    ]


def test_february_new_closed_and_escalated_with_residual(three_months):
    assert movement(three_months, "2024-02") == [
        ["New", "Plattform", "Lisenskostnad", None, 4, None],
        ["Closed", "Plattform", "Nøkkelperson slutter", 20, 20, None],
        ["Into the red zone", "Plattform", "Leverandør", 12, 16, 8],
    ]


def test_march_de_escalated_and_the_residual_is_per_month(three_months):
    assert movement(three_months, "2024-03") == [["Out of the red zone", "Plattform", "Leverandør", 16, 12, None]]
    # April: nothing moved
    assert movement(three_months, "2024-04") == []
    risks = {
        r["id"]: r
        for r in json.loads(ok(three_months("risk", "list", "--period", "2024-02", "--format", "json")).stdout)
    }
    assert (risks[1]["score"], risks[1]["residual_probability"], risks[1]["residual_consequence"]) == (16, 2, 4)
    assert risks[1]["residual_score"] == 8 and risks[3]["residual_score"] is None


def test_red_risk_findings_owner_measure_and_overdue(three_months):
    january = red_findings(three_months, "2024-01")
    assert ("red-risk-without-owner", "red risk 2 of P has no owner") in january
    assert ("red-risk-without-measure", "red risk 2 of P has no measure") in january
    assert not [m for code, m in january if code == "red-risk-measure-overdue"]  # due in February
    march = red_findings(three_months, "2024-03")
    assert march == [
        ("red-risk-measure-overdue", "measure 2 of red risk 4 (P) was due 2024-02-10 and is still open"),
    ]
    ok(three_months("measure", "edit", "2", "--status", "done"))
    assert red_findings(three_months, "2024-03") == [
        ("red-risk-measures-finished", "red risk 4 of P has no open measure left")
    ]


def test_heat_map_counts_the_months_open_risks(three_months):
    heat = next(b for b in portfolio_blocks(three_months, "2024-02") if b["type"] == "heat_map")
    assert heat["row_values"] == [5, 4, 3, 2, 1] and heat["column_values"] == [1, 2, 3, 4, 5]
    counts = {
        (p, c): cell["count"]
        for c, row in zip(heat["row_values"], heat["rows"], strict=True)
        for p, cell in zip(heat["column_values"], row, strict=True)
        if cell["count"]
    }
    assert counts == {(4, 4): 1, (2, 2): 1, (5, 4): 1}  # risk 2 was closed in February
    zones = {
        (p, c): cell["zone"]
        for c, row in zip(heat["row_values"], heat["rows"], strict=True)
        for p, cell in zip(heat["column_values"], row, strict=True)
    }
    assert zones[(5, 4)] == "red" and zones[(2, 2)] == "green" and zones[(3, 4)] == "yellow"
    html = ok(three_months("report", "build", "--period", "2024-02", "--format", "html")).stdout
    assert (
        '<table class="heatmap">' in html and '<td class="heat red">1<span class="sr">Rø 1</span></td>' in html
    )  # bokmål: Rø
    terminal = ok(three_months("report", "build", "--period", "2024-02", "--lang", "en")).stdout
    assert "RISK MAP: OPEN RISKS BY PROBABILITY AND CONSEQUENCE" in terminal
    assert "Into the red zone" in terminal


def test_residual_options_are_checked(three_months):
    result = fails(
        three_months("risk", "assess", "3", "--period", "2024-03", "-p", "2", "-c", "2", "--residual-probability", "1"),
        2,
    )
    assert "give --residual-probability and --residual-consequence together" in result.stderr
    result = fails(
        three_months(
            "risk",
            "assess",
            "3",
            "--period",
            "2024-03",
            "-p",
            "2",
            "-c",
            "2",
            "--residual-probability",
            "6",
            "--residual-consequence",
            "1",
        ),
        2,
    )
    assert "--residual-probability" in result.stderr and "6" in result.stderr
    # a correction without residual keeps the month's residual
    ok(three_months("risk", "assess", "1", "--period", "2024-02", "-p", "4", "-c", "5"))
    row = json.loads(ok(three_months("risk", "show", "1", "--period", "2024-02", "--format", "json")).stdout)
    assert (row["score"], row["residual_score"]) == (20, 8)


def test_risk_views_are_plain_rows_and_see_a_write_sessions_changes(three_months, db_url):
    """The month's views read risks and measures as rows, not ORM objects; in a write session an
    unflushed change still counts, as it did when they were read as objects."""
    from sqlmodel import Session

    from portfolio.database import make_engine
    from portfolio.models import Risk
    from portfolio.period import Period
    from portfolio.risk_zones import RiskMatrix
    from portfolio.services.risks import MeasureRow, RiskRow, risk_views

    engine = make_engine(db_url)
    with Session(engine) as session:
        views = {v.risk.id: v for v in risk_views(session, Period(2024, 2), RiskMatrix(), include_closed=True)}
        assert type(views[1].risk) is RiskRow and views[1].risk.description == "Leverandør"
        assert views[1].risk.owner == "Kari" and views[1].risk.opened == "2024-01"
        assert [type(m) for m in views[1].measures] == [MeasureRow]
        measure = views[1].measures[0]
        assert (measure.text, measure.owner, str(measure.due), measure.status) == (
            "Ny avtale",
            "Kari",
            "2024-06-30",
            "open",
        )
        assert views[2].risk.closed == "2024-02" and views[2].measures == []
        risk = session.get(Risk, 1)
        assert risk is not None
        risk.description = "Leverandør (ny)"
        session.add(risk)
        again = {v.risk.id: v for v in risk_views(session, Period(2024, 2), RiskMatrix())}
        assert again[1].risk.description == "Leverandør (ny)"
        session.rollback()
    engine.dispose()


def test_risk_views_of_more_risks_than_a_statement_takes_parameters(migrated, db_url):
    """More risks than a statement takes bound parameters (PostgreSQL's 65,535; SQLite's 32,766 in
    most builds, held to 1,000 here): the month's views read each risk's latest assessment and
    measures through a subquery, not a list of ids, so a portfolio of any size is read (it failed
    with 'too many SQL variables' before)."""
    from sqlalchemy import insert
    from sqlmodel import Session

    from portfolio.models import Measure, Project, Risk, RiskAssessment
    from portfolio.period import Period
    from portfolio.risk_zones import RiskMatrix
    from portfolio.services.risks import risk_views
    from portfolio.testing import few_parameters_engine

    engine, count = few_parameters_engine(db_url)
    with engine.begin() as connection:
        connection.execute(insert(Project.__table__), [{"id": 1, "code": "P", "name": "Plattform", "active": True}])
        connection.execute(
            insert(Risk.__table__),
            [
                {"id": n, "project_id": 1, "description": f"R{n}", "status": "open", "opened": "2024-01", "version": 1}
                for n in range(1, count + 1)
            ],
        )
        connection.execute(
            insert(RiskAssessment.__table__),
            [
                {"risk_id": n, "period": "2024-01", "probability": n % 5 + 1, "consequence": 3}
                for n in range(1, count + 1)
            ],
        )
        connection.execute(
            insert(Measure.__table__),
            [
                {"risk_id": n, "text": f"M{n}", "status": "open", "position": 1, "version": 1}
                for n in range(1, count + 1)
            ],
        )
    with Session(engine) as session:
        views = risk_views(session, Period(2024, 1), RiskMatrix())
    engine.dispose()
    assert len(views) == count
    last = next(view for view in views if view.risk.id == count)
    assert (last.probability, last.consequence) == (count % 5 + 1, 3)
    assert [measure.text for measure in last.measures] == [f"M{count}"]
