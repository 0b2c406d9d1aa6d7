"""The figures as stored, before and after an import: the preview's two sides, in kroner."""

from __future__ import annotations

from sqlmodel import Session, select

from portfolio_finance.models import FinanceAnnualBudget, FinanceFigure, FinanceProjectBudget
from portfolio_finance.units import from_ore

FIGURES = ("actual", "budget", "forecast")


def line_figures(session: Session) -> dict[tuple[str, str], object]:
    """(month, "line figure") -> kroner, for each figure stored; the annual budget under the
    fiscal year's first month."""
    session.flush()
    found: dict[tuple[str, str], object] = {}
    for row in session.exec(select(FinanceFigure)):
        for name in FIGURES:
            value = getattr(row, f"{name}_ore")
            if value is not None:
                found[(row.period, f"{row.line_key} {name}")] = from_ore(value, 1)
    for budget in session.exec(select(FinanceAnnualBudget)):
        found[(budget.year_start, f"{budget.line_key} annual_budget")] = from_ore(budget.amount_ore, 1)
    return found


def project_budgets(session: Session, codes: dict[int, str]) -> dict[tuple[str, str], object]:
    """(month, "PROJECT budget|actual") -> kroner."""
    session.flush()
    found: dict[tuple[str, str], object] = {}
    for row in session.exec(select(FinanceProjectBudget)):
        code = codes.get(row.project_id, str(row.project_id))
        found[(row.period, f"{code} budget")] = from_ore(row.budget_ore, 1)
        found[(row.period, f"{code} actual")] = from_ore(row.actual_ore, 1)
    return found
