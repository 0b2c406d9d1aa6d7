"""Opening and closing months; a closed month refuses every change."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func
from sqlmodel import Session, select

from portfolio.errors import ClosedPeriodError, PortfolioError
from portfolio.models import ReportingPeriod, StatusReport
from portfolio.period import Period


def is_closed(session: Session, period: Period) -> bool:
    row = session.get(ReportingPeriod, str(period))
    return bool(row and row.closed)


def ensure_open(session: Session, period: Period) -> None:
    """Raise when ``period`` is closed; call before any write that belongs to a month."""
    row = session.get(ReportingPeriod, str(period))
    if row is not None and row.closed:
        by = f" by {row.closed_by}" if row.closed_by else ""
        raise ClosedPeriodError(f"period {period} is closed{by}; reopen it with 'portfolio period open {period}'")


def close_period(session: Session, period: Period, user: str) -> ReportingPeriod:
    row = session.get(ReportingPeriod, str(period))
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
    row = session.get(ReportingPeriod, str(period))
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
