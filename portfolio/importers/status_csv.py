"""Bulk status import: one row per project or program, one column per dimension; all or nothing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select as sa_select
from sqlmodel import Session, select

from portfolio.errors import ConflictError, ImportFileError, PortfolioError
from portfolio.importers.csvfile import CsvTable, read_csv
from portfolio.models import Program, Project, StatusReport
from portfolio.period import Period
from portfolio.ratings import parse_rating
from portfolio.services.lookup import suggestion
from portfolio.services.periods import ensure_open
from portfolio.services.status_bulk import StatusRow, replace_statuses
from portfolio.services.statuses import StatusInput, check_version

CODE_COLUMN = "code"
COMMENT_COLUMN = "comment"
COMMENT_SUFFIX = "_comment"
VERSION_COLUMN = "version"
# Shown to the project manager in a template (portfolio status template), ignored on import.
INFO_COLUMNS = ("name", "manager")


def expected_columns(dimension_keys: Sequence[str]) -> tuple[list[str], list[str]]:
    """(required, optional) column names for the configured dimensions."""
    required = [CODE_COLUMN, *dimension_keys]
    optional = [f"{key}{COMMENT_SUFFIX}" for key in dimension_keys] + [COMMENT_COLUMN, VERSION_COLUMN, *INFO_COLUMNS]
    return required, optional


@dataclass(frozen=True)
class Subject:
    """A project or program as the import needs it: a light row, not an ORM object."""

    kind: str
    id: int
    code: str
    active: bool


def _subjects(session: Session) -> dict[str, Subject]:
    found = {
        code: Subject("program", id_, code, active)
        for id_, code, active in session.execute(sa_select(Program.id, Program.code, Program.active))
    }
    found.update(
        (code, Subject("project", id_, code, active))
        for id_, code, active in session.execute(sa_select(Project.id, Project.code, Project.active))
    )
    return found


def _current_versions(session: Session, period: Period) -> dict[tuple[str, int], StatusReport]:
    reports = session.exec(select(StatusReport).where(StatusReport.period == str(period))).all()
    return {
        ("project", r.project_id) if r.project_id is not None else ("program", r.program_id or 0): r for r in reports
    }


def parse_status_table(
    session: Session, table: CsvTable, dimension_keys: Sequence[str], period: Period | None = None
) -> list[StatusRow]:
    """Check every row against the database; raise once with every problem found.

    An optional ``version`` column holds the version of each status the file was made from
    (0 or empty for none); a row whose status has changed since is refused, as with ``--expect-version``.
    """
    required, optional = expected_columns(dimension_keys)
    missing = [name for name in required if name not in table.header]
    if missing:
        raise PortfolioError(f"{table.source}: missing column '{missing[0]}'; required: {', '.join(required)}")
    unknown = [name for name in table.header if name not in required and name not in optional]
    if unknown:
        raise PortfolioError(
            f"{table.source}: unknown column '{unknown[0]}'; allowed: {', '.join(required + optional)}"
        )
    if not table.rows:
        raise PortfolioError(f"{table.source} has a header but no rows")

    subjects = _subjects(session)
    reports = _current_versions(session, period) if period and VERSION_COLUMN in table.header else {}
    problems: list[str] = []
    seen: dict[str, int] = {}
    parsed = []
    for line, values in table.rows:
        code = values[CODE_COLUMN]
        subject = subjects.get(code)
        if not code:
            problems.append(f"line {line}, column code: empty; every row needs a project or program code")
        elif subject is None:
            hint = suggestion(code, list(subjects))
            problems.append(f"line {line}, column code: no project or program '{code}'{hint}")
        elif not subject.active:
            problems.append(f"line {line}, column code: {code} is closed; reopen it first")
        elif code in seen:
            problems.append(f"line {line}, column code: {code} already given on line {seen[code]}")
        if code:
            seen.setdefault(code, line)
        ratings = {}
        for key in dimension_keys:
            cell = values[key]
            if not cell:
                problems.append(f"line {line}, column {key}: empty; use green, yellow, red or na")
                continue
            try:
                ratings[key] = parse_rating(cell)
            except ValueError as exc:
                problems.append(f"line {line}, column {key}: {exc}")
        comments = {
            key: values[f"{key}{COMMENT_SUFFIX}"] for key in dimension_keys if values.get(f"{key}{COMMENT_SUFFIX}")
        }
        expected = None
        if values.get(VERSION_COLUMN):
            text = values[VERSION_COLUMN]
            if not text.isdigit():
                problems.append(f"line {line}, column version: '{text}' is not a whole number")
            elif subject is not None:
                expected = int(text)
                report = reports.get((subject.kind, subject.id))
                try:
                    check_version(code, period, report, expected)  # type: ignore[arg-type]
                except ConflictError as exc:
                    problems.append(f"line {line}, column version: {exc}")
        if subject is not None:
            status = StatusInput(ratings, comments, values.get(COMMENT_COLUMN) or None)
            parsed.append(StatusRow(subject.kind, subject.id, subject.code, status))
    if problems:
        raise ImportFileError(table.source, problems)
    return parsed


def import_statuses(session: Session, path: Path, period: Period, *, user: str, dimension_keys: Sequence[str]) -> int:
    """Replace the month's status of every row's project or program; returns the row count."""
    ensure_open(session, period)
    table = read_csv(path, comment="#")
    rows = parse_status_table(session, table, dimension_keys, period)
    return replace_statuses(session, period, rows, user=user)
