"""The support desk: the window of months as a table, the months below target, a chart of the
shares, and sentences about the report month."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from portfolio.api import (
    Block,
    Column,
    Figure,
    Heading,
    Note,
    Paragraph,
    Period,
    Row,
    SectionContext,
    Series,
    Table,
    text_blocks,
)
from portfolio_services.config import ServicesConfig
from portfolio_services.models import SupportMonth
from portfolio_services.months import months_by_period, window
from portfolio_services.report.words import (
    decimals_of,
    join,
    month_label,
    month_text,
    raw,
    share_text,
)


def support_blocks(ctx: SectionContext, config: ServicesConfig, text: str | None) -> list[Block]:
    months = window(ctx.period, config.months)
    rows = months_by_period(ctx.session, SupportMonth, months)
    blocks: list[Block] = [Heading(ctx.t("Support desk"))]
    if not rows:
        blocks.append(Note(ctx.t("No support-desk figures have been recorded for these months.")))
    else:
        blocks.append(support_table(ctx, config, months, rows))
        if config.targets():
            blocks.append(Note(below_target_note(ctx, config, months, rows)))
        blocks.append(shares_figure(ctx, config, months, rows))
        current = rows.get(ctx.period)
        if current is not None:
            blocks.append(Paragraph.of(month_sentences(ctx, config, current, rows)))
    if text:
        blocks += text_blocks(text)
    return blocks


def _series(
    rows: dict[Period, SupportMonth], months: Sequence[Period], attribute: str
) -> tuple[Decimal | int | None, ...]:
    """One figure for each month of the window; a month without figures is None."""
    return tuple(raw(getattr(rows[p], attribute)) if p in rows else None for p in months)


def _years(months: Sequence[Period]) -> str:
    return "/".join(str(year) for year in sorted({p.year for p in months}))


def support_table(
    ctx: SectionContext,
    config: ServicesConfig,
    months: Sequence[Period],
    rows: dict[Period, SupportMonth],
) -> Table:
    """The seed's layout: one column per month, one row per figure, and the targets at the end
    (when any is set)."""
    contacts, phone, answered, first_line = (
        _series(rows, months, attribute)
        for attribute in ("contacts", "phone_share", "answered_share", "first_line_share")
    )
    targets = [config.answered_target, config.first_line_target]
    with_targets = any(target is not None for target in targets)
    decimals = decimals_of([*phone, *answered, *first_line, *(t for t in targets if t is not None)])
    columns = (
        Column("figure", ""),
        *(Column(str(p), month_label(ctx, p), "decimal", decimals) for p in months),
        *((Column("target", ctx.t("Target (%)"), "decimal", decimals),) if with_targets else ()),
    )
    cells = [
        (ctx.t("Total number of contacts"), contacts, None),
        (ctx.t("Share of contacts by phone (%)"), phone, None),
        (ctx.t("Share answered within one minute (%)"), answered, targets[0]),
        (ctx.t("Share resolved at the first line (%)"), first_line, targets[1]),
    ]
    return Table(
        columns=columns,
        rows=tuple(
            Row((label, *values, *((raw(target) if target is not None else None,) if with_targets else ())))
            for label, values, target in cells
        ),
        title=ctx.t("Contacts to the support desk {years}", years=_years(months)),
    )


def below_target_note(
    ctx: SectionContext,
    config: ServicesConfig,
    months: Sequence[Period],
    rows: dict[Period, SupportMonth],
) -> str:
    """Names the months below each target that is set, so every renderer marks them."""
    answered = [p for p in months if p in rows and "answered" in config.missed(rows[p])]
    first_line = [p for p in months if p in rows and "first-line" in config.missed(rows[p])]
    parts = []
    if config.answered_target is not None:
        target = share_text(ctx, config.answered_target)
        if answered:
            names = join(ctx, [month_text(ctx, p) for p in answered])
            parts.append(
                ctx.t(
                    "Below the target of {target} answered within one minute: {months}.",
                    target=target,
                    months=names,
                )
            )
        else:
            parts.append(
                ctx.t(
                    "No month was below the target of {target} answered within one minute.",
                    target=target,
                )
            )
    if config.first_line_target is None:
        return " ".join(parts)
    target = share_text(ctx, config.first_line_target)
    if first_line:
        names = join(ctx, [month_text(ctx, p) for p in first_line])
        parts.append(
            ctx.t(
                "Below the target of {target} resolved at the first line: {months}.",
                target=target,
                months=names,
            )
        )
    else:
        parts.append(
            ctx.t(
                "No month was below the target of {target} resolved at the first line.",
                target=target,
            )
        )
    return " ".join(parts)


def shares_figure(
    ctx: SectionContext,
    config: ServicesConfig,
    months: Sequence[Period],
    rows: dict[Period, SupportMonth],
) -> Figure:
    same_target = config.answered_target is not None and config.answered_target == config.first_line_target
    return Figure(
        title=ctx.t("Support desk: shares per month"),
        categories=tuple(month_label(ctx, p) for p in months),
        series=(
            Series(ctx.t("Phone share"), _series(rows, months, "phone_share")),
            Series(ctx.t("Answered within one minute"), _series(rows, months, "answered_share")),
            Series(ctx.t("Resolved at the first line"), _series(rows, months, "first_line_share")),
        ),
        kind="line",
        value_kind="percent",
        decimals=0,
        target=raw(config.answered_target) if same_target else None,
        target_label=ctx.t("Target") if same_target else None,
    )


def month_sentences(
    ctx: SectionContext,
    config: ServicesConfig,
    current: SupportMonth,
    rows: dict[Period, SupportMonth],
) -> str:
    """The report month against the month before and against the targets."""
    month = month_text(ctx, ctx.period)
    previous_period = ctx.period.previous()
    previous = rows.get(previous_period)
    contacts = ctx.fmt.number(current.contacts)
    if previous is None:
        first = ctx.t("In {month} the support desk had {contacts} contacts.", month=month, contacts=contacts)
    else:
        difference = current.contacts - previous.contacts
        values = {
            "month": month,
            "contacts": contacts,
            "difference": ctx.fmt.number(abs(difference)),
            "previous": month_text(ctx, previous_period),
        }
        if difference > 0:
            first = ctx.t(
                "In {month} the support desk had {contacts} contacts, {difference} more than in {previous}.",
                **values,
            )
        elif difference < 0:
            first = ctx.t(
                "In {month} the support desk had {contacts} contacts, {difference} fewer than in {previous}.",
                **values,
            )
        else:
            first = ctx.t(
                "In {month} the support desk had {contacts} contacts, as many as in {previous}.",
                **values,
            )
    return " ".join([first, _answered_sentence(ctx, config, current), _first_line_sentence(ctx, config, current)])


def _answered_sentence(ctx: SectionContext, config: ServicesConfig, current: SupportMonth) -> str:
    share = share_text(ctx, current.answered_share)
    if config.answered_target is None:
        return ctx.t("{share} were answered within one minute.", share=share)
    target = share_text(ctx, config.answered_target)
    if current.answered_share >= config.answered_target:
        return ctx.t(
            "{share} were answered within one minute, meeting the target of {target}.",
            share=share,
            target=target,
        )
    return ctx.t(
        "{share} were answered within one minute, below the target of {target}.",
        share=share,
        target=target,
    )


def _first_line_sentence(ctx: SectionContext, config: ServicesConfig, current: SupportMonth) -> str:
    share = share_text(ctx, current.first_line_share)
    if config.first_line_target is None:
        return ctx.t("{share} were resolved at the first line.", share=share)
    target = share_text(ctx, config.first_line_target)
    if current.first_line_share >= config.first_line_target:
        return ctx.t(
            "{share} were resolved at the first line, meeting the target of {target}.",
            share=share,
            target=target,
        )
    return ctx.t(
        "{share} were resolved at the first line, below the target of {target}.",
        share=share,
        target=target,
    )
