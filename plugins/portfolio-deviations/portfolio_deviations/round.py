"""``portfolio round`` for deviations: is there an open count for the month's end, and the month's text?"""

from __future__ import annotations

from sqlmodel import Session

from portfolio.period import Period
from portfolio.round_items import RoundItem
from portfolio_deviations.config import deviation_settings
from portfolio_deviations.counting import NONE
from portfolio_deviations.figures import section_figures
from portfolio_deviations.texts import period_text


def round_items(session: Session, period: Period, settings: object) -> list[RoundItem]:
    last = section_figures(session, period, deviation_settings(settings)).counts[-1]
    counted = last.source != NONE
    text = period_text(session, period) is not None
    return [
        RoundItem(
            "open deviations",
            counted,
            f"{last.day.isoformat()}: from {last.source}"
            if counted
            else f"portfolio deviation import FILE (an export from DocMap after {last.day.isoformat()})",
        ),
        RoundItem("text", text, "" if text else f"portfolio deviation text set --period {period} ..."),
    ]
