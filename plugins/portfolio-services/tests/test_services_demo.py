"""The demo reproduces every number of the seed report's three service tables, in both languages."""

from __future__ import annotations

import json

from portfolio.testing import ok

NBSP = "\u00a0"
MONTHS = ["2023-07", "2023-08", "2023-09", "2023-10", "2023-11", "2023-12", "2024-01"]

# Copied from section 3 of the seed report (virksomhetsrapport-2024-01), table by table.
SEED_SUPPORT = {
    "Totalt antall henvendelser": [5651, 9263, 10601, 10398, 8883, 8416, 12044],
    "Andel telefonhenvendelser (%)": [56, 46, 49, 49, 51, 42, 45],
    "Andel besvart innen 1. minutt (%)": [81, 84, 76, 79, 84, 83, 75],
    "Andel henvendelser løst i førstelinje (%)": [69, 73, 72, 72, 68, 77, 69],
}
SEED_SUPPORT_HEADINGS = ["Juli", "Aug", "Sep", "Okt", "Nov", "Des", "Jan"]
SEED_KEY_FIGURES = {
    "Hittil i år": [
        ("Antall mottatt hittil i år", 28),
        ("Antall tilbud sendt hittil i år", 8),
        ("Antall totalt levert hittil i år", 1),
        ("Antall Ny tjeneste levert hittil i år", 0),
        ("Antall Rådgivning levert hittil i år", 1),
        ("Antall Nettverkstjenester levert hittil i år", 0),
        ("Timer brukt hittil i år", 730),
    ],
    "Samme tidsperiode i fjor": [
        ("Antall mottatt samme tid i fjor", 13),
        ("Antall tilbud sendt samme tid i fjor", 23),
        ("Antall totalt levert samme tid i fjor", 19),
        ("Antall Ny tjeneste levert samme tid i fjor", 2),
        ("Antall Rådgivning levert samme tid i fjor", 1),
        ("Antall Nettverkstjenester levert samme tid i fjor", 16),
        ("Timer brukt samme tid i fjor", 757),
    ],
    "Totaler i fjor": [
        ("Antall mottatt totalt i fjor", 166),
        ("Antall tilbud sendt totalt i fjor", 108),
        ("Antall totalt levert i fjor", 114),
        ("Antall Ny tjeneste levert totalt i fjor", 49),
        ("Antall Rådgivning levert totalt i fjor", 20),
        ("Antall Nettverkstjenester levert totalt i fjor", 45),
        ("Timer brukt totalt i fjor", 7618),
    ],
}
# The seed leaves a readiness cell blank when a month had no event of that level.
SEED_INCIDENTS = {
    "Antall registrerte feil og hendelser": [440, 667, 827, 1029, 974, 853, 1066],
    "Beredskap Grønn": [1, 1, 0, 0, 0, 0, 1],
    "Beredskap Gul": [0, 0, 0, 1, 0, 0, 1],
    "Beredskap Rød": [0, 0, 0, 0, 0, 0, 0],
    "Antall oppdateringer": [156, 239, 300, 336, 406, 234, 332],
}


def _blocks(section, kind):
    return [b for b in section["blocks"] if b["type"] == kind]


def _rows(table):
    return {row["cells"][0]: row["cells"][1:] for row in table["rows"]}


def _text(section):
    parts = []
    for block in section["blocks"]:
        if block["type"] == "paragraph":
            parts.append("".join(run["text"] for run in block["runs"]))
        elif block["type"] == "bullets":
            parts += ["".join(run["text"] for run in item) for item in block["items"]]
        elif block["type"] in ("note", "heading"):
            parts.append(block["text"])
    return "\n".join(parts)


def test_the_section_matches_every_number_of_the_seed(portfolio_demo, section):
    services = section(portfolio_demo)
    assert services["title"] == "Tjenester/produksjon"
    support, incidents = _blocks(services, "table")
    assert support["title"] == "Henvendelser til brukerstøtte 2023/2024"
    assert [c["key"] for c in support["columns"][1:-1]] == MONTHS
    assert [c["label"] for c in support["columns"][1:-1]] == SEED_SUPPORT_HEADINGS
    assert {label: cells[:-1] for label, cells in _rows(support).items()} == SEED_SUPPORT
    assert [cells[-1] for cells in _rows(support).values()] == [None, None, 70, 70]

    trends, key_figures = _blocks(services, "key_figures")
    assert trends["title"] == "Januar 2024 mot måneden før"  # the month's trends come first
    assert [(f["key"], f["value"], f["previous"], f["trend"], f["verdict"]) for f in trends["figures"]] == [
        ("services.contacts", 12044, 8416, "up", "neutral"),
        ("services.answered_share", 75, 83, "down", "bad"),
        ("services.first_line_share", 69, 77, "down", "bad"),
        ("services.incidents", 1066, 853, "up", "bad"),
    ]
    assert key_figures["title"] == "Nøkkeltall for leveranser i Nye tjenester"
    assert key_figures["groups"] == list(SEED_KEY_FIGURES)
    expected = [pair for group in SEED_KEY_FIGURES.values() for pair in group]
    assert [(f["label"], f["value"]) for f in key_figures["figures"]] == expected

    assert incidents["title"] == "Feil og hendelser"
    assert [c["key"] for c in incidents["columns"][1:]] == MONTHS
    assert [(g["label"], g["span"]) for g in incidents["groups"]] == [
        ("", 1),
        ("2023", 6),
        ("2024", 1),
    ]
    assert _rows(incidents) == SEED_INCIDENTS


def test_the_section_says_what_the_seed_says(portfolio_demo, section):
    text = _text(section(portfolio_demo))
    for line in (
        "Nedenfor gjengis noen nøkkeltall for tjenesteleveransene i Helse Nord IKT.",
        "Brukerstøtte",
        "Nye tjenester (Felles innboks)",
        "Saksmengde pr. 31. januar 2024 er oppsummert som følger:",
        "Antall bestillinger ligger over nivået for samme tidspunkt i 2023 (28/13)",
        "Antall leverte løsningsdesign og tilbud er under nivå for samme tidspunkt i 2023 (8/23)",
        "Antall totale leveranser er lavere enn antall leverte på samme tidspunkt i 2023 (1/19)",
        "Timepådrag er på nivå med samme tidspunkt i 2023 (730/757)",
        "I desember 2023 var det en phishing-kampanje",
        "Det registreres en økende andel feil.",
        "Beredskapshendelsene ble håndtert i tråd med våre beredskapsrutiner.",
        "Det var 2 beredskapshendelser i januar 2024: treghet i DIPS Arena (grønn beredskap) og "
        "generell treghet i systemet (gul beredskap).",
        # the months below a target are named, so every renderer marks them
        f"Under målet om 70{NBSP}% løst i førstelinje: juli 2023, november 2023 og januar 2024.",
        f"Ingen måneder var under målet om 70{NBSP}% besvart innen ett minutt.",
        # up or down from last month, targets met or missed
        f"I januar 2024 hadde brukerstøtte 12{NBSP}044 henvendelser, 3{NBSP}628 flere enn i desember 2023.",
        f"75{NBSP}% ble besvart innen ett minutt, og målet på 70{NBSP}% er nådd.",
        f"69{NBSP}% ble løst i førstelinje, under målet på 70{NBSP}%.",
        f"I januar 2024 ble det registrert 1{NBSP}066 feil og hendelser, 213 flere enn i desember 2023.",
        "Det ble gjennomført 332 oppdateringer, 98 flere enn i desember 2023.",
    ):
        assert line in text


def test_the_chart_shows_the_three_shares_against_the_target(portfolio_demo, section):
    (figure,) = _blocks(section(portfolio_demo), "figure")
    assert figure["value_kind"] == "percent" and figure["target"] == 70
    assert figure["categories"] == SEED_SUPPORT_HEADINGS
    assert [s["values"] for s in figure["series"]] == list(SEED_SUPPORT.values())[1:]


def test_english_report_has_the_same_numbers_and_english_labels(portfolio_demo, section):
    english = section(portfolio_demo, lang="en")
    assert english["title"] == "Services and operations"
    support, incidents = _blocks(english, "table")
    assert support["title"] == "Contacts to the support desk 2023/2024"
    assert list(_rows(support)) == [
        "Total number of contacts",
        "Share of contacts by phone (%)",
        "Share answered within one minute (%)",
        "Share resolved at the first line (%)",
    ]
    assert [cells[:-1] for cells in _rows(support).values()] == list(SEED_SUPPORT.values())
    assert [cells for cells in _rows(incidents).values()] == list(SEED_INCIDENTS.values())
    _trends, key_figures = _blocks(english, "key_figures")
    assert key_figures["groups"] == [
        "So far this year",
        "Same period last year",
        "Last year in total",
    ]
    assert [f["value"] for f in key_figures["figures"]] == [
        value for group in SEED_KEY_FIGURES.values() for _, value in group
    ]
    text = _text(english)
    assert "The number of orders is above the level at the same time in 2023 (28/13)" in text
    assert "Hours spent are at the level of the same time in 2023 (730/757)" in text
    assert (
        "There were 2 emergency readiness events in January 2024: treghet i DIPS Arena "
        "(green readiness) and generell treghet i systemet (yellow readiness)." in text
    )
    assert "In January 2024 the support desk had 12,044 contacts, 3,628 more than in December 2023." in text
    assert "Below the target of 70% resolved at the first line: July 2023, November 2023 and January 2024." in text


def test_every_renderer_shows_the_section(portfolio_demo):
    markdown = ok(portfolio_demo("report", "build", "--period", "2024-01", "--format", "md")).output
    assert "## 2. Tjenester/produksjon" in markdown
    assert "| Timer brukt hittil i år **730** |" in markdown
    assert f"Timer brukt totalt i fjor **7{NBSP}618**" in markdown
    assert "| Totalt antall henvendelser | 5" in markdown
    html = ok(portfolio_demo("report", "build", "--period", "2024-01", "--format", "html")).output
    assert "Henvendelser til brukerstøtte 2023/2024" in html and "<svg" in html
    terminal = ok(portfolio_demo("report", "build", "--period", "2024-01", "--lang", "en")).output
    assert "Key figures for deliveries in New services" in terminal


def test_loading_the_demo_twice_changes_nothing(portfolio_demo, section):
    first = section(portfolio_demo)
    counts = ok(portfolio_demo("service", "show", "orders", "--period", "2024-01", "--format", "json"))
    result = ok(portfolio_demo("demo"))
    assert "already, unchanged; nothing was written" in result.output
    assert section(portfolio_demo) == first
    again = ok(portfolio_demo("service", "show", "orders", "--period", "2024-01", "--format", "json"))
    assert json.loads(again.output) == json.loads(counts.output)
    events = ok(portfolio_demo("service", "show", "readiness", "--period", "2024-01", "--format", "json"))
    assert len(json.loads(events.output)) == 5
