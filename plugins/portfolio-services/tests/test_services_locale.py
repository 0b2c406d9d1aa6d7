"""Every label the section prints is in both catalogs, and the catalogs hold nothing unused."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

PACKAGE = Path(__file__).resolve().parents[1] / "portfolio_services"
LOCALES = PACKAGE / "locales"
LANGUAGES = ("nb", "en")


def read_catalog(path: Path) -> dict[str, str]:
    with path.open("rb") as handle:
        return {str(m.id): str(m.string) for m in read_po(handle) if m.id and m.string}


def _used() -> set[str]:
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(PACKAGE), method_map=[("**.py", "python")], keywords={"t": None}
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


def test_every_label_is_in_both_catalogs():
    used = _used()
    assert "Support desk" in used and "Key figures for deliveries in New services" in used
    for lang in LANGUAGES:
        missing = sorted(used - set(read_catalog(LOCALES / f"{lang}.po")))
        assert missing == [], f"{lang}.po lacks {missing}"


def test_catalogs_hold_no_unused_labels():
    used = _used()
    for lang in LANGUAGES:
        stale = sorted(set(read_catalog(LOCALES / f"{lang}.po")) - used)
        assert stale == [], f"{lang}.po has labels nothing uses: {stale}"


def test_translations_keep_their_placeholders():
    import re

    nb = read_catalog(LOCALES / "nb.po")
    for msgid, text in nb.items():
        assert set(re.findall(r"{\w+}", msgid)) == set(re.findall(r"{\w+}", text)), msgid
