"""The demo's HR/HMS section against the reference report (section 5 of the seed), in every format
and both languages."""

from __future__ import annotations

import json
import os
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from portfolio.testing import Runner, ok

# The reference report, when it is at hand: the expected values below are checked against it.
SEED = Path(os.environ.get("PORTFOLIO_SEED_REPORT", "/work/shared/seed/virksomhetsrapport-2024-01.txt"))

# The seed's table "AML brudd", October 2023 - January 2024, in its order and spelling.
# Its empty cells are zero, and the section leaves them empty as the seed does.
SEED_AML_HEADER = [
    "Bruddtype",
    "Antall brudd Okt 2023",
    "Antall brudd Nov 2023",
    "Antall brudd Des 2023",
    "Antall brudd Jan 2024",
]
SEED_AML_ROWS = [
    ["Samlet tid pr. dag", 10, 10, 4, 9],
    ["AML timer pr. uke", 6, 7, 4, 9],
    ["AML timer pr. 4 uker", 1, None, 3, 2],
    ["Søndager på rad", 2, 4, 5, 4],
    ["Ukentlig arbeidsfri", 7, 11, 10, 11],
    ["Samlet tid pr. uke", None, None, None, None],
]
SEED_AML_TOTALS = ["Total", 26, 32, 26, 35]
MONTHS_NB = ["Jan", "Feb", "Mars", "Apr", "Mai", "Juni", "Juli", "Aug", "Sep", "Okt", "Nov", "Des"]


@pytest.mark.skipif(not SEED.is_file(), reason="the reference report is not at hand")
def test_expected_values_are_the_seeds() -> None:
    seed = SEED.read_text(encoding="utf-8")
    lines = seed.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Bruddtype\t"))
    assert lines[start].split("\t") == SEED_AML_HEADER
    rows = [line.split("\t") for line in lines[start + 1 : start + 7]]
    assert [[r[0], *(int(c) if c else None for c in r[1:])] for r in rows] == SEED_AML_ROWS
    total = re.sub(r"</?b>", "", lines[start + 7]).split("\t")
    assert [total[0], *(int(c) for c in total[1:])] == SEED_AML_TOTALS
    assert "Sykefraværet samlet for Helse Nord IKT i 2023 var på 6,05% og ligger over måltallet" in seed
    assert "ikke skal overstige 5% (2,5% for langtidsfravær" in seed


def section(run: Runner, lang: str = "nb", period: str = "2024-01") -> dict[str, Any]:
    result = ok(run("report", "build", "--period", period, "--format", "json", "--lang", lang, "--strict"))
    data = json.loads(result.stdout, parse_float=Decimal)
    (found,) = [s for s in data["sections"] if s["key"] == "hr"]
    return found


def text(block: dict[str, Any]) -> str:
    return "".join(run["text"] for run in block["runs"])


def blocks(found: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [b for b in found["blocks"] if b["type"] == kind]


def paragraphs(found: dict[str, Any]) -> list[str]:
    return [text(b) for b in blocks(found, "paragraph")]


def test_section_is_hr_hms_in_the_seeds_place(hr_demo: Runner) -> None:
    listing = ok(hr_demo("report", "sections", "--format", "json"))
    rows = json.loads(listing.stdout)
    (hr,) = [row for row in rows if row["key"] == "hr"]
    assert (hr["plugin"], hr["order"], hr["title"]) == ("hr", 50, "HR/HMS")
    # after the core's portfolio status (40), as section 5 follows section 4 in the seed
    assert [row["key"] for row in rows] == ["assessment", "portfolio", "hr"]
    found = section(hr_demo)
    assert found["title"] == "HR/HMS"
    assert section(hr_demo, "en")["title"] == "HR / health, safety and environment"


def test_aml_table_is_the_seeds_exactly(hr_demo: Runner) -> None:
    found = section(hr_demo)
    (table,) = blocks(found, "table")[1:]  # the first table is the sick-leave averages
    assert [c["label"] for c in table["columns"]] == SEED_AML_HEADER
    assert [c["kind"] for c in table["columns"]] == ["text"] + ["integer"] * 4
    assert [row["cells"] for row in table["rows"][:-1]] == SEED_AML_ROWS
    assert not any(row["bold"] for row in table["rows"][:-1])
    assert table["rows"][-1] == {"cells": SEED_AML_TOTALS, "bold": True}
    assert "Tabellen nedenfor viser antall AML-brudd i perioden oktober 2023–januar 2024." in paragraphs(found)


def test_aml_month_compared_with_the_one_before(hr_demo: Runner) -> None:
    last = paragraphs(section(hr_demo))[-1]
    assert last.startswith("I januar 2024 var det 35 AML-brudd, 9 flere enn i desember 2023. ")
    assert last.endswith("AML-bruddene i januar er i stort knyttet til beredskapshendelser og sykefravær.")


def test_sick_leave_year_average_is_the_seeds_6_05(hr_demo: Runner) -> None:
    found = section(hr_demo)
    figures = blocks(found, "figure")
    total = figures[0]
    values = total["series"][0]["values"]
    assert len(values) == 12
    assert sum(values) / 12 == Decimal("6.05")
    assert any(
        p.startswith(
            "Sykefraværet samlet for Helse Nord IKT i 2023 var på 6,05\u00a0% og ligger over måltallet på 5\u00a0%."
        )
        for p in paragraphs(found)
    )
    averages = blocks(found, "table")[0]
    assert averages["title"] == "Sykefravær 2023: gjennomsnitt og mål"
    assert [row["cells"] for row in averages["rows"]] == [
        ["Sykefravær samlet", Decimal("6.05"), 5, "Over målet"],
        ["Korttidsfravær", Decimal("2.47"), Decimal("2.5"), "Under målet"],
        ["Langtidsfravær", Decimal("3.58"), Decimal("2.5"), "Over målet"],
        ["Egenmeldt fravær", Decimal("1.04"), None, None],
        ["Legemeldt fravær", Decimal("5.01"), None, None],
    ]


def test_the_three_lost_figures_are_charts_of_2023_with_targets(hr_demo: Runner) -> None:
    figures = blocks(section(hr_demo), "figure")
    assert [f["title"] for f in figures] == [
        "Sykefravær Helse Nord IKT samlet 2023",
        "Egen- og legemeldt fravær 2023",
        "Kort- og langtidsfravær 2023",
    ]
    for figure in figures:
        assert figure["kind"] == "line"
        assert figure["value_kind"] == "percent"
        assert figure["categories"] == MONTHS_NB
    assert [f["target"] for f in figures] == [5, None, Decimal("2.5")]
    assert figures[0]["target_label"] == "Mål"
    assert [s["name"] for s in figures[1]["series"]] == ["Egenmeldt fravær", "Legemeldt fravær"]
    assert [s["name"] for s in figures[2]["series"]] == ["Korttidsfravær", "Langtidsfravær"]


def _series(figure: dict[str, Any]) -> list[list[Decimal]]:
    return [s["values"] for s in figure["series"]]


def test_the_demo_months_follow_the_seeds_description(hr_demo: Runner) -> None:
    total_figure, certified, duration = blocks(section(hr_demo), "figure")
    (total,) = _series(total_figure)
    own, doctor = _series(certified)
    short, long = _series(duration)
    for month in range(12):
        assert short[month] + long[month] == total[month]
        assert own[month] + doctor[month] == total[month]
    # short-term under 2.5 % from April to the end of August, above before and after
    assert [m for m in range(12) if short[m] < Decimal("2.5")] == [3, 4, 5, 6, 7]
    assert short[8] < short[9] < short[10] < short[11]
    # long-term well above target early, falling towards summer, up June-August,
    # a marked fall in September and October, rising again in winter
    assert long[0] >= 4 and long[0] > long[1] > long[2] > long[3] > long[4]
    assert min(long[5:8]) > long[4]
    assert long[9] < long[8] < long[7] - Decimal("0.5")
    assert long[9] < long[10] < long[11]
    # self-certified stable, higher in the winter months; doctor-certified high all year
    assert max(own) - min(own) <= Decimal("0.7")
    assert min(own[0], own[1], own[10], own[11]) > max(own[3:9])
    assert min(doctor) > 4


def test_generated_sentences_compare_short_and_long_term_with_targets(hr_demo: Runner) -> None:
    found = section(hr_demo)
    texts = paragraphs(found)
    short = next(p for p in texts if p.startswith("Korttidsfraværet i 2023"))
    assert short.startswith(
        "Korttidsfraværet i 2023 var i gjennomsnitt 2,47\u00a0%, under måltallet på 2,5\u00a0%. "
        "Det var innenfor måltallet i april–august og over i januar–mars og september–desember. "
    )
    long = next(p for p in texts if p.startswith("Langtidsfraværet i 2023"))
    assert "over måltallet på 2,5\u00a0%" in long
    assert "Det var innenfor måltallet i oktober og over i januar–september og november–desember." in long
    headings = [b["text"] for b in blocks(found, "heading")]
    assert headings == ["Sykefravær", "Korttidsfravær", "Langtidsfravær", "AML-brudd"]
    assert texts[0] == "HMS-systemet er vedlikeholdt i henhold til gjeldende regelverk."
    assert texts[1] == (
        "Helse Nord IKT har et mål om at sykefraværet ikke skal overstige 5\u00a0% (2,5\u00a0% for "
        "langtidsfravær over 16 dager og 2,5\u00a0% for korttidsfravær under 16 dager)."
    )


def test_english_section(hr_demo: Runner) -> None:
    found = section(hr_demo, "en")
    texts = paragraphs(found)
    assert (
        "Helse Nord IKT aims to keep sick leave at or below 5% (2.5% for long-term absence over "
        "16 days and 2.5% for short-term absence under 16 days)."
    ) in texts
    assert any(
        p.startswith("Total sick leave at Helse Nord IKT in 2023 was 6.05%, above the target of 5%.") for p in texts
    )
    assert any(p.startswith("Short-term absence in 2023 averaged 2.47%, below the target of 2.5%.") for p in texts)
    assert "The table below shows the number of AML breaches in the period October 2023–January 2024." in texts
    assert any(p.startswith("In January 2024 there were 35 AML breaches, 9 more than in December 2023.") for p in texts)
    table = blocks(found, "table")[1]
    assert [c["label"] for c in table["columns"]][1:] == [
        "Breaches Oct 2023",
        "Breaches Nov 2023",
        "Breaches Dec 2023",
        "Breaches Jan 2024",
    ]
    assert [row["cells"][0] for row in table["rows"]] == [
        "Total hours per day",
        "Working hours per week",
        "Working hours per 4 weeks",
        "Consecutive Sundays",
        "Weekly time off",
        "Total hours per week",
        "Total",
    ]
    figures = blocks(found, "figure")
    assert figures[0]["categories"][:3] == ["Jan", "Feb", "Mar"]
    assert figures[0]["target_label"] == "Target"
    # the free text is printed as entered
    assert "HMS-systemet er vedlikeholdt i henhold til gjeldende regelverk." in texts


def test_charts_are_drawn_in_html(hr_demo: Runner) -> None:
    html = ok(hr_demo("report", "build", "--period", "2024-01", "--format", "html", "--strict")).output
    start = html.index("Sykefravær Helse Nord IKT samlet 2023")
    part = html[start : html.index("AML-brudd</h", start)]
    assert part.count("<svg") == 3
    assert "Egen- og legemeldt fravær 2023" in part and "Kort- og langtidsfravær 2023" in part


def test_chart_numbers_in_markdown_and_terminal(hr_demo: Runner) -> None:
    md = ok(hr_demo("report", "build", "--period", "2024-01", "--format", "md", "--strict")).output
    assert (
        "| Sykefravær samlet | 7,4 % | 7,0 % | 6,4 % | 5,7 % | 5,3 % | 5,4 % | 5,5 % | 6,0 % | "
        "5,6 % | 5,2 % | 6,3 % | 6,8 % |"
    ) in md.replace("\u00a0", " ")
    assert "| Korttidsfravær | 2,9 % | 2,8 % | 2,6 % | 2,2 % | 2,0 % | 1,8 % |" in md.replace("\u00a0", " ")
    assert "| **Total** | **26** | **32** | **26** | **35** |" in md
    assert "| AML timer pr. 4 uker | 1 |  | 3 | 2 |" in md
    terminal = ok(hr_demo("report", "build", "--period", "2024-01", "--no-color", "--lang", "en", "--strict")).output
    for number in ("7.4%", "6.05%", "1.3%", "6.1%", "4.5%"):
        assert number in terminal
    assert "Target 5.0%" in terminal


def test_report_of_a_later_month_charts_the_year_so_far(hr_demo: Runner) -> None:
    ok(
        hr_demo(
            "hr",
            "set",
            "sick-leave",
            "--period",
            "2024-02",
            "--total",
            "5,9",
            "--short-term",
            "2,8",
            "--long-term",
            "3,1",
        )
    )
    found = section(hr_demo, period="2024-02")
    figure = blocks(found, "figure")[0]
    assert figure["title"] == "Sykefravær Helse Nord IKT samlet januar–februar 2024"
    assert figure["categories"] == ["Jan", "Feb"]
    assert figure["series"][0]["values"] == [Decimal("6.3"), Decimal("5.9")]
    assert any(
        p.startswith("Sykefraværet samlet for Helse Nord IKT i januar–februar 2024 var på 6,10\u00a0%")
        for p in paragraphs(found)
    )
    # the AML window moves with the month: February has no counts yet
    table = blocks(found, "table")[1]
    assert [c["label"] for c in table["columns"]][-1] == "Antall brudd Feb 2024"
    assert table["rows"][-1]["cells"] == ["Total", 32, 26, 35, None]
    notes = [b["text"] for b in blocks(found, "note")]
    assert "AML-brudd er ikke registrert for februar 2024." in notes


def test_a_month_without_any_hr_data_says_so(portfolio_migrated: Runner) -> None:
    found = section(portfolio_migrated, period="2024-01")
    notes = [b["text"] for b in blocks(found, "note")]
    assert notes == [
        "Sykefraværstall er ikke registrert for 2023.",
        "AML-brudd er ikke registrert for oktober 2023–januar 2024.",
    ]
    assert not blocks(found, "figure")


def test_zero_cells_can_be_shown_as_zero(hr_demo: Runner, portfolio_isolated: Any) -> None:
    (portfolio_isolated / "portfolio.toml").write_text("[plugins.hr]\nblank_zero_cells = false\n")
    table = blocks(section(hr_demo), "table")[1]
    assert table["rows"][2]["cells"] == ["AML timer pr. 4 uker", 1, 0, 3, 2]
    assert table["rows"][5]["cells"] == ["Samlet tid pr. uke", 0, 0, 0, 0]


def test_configured_targets_organisation_and_breach_types(hr_demo: Runner, portfolio_isolated: Any) -> None:
    (portfolio_isolated / "portfolio.toml").write_text(
        "[plugins.hr]\n"
        'organisation = "Sykehuset"\n'
        "target_total = 6.5\n"
        "target_short_term = 3\n"
        "target_long_term = 3.5\n"
        "aml_months = 2\n"
        "breach_types = [\n"
        '  {key = "weekly_rest", nb = "Ukefri", en = "Weekly rest"},\n'
        '  {key = "total_per_day", nb = "Dagtid"},\n'
        "]\n"
    )
    found = section(hr_demo)
    texts = paragraphs(found)
    assert any(
        p.startswith(
            "Sykefraværet samlet for Sykehuset i 2023 var på 6,05\u00a0% og ligger under måltallet på 6,5\u00a0%."
        )
        for p in texts
    )
    duration = blocks(found, "figure")[2]
    assert duration["target"] is None  # two different targets are drawn as series
    assert [s["name"] for s in duration["series"]] == [
        "Korttidsfravær",
        "Langtidsfravær",
        "Mål korttidsfravær",
        "Mål langtidsfravær",
    ]
    assert duration["series"][2]["values"] == [3] * 12
    table = blocks(found, "table")[1]
    assert [c["label"] for c in table["columns"]] == [
        "Bruddtype",
        "Antall brudd Des 2023",
        "Antall brudd Jan 2024",
    ]
    # stored types no longer configured still count, shown by their key after the configured ones
    assert [row["cells"][0] for row in table["rows"]] == [
        "Ukefri",
        "Dagtid",
        "hours_per_4_weeks",
        "hours_per_week",
        "sundays_in_row",
        "total_per_week",
        "Total",
    ]
    assert table["rows"][-1]["cells"] == ["Total", 26, 35]


def test_bad_configuration_leaves_the_section_out_with_the_reason(hr_demo: Runner, portfolio_isolated: Any) -> None:
    (portfolio_isolated / "portfolio.toml").write_text("[plugins.hr]\ntarget_total = 120\n")
    result = hr_demo("report", "build", "--period", "2024-01", "--format", "json")
    ok(result)
    data = json.loads(result.stdout)
    assert [s["key"] for s in data["sections"] if s["key"] == "hr"] == []
    (omitted,) = data["omitted"]
    assert "target_total 120 must be between 0 and 100" in omitted["reason"]


def test_without_settings_no_organisation_and_no_targets(hr_demo: Runner, portfolio_isolated: Any) -> None:
    # A [plugins.hr] table in portfolio.toml replaces the demo's stored settings whole: these are
    # the neutral defaults, on the demo's figures.
    assert "hr: database" in ok(hr_demo("info")).stdout
    (portfolio_isolated / "portfolio.toml").write_text("[plugins.hr]\naml_months = 4\n")
    assert "hr: portfolio.toml" in ok(hr_demo("info")).stdout
    found = section(hr_demo)
    texts = paragraphs(found)
    # no target sentence, no comparison with a target (the demo's own text speaks of its targets)
    assert not any("ikke skal overstige" in p or "måltallet på" in p or "Det var " in p for p in texts)
    assert any(p.startswith("Sykefraværet samlet i 2023 var på 6,05\u00a0%. Det arbeides") for p in texts)
    assert any(p.startswith("Korttidsfraværet i 2023 var i gjennomsnitt 2,47\u00a0%. Økningen") for p in texts)
    averages = blocks(found, "table")[0]
    assert averages["title"] == "Sykefravær 2023: gjennomsnitt"
    assert [c["label"] for c in averages["columns"]] == ["Fravær", "Gjennomsnitt"]
    assert averages["rows"][0]["cells"] == ["Sykefravær samlet", Decimal("6.05")]
    total, _certified, duration = blocks(found, "figure")
    assert total["title"] == "Sykefravær samlet 2023" and total["target"] is None
    assert duration["target"] is None and len(duration["series"]) == 2
    aml_table = blocks(found, "table")[1]
    assert aml_table["rows"][5]["cells"] == ["Samlet tid pr. uke", 0, 0, 0, 0]  # zero is printed as 0
    english = paragraphs(section(hr_demo, "en"))
    assert any(p.startswith("Total sick leave in 2023 was 6.05%.") for p in english)


def test_a_total_target_without_the_others(hr_demo: Runner, portfolio_isolated: Any) -> None:
    (portfolio_isolated / "portfolio.toml").write_text('[plugins.hr]\ntarget_total = 6\ntarget_long_term = "3,5"\n')
    found = section(hr_demo, "en")
    texts = paragraphs(found)
    assert texts[1] == "The aim is to keep sick leave at or below 6%."
    assert any(p.startswith("Total sick leave in 2023 was 6.05%, above the target of 6%.") for p in texts)
    assert any(p.startswith("Short-term absence in 2023 averaged 2.47%. ") for p in texts)
    averages = blocks(found, "table")[0]
    assert [row["cells"][2] for row in averages["rows"][:3]] == [6, None, Decimal("3.5")]
    duration = blocks(found, "figure")[2]
    assert [s["name"] for s in duration["series"]] == ["Short-term absence", "Long-term absence", "Target, long-term"]


def test_one_breach_is_said_in_the_singular(hr_demo: Runner) -> None:
    ok(hr_demo("hr", "set", "aml", "--period", "2024-02", "--type", "total_per_day", "--count", "1"))
    english = paragraphs(section(hr_demo, "en", "2024-02"))
    assert any(p.startswith("In February 2024 there was 1 AML breach, 34 fewer than in January 2024.") for p in english)
    bokmal = paragraphs(section(hr_demo, "nb", "2024-02"))
    assert any(p.startswith("I februar 2024 var det 1 AML-brudd, 34 færre enn i januar 2024.") for p in bokmal)
