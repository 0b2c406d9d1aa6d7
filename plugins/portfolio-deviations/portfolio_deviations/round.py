"""``portfolio round`` for deviations: an open count for the month's end, and the month's text.

The count is there when it was entered by hand for that date, or when it comes from records of an
export made on or after it (an older export cannot know what was opened since), as the checks say.
"""

from __future__ import annotations

from sqlmodel import Session

from portfolio.api import Period, RoundItem
from portfolio_deviations.config import deviation_settings
from portfolio_deviations.counting import NONE, RECORDS, latest_export
from portfolio_deviations.figures import section_figures
from portfolio_deviations.texts import period_text


def round_items(session: Session, period: Period, settings: object) -> list[RoundItem]:
    last = section_figures(session, period, deviation_settings(settings)).counts[-1]
    day = last.day.isoformat()
    if last.source == NONE:
        count = RoundItem(
            "open deviations", False, f"portfolio deviation import FILE (an export made on or after {day})"
        )
    elif last.source == RECORDS:
        exported = latest_export(session)
        fresh = exported is not None and exported >= last.day
        when = exported.isoformat() if exported else "never"
        detail = f"{day}: from records exported {when}" + ("" if fresh else "; import a newer export")
        count = RoundItem("open deviations", fresh, detail)
    else:
        count = RoundItem("open deviations", True, f"{day}: entered by hand")
    text = period_text(session, period) is not None
    return [count, RoundItem("text", text, "" if text else f"portfolio deviation text set --period {period} ...")]
