"""Open counts on given dates, from the records or from entered snapshots.

A deviation is open on a date when it was opened on or before that date and not closed before
it: one closed on the date itself still counts. Only deviations whose place of the event is the
configured place are counted; those handled by the own organisation are split from those
handled by the health trusts (any other unit).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, or_
from sqlmodel import Session, col, select

from portfolio.api import Period
from portfolio_deviations.config import DeviationSettings
from portfolio_deviations.models import Deviation, DeviationImport, DeviationSnapshot

OWN = "own"
TRUSTS = "trusts"
SNAPSHOT = "snapshot"
RECORDS = "records"
NONE = "none"


@dataclass(frozen=True)
class DateCount:
    """The open count on one date and where it comes from; a split may be unknown (None)."""

    day: dt.date
    own: int | None
    trusts: int | None
    total: int | None
    source: str  # snapshot, records or none


def is_open_on(opened: dt.date, closed: dt.date | None, day: dt.date) -> bool:
    """The rule every count follows: opened on or before ``day``, not closed before it."""
    return opened <= day and (closed is None or closed >= day)


def same_name(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()


def handler_group(handler: str, organisation: str) -> str:
    """``own`` for the own organisation, ``trusts`` for every other handling unit."""
    return OWN if same_name(handler, organisation) else TRUSTS


def window_dates(period: Period, months: int, extra_dates: Iterable[dt.date] = ()) -> list[dt.date]:
    """The first of each month for ``months`` months ending the day after ``period``.

    Extra dates earlier than the window come first, as the reference report's 1 April 2023.
    """
    end = period.next()
    window = [end.shift(-back).first_day for back in range(months - 1, -1, -1)]
    extras = sorted({day for day in extra_dates if day < window[0]})
    return extras + window


def _open_on(day: dt.date) -> ColumnElement[bool]:
    return (col(Deviation.opened) <= day) & or_(col(Deviation.closed).is_(None), col(Deviation.closed) >= day)


def record_counts(session: Session, day: dt.date, cfg: DeviationSettings) -> tuple[int, int]:
    """(own, trusts) open on ``day`` among the records whose place is the configured one."""
    query = (
        select(Deviation.place, Deviation.handler, func.count())
        .where(_open_on(day))
        .group_by(Deviation.place, Deviation.handler)
    )
    own = trusts = 0
    for place, handler, count in session.exec(query).all():
        if not same_name(place, cfg.place):
            continue
        if handler_group(handler, cfg.organisation) == OWN:
            own += count
        else:
            trusts += count
    return own, trusts


def has_records(session: Session) -> bool:
    return session.exec(select(Deviation.id).limit(1)).first() is not None


def counts(session: Session, days: Sequence[dt.date], cfg: DeviationSettings) -> list[DateCount]:
    """One count per date: an entered snapshot wins; else the records; else none at all."""
    snapshots = {
        row.day: row
        for row in session.exec(select(DeviationSnapshot).where(col(DeviationSnapshot.day).in_(days))).all()
    }
    records = has_records(session)
    result = []
    for day in days:
        snapshot = snapshots.get(day)
        if snapshot is not None:
            result.append(DateCount(day, snapshot.own, snapshot.trusts, snapshot.total, SNAPSHOT))
        elif records:
            own, trusts = record_counts(session, day, cfg)
            result.append(DateCount(day, own, trusts, own + trusts, RECORDS))
        else:
            result.append(DateCount(day, None, None, None, NONE))
    return result


def matching_places(session: Session, place: str) -> list[str]:
    """The stored spellings of ``place`` (case and spaces aside), for an exact SQL filter."""
    stored = session.exec(select(Deviation.place).distinct()).all()
    return [name for name in stored if same_name(name, place)]


def oldest_open(session: Session, day: dt.date, cfg: DeviationSettings, limit: int) -> list[Deviation]:
    """The ``limit`` longest-open deviations on ``day`` at the configured place, oldest first."""
    places = matching_places(session, cfg.place)
    if limit <= 0 or not places:
        return []
    query = (
        select(Deviation)
        .where(_open_on(day), col(Deviation.place).in_(places))
        .order_by(col(Deviation.opened), col(Deviation.external_id))
        .limit(limit)
    )
    return list(session.exec(query).all())


def latest_export(session: Session) -> dt.date | None:
    """The date of the newest export imported: counts after it may miss later changes."""
    return session.exec(select(func.max(DeviationImport.exported_on))).first()
