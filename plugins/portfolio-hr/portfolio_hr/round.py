"""``portfolio round`` for HR: are the month's sick-leave figures and AML breaches in?"""

from __future__ import annotations

from sqlmodel import Session

from portfolio.api import Period, RoundItem
from portfolio_hr import aml, sick_leave


def round_items(session: Session, period: Period) -> list[RoundItem]:
    sick = period in sick_leave.months(session, [period])
    breaches = aml.counts(session, [period]).get(period)
    return [
        RoundItem("sick leave", sick, "" if sick else f"portfolio hr set sick-leave --period {period} ..."),
        RoundItem(
            "AML breaches",
            breaches is not None,
            f"{sum(breaches.values())} recorded"
            if breaches is not None
            else f"portfolio hr set aml --period {period} ... (record zero when there were none)",
        ),
    ]
