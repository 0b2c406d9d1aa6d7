"""Writing monthly figures and annual budgets, one line at a time or in bulk, all in øre."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from sqlalchemy import CursorResult, delete, insert, update
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from portfolio.api import ClosedPeriodError, Period, PortfolioError, ensure_open, insert_rows, record_rows
from portfolio_finance.fiscal import describe, year_months, year_start
from portfolio_finance.models import FinanceAnnualBudget, FinanceFigure

KEY = ("period", "line_key")  # a figure's natural key, for the audit trail
BATCH = 500
FIGURE_FIELDS = ("actual_ore", "budget_ore", "forecast_ore")


class FigureInput(NamedTuple):
    """What one row of an import or one ``finance set`` gives for a line and month.

    None means "not given": the stored value is kept. A tuple, as an import makes one per row.
    """

    period: Period
    line_key: str
    unit: int
    actual_ore: int | None = None
    budget_ore: int | None = None
    forecast_ore: int | None = None
    annual_budget_ore: int | None = None

    def has_month_values(self) -> bool:
        return self.actual_ore is not None or self.budget_ore is not None or self.forecast_ore is not None


IMPORT_BATCH = 5000  # rows an import checks and writes at a time


@dataclass
class StoredBefore:
    """What was stored before an import wrote, as the writer read it, for the preview: the
    figures of each month it wrote to (month -> line -> (id, actual, budget, forecast) in øre)
    and the annual budgets of each fiscal year it gave one for (year start -> line -> øre).
    A month or year not here was not written to: what is stored now is what was stored."""

    figures: dict[str, dict[str, tuple]] = field(default_factory=dict)
    annual: dict[str, dict[str, int]] = field(default_factory=dict)


def save_figures(session: Session, inputs: Sequence[FigureInput], start_month: int) -> int:
    """Upsert every input in batches; refuses (before writing anything) if a month is closed."""
    writer = FigureWriter(session, start_month)
    writer.add(inputs)
    writer.finish()
    return len(inputs)


class FigureWriter:
    """Upserts an import's figures batch by batch, inside the caller's transaction.

    Each batch's months are checked first; a closed month stops the writing and is raised by
    ``finish``, after the file's own problems, so the caller rolls back whatever was written.
    With ``write=False`` (a dry run) only the months are checked.

    A month's stored figures are read once, when it first comes up, as plain rows: an import
    gives each line and month once, so what earlier batches wrote is never asked for again.
    """

    def __init__(self, session: Session, start_month: int, *, write: bool = True) -> None:
        self.session = session
        self.start_month = start_month
        self.write = write
        self.checked: set[Period] = set()
        self.closed: PortfolioError | None = None
        self.before = StoredBefore()
        self.stored = self.before.figures  # month -> line -> (id, actual, budget, forecast)

    def add(self, inputs: Sequence[FigureInput]) -> None:
        for period in sorted({item.period for item in inputs} - self.checked):
            self.checked.add(period)
            try:
                ensure_open(self.session, period)
            except PortfolioError as exc:
                self.closed = self.closed or exc
        annual = [item for item in inputs if item.annual_budget_ore is not None]
        if self.closed is None:
            self._read_annual(annual)
            try:
                new, changed = _annual_changes(self.session, annual, self.start_month)
            except PortfolioError as exc:
                self.closed = exc
        if self.closed is not None or not self.write:
            return
        self._save_month_values([item for item in inputs if item.has_month_values()])
        _bulk(self.session, FinanceAnnualBudget, new, changed)

    def finish(self) -> None:
        if self.closed is not None:
            raise self.closed
        if self.write:
            self.session.flush()

    def _read_annual(self, inputs: Sequence[FigureInput]) -> None:
        """A fiscal year's annual budgets as stored before the first one of it is written."""
        for start in sorted({str(year_start(item.period, self.start_month)) for item in inputs}):
            if start not in self.before.annual:
                table = FinanceAnnualBudget.__table__.c  # type: ignore[attr-defined]
                query = sa_select(table.line_key, table.amount_ore).where(table.year_start == start)
                self.before.annual[start] = {row[0]: row[1] for row in self.session.connection().execute(query)}

    def _stored_in(self, month: str) -> dict[str, tuple]:
        found = self.stored.get(month)
        if found is None:
            table = FinanceFigure.__table__.c  # type: ignore[attr-defined]
            query = sa_select(table.line_key, table.id, *(table[name] for name in FIGURE_FIELDS)).where(
                table.period == month
            )
            found = self.stored[month] = {row[0]: tuple(row[1:]) for row in self.session.connection().execute(query)}
        return found

    def _save_month_values(self, inputs: Sequence[FigureInput]) -> None:
        new: list[tuple[object, ...]] = []
        changed: list[dict[str, object]] = []
        month_text = {period: str(period) for period in {item.period for item in inputs}}
        for item in inputs:
            month = month_text[item.period]
            row = self._stored_in(month).get(item.line_key)
            if row is None:
                new.append((month, item.line_key, item.unit, item.actual_ore, item.budget_ore, item.forecast_ore))
            else:
                row_id, *stored = row
                given = (item.actual_ore, item.budget_ore, item.forecast_ore)
                merged = {
                    name: value if value is not None else old
                    for name, value, old in zip(FIGURE_FIELDS, given, stored, strict=True)
                }
                changed.append({"id": row_id, "unit": item.unit, **merged})
        names = ("period", "line_key", "unit", *FIGURE_FIELDS)
        insert_rows(self.session, FinanceFigure.__table__, names, new)  # type: ignore[attr-defined]
        record_rows(self.session, FinanceFigure, "insert", (dict(zip(names, row, strict=True)) for row in new), key=KEY)
        _bulk(self.session, FinanceFigure, [], changed)


def ensure_annual_budget_open(session: Session, start: Period, line_key: str) -> None:
    """Refuse a change to a line's annual budget when a month of its fiscal year is closed.

    The annual budget is kept per fiscal year and every month of the year shows it, so changing
    it (or setting it where there was none) would change what a closed month of that year shows.
    """
    for period in year_months(start):
        try:
            ensure_open(session, period)
        except ClosedPeriodError as exc:
            raise ClosedPeriodError(
                f"the annual budget of {line_key} for {describe(start)} is shown in every month of it: {exc}"
            ) from None


def _annual_changes(
    session: Session, inputs: Sequence[FigureInput], start_month: int
) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """The annual budgets to insert and to update; an unchanged one is left alone. Refuses a
    change in a fiscal year with a closed month (``ensure_annual_budget_open``)."""
    if not inputs:
        return [], []
    starts = sorted({str(year_start(item.period, start_month)) for item in inputs})
    keys = sorted({item.line_key for item in inputs})
    query = select(FinanceAnnualBudget).where(
        col(FinanceAnnualBudget.year_start).in_(starts), col(FinanceAnnualBudget.line_key).in_(keys)
    )
    existing = {(row.year_start, row.line_key): row for row in session.exec(query)}
    wanted: dict[tuple[str, str], FigureInput] = {}
    for item in inputs:
        wanted[(str(year_start(item.period, start_month)), item.line_key)] = item
    new: list[dict[str, object]] = []
    changed: list[dict[str, object]] = []
    checked: set[Period] = set()
    for (start, line_key), item in wanted.items():
        row = existing.get((start, line_key))
        if row is not None and row.amount_ore == item.annual_budget_ore and row.unit == item.unit:
            continue
        first = Period.parse(start)
        if first not in checked:
            ensure_annual_budget_open(session, first, line_key)
            checked.add(first)
        if row is None:
            new.append(
                {"year_start": start, "line_key": line_key, "amount_ore": item.annual_budget_ore, "unit": item.unit}
            )
        else:
            changed.append({"id": row.id, "amount_ore": item.annual_budget_ore, "unit": item.unit})
    return new, changed


def _bulk(session: Session, model: type, new: list[dict[str, object]], changed: list[dict[str, object]]) -> None:
    """Core inserts and ORM bulk updates by primary key, in batches: no object per row; audited."""
    table = model.__table__  # type: ignore[attr-defined]
    for start in range(0, len(new), BATCH):
        session.connection().execute(insert(table), new[start : start + BATCH])
    for start in range(0, len(changed), BATCH):
        session.execute(update(model), changed[start : start + BATCH])
    natural = [c for c in ("period", "year_start", "line_key") if c in table.c]
    record_rows(session, model, "insert", new, key=natural)
    record_rows(session, model, "update", changed)


def clear_figures(
    session: Session, period: Period, line_key: str, start_month: int, *, month: bool, annual: bool
) -> int:
    """Remove a line's month and/or its fiscal year's annual budget; returns the rows removed."""
    ensure_open(session, period)
    if annual:
        ensure_annual_budget_open(session, year_start(period, start_month), line_key)
    statements = []
    if month:
        statements.append(
            delete(FinanceFigure).where(
                col(FinanceFigure.period) == str(period), col(FinanceFigure.line_key) == line_key
            )
        )
    if annual:
        statements.append(
            delete(FinanceAnnualBudget).where(
                col(FinanceAnnualBudget.year_start) == str(year_start(period, start_month)),
                col(FinanceAnnualBudget.line_key) == line_key,
            )
        )
    removed = 0
    for statement in statements:
        gone = session.connection().execute(sa_select(statement.table).where(statement.whereclause))  # type: ignore[arg-type]
        record_rows(session, statement.table, "delete", [dict(row._mapping) for row in gone])
        result = session.execute(statement)
        assert isinstance(result, CursorResult)
        removed += result.rowcount or 0
    session.flush()
    return removed


def figures_between(session: Session, first: Period, last: Period) -> list[FinanceFigure]:
    periods = [str(p) for p in first.range_to(last)]
    return list(session.exec(select(FinanceFigure).where(col(FinanceFigure.period).in_(periods))))


def annual_budgets(session: Session, start: Period) -> dict[str, int]:
    rows = session.exec(select(FinanceAnnualBudget).where(FinanceAnnualBudget.year_start == str(start)))
    return {row.line_key: row.amount_ore for row in rows}


def stored_line_keys(session: Session, periods: Iterable[Period]) -> set[str]:
    wanted = [str(p) for p in periods]
    rows = session.exec(select(FinanceFigure.line_key).where(col(FinanceFigure.period).in_(wanted)))
    return set(rows)
