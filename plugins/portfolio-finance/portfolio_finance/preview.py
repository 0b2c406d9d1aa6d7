"""The figures as stored, before and after an import: the preview's two sides, in kroner.

The line format's preview is read a month at a time with plain column selects, against what
the import's writer read before it wrote (``StoredBefore``): memory does not grow with the file.
Up to ``DETAIL_LIMIT`` figures are shown one by one; beyond that each month is counted (new,
changed, unchanged, removed), and ``--details`` streams every figure without holding them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlmodel import Session, select

from portfolio_finance.figures import FIGURE_FIELDS, StoredBefore
from portfolio_finance.models import FinanceAnnualBudget, FinanceFigure, FinanceProjectBudget
from portfolio_finance.units import from_ore

FIGURES = ("actual", "budget", "forecast")
DETAIL_LIMIT = 200  # figures shown one by one; more are counted per month (unless --details)
# a line's figures in the order the preview sorts "line figure": annual_budget between actual and budget
_ORDER = ("actual", "annual_budget", "budget", "forecast")

Change = tuple[str, str, object, object]  # (month, "line figure", now, new) in kroner, None: none


def line_preview(session: Session, periods: Iterable[object], before: StoredBefore, *, details: bool) -> Iterator[str]:
    """The preview's text, a line at a time: every figure of the file's months and of every month
    where anything changes, stored now against stored after the import. More than
    ``DETAIL_LIMIT`` figures are counted per month, unless ``details``."""
    from portfolio.api import Preview

    session.flush()
    months = _shown_months(session, {str(p) for p in periods}, before)

    def changes() -> Iterator[Change]:
        for month in months:
            yield from _month_changes(session, month, before)

    if details:
        yield from Preview.stream(changes)
        return
    tallies = [(month, _month_tally(session, month, before)) for month in months]
    total = sum(count for _month, (_now, _new, states) in tallies for count in states.values())
    preview = Preview()
    if total <= DETAIL_LIMIT:
        for change in changes():
            preview.add(*change)
        yield preview.render()
        return
    for month, (count_now, count_new, states) in tallies:
        if states:
            preview.tally(month, "line figures", count_now, count_new, states)
    yield preview.render()
    yield (
        f"{total} line figures, more than {DETAIL_LIMIT}: counted per month; "
        "--details shows each one (in kroner, stored now and to store).\n"
    )


def _month_tally(session: Session, month: str, before: StoredBefore) -> tuple[int, int, dict[str, int]]:
    """One month's figures counted: stored now, stored after, and how many are in each state.
    A month the import did not write to, or wrote to empty, is counted by the database."""
    from portfolio.api import Preview

    count_now = count_new = 0
    states: dict[str, int] = {}

    def count(now: int | None, new: int | None) -> None:
        nonlocal count_now, count_new
        count_now += now is not None
        count_new += new is not None
        state = Preview.state(now, new)
        states[state] = states.get(state, 0) + 1

    table = FinanceFigure.__table__.c  # type: ignore[attr-defined]
    connection = session.connection()
    stored = before.figures.get(month)
    if not stored:  # not written to: each figure as it was; written to empty: each one new
        query = sa_select(*(func.count(table[name]) for name in FIGURE_FIELDS)).where(table.period == month)
        figures = sum(connection.execute(query).one())
        state = Preview.state(None if stored is not None else 0, 0)
        if figures:
            states[state] = figures
        count_new = figures
        count_now = figures if stored is None else 0
    else:
        query = sa_select(table.line_key, *(table[name] for name in FIGURE_FIELDS)).where(table.period == month)
        after: dict[str, tuple] = {row[0]: tuple(row[1:]) for row in connection.execute(query)}
        empty: tuple = (None, None, None)
        for line in set(after) | set(stored):
            old, new = stored.get(line, (None, *empty))[1:], after.get(line, empty)
            for was, will in zip(old, new, strict=True):
                if was is not None or will is not None:
                    count(was, will)
    annual_after, annual_now = _annual(session, month, before)
    for line in set(annual_after) | set(annual_now):
        count(annual_now.get(line), annual_after.get(line))
    return count_now, count_new, states


def _annual(session: Session, month: str, before: StoredBefore) -> tuple[dict[str, int], dict[str, int]]:
    """The annual budgets of the fiscal year starting in ``month`` (none for another month):
    as stored after the import, and as before it."""
    budgets = FinanceAnnualBudget.__table__.c  # type: ignore[attr-defined]
    query = sa_select(budgets.line_key, budgets.amount_ore).where(budgets.year_start == month)
    after = {row[0]: row[1] for row in session.connection().execute(query)}
    return after, before.annual.get(month, after)


def _shown_months(session: Session, given: set[str], before: StoredBefore) -> list[str]:
    """The file's months and every other month where anything changes: only a fiscal year's
    first month can be one (its annual budgets), and only when the import gave one."""
    from portfolio.api import Preview

    shown = set(given)
    unchanged = Preview.state(0, 0)
    for month in set(before.annual) - given:
        if set(_month_tally(session, month, before)[2]) - {unchanged}:
            shown.add(month)
    return sorted(shown)


def _month_changes(session: Session, month: str, before: StoredBefore) -> Iterator[Change]:
    """One month's figures, sorted by line and figure: (month, "line figure", now, new)."""
    table = FinanceFigure.__table__.c  # type: ignore[attr-defined]
    query = sa_select(table.line_key, *(table[name] for name in FIGURE_FIELDS)).where(table.period == month)
    connection = session.connection()
    after = {row[0]: tuple(row[1:]) for row in connection.execute(query)}
    stored = before.figures.get(month)
    now = after if stored is None else {line: tuple(values[1:]) for line, values in stored.items()}
    annual_after, annual_now = _annual(session, month, before)
    empty = (None, None, None)
    for line in sorted(set(after) | set(now) | set(annual_after) | set(annual_now)):
        old, new = now.get(line, empty), after.get(line, empty)
        sides = {name: (old[i], new[i]) for i, name in enumerate(FIGURES)}
        sides["annual_budget"] = (annual_now.get(line), annual_after.get(line))
        for name in _ORDER:
            was, will = sides[name]
            if was is not None or will is not None:
                yield (month, f"{line} {name}", _kroner(was), _kroner(will))


def _kroner(ore: int | None) -> object:
    return None if ore is None else from_ore(ore, 1)


def project_budgets(session: Session, codes: dict[int, str]) -> dict[tuple[str, str], object]:
    """(month, "PROJECT budget|actual") -> kroner."""
    session.flush()
    found: dict[tuple[str, str], object] = {}
    for row in session.exec(select(FinanceProjectBudget)):
        code = codes.get(row.project_id, str(row.project_id))
        found[(row.period, f"{code} budget")] = from_ore(row.budget_ore, 1)
        found[(row.period, f"{code} actual")] = from_ore(row.actual_ore, 1)
    return found
