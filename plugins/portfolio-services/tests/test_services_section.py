"""The section with little or unusual data: notes instead of tables, every sentence variant."""

from __future__ import annotations

import json

from portfolio.testing import ok

NBSP = "\u00a0"


def _texts(section):
    parts = []
    for block in section["blocks"]:
        if block["type"] == "paragraph":
            parts.append("".join(run["text"] for run in block["runs"]))
        elif block["type"] in ("note", "heading"):
            parts.append(block["text"])
    return parts


def test_an_empty_database_gives_a_note_per_part(portfolio_migrated, section):
    assert _texts(section(portfolio_migrated)) == [
        "Brukerstøtte",
        "Det er ikke registrert tall for brukerstøtte for disse månedene.",
        "Nye tjenester (Felles innboks)",
        "Det er ikke registrert bestillinger i Nye tjenester.",
        "Nøkkeltall for drift",
        "Det er ikke registrert tall for feil og hendelser for disse månedene.",
    ]
    english = _texts(section(portfolio_migrated, lang="en"))
    assert "No orders have been recorded in New services." in english


def _support(run, period, contacts, answered, first_line):
    ok(
        run(
            "service", "record", "support", "--period", period, "--contacts", str(contacts),
            "--phone-share", "40", "--answered-share", answered, "--first-line-share", first_line,
        )
    )  # fmt: skip


def test_fewer_contacts_and_both_targets_missed(portfolio_migrated, section, reference_targets):
    run = portfolio_migrated
    _support(run, "2024-02", 900, "80", "71")
    _support(run, "2024-03", 800, "69,5", "60")
    services = section(run, "2024-03")
    table = next(b for b in services["blocks"] if b["type"] == "table")
    assert table["title"] == "Henvendelser til brukerstøtte 2023/2024"
    assert table["columns"][1]["decimals"] == 1
    rows = {row["cells"][0]: row["cells"][1:] for row in table["rows"]}
    assert rows["Totalt antall henvendelser"] == [None] * 5 + [900, 800, None]
    assert rows["Andel besvart innen 1. minutt (%)"][-3:] == [80, 69.5, 70]
    texts = _texts(services)
    assert (
        f"Under målet om 70{NBSP}% besvart innen ett minutt: mars 2024. Under målet om 70{NBSP}% "
        "løst i førstelinje: mars 2024." in texts
    )
    assert (
        f"I mars 2024 hadde brukerstøtte 800 henvendelser, 100 færre enn i februar 2024. "
        f"69,5{NBSP}% ble besvart innen ett minutt, under målet på 70{NBSP}%. 60{NBSP}% ble løst "
        f"i førstelinje, under målet på 70{NBSP}%." in texts
    )
    english = _texts(section(run, "2024-03", lang="en"))
    assert (
        "In March 2024 the support desk had 800 contacts, 100 fewer than in February 2024. "
        "69.5% were answered within one minute, below the target of 70%. 60% were resolved at "
        "the first line, below the target of 70%." in english
    )


def test_a_first_month_and_an_unchanged_month(portfolio_migrated, section, reference_targets):
    run = portfolio_migrated
    _support(run, "2024-01", 500, "70", "70")
    assert (
        f"I januar 2024 hadde brukerstøtte 500 henvendelser. 70{NBSP}% ble besvart innen ett "
        f"minutt, og målet på 70{NBSP}% er nådd. 70{NBSP}% ble løst i førstelinje, og målet på "
        f"70{NBSP}% er nådd." in _texts(section(run, "2024-01"))
    )
    _support(run, "2024-02", 500, "70", "70")
    english = _texts(section(run, "2024-02", lang="en"))
    assert any(
        t.startswith("In February 2024 the support desk had 500 contacts, as many as in January") for t in english
    )
    assert "No month was below the target of 70% answered within one minute." in " ".join(english)


def test_incident_sentences_down_and_level(portfolio_migrated, section):
    run = portfolio_migrated
    for period, incidents, changes in (("2024-01", 900, 300), ("2024-02", 800, 300)):
        ok(
            run(
                "service", "record", "incidents", "--period", period,
                "--incidents", str(incidents), "--changes", str(changes),
            )
        )  # fmt: skip
    for day, level, description in (
        ("2024-02-02", "red", "strømbrudd"),
        ("2024-02-03", "green", "treghet"),
        ("2024-02-04", "yellow", "nettverksfeil"),
    ):
        ok(
            run(
                "service", "record", "readiness", "--date", day, "--level", level,
                "--description", description,
            )
        )  # fmt: skip
    services = section(run, "2024-02")
    table = [b for b in services["blocks"] if b["type"] == "table"][-1]
    rows = {row["cells"][0]: row["cells"][1:] for row in table["rows"]}
    # months with neither figures nor events are blank; the recorded ones count events
    assert rows["Beredskap Rød"] == [None] * 5 + [0, 1]
    assert [(g["label"], g["span"]) for g in table["groups"]] == [("", 1), ("2023", 5), ("2024", 2)]
    assert (
        "I februar 2024 ble det registrert 800 feil og hendelser, 100 færre enn i januar 2024. "
        "Det ble gjennomført 300 oppdateringer, like mange som i januar 2024. Det var 3 "
        "beredskapshendelser i februar 2024: strømbrudd (rød beredskap), treghet (grønn "
        "beredskap) og nettverksfeil (gul beredskap)." in _texts(services)
    )
    english = " ".join(_texts(section(run, "2024-01", lang="en")))
    assert "In January 2024 900 incidents and events were registered. There were 300 changes." in english
    assert "There were no emergency readiness events in January 2024." in english


def test_without_targets_the_figures_are_not_judged(portfolio_migrated, section):
    run = portfolio_migrated
    _support(run, "2024-02", 900, "80", "71")
    _support(run, "2024-03", 800, "69,5", "60")
    services = section(run, "2024-03", lang="en")
    table = next(b for b in services["blocks"] if b["type"] == "table")
    assert "Target (%)" not in [c["label"] for c in table["columns"]]
    assert [len(row["cells"]) for row in table["rows"]] == [8, 8, 8, 8]  # the label and seven months
    texts = _texts(services)
    assert not any("target" in t for t in texts)
    assert (
        "In March 2024 the support desk had 800 contacts, 100 fewer than in February 2024. "
        "69.5% were answered within one minute. 60% were resolved at the first line." in texts
    )
    figure = next(b for b in services["blocks"] if b["type"] == "figure")
    assert figure["target"] is None
    findings = json.loads(ok(run("check", "--period", "2024-03", "--format", "json")).stdout)
    assert "services-below-target" not in {f["code"] for f in findings}
    shown = json.loads(ok(run("service", "show", "support", "--period", "2024-03", "--format", "json")).stdout)
    assert {row.get("below_target") for row in shown} <= {None, ""}


def test_one_target_alone(portfolio_migrated, section, isolated):
    (isolated / "portfolio.toml").write_text("[plugins.services]\nfirst_line_target = 65\n", encoding="utf-8")
    run = portfolio_migrated
    _support(run, "2024-03", 800, "69,5", "60")
    texts = _texts(section(run, "2024-03", lang="en"))
    assert "Below the target of 65% resolved at the first line: March 2024." in texts
    assert any(
        t.endswith(
            "69.5% were answered within one minute. 60% were resolved at the first line, below the target of 65%."
        )
        for t in texts
    )
