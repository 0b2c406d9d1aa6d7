"""The status rows a month's report reads, read in one query and shared by all who need them.

The matrix (the month and the one before), the copied-status check (the last few months, with
comments), the status grids (one dimension over half a year) and the fingerprint all read the
same table; on 10,000 projects each read is hundreds of thousands of rows. A ``StatusWindow``
holds every row of that scope once, grouped by month, and answers each of them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from portfolio.period import Period
from portfolio.ratings import Rating

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from portfolio.config import Settings

MATRIX_MONTHS = 2  # the matrix: the month and the one before, for the trends
RatingTable = dict[tuple[str, int, str], dict[str, Rating]]
_RATINGS = {rating.value: rating for rating in Rating}


@dataclass(frozen=True)
class StatusScope:
    """The status rows a report reads: every dimension of the last ``months`` months (the matrix's
    month and the one before, the months a copied status is looked for), and the grids'
    dimensions over ``grid_months`` (their months and the one before them)."""

    months: int = MATRIX_MONTHS
    grid_months: int = 0
    grid_dimensions: tuple[str, ...] = ()
    # False: the ratings alone (the comments and recovery actions read as None), for a matrix or a
    # grid read on its own; a report's shared window has them all
    texts: bool = True


def status_scope(settings: Settings) -> StatusScope:
    """What a report under ``settings`` reads of the statuses."""
    dimensions = tuple(settings.grid_dimensions())
    return StatusScope(
        max(MATRIX_MONTHS, settings.unchanged_months),
        settings.status_grid_months + 1 if dimensions else 0,
        dimensions,
    )


class StatusRow(NamedTuple):
    """A status report joined with one of its ratings (``dimension`` None for a report without any):
    the rows the window is read from and the rows ``rating_rows`` gives."""

    report_id: int
    period: str
    project_id: int | None
    program_id: int | None
    comment: str | None
    justification: str | None
    dimension: str | None
    rating: str | None
    rating_comment: str | None
    action: str | None  # the rating's recovery action: what, owner, due date
    action_owner: str | None
    action_due: dt.date | None


REPORT_FIELDS = 6  # a held report: StatusRow's first six fields, then its ratings
RATINGS = REPORT_FIELDS  # the place of a held report's ratings: (dimension, rating, comment, action, owner, due)
_NO_TEXTS = (None,) * 4


class StatusWindow:
    """Every status row of a scope ending with ``period``, held as one tuple per report, grouped by
    month: the report's fields (the first six of ``StatusRow``), then its ratings as a tuple of
    (dimension, rating, comment, action, owner, due).

    A report's six ratings share its fields, and a rating without comment or recovery action is
    one tuple shared by all of its kind: about 35 bytes a rating, not a 12-field row of 150 (on
    10,000 projects the window holds 240,000 ratings; as rows they were 50 MiB of the report's
    peak).
    """

    def __init__(self, period: Period, scope: StatusScope, rows: Iterable[Sequence[Any]]) -> None:
        self.period = period
        self.scope = scope
        self.by_month: dict[str, list[tuple]] = _grouped(rows)
        self.full_months = frozenset(str(p) for p in _last(period, scope.months))
        self.grid_months = frozenset(str(p) for p in _last(period, scope.grid_months))

    def covers(self, periods: Collection[Period], dimensions: Collection[str] | None = None) -> bool:
        """True when every rating of ``periods`` (of ``dimensions``, or all) is in the window."""
        for period in map(str, periods):
            if period in self.full_months:
                continue
            if dimensions is None or period not in self.grid_months:
                return False
            if not set(dimensions) <= set(self.scope.grid_dimensions):
                return False
        return True

    def ratings(self, periods: Sequence[Period], dimensions: Collection[str] | None = None) -> RatingTable:
        """(kind, id, period) -> {dimension: rating} of the months (and dimensions) asked for.

        Reports with the same ratings share one dictionary (most reports of a large portfolio
        rate alike): the table is read, never changed in place.
        """
        wanted = None if dimensions is None else frozenset(dimensions)
        result: RatingTable = {}
        made: dict[int, dict[str, Rating]] = {}  # id of a report's ratings (held by the window) -> its dict
        for period in periods:
            for report in self.by_month.get(str(period), ()):
                entries = report[RATINGS]
                found = made.get(id(entries))
                if found is None:
                    found = made[id(entries)] = {
                        entry[0]: _RATINGS[entry[1]] for entry in entries if wanted is None or entry[0] in wanted
                    }
                if found:
                    key = (
                        ("project", report[2], report[1])
                        if report[2] is not None
                        else ("program", report[3], report[1])
                    )
                    result[key] = found
        return result

    def justifications(self) -> dict[int, str]:
        """program id -> the justification of its own status in the window's month."""
        return {
            report[3]: report[5]
            for report in self.by_month.get(str(self.period), ())
            if report[3] is not None and report[5] is not None
        }

    def unchanged(self, periods: Sequence[Period]) -> set[int]:
        """The projects that reported the same in every month of ``periods`` (ratings, comments
        and recovery actions), and something in the first.

        A project has one report a month: each project's months are compared one project at a
        time, so memory holds a report per project and month (already in the window), not every
        month's reports as sets (36 MiB on 10,000 projects).
        """
        months = [self._by_project(str(period)) for period in periods]
        if not months:
            return set()
        first, later = months[0], months[1:]
        same = set()
        for project_id, report in first.items():
            items = _signature(report)
            if all((other := month.get(project_id)) is not None and _signature(other) == items for month in later):
                same.add(project_id)
        return same

    def _by_project(self, month: str) -> dict[int, tuple]:
        """project id -> its report of ``month``."""
        return {report[2]: report for report in self.by_month.get(month, ()) if report[2] is not None}

    def report_rows(self) -> list[tuple]:
        """The reports of the window's full months (every dimension), one per report, whose first
        six fields are those of ``StatusRow``."""
        return [report for month in self.full_months for report in self.by_month.get(month, ())]

    def rating_rows(self, month: str | None = None) -> Iterator[tuple]:
        """Every rating in the window (or of ``month``), as rows with the fields of ``StatusRow``,
        made as they are taken."""
        months = self.by_month.values() if month is None else [self.by_month.get(month, [])]
        for reports in months:
            for report in reports:
                head = report[:REPORT_FIELDS]
                for entry in report[RATINGS]:
                    yield head + entry


def _signature(report: tuple) -> frozenset[tuple[Any, ...]]:
    """Everything a held report says: its comment, and each rating with its comment and recovery action."""
    items: list[tuple[Any, ...]] = [("", report[4] or "", "")]
    for entry in report[RATINGS]:
        items.append(
            (entry[0], entry[1], entry[2] or "", *entry[3:]) if entry[3] else (entry[0], entry[1], entry[2] or "")
        )
    return frozenset(items)


def _grouped(rows: Iterable[Sequence[Any]]) -> dict[str, list[tuple]]:
    """Rows of ``StatusRow``'s fields (a report's ratings in any order, anywhere among the rows) as
    one tuple per report, by month; equal months, dimensions, ids and plain ratings one object."""
    shared: dict[Any, Any] = {}
    one = shared.setdefault
    plain: dict[tuple[str, str], tuple] = {}  # (dimension, rating) -> the rating without texts
    reports: dict[int, list] = {}
    for r in rows:
        found = reports.get(r[0])
        if found is None:
            found = reports[r[0]] = [(r[0], one(r[1], r[1]), one(r[2], r[2]), r[3], r[4], r[5])]
        if r[6] is None:
            continue
        texts = tuple(r[8:12])
        if texts == _NO_TEXTS:
            entry = plain.get((r[6], r[7]))
            if entry is None:
                entry = plain[r[6], r[7]] = (one(r[6], r[6]), one(r[7], r[7]), *_NO_TEXTS)
        else:
            entry = (one(r[6], r[6]), one(r[7], r[7]), *texts)
        found.append(entry)
    by_month: dict[str, list[tuple]] = defaultdict(list)
    for head, *entries in reports.values():
        ratings = tuple(entries)
        if all(entry[2:] == _NO_TEXTS for entry in ratings):  # plain ratings: one tuple for all alike
            ratings = one(ratings, ratings)
        by_month[head[1]].append((*head, ratings))
    return by_month


def _last(period: Period, months: int) -> list[Period]:
    return period.shift(1 - months).range_to(period) if months > 0 else []


def read_status_window(session: Session, period: Period, scope: StatusScope) -> StatusWindow:
    """Read the scope's rows in one query: reports of every month in it, with their ratings."""
    from sqlalchemy import and_, null, or_, select

    from portfolio.models import StatusRating, StatusReport

    report, rating = StatusReport.__table__.c, StatusRating.__table__.c  # type: ignore[attr-defined]
    conditions = []
    if scope.months > 0:
        conditions.append(report.period.between(str(period.shift(1 - scope.months)), str(period)))
    if scope.grid_dimensions and scope.grid_months > scope.months:
        conditions.append(
            and_(
                report.period.between(str(period.shift(1 - scope.grid_months)), str(period)),
                rating.dimension.in_(scope.grid_dimensions),
            )
        )
    if not conditions:
        return StatusWindow(period, scope, [])
    texts = (
        (report.comment, rating.comment, rating.action, rating.action_owner, rating.action_due)
        if scope.texts
        else (null(),) * 5
    )
    query = (
        select(
            report.id,
            report.period,
            report.project_id,
            report.program_id,
            texts[0],
            report.justification,
            rating.dimension,
            rating.rating,
            *texts[1:],
        )
        .outerjoin(StatusRating.__table__, rating.report_id == report.id)  # type: ignore[attr-defined]
        .where(or_(*conditions))
    )
    # fetched 10,000 rows a call (iterating a result fetches row by row, a third of the time
    # here), on PostgreSQL through a server-side cursor: libpq would otherwise hold every row of
    # the result at once (about 50 MiB at 10,000 projects) while they are grouped
    batches = session.connection().execute(query, execution_options={"yield_per": 10_000}).partitions()
    return StatusWindow(period, scope, (row for rows in batches for row in rows))


def shared_status_window(session: Session, period: Period, scope: StatusScope) -> StatusWindow:
    """The window of ``scope``, read once per read-only session (the report's sections share it)."""
    from portfolio.read_once import read_once

    return read_once(session, ("status_window", str(period), scope), lambda: read_status_window(session, period, scope))


def report_status_window(session: Session, period: Period, settings: Settings) -> StatusWindow:
    """Every status row a month's report under ``settings`` reads, shared by its sections."""
    return shared_status_window(session, period, status_scope(settings))


def window_for(
    session: Session,
    period: Period,
    periods: Collection[Period],
    dimensions: Collection[str] | None,
    window: StatusWindow | None,
    *,
    texts: bool = True,
) -> StatusWindow:
    """``window`` when it holds what is asked for, else a window of just that, read now (without
    the comments and recovery actions when ``texts`` is False: a quarter less to read)."""
    if window is not None and window.covers(periods, dimensions):
        return window
    months = len(min(periods, key=str).range_to(period)) if periods else 0
    if dimensions is None:
        return read_status_window(session, period, StatusScope(months=months, texts=texts))
    return read_status_window(session, period, StatusScope(0, months, tuple(dimensions), texts))
