"""Small pieces every part of the section writes with: month names in running text, lists,
shares, and whether a figure is above, below or on a level with another."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from portfolio.api import Period, SectionContext


def month_text(ctx: SectionContext, period: Period) -> str:
    """'januar 2024' inside a Norwegian sentence, 'January 2024' in English."""
    name = ctx.fmt.month_name(period)
    return name[:1].lower() + name[1:] if ctx.lang == "nb" else name


def month_label(ctx: SectionContext, period: Period) -> str:
    """The short column heading, as in the seed: 'Juli', 'Aug', 'Jan'."""
    return ctx.fmt.month_name(period, with_year=False, abbreviated=True)


def join(ctx: SectionContext, items: Sequence[str]) -> str:
    """'a, b and c' / 'a, b og c'."""
    if len(items) <= 1:
        return "".join(items)
    return ctx.t("{items} and {last}", items=", ".join(items[:-1]), last=items[-1])


def decimals_of(values: Sequence[Decimal | int | None]) -> int:
    """The fewest decimals (0-2) that show every value exactly: 69.5 must not print as 70."""
    needed = 0
    for value in values:
        if value is None:
            continue
        exponent = Decimal(value).normalize().as_tuple().exponent
        if isinstance(exponent, int) and exponent < 0:
            needed = max(needed, min(-exponent, 2))
    return needed


def share_text(ctx: SectionContext, value: Decimal | int) -> str:
    return ctx.fmt.percent(value, decimals_of([value]))


def raw(value: Decimal | int | None) -> Decimal | int | None:
    """A stored number as a table cell: whole numbers as int, others as they are."""
    if value is None or isinstance(value, int):
        return value
    return int(value) if value == value.to_integral_value() else value.normalize()


def level(now: Decimal | int, then: Decimal | int, tolerance: Decimal) -> str:
    """'above', 'below' or 'level': within ``tolerance`` percent of ``then`` counts as level."""
    if then == 0:
        return "level" if now == 0 else "above"
    change = (Decimal(now) - Decimal(then)) * 100 / Decimal(then)
    if abs(change) <= tolerance:
        return "level"
    return "above" if change > 0 else "below"


def year_groups(periods: Sequence[Period]) -> list[tuple[int, int]]:
    """(year, number of months) for consecutive months of the same year."""
    groups: list[tuple[int, int]] = []
    for period in periods:
        if groups and groups[-1][0] == period.year:
            groups[-1] = (period.year, groups[-1][1] + 1)
        else:
            groups.append((period.year, 1))
    return groups
