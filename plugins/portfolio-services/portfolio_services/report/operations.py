"""Operations: incidents, readiness events by level and changes per month, sentences about the
report month that name its readiness events, then the free text."""

from __future__ import annotations

from collections.abc import Sequence

from portfolio.api import (
    Block,
    Column,
    ColumnGroup,
    Heading,
    Note,
    Paragraph,
    Period,
    Row,
    SectionContext,
    Table,
    text_blocks,
)
from portfolio_services.choices import LEVELS
from portfolio_services.config import ServicesConfig
from portfolio_services.models import OperationsMonth
from portfolio_services.months import months_by_period, window
from portfolio_services.readiness import EventView, counts_by_month, events_between
from portfolio_services.report.words import join, month_label, month_text, year_groups


def operations_blocks(ctx: SectionContext, config: ServicesConfig, text: str | None) -> list[Block]:
    months = window(ctx.period, config.months)
    rows = months_by_period(ctx.session, OperationsMonth, months)
    events = events_between(ctx.session, months[0], months[-1])
    blocks: list[Block] = [Heading(ctx.t("Key figures for operations"))]
    if not rows and not events:
        blocks.append(Note(ctx.t("No incident figures have been recorded for these months.")))
    else:
        blocks.append(operations_table(ctx, months, rows, events))
        sentences = []
        if ctx.period in rows:
            sentences += month_sentences(ctx, rows[ctx.period], rows.get(ctx.period.previous()))
        sentences.append(readiness_sentence(ctx, [e for e in events if Period.of(e.day) == ctx.period]))
        blocks.append(Paragraph.of(" ".join(sentences)))
    if text:
        blocks += text_blocks(text)
    return blocks


def operations_table(
    ctx: SectionContext,
    months: Sequence[Period],
    rows: dict[Period, OperationsMonth],
    events: Sequence[EventView],
) -> Table:
    """The seed's layout: the year over its months, one row per figure."""
    counts = counts_by_month(events)

    def readiness(level: str) -> list[int | None]:
        """A month with neither incident figures nor events is blank, not a count of 0."""
        return [counts[p][level] if p in counts else 0 if p in rows else None for p in months]

    labels = {
        "green": ctx.t("Readiness green"),
        "yellow": ctx.t("Readiness yellow"),
        "red": ctx.t("Readiness red"),
    }
    return Table(
        columns=(
            Column("figure", ""),
            *(Column(str(p), month_label(ctx, p), "integer") for p in months),
        ),
        rows=(
            Row(
                (
                    ctx.t("Registered incidents and events"),
                    *(rows[p].incidents if p in rows else None for p in months),
                )
            ),
            *(Row((labels[level], *readiness(level))) for level in LEVELS),
            Row(
                (
                    ctx.t("Number of changes"),
                    *(rows[p].changes if p in rows else None for p in months),
                )
            ),
        ),
        title=ctx.t("Incidents and events"),
        groups=(
            ColumnGroup("", 1),
            *(ColumnGroup(str(year), span) for year, span in year_groups(months)),
        ),
    )


def month_sentences(ctx: SectionContext, current: OperationsMonth, previous: OperationsMonth | None) -> list[str]:
    """Incidents and changes in the report month, up or down from the month before."""
    values = {
        "month": month_text(ctx, ctx.period),
        "previous": month_text(ctx, ctx.period.previous()),
        "incidents": ctx.fmt.number(current.incidents),
        "changes": ctx.fmt.number(current.changes),
    }
    if previous is None:
        return [
            ctx.t("In {month} {incidents} incidents and events were registered.", **values),
            ctx.t("There were {changes} changes.", **values),
        ]
    difference = current.incidents - previous.incidents
    values["difference"] = ctx.fmt.number(abs(difference))
    if difference > 0:
        first = ctx.t(
            "In {month} {incidents} incidents and events were registered, {difference} more than in {previous}.",
            **values,
        )
    elif difference < 0:
        first = ctx.t(
            "In {month} {incidents} incidents and events were registered, {difference} fewer than in {previous}.",
            **values,
        )
    else:
        first = ctx.t(
            "In {month} {incidents} incidents and events were registered, as many as in {previous}.",
            **values,
        )
    difference = current.changes - previous.changes
    values["difference"] = ctx.fmt.number(abs(difference))
    if difference > 0:
        second = ctx.t("There were {changes} changes, {difference} more than in {previous}.", **values)
    elif difference < 0:
        second = ctx.t("There were {changes} changes, {difference} fewer than in {previous}.", **values)
    else:
        second = ctx.t("There were {changes} changes, as many as in {previous}.", **values)
    return [first, second]


def readiness_sentence(ctx: SectionContext, events: Sequence[EventView]) -> str:
    """How many readiness events the month had, each named with its level."""
    month = month_text(ctx, ctx.period)
    if not events:
        return ctx.t("There were no emergency readiness events in {month}.", month=month)
    named = join(ctx, [_event(ctx, event) for event in events])
    if len(events) == 1:
        return ctx.t(
            "There was one emergency readiness event in {month}: {events}.",
            month=month,
            events=named,
        )
    return ctx.t(
        "There were {count} emergency readiness events in {month}: {events}.",
        count=ctx.fmt.number(len(events)),
        month=month,
        events=named,
    )


def _event(ctx: SectionContext, event: EventView) -> str:
    if event.level == "red":
        return ctx.t("{description} (red readiness)", description=event.description)
    if event.level == "yellow":
        return ctx.t("{description} (yellow readiness)", description=event.description)
    return ctx.t("{description} (green readiness)", description=event.description)
