"""``portfolio round`` for services: are the month's support-desk and incident figures in?"""

from __future__ import annotations

from sqlmodel import Session

from portfolio.api import Period, RoundItem
from portfolio_services.models import OperationsMonth, SupportMonth


def round_items(session: Session, period: Period) -> list[RoundItem]:
    month = str(period)
    support = session.get(SupportMonth, month) is not None
    incidents = session.get(OperationsMonth, month) is not None
    return [
        RoundItem(
            "support desk",
            support,
            "" if support else f"portfolio service record support --period {month} ... (or service import support)",
        ),
        RoundItem(
            "incidents",
            incidents,
            "" if incidents else f"portfolio service record incidents --period {month} ...",
        ),
    ]
