"""The section's key figures for the report month against the month before, with trend arrows."""

from __future__ import annotations

from portfolio.api import Good, KeyFigure, KeyFigures, SectionContext, kpi
from portfolio_services.models import OperationsMonth, SupportMonth
from portfolio_services.months import months_by_period
from portfolio_services.plugin import DEAD_BANDS  # the defaults; [report.dead_bands] overrides them
from portfolio_services.report.words import raw


def trend_block(ctx: SectionContext) -> KeyFigures | None:
    """Support desk and incident figures of the month, up, down or flat; None without any."""
    months = [ctx.period.previous(), ctx.period]
    support = months_by_period(ctx.session, SupportMonth, months)
    operations = months_by_period(ctx.session, OperationsMonth, months)
    figures: list[KeyFigure] = []

    def figure(key: str, label: str, attribute: str, rows: dict, good: Good, kind: str) -> KeyFigure:
        previous = rows.get(months[0])
        value = raw(getattr(rows[ctx.period], attribute)) or 0
        last = raw(getattr(previous, attribute)) if previous is not None else None
        return kpi(key, label, value, last, good=good, kind=kind, settings=ctx.settings, default_band=DEAD_BANDS[key])

    if ctx.period in support:
        figures += [
            figure("services.contacts", ctx.t("Contacts to the support desk"), "contacts", support, None, "integer"),
            figure(
                "services.answered_share",
                ctx.t("Answered within one minute"),
                "answered_share",
                support,
                "up",
                "percent",
            ),
            figure(
                "services.first_line_share",
                ctx.t("Resolved at the first line"),
                "first_line_share",
                support,
                "up",
                "percent",
            ),
        ]
    if ctx.period in operations:
        figures.append(
            figure(
                "services.incidents",
                ctx.t("Registered incidents and events"),
                "incidents",
                operations,
                "down",
                "integer",
            )
        )
    if not figures:
        return None
    return KeyFigures(
        tuple(figures), title=ctx.t("{month} against the month before", month=ctx.fmt.month_name(ctx.period))
    )
