"""Who reports what in the monthly round: the projects and programs, their managers, their last status.

The round's commands (status template, status missing, status set --interactive, round) all
need the same three things: the subjects in report order with the person who answers for each,
the status each had most recently, and whether it has reported the month yet. Each is read in a
fixed number of statements, however large the portfolio.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from sqlalchemy import literal, select, union
from sqlmodel import Session, col

from portfolio.database import streamed
from portfolio.errors import NotFoundError
from portfolio.models import Program, Project, StatusRating, StatusReport, stored_id
from portfolio.period import Period
from portfolio.ratings import RecoveryAction
from portfolio.services.lookup import suggestion
from portfolio.services.month_scope import subjects_in_month
from portfolio.services.registry import number_key, program_order_by


@dataclass(frozen=True)
class RoundSubject:
    """A project or program in the round, with who answers for it (project manager or program owner)."""

    kind: str  # "project" or "program"
    id: int
    code: str
    name: str
    manager: str | None
    program: str | None = None  # the program's code, for a project in one


@dataclass(frozen=True)
class LastStatus:
    """The most recent status of a subject up to a month: which month, its ratings, comments and
    recovery actions."""

    period: str
    version: int
    ratings: dict[str, str] = field(default_factory=dict)  # dimension -> green/yellow/red/na
    comments: dict[str, str] = field(default_factory=dict)
    comment: str | None = None
    actions: dict[str, RecoveryAction] = field(default_factory=dict)


def round_subjects(
    session: Session, *, manager: str | None = None, program: str | None = None, period: Period | None = None
) -> list[RoundSubject]:
    """Active subjects in report order: standalone projects, then each program and its projects.

    With ``period``, the subjects that belong to that month instead (``month_scope``: started by
    then, not closed before it, not added after it was closed). ``manager`` keeps the projects that
    person manages and the programs they own; ``program`` keeps that program and its projects. An
    unknown name or code is an error that suggests one (a known one with nothing in the month is
    not: the list is then empty). The list of :func:`round_subjects_streamed`.
    """
    return [
        subject
        for subject, _reported in round_subjects_streamed(session, manager=manager, program=program, period=period)
    ]


class _ProgramRow(NamedTuple):
    id: int
    code: str
    name: str
    owner: str | None


def round_subjects_streamed(
    session: Session, *, manager: str | None = None, program: str | None = None, period: Period | None = None
) -> Iterator[tuple[RoundSubject, bool]]:
    """The subjects of :func:`round_subjects`, as they are read, each with whether it has reported
    ``period`` (a program also when one of its projects has: its ratings are rolled up from
    theirs); without ``period``, False.

    The projects come from one ordered query through a cursor (``streamed``), one program's
    projects (a few dozen) sorted by number at a time: memory holds the programs and the
    month's scope, never the portfolio's projects. The checks of ``manager`` and ``program``
    are made here, before the first subject is read; read the rest inside the session.
    """
    every = period is not None
    programs = _programs(session, include_closed=every)
    program_id: int | None = None
    if program is not None:
        chosen = [p for p in programs if p.code == program]
        if not chosen:
            raise NotFoundError(f"no program '{program}'{suggestion(program, [p.code for p in programs])}")
        programs, program_id = chosen, chosen[0].id
    if manager is not None:
        known = sorted(_managers(session, programs, include_closed=every, program_id=program_id))
        if manager not in known:
            raise NotFoundError(f"no project or program is managed by '{manager}'{suggestion(manager, known)}")
    return _round_subjects(session, programs, every, manager, program_id, period)


def _round_subjects(
    session: Session,
    programs: list[_ProgramRow],
    every: bool,
    manager: str | None,
    program_id: int | None,
    period: Period | None,
) -> Iterator[tuple[RoundSubject, bool]]:
    scope = subjects_in_month(session, period) if period is not None else None
    done = _programs_reported(session, period) if period is not None else frozenset()
    codes = {p.id: p.code for p in programs}

    def wanted(subject: RoundSubject) -> bool:
        return (manager is None or subject.manager == manager) and (
            scope is None or scope.has(subject.kind, subject.id)
        )

    groups = itertools.groupby(_project_rows(session, every, program_id, period), key=lambda row: row[4])
    pending = next(groups, None)
    if program_id is None and pending is not None and pending[0] is None:  # standalone: by position
        for project_id, code, name, manager_name, _program, _number, has_status in pending[1]:
            subject = RoundSubject("project", project_id, code, name, manager_name)
            if wanted(subject):
                yield subject, bool(has_status)
        pending = next(groups, None)
    for prog in programs:
        subject = RoundSubject("program", prog.id, prog.code, prog.name, prog.owner)
        if wanted(subject):
            yield subject, prog.id in done
        while pending is not None and pending[0] != prog.id and pending[0] not in codes:
            pending = next(groups, None)  # a closed program's projects, not in the round
        if pending is None or pending[0] != prog.id:
            continue
        members = sorted(pending[1], key=lambda row: number_key(row[5]))  # stable: by position within a number
        for project_id, code, name, manager_name, _program, _number, has_status in members:
            subject = RoundSubject("project", project_id, code, name, manager_name, prog.code)
            if wanted(subject):
                yield subject, bool(has_status)
        pending = next(groups, None)


def _programs(session: Session, *, include_closed: bool) -> list[_ProgramRow]:
    """The programs in report order (``program_order``, as SQL says it); a few hundred at most."""
    query = select(stored_id(Program.id), col(Program.code), col(Program.name), col(Program.owner)).order_by(
        *program_order_by()[1:]
    )
    if not include_closed:
        query = query.where(col(Program.active).is_(True))
    return [_ProgramRow._make(row) for row in session.connection().execute(query)]


def _managers(
    session: Session, programs: list[_ProgramRow], *, include_closed: bool, program_id: int | None
) -> set[str]:
    """The people who answer for a subject of the round: its programs' owners and, from the
    database, its projects' managers (distinct, a few hundred)."""
    query = (
        select(col(Project.manager))
        .outerjoin(Program, col(Program.id) == col(Project.program_id))
        .where(col(Project.manager).is_not(None))
        .distinct()
    )
    if program_id is not None:
        query = query.where(col(Project.program_id) == program_id)
    if not include_closed:
        query = query.where(
            col(Project.active).is_(True), col(Project.program_id).is_(None) | col(Program.active).is_(True)
        )
    known = {manager for (manager,) in session.connection().execute(query) if manager}
    return known | {p.owner for p in programs if p.owner}


def _project_rows(session: Session, every: bool, program_id: int | None, period: Period | None) -> Iterator[Any]:
    """(id, code, name, manager, program id, number, has a rating for ``period``) of the round's
    projects, in the order of ``program_order_by`` then position, through a cursor."""
    if period is not None:
        has_status = (
            select(col(StatusReport.id))
            .join(StatusRating, col(StatusRating.report_id) == col(StatusReport.id))
            .where(col(StatusReport.project_id) == col(Project.id), col(StatusReport.period) == str(period))
            .exists()
        )
    query = (
        select(
            stored_id(Project.id),
            col(Project.code),
            col(Project.name),
            col(Project.manager),
            col(Project.program_id),
            col(Project.number),
            has_status if period is not None else literal(False),
        )
        .select_from(Project)
        .outerjoin(Program, col(Program.id) == col(Project.program_id))
        .order_by(*program_order_by(), col(Project.position), col(Project.id))
    )
    if program_id is not None:
        query = query.where(col(Project.program_id) == program_id)
    if not every:
        query = query.where(col(Project.active).is_(True))
    return streamed(session, query)


def _programs_reported(session: Session, period: Period) -> frozenset[int]:
    """The programs that have reported ``period``: with a rating of their own, or of one of their
    projects (rolled up)."""
    month = str(period)
    own = (
        select(col(StatusReport.program_id))
        .join(StatusRating, col(StatusRating.report_id) == col(StatusReport.id))
        .where(col(StatusReport.period) == month, col(StatusReport.program_id).is_not(None))
    )
    rolled_up = (
        select(col(Project.program_id))
        .join(StatusReport, col(StatusReport.project_id) == col(Project.id))
        .join(StatusRating, col(StatusRating.report_id) == col(StatusReport.id))
        .where(col(StatusReport.period) == month, col(Project.program_id).is_not(None))
    )
    rows = session.connection().execute(union(own, rolled_up))
    return frozenset(program_id for (program_id,) in rows if program_id is not None)


def last_statuses(session: Session, period: Period) -> dict[tuple[str, int], LastStatus]:
    """(kind, id) -> the subject's status for ``period``, or else its most recent one before it."""
    month = str(period)
    latest: dict[tuple[str, int], tuple[str, int, int, str | None]] = {}  # key -> (period, id, version, comment)
    reports = select(
        stored_id(StatusReport.id),
        col(StatusReport.project_id),
        col(StatusReport.program_id),
        col(StatusReport.period),
        col(StatusReport.version),
        col(StatusReport.comment),
    ).where(col(StatusReport.period) <= month)
    for report_id, project_id, program_id, report_period, version, comment in session.connection().execute(reports):
        key = ("project", project_id) if project_id is not None else ("program", program_id or 0)
        if key not in latest or latest[key][0] < report_period:
            latest[key] = (report_period, report_id, version, comment)
    chosen = {values[1]: key for key, values in latest.items()}
    ratings: dict[tuple[str, int], tuple[dict[str, str], dict[str, str], dict[str, RecoveryAction]]] = {}
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
        .where(col(StatusReport.period) <= month)
    )
    for report_id, dimension, rating, comment, what, owner, due in session.connection().execute(query):
        subject = chosen.get(report_id)
        if subject is None:
            continue
        values, notes, actions = ratings.setdefault(subject, ({}, {}, {}))
        values[dimension] = rating
        if comment:
            notes[dimension] = comment
        if what is not None and due is not None:
            actions[dimension] = RecoveryAction(what, owner or "", due)
    result = {}
    for key, (report_period, _id, version, comment) in latest.items():
        values, notes, actions = ratings.get(key, ({}, {}, {}))
        result[key] = LastStatus(report_period, version, values, notes, comment, actions)
    return result
