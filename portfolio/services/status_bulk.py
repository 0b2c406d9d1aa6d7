"""Replacing a month's statuses in bulk: a handful of statements for each thousand rows.

A whole month's import goes through SQLAlchemy Core in batches (no ORM object per row), reads
only the stored statuses of each batch's subjects (memory does not grow with the month), keeps
the rules of a single ``status set`` (row versions move, a changed row is refused, every changed
field is audited) and stays all-or-nothing inside the caller's transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Table, bindparam, delete, insert, or_, select, update
from sqlmodel import Session, col

from portfolio import audit
from portfolio.bulk import chunks, insert_rows
from portfolio.errors import WriteRaceError
from portfolio.models import AuditEntry, StatusRating, StatusReport, stored_id
from portfolio.period import Period
from portfolio.ratings import Rating, RecoveryAction
from portfolio.services.reporting_months import ensure_open
from portfolio.services.statuses import StatusInput, check_actions, check_version

# SQLModel's stubs do not declare __table__, which SQLAlchemy sets on every table model
REPORTS: Table = StatusReport.__table__  # type: ignore[attr-defined]
RATINGS: Table = StatusRating.__table__  # type: ignore[attr-defined]
AUDIT: Table = AuditEntry.__table__  # type: ignore[attr-defined]
RATING_COLUMNS = ("report_id", "dimension", "rating", "comment", "action", "action_owner", "action_due")
ACTION_FIELDS = ("action", "action_owner", "action_due")  # as the trail names them: 'schedule action_due'
NO_ACTION = (None, None, None)
AUDIT_COLUMNS = (
    *("at", "user", "action", "table_name", "row_key", "subject", "period"),
    *("field", "old_value", "new_value"),
)
# A rating's stored text; a dict lookup, as an enum's .value is slow at a hundred thousand rows
RATING_TEXT = {rating: rating.value for rating in Rating}


@dataclass(frozen=True)
class StatusRow:
    """One project's or program's new status for the month."""

    kind: str  # "project" or "program"
    subject_id: int
    code: str
    status: StatusInput
    # the version the writer read (0: none stored yet); the write is refused unless it still is
    expected_version: int | None = None


BATCH = 1000  # statuses replaced at a time: the month's rows are read for these subjects only


SubjectKey = tuple[str, int]  # ("project" or "program", id)
Stored = dict[str, tuple[str, str | None, RecoveryAction | None]]  # dimension -> (rating, comment, action)


def subject_key(project_id: int | None, program_id: int | None) -> SubjectKey:
    return ("project", project_id) if project_id is not None else ("program", program_id or 0)


def of_subjects(keys: Iterable[SubjectKey]) -> ColumnElement[bool]:
    """A status report belongs to one of these (kind, id) subjects: a filter for one batch's reads."""
    keys = list(keys)
    projects = [subject_id for kind, subject_id in keys if kind == "project"]
    programs = [subject_id for kind, subject_id in keys if kind == "program"]
    return or_(col(StatusReport.project_id).in_(projects), col(StatusReport.program_id).in_(programs))


@dataclass(frozen=True)
class StoredStatus:
    """A status as stored: what a replace, a version check and a change listing need of it."""

    id: int
    version: int
    reported_by: str | None
    reported_at: dt.datetime | None
    comment: str | None
    ratings: Stored


def stored_statuses(session: Session, month: str, keys: Iterable[SubjectKey]) -> dict[SubjectKey, StoredStatus]:
    """These subjects' statuses in ``month`` with their ratings, comments and recovery actions (two queries)."""
    mine = of_subjects(keys)
    reports = session.connection().execute(
        select(
            stored_id(StatusReport.id),
            col(StatusReport.project_id),
            col(StatusReport.program_id),
            col(StatusReport.version),
            col(StatusReport.reported_by),
            col(StatusReport.reported_at),
            col(StatusReport.comment),
        ).where(col(StatusReport.period) == month, mine)
    )
    found: dict[SubjectKey, StoredStatus] = {}
    by_id: dict[int, Stored] = {}
    for id_, project_id, program_id, version, reported_by, reported_at, comment in reports:
        status = StoredStatus(id_, version, reported_by, reported_at, comment, {})
        found[subject_key(project_id, program_id)] = status
        by_id[id_] = status.ratings
    query = (
        select(
            col(StatusRating.report_id),
            col(StatusRating.dimension),
            col(StatusRating.rating),
            col(StatusRating.comment),
            col(StatusRating.action),
            col(StatusRating.action_owner),
            col(StatusRating.action_due),
        )
        .join(StatusReport, col(StatusReport.id) == col(StatusRating.report_id))
        .where(col(StatusReport.period) == month, mine)
    )
    for report_id, dimension, rating, comment, what, owner, due in session.connection().execute(query):
        action = RecoveryAction(what, owner or "", due) if what is not None and due is not None else None
        by_id[report_id][dimension] = (rating, comment, action)
    return found


def replace_statuses(
    session: Session, period: Period, rows: Sequence[StatusRow], *, user: str, at: dt.datetime | None = None
) -> set[SubjectKey]:
    """Make each row the subject's whole status for ``period``; returns the subjects whose row
    said exactly what was stored, which are left as they are (no new version, no audit row).

    ``at`` is the audit time, so that an import written in several calls carries one.
    """
    ensure_open(session, period)
    session.flush()  # the reads below go to the connection, past the session's pending objects
    now = at or audit.now()
    same: set[SubjectKey] = set()
    for batch in chunks(rows, BATCH):
        same |= _replace(session, str(period), batch, user, now)
    return same


def is_same(row: StatusRow, stored: StoredStatus | None) -> bool:
    """Whether ``row`` says exactly what is stored: every rating, its comment and recovery action, and
    the comment."""
    if stored is None or (row.status.comment or None) != (stored.comment or None):
        return False
    given = {
        key: (RATING_TEXT[value], row.status.comments.get(key) or None, row.status.actions.get(key))
        for key, value in row.status.ratings.items()
    }
    return given == {
        key: (rating, comment or None, action) for key, (rating, comment, action) in stored.ratings.items()
    }


def _replace(session: Session, month: str, rows: Sequence[StatusRow], user: str, now: dt.datetime) -> set[SubjectKey]:
    """One batch: its subjects' stored statuses are read, then updated or inserted, and audited;
    a row that says what is stored already changes nothing (importing a file twice is harmless)."""
    existing = stored_statuses(session, month, ((row.kind, row.subject_id) for row in rows))
    for row in rows:
        _still_expected(row, existing.get((row.kind, row.subject_id)), month)
        check_actions(row.status, {})  # each row is the whole status
    same = {(row.kind, row.subject_id) for row in rows if is_same(row, existing.get((row.kind, row.subject_id)))}
    rows = [row for row in rows if (row.kind, row.subject_id) not in same]
    if not rows:
        return same

    new = [row for row in rows if (row.kind, row.subject_id) not in existing]
    changed = [row for row in rows if (row.kind, row.subject_id) in existing]
    report_ids: dict[SubjectKey, int] = {key: r.id for key, r in existing.items()}

    for batch in chunks(new):
        inserted = session.connection().execute(
            insert(REPORTS).returning(REPORTS.c.id, REPORTS.c.project_id, REPORTS.c.program_id),
            [
                {
                    "period": month,
                    "project_id": row.subject_id if row.kind == "project" else None,
                    "program_id": row.subject_id if row.kind == "program" else None,
                    "comment": row.status.comment,
                    "reported_by": user,
                    "reported_at": now,
                    "version": 1,
                }
                for row in batch
            ],
        )
        for report_id, project_id, program_id in inserted:
            report_ids[subject_key(project_id, program_id)] = report_id

    if changed:
        table = REPORTS
        statement = (
            update(table)
            .where(table.c.id == bindparam("b_id"), table.c.version == bindparam("b_version"))
            .values(
                version=table.c.version + 1,
                comment=bindparam("b_comment"),
                reported_by=bindparam("b_user"),
                reported_at=bindparam("b_at"),
            )
        )
        parameters = [
            {
                "b_id": existing[(row.kind, row.subject_id)].id,
                "b_version": existing[(row.kind, row.subject_id)].version,
                "b_comment": row.status.comment,
                "b_user": user,
                "b_at": now,
            }
            for row in changed
        ]
        matched = 0
        for batch in chunks(parameters):
            matched += session.connection().execute(statement, list(batch)).rowcount
        if matched != len(parameters):
            # a status changed between this transaction's read and its update: run it again
            raise WriteRaceError(f"someone else changed statuses of {month} while this import ran; nothing was written")
        ids = [existing[(row.kind, row.subject_id)].id for row in changed]
        for batch in chunks(ids):
            session.connection().execute(delete(RATINGS).where(RATINGS.c.report_id.in_(batch)))

    # generators: the month's ratings and audit rows are made a batch at a time as they are written
    ratings = (
        (
            report_ids[(row.kind, row.subject_id)],
            key,
            RATING_TEXT[value],
            row.status.comments.get(key) or None,
            *_action_values(row.status.actions.get(key)),
        )
        for row in rows
        for key, value in row.status.ratings.items()
    )
    insert_rows(session, RATINGS, RATING_COLUMNS, ratings)
    trail = _audit_rows(rows, existing, report_ids, month, user, audit.entry_time(session))
    login = tuple(session.info.get(audit.LOGIN_KEY, {}).values())  # the client's only where the server fills none
    if login:
        trail = ((*entry, *login) for entry in trail)
    insert_rows(session, AUDIT, (*AUDIT_COLUMNS, "login") if login else AUDIT_COLUMNS, trail)
    return same


def _action_values(action: RecoveryAction | None) -> tuple[str | None, str | None, dt.date | None]:
    return (action.what, action.owner, action.due) if action is not None else NO_ACTION


def _still_expected(row: StatusRow, stored: StoredStatus | None, month: str) -> None:
    """The version check of a row that carries one, against what this transaction reads now.

    The conditional UPDATE below (``WHERE version = ...``) then holds it to the commit: a change
    committed in between makes the update miss, and the whole write is refused or run again.
    """
    if row.expected_version is None:
        return
    check_version(row.code, Period.parse(month), stored, row.expected_version)


def _audit_rows(
    rows: Sequence[StatusRow],
    existing: dict[SubjectKey, StoredStatus],
    report_ids: dict[SubjectKey, int],
    month: str,
    user: str,
    now: Any,
) -> Iterator[tuple[Any, ...]]:
    """One audit row per field that changed (in AUDIT_COLUMNS order), as single edits write them."""
    for row in rows:
        report = existing.get((row.kind, row.subject_id))
        before = report.ratings if report is not None else {}
        report_id = report_ids[(row.kind, row.subject_id)]
        code = row.code
        new_ratings = row.status.ratings
        comments = row.status.comments
        actions = row.status.actions
        keys = sorted(set(before) | set(new_ratings)) if before else sorted(new_ratings)
        for key in keys:
            old_rating, old_comment, old_action = before.get(key, (None, None, None))
            new_value = new_ratings.get(key)
            new_rating = RATING_TEXT[new_value] if new_value is not None else None
            new_comment = comments.get(key) or None if new_rating else None
            new_action = actions.get(key) if new_rating else None
            action = "insert" if key not in before else ("delete" if new_rating is None else "update")
            where = (now, user, action, "status_rating", f"{report_id}/{key}", code, month)
            if old_rating != new_rating:
                yield (*where, key, old_rating, new_rating)
            if old_comment != new_comment:
                yield (*where, f"{key} comment", old_comment, new_comment)
            if old_action != new_action:
                olds, news = _action_values(old_action), _action_values(new_action)
                for field, old, new in zip(ACTION_FIELDS, olds, news, strict=True):
                    if old != new:
                        yield (*where, f"{key} {field}", _text(old), _text(new))
        old_comment = report.comment if report is not None else None
        if old_comment != row.status.comment:
            action = "update" if report else "insert"
            where = (now, user, action, "status_report", str(report_id), code, month)
            yield (*where, "status comment", old_comment, row.status.comment)


def _text(value: str | dt.date | None) -> str | None:
    """A value as the trail writes it (``audit``): a date in ISO form."""
    return value.isoformat() if isinstance(value, dt.date) else value
