"""Emergency readiness events: stored one by one, counted per month and level for the table."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session, col, select

from portfolio.api import Period, ensure_open_for_dates
from portfolio_services.choices import LEVELS
from portfolio_services.inputs import ReadinessInput
from portfolio_services.models import ReadinessEvent


@dataclass(frozen=True)
class EventView:
    """A readiness event as the report shows it."""

    day: dt.date
    level: str
    description: str


def save_events(session: Session, events: Sequence[ReadinessInput]) -> tuple[int, int]:
    """Add each event, or update its level when the same day and description are stored.

    Returns (added, updated). The month of every event must be open.
    """
    ensure_open_for_dates(session, (event.event_date for event in events))
    added = updated = 0
    for event in events:
        row = session.exec(
            select(ReadinessEvent).where(
                ReadinessEvent.event_date == event.event_date,
                ReadinessEvent.description == event.description,
            )
        ).first()
        if row is None:
            row = ReadinessEvent(event_date=event.event_date, level=event.level, description=event.description)
            added += 1
        elif row.level != event.level:
            row.level = event.level
            updated += 1
        session.add(row)
    session.flush()
    return added, updated


def events_between(session: Session, first: Period, last: Period) -> list[EventView]:
    """The events from the first day of ``first`` to the last day of ``last``, oldest first."""
    rows = session.exec(
        select(ReadinessEvent)
        .where(col(ReadinessEvent.event_date).between(first.first_day, last.last_day))
        .order_by(col(ReadinessEvent.event_date), col(ReadinessEvent.id))
    ).all()
    return [EventView(row.event_date, row.level, row.description) for row in rows]


def counts_by_month(events: Sequence[EventView]) -> dict[Period, dict[str, int]]:
    """Per month, how many events of each level (months without events are left out)."""
    counts: dict[Period, dict[str, int]] = {}
    for event in events:
        month = counts.setdefault(Period.of(event.day), dict.fromkeys(LEVELS, 0))
        month[event.level] += 1
    return counts
