"""Opening and closing months; a closed month refuses every change."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import func, text
from sqlmodel import Session, col, select

from portfolio.errors import ClosedPeriodError, PortfolioError
from portfolio.models import ReportingPeriod, StatusReport
from portfolio.period import Period

# PostgreSQL advisory locks of a month: (this namespace, the month's index). Every write into a
# month takes its lock shared in its own transaction before it reads whether the month is closed;
# ``period close`` (and ``period open``) take it exclusively. So a close waits for the writes
# already running in the month to commit, and a write that comes after waits for the close and
# then sees the month closed. SQLite needs none of it: a write transaction there holds the whole
# database (BEGIN IMMEDIATE). The locks end with the transaction.
MONTH_LOCKS = 0x504D  # "PM"


def lock_month(session: Session, period: Period, *, exclusive: bool = False) -> None:
    """Take ``period``'s lock in this transaction: shared for a write into it, exclusive to close it."""
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        return
    function = "pg_advisory_xact_lock" if exclusive else "pg_advisory_xact_lock_shared"
    connection.execute(text(f"SELECT {function}(:space, :month)"), {"space": MONTH_LOCKS, "month": period.index})


def _stored(session: Session, period: Period) -> ReportingPeriod | None:
    """The month's row as committed now (not as this session read it before it had the lock)."""
    return session.get(ReportingPeriod, str(period), populate_existing=True)


def is_closed(session: Session, period: Period) -> bool:
    row = session.get(ReportingPeriod, str(period))
    return bool(row and row.closed)


def ensure_open(session: Session, period: Period) -> None:
    """Raise when ``period`` is closed; call before any write that belongs to a month.

    The month's lock is held from here to the commit, so it cannot be closed under the write.
    """
    lock_month(session, period)
    row = _stored(session, period)
    if row is not None and row.closed:
        raise _refusal(period, row)


def reopen_hint(period: Period) -> str:
    """How to reopen ``period``, as every refusal of a closed month ends: the whole command a user
    can type (``period open`` asks for a reason, kept in the audit trail and the archive)."""
    return f"reopen it with 'portfolio period open {period} --reason \"...\"'"


def _refusal(period: Period, row: ReportingPeriod, day: dt.date | None = None) -> ClosedPeriodError:
    by = f" by {row.closed_by}" if row.closed_by else ""
    what = f"{day.isoformat()} is in period {period}, which is closed" if day else f"period {period} is closed"
    return ClosedPeriodError(f"{what}{by}; {reopen_hint(period)}")


def closed_months(session: Session) -> dict[Period, ReportingPeriod]:
    """Every closed month, read in one query."""
    query = select(ReportingPeriod).where(col(ReportingPeriod.closed).is_(True))
    rows = session.exec(query.execution_options(populate_existing=True)).all()
    return {Period.parse(row.period): row for row in rows}


def is_closed_on(session: Session, day: dt.date) -> bool:
    """Whether ``day`` lies in a closed month."""
    return is_closed(session, Period.of(day))


def ensure_open_on(session: Session, day: dt.date) -> None:
    """Raise when ``day`` lies in a closed month; call before storing anything dated ``day``."""
    period = Period.of(day)
    lock_month(session, period)
    row = _stored(session, period)
    if row is not None and row.closed:
        raise _refusal(period, row, day)


def ensure_open_for_dates(session: Session, dates: Iterable[dt.date | None]) -> None:
    """Raise when any of ``dates`` lies in a closed month, naming the earliest such date.

    The closed months are read once, so an import checks all its rows' dates in one call before
    it writes anything (all or nothing). ``None`` (a date not given) is passed over.
    """
    days = [day for day in dates if day is not None]
    for period in sorted({Period.of(day) for day in days}):
        lock_month(session, period)
    closed = closed_months(session)
    if not closed:
        return
    hits = [day for day in days if Period.of(day) in closed]
    if hits:
        day = min(hits)
        raise _refusal(Period.of(day), closed[Period.of(day)], day)


def close_period(session: Session, period: Period, user: str) -> ReportingPeriod:
    """Close the month once every write already running in it has committed (``lock_month``)."""
    lock_month(session, period, exclusive=True)
    row = _stored(session, period)
    if row is not None and row.closed:
        raise PortfolioError(f"period {period} is already closed")
    if row is None:
        row = ReportingPeriod(period=str(period))
    row.closed = True
    row.closed_at = dt.datetime.now(dt.UTC).replace(microsecond=0)
    row.closed_by = user
    session.add(row)
    session.flush()
    return row


def open_period(session: Session, period: Period, reason: str) -> ReportingPeriod:
    """Reopen a closed month; ``reason`` goes into the audit trail with who reopened it."""
    lock_month(session, period, exclusive=True)
    row = _stored(session, period)
    if row is None or not row.closed:
        raise PortfolioError(f"period {period} is not closed")
    if not reason.strip():
        raise PortfolioError("say why the month is reopened: --reason TEXT")
    row.closed = False
    row.closed_at = None
    row.closed_by = None
    row.reopen_reason = reason.strip()
    session.add(row)
    session.flush()
    return row


def period_overview(session: Session) -> list[dict[str, object]]:
    """Every month that has statuses or has been closed, oldest first."""
    counts = dict(session.exec(select(StatusReport.period, func.count()).group_by(StatusReport.period)).all())
    rows = {row.period: row for row in session.exec(select(ReportingPeriod)).all()}
    return [
        {
            "period": period,
            "statuses": counts.get(period, 0),
            "closed": bool(rows[period].closed) if period in rows else False,
            "closed_by": rows[period].closed_by if period in rows else None,
            "closed_at": rows[period].closed_at if period in rows else None,
        }
        for period in sorted(set(counts) | set(rows))
    ]
