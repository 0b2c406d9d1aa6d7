"""Who reports what in the monthly round: the projects and programs, their managers, their last status.

The round's commands (status template, status missing, status set --interactive, round) all
need the same three things: the subjects in report order with the person who answers for each,
the status each had most recently, and whether it has reported the month yet. Each is read in a
fixed number of statements, however large the portfolio.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlmodel import Session, col

from portfolio.errors import NotFoundError
from portfolio.models import Project, StatusRating, StatusReport, stored_id
from portfolio.period import Period
from portfolio.ratings import RecoveryAction
from portfolio.services.lookup import suggestion
from portfolio.services.month_scope import subjects_in_month
from portfolio.services.registry import list_programs, list_projects


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
    not: the list is then empty).
    """
    every = period is not None
    programs = list_programs(session, include_closed=every)
    projects = list_projects(session, include_closed=every)
    codes = {p.id: p.code for p in programs}
    members: dict[int | None, list[Project]] = defaultdict(list)  # in report order within each program
    for p in projects:
        members[p.program_id].append(p)
    subjects: list[RoundSubject] = [
        RoundSubject("project", p.id or 0, p.code, p.name, p.manager) for p in members.get(None, ())
    ]
    for prog in programs:  # each program's projects looked up, not searched for among all of them
        subjects.append(RoundSubject("program", prog.id or 0, prog.code, prog.name, prog.owner))
        subjects += [
            RoundSubject("project", p.id or 0, p.code, p.name, p.manager, codes.get(p.program_id))
            for p in members.get(prog.id, ())
        ]
    if program is not None:
        if program not in codes.values():
            raise NotFoundError(f"no program '{program}'{suggestion(program, list(codes.values()))}")
        subjects = [s for s in subjects if (s.kind == "program" and s.code == program) or s.program == program]
    if manager is not None:
        known = sorted({s.manager for s in subjects if s.manager})
        if manager not in known:
            hint = suggestion(manager, known)
            raise NotFoundError(f"no project or program is managed by '{manager}'{hint}")
        subjects = [s for s in subjects if s.manager == manager]
    if period is not None:
        scope = subjects_in_month(session, period)
        subjects = [s for s in subjects if scope.has(s.kind, s.id)]
    return subjects


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


def reported(session: Session, period: Period) -> set[tuple[str, int]]:
    """The subjects with at least one rating for ``period``."""
    query = (
        select(col(StatusReport.project_id), col(StatusReport.program_id))
        .join(StatusRating, col(StatusRating.report_id) == col(StatusReport.id))
        .where(col(StatusReport.period) == str(period))
        .distinct()
    )
    return {
        ("project", project_id) if project_id is not None else ("program", program_id or 0)
        for project_id, program_id in session.connection().execute(query)
    }


def missing_subjects(
    session: Session, period: Period, subjects: Sequence[RoundSubject] | None = None
) -> list[RoundSubject]:
    """The subjects of ``period`` (of ``subjects``, or all; ``month_scope`` says which belong to
    it) that have not reported it.

    A program without a status of its own counts as reported once one of its projects has: its
    ratings are then rolled up from theirs, as ``portfolio check`` sees it.
    """
    done = reported(session, period)
    every = round_subjects(session, period=period)
    scope = subjects_in_month(session, period)
    codes = {(s.kind, s.id): s.code for s in every}
    rolled_up = {s.program for s in every if s.kind == "project" and ("project", s.id) in done}
    done |= {key for key, code in codes.items() if key[0] == "program" and code in rolled_up}
    chosen = subjects if subjects is not None else every
    return [s for s in chosen if (s.kind, s.id) not in done and scope.has(s.kind, s.id)]
