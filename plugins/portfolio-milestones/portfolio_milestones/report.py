"""The milestones section of the board report: the month's milestones with their slip, the
milestone trend analysis for each project with a slipped milestone, what is due in the next
months, what has missed its baseline, and the schedule ratings the milestones contradict.

The trend chart is a ``Figure`` of whole days past the baseline, one line per milestone and a
point per month reported: a rising line is a slipping milestone, a flat one holds its date. The
block carries numbers, not dates, so each line is its milestone's slip rather than its forecast
date; the table beside it gives the dates themselves.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from portfolio.api import (
    Block,
    BulletList,
    Column,
    Figure,
    Heading,
    Note,
    Paragraph,
    Period,
    Row,
    SectionContext,
    SectionSpec,
    Series,
    Table,
)

if TYPE_CHECKING:
    from portfolio_milestones.config import MilestonesConfig
    from portfolio_milestones.history import MilestoneView

KEY = "milestones"
ORDER = 70  # after the reference report's six sections, which keep their numbers
TITLES = {"nb": "Milepæler", "en": "Milestones"}


def sections() -> list[SectionSpec]:
    return [SectionSpec(key=KEY, titles=TITLES, build=build, order=ORDER)]


def short_date(ctx: SectionContext, day: dt.date | None) -> str | None:
    """'15. mar. 2024' or '15 Mar 2024'."""
    from babel.dates import format_date

    if day is None:
        return None
    pattern = "d. MMM y" if ctx.lang == "nb" else "d MMM y"
    return format_date(day, format=pattern, locale=ctx.fmt.locale)


def month_label(ctx: SectionContext, period: Period) -> str:
    """'jan. 24' or 'Jan 24': a month reported, on the chart's axis."""
    from babel.dates import format_date

    return format_date(period.first_day, format="MMM yy", locale=ctx.fmt.locale)


def build(ctx: SectionContext) -> list[Block]:
    from portfolio.api import evidence_items
    from portfolio_milestones.config import load_config
    from portfolio_milestones.evidence import slip_evidence
    from portfolio_milestones.history import milestones_as_of, shown

    config = load_config(ctx.settings)
    views = milestones_as_of(ctx.session, ctx.period)
    listed = shown(views, ctx.period)
    month = ctx.fmt.month_name(ctx.period).lower() if ctx.lang == "nb" else ctx.fmt.month_name(ctx.period)
    if not listed:
        return [Paragraph.of(ctx.t("No milestones are open or reached in {month}.", month=month))]
    blocks: list[Block] = [_summary(ctx, listed)]
    evidence = slip_evidence(ctx, views)
    if evidence:
        blocks.append(Note(ctx.t("Rated green on schedule although a milestone has slipped beyond its tolerance:")))
        blocks.append(BulletList.of(evidence_items(ctx, evidence)))
    blocks.append(_milestone_table(ctx, listed, config, month))
    charted, more = trend_projects(listed, ctx.period, config.trend_projects)
    if charted:
        blocks.append(Heading(ctx.t("Milestone trend analysis")))
        blocks.append(
            Paragraph.of(
                ctx.t(
                    "Each line is a milestone's forecast, as days past its baseline, in each month reported: "
                    "a rising line is a slipping milestone."
                )
            )
        )
        for project in charted:
            blocks.append(trend_figure(ctx, [v for v in views if v.project == project], config.trend_months))
        if more:
            blocks.append(
                Paragraph.of(
                    ctx.t.n(
                        "{count} more project has an open milestone past its baseline: {projects}.",
                        "{count} more projects have an open milestone past their baseline: {projects}.",
                        len(more),
                        count=ctx.fmt.number(len(more)),
                        projects=", ".join(more),
                    )
                )
            )
    blocks += _due(ctx, listed, config.due_months)
    blocks += _missed(ctx, listed)
    return blocks


def _summary(ctx: SectionContext, listed: list[MilestoneView]) -> Paragraph:
    period = ctx.period
    open_ones = [v for v in listed if v.is_open(period)]
    return Paragraph.of(
        ctx.t(
            "{open} open milestones in {projects} projects: {slipped} past their baseline, {missed} missed; "
            "{reached} reached this month.",
            open=ctx.fmt.number(len(open_ones)),
            projects=ctx.fmt.number(len({v.project for v in open_ones})),
            slipped=ctx.fmt.number(sum(1 for v in open_ones if (v.slip(period) or 0) > 0)),
            missed=ctx.fmt.number(sum(1 for v in open_ones if v.state(period) == "missed")),
            reached=ctx.fmt.number(len(listed) - len(open_ones)),
        )
    )


def _state(ctx: SectionContext, view: MilestoneView) -> str:
    return {"open": ctx.t("open"), "missed": ctx.t("missed"), "reached": ctx.t("reached")}[view.state(ctx.period)]


def _milestone_table(ctx: SectionContext, listed: list[MilestoneView], config: MilestonesConfig, month: str) -> Table:
    period = ctx.period
    return Table(
        columns=(
            Column("project", ctx.t("Project"), strong=True),
            Column("milestone", ctx.t("Milestone")),
            Column("baseline", ctx.t("Baseline")),
            Column("forecast", ctx.t("Forecast or reached")),
            Column("slip", ctx.t("Slip since baseline"), "integer"),
            Column("moved", ctx.t("Since last month"), "integer"),
            Column("tolerance", ctx.t("Tolerance"), "integer"),
            Column("state", ctx.t("State")),
        ),
        rows=tuple(
            Row(
                (
                    v.project,
                    v.label,
                    short_date(ctx, v.baseline),
                    short_date(ctx, v.forecast(period)),
                    v.slip(period),
                    v.slip_since_last_month(period),
                    v.tolerance_days(period, config.tolerance),
                    _state(ctx, v),
                )
            )
            for v in listed
        ),
        title=ctx.t("Milestones in {month}", month=month),
        unit_note=ctx.t("Slip and tolerance in days; a negative slip is ahead of the baseline."),
    )


def trend_projects(listed: list[MilestoneView], period: Period, most: int) -> tuple[list[str], list[str]]:
    """The projects with an open milestone past its baseline: those charted (at most ``most``, the
    largest slips, in the portfolio's order) and the others (named after the charts, in the
    portfolio's order). A board pack of a large portfolio would otherwise draw hundreds of charts.
    """
    worst: dict[str, int] = {}
    for view in listed:
        slip = view.slip(period) or 0
        if view.is_open(period) and slip > 0:
            worst[view.project] = max(slip, worst.get(view.project, 0))
    chosen = set(sorted(worst, key=lambda project: -worst[project])[:most])  # stable: ties in order
    return [p for p in worst if p in chosen], [p for p in worst if p not in chosen]


def trend_values(view: MilestoneView, months: list[Period]) -> tuple[int | None, ...]:
    """The milestone's days past its baseline as each month reported it; None before its first
    report and after the month it was reached."""
    values: list[int | None] = []
    for month in months:
        reached_before = view.reached_in(month.previous())
        if month < view.first or view.latest(month) is None or reached_before is not None:
            values.append(None)
        else:
            values.append(view.slip(month))
    return tuple(values)


def trend_months(views: list[MilestoneView], period: Period, window: int) -> list[Period]:
    """The months on the chart: from the project's first report (at most ``window`` months back) to ``period``."""
    firsts = [min(v.reports) for v in views if v.reports]
    start = max(min(firsts, default=period), period.shift(1 - window))
    return start.range_to(period)


def trend_figure(ctx: SectionContext, views: list[MilestoneView], window: int) -> Figure:
    """The milestone trend analysis of one project: a line per milestone, a point per month."""
    months = trend_months(views, ctx.period, window)
    series = [Series(v.label, trend_values(v, months)) for v in views]
    series = [s for s in series if any(value is not None for value in s.values)]
    return Figure(
        title=ctx.t("{project}: milestone slip in days past the baseline, by month reported", project=views[0].project),
        categories=tuple(month_label(ctx, m) for m in months),
        series=tuple(series),
        kind="line",
        value_kind="integer",
        decimals=0,
        x_label=ctx.t("Month reported"),
        y_label=ctx.t("Days past baseline"),
        legend=True,  # on paper the table is not beside it: even a single line says which milestone it is
    )


def _due(ctx: SectionContext, listed: list[MilestoneView], due_months: int) -> list[Block]:
    period = ctx.period
    end = period.shift(due_months).last_day
    due = sorted(
        (v for v in listed if v.is_open(period) and period.last_day < (v.forecast(period) or dt.date.min) <= end),
        key=lambda v: (v.forecast(period), v.project, v.key),
    )
    count = ctx.fmt.number(due_months)
    title = ctx.t.n("Due in the next month", "Due in the next {count} months", due_months, count=count)
    if not due:
        return [
            Paragraph.of(
                ctx.t.n(
                    "No milestones are due in the next month.",
                    "No milestones are due in the next {count} months.",
                    due_months,
                    count=count,
                )
            )
        ]
    return [
        Table(
            columns=(
                Column("project", ctx.t("Project"), strong=True),
                Column("milestone", ctx.t("Milestone")),
                Column("forecast", ctx.t("Forecast")),
                Column("slip", ctx.t("Slip since baseline"), "integer"),
            ),
            rows=tuple(Row((v.project, v.label, short_date(ctx, v.forecast(period)), v.slip(period))) for v in due),
            title=title,
        )
    ]


def _missed(ctx: SectionContext, listed: list[MilestoneView]) -> list[Block]:
    period = ctx.period
    missed = [v for v in listed if v.state(period) == "missed"]
    if not missed:
        return [Paragraph.of(ctx.t("No milestone has passed its baseline date without being reached."))]
    return [
        Table(
            columns=(
                Column("project", ctx.t("Project"), strong=True),
                Column("milestone", ctx.t("Milestone")),
                Column("baseline", ctx.t("Baseline")),
                Column("forecast", ctx.t("Forecast")),
                Column("slip", ctx.t("Slip since baseline"), "integer"),
            ),
            rows=tuple(
                Row(
                    (
                        v.project,
                        v.label,
                        short_date(ctx, v.baseline),
                        short_date(ctx, v.forecast(period)),
                        v.slip(period),
                    )
                )
                for v in sorted(missed, key=lambda v: (v.baseline, v.project, v.key))
            ),
            title=ctx.t("Missed: baseline date passed, not reached"),
        )
    ]
