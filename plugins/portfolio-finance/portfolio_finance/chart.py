"""The chart of lines: which revenue and cost lines the income statement has, and how its
subtotals and results are formed. The default is a small generic public-sector income statement
(``DEFAULT_LINES``); ``[plugins.finance]`` defines the organisation's own (the demo stores the
reference report's, ``demo_data.DEMO_LINES``).

A *line* holds entered figures (kind ``revenue``, ``cost`` or ``financial``); a *total* (kind
``subtotal`` or ``result``) is computed from the entries named in ``of``, where a leading ``-``
subtracts. The kind also decides the sign of the deviation, so that positive is favourable:
revenue, financial items and results actual - budget, costs budget - actual.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

LINE_KINDS = ("revenue", "cost", "financial")
TOTAL_KINDS = ("subtotal", "result")
KINDS = LINE_KINDS + TOTAL_KINDS
KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,31}$")


class ChartError(ValueError):
    """A chart of lines in the configuration that cannot be used; the message names the entry."""


@dataclass(frozen=True)
class Term:
    """One member of a total: an entry's key, added (+1) or subtracted (-1)."""

    sign: int
    key: str


@dataclass(frozen=True)
class Entry:
    """One row of the income statement."""

    key: str
    nb: str
    en: str
    kind: str
    of: tuple[Term, ...] = ()
    bold: bool = False

    @property
    def is_total(self) -> bool:
        return self.kind in TOTAL_KINDS

    def label(self, lang: str) -> str:
        return self.nb if lang == "nb" else self.en


@dataclass(frozen=True)
class Chart:
    """The entries in the order the table shows them, with each entry's deviation sense."""

    entries: tuple[Entry, ...]
    senses: Mapping[str, int]  # +1: actual - budget is favourable; -1: budget - actual

    def get(self, key: str) -> Entry | None:
        return self._by_key.get(key)

    @cached_property
    def _by_key(self) -> dict[str, Entry]:
        return {entry.key: entry for entry in self.entries}

    @cached_property
    def _by_name(self) -> dict[str, Entry]:
        """Each entry by its key and its labels (case-folded), the first in the chart's order
        winning: an import looks up every row, and a chart may have hundreds of lines."""
        found: dict[str, Entry] = {}
        for entry in self.entries:
            for name in (entry.key, entry.nb.casefold(), entry.en.casefold()):
                found.setdefault(name, entry)
        return found

    @property
    def keys(self) -> list[str]:
        return [entry.key for entry in self.entries]

    @property
    def lines(self) -> list[Entry]:
        return [entry for entry in self.entries if not entry.is_total]

    @cached_property
    def _by_label(self) -> dict[str, set[str]]:
        """Each label as lenient matching writes it (``label_key``) -> the entries it could be."""
        from portfolio.api import label_key

        found: dict[str, set[str]] = {}
        for entry in self.entries:
            for name in (entry.nb, entry.en):
                found.setdefault(label_key(name), set()).add(entry.key)
        return found

    def find(self, text: str) -> Entry | None:
        """An entry by its key or by its label in either language (as an export names it).

        Else leniently: case, spacing and a leading dash do not count when exactly one entry
        matches ('Aktiverte lønnsutg. Prosjekter' is '- Aktiverte lønnsutg. Prosjekter').
        """
        found = self._by_name.get(text)  # a key as written: no need to normalise
        if found is None:
            found = self._by_name.get(" ".join(str(text).split()).casefold())
        if found is None:
            from portfolio.api import label_key

            keys = self._by_label.get(label_key(text), set())
            if len(keys) == 1:
                found = self._by_key[next(iter(keys))]
        return found

    def lines_of(self, key: str) -> list[str]:
        """The lines a total is built from, through nested totals."""
        entry = self.get(key)
        if entry is None or not entry.is_total:
            return [key]
        found: list[str] = []
        for term in entry.of:
            found += [k for k in self.lines_of(term.key) if k not in found]
        return found


def _entry(key: str, nb: str, en: str, kind: str, of: str = "") -> dict[str, Any]:
    item: dict[str, Any] = {"key": key, "nb": nb, "en": en, "kind": kind}
    if of:
        item["of"] = of.split()
    return item


# The default chart: a plain public-sector income statement, top to bottom. An organisation
# configures its own lines; the keys revenue, costs and result are the totals the sentences use.
DEFAULT_LINES: tuple[dict[str, Any], ...] = (
    _entry("revenue", "Driftsinntekter", "Operating revenue", "subtotal", "grants sales other_revenue"),
    _entry("grants", "Tilskudd og bevilgninger", "Grants and appropriations", "revenue"),
    _entry("sales", "Salgs- og leieinntekter", "Sales and rental income", "revenue"),
    _entry("other_revenue", "Andre driftsinntekter", "Other operating revenue", "revenue"),
    _entry("costs", "Driftskostnader", "Operating costs", "subtotal", "personnel other_costs depreciation"),
    _entry("personnel", "Lønnskostnader", "Personnel costs", "cost"),
    _entry("other_costs", "Andre driftskostnader", "Other operating costs", "cost"),
    _entry("depreciation", "Avskrivninger", "Depreciation", "cost"),
    _entry("operating_result", "Driftsresultat", "Operating result", "result", "revenue -costs"),
    _entry("financial", "Finansposter", "Financial items", "financial"),
    _entry("result", "Resultat", "Net result", "result", "operating_result financial"),
)


def build_chart(items: Sequence[Any], where: str = "lines") -> Chart:
    """A chart from configuration tables; every mistake is named with the entry it is in."""
    if not isinstance(items, Sequence) or isinstance(items, str) or not items:
        raise ChartError(f"{where} must be a non-empty list of tables")
    entries = [_parse_entry(item, number, where) for number, item in enumerate(items, start=1)]
    keys = [entry.key for entry in entries]
    duplicates = sorted(key for key, count in Counter(keys).items() if count > 1)
    if duplicates:
        raise ChartError(f"{where}: key '{duplicates[0]}' is used more than once")
    by_key = {entry.key: entry for entry in entries}
    for entry in entries:
        for term in entry.of:
            if term.key not in by_key:
                raise ChartError(f"{where}: '{entry.key}' is made of '{term.key}', which is not in the chart")
    for entry in entries:
        _no_cycle(entry.key, by_key, (), where)
    senses: dict[str, int] = {}
    for entry in entries:
        _sense(entry.key, by_key, senses, where)
    return Chart(tuple(entries), senses)


def _no_cycle(key: str, by_key: Mapping[str, Entry], path: tuple[str, ...], where: str) -> None:
    if key in path:
        cycle = " -> ".join((*path[path.index(key) :], key))
        raise ChartError(f"{where}: totals refer to each other in a circle: {cycle}")
    for term in by_key[key].of:
        _no_cycle(term.key, by_key, (*path, key), where)


def _parse_entry(item: Any, number: int, where: str) -> Entry:
    if not isinstance(item, Mapping):
        raise ChartError(f"{where}: entry {number} must be a table with key, nb, en and kind")
    allowed = {"key", "nb", "en", "kind", "of", "bold"}
    unknown = sorted(set(item) - allowed)
    if unknown:
        raise ChartError(
            f"{where}: entry {number} has unknown field '{unknown[0]}'; allowed: {', '.join(sorted(allowed))}"
        )
    missing = [name for name in ("key", "nb", "en", "kind") if not item.get(name)]
    if missing:
        raise ChartError(f"{where}: entry {number} lacks '{missing[0]}'")
    key = str(item["key"])
    if not KEY_PATTERN.match(key):
        raise ChartError(f"{where}: key '{key}' must be lower-case letters, digits and _ (at most 32)")
    kind = str(item["kind"])
    if kind not in KINDS:
        raise ChartError(f"{where}: '{key}' has kind '{kind}'; allowed: {', '.join(KINDS)}")
    raw_of = item.get("of", [])
    if isinstance(raw_of, str):
        raw_of = raw_of.split()
    if not isinstance(raw_of, Sequence) or not all(isinstance(t, str) for t in raw_of):
        raise ChartError(f"{where}: '{key}': of must be a list of keys")
    terms = tuple(
        Term(-1, text[1:].strip()) if text.startswith("-") else Term(1, text.lstrip("+").strip()) for text in raw_of
    )
    if kind in TOTAL_KINDS and not terms:
        raise ChartError(f"{where}: '{key}' is a {kind} and needs 'of', the keys it sums")
    if kind in LINE_KINDS and terms:
        raise ChartError(f"{where}: '{key}' is a {kind} line; only subtotal and result have 'of'")
    bold = item.get("bold", kind in TOTAL_KINDS)
    if not isinstance(bold, bool):
        raise ChartError(f"{where}: '{key}': bold must be true or false")
    return Entry(key, str(item["nb"]), str(item["en"]), kind, terms, bold)


def _sense(key: str, by_key: Mapping[str, Entry], senses: dict[str, int], where: str) -> int:
    """+1 when actual - budget is favourable, -1 for costs; a subtotal takes its lines' sense."""
    if key in senses:
        return senses[key]
    entry = by_key[key]
    if entry.kind == "cost":
        sense = -1
    elif entry.kind == "subtotal":
        member = {_sense(t.key, by_key, senses, where) for t in entry.of}
        if len(member) > 1:
            raise ChartError(
                f"{where}: subtotal '{key}' mixes revenue and cost lines; make it a result (deviation actual - budget)"
            )
        sense = member.pop()
    else:
        sense = 1
    senses[key] = sense
    return sense


DEFAULT_CHART = build_chart(DEFAULT_LINES)


# --------------------------------------------------------- project and investment budget


@dataclass(frozen=True)
class Item:
    """A row of the project and investment budget; a sum when ``of`` names other items."""

    key: str
    nb: str
    en: str
    of: tuple[str, ...] = ()
    bold: bool = False

    def label(self, lang: str) -> str:
        return self.nb if lang == "nb" else self.en


# The default rows of the project and investment budget, without any organisation's name.
DEFAULT_ITEMS: tuple[dict[str, Any], ...] = (
    {
        "key": "project_investments",
        "nb": "Prosjektinvesteringer (aktiverbare utgifter)",
        "en": "Project investments (capitalisable spend)",
    },
    {
        "key": "project_costs",
        "nb": "Prosjektkostnader (ikke-aktiverbare utgifter)",
        "en": "Project costs (non-capitalisable spend)",
    },
    {
        "key": "projects_total",
        "nb": "Sum prosjekter",
        "en": "Total projects",
        "of": ["project_investments", "project_costs"],
    },
    {
        "key": "operating_investments",
        "nb": "Ordinære driftsinvesteringer",
        "en": "Ordinary operating investments",
    },
)


def build_items(items: Sequence[Any], where: str = "investments") -> tuple[Item, ...]:
    """Investment rows from configuration; sums and rows outside any sum are bold (as the reference
    report prints them)."""
    if not isinstance(items, Sequence) or isinstance(items, str) or not items:
        raise ChartError(f"{where} must be a non-empty list of tables")
    parsed: list[tuple[str, str, str, tuple[str, ...], Any]] = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, Mapping):
            raise ChartError(f"{where}: entry {number} must be a table with key, nb and en")
        allowed = {"key", "nb", "en", "of", "bold"}
        unknown = sorted(set(item) - allowed)
        if unknown:
            raise ChartError(
                f"{where}: entry {number} has unknown field '{unknown[0]}'; allowed: {', '.join(sorted(allowed))}"
            )
        missing = [name for name in ("key", "nb", "en") if not item.get(name)]
        if missing:
            raise ChartError(f"{where}: entry {number} lacks '{missing[0]}'")
        key = str(item["key"])
        if not KEY_PATTERN.match(key):
            raise ChartError(f"{where}: key '{key}' must be lower-case letters, digits and _ (at most 32)")
        of = item.get("of", [])
        if isinstance(of, str):
            of = of.split()
        parsed.append((key, str(item["nb"]), str(item["en"]), tuple(of), item.get("bold")))
    keys = [p[0] for p in parsed]
    duplicates = sorted(key for key, count in Counter(keys).items() if count > 1)
    if duplicates:
        raise ChartError(f"{where}: key '{duplicates[0]}' is used more than once")
    sums = {p[0] for p in parsed if p[3]}
    members = {member for p in parsed for member in p[3]}
    for key, _nb, _en, of, _bold in parsed:
        for member in of:
            if member not in keys:
                raise ChartError(f"{where}: '{key}' sums '{member}', which is not an item")
            if member in sums:
                raise ChartError(f"{where}: '{key}' sums '{member}', which is itself a sum")
    result = []
    for key, nb, en, of, bold in parsed:
        if bold is None:
            bold = bool(of) or key not in members
        if not isinstance(bold, bool):
            raise ChartError(f"{where}: '{key}': bold must be true or false")
        result.append(Item(key, nb, en, of, bold))
    return tuple(result)


DEFAULT_INVESTMENT_ITEMS = build_items(DEFAULT_ITEMS)
