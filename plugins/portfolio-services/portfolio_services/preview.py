"""What each import stores, read from the tables before and after it: the preview's two sides."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from sqlmodel import Session, select

from portfolio.api import Period
from portfolio_services.models import OperationsMonth, OrderHours, ReadinessEvent, ServiceOrder, SupportMonth

FIELDS: dict[str, tuple[Any, tuple[str, ...]]] = {
    "support": (SupportMonth, ("contacts", "phone_share", "answered_share", "first_line_share")),
    "incidents": (OperationsMonth, ("incidents", "changes")),
}


def monthly(session: Session, kind: str) -> dict[tuple[str, str], object]:
    """A monthly import's figures as stored: (month, figure) -> value."""
    model, fields = FIELDS[kind]
    session.flush()
    return {(row.period, name): getattr(row, name) for row in session.exec(select(model)) for name in fields}


def orders(session: Session) -> dict[Hashable, tuple[str, object]]:
    """Orders by reference, in the month they were received."""
    session.flush()
    return {
        o.reference: (str(Period.of(o.received)), (o.category, o.title, o.received, o.offer_sent, o.delivered))
        for o in session.exec(select(ServiceOrder))
    }


def hours(session: Session) -> dict[Hashable, tuple[str, object]]:
    """Hours by order and day, in the month worked."""
    session.flush()
    return {(h.order_id, h.work_date): (str(Period.of(h.work_date)), h.hours) for h in session.exec(select(OrderHours))}


def readiness(session: Session) -> dict[Hashable, tuple[str, object]]:
    """Readiness events by id, in the month they happened."""
    session.flush()
    return {
        e.id: (str(Period.of(e.event_date)), (e.event_date, e.level, e.description))
        for e in session.exec(select(ReadinessEvent))
    }
