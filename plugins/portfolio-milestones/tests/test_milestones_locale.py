"""Every label the section prints is in both of the plugin's catalogs, and nothing else is."""

from __future__ import annotations

import re
from pathlib import Path

from portfolio.testing import LANGUAGES, catalog_ids, read_catalog

PACKAGE = Path(__file__).resolve().parents[1] / "portfolio_milestones"
LOCALES = PACKAGE / "locales"


def _used() -> set[str]:
    return catalog_ids(PACKAGE)


def test_every_label_is_in_both_catalogs() -> None:
    used = _used()
    assert {"Milestone trend analysis", "Slip since baseline", "Since last month"} <= used
    for lang in LANGUAGES:
        missing = sorted(used - set(read_catalog(LOCALES / f"{lang}.po")))
        assert missing == [], f"{lang}.po lacks {missing}"


def test_catalogs_hold_no_stale_labels() -> None:
    used = _used()
    for lang in LANGUAGES:
        stale = sorted(set(read_catalog(LOCALES / f"{lang}.po")) - used)
        assert stale == [], f"{lang}.po has labels nothing uses: {stale}"


def test_translations_keep_their_placeholders() -> None:
    """Form by form: a plural message's singular may leave out its count ("the next month")."""
    english, nb = (read_catalog(LOCALES / f"{lang}.po") for lang in ("en", "nb"))
    for msgid, translated in nb.items():
        forms = english[msgid].split("\x00")  # read_catalog joins a plural message's forms by NUL
        assert len(forms) == len(translated.split("\x00")), msgid
        for form, theirs in zip(forms, translated.split("\x00"), strict=True):
            assert set(re.findall(r"{\w+}", form)) == set(re.findall(r"{\w+}", theirs)), msgid
