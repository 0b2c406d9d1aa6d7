"""Report labels through gettext message catalogs (.po files), read with Babel at run time.

Message ids are English; each language has a catalog ``<lang>.po`` in a locales folder. The
core's folder is ``portfolio/locales``; plugins add theirs through ``portfolio_locales``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
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
    messages: dict[str, str] = {}
    for message in catalog:
        if not message.id or not message.string:
            continue
        if isinstance(message.id, tuple | list):  # msgid_plural: keyed by the singular id
            forms = [str(form) for form in message.string]
            if all(forms):
                messages[str(message.id[0])] = PLURAL_SEPARATOR.join(forms)
        else:
            messages[str(message.id)] = str(message.string)
    write_cached(name, json.dumps(messages, ensure_ascii=False))
    return messages


PLURAL_SEPARATOR = "\x00"  # between the forms of a plural message in read_catalog's values


@lru_cache(maxsize=16)
def plural_index(lang: str) -> Callable[[int], int]:
    """Which form of a plural message a count takes in ``lang``: Babel's gettext plural rule for
    the language (``nplurals=2; plural=(n != 1)`` for bokmål and English), compiled by gettext."""
    import gettext

    name = f"plurals/{cache_key([lang, _babel_version()])}.txt"
    cached = read_cached(name)
    if cached is not None:
        try:
            return gettext.c2py(cached)
        except (ValueError, SyntaxError):  # a damaged cache file: ask Babel again
            pass
    expression = _plural_expression(lang)
    write_cached(name, expression)
    return gettext.c2py(expression)


def _plural_expression(lang: str) -> str:
    """Babel's rule for ``lang``, as gettext writes it. Kept in the user cache by
    :func:`plural_index`: ``babel.messages`` (its catalog classes, difflib) takes a report a few
    ms to import, for one line of text that changes only with Babel."""
    from babel.messages.plurals import get_plural

    return str(get_plural(lang).plural_expr)


def _babel_version() -> str:
    import babel

    return str(babel.__version__)


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

    def n(self, singular: str, plural: str, number: int, **values: object) -> str:
        """The form of a message with a count that the language's plural rule asks for, from the
        catalogs' ``msgid_plural`` entries ("1 open risk", "2 open risks"). ``{count}`` in the
        message is ``number``, unless ``count=`` gives its written form ("1 234")."""
        forms = self.messages.get(singular, "")
        if PLURAL_SEPARATOR in forms:
            choices = forms.split(PLURAL_SEPARATOR)
            text = choices[min(int(plural_index(self.lang)(abs(number))), len(choices) - 1)]
        else:
            text = singular if number == 1 else plural
        return text.format(**{"count": number, **values})

    def has(self, msgid: str) -> bool:
        return msgid in self.messages
