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
    """The seed's layout: one column per month, one row per figure, and the targets at the end."""
    contacts, phone, answered, first_line = (
        _series(rows, months, attribute)
        for attribute in ("contacts", "phone_share", "answered_share", "first_line_share")
    )
    targets = [config.answered_target, config.first_line_target]
    decimals = decimals_of([*phone, *answered, *first_line, *targets])
    columns = (
        Column("figure", ""),
        *(Column(str(p), month_label(ctx, p), "decimal", decimals) for p in months),
        Column("target", ctx.t("Target (%)"), "decimal", decimals),
    )
    return Table(
        columns=columns,
        rows=(
            Row((ctx.t("Total number of contacts"), *contacts, None)),
            Row((ctx.t("Share of contacts by phone (%)"), *phone, None)),
            Row((ctx.t("Share answered within one minute (%)"), *answered, raw(targets[0]))),
            Row((ctx.t("Share resolved at the first line (%)"), *first_line, raw(targets[1]))),
        ),
        title=ctx.t("Contacts to the support desk {years}", years=_years(months)),
    )


def below_target_note(
    ctx: SectionContext,
    config: ServicesConfig,
    months: Sequence[Period],
    rows: dict[Period, SupportMonth],
) -> str:
    """Names the months below each target, so every renderer marks them."""
    answered = [p for p in months if p in rows and "answered" in config.missed(rows[p])]
    first_line = [p for p in months if p in rows and "first-line" in config.missed(rows[p])]
    target = share_text(ctx, config.answered_target)
    if answered:
        names = join(ctx, [month_text(ctx, p) for p in answered])
        parts = [
            ctx.t(
                "Below the target of {target} answered within one minute: {months}.",
                target=target,
                months=names,
            )
        ]
    else:
        parts = [
            ctx.t(
                "No month was below the target of {target} answered within one minute.",
                target=target,
            )
        ]
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
    same_target = config.answered_target == config.first_line_target
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
    share = share_text(ctx, current.answered_share)
    target = share_text(ctx, config.answered_target)
    if current.answered_share >= config.answered_target:
        second = ctx.t(
            "{share} were answered within one minute, meeting the target of {target}.",
            share=share,
            target=target,
        )
    else:
        second = ctx.t(
            "{share} were answered within one minute, below the target of {target}.",
            share=share,
            target=target,
        )
    share = share_text(ctx, current.first_line_share)
    target = share_text(ctx, config.first_line_target)
    if current.first_line_share >= config.first_line_target:
        third = ctx.t(
            "{share} were resolved at the first line, meeting the target of {target}.",
            share=share,
            target=target,
        )
    else:
        third = ctx.t(
            "{share} were resolved at the first line, below the target of {target}.",
            share=share,
            target=target,
        )
    return f"{first} {second} {third}"
