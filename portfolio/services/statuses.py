"""Monthly status reports: recording ratings and reading them back with their trends."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from sqlmodel import Session, col, select

from portfolio.errors import ConflictError, PortfolioError
from portfolio.models import Program, Project, StatusRating, StatusReport
from portfolio.period import Period
from portfolio.ratings import NEEDS_RECOVERY, Rating, RecoveryAction, Trend, trend
from portfolio.read_once import locks_rows
from portfolio.services.locking import ensure_version
from portfolio.services.reporting_months import ensure_open


@dataclass(frozen=True)
class StatusInput:
    """What a project manager reports for one project or program in one month."""

    ratings: Mapping[str, Rating] = field(default_factory=dict)
    comments: Mapping[str, str] = field(default_factory=dict)
    comment: str | None = None
    justification: str | None = None  # a program's: why its own rating differs from its projects'
    # a yellow or red dimension's recovery action; None removes the one stored
    actions: Mapping[str, RecoveryAction | None] = field(default_factory=dict)


def _subject_filter(subject: Project | Program):  # type: ignore[no-untyped-def]
    if isinstance(subject, Project):
        return StatusReport.project_id == subject.id
    return StatusReport.program_id == subject.id


def find_report(session: Session, subject: Project | Program, period: Period) -> StatusReport | None:
    query = select(StatusReport).where(_subject_filter(subject), StatusReport.period == str(period))
    if locks_rows(session):  # a write holds the row it read until it commits
        query = query.with_for_update().execution_options(populate_existing=True)
    return session.exec(query).first()


def ensure_reportable(session: Session, subject: Project | Program, period: Period) -> None:
    """Raise when ``subject``'s status for ``period`` cannot be written: the month or the subject is
    closed. ``set_status`` calls it when it writes; a dialogue (``status set --interactive``,
    ``status edit``) calls it before it asks anything too, so no answer is typed in vain."""
    ensure_open(session, period)
    if not subject.active:
        raise PortfolioError(f"{subject.code} is closed; reopen it before reporting a status")


def set_status(
    session: Session,
    subject: Project | Program,
    period: Period,
    status: StatusInput,
    *,
    user: str,
    dimension_keys: Sequence[str],
    replace: bool = False,
    expected_version: int | None = None,
) -> StatusReport:
    """Record a status; dimensions not given keep their rating unless ``replace`` is set.

    With ``expected_version`` (the version the user read; 0 for "no status yet") a status that
    someone else has changed since is refused, naming who changed it and when.
    """
    ensure_reportable(session, subject, period)
    unknown = sorted((set(status.ratings) | set(status.comments) | set(status.actions)) - set(dimension_keys))
    if unknown:
        raise PortfolioError(f"unknown dimension '{unknown[0]}'; allowed: {', '.join(dimension_keys)}")
    if status.justification is not None and isinstance(subject, Project):
        raise PortfolioError(
            f"{subject.code} is a project; only a program's status has a justification (of its own ratings)"
        )
    report = find_report(session, subject, period)
    if expected_version is not None:
        check_version(subject.code, period, report, expected_version)
    if report is None:
        report = StatusReport(period=str(period))
        if isinstance(subject, Project):
            report.project_id = subject.id
        else:
            report.program_id = subject.id
    existing = {r.dimension: r for r in _ratings(session, report)} if report.id else {}
    for key in status.comments:
        if key not in status.ratings and (replace or key not in existing):
            raise PortfolioError(f"a comment for '{key}' needs a rating for it as well")
    check_actions(status, {key: Rating(row.rating) for key, row in existing.items()} if not replace else {})
    report.reported_by = user
    report.reported_at = dt.datetime.now(dt.UTC).replace(microsecond=0)
    if status.comment is not None or replace:
        report.comment = status.comment or None
    if status.justification is not None:  # kept when a form without it replaces the ratings
        report.justification = status.justification.strip() if status.justification else None
    if report.id is not None:
        # every change is a new version, also one of a rating's comment or action alone, made in the
        # same second as the last (the report's own fields would then look unchanged)
        from sqlalchemy.orm.attributes import flag_modified

        flag_modified(report, "reported_at")
    session.add(report)
    session.flush()
    assert report.id is not None  # given by the flush
    if replace:
        for row in existing.values():
            if row.dimension not in status.ratings:
                session.delete(row)
    for key in set(status.ratings) | set(status.comments) | set(status.actions):
        # a new row has a rating: a comment or an action without one was refused above
        row = existing.get(key) or StatusRating(report_id=report.id, dimension=key, rating=status.ratings[key].value)
        if key in status.ratings:
            row.rating = status.ratings[key].value
        if key in status.comments:
            row.comment = status.comments[key] or None
        elif replace:
            row.comment = None
        if key in status.actions:
            set_action(row, status.actions[key])
        elif replace or Rating(row.rating) not in NEEDS_RECOVERY:
            set_action(row, None)  # back to green (or not assessed): the action is done; the trail keeps it
        session.add(row)
    session.flush()
    return report


def check_actions(status: StatusInput, stored: Mapping[str, Rating]) -> None:
    """Refuse a recovery action for a dimension that has no rating, or one rated green or na.

    ``stored`` are the ratings kept from before (a partial change); a form that replaces the whole
    status passes none.
    """
    for key, action in status.actions.items():
        if action is None:
            continue
        rating = status.ratings.get(key, stored.get(key))
        if rating is None:
            raise PortfolioError(f"a recovery action for '{key}' needs a rating for it as well")
        if rating not in NEEDS_RECOVERY:
            raise PortfolioError(
                f"'{key}' is rated {rating.value}; a recovery action is for a yellow or red rating only"
            )


def set_action(row: StatusRating, action: RecoveryAction | None) -> None:
    row.action = action.what if action else None
    row.action_owner = action.owner if action else None
    row.action_due = action.due if action else None


def stored_action(row: StatusRating | None) -> RecoveryAction | None:
    """The recovery action a stored rating carries, if any."""
    if row is None or row.action is None or row.action_due is None:
        return None
    return RecoveryAction(row.action, row.action_owner or "", row.action_due)


class VersionedStatus(Protocol):
    """What a version check reads of a stored status: a ``StatusReport``, or a bulk read's ``StoredStatus``."""

    @property
    def version(self) -> int: ...
    @property
    def reported_by(self) -> str | None: ...
    @property
    def reported_at(self) -> dt.datetime | None: ...


def check_version(code: str, period: Period, report: VersionedStatus | None, expected: int) -> None:
    """Refuse a change based on an outdated read of a status (optimistic locking)."""
    if report is None:
        if expected != 0:
            raise ConflictError(
                f"the status of {code} for {period} no longer exists (you read version {expected}); nothing was written"
            )
        return
    ensure_version(
        f"the status of {code} for {period}",
        report.version,
        expected,
        report.reported_by,
        report.reported_at,
        f"portfolio status show {code} --period {period}",
    )


def _ratings(session: Session, report: StatusReport) -> list[StatusRating]:
    return list(session.exec(select(StatusRating).where(StatusRating.report_id == report.id)).all())


@dataclass(frozen=True)
class DimensionStatus:
    """One dimension of a subject's status in a month, with its trend."""

    dimension: str
    rating: Rating | None
    trend: Trend | None
    comment: str | None = None
    action: RecoveryAction | None = None


@dataclass(frozen=True)
class StatusView:
    """A status as shown: every configured dimension, its trend and the comments."""

    code: str
    period: Period
    dimensions: list[DimensionStatus]
    comment: str | None
    reported_by: str | None
    reported_at: dt.datetime | None
    version: int = 0
    justification: str | None = None


def ratings_by_period(
    session: Session, subject: Project | Program, periods: Sequence[Period] | None = None
) -> dict[str, tuple[StatusReport, dict[str, StatusRating]]]:
    """Reports of one subject keyed by period text, each with its ratings by dimension."""
    query = select(StatusReport).where(_subject_filter(subject))
    if periods is not None:
        query = query.where(col(StatusReport.period).in_([str(p) for p in periods]))
    reports = {r.id: r for r in session.exec(query).all()}
    result: dict[str, tuple[StatusReport, dict[str, StatusRating]]] = {r.period: (r, {}) for r in reports.values()}
    if reports:
        rows = session.exec(select(StatusRating).where(col(StatusRating.report_id).in_(list(reports))))
        for row in rows:
            result[reports[row.report_id].period][1][row.dimension] = row
    return result


def status_view(
    session: Session, subject: Project | Program, period: Period, dimension_keys: Sequence[str]
) -> StatusView | None:
    data = ratings_by_period(session, subject, [period, period.previous()])
    if str(period) not in data:
        return None
    report, ratings = data[str(period)]
    previous = data.get(str(period.previous()), (None, {}))[1]
    return StatusView(
        code=subject.code,
        period=period,
        dimensions=[_dimension(key, ratings, previous) for key in dimension_keys],
        comment=report.comment,
        reported_by=report.reported_by,
        reported_at=report.reported_at,
        version=report.version,
        justification=report.justification,
    )


def history(session: Session, subject: Project | Program, dimension_keys: Sequence[str]) -> list[StatusView]:
    """Every month the subject reported, oldest first, with trends against the month before."""
    data = ratings_by_period(session, subject)
    views = []
    for period_text in sorted(data):
        period = Period.parse(period_text)
        report, ratings = data[period_text]
        previous = data.get(str(period.previous()), (None, {}))[1]
        views.append(
            StatusView(
                code=subject.code,
                period=period,
                dimensions=[_dimension(key, ratings, previous) for key in dimension_keys],
                comment=report.comment,
                reported_by=report.reported_by,
                reported_at=report.reported_at,
                version=report.version,
            )
        )
    return views


def _dimension(key: str, ratings: Mapping[str, StatusRating], previous: Mapping[str, StatusRating]) -> DimensionStatus:
    row = ratings.get(key)
    rating = Rating(row.rating) if row else None
    before = Rating(previous[key].rating) if key in previous else None
    return DimensionStatus(key, rating, trend(rating, before), row.comment if row else None, stored_action(row))
