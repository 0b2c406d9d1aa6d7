"""Section 6, "Avviksmeldinger i DocMap": open deviations on the first of each month.

The table has one column per date (the window ending the day after the period, after any extra
earlier dates), a row per handler group when an own organisation is configured, and the total; a
chart of the same; a note saying which figures are entered snapshots and which are computed from
records; the month's text; and the deviations open longest.
"""

from __future__ import annotations

import datetime as dt

from portfolio.api import (
    Block,
    Column,
    Figure,
    Heading,
    Note,
    Paragraph,
    Row,
    SectionContext,
    Series,
    Table,
    text_blocks,
)
from portfolio_deviations.config import DeviationSettings, deviation_settings
from portfolio_deviations.counting import NONE, RECORDS, SNAPSHOT, DateCount
from portfolio_deviations.figures import OpenDeviation, section_figures
from portfolio_deviations.trends import trend_block

KEY = "deviations"
ORDER = 60
TITLES = {"nb": "Avviksmeldinger i DocMap", "en": "Deviation reports in DocMap"}
SNAPSHOT_MARK = "*"


def short_date(ctx: SectionContext, day: dt.date) -> str:
    """'1. apr. 2023' or '1 Apr 2023': compact enough for eight columns."""
    from babel.dates import format_date

    pattern = "d. MMM y" if ctx.lang == "nb" else "d MMM y"
    return format_date(day, format=pattern, locale=ctx.fmt.locale)


def chart_label(ctx: SectionContext, day: dt.date) -> str:
    """'apr. 23' or 'Apr 23': the chart's title says these are the first of each month."""
    from babel.dates import format_date

    return format_date(day, format="MMM yy", locale=ctx.fmt.locale)


def build(ctx: SectionContext) -> list[Block]:
    from portfolio_deviations.counting import has_records, latest_export
    from portfolio_deviations.texts import period_text

    cfg = deviation_settings(ctx.settings)
    figures = section_figures(ctx.session, ctx.period, cfg)
    text = period_text(ctx.session, ctx.period)
    blocks: list[Block] = []
    sources = {count.source for count in figures.counts}
    if sources == {NONE}:
        blocks.append(Note(ctx.t("No deviations have been imported and no open counts entered for these dates.")))
        if text:
            blocks.extend(text_blocks(text))
        return blocks
    blocks.append(Paragraph.of(_what_is_counted(ctx, cfg)))
    mixed = SNAPSHOT in sources and len(sources) > 1
    labels = [
        short_date(ctx, c.day) + (SNAPSHOT_MARK if mixed and c.source == SNAPSHOT else "") for c in figures.counts
    ]
    total_label = ctx.t("Total")
    own = tuple(c.own for c in figures.counts)
    trusts = tuple(c.trusts for c in figures.counts)
    totals = tuple(c.total for c in figures.counts)
    columns = (
        Column("label", ""),
        *(Column(f"d{index}", label, "integer") for index, label in enumerate(labels)),
    )
    rows = [Row((total_label, *totals), bold=True)]
    series = [Series(total_label, totals)]
    if cfg.organisation is not None:  # without an own organisation nothing is split: the total alone
        own_label = ctx.t("Awaiting handling in {organisation}", organisation=cfg.organisation)
        trusts_label = ctx.t("Awaiting handling in the health trusts")
        rows[:0] = [Row((own_label, *own)), Row((trusts_label, *trusts))]
        series[:0] = [Series(cfg.organisation, own), Series(ctx.t("Health trusts"), trusts)]
    blocks.append(Table(columns=columns, rows=tuple(rows)))
    blocks.append(Note(_source_note(ctx, figures.counts, mixed, latest_export(ctx.session))))
    trends = trend_block(ctx, figures.counts, cfg.organisation)
    if trends is not None:
        blocks.append(trends)
    blocks.append(
        Figure(
            title=ctx.t("Open deviations on the first of each month"),
            categories=tuple(chart_label(ctx, c.day) for c in figures.counts),
            series=tuple(series),
            kind="line",
            value_kind="integer",
            decimals=0,
        )
    )
    if text:
        blocks.extend(text_blocks(text))
    if cfg.oldest and has_records(ctx.session):  # without records there is nothing to list
        blocks.extend(_oldest(ctx, figures.as_of, figures.oldest))
    return blocks


def _what_is_counted(ctx: SectionContext, cfg: DeviationSettings) -> str:
    """The sentence above the table: which place is counted, and which split the rows show."""
    if cfg.organisation is not None and cfg.place is not None:
        return ctx.t(
            "The table below shows the number of open deviations where the place of the "
            "event is {place}. The number includes deviations awaiting handling both in "
            "{organisation} and in the health trusts.",
            place=cfg.place,
            organisation=cfg.organisation,
        )
    if cfg.place is not None:
        return ctx.t(
            "The table below shows the number of open deviations where the place of the event is {place}.",
            place=cfg.place,
        )
    return ctx.t("The table below shows the number of open deviations, whatever the place of the event.")


def _source_note(ctx: SectionContext, counts: tuple[DateCount, ...], mixed: bool, exported: dt.date | None) -> str:
    sources = {c.source for c in counts}
    parts = []
    if mixed:
        parts.append(ctx.t("* Open count entered directly (snapshot)."))
    if RECORDS in sources:
        records = (
            ctx.t("The other figures are computed from the imported deviation records.")
            if mixed
            else ctx.t("All figures are computed from the imported deviation records.")
        )
        parts.append(records)
        if exported is not None:
            parts.append(ctx.t("Latest export: {date}.", date=ctx.fmt.date_long(exported)))
    elif sources == {SNAPSHOT}:
        parts.append(ctx.t("All figures are open counts entered directly (snapshots)."))
    if NONE in sources:
        parts.append(ctx.t("No deviation records have been imported: dates without an entered count are blank."))
    if any(c.source == SNAPSHOT and c.own is None for c in counts):
        parts.append(ctx.t("An entered count without a split by handler shows the total only."))
    return " ".join(parts)


def _oldest(ctx: SectionContext, as_of: dt.date, rows: tuple[OpenDeviation, ...]) -> list[Block]:
    heading = Heading(ctx.t("Oldest open deviations"))
    if not rows:
        return [
            heading,
            Note(ctx.t("No deviation records are open on {date}.", date=ctx.fmt.date_long(as_of))),
        ]
    table = Table(
        columns=(
            Column("id", ctx.t("ID")),
            Column("title", ctx.t("Title")),
            Column("handler", ctx.t("Handled by")),
            Column("category", ctx.t("Category")),
            Column("opened", ctx.t("Opened")),
            Column("age", ctx.t("Days open"), "integer"),
        ),
        rows=tuple(
            Row(
                (
                    row.external_id,
                    row.title,
                    row.handler,
                    row.category,
                    short_date(ctx, row.opened),
                    row.age_days,
                )
            )
            for row in rows
        ),
        title=ctx.t("Open on {date}, oldest first", date=ctx.fmt.date_long(as_of)),
    )
    return [heading, table]
