"""The credit line: opening balance of the fiscal year, closing balance of the month, the limit.

Balances are signed as the accounts show them: negative while the line is drawn. Movements are
closing minus opening; the unused headroom is the limit minus what is drawn.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from portfolio.api import Period, PortfolioError
from portfolio_finance.carry import latest_before
from portfolio_finance.fiscal import year_start
from portfolio_finance.models import FinanceLiquidity
from portfolio_finance.month_rows import upsert_month


@dataclass(frozen=True)
class Liquidity:
    """A month's opening and closing liquidity and its limit."""

    period: Period
    opening: int  # øre
    closing: int
    limit: int

    @property
    def movements(self) -> int:
        return self.closing - self.opening

    @staticmethod
    def drawn_of(balance: int) -> int:
        return max(0, -balance)

    @property
    def drawn(self) -> int:
        return self.drawn_of(self.closing)

    @property
    def drawn_change(self) -> int:
        """How much more is drawn than at the start of the fiscal year (negative: less)."""
        return self.drawn - self.drawn_of(self.opening)

    @property
    def unused(self) -> int:
        return self.limit - self.drawn


def set_liquidity(
    session: Session,
    period: Period,
    *,
    closing: int | None,
    opening: int | None,
    limit: int | None,
    start_month: int,
) -> FinanceLiquidity:
    """Store the month; what is not given comes from earlier months (see the module docstring)."""

    def check() -> None:
        """A limit given is checked once the month is open and a new month has what it needs."""
        if limit is not None and limit < 0:
            raise PortfolioError("the credit limit is an amount the line may be drawn, not negative")

    def new() -> dict[str, object]:
        """A new month needs --closing; its opening balance and limit are carried when not given."""
        start = year_start(period, start_month)
        opening_ore = opening
        if opening_ore is None:
            same_year = latest_before(session, FinanceLiquidity, period, start)
            last_year = session.get(FinanceLiquidity, str(start.previous()))
            if same_year is not None:
                opening_ore = same_year.opening_ore
            elif last_year is not None:
                opening_ore = last_year.closing_ore
            else:
                raise PortfolioError(
                    f"give --opening: the balance at {start.first_day.isoformat()}, the start of "
                    "the fiscal year (no earlier month has it)"
                )
        limit_ore = limit
        if limit_ore is None:
            earlier = latest_before(session, FinanceLiquidity, period)
            if earlier is None:
                raise PortfolioError("give --limit: the credit limit (no earlier month has it)")
            limit_ore = earlier.limit_ore
        if closing is None:
            raise PortfolioError(f"give --closing: the balance at the end of {period}")
        return {"opening_ore": opening_ore, "closing_ore": closing, "limit_ore": limit_ore}

    values = {"opening_ore": opening, "closing_ore": closing, "limit_ore": limit}
    return upsert_month(session, FinanceLiquidity, period, values, check=check, new=new)


def liquidity_for(session: Session, period: Period) -> Liquidity | None:
    row = session.get(FinanceLiquidity, str(period))
    if row is None:
        return None
    return Liquidity(period, row.opening_ore, row.closing_ore, row.limit_ore)
