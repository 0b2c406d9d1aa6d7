"""What belongs to a month: the one place that says which projects, programs and measures a
month's views show (the matrix, the grid, status missing, the round, check, the red-zone list and
the report). docs/report.md, "What belongs to a month", states the rules for users.

- A **project** belongs to a month when it has a status for that month, or when the month lies in
  its span: from the month of its start date (no start date: from the beginning) to, once it is
  closed, the month of its last status (closed without any status: no month). ``project close``
  records no date, and the date of the command (in the audit trail) is not a reporting month: a
  project is closed after its last report, usually in the first days of the next month, and
  back-filled or demo data are closed the day they are loaded.
- A **program** belongs to a month when it has a status for it, when one of its projects belongs
  to it, or when the month lies in its own span: from its projects' earliest start month (a
  program without projects, or with a project without a start date: from the beginning) to, once
  it is closed, the last month it or one of its projects reported.
- A **closed month keeps what it had when it was closed**: a project, program or measure added
  (inserted, by the audit trail) after the month was closed does not join it, whatever its dates.
  Measures have no month of their own, and the day one is typed is not one either (the January
  round is done in February; the demo's measures were typed years later), so a measure counts in
  every month that was still open when it was added.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlmodel import Session, col

from portfolio.models import AuditEntry, Program, Project, ReportingPeriod, StatusReport, stored_id
from portfolio.period import Period
from portfolio.read_once import read_once

_ADDED_TABLES = ("project", "program", "measure")


@dataclass(frozen=True)
class MonthScope:
    """The month's projects and programs (``projects``, ``programs``: they belong to it), those
    that belong only to later months (``later_projects``, ``later_programs``: they start after it
    or were added after it was closed) and the measures added after it was closed."""

    period: Period
    projects: frozenset[int]
    programs: frozenset[int]
    later_projects: frozenset[int]
    later_programs: frozenset[int]
    later_measures: frozenset[int]

    def has(self, kind: str, subject_id: int | None) -> bool:
        """True when the project or program (``kind``) belongs to the month."""
        return (subject_id or 0) in (self.projects if kind == "project" else self.programs)


def month_scope(session: Session, period: Period) -> MonthScope:
    """What belongs to ``period`` (read once per read-only session: every view of a report asks)."""
    return read_once(session, ("month_scope", str(period)), lambda: _read_month_scope(session, period))


def subjects_in_month(session: Session, period: Period) -> MonthScope:
    """The projects and programs that belong to ``period``; see the module's rules."""
    return month_scope(session, period)


def measures_added_after(session: Session, period: Period) -> frozenset[int]:
    """The measures that do not count in ``period``: added after it was closed."""
    return added_after_close(session, period).get("measure", frozenset())


def added_after_close(session: Session, period: Period) -> dict[str, frozenset[int]]:
    """table name -> ids of the rows added after ``period`` was closed (read once per read-only
    session); see ``_read_added_after_close``."""
    return read_once(session, ("added_after_close", str(period)), lambda: _read_added_after_close(session, period))


def _read_added_after_close(session: Session, period: Period) -> dict[str, frozenset[int]]:
    """table name ('project', 'program', 'measure') -> ids of the rows inserted after ``period``
    was closed; nothing while the month is open.

    The close is found in the audit trail (its entry's id orders it against the inserts, even
    within one second); a month closed without a trail entry falls back on its ``closed_at``.
    """
    month = str(period)
    row = session.get(ReportingPeriod, month)
    if row is None or not row.closed:
        return {}
    close_entry = (
        session.connection()
        .execute(
            select(func.max(col(AuditEntry.id))).where(
                col(AuditEntry.table_name) == "reporting_period",
                col(AuditEntry.row_key) == month,
                col(AuditEntry.field) == "closed",
                col(AuditEntry.new_value) == "true",
            )
        )
        .scalar()
    )
    query = select(col(AuditEntry.table_name), col(AuditEntry.row_key)).where(
        col(AuditEntry.action) == "insert", col(AuditEntry.table_name).in_(_ADDED_TABLES)
    )
    if close_entry is not None:
        query = query.where(col(AuditEntry.id) > close_entry)
    elif row.closed_at is not None:
        query = query.where(col(AuditEntry.at) > row.closed_at)
    else:
        return {}
    found: dict[str, set[int]] = defaultdict(set)
    for table, key in session.connection().execute(query.distinct()):
        if key.isdigit():
            found[table].add(int(key))
    return {table: frozenset(ids) for table, ids in found.items()}


def _read_month_scope(session: Session, period: Period) -> MonthScope:
    """The month's rules (the module's) applied as the rows are read: each program keeps what its
    projects tell it (one of them in the month, their first start, all of them later, their last
    month reported), not the list of its projects; memory holds sets of ids, not the rows."""
    from portfolio.database import streamed

    month = str(period)
    last = _last_months_of_closed(session)
    added = added_after_close(session, period)
    added_projects = added.get("project", frozenset())
    added_programs = added.get("program", frozenset())
    inside: set[int] = set()  # the projects in the month: first those with a status for it
    reported_programs: set[int] = set()
    reports = select(col(StatusReport.project_id), col(StatusReport.program_id)).where(
        col(StatusReport.period) == month
    )
    for report in streamed(session, reports):
        project_id, program_id = tuple(report)
        if project_id is not None:
            inside.add(project_id)
        elif program_id is not None:
            reported_programs.add(program_id)

    members: dict[int, _Members] = {}
    later_projects: set[int] = set()
    projects = select(stored_id(Project.id), col(Project.program_id), col(Project.start_date), col(Project.active))
    for row in streamed(session, projects):
        project_id, program_id, start, active = tuple(row)
        start_month = f"{start.year:04d}-{start.month:02d}" if start is not None else None
        if project_id not in inside:  # else it reported the month (each project is read once)
            if project_id in added_projects or (start_month is not None and start_month > month):
                later_projects.add(project_id)
            elif active or _reported_since(month, last.get(("project", project_id))):
                inside.add(project_id)
        if program_id is not None:
            found = members.get(program_id)
            if found is None:
                found = members[program_id] = _Members()
            found.add(
                start_month, project_id in inside, project_id in later_projects, last.get(("project", project_id))
            )

    programs_inside: set[int] = set()
    later_programs: set[int] = set()
    nothing = _Members()
    for program_id, active in session.connection().execute(select(stored_id(Program.id), col(Program.active))):
        own = members.get(program_id, nothing)
        if program_id in reported_programs or own.inside:
            programs_inside.add(program_id)
            continue
        first = own.first if own.count and not own.unstarted else None
        if program_id in added_programs or (first is not None and first > month):
            if own.all_later:
                later_programs.add(program_id)
            continue
        if active:
            programs_inside.add(program_id)
            continue
        ends = [e for e in (last.get(("program", program_id)), own.last) if e is not None]
        if ends and month <= max(ends):
            programs_inside.add(program_id)
    return MonthScope(
        period,
        frozenset(inside),
        frozenset(programs_inside),
        frozenset(later_projects),
        frozenset(later_programs),
        added.get("measure", frozenset()),
    )


def _reported_since(month: str, last: str | None) -> bool:
    """A closed project belongs to the months up to its last report."""
    return last is not None and month <= last


class _Members:
    """What a program's projects tell of it: how many, whether one is in the month, the first
    month one starts (and whether one has no start date), whether all belong only to later
    months, and the last month one of the closed ones reported."""

    __slots__ = ("all_later", "count", "first", "inside", "last", "unstarted")

    def __init__(self) -> None:
        self.count = 0
        self.inside = False
        self.first: str | None = None
        self.unstarted = False
        self.all_later = True
        self.last: str | None = None

    def add(self, start: str | None, inside: bool, later: bool, last: str | None) -> None:
        self.count += 1
        self.inside = self.inside or inside
        if start is None:
            self.unstarted = True
        elif self.first is None or start < self.first:
            self.first = start
        self.all_later = self.all_later and later
        if last is not None and (self.last is None or last > self.last):
            self.last = last


def _last_months_of_closed(session: Session) -> dict[tuple[str, int], str]:
    """(kind, id) -> the last month a closed project or program reported.

    One query per kind: with ``project_id IN ... OR program_id IN ...`` SQLite scans every
    status report (0.16 s at 10,000 projects), where a kind alone is a seek in its index.
    """
    result: dict[tuple[str, int], str] = {}
    connection = session.connection()
    for kind, subject, table in (
        ("project", col(StatusReport.project_id), Project),
        ("program", col(StatusReport.program_id), Program),
    ):
        closed = select(col(table.id)).where(col(table.active).is_(False))
        query = select(subject, func.max(col(StatusReport.period))).where(subject.in_(closed)).group_by(subject)
        for subject_id, last in connection.execute(query):
            result[(kind, subject_id or 0)] = last  # never None: a closed one's id
    return result
