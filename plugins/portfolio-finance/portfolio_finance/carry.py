"""Values that hold until changed: the latest entry before a month, in its fiscal year or not."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from portfolio.api import Period


def latest_before(
    session: Session, model: Any, period: Period, since: Period | None = None, **where: object
) -> Any | None:
    """The row of ``model`` with the latest period before ``period`` (and not before ``since``)."""
    query = select(model).where(col(model.period) < str(period))
    if since is not None:
        query = query.where(col(model.period) >= str(since))
    for name, value in where.items():
        query = query.where(getattr(model, name) == value)
    return session.exec(query.order_by(col(model.period).desc())).first()
