"""AML breaches (Working Environment Act) per type and month: storing and reading the counts."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlalchemy import delete, insert
from sqlmodel import Session, select

from portfolio.api import Period, PortfolioError, ensure_open, record_rows
from portfolio_hr.models import HrAmlBreach
from portfolio_hr.values import not_in_future


def _writable(session: Session, period: Period) -> None:
    try:
        not_in_future(period)
    except ValueError as exc:
        raise PortfolioError(str(exc)) from None
    ensure_open(session, period)


def replace_months(session: Session, counts: Mapping[Period, Mapping[str, int]]) -> int:
    """Replace each given month's counts as a whole; a type left out of a month becomes zero.

    Returns the number of rows written.
    """
    for period in counts:
        _writable(session, period)
    if not counts:
        return 0
    session.execute(
        delete(HrAmlBreach).where(HrAmlBreach.period.in_([str(p) for p in counts]))  # type: ignore[attr-defined]
    )
    rows = [
        {"period": str(period), "breach_type": key, "count": count}
        for period, month in counts.items()
        for key, count in month.items()
    ]
    if rows:
        session.execute(insert(HrAmlBreach), rows)
        record_rows(session, HrAmlBreach, "insert", rows)
    session.flush()
    return len(rows)


def set_count(session: Session, period: Period, key: str, count: int) -> HrAmlBreach:
    """Set one type's count for one month, keeping the month's other types."""
    _writable(session, period)
    row = session.get(HrAmlBreach, (str(period), key))
    if row is None:
        row = HrAmlBreach(period=str(period), breach_type=key, count=count)
    row.count = count
    session.add(row)
    session.flush()
    return row


def counts(session: Session, periods: Iterable[Period]) -> dict[Period, dict[str, int]]:
    """The recorded months among ``periods``: type key -> count. A month without rows is absent."""
    wanted = [str(p) for p in periods]
    rows = session.exec(select(HrAmlBreach).where(HrAmlBreach.period.in_(wanted))).all()  # type: ignore[attr-defined]
    result: dict[Period, dict[str, int]] = {}
    for row in rows:
        result.setdefault(Period.parse(row.period), {})[row.breach_type] = row.count
    return result


def type_order(configured: Iterable[str], recorded: Iterable[Mapping[str, int]]) -> list[str]:
    """The configured types in their order, then any stored type no longer configured (sorted)."""
    keys = list(configured)
    extra = sorted({key for month in recorded for key in month} - set(keys))
    return keys + extra
