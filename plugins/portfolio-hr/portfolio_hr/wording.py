"""Words the section builds from data: month names in running text, spans, target comparisons."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from portfolio.api import Block, Paragraph, Period, Run, SectionContext, text_blocks
from portfolio_hr.months import runs

AVERAGE_DECIMALS = 2  # the seed's "6,05%"


def month_word(ctx: SectionContext, period: Period, *, with_year: bool = True) -> str:
    """'januar 2024' in a Norwegian sentence, 'January 2024' in an English one."""
    name = ctx.fmt.month_name(period, with_year=with_year)
    return name[:1].lower() + name[1:] if ctx.lang == "nb" else name


def short_month(ctx: SectionContext, period: Period) -> str:
    """'Okt 2023' as a column heading (Babel's 'okt.' without the point)."""
    return f"{ctx.fmt.month_name(period, with_year=False, abbreviated=True)} {period.year}"


def span(ctx: SectionContext, months: list[Period]) -> str:
    """'2023' for a whole calendar year, else 'januar–mai 2024'."""
    first, last = months[0], months[-1]
    if first.month == 1 and last.month == 12 and first.year == last.year:
        return str(first.year)
    if first == last:
        return month_word(ctx, first)
    if first.year == last.year:
        return f"{month_word(ctx, first, with_year=False)}–{month_word(ctx, last)}"
    return f"{month_word(ctx, first)}–{month_word(ctx, last)}"


def month_list(ctx: SectionContext, months: list[Period]) -> str:
    """Months of one year as ranges in a list: 'januar–mars og september–desember'."""
    from babel.lists import format_list

    parts = [
        month_word(ctx, first, with_year=False)
        if first == last
        else f"{month_word(ctx, first, with_year=False)}–{month_word(ctx, last, with_year=False)}"
        for first, last in runs(months)
    ]
    return format_list(parts, locale=ctx.fmt.locale)


def periods_list(ctx: SectionContext, months: list[Period]) -> str:
    """Months with their years, listed: 'mars 2024 og mai 2024'."""
    from babel.lists import format_list

    return format_list([month_word(ctx, p) for p in months], locale=ctx.fmt.locale)


def places(value: Decimal) -> int:
    """How many decimals a value needs: 5 -> 0, 2.5 -> 1, 6.05 -> 2."""
    exponent = Decimal(value).normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def rounded(value: Decimal) -> Decimal:
    """An average as the report prints it, so the words agree with the figure shown."""
    return value.quantize(Decimal(1).scaleb(-AVERAGE_DECIMALS), rounding=ROUND_HALF_UP)


def side(value: Decimal, target: Decimal) -> str:
    """'above', 'below' or 'at' the target."""
    if value > target:
        return "above"
    if value < target:
        return "below"
    return "at"


def target_phrase(ctx: SectionContext, value: Decimal, target: Decimal) -> str:
    """'over måltallet på 5 %' / 'above the target of 5%'."""
    shown = ctx.fmt.percent(target, places(target))
    return {
        "above": ctx.t("above the target of {target}", target=shown),
        "below": ctx.t("below the target of {target}", target=shown),
        "at": ctx.t("at the target of {target}", target=shown),
    }[side(value, target)]


def months_sentence(ctx: SectionContext, values: dict[Period, Decimal], target: Decimal) -> str:
    """Which months were within the target (at or below it) and which above."""
    within = [p for p, v in values.items() if v <= target]
    above = [p for p, v in values.items() if v > target]
    if not above:
        return ctx.t("It was within the target in every month.")
    if not within:
        return ctx.t("It was above the target in every month.")
    return ctx.t(
        "It was within the target in {months} and above it in {others}.",
        months=month_list(ctx, within),
        others=month_list(ctx, above),
    )


def lead_into(sentences: list[str], text: str | None) -> list[Block]:
    """Generated sentences opening the person's first paragraph, as the seed writes them."""
    lead = " ".join(s for s in sentences if s)
    blocks = text_blocks(text) if text else []
    if not lead:
        return blocks
    if blocks and isinstance(blocks[0], Paragraph):
        return [Paragraph((*Paragraph.of(lead).runs, Run(" "), *blocks[0].runs)), *blocks[1:]]
    return [Paragraph.of(lead), *blocks]
