"""The chart of accounts mapped to the lines of the income statement, for ledger imports.

``[plugins.finance] accounts`` maps each line of the chart to the accounts it sums, as account
numbers and ranges (``personnel = ["5000-5999"]``); ``accounts_other`` names a line for every
account no line claims (without it such an account is an error); ``accounts_ignored`` lists
accounts a ledger import skips (the balance sheet, say). Without ``accounts`` the default is
``NS4102``, the Norwegian standard chart of accounts (NS 4102) mapped to the default chart of
lines: a default to adapt, documented in docs/sections/finance.md.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from portfolio_finance.chart import Chart

# NS 4102, class by class, mapped to the default chart's lines (chart.DEFAULT_LINES). Classes 1
# and 2 are the balance sheet and are not read; 82xx-89xx (extraordinary items, tax, closing
# entries) are claimed by no line, so a ledger that has them is refused until they are mapped.
NS4102: dict[str, list[str]] = {
    "sales": ["3000-3399", "3600-3699"],  # sales (with and without VAT), rental income
    "grants": ["3400-3499"],  # public grants and refunds
    "other_revenue": ["3500-3599", "3700-3999"],  # other operating revenue, gains on disposals
    "other_costs": ["4000-4999", "6100-7999"],  # goods and services bought, other operating costs
    "personnel": ["5000-5999"],  # salaries, social security, pensions
    "depreciation": ["6000-6099"],  # depreciation and write-downs
    "financial": ["8000-8199"],  # financial income and costs
}
NS4102_IGNORED = ["1000-2999"]
SIGNS = ("credit-negative", "as-is")
_RANGE = re.compile(r"^\s*(\d+)\s*(?:[-\u2013]\s*(\d+)\s*)?$")


class AccountError(ValueError):
    """An account mapping that cannot be used; the message names the key."""


@dataclass(frozen=True)
class AccountMap:
    """Accounts to lines: sorted, non-overlapping ranges, each claimed by one line."""

    lows: tuple[int, ...]
    ranges: tuple[tuple[int, int, str], ...]  # (first, last, line key), by first
    other: str | None = None
    ignored: tuple[tuple[int, int], ...] = ()
    default: bool = False  # the NS 4102 default, not configured
    _cache: dict[int, str | None] = field(default_factory=dict, compare=False, repr=False)

    IGNORED = ""  # what ``line_of`` gives for an ignored account

    def line_of(self, account: int) -> str | None:
        """The line that claims ``account``; ``IGNORED`` for an ignored one; None when none does."""
        cache = self._cache
        if account in cache:
            return cache[account]
        found: str | None = None
        place = bisect.bisect_right(self.lows, account) - 1
        if place >= 0 and self.ranges[place][0] <= account <= self.ranges[place][1]:
            found = self.ranges[place][2]
        elif any(low <= account <= high for low, high in self.ignored):
            found = self.IGNORED
        elif self.other is not None:
            found = self.other
        cache[account] = found
        return found

    def accounts_of(self, line: str) -> str:
        """The ranges a line claims, as written in configuration ('5000-5999, 6000')."""
        return ", ".join(f"{a}-{b}" if a != b else str(a) for a, b, key in self.ranges if key == line)


def parse_ranges(value: object, where: str) -> list[tuple[int, int]]:
    """'5000-5999', '3400' or 3400, alone or in a list."""
    items = value if isinstance(value, list) else [value]
    ranges = []
    for item in items:
        if isinstance(item, bool):
            raise AccountError(f"{where}: {item!r} is not an account or a range")
        if isinstance(item, int):
            ranges.append((item, item))
            continue
        match = _RANGE.match(str(item))
        if not match:
            raise AccountError(f"{where}: '{item}' is not an account or a range; write e.g. 5000 or \"5000-5999\"")
        low = int(match[1])
        high = int(match[2]) if match[2] else low
        if high < low:
            raise AccountError(f"{where}: '{item}' runs backwards; write the lower account first")
        ranges.append((low, high))
    return ranges


def build_account_map(
    table: Mapping[str, Any],
    chart: Chart,
    *,
    other: str | None = None,
    ignored: Sequence[Any] = (),
    where: str = "[plugins.finance] accounts",
    default: bool = False,
) -> AccountMap:
    """The mapping from ``line = [accounts]``; a line not in the chart, a total, or an account
    two lines claim is refused naming the key."""
    if not isinstance(table, Mapping) or not table:
        raise AccountError(f'{where} must be a table of line = accounts, e.g. personnel = ["5000-5999"]')
    ranges: list[tuple[int, int, str]] = []
    for key, value in table.items():
        entry = chart.get(str(key))
        if entry is None:
            raise AccountError(f"{where}.{key}: '{key}' is not a line of the chart; lines: {', '.join(_lines(chart))}")
        if entry.is_total:
            raise AccountError(f"{where}.{key}: '{key}' is a {entry.kind}, computed from its lines; map the lines")
        ranges += [(low, high, str(key)) for low, high in parse_ranges(value, f"{where}.{key}")]
    ranges.sort()
    for (_low, high, key), (next_low, _next_high, next_key) in itertools.pairwise(ranges):
        if next_low <= high:
            raise AccountError(f"{where}: account {next_low} is claimed by both '{key}' and '{next_key}'")
    if other is not None:
        entry = chart.get(other)
        if entry is None or entry.is_total:
            lines = ", ".join(_lines(chart))
            raise AccountError(
                f"[plugins.finance] accounts_other: '{other}' is not a line of the chart; lines: {lines}"
            )
    skipped = parse_ranges(list(ignored), "[plugins.finance] accounts_ignored") if ignored else []
    return AccountMap(tuple(r[0] for r in ranges), tuple(ranges), other, tuple(skipped), default)


def _lines(chart: Chart) -> list[str]:
    return [entry.key for entry in chart.lines]


def default_account_map(chart: Chart) -> AccountMap:
    """NS 4102 mapped to the default chart; refused, with what to do, when the chart differs."""
    missing = [key for key in NS4102 if chart.get(key) is None or chart.get(key).is_total]  # type: ignore[union-attr]
    if missing:
        raise AccountError(
            f"no account mapping: the default (NS 4102) maps to the default chart's line '{missing[0]}', "
            "which your chart lacks; map your lines to accounts in [plugins.finance] accounts "
            "(docs/sections/finance.md)"
        )
    return build_account_map(NS4102, chart, ignored=NS4102_IGNORED, where="the NS 4102 default", default=True)
