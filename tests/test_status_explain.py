"""status explain: per dimension the rating, trend and comment, the plugins' evidence, and the
subject's red-zone risks with their measures."""

from __future__ import annotations

import json

from tests.helpers import fails, ok


def test_explain_gathers_ratings_evidence_and_red_risks(demo):
    data = json.loads(ok(demo("status", "explain", "TP2", "--period", "2024-01", "--format", "json")).stdout)
    finance = next(d for d in data["dimensions"] if d["key"] == "finance")
    assert finance["rating"] == "green"
    assert [(e["plugin"], e["code"]) for e in finance["evidence"]] == [("finance", "finance-overspend")]
    assert all(risk["project"] == "TP2" and risk["score"] >= 15 for risk in data["red_risks"])
    assert data["red_risks"] and data["red_risks"][0]["measures"]
    text = ok(demo("status", "explain", "TP2", "--period", "2024-01")).stdout
    assert "Finance: green\n  evidence (finance, warning): TP2 is rated green on finance" in text
    assert "Risks in the red zone:\n  risk " in text


def test_a_program_shows_its_projects_red_risks_and_its_justification(demo):
    text = ok(demo("status", "explain", "HIS2", "--period", "2024-01")).stdout
    assert "Justification of the program's own rating:" in text
    assert "(NAC), P4 C5, score 20" in text


def test_explain_without_a_status_says_so(demo):
    assert fails(demo("status", "explain", "TP2", "--period", "2019-01")).stderr == (
        "Error: TP2 has no status for 2019-01; 'portfolio status set' records one\n"
    )


def test_explain_offers_only_the_formats_it_writes(demo):
    """Formats the explanation has no form for (csv, xlsx) and -o are refused by the option
    itself, naming what is allowed, rather than accepted and then refused or ignored."""
    refused = fails(demo("status", "explain", "TP2", "--period", "2024-01", "--format", "csv"), 2)
    assert "'csv' is not one of 'table', 'json'" in refused.stderr
    assert (
        "No such option '-o'"
        in fails(demo("status", "explain", "TP2", "--period", "2024-01", "-o", "x.json"), 2).stderr
    )
