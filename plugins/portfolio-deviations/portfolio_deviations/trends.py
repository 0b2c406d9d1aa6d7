"""Open deviations on the window's last date against the date before, with trend arrows (down is good)."""

from __future__ import annotations

from portfolio.api import KeyFigures, SectionContext, kpi
from portfolio_deviations.counting import DateCount
from portfolio_deviations.plugin import DEAD_BANDS  # the defaults; [report.dead_bands] overrides them


def trend_block(ctx: SectionContext, counts: tuple[DateCount, ...], organisation: str | None) -> KeyFigures | None:
    """The open counts on the last date of the table against the date before; None without both."""
    now = counts[-1] if counts else None
    if now is None or now.total is None:
        return None
    before = counts[-2] if len(counts) > 1 else None
    figures = [
        kpi(
            "deviations.open_total",
            ctx.t("Open deviations"),
            now.total,
            before.total if before is not None else None,
            good="down",
            settings=ctx.settings,
            default_band=DEAD_BANDS["deviations.open_total"],
        )
    ]
    if now.own is not None and organisation is not None:
        figures.append(
            kpi(
                "deviations.open_own",
                ctx.t("Awaiting handling in {organisation}", organisation=organisation),
                now.own,
                before.own if before is not None else None,
                good="down",
                settings=ctx.settings,
                default_band=DEAD_BANDS["deviations.open_own"],
            )
        )
    title = ctx.t("Open on {date} against the month before", date=ctx.fmt.date_long(now.day))
    return KeyFigures(tuple(figures), title=title)
