"""Evidence against ratings: the ``portfolio_evidence`` hook, in ``check`` and beside the matrix.

The scenario (three months, from tests.test_fingerprint) rates BETA green on finance in January
and February and yellow in March; a test plugin's "ledger" says BETA overspent in February and
March, and ALPHA in every month.
"""

from __future__ import annotations

import json
import types

import pytest

from portfolio import hookimpl
from portfolio.evidence import Evidence, stored_ratings
from tests.helpers import ok
from tests.test_fingerprint import scenario

pytestmark = pytest.mark.usefixtures("core_only")

OVERSPENT = {"2024-01": {"ALPHA"}, "2024-02": {"ALPHA", "BETA"}, "2024-03": {"ALPHA", "BETA"}}


def portfolio_evidence(ctx):
    ratings = stored_ratings(ctx.session, ctx.period, "finance")
    return [
        Evidence(
            "ledger-overspend",
            code,
            "finance",
            "green",
            f"{code} is rated green on finance but the ledger shows an overspend",
            ctx.t("{code} is green on finance, the ledger disagrees", code=code),
        )
        for code in sorted(OVERSPENT[str(ctx.period)])
        if ratings.get(code) == "green"
    ]


LEDGER = types.SimpleNamespace(portfolio_evidence=hookimpl(portfolio_evidence))


@pytest.fixture
def data(migrated, portfolio_register):
    portfolio_register("ledger", LEDGER)
    scenario(migrated)
    return migrated


def _findings(run, month):
    rows = json.loads(ok(run("check", "--period", month, "--format", "json")).stdout)
    return [(r["plugin"], r["code"], r["severity"], r["message"]) for r in rows if r["code"] == "ledger-overspend"]


def test_check_lists_only_the_ratings_the_data_contradicts_month_by_month(data):
    # January: ALPHA overspent but it is green, so it is named; BETA is within budget.
    assert _findings(data, "2024-01") == [
        ("ledger", "ledger-overspend", "warning", "ALPHA is rated green on finance but the ledger shows an overspend")
    ]
    # February: ALPHA is yellow now (no contradiction); BETA is green and overspent.
    assert [f[3].split()[0] for f in _findings(data, "2024-02")] == ["BETA"]
    # March: both are rated yellow or red, which the ledger bears out.
    assert _findings(data, "2024-03") == []


def test_the_report_notes_them_beside_the_status_matrix(data):
    march = ok(data("report", "build", "--period", "2024-03", "--format", "md")).stdout
    assert "bear out" not in march and "ikke disse vurderingene" not in march
    february = ok(data("report", "build", "--period", "2024-02", "--format", "json", "--lang", "en")).stdout
    (portfolio,) = [s for s in json.loads(february)["sections"] if s["key"] == "portfolio"]
    blocks = portfolio["blocks"]
    note = {
        "type": "note",
        "text": "The data does not bear out these ratings:",
        "items": ["BETA is green on finance, the ledger disagrees"],
    }
    at = blocks.index(note)  # one note: its points in its own box
    assert at > [b["type"] for b in blocks].index("status_matrix")  # after the matrix it qualifies
    nb = ok(data("report", "build", "--period", "2024-02", "--format", "md")).stdout
    assert "> Tallene støtter ikke disse vurderingene:\n> - BETA is green on finance" in nb
    html = ok(data("report", "build", "--period", "2024-02", "--format", "html")).stdout
    assert (
        '<div class="note"><p>Tallene støtter ikke disse vurderingene:</p>'
        "<ul><li>BETA is green on finance, the ledger disagrees</li></ul></div>"
    ) in html


def test_a_failing_rule_is_named_and_the_others_still_count(data):
    def broken(ctx):
        raise RuntimeError("ledger offline")

    def wrong(ctx):
        return ["not evidence"]

    plugins = [
        ("broken", types.SimpleNamespace(portfolio_evidence=hookimpl(broken))),
        ("wrong", types.SimpleNamespace(portfolio_evidence=hookimpl(wrong))),
    ]
    result = ok(data("check", "--period", "2024-01", "--format", "json", plugins=plugins))
    assert "plugin 'broken' failed in portfolio_evidence: RuntimeError: ledger offline" in result.stderr
    assert "plugin 'wrong' failed in portfolio_evidence: TypeError: str is not an Evidence" in result.stderr
    assert [r["plugin"] for r in json.loads(result.stdout) if r["code"] == "ledger-overspend"] == ["ledger"]
    report = ok(data("report", "build", "--period", "2024-01", "--format", "md", plugins=plugins))
    assert "ALPHA is green on finance" in report.stdout


def test_a_rule_that_finds_many_shows_ten_and_counts_and_names_the_rest(data):
    # 23 contradictions of one rule (S15 twice, as a project with two late milestones would be)
    subjects = [f"S{n:02}" for n in range(1, 23)] + ["S15"]

    def many(ctx):
        return [
            Evidence("many-rule", code, "schedule", "green", f"{code} is late", f"{code} is late") for code in subjects
        ]

    plugins = [("many", types.SimpleNamespace(portfolio_evidence=hookimpl(many)))]
    checked = json.loads(ok(data("check", "--period", "2024-02", "--format", "json", plugins=plugins)).stdout)
    assert len([r for r in checked if r["code"] == "many-rule"]) == 23  # check lists every one
    report = ok(data("report", "build", "--period", "2024-02", "--format", "json", "--lang", "en", plugins=plugins))
    (portfolio,) = [s for s in json.loads(report.stdout)["sections"] if s["key"] == "portfolio"]
    (note,) = [b for b in portfolio["blocks"] if b["type"] == "note" and "bear out" in b["text"]]
    ordered = sorted(subjects)  # the note's order: by subject
    assert (
        note["items"]
        == [
            "BETA is green on finance, the ledger disagrees",  # another rule keeps its own ten
            *[f"{code} is late" for code in ordered[:10]],
            "13 more by the same rule (many-rule): " + ", ".join(dict.fromkeys(ordered[10:])) + ".",
        ]
    )
    nb = ok(data("report", "build", "--period", "2024-02", "--format", "md", plugins=plugins)).stdout
    assert "> - Ytterligere 13 etter samme regel (many-rule): S11, S12, S13, S14, S15, S16," in nb


def test_stored_ratings_reads_one_month_and_dimension(data, db_url):
    from sqlmodel import Session

    from portfolio.database import make_engine
    from portfolio.period import Period

    engine = make_engine(db_url)
    with Session(engine) as session:
        assert stored_ratings(session, Period(2024, 2), "finance") == {"ALPHA": "yellow", "BETA": "green"}
        assert stored_ratings(session, Period(2024, 3), "schedule") == {"ALPHA": "yellow", "BETA": "yellow"}
        assert stored_ratings(session, Period(2024, 4), "finance") == {}
    engine.dispose()


def test_evidence_refuses_an_unknown_severity():
    with pytest.raises(ValueError, match="severity 'fatal'"):
        Evidence("x", "A", "finance", "green", "message", severity="fatal")
