"""The project and investment budget: per item an annual budget and the accounts to date.

Each month's rows are stored whole; an annual budget not given is carried from the item's latest
month in the same fiscal year, so a month needs only the new accounts to date.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from portfolio.api import Period, PortfolioError
from portfolio_finance.carry import latest_before
from portfolio_finance.chart import Item
from portfolio_finance.fiscal import year_label, year_start
from portfolio_finance.models import FinanceInvestment
from portfolio_finance.month_rows import upsert_month


@dataclass(frozen=True)
class InvestmentRow:
    """One investment item's annual budget and spending to date."""

    item: Item
    annual_budget: int | None  # øre
    to_date: int | None


def entered_item(items: tuple[Item, ...], key: str) -> Item:
    """An item that takes figures: known, and not a sum (sums are computed)."""
    item = next((i for i in items if i.key == key), None)
    if item is None:
        raise PortfolioError(
            f"investment item '{key}' is not known; allowed: {', '.join(i.key for i in items if not i.of)}"
        )
    if item.of:
        raise PortfolioError(f"'{key}' is the sum of {', '.join(item.of)}; enter those items instead")
    return item


def set_investment(
    session: Session,
    items: tuple[Item, ...],
    period: Period,
    key: str,
    *,
    annual_budget: int | None,
    to_date: int | None,
    start_month: int,
) -> FinanceInvestment:
    """Store an item's annual budget and accounts to date for a month; a budget not given is
    carried from the item's latest month in the fiscal year."""
    entered_item(items, key)

    def new() -> dict[str, object]:
        """A new month needs --to-date; its annual budget is carried when not given."""
        budget = annual_budget
        if budget is None:
            start = year_start(period, start_month)
            earlier = latest_before(session, FinanceInvestment, period, start, item_key=key)
            if earlier is None:
                raise PortfolioError(f"'{key}' has no annual budget for {year_label(start)} yet; give --annual-budget")
            budget = earlier.annual_budget_ore
        if to_date is None:
            raise PortfolioError(f"give --to-date: the accounts of '{key}' to the end of {period}")
        return {"annual_budget_ore": budget, "to_date_ore": to_date}

    values = {"annual_budget_ore": annual_budget, "to_date_ore": to_date}
    return upsert_month(session, FinanceInvestment, period, values, keys={"item_key": key}, new=new)


def investment_rows(session: Session, items: tuple[Item, ...], period: Period) -> list[InvestmentRow]:
    """Every configured row for the month, sums computed; empty when nothing was entered."""
    stored = {
        row.item_key: row
        for row in session.exec(select(FinanceInvestment).where(FinanceInvestment.period == str(period)))
    }
    if not stored:
        return []
    result = []
    for item in items:
        if item.of:
            parts = [stored.get(k) for k in item.of]
            present = [p for p in parts if p is not None]
            annual = sum(p.annual_budget_ore for p in present) if present else None
            to_date = sum(p.to_date_ore for p in present) if present else None
        else:
            row = stored.get(item.key)
            annual = row.annual_budget_ore if row else None
            to_date = row.to_date_ore if row else None
        result.append(InvestmentRow(item, annual, to_date))
    return result
