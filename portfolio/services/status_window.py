"""The status rows a month's report reads, read in one query and shared by all who need them.

The matrix (the month and the one before), the copied-status check (the last few months, with
comments), the status grids (one dimension over half a year) and the fingerprint all read the
same table; on 10,000 projects each read is hundreds of thousands of rows. A ``StatusWindow``
holds every row of that scope once, grouped by month, and answers each of them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
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
    """A status report joined with one of its ratings (``dimension`` None for a report without any)."""

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


class StatusWindow:
    """Every status row of a scope ending with ``period``, grouped by month."""

    def __init__(self, period: Period, scope: StatusScope, rows: Sequence[tuple]) -> None:
        self.period = period
        self.scope = scope
        self.by_month: dict[str, list[tuple]] = defaultdict(list)
        for row in rows:
            self.by_month[row[1]].append(row)
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
        """(kind, id, period) -> {dimension: rating} of the months (and dimensions) asked for."""
        wanted = None if dimensions is None else frozenset(dimensions)
        result: RatingTable = defaultdict(dict)
        for period in periods:
            for row in self.by_month.get(str(period), ()):
                dimension = row[6]
                if dimension is None or (wanted is not None and dimension not in wanted):
                    continue
                key = ("project", row[2], row[1]) if row[2] is not None else ("program", row[3], row[1])
                result[key][dimension] = _RATINGS[row[7]]
        return result

    def justifications(self) -> dict[int, str]:
        """program id -> the justification of its own status in the window's month."""
        return {
            row[3]: row[5]
            for row in self.by_month.get(str(self.period), ())
            if row[3] is not None and row[5] is not None
        }

    def unchanged(self, periods: Sequence[Period]) -> set[int]:
        """The projects that reported the same in every month of ``periods`` (ratings, comments
        and recovery actions), and something in the first.

        Compared month by month through a hash of each project's month, and only the projects
        whose hashes agree compared again in full: memory holds a number per project and month,
        not every month's reports as sets (36 MiB on 10,000 projects).
        """
        texts = [str(period) for period in periods]
        if not texts:
            return set()
        hashes = {project_id: hash(items) for project_id, items in self._signatures(texts[0]).items()}
        for month in texts[1:]:
            later = self._signatures(month, hashes)
            hashes = {p: h for p, h in hashes.items() if p in later and hash(later[p]) == h}
        candidates = frozenset(hashes)
        first = self._signatures(texts[0], candidates)
        for month in texts[1:]:
            later = self._signatures(month, candidates)
            first = {p: items for p, items in first.items() if later.get(p) == items}
        return set(first)

    def _signatures(self, month: str, only: Collection[int] | None = None) -> dict[int, frozenset]:
        """project id -> everything the project reported in ``month`` (of ``only``, or all)."""
        parts: dict[int, list[tuple[Any, ...]]] = {}
        for row in self.by_month.get(month, ()):
            project_id = row[2]
            if project_id is None or (only is not None and project_id not in only):
                continue
            found = parts.get(project_id)
            if found is None:
                found = parts[project_id] = [("", row[4] or "", "")]
            if row[6] is not None:
                found.append((row[6], row[7], row[8] or "", *row[9:12]) if row[9] else (row[6], row[7], row[8] or ""))
        return {project_id: frozenset(items) for project_id, items in parts.items()}

    def report_rows(self) -> list[tuple]:
        """The reports of the window's full months (every dimension), one row per report, with the
        fields of ``StatusRow``."""
        seen: dict[int, tuple] = {}
        for month in self.full_months:
            for row in self.by_month.get(month, ()):
                if row[0] not in seen:
                    seen[row[0]] = row
        return list(seen.values())

    def rating_rows(self) -> list[tuple]:
        """Every rating in the window, with the fields of ``StatusRow``."""
        return [row for rows in self.by_month.values() for row in rows if row[6] is not None]


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
    # fetched 10,000 rows a call: iterating a result fetches row by row, a third of the time here
    return StatusWindow(period, scope, _shared_texts(session.connection().execute(query).partitions(10_000)))


def _shared_texts(batches: Iterable[Sequence[Sequence[Any]]]) -> list[tuple]:
    """The rows as plain tuples in which equal months, dimensions and ratings are one string.

    The driver makes a new string for every value of every row, and a row object around them:
    about 200 bytes a rating, 50 MiB of a 10,000-project report's peak, for a handful of distinct
    texts. One dictionary look-up per text keeps one copy of each; the same for the report's and
    the project's id, a new number in each of a report's six ratings (12 MiB on 10,000 projects).
    """
    shared: dict[str | int | None, str | int | None] = {}
    one = shared.setdefault
    return [  # month (1), dimension (6) and rating (7) shared, and the report's and project's id
        (one(r[0], r[0]), one(r[1], r[1]), one(r[2], r[2]), *r[3:6], one(r[6], r[6]), one(r[7], r[7]), *r[8:])
        for rows in batches
        for r in rows
    ]


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
