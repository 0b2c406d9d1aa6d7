"""Staffing: full-time equivalents (FTE) at the month's end, and the change since the fiscal
year started. The start-of-year count is carried within the year, or taken from the last month
of the year before."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlmodel import Session

from portfolio.api import Period, PortfolioError
from portfolio_finance.carry import latest_before
from portfolio_finance.fiscal import year_start
from portfolio_finance.models import FinanceStaffing
from portfolio_finance.month_rows import upsert_month


@dataclass(frozen=True)
class Staffing:
    """Full-time equivalents this month and at the start of the year."""

    period: Period
    fte: Decimal
    fte_year_start: Decimal

    @property
    def change(self) -> Decimal:
        return self.fte - self.fte_year_start


def check_fte(value: Decimal, name: str) -> Decimal:
    if value < 0:
        raise PortfolioError(f"{name} '{value}' is negative; FTE counts are 0 or more")
    if value != value.quantize(Decimal("0.01")):
        raise PortfolioError(f"{name} '{value}' has more than two decimals")
    return value


def set_staffing(
    session: Session,
    period: Period,
    *,
    fte: Decimal | None,
    year_start_fte: Decimal | None,
    start_month: int,
) -> FinanceStaffing:
    """Store the month's FTE count; the start-of-year count not given is carried (module docstring)."""

    def check() -> None:
        """FTE counts given are checked once the month is known to be open, before anything is stored."""
        if fte is not None:
            check_fte(fte, "--fte")
        if year_start_fte is not None:
            check_fte(year_start_fte, "--year-start")

    def new() -> dict[str, object]:
        """A new month needs --fte; its start-of-year count is carried when not given. The counts
        given are checked first, as for a month already stored."""
        check()
        if fte is None:
            raise PortfolioError(f"give --fte: the full-time equivalents at the end of {period}")
        if year_start_fte is not None:
            return {"fte": fte, "fte_year_start": year_start_fte}
        start = year_start(period, start_month)
        same_year = latest_before(session, FinanceStaffing, period, start)
        last_year = session.get(FinanceStaffing, str(start.previous()))
        if same_year is not None:
            return {"fte": fte, "fte_year_start": same_year.fte_year_start}
        if last_year is not None:
            return {"fte": fte, "fte_year_start": last_year.fte}
        raise PortfolioError(
            "give --year-start: the FTE count when the fiscal year started "
            f"(no month before {period} in this fiscal year has it, nor {start.previous()})"
        )

    values = {"fte": fte, "fte_year_start": year_start_fte}
    return upsert_month(session, FinanceStaffing, period, values, check=check, new=new)


def staffing_for(session: Session, period: Period) -> Staffing | None:
    row = session.get(FinanceStaffing, str(period))
    if row is None:
        return None
    return Staffing(period, Decimal(row.fte), Decimal(row.fte_year_start))
