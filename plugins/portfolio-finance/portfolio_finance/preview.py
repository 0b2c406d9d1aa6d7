"""The figures as stored, before and after an import: the preview's two sides, in kroner.

The line format's preview is read a month at a time with plain column selects, against what
the import's writer read before it wrote (``StoredBefore``): memory does not grow with the file.
Up to ``DETAIL_LIMIT`` figures are shown one by one; beyond that each month is counted (new,
changed, unchanged, removed), and ``--details`` streams every figure without holding them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

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
    preview = Preview()
    counts: dict[str, list[int]] = {}  # month -> [stored now, stored after]
    states: dict[str, dict[str, int]] = {}
    total = 0
    for month, what, now, new in changes():
        total += 1
        if total <= DETAIL_LIMIT:
            state = preview.add(month, what, now, new)
        else:
            state = Preview.state(now, new)
        count = counts.setdefault(month, [0, 0])
        count[0] += now is not None
        count[1] += new is not None
        tally = states.setdefault(month, {})
        tally[state] = tally.get(state, 0) + 1
    if total <= DETAIL_LIMIT:
        yield preview.render()
        return
    summary = Preview()
    for month in months:
        if month in counts:
            summary.tally(month, "line figures", counts[month][0], counts[month][1], states[month])
    yield summary.render()
    yield (
        f"{total} line figures, more than {DETAIL_LIMIT}: counted per month; "
        "--details shows each one (in kroner, stored now and to store).\n"
    )


def _shown_months(session: Session, given: set[str], before: StoredBefore) -> list[str]:
    """The file's months and every other month where anything changes: only a fiscal year's
    first month can be one (its annual budgets), and only when the import gave one."""
    shown = set(given)
    for month in set(before.annual) - given:
        if any(now != new for _m, _w, now, new in _month_changes(session, month, before)):
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
    budgets = FinanceAnnualBudget.__table__.c  # type: ignore[attr-defined]
    annual_query = sa_select(budgets.line_key, budgets.amount_ore).where(budgets.year_start == month)
    annual_after = {row[0]: row[1] for row in connection.execute(annual_query)}
    annual_now = before.annual.get(month, annual_after)
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
