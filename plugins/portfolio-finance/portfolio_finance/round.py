"""``portfolio round`` for finance: are the month's figures in?"""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, select

from portfolio.api import Period, RoundItem
from portfolio_finance.models import FinanceFigure, FinanceLiquidity, FinanceStaffing


def round_items(session: Session, period: Period) -> list[RoundItem]:
    month = str(period)
    lines = session.exec(select(func.count()).select_from(FinanceFigure).where(FinanceFigure.period == month)).one()
    liquidity = session.get(FinanceLiquidity, month) is not None
    staffing = session.get(FinanceStaffing, month) is not None
    return [
        RoundItem(
            "income statement",
            bool(lines),
            f"{lines} lines" if lines else f"portfolio finance import FILE (the accounts for {month})",
        ),
        RoundItem("liquidity", liquidity, "" if liquidity else f"portfolio finance liquidity set --period {month}"),
        RoundItem("FTE", staffing, "" if staffing else f"portfolio finance staffing set --period {month}"),
    ]
