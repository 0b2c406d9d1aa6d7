"""The demo's finance section reproduces the seed's three finance tables figure by figure, and its
sentences, in bokmål and English."""

from __future__ import annotations

import json
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from portfolio.testing import ok

SEED_FILE = Path(__file__).with_name("seed_finance_tables.txt")


def seed_tables() -> dict[str, str]:
    """The seed's tables by name, from the verbatim copy beside this file."""
    tables: dict[str, list[str]] = {}
    current = ""
    for line in SEED_FILE.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            tables[current] = []
        else:
            tables[current].append(line)
    return {name: "\n".join(lines) + "\n" for name, lines in tables.items()}


SEED = seed_tables()
SEED_RESULT, SEED_INVESTMENTS, SEED_LIQUIDITY = (
    SEED["result"],
    SEED["investments"],
    SEED["liquidity"],
)


def seed_rows(text: str) -> list[tuple[str, bool, list[str]]]:
    """(label, bold, printed numbers) per row of a seed table."""
    rows = []
    for line in text.splitlines():
        cells = line.split("\t")
        bold = cells[0].startswith("<b>")
        plain = [re.sub(r"</?b>", "", cell).strip() for cell in cells]
        rows.append((plain[0], bold, plain[1:]))
    return rows


def half_up(value: float | int) -> int:
    return int(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def finance_section(run, lang: str = "nb") -> dict:
    report = json.loads(ok(run("report", "build", "--period", "2024-01", "--format", "json", "--lang", lang)).stdout)
    (section,) = [s for s in report["sections"] if s["key"] == "finance"]
    return section


def tables(section: dict) -> list[dict]:
    return [b for b in section["blocks"] if b["type"] == "table"]


def markdown_rows(markdown: str, first_label: str) -> list[list[str]]:
    """The rows of the Markdown table that starts with ``first_label``, cells without markup."""
    lines = markdown.splitlines()
    start = next(
        i
        for i, line in enumerate(lines)
        if line.startswith(f"| **{first_label}**") or line.startswith(f"| {first_label} |")
    )
    rows = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        cells = [c.strip().replace("**", "").replace("\u00a0", " ") for c in line.strip("|").split("|")]
        rows.append(cells)
    return rows


def test_section_is_second_and_titled(portfolio_demo):
    report = json.loads(ok(portfolio_demo("report", "build", "--period", "2024-01", "--format", "json")).stdout)
    keys = [s["key"] for s in report["sections"]]
    assert keys.index("finance") == keys.index("assessment") + 1
    section = finance_section(portfolio_demo)
    assert section["title"] == "Økonomi" and section["plugin"] == "finance"
    assert finance_section(portfolio_demo, "en")["title"] == "Finance"


def test_income_statement_values_round_to_every_printed_seed_figure(portfolio_demo):
    table = tables(finance_section(portfolio_demo))[0]
    expected = seed_rows(SEED_RESULT)
    assert len(table["rows"]) == len(expected)
    for row, (label, bold, printed) in zip(table["rows"], expected, strict=True):
        assert row["cells"][0] == label
        assert row["bold"] == bold, label
        values = [half_up(v) for v in row["cells"][1:]]
        assert values == [int(p.replace(" ", "")) for p in printed], label


def test_income_statement_prints_exactly_as_the_seed(portfolio_demo):
    markdown = ok(portfolio_demo("report", "build", "--period", "2024-01", "--format", "md")).stdout
    rendered = markdown_rows(markdown, "Driftsinntekter")
    expected = seed_rows(SEED_RESULT)
    assert [[label, *printed] for label, _bold, printed in expected] == rendered


def test_income_statement_layout_matches_the_seed(portfolio_demo):
    table = tables(finance_section(portfolio_demo))[0]
    assert table["title"] == "Resultatrapport 2024"
    assert [(g["label"], g["span"]) for g in table["groups"]] == [
        ("", 1),
        ("Januar 2024", 3),
        ("Januar 2024, hittil i år", 3),
        ("Budsjett", 1),
    ]
    assert [c["label"] for c in table["columns"]] == [
        "",
        "Faktisk",
        "Budsjett",
        "Avvik",
        "Faktisk",
        "Budsjett",
        "Avvik",
        "",
    ]
    assert table["unit_note"] == "Tall vises i 1000 kr"
    english = tables(finance_section(portfolio_demo, "en"))[0]
    assert english["title"] == "Income statement 2024"
    assert [g["label"] for g in english["groups"]] == [
        "",
        "January 2024",
        "January 2024, year to date",
        "Budget",
    ]
    assert english["unit_note"] == "Figures in NOK thousands"
    assert english["rows"][6]["cells"][0] == "- Capitalised project salaries"


def test_project_and_investment_budget_as_the_seed(portfolio_demo):
    table = tables(finance_section(portfolio_demo))[1]
    assert table["title"] == "Prosjekt- og investeringsbudsjett 2024"
    assert [c["label"] for c in table["columns"]] == [
        "",
        "Årsbudsjett Vedtatte og finansierte prosjekter",
        "Regnskap per januar",
    ]
    assert table["unit_note"] == "Alle beløp i 1000 kr"
    for row, (label, bold, printed) in zip(table["rows"], seed_rows(SEED_INVESTMENTS), strict=True):
        assert (row["cells"][0], row["bold"]) == (label, bold)
        assert [half_up(v) for v in row["cells"][1:]] == [int(p.replace(" ", "")) for p in printed]
    markdown = ok(portfolio_demo("report", "build", "--period", "2024-01", "--format", "md")).stdout
    rendered = markdown_rows(markdown, "Prosjektinvesteringer HN IKT (aktiverbare utgifter)")
    assert rendered == [[label, *printed] for label, _b, printed in seed_rows(SEED_INVESTMENTS)]


def test_liquidity_table_as_the_seed(portfolio_demo):
    table = tables(finance_section(portfolio_demo))[2]
    assert table["title"] == "Kassakreditt"
    assert [c["label"] for c in table["columns"]] == ["", "Beløp"]
    assert table["unit_note"] == "Alle beløp i 1000 kr"
    for row, (label, _bold, printed) in zip(table["rows"], seed_rows(SEED_LIQUIDITY), strict=True):
        assert row["cells"][0] == label
        assert [half_up(v) for v in row["cells"][1:]] == [int(p.replace(" ", "")) for p in printed]
    markdown = ok(portfolio_demo("report", "build", "--period", "2024-01", "--format", "md")).stdout
    assert markdown_rows(markdown, "IB 1.1.2024") == [
        [label, *printed] for label, _b, printed in seed_rows(SEED_LIQUIDITY)
    ]


def _text(section: dict) -> str:
    parts = []
    for block in section["blocks"]:
        if block["type"] == "paragraph":
            parts.append("".join(run["text"] for run in block["runs"]))
        elif block["type"] == "heading":
            parts.append(f"## {block['text']}")
        elif block["type"] == "bullets":
            parts += ["- " + "".join(run["text"] for run in item) for item in block["items"]]
    return "\n".join(parts)


BOKMAL_SENTENCES = [
    "## Resultat januar",
    "Tabellen under viser budsjett og resultat for januar.",
    "Resultat for januar viser et positivt budsjettavvik på 0,8 mill. kr.",
    "## Inntekter",
    "Inntektene pr. januar er samlet sett 4,4 mill. kr lavere enn budsjettert.",
    "## Kostnader",
    "Kostnadene pr. januar er samlet sett 5,5 mill. kr lavere enn budsjettert.",
    "Antallet stillinger/månedsverk FTE pr. januar er 473. "
    "Dette er en økning på 3 siden årsskiftet. "
    "Tallet inkluderer 44 ansatte",
    "## Oppsummert",
    "## Prosjekt- og investeringsbudsjett",
    "## Likviditet",
    "Tabellen viser saldo kassekreditt pr. 1.1.2024 og 31.1.2024 samt bevegelser i perioden. "
    "Trekket på kassekreditten er økt med 113,4 mill. kr i 2024. "
    "Kassakredittrammen er på 640 mill. kr. "
    "Ubrukt kassekreditt er på ca. 220 mill. kr pr. 31.1.2024.",
]
ENGLISH_SENTENCES = [
    "## Result January",
    "The table below shows the budget and the result for January.",
    "The result for January shows a positive budget deviation of NOK 0.8 million.",
    "## Revenue",
    "Revenue as of January is in total NOK 4.4 million lower than budgeted.",
    "## Costs",
    "Costs as of January are in total NOK 5.5 million lower than budgeted.",
    "The number of positions (FTE) as of January is 473. This is an increase of 3 since the turn of the year.",
    "## Summary",
    "## Project and investment budget",
    "## Liquidity",
    "The table shows the balance of the credit line at 1 Jan 2024 and 31 Jan 2024 "
    "and the movements in the period. "
    "The amount drawn on the credit line has increased by NOK 113.4 million in 2024. The credit "
    "limit is NOK 640 million. The unused credit is about NOK 220 million at 31 Jan 2024.",
]


@pytest.mark.parametrize(("lang", "sentences"), [("nb", BOKMAL_SENTENCES), ("en", ENGLISH_SENTENCES)])
def test_generated_sentences_in_order(portfolio_demo, lang, sentences):
    text = _text(finance_section(portfolio_demo, lang))
    position = 0
    for sentence in sentences:
        found = text.find(sentence, position)
        assert found >= 0, f"missing or out of order: {sentence!r}\n\n{text}"
        position = found + len(sentence)


def test_free_text_of_the_seed_in_its_places(portfolio_demo):
    text = _text(finance_section(portfolio_demo))
    in_order = [
        "Inntektene pr. januar",
        "SLA-inntekter (drift og forvaltning) er 1,4 mill. kr. under budsjett.",
        "Personalkostnadene ligger pr. januar 2,2 mill. kr. under budsjett. Det positive avviket skyldes:",
        "- Fast og variabel lønn, inkludert sosiale kostnader: +1,6 mill. kr.",
        "- Refusjoner: +0,3 mill. kr.",
        "- Annet: +0,3 mill. kr. (herunder kurs, seminarer og velferdstiltak)",
        "Antallet stillinger/månedsverk FTE",
        "Posten lisenser, service og support har mindreforbruk",
        "Postene finanskostnadene (renter) og linjeleie har et merforbruk",
        "Resultatet viser et mindre overskudd pr. januar.",
        "Tabellen viser utgifter knyttet til vedtatte prosjekter i 2024",
        "I tillegg kommer planlagte oppkjøp",
        "Tabellen viser saldo kassekreditt",
        "Helse Nord IKT fikk tilført 300 mill. kr.",
        "Likviditetssituasjonen er tilfredsstillende.",
    ]
    position = 0
    for piece in in_order:
        found = text.find(piece, position)
        assert found >= 0, f"missing or out of order: {piece!r}"
        position = found


def test_demo_twice_changes_nothing(portfolio_demo):
    before = ok(portfolio_demo("report", "build", "--period", "2024-01", "--format", "json")).stdout
    ok(portfolio_demo("demo"))
    assert ok(portfolio_demo("report", "build", "--period", "2024-01", "--format", "json")).stdout == before
    listing = json.loads(ok(portfolio_demo("finance", "show", "--period", "2024-01", "--format", "json")).stdout)
    assert len(listing) == 16


def test_demo_month_passes_the_checks(portfolio_demo):
    result = portfolio_demo("check", "--period", "2024-01", "--format", "json")
    findings = [f for f in json.loads(result.stdout) if f["plugin"] == "finance"]
    # Only the demo's deliberate example of evidence against a rating: TP2 green, 18 % over budget.
    assert [(f["severity"], f["code"], f["message"].split()[0]) for f in findings] == [
        ("warning", "finance-overspend", "TP2")
    ]
