"""Reading the audit trail back: what changed for a project or program, and who changed it."""

from __future__ import annotations

from sqlmodel import Session, col, select

from portfolio.models import AuditEntry
from portfolio.period import Period


def history_of(
    session: Session, subject: str, *, period: Period | None = None, limit: int | None = None
) -> list[AuditEntry]:
    """Audit entries for a code, oldest first; optionally one month's and only the newest ``limit``."""
    query = select(AuditEntry).where(AuditEntry.subject == subject)
    if period is not None:
        query = query.where(AuditEntry.period == str(period))
    query = query.order_by(col(AuditEntry.id).desc())
    if limit is not None:
        query = query.limit(limit)
    return list(reversed(session.exec(query).all()))
