"""The demo's section against the reference report, both languages, configuration and checks."""

from __future__ import annotations

import datetime as dt
import json

from portfolio.testing import fails, ok
from portfolio_deviations import demo_data

# The reference report, section 6:
#   1. april 2023  1.aug 2023  1.sept 2023  1.okt 2023
#   1.nov. 2023  1.des. 2023  1.jan 2024  1.febr 2024
#   Total  183  211  257  181  227  215  223  252
SEED_DATES = [
    "2023-04-01",
    "2023-08-01",
    "2023-09-01",
    "2023-10-01",
    "2023-11-01",
    "2023-12-01",
    "2024-01-01",
    "2024-02-01",
]
SEED_TOTALS = [183, 211, 257, 181, 227, 215, 223, 252]
SEED_INTRO = (
    "Tabellen nedenfor viser antall åpne avvik hvor hendelsessted er Helse Nord IKT. Antallet her "
    "omfatter både avvik som avventer behandling i Helse Nord IKT og i helseforetakene."
)
SEED_TEXT = (
    "Helse Nord IKT har et høyt antall åpne avvik, og det er utfordrende å behandle disse raskt "
    "nok. Dette gjelder både internt i Helse Nord IKT og ute i helseforetakene. Det er krevende å "
    "framskaffe aggregerte data knyttet til avvikshåndtering, men det arbeides kontinuerlig med å "
    "lukke avvik som ligger til behandling i Helse Nord IKT."
)


def _text(block: dict) -> str:
    return "".join(run["text"] for run in block["runs"])


def _blocks(section: dict, kind: str) -> list[dict]:
    return [b for b in section["blocks"] if b["type"] == kind]


def test_demo_section_reproduces_the_seed(portfolio_demo, section):
    found = section(portfolio_demo)
    assert found["title"] == "Avviksmeldinger i DocMap"
    paragraphs = [_text(b) for b in _blocks(found, "paragraph")]
    assert paragraphs == [SEED_INTRO, SEED_TEXT]
    counts, oldest = _blocks(found, "table")
    assert [c["label"] for c in counts["columns"]] == [
        "",
        "1. apr. 2023*",
        "1. aug. 2023*",
        "1. sep. 2023*",
        "1. okt. 2023*",
        "1. nov. 2023",
        "1. des. 2023",
        "1. jan. 2024",
        "1. feb. 2024",
    ]
    own, trusts, total = counts["rows"]
    assert total["cells"] == ["Total", *SEED_TOTALS] and total["bold"]
    assert own["cells"][0] == "Til behandling i Helse Nord IKT"
    assert trusts["cells"][0] == "Til behandling i helseforetakene"
    for index, expected in enumerate(SEED_TOTALS, start=1):
        assert own["cells"][index] + trusts["cells"][index] == expected
    (note,) = _blocks(found, "note")
    assert note["text"].startswith("* Antall åpne avvik registrert manuelt.")
    assert "Øvrige tall er beregnet fra de importerte avviksmeldingene" in note["text"]
    assert "Siste uttrekk: 1. februar 2024." in note["text"]
    (figure,) = _blocks(found, "figure")
    assert figure["series"][2] == {"name": "Total", "values": SEED_TOTALS}
    assert figure["categories"] == [
        "apr. 23",
        "aug. 23",
        "sep. 23",
        "okt. 23",
        "nov. 23",
        "des. 23",
        "jan. 24",
        "feb. 24",
    ]
    assert [s["name"] for s in figure["series"]] == ["Helse Nord IKT", "Helseforetakene", "Total"]
    assert _blocks(found, "heading")[0]["text"] == "Eldste åpne avvik"
    assert oldest["title"] == "Åpne 1. februar 2024, eldste først"
    assert len(oldest["rows"]) == 10
    first = oldest["rows"][0]["cells"]
    assert first == [
        "DM-2021-0142",
        "Manglende logging av oppslag i eldre fagsystem",
        "Helse Nord IKT",
        "Informasjonssikkerhet",
        "15. mars 2021",
        1053,
    ]
    ages = [row["cells"][5] for row in oldest["rows"]]
    assert ages == sorted(ages, reverse=True)


def test_demo_counts_say_where_each_figure_comes_from(portfolio_demo):
    out = ok(portfolio_demo("deviation", "counts", "--period", "2024-01", "--format", "json"))
    rows = json.loads(out.stdout)
    assert [r["date"] for r in rows] == SEED_DATES
    assert [r["total"] for r in rows] == SEED_TOTALS
    assert [r["source"] for r in rows] == ["snapshot"] * 4 + ["records"] * 4


def test_the_demo_records_alone_give_the_later_figures():
    records = demo_data.demo_records()
    assert len({r.external_id for r in records}) == len(records)
    for day, split in demo_data.RECORD_TARGETS.items():
        assert demo_data.record_counts(records, day) == split
    for day, (own, trusts) in {**demo_data.SNAPSHOTS, **demo_data.RECORD_TARGETS}.items():
        assert own + trusts == demo_data.SEED_TOTALS[day]
    assert all(r.opened <= dt.date(2024, 1, 31) for r in records)
    assert all(r.closed is None or r.opened <= r.closed <= dt.date(2024, 1, 31) for r in records)
    assert any(r.place != demo_data.ORGANISATION for r in records)  # and those are not counted


def test_demo_twice_changes_nothing(portfolio_demo, section):
    before = section(portfolio_demo)
    listed = json.loads(ok(portfolio_demo("deviation", "list", "--format", "json")).stdout)
    ok(portfolio_demo("demo"))
    assert section(portfolio_demo) == before
    assert json.loads(ok(portfolio_demo("deviation", "list", "--format", "json")).stdout) == listed
    imports = json.loads(ok(portfolio_demo("deviation", "imports", "--format", "json")).stdout)
    assert len(imports) == 1 and imports[0]["created"] == len(listed)


def test_demo_section_in_english(portfolio_demo, section):
    found = section(portfolio_demo, lang="en")
    assert found["title"] == "Deviation reports in DocMap"
    intro = _text(_blocks(found, "paragraph")[0])
    assert intro.startswith("The table below shows the number of open deviations where the place")
    counts, oldest = _blocks(found, "table")
    assert counts["columns"][1]["label"] == "1 Apr 2023*"
    assert counts["columns"][8]["label"] == "1 Feb 2024"
    (figure,) = _blocks(found, "figure")
    assert figure["categories"][0] == "Apr 23"
    assert [s["name"] for s in figure["series"]] == ["Helse Nord IKT", "Health trusts", "Total"]
    assert [row["cells"][0] for row in counts["rows"]] == [
        "Awaiting handling in Helse Nord IKT",
        "Awaiting handling in the health trusts",
        "Total",
    ]
    assert counts["rows"][2]["cells"][1:] == SEED_TOTALS
    assert [c["label"] for c in oldest["columns"]] == [
        "ID",
        "Title",
        "Handled by",
        "Category",
        "Opened",
        "Days open",
    ]
    assert "Latest export: 1 February 2024." in _blocks(found, "note")[0]["text"]


def test_markdown_and_html_show_the_seed_row(portfolio_demo):
    md = ok(portfolio_demo("report", "build", "--period", "2024-01", "--format", "md")).stdout
    assert "| **Total** | **183** | **211** | **257** | **181** | **227** | **215** | **223** | **252** |" in md
    html = ok(portfolio_demo("report", "build", "--period", "2024-01", "--format", "html")).stdout
    assert "Avviksmeldinger i DocMap" in html and "<svg" in html


def test_configuration_changes_the_window_and_the_list(portfolio_demo, section, portfolio_isolated):
    (portfolio_isolated / "portfolio.toml").write_text(
        '[plugins.deviations]\norganisation = "Helse Nord IKT"\nmonths = 3\noldest = 0\n', encoding="utf-8"
    )
    found = section(portfolio_demo)
    (counts,) = _blocks(found, "table")
    assert [c["label"] for c in counts["columns"][1:]] == [
        "1. des. 2023",
        "1. jan. 2024",
        "1. feb. 2024",
    ]
    assert counts["rows"][2]["cells"][1:] == [215, 223, 252]
    assert "registrert manuelt" not in _blocks(found, "note")[0]["text"]
    assert _blocks(found, "heading") == []


def test_another_organisation_and_place(portfolio_migrated, section, portfolio_isolated):
    (portfolio_isolated / "portfolio.toml").write_text(
        '[plugins.deviations]\norganisation = "Sykehuspartner"\nplace = "Sykehuspartner HF"\n'
        "months = 1\nextra_dates = []\n",
        encoding="utf-8",
    )
    path = portfolio_isolated / "export.csv"
    path.write_text(
        "id,title,place,handler,opened,closed,category\n"
        "1,A,Sykehuspartner HF,Sykehuspartner,2024-01-10,,Drift\n"
        "2,B,Sykehuspartner HF,OUS,2024-01-11,,Drift\n"
        "3,C,Sykehuspartner HF,OUS,2024-01-12,,Drift\n"
        "4,D,Helse Nord IKT,Helse Nord IKT,2024-01-12,,Drift\n",
        encoding="utf-8",
    )
    ok(portfolio_migrated("deviation", "import", str(path), "--exported", "2024-02-01"))
    found = section(portfolio_migrated, lang="en")
    intro = _text(_blocks(found, "paragraph")[0])
    assert "place of the event is Sykehuspartner HF" in intro and "both in Sykehuspartner and" in intro
    counts, oldest = _blocks(found, "table")
    assert [row["cells"] for row in counts["rows"]] == [
        ["Awaiting handling in Sykehuspartner", 1],
        ["Awaiting handling in the health trusts", 2],
        ["Total", 3],
    ]
    assert [row["cells"][0] for row in oldest["rows"]] == ["1", "2", "3"]
    assert _blocks(found, "note")[0]["text"] == (
        "All figures are computed from the imported deviation records. Latest export: 1 February 2024."
    )


def test_snapshots_without_records_or_split(portfolio_migrated, section, portfolio_isolated):
    (portfolio_isolated / "portfolio.toml").write_text(
        '[plugins.deviations]\norganisation = "Helse Nord IKT"\nmonths = 2\n', encoding="utf-8"
    )
    ok(portfolio_migrated("deviation", "snapshot", "set", "2024-02-01", "252"))
    found = section(portfolio_migrated)
    (counts,) = _blocks(found, "table")
    assert [row["cells"][1:] for row in counts["rows"]] == [[None, None], [None, None], [None, 252]]
    note = _blocks(found, "note")[0]["text"]
    assert counts["columns"][2]["label"] == "1. feb. 2024*"
    assert note == (
        "* Antall åpne avvik registrert manuelt. Ingen avviksmeldinger er importert: datoer uten "
        "registrert antall står tomme. For registrerte antall uten fordeling på hvem som behandler "
        "avvikene, vises bare totalen."
    )
    assert _blocks(found, "heading") == []  # no records, no list of the oldest
    html = ok(portfolio_migrated("report", "build", "--period", "2024-01", "--format", "html")).stdout
    assert "<svg" in html


def test_only_snapshots(portfolio_migrated, section, portfolio_isolated):
    (portfolio_isolated / "portfolio.toml").write_text(
        '[plugins.deviations]\norganisation = "Helse Nord IKT"\nmonths = 1\n', encoding="utf-8"
    )
    ok(portfolio_migrated("deviation", "snapshot", "set", "2024-02-01", "--own", "2", "--trusts", "3"))
    found = section(portfolio_migrated, lang="en")
    (counts,) = _blocks(found, "table")
    assert counts["columns"][1]["label"] == "1 Feb 2024"
    assert [row["cells"][1] for row in counts["rows"]] == [2, 3, 5]
    assert [b["text"] for b in _blocks(found, "note")] == ["All figures are open counts entered directly (snapshots)."]


def test_no_open_deviations_on_the_date(portfolio_migrated, section, portfolio_isolated):
    (portfolio_isolated / "portfolio.toml").write_text(
        '[plugins.deviations]\norganisation = "Helse Nord IKT"\nextra_dates = ["2023-04-01"]\n', encoding="utf-8"
    )
    path = portfolio_isolated / "export.csv"
    path.write_text(
        "id,title,place,handler,opened,closed,category\n1,A,Helse Nord IKT,UNN,2023-01-10,2023-01-11,X\n",
        encoding="utf-8",
    )
    ok(portfolio_migrated("deviation", "import", str(path), "--exported", "2024-02-01"))
    found = section(portfolio_migrated)
    assert _blocks(found, "table")[0]["rows"][2]["cells"][1:] == [0] * 8
    assert _blocks(found, "note")[1]["text"] == "Ingen avviksmeldinger er åpne 1. februar 2024."


def test_an_empty_database_says_so(portfolio_migrated, section):
    found = section(portfolio_migrated, lang="en")
    assert found["blocks"] == [
        {
            "type": "note",
            "text": "No deviations have been imported and no open counts entered for these dates.",
            "items": [],
        }
    ]


def test_bad_configuration_is_named(portfolio_demo, portfolio_isolated):
    for setting, message in (
        ("months = 0", "months: '0' is not a whole number from 1 to 36"),
        ('extra_dates = ["01/04/2023"]', "extra_dates: '01/04/2023' is ambiguous"),
        ('organisation = ""', "organisation: '' is not a name"),
        ("oldest = true", "oldest: 'True' is not a whole number"),
        ('colour = "red"', "unknown key 'colour'"),
        ('columns = { Nr = "number" }', "'Nr' maps to 'number', which is not one of id, title"),
    ):
        (portfolio_isolated / "portfolio.toml").write_text(f"[plugins.deviations]\n{setting}\n", encoding="utf-8")
        out = fails(portfolio_demo("deviation", "counts", "--period", "2024-01"))
        assert message in out.output, setting
        out = fails(portfolio_demo("report", "build", "--period", "2024-01", "--strict"))
        assert "section 'deviations'" in out.output and message in out.output


def test_extra_dates_may_be_toml_dates(portfolio_demo, portfolio_isolated):
    (portfolio_isolated / "portfolio.toml").write_text(
        '[plugins.deviations]\norganisation = "Helse Nord IKT"\nmonths = 1\nextra_dates = [2023-04-01, 2023-08-01]\n',
        encoding="utf-8",
    )
    out = ok(portfolio_demo("deviation", "counts", "--period", "2024-01", "--format", "json"))
    assert [r["total"] for r in json.loads(out.stdout)] == [183, 211, 252]


def _findings(run, period: str) -> list[tuple[str, str]]:
    result = run("check", "--period", period, "--format", "json")
    rows = json.loads(result.stdout)
    return [(r["severity"], r["code"]) for r in rows if r["plugin"] == "deviations"]


def test_checks(portfolio_migrated, portfolio_demo):
    assert _findings(portfolio_demo, "2024-01") == []
    assert _findings(portfolio_demo, "2024-02") == [
        ("warning", "deviations-export-old"),
        ("info", "deviations-no-text"),
    ]


def test_checks_on_an_empty_database(portfolio_migrated):
    assert _findings(portfolio_migrated, "2024-01") == [
        ("warning", "deviations-no-data"),
        ("info", "deviations-no-text"),
    ]
    ok(portfolio_migrated("deviation", "snapshot", "set", "2024-02-01", "5"))
    assert ("info", "deviations-blank-dates") in _findings(portfolio_migrated, "2024-01")
