"""Every label the section prints is in both catalogs, with the same placeholders, and no catalog
holds labels nothing uses."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

PACKAGE = Path(__file__).resolve().parent.parent / "portfolio_finance"
LANGUAGES = ("nb", "en")


def used_ids() -> set[str]:
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(PACKAGE), method_map=[("**.py", "python")], keywords={"t": None}
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


def catalog(lang: str) -> dict[str, str]:
    with (PACKAGE / "locales" / f"{lang}.po").open("rb") as handle:
        return {str(m.id): str(m.string) for m in read_po(handle) if m.id}


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_the_extractor_finds_the_sections_labels():
    used = used_ids()
    assert "Income statement {year}" in used
    assert "Revenue as of {month} is in total NOK {amount} million lower than budgeted." in used
    assert len(used) > 40


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_label_is_translated(lang):
    messages = catalog(lang)
    missing = sorted(msgid for msgid in used_ids() if not messages.get(msgid))
    assert missing == [], f"{lang}.po lacks {missing}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_stale_labels(lang):
    stale = sorted(set(catalog(lang)) - used_ids())
    assert stale == [], f"{lang}.po has labels nothing uses: {stale}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_placeholders_survive_translation(lang):
    for msgid, msgstr in catalog(lang).items():
        assert fields(msgid) == fields(msgstr), msgid


def test_bokmal_uses_the_seeds_terms():
    nb = catalog("nb")
    assert nb["Income statement {year}"] == "Resultatrapport {year}"
    assert nb["{month}, year to date"] == "{month}, hittil i år"
    assert (nb["Actual"], nb["Budget"], nb["Deviation"]) == ("Faktisk", "Budsjett", "Avvik")
    assert nb["Figures in NOK thousands"] == "Tall vises i 1000 kr"
    assert nb["All amounts in NOK thousands"] == "Alle beløp i 1000 kr"
    assert nb["Credit line"] == "Kassakreditt"
