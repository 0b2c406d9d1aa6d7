"""Replacing a month's statuses in bulk: a handful of statements whatever the number of rows.

A whole month's import goes through SQLAlchemy Core in batches (no ORM object per row), keeps
the rules of a single ``status set`` (row versions move, a changed row is refused, every changed
field is audited) and stays all-or-nothing inside the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from sqlalchemy import bindparam, delete, insert, select, update
from sqlmodel import Session, col

from portfolio import audit
from portfolio.errors import ConflictError
from portfolio.models import AuditEntry, StatusRating, StatusReport
from portfolio.period import Period
from portfolio.services.periods import ensure_open
from portfolio.services.statuses import StatusInput

CHUNK = 500
REPORTS = StatusReport.__table__
RATINGS = StatusRating.__table__
AUDIT = AuditEntry.__table__


@dataclass(frozen=True)
class StatusRow:
    """One project's or program's new status for the month."""

    kind: str  # "project" or "program"
    subject_id: int
    code: str
    status: StatusInput


def _chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def replace_statuses(session: Session, period: Period, rows: Sequence[StatusRow], *, user: str) -> int:
    """Make each row the subject's whole status for ``period``; returns the number of rows."""
    ensure_open(session, period)
    month = str(period)
    now = audit.now()
    existing = {
        ("project", r.project_id) if r.project_id is not None else ("program", r.program_id): r
        for r in session.execute(
            select(
                StatusReport.id,
                StatusReport.project_id,
                StatusReport.program_id,
                StatusReport.version,
                StatusReport.comment,
            ).where(StatusReport.period == month)
        )
    }
    old_ratings: dict[int, dict[str, tuple[str, str | None]]] = {}
    query = (
        select(StatusRating.report_id, StatusRating.dimension, StatusRating.rating, StatusRating.comment)
        .join(StatusReport, col(StatusReport.id) == col(StatusRating.report_id))
        .where(StatusReport.period == month)
    )
    for report_id, dimension, rating, comment in session.execute(query):
        old_ratings.setdefault(report_id, {})[dimension] = (rating, comment)

    new = [row for row in rows if (row.kind, row.subject_id) not in existing]
    changed = [row for row in rows if (row.kind, row.subject_id) in existing]
    report_ids: dict[tuple[str, int], int] = {key: r.id for key, r in existing.items()}

    for batch in _chunks(new):
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
            key = ("project", project_id) if project_id is not None else ("program", program_id)
            report_ids[key] = report_id

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
        for batch in _chunks(parameters):
            matched += session.connection().execute(statement, list(batch)).rowcount
        if matched != len(parameters):
            raise ConflictError(f"someone else changed statuses of {month} while this import ran; nothing was written")
        ids = [existing[(row.kind, row.subject_id)].id for row in changed]
        for batch in _chunks(ids):
            session.connection().execute(delete(RATINGS).where(RATINGS.c.report_id.in_(batch)))

    ratings = [
        {
            "report_id": report_ids[(row.kind, row.subject_id)],
            "dimension": key,
            "rating": value.value,
            "comment": row.status.comments.get(key) or None,
        }
        for row in rows
        for key, value in row.status.ratings.items()
    ]
    _insert_many(session, RATINGS, ratings)
    _insert_many(session, AUDIT, _audit_rows(rows, existing, report_ids, old_ratings, month, user, now))
    return len(rows)


def _insert_many(session: Session, table: Any, rows: Sequence[dict[str, Any]]) -> None:
    """Insert plain rows through the driver's executemany, in batches.

    SQLAlchemy would build and process every row's parameters on its own, which costs more than
    the insert; each column's own bind processor is applied here instead, once per distinct
    value, so the stored values are exactly what SQLAlchemy would store.
    """
    if not rows:
        return
    connection = session.connection()
    dialect = connection.dialect
    names = list(rows[0])
    processors = [table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in names]
    converting = [(index, processor) for index, processor in enumerate(processors) if processor is not None]
    pick = itemgetter(*names)

    def converted(processor: Any, value: Any, memo: dict[Any, Any]) -> Any:
        if value is None:
            return None
        try:
            return memo[value]
        except KeyError:
            memo[value] = result = processor(value)
            return result
        except TypeError:  # unhashable: convert without the memo
            return processor(value)

    marker = "?" if dialect.paramstyle == "qmark" else "%s"
    columns = ", ".join(dialect.identifier_preparer.quote(name) for name in names)
    statement = f"INSERT INTO {table.name} ({columns}) VALUES ({', '.join([marker] * len(names))})"
    memos: dict[int, dict[Any, Any]] = {index: {} for index, _ in converting}
    for batch in _chunks(rows, 5000):
        values: list[Any] = [pick(row) for row in batch]
        if len(names) == 1:
            values = [(value,) for value in values]
        if converting:
            values = [list(value) for value in values]
            for index, processor in converting:
                memo = memos[index]
                for value in values:
                    value[index] = converted(processor, value[index], memo)
            values = [tuple(value) for value in values]
        connection.exec_driver_sql(statement, values)


def _audit_rows(
    rows: Sequence[StatusRow],
    existing: dict[tuple[str, int], Any],
    report_ids: dict[tuple[str, int], int],
    old_ratings: dict[int, dict[str, tuple[str, str | None]]],
    month: str,
    user: str,
    now: Any,
) -> list[dict[str, Any]]:
    """One audit row per field that changed, as the ORM trail writes them for single edits."""
    entries = []
    for row in rows:
        report = existing.get((row.kind, row.subject_id))
        before = old_ratings.get(report.id, {}) if report is not None else {}
        base = {"at": now, "user": user, "subject": row.code, "period": month, "table_name": "status_rating"}
        keys = sorted(set(before) | set(row.status.ratings))
        for key in keys:
            old_rating, old_comment = before.get(key, (None, None))
            new_value = row.status.ratings.get(key)
            new_rating = new_value.value if new_value is not None else None
            new_comment = row.status.comments.get(key) or None if new_rating else None
            action = "insert" if key not in before else ("delete" if new_rating is None else "update")
            row_key = f"{report_ids[(row.kind, row.subject_id)]}/{key}"
            if old_rating != new_rating:
                entries.append(
                    {
                        **base,
                        "action": action,
                        "row_key": row_key,
                        "field": key,
                        "old_value": old_rating,
                        "new_value": new_rating,
                    }
                )
            if old_comment != new_comment:
                entries.append(
                    {
                        **base,
                        "action": action,
                        "row_key": row_key,
                        "field": f"{key} comment",
                        "old_value": old_comment,
                        "new_value": new_comment,
                    }
                )
        old_comment = report.comment if report is not None else None
        if old_comment != row.status.comment:
            entries.append(
                {
                    **base,
                    "table_name": "status_report",
                    "action": "update" if report else "insert",
                    "row_key": str(report_ids[(row.kind, row.subject_id)]),
                    "field": "status comment",
                    "old_value": old_comment,
                    "new_value": row.status.comment,
                }
            )
    return entries
