"""Open counts on given dates, from the records or from entered snapshots.

A deviation is open on a date when it was opened on or before that date and not closed before
it: one closed on the date itself still counts. When a place is configured, only deviations whose
place of the event is that place are counted (else every one). When an own organisation is
configured, those it handles are split from those handled by the health trusts (any other unit);
without one there is no split, and every count is a total only.
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


def handler_group(handler: str, organisation: str | None) -> str | None:
    """``own`` for the own organisation, ``trusts`` for every other handling unit; None when no
    organisation is configured (nothing is split)."""
    if organisation is None:
        return None
    return OWN if same_name(handler, organisation) else TRUSTS


def at_place(place: str, wanted: str | None) -> bool:
    """Whether a deviation's place of the event is counted: every place when none is configured."""
    return wanted is None or same_name(place, wanted)


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
    """(own, trusts) open on ``day`` among the records whose place is the configured one; without
    an organisation every one is counted as ``trusts`` (``counts`` then reports the total only)."""
    query = (
        select(Deviation.place, Deviation.handler, func.count())
        .where(_open_on(day))
        .group_by(Deviation.place, Deviation.handler)
    )
    own = trusts = 0
    for place, handler, count in session.exec(query).all():
        if not at_place(place, cfg.place):
            continue
        if handler_group(handler, cfg.organisation) == OWN:
            own += count
        else:
            trusts += count
    return own, trusts


def has_records(session: Session) -> bool:
    return session.exec(select(Deviation.id).limit(1)).first() is not None


def counts(session: Session, days: Sequence[dt.date], cfg: DeviationSettings) -> list[DateCount]:
    """One count per date: an entered snapshot wins; else the records; else none at all.

    Without a configured organisation the split is unknown: own and trusts are None.
    """
    snapshots = {
        row.day: row
        for row in session.exec(select(DeviationSnapshot).where(col(DeviationSnapshot.day).in_(days))).all()
    }
    records = has_records(session)
    result = []
    split = cfg.organisation is not None
    for day in days:
        snapshot = snapshots.get(day)
        own: int | None
        trusts: int | None
        if snapshot is not None:
            own, trusts = (snapshot.own, snapshot.trusts) if split else (None, None)
            result.append(DateCount(day, own, trusts, snapshot.total, SNAPSHOT))
        elif records:
            own, trusts = record_counts(session, day, cfg)
            total = own + trusts
            if not split:
                own = trusts = None
            result.append(DateCount(day, own, trusts, total, RECORDS))
        else:
            result.append(DateCount(day, None, None, None, NONE))
    return result


def matching_places(session: Session, place: str) -> list[str]:
    """The stored spellings of ``place`` (case and spaces aside), for an exact SQL filter."""
    stored = session.exec(select(Deviation.place).distinct()).all()
    return [name for name in stored if same_name(name, place)]


def oldest_open(session: Session, day: dt.date, cfg: DeviationSettings, limit: int) -> list[Deviation]:
    """The ``limit`` longest-open deviations on ``day`` at the configured place (else at any),
    oldest first."""
    if limit <= 0:
        return []
    query = select(Deviation).where(_open_on(day))
    if cfg.place is not None:
        places = matching_places(session, cfg.place)
        if not places:
            return []
        query = query.where(col(Deviation.place).in_(places))
    query = query.order_by(col(Deviation.opened), col(Deviation.external_id)).limit(limit)
    return list(session.exec(query).all())


def latest_export(session: Session) -> dt.date | None:
    """The date of the newest export imported: counts after it may miss later changes."""
    return session.exec(select(func.max(DeviationImport.exported_on))).first()
