"""The income statement for a month: the month, the year to date and the annual budget per row,
totals computed from their lines, deviations signed so that positive is favourable.

All amounts here are exact øre; the report divides by the display unit and the renderers round.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from portfolio.api import Period
from portfolio_finance.chart import Chart, Entry
from portfolio_finance.fiscal import year_start

if TYPE_CHECKING:
    from sqlmodel import Session


@dataclass(frozen=True)
class Amounts:
    """Actual and budget of one row for one span (the month, or the year to date)."""

    actual: int | None
    budget: int | None

    def deviation(self, sense: int) -> int | None:
        if self.actual is None or self.budget is None:
            return None
        return sense * (self.actual - self.budget)


@dataclass(frozen=True)
class StatementRow:
    """One line of the income statement: the month and the year to date."""

    entry: Entry
    sense: int
    month: Amounts
    ytd: Amounts
    annual_budget: int | None
    forecast: int | None

    @property
    def key(self) -> str:
        return self.entry.key


@dataclass(frozen=True)
class Statement:
    """The income statement of a month, in the chart's order."""

    period: Period
    year_start: Period
    rows: tuple[StatementRow, ...]
    has_figures: bool

    def get(self, key: str | None) -> StatementRow | None:
        return next((row for row in self.rows if row.key == key), None)

    @property
    def has_forecast(self) -> bool:
        return any(row.forecast is not None for row in self.rows)


def _add(values: list[int | None]) -> int | None:
    """A sum that is None only when every part is missing (a missing month adds nothing)."""
    present = [v for v in values if v is not None]
    return sum(present) if present else None


def _combine(chart: Chart, entry: Entry, value_of: dict[str, int | None], strict: bool) -> int | None:
    parts = [value_of.get(term.key) for term in entry.of]
    if strict and any(part is None for part in parts):
        return None
    present = [term.sign * part for term, part in zip(entry.of, parts, strict=True) if part is not None]
    return sum(present) if present else None


def resolve(
    chart: Chart, given: dict[str, int | None], *, strict: bool = False, totals_given: bool = False
) -> dict[str, int | None]:
    """Values for every entry: lines as given, totals from their terms (nested totals first).

    ``strict`` makes a total None when any part is missing (forecasts: a partial sum would
    mislead); ``totals_given`` lets a value given for a total stand instead of the sum.
    """
    values: dict[str, int | None] = {}

    def value(key: str) -> int | None:
        if key in values:
            return values[key]
        entry = chart.get(key)
        assert entry is not None
        if not entry.is_total or (totals_given and given.get(key) is not None):
            values[key] = given.get(key)
        else:
            for term in entry.of:
                value(term.key)
            values[key] = _combine(chart, entry, values, strict)
        return values[key]

    for entry in chart.entries:
        value(entry.key)
    return values


def build_statement(session: Session, chart: Chart, period: Period, start_month: int) -> Statement:
    from portfolio_finance.figures import annual_budgets, figures_between

    start = year_start(period, start_month)
    figures = figures_between(session, start, period)
    month: dict[str, dict[str, int | None]] = {"actual": {}, "budget": {}}
    ytd: dict[str, dict[str, list[int | None]]] = {
        "actual": defaultdict(list),
        "budget": defaultdict(list),
    }
    forecasts: dict[str, int | None] = {}
    for row in figures:
        if row.period == str(period):
            month["actual"][row.line_key] = row.actual_ore
            month["budget"][row.line_key] = row.budget_ore
            forecasts[row.line_key] = row.forecast_ore
        ytd["actual"][row.line_key].append(row.actual_ore)
        ytd["budget"][row.line_key].append(row.budget_ore)
    line_keys = {entry.key for entry in chart.lines}
    has_figures = any(row.line_key in line_keys for row in figures if row.period == str(period))

    month_actual = resolve(chart, month["actual"])
    month_budget = resolve(chart, month["budget"])
    ytd_actual = resolve(chart, {k: _add(v) for k, v in ytd["actual"].items()})
    ytd_budget = resolve(chart, {k: _add(v) for k, v in ytd["budget"].items()})
    annual = resolve(chart, dict(annual_budgets(session, start)))
    # a total's forecast is the one entered for it, else the sum when every part has one
    forecast = resolve(chart, forecasts, strict=True, totals_given=True)
    rows = tuple(
        StatementRow(
            entry,
            chart.senses[entry.key],
            Amounts(month_actual[entry.key], month_budget[entry.key]),
            Amounts(ytd_actual[entry.key], ytd_budget[entry.key]),
            annual[entry.key],
            forecast[entry.key],
        )
        for entry in chart.entries
    )
    return Statement(period, start, rows, has_figures)
