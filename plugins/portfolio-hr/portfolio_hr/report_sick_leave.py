"""The sick-leave part of the section: targets (when set), the three charts, averages and
comparisons."""

from __future__ import annotations

from collections.abc import Callable
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
)
from portfolio_hr import sick_leave
from portfolio_hr.config import HrConfig
from portfolio_hr.models import PERCENT_FIELDS
from portfolio_hr.months import chart_months
from portfolio_hr.report_trends import trend_block
from portfolio_hr.wording import (
    AVERAGE_DECIMALS,
    lead_into,
    months_sentence,
    periods_list,
    places,
    rounded,
    side,
    span,
    target_phrase,
)


class SickLeaveView:
    """The months a report charts and their figures, with the averages the text quotes."""

    def __init__(self, ctx: SectionContext, config: HrConfig):
        self.ctx = ctx
        self.config = config
        self.months = chart_months(ctx.period)
        self.rows = sick_leave.months(ctx.session, self.months)
        self.span = span(ctx, self.months)

    def values(self, name: str) -> tuple[Decimal | None, ...]:
        return sick_leave.series(self.rows, self.months, name)

    def known(self, name: str) -> dict[Period, Decimal]:
        return {p: v for p, v in zip(self.months, self.values(name), strict=True) if v is not None}

    def average(self, name: str) -> Decimal | None:
        """The year's average: weighted by each month's possible working days when the rule is
        "weighted" and every month with the figure has them, else the plain mean."""
        weights = self.values("possible_days") if self.config.sick_leave_rule == "weighted" else None
        value = sick_leave.average(self.values(name), weights)
        return rounded(value) if value is not None else None

    def categories(self) -> tuple[str, ...]:
        fmt = self.ctx.fmt
        return tuple(fmt.month_name(p, with_year=False, abbreviated=True) for p in self.months)

    def decimals(self) -> int:
        """1 for the usual one-decimal figures, 2 when any month has two."""
        needed = [places(v) for row in self.rows.values() for v in _figures(row)]
        return min(max([1, *needed]), 2)


def _figures(row: object) -> list[Decimal]:
    return [v for v in (getattr(row, n) for n in PERCENT_FIELDS) if v is not None]


def sick_leave_blocks(ctx: SectionContext, config: HrConfig, texts: dict[str, str]) -> list[Block]:
    t = ctx.t
    view = SickLeaveView(ctx, config)
    blocks: list[Block] = [Heading(t("Sick leave"))]
    aim = _aim(ctx, config)
    if aim:
        blocks.append(Paragraph.of(aim))
    if not view.rows:
        blocks.append(Note(t("Sick-leave figures have not been entered for {span}.", span=view.span)))
        for part in ("sick-leave", "certification", "short-term", "long-term"):
            blocks += lead_into([], texts.get(part))
        return blocks
    missing = [p for p in view.months if p not in view.rows]
    if missing:
        blocks.append(
            Note(
                t(
                    "Sick-leave figures have not been entered for {span}.",
                    span=periods_list(ctx, missing),
                )
            )
        )
    trends = trend_block(ctx)
    if trends is not None:
        blocks.append(trends)
    blocks.append(_averages_table(view))
    blocks += _total(view, texts.get("sick-leave"))
    blocks += _certification(view, texts.get("certification"))
    blocks += _duration(view, texts.get("short-term"), texts.get("long-term"))
    return blocks


def _aim(ctx: SectionContext, config: HrConfig) -> str | None:
    """The sentence on the targets, when a total target is set: the organisation's aim, with the
    short- and long-term targets when both are set."""
    t, fmt = ctx.t, ctx.fmt
    if config.target_total is None:
        return None
    values = {"total": fmt.percent(config.target_total, places(config.target_total))}
    short, long = config.target_short_term, config.target_long_term
    if short is not None and long is not None:
        values |= {"long_term": fmt.percent(long, places(long)), "short_term": fmt.percent(short, places(short))}
        if config.organisation is None:
            return t(
                "The aim is to keep sick leave at or below {total} ({long_term} for long-term absence over "
                "16 days and {short_term} for short-term absence under 16 days).",
                **values,
            )
        return t(
            "{organisation} aims to keep sick leave at or below {total} ({long_term} for "
            "long-term absence over 16 days and {short_term} for short-term absence under "
            "16 days).",
            organisation=config.organisation,
            **values,
        )
    if config.organisation is None:
        return t("The aim is to keep sick leave at or below {total}.", **values)
    return t("{organisation} aims to keep sick leave at or below {total}.", organisation=config.organisation, **values)


def _averages_table(view: SickLeaveView) -> Table:
    t, config = view.ctx.t, view.config
    targets: dict[str, Decimal | None] = {
        "total": config.target_total,
        "short_term": config.target_short_term,
        "long_term": config.target_long_term,
    }
    labels = {
        "total": t("Total sick leave"),
        "short_term": t("Short-term absence"),
        "long_term": t("Long-term absence"),
        "self_certified": t("Self-certified absence"),
        "doctor_certified": t("Doctor-certified absence"),
    }
    verdicts = {
        "above": t("Above the target"),
        "below": t("Below the target"),
        "at": t("At the target"),
    }
    set_targets = [v for v in targets.values() if v is not None]
    if not set_targets:  # no target to compare with: the averages alone
        return Table(
            columns=(
                Column("figure", t("Absence")),
                Column("average", t("Average"), kind="percent", decimals=AVERAGE_DECIMALS),
            ),
            rows=tuple(Row((label, view.average(name))) for name, label in labels.items()),
            title=t("Sick leave {span}: average", span=view.span),
        )
    rows = []
    for name, label in labels.items():
        average, target = view.average(name), targets.get(name)
        verdict = verdicts[side(average, target)] if average is not None and target is not None else None
        rows.append(Row((label, average, target, verdict)))
    return Table(
        columns=(
            Column("figure", t("Absence")),
            Column("average", t("Average"), kind="percent", decimals=AVERAGE_DECIMALS),
            Column(
                "target",
                t("Target"),
                kind="percent",
                decimals=max(places(v) for v in set_targets),
            ),
            Column("comparison", t("Compared with the target")),
        ),
        rows=tuple(rows),
        title=t("Sick leave {span}: average and target", span=view.span),
    )


def _figure(view: SickLeaveView, title: str, series: list[Series], target: Decimal | None = None) -> Figure:
    return Figure(
        title=title,
        categories=view.categories(),
        series=tuple(series),
        kind="line",
        value_kind="percent",
        decimals=view.decimals(),
        target=target,
        target_label=view.ctx.t("Target") if target is not None else None,
    )


def _comparison(
    view: SickLeaveView, name: str, target: Decimal | None, sentence: Callable[[str, str | None], str]
) -> list[str]:
    """The average against the target (``sentence(value, comparison)``), then the months; without
    a target, the average alone (``comparison`` None)."""
    average = view.average(name)
    if average is None:
        return []
    ctx = view.ctx
    value = ctx.fmt.percent(average, AVERAGE_DECIMALS)
    if target is None:
        return [sentence(value, None)]
    first = sentence(value, target_phrase(ctx, average, target))
    return [first, months_sentence(ctx, view.known(name), target)]


def _total(view: SickLeaveView, text: str | None) -> list[Block]:
    t, config = view.ctx.t, view.config
    title = (
        t("Total sick leave, {span}", span=view.span)
        if config.organisation is None
        else t("Total sick leave, {organisation}, {span}", organisation=config.organisation, span=view.span)
    )
    figure = _figure(view, title, [Series(t("Total sick leave"), view.values("total"))], config.target_total)

    def sentence(value: str, comparison: str | None) -> str:
        if config.organisation is None:
            if comparison is None:
                return t("Total sick leave in {span} was {value}.", span=view.span, value=value)
            return t(
                "Total sick leave in {span} was {value}, {comparison}.",
                span=view.span,
                value=value,
                comparison=comparison,
            )
        if comparison is None:
            return t(
                "Total sick leave at {organisation} in {span} was {value}.",
                organisation=config.organisation,
                span=view.span,
                value=value,
            )
        return t(
            "Total sick leave at {organisation} in {span} was {value}, {comparison}.",
            organisation=config.organisation,
            span=view.span,
            value=value,
            comparison=comparison,
        )

    sentences = _comparison(view, "total", config.target_total, sentence)
    return [figure, *lead_into(sentences, text)]


def _certification(view: SickLeaveView, text: str | None) -> list[Block]:
    t = view.ctx.t
    if not view.known("self_certified") and not view.known("doctor_certified"):
        note = Note(
            t(
                "Self- and doctor-certified absence have not been entered for {span}.",
                span=view.span,
            )
        )
        return [note, *lead_into([], text)]
    figure = _figure(
        view,
        t("Self-certified and doctor-certified absence, {span}", span=view.span),
        [
            Series(t("Self-certified absence"), view.values("self_certified")),
            Series(t("Doctor-certified absence"), view.values("doctor_certified")),
        ],
    )
    return [figure, *lead_into([], text)]


def _duration(view: SickLeaveView, short_text: str | None, long_text: str | None) -> list[Block]:
    t, config = view.ctx.t, view.config
    blocks: list[Block] = []
    if not view.known("short_term") and not view.known("long_term"):
        blocks.append(Note(t("Short- and long-term absence have not been entered for {span}.", span=view.span)))
    else:
        series = [
            Series(t("Short-term absence"), view.values("short_term")),
            Series(t("Long-term absence"), view.values("long_term")),
        ]
        short, long = config.target_short_term, config.target_long_term
        target: Decimal | None = short
        if short != long:
            target = None  # one target line cannot show two targets: draw each set one as a series
            if short is not None:
                series.append(Series(t("Target, short-term"), tuple(short for _ in view.months)))
            if long is not None:
                series.append(Series(t("Target, long-term"), tuple(long for _ in view.months)))
        blocks.append(_figure(view, t("Short-term and long-term absence, {span}", span=view.span), series, target))
    blocks.append(Heading(t("Short-term absence"), level=3))
    blocks += lead_into(
        _comparison(
            view,
            "short_term",
            config.target_short_term,
            lambda value, comparison: (
                t("Short-term absence in {span} averaged {value}.", span=view.span, value=value)
                if comparison is None
                else t(
                    "Short-term absence in {span} averaged {value}, {comparison}.",
                    span=view.span,
                    value=value,
                    comparison=comparison,
                )
            ),
        ),
        short_text,
    )
    blocks.append(Heading(t("Long-term absence"), level=3))
    blocks += lead_into(
        _comparison(
            view,
            "long_term",
            config.target_long_term,
            lambda value, comparison: (
                t("Long-term absence in {span} averaged {value}.", span=view.span, value=value)
                if comparison is None
                else t(
                    "Long-term absence in {span} averaged {value}, {comparison}.",
                    span=view.span,
                    value=value,
                    comparison=comparison,
                )
            ),
        ),
        long_text,
    )
    return blocks
