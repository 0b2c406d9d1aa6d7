"""``portfolio check`` for finance: missing figures, totals that disagree with their lines, keys the
chart no longer has, and a credit line drawn beyond its limit."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from sqlmodel import col, select

from portfolio.api import Finding, Period
from portfolio_finance.chart import Chart
from portfolio_finance.fiscal import year_start
from portfolio_finance.models import (
    FinanceAnnualBudget,
    FinanceFigure,
    FinanceInvestment,
    FinanceLiquidity,
    FinanceStaffing,
)
from portfolio_finance.settings import FinanceSettings, finance_settings
from portfolio_finance.units import ORE_PER_KR, unit_label

if TYPE_CHECKING:
    from sqlmodel import Session

    from portfolio.api import Settings


def finance_findings(session: Session, period: Period, settings: Settings) -> list[Finding]:
    fs = finance_settings(settings)
    start = year_start(period, fs.fiscal_year_start)
    figures = list(
        session.exec(
            select(FinanceFigure).where(col(FinanceFigure.period).in_([str(p) for p in start.range_to(period)]))
        )
    )
    budgets = list(session.exec(select(FinanceAnnualBudget).where(FinanceAnnualBudget.year_start == str(start))))
    month = [row for row in figures if row.period == str(period)]
    findings = _unknown_keys(fs.chart, figures, budgets)
    findings += _missing(fs, period, start, figures, month, budgets)
    findings += _totals(fs.chart, period, month, budgets, start)
    findings += _extras(session, fs, period, start, bool(month))
    return findings


def _unknown_keys(chart: Chart, figures: list[FinanceFigure], budgets: list[FinanceAnnualBudget]) -> list[Finding]:
    known = set(chart.keys)
    found = sorted({(r.period, r.line_key) for r in figures if r.line_key not in known})
    found += sorted({(r.year_start, r.line_key) for r in budgets if r.line_key not in known})
    return [
        Finding(
            "warning",
            "finance-unknown-line",
            f"{period} has figures for line '{key}', which the chart of lines does not have",
        )
        for period, key in found
    ]


def _missing(
    fs: FinanceSettings,
    period: Period,
    start: Period,
    figures: list[FinanceFigure],
    month: list[FinanceFigure],
    budgets: list[FinanceAnnualBudget],
) -> list[Finding]:
    lines = [entry.key for entry in fs.chart.lines]
    if not any(row.line_key in lines for row in month):
        return [
            Finding(
                "warning",
                "finance-missing",
                f"no finance figures for {period}; import them with 'portfolio finance import'",
            )
        ]
    findings = []
    by_key = {row.line_key: row for row in month}
    for key in lines:
        row = by_key.get(key)
        for name, value in (("actual", row and row.actual_ore), ("budget", row and row.budget_ore)):
            if value is None:
                findings.append(
                    Finding(
                        "warning",
                        "finance-line-incomplete",
                        f"line '{key}' has no {name} for {period}",
                    )
                )
    present = {row.period for row in figures if row.line_key in lines}
    for earlier in start.range_to(period.previous()) if period != start else []:
        if str(earlier) not in present:
            findings.append(
                Finding(
                    "warning",
                    "finance-month-missing",
                    f"no finance figures for {earlier}; the year to date of {period} lacks that month",
                )
            )
    budgeted = {row.line_key for row in budgets}
    unbudgeted = [key for key in lines if key not in budgeted]
    if unbudgeted:
        findings.append(
            Finding(
                "warning",
                "finance-annual-budget-missing",
                f"no annual budget from {start} for line(s) {', '.join(unbudgeted)}",
            )
        )
    return findings


def _number(ore: int, unit: int) -> str:
    """An exact amount in ``unit``, grouped as the seed prints it: '91 712', '-629.7'."""
    value = (Decimal(ore) / (ORE_PER_KR * unit)).normalize()
    return f"{value:,f}".replace(",", " ")


def _totals(
    chart: Chart,
    period: Period,
    month: list[FinanceFigure],
    budgets: list[FinanceAnnualBudget],
    start: Period,
) -> list[Finding]:
    """A total as imported against the sum of its lines, beyond what rounding explains.

    Each amount rounded to whole units is off by at most half a unit, so the allowed difference
    is half a unit for the total and for every line under it.
    """
    findings = []
    sources: list[tuple[str, dict[str, tuple[int | None, int]], str]] = [
        ("actual", {r.line_key: (r.actual_ore, r.unit) for r in month}, str(period)),
        ("budget", {r.line_key: (r.budget_ore, r.unit) for r in month}, str(period)),
        (
            "annual budget",
            {r.line_key: (r.amount_ore, r.unit) for r in budgets},
            f"fiscal year from {start}",
        ),
    ]
    for name, values, when in sources:
        for entry in chart.entries:
            reported_ore, unit = values.get(entry.key, (None, 1))
            if not entry.is_total or reported_ore is None:
                continue
            computed = _sum(chart, entry.key, values)
            if computed is None:
                continue
            lines = chart.lines_of(entry.key)
            tolerance = unit * ORE_PER_KR // 2 + sum(
                values[k][1] * ORE_PER_KR // 2 for k in lines if k in values and values[k][0] is not None
            )
            difference = reported_ore - computed
            if abs(difference) > tolerance:
                findings.append(
                    Finding(
                        "error",
                        "finance-total-mismatch",
                        f"{entry.label('nb')} ({entry.key}) {name}, {when}: imported "
                        f"{_number(reported_ore, unit)}, its lines sum to "
                        f"{_number(computed, unit)}; off by {_number(difference, unit)} "
                        f"{unit_label(unit)}, more than rounding",
                    )
                )
    return findings


def _sum(chart: Chart, key: str, values: dict[str, tuple[int | None, int]]) -> int | None:
    """The total of ``key`` from its lines' values; None when no line has one."""
    entry = chart.get(key)
    assert entry is not None
    if not entry.is_total:
        value = values.get(key)
        return None if value is None else value[0]
    parts = [(term.sign, _sum(chart, term.key, values)) for term in entry.of]
    present = [sign * part for sign, part in parts if part is not None]
    return sum(present) if present else None


def _extras(session: Session, fs: FinanceSettings, period: Period, start: Period, has_figures: bool) -> list[Finding]:
    findings = []
    liquidity = session.get(FinanceLiquidity, str(period))
    if liquidity is None and has_figures:
        findings.append(
            Finding(
                "warning",
                "finance-liquidity-missing",
                f"no credit line balance for {period}; enter it with 'portfolio finance liquidity set'",
            )
        )
    if liquidity is not None and liquidity.limit_ore - max(0, -liquidity.closing_ore) < 0:
        findings.append(
            Finding(
                "warning",
                "finance-credit-over-limit",
                f"the credit line is drawn {_number(-liquidity.closing_ore, 1000)} at the end of "
                f"{period}, beyond its limit of {_number(liquidity.limit_ore, 1000)} (1000 kr)",
            )
        )
    if session.get(FinanceStaffing, str(period)) is None and has_figures:
        findings.append(
            Finding(
                "warning",
                "finance-staffing-missing",
                f"no FTE count for {period}; enter it with 'portfolio finance staffing set'",
            )
        )
    entered = set(session.exec(select(FinanceInvestment.item_key).where(FinanceInvestment.period == str(period))))
    earlier = set(
        session.exec(
            select(FinanceInvestment.item_key).where(
                col(FinanceInvestment.period) >= str(start),
                col(FinanceInvestment.period) < str(period),
            )
        )
    )
    wanted = [item.key for item in fs.items if not item.of]
    missing = [key for key in wanted if key not in entered and (entered or key in earlier)]
    if missing:
        findings.append(
            Finding(
                "warning",
                "finance-investments-incomplete",
                f"no accounts to date for {period} for investment item(s) {', '.join(missing)}",
            )
        )
    return findings
