"""The audit trail: every change is recorded with who, when, field, old and new value.

Installed on each write session (``install``): ``before_flush`` stamps who changed a versioned row
and when; ``after_flush`` writes one audit row per changed field of every row the session changes
(the core's tables and every plugin's alike) through the same connection, so the trail commits or
rolls back with the change itself. Writes that bypass the session's objects (bulk statements of
imports) record theirs with ``record_rows``, the one helper plugins use (``portfolio.api``).

When: every audit row of a transaction carries one time, taken when it commits (``stamp_commit``,
run by the write session just before COMMIT, after every lock is held). Until then the rows carry
a placeholder unique to the transaction. So the trail's order of times is the order of commits,
not of when each run began (an import that waited for a lock is not dated before the change it
waited for).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import event, func, insert, inspect, select, update
from sqlmodel import Session

from portfolio.models import (
    AuditEntry,
    Measure,
    Narrative,
    Program,
    Project,
    ReportArchive,
    ReportingPeriod,
    Risk,
    RiskAssessment,
    StatusRating,
    StatusReport,
    StoredSetting,
)

USER_KEY = "portfolio_user"
LOGIN_KEY = "portfolio_login"  # {"login": the OS user} on SQLite; {} where the server fills it
NOT_AUDITED = {"id", "version", "updated_by", "updated_at", "reported_by", "reported_at", "position"}
AUDITED = (Program, Project, ReportingPeriod, StatusReport, StatusRating, Risk, RiskAssessment, Measure, Narrative)
# Rows that are records in their own right (who and when are columns of theirs) or the trail itself;
# every other table's rows, the plugins' included, are audited.
UNAUDITED_TABLES = frozenset(
    {AuditEntry.__tablename__, ReportArchive.__tablename__, StoredSetting.__tablename__}  # type: ignore[list-item]
)
STAMPED = (Risk, Measure)
PENDING_KEY = "portfolio_audit_pending"  # (placeholder time, lowest id the transaction's rows can have)


def install(session: Session, user: str) -> None:
    """Record this session's changes as ``user``."""
    session.info[USER_KEY] = user
    session.info[LOGIN_KEY] = _client_login(session)
    event.listen(session, "before_flush", _stamp)
    event.listen(session, "after_flush", _record)


def _client_login(session: Session) -> dict[str, str]:
    """The ``login`` an audit row gets from the client: none on PostgreSQL, whose column default
    (``session_user``) the server fills, so that no client can name another login; elsewhere the
    operating system's user (on SQLite the file's permissions are the boundary)."""
    if session.get_bind().dialect.name == "postgresql":
        return {}
    import getpass

    try:
        return {"login": getpass.getuser()[:64]}
    except (KeyError, OSError):
        return {"login": "unknown"}


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def entry_time(session: Session) -> dt.datetime:
    """The ``at`` of this transaction's audit rows until it commits: a placeholder of its own.

    Year 1 plus a random count of microseconds: no real time, and (63 random bits) no other
    transaction's. ``stamp_commit`` replaces it with the commit time.
    """
    pending = session.info.get(PENDING_KEY)
    if pending is None:
        import secrets

        floor = session.connection().execute(select(func.coalesce(func.max(AuditEntry.id), 0))).scalar_one() or 0
        placeholder = dt.datetime(1, 1, 1, tzinfo=dt.UTC) + dt.timedelta(microseconds=secrets.randbits(48))
        pending = session.info[PENDING_KEY] = (placeholder, int(floor))
    return pending[0]


def stamp_commit(session: Session) -> None:
    """Give this transaction's audit rows the time it commits (call last, just before COMMIT).

    Only rows above the highest id seen before the first was written can be the transaction's
    (ids only grow), so the update reads the newest part of the trail by its key.
    """
    pending = session.info.pop(PENDING_KEY, None)
    if pending is None:
        return
    placeholder, floor = pending
    session.connection().execute(
        update(AuditEntry)
        .where(AuditEntry.id > floor, AuditEntry.at == placeholder)  # type: ignore[arg-type,operator]
        .values(at=now())
    )


# an audit row's columns in the order ``record_rows`` writes them (then the login, where the client fills it)
ENTRY_COLUMNS = (
    "at",
    "user",
    "action",
    "table_name",
    "row_key",
    "subject",
    "period",
    "field",
    "old_value",
    "new_value",
)


def record_rows(
    session: Session,
    table: Any,
    action: str,
    rows: Iterable[Mapping[str, Any]],
    *,
    old: Mapping[Any, Mapping[str, Any]] | None = None,
    key: Sequence[str] | None = None,
    subject: str | None = None,
) -> int:
    """Audit rows written by bulk statements (``insert``, ``update``, ``delete``) as the session's
    own changes are: one audit row per field, naming the session's user, at its commit time.

    ``table`` is a table class (or Table); ``rows`` the values written (for an update: its key
    and the new values; for a delete: the row as it was). ``old`` gives, by key tuple, what an
    updated row held before, so unchanged fields are left out. ``key`` names the key columns
    (default: the primary key). A ``period`` column is taken for the entry's month. Returns the
    number of audit rows written.
    """
    table = getattr(table, "__table__", table)
    key_columns = list(key or [c.name for c in table.primary_key.columns])
    user = session.info.get(USER_KEY, "unknown")
    login = session.info.get(LOGIN_KEY, {})
    at = entry_time(session)
    names = (*ENTRY_COLUMNS, *login)
    logged = tuple(login.values())
    entries: list[tuple[Any, ...]] = []
    for row in rows:
        row_key = tuple(row.get(name) for name in key_columns)
        key_text = "/".join(str(v) for v in row_key)[:64]
        before = (old or {}).get(row_key if len(row_key) > 1 else row_key[0], {})
        period = row.get("period", before.get("period"))
        period_text = str(period) if period is not None else None
        for field, value in row.items():
            if field in key_columns or field in NOT_AUDITED:
                continue
            if action == "delete":
                previous, value = value, None
            else:
                previous = before.get(field)
            if action == "update" and field in before and _text(previous) == _text(value):
                continue
            if previous is None and value is None:
                continue
            texts = (_text(previous), _text(value))
            entries.append((at, user, action, table.name, key_text, subject, period_text, field[:64], *texts, *logged))
    if entries:  # plain tuples through the driver: SQLAlchemy's per-row parameters cost more than the insert
        from portfolio.bulk import insert_rows

        insert_rows(session, AuditEntry.__table__, names, entries)  # type: ignore[attr-defined]
    return len(entries)


def _stamp(session: Session, _context: Any, _instances: Any) -> None:
    user = session.info.get(USER_KEY, "unknown")
    for row in [*session.new, *session.dirty]:
        if isinstance(row, STAMPED) and (row in session.new or session.is_modified(row)):
            row.updated_by = user
            row.updated_at = now()


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return str(value)


def _changes(row: Any, action: str) -> Iterable[tuple[str, Any, Any]]:
    state = inspect(row)
    for attr in state.mapper.column_attrs:
        name = attr.key
        if name in NOT_AUDITED:
            continue
        history = state.attrs[name].history
        if action == "insert":
            value = getattr(row, name)
            if value is not None:
                yield name, None, value
        elif action == "delete":
            value = (history.unchanged or history.deleted or [None])[0]
            if value is not None:
                yield name, value, None
        elif history.has_changes():
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
            if _text(old) != _text(new):
                yield name, old, new


def _audited(row: Any) -> bool:
    return isinstance(row, AUDITED) or getattr(row, "__tablename__", None) not in (None, *UNAUDITED_TABLES)


def _record(session: Session, _context: Any) -> None:
    user = session.info.get(USER_KEY, "unknown")
    login = session.info.get(LOGIN_KEY, {})
    entries = []
    with session.no_autoflush:
        for action, rows in (("insert", session.new), ("update", session.dirty), ("delete", session.deleted)):
            for row in rows:
                if not _audited(row):
                    continue
                subject, period, prefix = _describe(session, row)
                # New rows have no identity key until the flush ends; their primary key is set.
                key = "/".join(str(v) for v in inspect(row).mapper.primary_key_from_instance(row))
                for field, old, new in _changes(row, action):
                    name = _field_name(row, field, prefix)
                    if name is None:
                        continue
                    entries.append(
                        {
                            "at": None,
                            "user": user,
                            "action": action,
                            "table_name": row.__tablename__,
                            "row_key": key,
                            "subject": subject,
                            "period": period,
                            "field": name,
                            "old_value": _text(old),
                            "new_value": _text(new),
                            **login,
                        }
                    )
    if entries:
        at = entry_time(session)
        for entry in entries:
            entry["at"] = at
        session.connection().execute(insert(AuditEntry), entries)


def _field_name(row: Any, field: str, prefix: str) -> str | None:
    """How a field is named in the trail: a rating by its dimension, keys left out."""
    if isinstance(row, StatusRating):
        if field in ("report_id", "dimension"):
            return None
        return prefix if field == "rating" else f"{prefix} {field}"
    if isinstance(row, RiskAssessment | Measure) and field in ("risk_id", "period"):
        return None
    if isinstance(row, StatusReport) and field in ("project_id", "program_id", "period"):
        return None
    if isinstance(row, Narrative) and field in ("scope", "program_id", "period"):
        return None
    return f"{prefix}{field}"


def _describe(session: Session, row: Any) -> tuple[str | None, str | None, str]:
    """(subject code, period, field prefix) of a row, for ``portfolio history CODE``."""
    if isinstance(row, Program | Project):
        return row.code, None, ""
    if isinstance(row, ReportingPeriod):
        return None, row.period, ""
    if isinstance(row, StatusReport):
        return _report_subject(session, row), row.period, "status "
    if isinstance(row, StatusRating):
        report = session.get(StatusReport, row.report_id)
        if report is None:
            return None, None, row.dimension
        return _report_subject(session, report), report.period, row.dimension
    if isinstance(row, Risk):
        return _project_code(session, row.project_id), None, f"risk {row.id} "
    if isinstance(row, RiskAssessment):
        risk = session.get(Risk, row.risk_id)
        code = _project_code(session, risk.project_id) if risk else None
        return code, row.period, f"risk {row.risk_id} "
    if isinstance(row, Measure):
        risk = session.get(Risk, row.risk_id)
        code = _project_code(session, risk.project_id) if risk else None
        return code, None, f"measure {row.id} "
    if isinstance(row, Narrative):
        program = session.get(Program, row.program_id) if row.program_id else None
        return (program.code if program else None), row.period, f"{row.scope} "
    period = getattr(row, "period", None)  # a plugin's row: its month, when it has one
    return None, (str(period) if period is not None else None), ""


def _report_subject(session: Session, report: StatusReport) -> str | None:
    if report.project_id is not None:
        return _project_code(session, report.project_id)
    program = session.get(Program, report.program_id) if report.program_id else None
    return program.code if program else None


def _project_code(session: Session, project_id: int | None) -> str | None:
    project = session.get(Project, project_id) if project_id else None
    return project.code if project else None
