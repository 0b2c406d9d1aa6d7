"""Storing New services orders and the hours spent on them: upserts by natural key, in bulk.

An order is identified by its reference; importing it again updates it (dates are filled in as
the case moves on). Hours are kept per order and day, the day the work was done; a day given
again replaces what was stored, and 0 hours removes it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import TypeVar

from sqlalchemy import insert
from sqlmodel import Session, col, select

from portfolio.api import ensure_open_for_dates, record_rows
from portfolio_services.inputs import HoursInput, OrderInput
from portfolio_services.models import OrderHours, ServiceOrder

T = TypeVar("T")
BATCH = 500
DATE_FIELDS = ("received", "offer_sent", "delivered")


@dataclass(frozen=True)
class SaveCounts:
    """How many orders an import added, updated, left unchanged and removed."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0


def _chunks(items: Sequence[T], size: int = BATCH) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def orders_by_reference(session: Session, references: Iterable[str]) -> dict[str, ServiceOrder]:
    found: dict[str, ServiceOrder] = {}
    for chunk in _chunks(sorted(set(references))):
        statement = select(ServiceOrder).where(col(ServiceOrder.reference).in_(chunk))
        found.update({order.reference: order for order in session.exec(statement).all()})
    return found


def save_orders(session: Session, orders: Sequence[OrderInput]) -> SaveCounts:
    """Add new orders and update changed ones; every month a changed date touches must be open."""
    existing = orders_by_reference(session, (o.reference for o in orders))
    new_rows: list[dict[str, object]] = []
    changes: list[tuple[ServiceOrder, dict[str, object]]] = []
    touched: list[dt.date | None] = []  # every date a new or changed order adds, moves or removes
    unchanged = 0
    for order in orders:
        values = asdict(order)
        row = existing.get(order.reference)
        if row is None:
            touched.extend((order.received, order.offer_sent, order.delivered))
            new_rows.append(values)
            continue
        changed = {key: value for key, value in values.items() if getattr(row, key) != value}
        if not changed:
            unchanged += 1
            continue
        for key in DATE_FIELDS:
            if key in changed:
                touched.extend((getattr(row, key), changed[key]))  # type: ignore[arg-type]
        changes.append((row, changed))
    ensure_open_for_dates(session, touched)  # before anything is written
    for row, changed in changes:
        for key, value in changed.items():
            setattr(row, key, value)
        session.add(row)
    updated = len(changes)
    session.flush()
    for batch in _chunks(new_rows):
        session.execute(insert(ServiceOrder), list(batch))
    record_rows(session, ServiceOrder, "insert", new_rows, key=("reference",))
    return SaveCounts(added=len(new_rows), updated=updated, unchanged=unchanged)


def save_hours(session: Session, entries: Sequence[HoursInput]) -> SaveCounts:
    """Set each order's hours for each day; the orders must exist (importers check first)."""
    orders = orders_by_reference(session, (e.reference for e in entries))
    ids = sorted({order.id for order in orders.values() if order.id is not None})
    stored: dict[tuple[int, dt.date], OrderHours] = {}
    for chunk in _chunks(ids):
        rows = session.exec(select(OrderHours).where(col(OrderHours.order_id).in_(chunk))).all()
        stored.update({(row.order_id, row.work_date): row for row in rows})
    ensure_open_for_dates(  # every day whose hours would change, before anything is written
        session,
        (
            entry.work_date
            for entry in entries
            if (row := stored.get((orders[entry.reference].id or 0, entry.work_date))) is None
            or row.hours != entry.hours
        ),
    )
    new_rows: list[dict[str, object]] = []
    updated = unchanged = removed = 0
    for entry in entries:
        order_id = orders[entry.reference].id
        assert order_id is not None
        row = stored.get((order_id, entry.work_date))
        if row is not None and row.hours == entry.hours:
            unchanged += 1
            continue
        if row is None:
            if entry.hours > 0:
                new_rows.append({"order_id": order_id, "work_date": entry.work_date, "hours": entry.hours})
            continue
        if entry.hours == 0:
            session.delete(row)
            removed += 1
        else:
            row.hours = entry.hours
            session.add(row)
            updated += 1
    session.flush()
    for batch in _chunks(new_rows):
        session.execute(insert(OrderHours), list(batch))
    record_rows(session, OrderHours, "insert", new_rows)
    return SaveCounts(added=len(new_rows), updated=updated, unchanged=unchanged, removed=removed)


def sum_hours_per_day(entries: Iterable[HoursInput]) -> list[HoursInput]:
    """Rows for the same order and day added up, in first-seen order: a time export may split a
    day's work over several rows."""
    totals: dict[tuple[str, dt.date], Decimal] = {}
    for entry in entries:
        key = (entry.reference, entry.work_date)
        totals[key] = totals.get(key, Decimal(0)) + entry.hours
    return [HoursInput(ref, day, total) for (ref, day), total in totals.items()]
