"""Sick leave in its latest month against the month before, with trend arrows (down is good)."""

from __future__ import annotations

from portfolio.api import KeyFigures, SectionContext, kpi
from portfolio_hr import sick_leave
from portfolio_hr.months import trailing_months
from portfolio_hr.plugin import DEAD_BANDS  # the defaults; [report.dead_bands] overrides them

LOOK_BACK = 13  # months: sick leave is often entered a month or two late


def trend_block(ctx: SectionContext) -> KeyFigures | None:
    """The latest month with figures (at most a year old) against the month before it."""
    rows = sick_leave.months(ctx.session, trailing_months(ctx.period, LOOK_BACK))
    if not rows:
        return None
    latest = max(rows)
    now, before = rows[latest], rows.get(latest.previous())
    labels = {
        "total": ctx.t("Total sick leave"),
        "short_term": ctx.t("Short-term absence"),
        "long_term": ctx.t("Long-term absence"),
    }
    figures = []
    for name, label in labels.items():
        value = getattr(now, name)
        if value is None:
            continue
        previous = getattr(before, name) if before is not None else None
        key = f"hr.sick_leave.{name}"
        figures.append(
            kpi(
                key,
                label,
                value,
                previous,
                good="down",
                kind="percent",
                settings=ctx.settings,
                default_band=DEAD_BANDS[key],
            )
        )
    month = ctx.fmt.month_name(latest)
    if ctx.lang == "nb":  # inside a sentence: "i januar 2024"
        month = month[:1].lower() + month[1:]
    title = ctx.t("Sick leave in {month} against the month before", month=month)
    return KeyFigures(tuple(figures), title=title)
