"""The audit trail: every change to a core row is recorded with who, when, field, old and new value.

Installed on each write session (``install``): ``before_flush`` stamps who changed a versioned row
and when; ``after_flush`` writes one audit row per changed field through the same connection, so
the trail commits or rolls back with the change itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlmodel import Session

from portfolio.models import (
    AuditEntry,
    Measure,
    Narrative,
    Program,
    Project,
    ReportingPeriod,
    Risk,
    RiskAssessment,
    StatusRating,
    StatusReport,
)

USER_KEY = "portfolio_user"
NOT_AUDITED = {"id", "version", "updated_by", "updated_at", "reported_by", "reported_at", "position"}
AUDITED = (Program, Project, ReportingPeriod, StatusReport, StatusRating, Risk, RiskAssessment, Measure, Narrative)
STAMPED = (Risk, Measure)


def install(session: Session, user: str) -> None:
    """Record this session's changes as ``user``."""
    session.info[USER_KEY] = user
    event.listen(session, "before_flush", _stamp)
    event.listen(session, "after_flush", _record)


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


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


def _record(session: Session, _context: Any) -> None:
    user = session.info.get(USER_KEY, "unknown")
    at = now()
    entries = []
    with session.no_autoflush:
        for action, rows in (("insert", session.new), ("update", session.dirty), ("delete", session.deleted)):
            for row in rows:
                if not isinstance(row, AUDITED):
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
                            "at": at,
                            "user": user,
                            "action": action,
                            "table_name": row.__tablename__,
                            "row_key": key,
                            "subject": subject,
                            "period": period,
                            "field": name,
                            "old_value": _text(old),
                            "new_value": _text(new),
                        }
                    )
    if entries:
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
    return None, None, ""


def _report_subject(session: Session, report: StatusReport) -> str | None:
    if report.project_id is not None:
        return _project_code(session, report.project_id)
    program = session.get(Program, report.program_id) if report.program_id else None
    return program.code if program else None


def _project_code(session: Session, project_id: int | None) -> str | None:
    project = session.get(Project, project_id) if project_id else None
    return project.code if project else None
