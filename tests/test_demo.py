"""The demo reproduces the reference report's portfolio: its 22 matrix rows, arrows and red risks."""

from __future__ import annotations

import json

from tests.helpers import fails, ok

DIMENSIONS = ["scope", "finance", "resources", "schedule", "dependencies", "benefits"]

# Transcribed from "SAMMENDRAG AV PROSJEKTSTATUS" in the seed: the row titles in order, and for
# each row the cells that carry an arrow or the not-assessed circle.
SEED_ROWS = [
    ("Regional applikasjonsforvaltning (RAF)", {"dependencies": "↗"}),
    ("Helhetlig applikasjonsforvaltning", {"schedule": "↘"}),
    ("Sectra Message Broker", {"benefits": "○"}),
    ("Tjenesteplattform 2.0", {}),
    ("Plattform for Datavarehuset", {}),
    ("Nye UNN og Hammerfest sykehus", {"schedule": "↗", "benefits": "○"}),
    ("Sikker IKT-Plattform for Kunstig Intelligens", {}),
    ("Helhetlig Tjenestestyring i HN IKT", {"benefits": "○"}),
    ("1. Helhetlig informasjonssikkerhet 2 – Program", {"resources": "↘"}),
    ("1.1 IAM 2", {}),
    ("1.2 IT Asset Management", {"finance": "↘", "benefits": "○"}),
    ("1.3 Serversikring", {"resources": "↘", "benefits": "○"}),
    ("1.4 NAC/Sonemodell", {"benefits": "○"}),
    ("1.5 RSMA", {"benefits": "○"}),
    ("1.6 EPP og ADP", {"benefits": "○"}),
    ("2. MoDI – Program", {"dependencies": "○"}),
    ("2.1 Framtidig arbeidsflate", {"benefits": "○"}),
    ("2.2 Digital plattform Telekom", {}),
    ("2.3 Sentral meldingstjener", {"resources": "↘"}),
    ("2.4 iFront", {"resources": "↘", "dependencies": "○", "benefits": "○"}),
    ("2.5 Nettverk 2.0", {"benefits": "○"}),
    ("2.6 Innføring av Microsoft 365", {}),
]
ARROWS = {"better": "↗", "worse": "↘"}


def _matrix(run, period: str = "2024-01") -> list[dict]:
    return json.loads(ok(run("status", "matrix", "--period", period, "--format", "json")).stdout)


def test_demo_matrix_has_the_seeds_rows_arrows_and_circles(demo):
    rows = _matrix(demo)
    assert [row["label"] for row in rows] == [title for title, _ in SEED_ROWS]
    for row, (title, marks) in zip(rows, SEED_ROWS, strict=True):
        for key in DIMENSIONS:
            if row[key] == "na":
                seen = "○"
            else:
                assert row[key] in ("green", "yellow", "red"), (title, key, row[key])
                seen = ARROWS.get(row[f"{key}_trend"] or "", "")
            assert seen == marks.get(key, ""), f"{title} / {key}: {seen!r}"


def test_demo_matrix_in_the_terminal_shows_arrows_and_the_note(demo):
    out = ok(demo("status", "matrix", "--period", "2024-01")).stdout
    lines = out.splitlines()
    assert lines[0] == "SAMMENDRAG AV PROSJEKTSTATUS"
    assert lines[1].startswith("PROSJEKT/PROGRAM")
    assert "Avgrensning og innhold" in lines[1] and "Gevinstarbeid" in lines[1]
    body = [line for line in lines[3:] if line.strip()][:22]
    assert body[0].startswith("Regional applikasjonsforvaltning (RAF)") and "Gr ↗" in body[0]
    assert body[19].startswith("2.4 iFront") and "Rø ↘" in body[19]
    assert "Piler indikerer utvikling siden forrige rapportering" in out
    english = ok(demo("status", "matrix", "--period", "2024-01", "--lang", "en")).stdout
    assert "External dependencies" in english and "2. MoDI – Programme" in english


def test_demo_is_idempotent(demo):
    before = {
        what: ok(demo(*args, "--format", "json")).stdout
        for what, args in {
            "projects": ("project", "list", "--all"),
            "programs": ("program", "list", "--all"),
            "risks": ("risk", "list", "--period", "2024-01", "--all"),
            "measures": ("measure", "list"),
            "narrative": ("narrative", "show", "--period", "2024-01"),
        }.items()
    }
    ok(demo("demo"))
    after = {
        "projects": ok(demo("project", "list", "--all", "--format", "json")).stdout,
        "programs": ok(demo("program", "list", "--all", "--format", "json")).stdout,
        "risks": ok(demo("risk", "list", "--period", "2024-01", "--all", "--format", "json")).stdout,
        "measures": ok(demo("measure", "list", "--format", "json")).stdout,
        "narrative": ok(demo("narrative", "show", "--period", "2024-01", "--format", "json")).stdout,
    }
    assert after == before
    assert len(json.loads(after["projects"])) == 21  # 20 in the matrix + the closed Win7 project


def test_demo_red_zone_risks_are_the_seeds_seven_with_measures(demo):
    risks = json.loads(ok(demo("risk", "list", "--zone", "red", "--period", "2024-01", "--format", "json")).stdout)
    assert sorted(r["project"] for r in risks) == ["M365", "NAC", "NAC", "RAF", "SIKTH", "SIKTH", "TP2"]
    assert all(r["measures"] >= 1 and r["zone"] == "red" for r in risks)
    nac = next(r for r in risks if r["description"].startswith("1) Linjeorganisasjonens"))
    assert nac["measures"] == 3
    everything = json.loads(ok(demo("risk", "list", "--period", "2024-01", "--format", "json")).stdout)
    assert len(everything) > len(risks)  # the red list is a selection


def test_demo_december_has_the_finished_win7_project_and_january_does_not(demo):
    december = [row["code"] for row in _matrix(demo, "2023-12")]
    january = [row["code"] for row in _matrix(demo, "2024-01")]
    assert "WIN7" in december and "WIN7" not in january


def test_demo_narrative_follows_the_seeds_order(demo):
    texts = json.loads(ok(demo("narrative", "show", "--period", "2024-01", "--format", "json")).stdout)
    assert [(t["scope"], t["program"]) for t in texts] == [
        ("portfolio", None),
        ("program", "HIS2"),
        ("program", "MODI"),
        ("standalone", None),
    ]
    assert texts[0]["text"].startswith("Ved inngangen til 2024 er statusen i prosjektporteføljen tilfredsstillende.")
    assert "*Nettverk 2.0*" in texts[2]["text"]


def test_demo_month_passes_the_checks(demo):
    findings = json.loads(ok(demo("check", "--period", "2024-01", "--format", "json")).stdout)
    # The finance plugin's demo shows, on purpose, one rating its figures contradict (evidence). The
    # reference report has no recovery actions, so neither has the demo: each yellow or red rating
    # is listed as without one (docs/monthly-round.md), and nothing else is found.
    unplanned = [f for f in findings if f["code"] == "status-without-recovery-action"]
    others = [f for f in findings if f["severity"] != "info" and f["code"] != "finance-overspend"]
    assert others == unplanned
    matrix = json.loads(ok(demo("status", "matrix", "--period", "2024-01", "--format", "json")).stdout)
    coloured = [
        (row["code"], key)
        for row in matrix
        for key in ("scope", "finance", "resources", "schedule", "dependencies", "benefits")
        if row[key] in ("yellow", "red")
    ]
    assert len(unplanned) == len(coloured) > 0
    assert {f["severity"] for f in unplanned} == {"warning"}


def test_demo_again_on_the_unchanged_demo_writes_nothing(demo, db_url):
    from portfolio.testing import table_rows

    tables = ("project", "status_report", "status_rating", "audit_log", "finance_figure", "narrative")
    before = table_rows(db_url, tables)
    assert ok(demo("demo")).stdout == "The demo data is in the database already, unchanged; nothing was written.\n"
    assert table_rows(db_url, tables) == before


def test_demo_never_reverts_what_a_user_changed(demo, db_url):
    from portfolio.testing import table_rows

    tables = ("project", "status_report", "status_rating", "finance_figure", "reporting_period")
    changes = [
        ("status", "set", "RAF", "--period", "2024-01", "--scope", "red"),
        ("project", "edit", "RAF", "--name", "Omdøpt"),
        ("finance", "set", "--period", "2024-01", "--line", "sla", "--actual", "1", "--unit", "kr"),
        ("period", "close", "2024-01"),
    ]
    for change in changes:
        ok(demo(*change))
        before = table_rows(db_url, tables)
        refused = fails(demo("demo"))
        assert refused.stderr.startswith("Error: the database holds data that is not the demo's (table ")
        assert refused.stderr.count("\n") == 1 and "warning" not in refused.output
        assert table_rows(db_url, tables) == before


def test_demo_refuses_a_database_with_other_data(migrated):
    ok(migrated("project", "add", "MINE", "Mitt prosjekt"))
    refused = fails(migrated("demo"))
    assert "(table project); nothing was written" in refused.stderr
    assert [p["code"] for p in json.loads(ok(migrated("project", "list", "--format", "json")).stdout)] == ["MINE"]
