"""The AML part of the section: breaches per type over the last months, with a bold total."""

from __future__ import annotations

from portfolio.api import Block, Column, Heading, Note, Paragraph, Period, Row, SectionContext, Table
from portfolio_hr import aml
from portfolio_hr.config import HrConfig
from portfolio_hr.months import trailing_months
from portfolio_hr.wording import lead_into, month_word, periods_list, short_month


def aml_blocks(ctx: SectionContext, config: HrConfig, text: str | None) -> list[Block]:
    t = ctx.t
    window = trailing_months(ctx.period, config.aml_months)
    recorded = aml.counts(ctx.session, window)
    start, end = month_word(ctx, window[0]), month_word(ctx, window[-1])
    blocks: list[Block] = [Heading(t("AML breaches"))]
    if not recorded:
        blocks.append(Note(t("AML breaches have not been entered for {start}–{end}.", start=start, end=end)))
        return blocks + lead_into([], text)
    blocks.append(
        Paragraph.of(
            t(
                "The table below shows the number of AML breaches in the period {start}–{end}.",
                start=start,
                end=end,
            )
        )
    )
    blocks.append(aml_table(ctx, config, window, recorded))
    missing = [p for p in window if p not in recorded]
    if missing:
        blocks.append(
            Note(
                t(
                    "AML breaches have not been entered for {months}.",
                    months=periods_list(ctx, missing),
                )
            )
        )
    sentence = _change_sentence(ctx, recorded)
    return blocks + lead_into([sentence] if sentence else [], text)


def aml_table(
    ctx: SectionContext,
    config: HrConfig,
    window: list[Period],
    recorded: dict[Period, dict[str, int]],
) -> Table:
    """One row per breach type, one column per month; a month without records stays empty."""
    t = ctx.t
    keys = aml.type_order((k.key for k in config.breach_types), recorded.values())
    rows = []
    for key in keys:
        cells: list[int | None] = []
        for period in window:
            if period not in recorded:
                cells.append(None)
                continue
            count = recorded[period].get(key, 0)
            cells.append(None if count == 0 and config.blank_zero_cells else count)
        rows.append(Row((config.breach_label(key, ctx.lang), *cells)))
    totals = tuple(sum(recorded[p].values()) if p in recorded else None for p in window)
    rows.append(Row((t("Total"), *totals), bold=True))
    columns = (
        Column("type", t("Breach type")),
        *(Column(str(p), t("Breaches {month}", month=short_month(ctx, p)), kind="integer") for p in window),
    )
    return Table(columns=columns, rows=tuple(rows))


def _change_sentence(ctx: SectionContext, recorded: dict[Period, dict[str, int]]) -> str | None:
    """This month's total against the month before, when both are recorded."""
    period = ctx.period
    if period not in recorded:
        return None
    count = sum(recorded[period].values())
    month = month_word(ctx, period)
    previous = period.previous()
    if previous not in recorded:
        return ctx.t.n(
            "In {month} there was {count} AML breach.",
            "In {month} there were {count} AML breaches.",
            count,
            month=month,
            count=ctx.fmt.number(count),
        )
    before = sum(recorded[previous].values())
    values = {
        "month": month,
        "count": ctx.fmt.number(count),
        "difference": ctx.fmt.number(abs(count - before)),
        "previous": month_word(ctx, previous),
    }
    if count > before:
        return ctx.t.n(
            "In {month} there was {count} AML breach, {difference} more than in {previous}.",
            "In {month} there were {count} AML breaches, {difference} more than in {previous}.",
            count,
            **values,
        )
    if count < before:
        return ctx.t.n(
            "In {month} there was {count} AML breach, {difference} fewer than in {previous}.",
            "In {month} there were {count} AML breaches, {difference} fewer than in {previous}.",
            count,
            **values,
        )
    return ctx.t.n(
        "In {month} there was {count} AML breach, as many as in {previous}.",
        "In {month} there were {count} AML breaches, as many as in {previous}.",
        count,
        **values,
    )
