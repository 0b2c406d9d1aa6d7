"""Report labels through gettext message catalogs (.po files), read with Babel at run time.

Message ids are English; each language has a catalog ``<lang>.po`` in a locales folder. The
core's folder is ``portfolio/locales``; plugins add theirs through ``portfolio_locales``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from portfolio.cache import cache_key, file_stamp, read_cached, write_cached

CORE_LOCALES = Path(__file__).resolve().parent.parent / "locales"
LANGUAGES = ("nb", "en")


@lru_cache(maxsize=64)
def read_catalog(path: Path) -> dict[str, str]:
    """msgid -> msgstr of one .po file; entries without a translation are left out.

    Parsed with Babel once per version of the file, then read from a small cache: parsing
    every catalog on every report costs more than building the core's section.
    """
    name = f"catalogs/{cache_key([file_stamp(path)])}.json"
    cached = read_cached(name)
    if cached is not None:
        try:
            return json.loads(cached)
        except ValueError:
            pass
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        catalog = read_po(handle)
    messages = {str(m.id): str(m.string) for m in catalog if m.id and m.string}
    write_cached(name, json.dumps(messages, ensure_ascii=False))
    return messages


class Translator:
    """Looks a label up in the core's and the plugins' catalogs for one language."""

    def __init__(self, lang: str, folders: Iterable[Path] = ()):
        if lang not in LANGUAGES:
            raise ValueError(f"language '{lang}' is not one of {', '.join(LANGUAGES)}")
        self.lang = lang
        self.messages: dict[str, str] = {}
        for folder in [CORE_LOCALES, *folders]:
            path = Path(folder) / f"{lang}.po"
            if path.is_file():
                self.messages.update(read_catalog(path))

    def __call__(self, msgid: str, **values: object) -> str:
        """The translation of ``msgid`` (the id itself when missing), with {placeholders} filled."""
        text = self.messages.get(msgid, msgid)
        return text.format(**values) if values else text

    def has(self, msgid: str) -> bool:
        return msgid in self.messages
