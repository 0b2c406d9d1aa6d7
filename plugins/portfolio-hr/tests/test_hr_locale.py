"""Every label the section prints is in both of the plugin's catalogs, and nothing else is."""

from __future__ import annotations

from pathlib import Path

from portfolio.testing import LANGUAGES, catalog_ids, read_catalog

PACKAGE = Path(__file__).resolve().parents[1] / "portfolio_hr"
LOCALES = PACKAGE / "locales"


def _used() -> set[str]:
    return catalog_ids(PACKAGE)


def test_every_label_is_in_both_catalogs() -> None:
    used = _used()
    assert {"Sick leave", "AML breaches", "Breaches {month}"} <= used
    for lang in LANGUAGES:
        missing = sorted(used - set(read_catalog(LOCALES / f"{lang}.po")))
        assert missing == [], f"{lang}.po lacks {missing}"


def test_catalogs_hold_no_stale_labels() -> None:
    used = _used()
    for lang in LANGUAGES:
        stale = sorted(set(read_catalog(LOCALES / f"{lang}.po")) - used)
        assert stale == [], f"{lang}.po has labels nothing uses: {stale}"


def test_translations_keep_their_placeholders() -> None:
    import re

    nb = read_catalog(LOCALES / "nb.po")
    for msgid, text in nb.items():
        assert set(re.findall(r"{\w+}", msgid)) == set(re.findall(r"{\w+}", text)), msgid
