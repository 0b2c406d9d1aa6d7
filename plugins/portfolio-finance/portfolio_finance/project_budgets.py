"""Per-project budget and spend to date, each project's tolerance, and the evidence rule on them.

A project rated green on finance whose spend to date exceeds its budget to date by more than its
tolerance (``portfolio finance project-budget tolerance``, else ``project_tolerance`` in
``[plugins.finance]``, 10 % by default) is named by ``portfolio check`` and beside the report's
status matrix.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from portfolio.api import ImportFileError, Period, PeriodError, PortfolioError, ensure_open, get_project
from portfolio_finance.models import FinanceProjectBudget, FinanceProjectTolerance
from portfolio_finance.month_rows import upsert_month
from portfolio_finance.units import from_ore, to_ore

if TYPE_CHECKING:
    from portfolio.api import Evidence, SectionContext

RULE = "finance-overspend"
COLUMNS = ("project", "period", "budget_to_date", "actual_to_date")


@dataclass(frozen=True)
class ProjectBudgetView:
    """A project's budget and actuals to date against its tolerance."""

    code: str
    period: Period
    budget_ore: int
    actual_ore: int
    tolerance: Decimal | None  # the project's own; None: the configured default
    name: str = ""  # as the status matrix names the project

    def overspend(self) -> Decimal | None:
        """Spend past budget to date, in percent of it; None without a budget to compare with."""
        if self.budget_ore <= 0:
            return None
        return Decimal(self.actual_ore - self.budget_ore) * 100 / Decimal(self.budget_ore)


def set_budget(session: Session, code: str, period: Period, budget_ore: int, actual_ore: int) -> FinanceProjectBudget:
    """Store a project's figures to date for a month, replacing what the month had."""
    if budget_ore < 0 or actual_ore < 0:
        raise PortfolioError("budget and actual to date must be 0 or more")
    project = get_project(session, code)
    values = {"budget_ore": budget_ore, "actual_ore": actual_ore}
    return upsert_month(session, FinanceProjectBudget, period, values, keys={"project_id": project.id})


def set_tolerance(session: Session, code: str, percent: Decimal | None) -> None:
    """A project's own tolerance in percent; None returns it to the configured default."""
    project = get_project(session, code)
    row = session.get(FinanceProjectTolerance, project.id)
    if percent is None:
        if row is not None:
            session.delete(row)
    else:
        if not percent.is_finite() or not 0 <= percent <= 1000:
            raise PortfolioError(f"tolerance '{percent}' must be a percentage, 0-1000")
        if row is None:
            row = FinanceProjectTolerance(project_id=project.id or 0, percent=percent)
        row.percent = percent
        session.add(row)
    session.flush()


def budgets_for(session: Session, period: Period) -> list[ProjectBudgetView]:
    """Every project's figures for ``period`` with its own tolerance, in two queries."""
    from portfolio.api import Project

    rows = session.exec(
        select(FinanceProjectBudget, Project)
        .join(Project, col(Project.id) == col(FinanceProjectBudget.project_id))
        .where(FinanceProjectBudget.period == str(period))
    ).all()
    tolerances = {t.project_id: t.percent for t in session.exec(select(FinanceProjectTolerance)).all()}
    views = [
        ProjectBudgetView(
            project.code, period, row.budget_ore, row.actual_ore, tolerances.get(row.project_id), project.name
        )
        for row, project in rows
    ]
    return sorted(views, key=lambda v: v.code)


def import_budgets(session: Session, path: Path, unit: int) -> list[tuple[str, Period]]:
    """Import ``project,period,budget_to_date,actual_to_date`` rows; all or nothing.

    Every row is checked before anything is stored; each bad one is named with its line.
    """
    from portfolio.api import parse_decimal, read_csv

    table = read_csv(path)
    missing = [c for c in COLUMNS if c not in table.header]
    if missing:
        raise ImportFileError(str(path), [f"missing column '{missing[0]}'; the columns are {', '.join(COLUMNS)}"])
    parsed: list[tuple[str, Period, int, int]] = []
    problems: list[str] = []
    for line, row in table.rows:
        try:
            period = Period.parse(row["period"])
            amounts = [to_ore(parse_decimal(row[c]), unit) for c in ("budget_to_date", "actual_to_date")]
            if min(amounts) < 0:
                raise ValueError("budget and actual to date must be 0 or more")
            get_project(session, row["project"])
            ensure_open(session, period)
        except (ValueError, PeriodError, PortfolioError) as exc:
            problems.append(f"line {line}: {exc}")
            continue
        parsed.append((row["project"], period, amounts[0], amounts[1]))
    if problems:
        raise ImportFileError(str(path), problems)
    for code, period, budget, actual in parsed:
        set_budget(session, code, period, budget, actual)
    return [(code, period) for code, period, _, _ in parsed]


def overspend_evidence(ctx: SectionContext, default_tolerance: Decimal, unit: int) -> list[Evidence]:
    """Projects rated green on finance whose spend to date is past budget by more than their tolerance."""
    from portfolio.api import Evidence, stored_ratings

    ratings = stored_ratings(ctx.session, ctx.period, "finance")
    found = []
    for view in budgets_for(ctx.session, ctx.period):
        over = view.overspend()
        tolerance = view.tolerance if view.tolerance is not None else default_tolerance
        if ratings.get(view.code) != "green" or over is None or over <= tolerance:
            continue
        actual, budget = from_ore(view.actual_ore, unit), from_ore(view.budget_ore, unit)
        unit_text = "kr" if unit == 1 else "1000 kr"
        message = (
            f"{view.code} is rated green on finance, but spend to date {actual:f} exceeds budget to date "
            f"{budget:f} ({unit_text}) by {over:.1f} %, more than its tolerance of {tolerance:f} %"
        )
        text = ctx.t(
            "{project} is rated green on finance, but has spent {actual} against a budget to date of "
            "{budget} ({unit}): {over} over, more than the tolerance of {tolerance}.",
            project=view.name or view.code,  # by name, as the matrix beside it
            actual=ctx.fmt.number(actual),
            budget=ctx.fmt.number(budget),
            unit=unit_text,
            over=ctx.fmt.percent(over, 1),
            tolerance=ctx.fmt.percent(tolerance, 0),
        )
        found.append(Evidence(RULE, view.code, "finance", "green", message, text))
    return found


def rows_for_output(views: Sequence[ProjectBudgetView], unit: int, default_tolerance: Decimal) -> list[dict]:
    return [
        {
            "project": v.code,
            "period": str(v.period),
            "budget_to_date": from_ore(v.budget_ore, unit),
            "actual_to_date": from_ore(v.actual_ore, unit),
            "overspend_percent": None if v.overspend() is None else round(v.overspend(), 1),  # type: ignore[arg-type]
            "tolerance_percent": v.tolerance if v.tolerance is not None else default_tolerance,
        }
        for v in views
    ]
