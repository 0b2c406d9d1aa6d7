"""Importing the month's status files as they come back from the project managers.

Several files in one run, CSV or XLSX, each checked on its own (its period, its scope, every
row) and all written together in one transaction: when any file is wrong, nothing is written
and every problem of every file is listed. Each file's result says what changed against last
month, so the PMO sees at a glance what the manager reported.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlmodel import Session, col

from portfolio.errors import ConflictError, ImportFileError, PortfolioError
from portfolio.importers.csvfile import CsvTable
from portfolio.importers.status_csv import CODE_COLUMN, VERSION_COLUMN, parse_status_table
from portfolio.importers.status_template import TemplateHeader, read_status_file
from portfolio.models import Program, Project, StatusRating, StatusReport
from portfolio.period import Period
from portfolio.services.periods import ensure_open
from portfolio.services.status_bulk import StatusRow, replace_statuses
from portfolio.services.statuses import check_version


class StatusFilesError(PortfolioError):
    """One or more files refused; nothing was written. The message lists every file's problems."""


@dataclass(frozen=True)
class RowChange:
    """What one row changes against the subject's status of the month before."""

    code: str
    changes: tuple[str, ...]  # "resources yellow → red", ...; empty when unchanged
    new: bool = False  # no status the month before


@dataclass
class FileResult:
    """What one imported status file changed."""

    source: str
    rows: list[StatusRow] = field(default_factory=list)
    changes: list[RowChange] = field(default_factory=list)


@dataclass(frozen=True)
class _Loaded:
    """A status file read and checked, before anything is written."""

    path: Path
    table: CsvTable
    header: TemplateHeader


def month_of(loaded: Sequence[tuple[str, TemplateHeader]], period: Period | None) -> Period:
    """The month of the run: ``--period``, else the one every file's '# period:' line names."""
    named = {source: header.period for source, header in loaded if header.period is not None}
    if period is not None:
        wrong = [(source, p) for source, p in named.items() if p != period]
        if wrong:
            source, other = wrong[0]
            raise StatusFilesError(
                f"{source} is for {other}, not {period}; nothing was written (send the manager the {period} template)"
            )
        return period
    months = sorted(set(named.values()))
    if not months:
        raise PortfolioError("the files do not say which month they are for; give --period YYYY-MM")
    if len(months) > 1:
        listed = ", ".join(f"{source} ({p})" for source, p in named.items())
        raise StatusFilesError(f"the files are for different months: {listed}; import one month at a time")
    unnamed = [source for source, header in loaded if header.period is None]
    if unnamed:
        raise PortfolioError(f"{unnamed[0]} does not say which month it is for; give --period {months[0]}")
    return months[0]


def _scope_problems(table: CsvTable, header: TemplateHeader) -> list[str]:
    if header.codes is None:
        return []
    allowed = set(header.codes)
    scope = f" ({header.scope})" if header.scope else ""
    return [
        f"line {line}, column code: {values[CODE_COLUMN]} is not in this file's projects{scope}: "
        f"{', '.join(header.codes) or 'none'}"
        for line, values in table.rows
        if values.get(CODE_COLUMN) and values[CODE_COLUMN] not in allowed
    ]


def import_status_files(
    session: Session,
    paths: Sequence[Path],
    period: Period | None,
    *,
    user: str,
    dimension_keys: Sequence[str],
    progress: Callable[[str], None] = lambda source: None,
) -> tuple[Period, list[FileResult]]:
    """Check every file, then replace the month's status of every row of all of them at once."""
    if period is not None:  # a closed month is named before any file is read
        ensure_open(session, period)
    loaded: list[_Loaded] = []
    problems: list[str] = []
    for path in paths:
        try:
            table, header = read_status_file(path)
        except PortfolioError as exc:
            problems.append(str(exc))
            continue
        loaded.append(_Loaded(path, table, header))
    if not loaded:
        raise StatusFilesError("\n".join(problems) + ("\nnothing was written" if len(paths) > 1 else ""))
    month = month_of([(item.table.source, item.header) for item in loaded], period)
    ensure_open(session, month)

    results: list[FileResult] = []
    first_seen: dict[str, str] = {}
    current: dict[str, tuple[StatusReport, dict[str, tuple[str, str | None]]]] = {}
    for item in loaded:
        progress(item.table.source)
        file_problems = _scope_problems(item.table, item.header)
        table, versions = _without_versions(item.table)
        try:
            rows = parse_status_table(session, table, dimension_keys, month)
        except ImportFileError as exc:
            file_problems += exc.problems
            rows = []
        except PortfolioError as exc:
            problems.append(str(exc))
            continue
        if versions:
            current = current or _current(session, month)
            file_problems += _version_problems(rows, versions, current, month)
        lines = {values.get(CODE_COLUMN): line for line, values in reversed(item.table.rows)}
        for row in rows:
            if row.code in first_seen:
                where = f"line {lines.get(row.code, '?')}, column code: "
                file_problems.append(f"{where}{row.code} is also in {first_seen[row.code]}")
            first_seen.setdefault(row.code, item.table.source)
        if file_problems:
            problems.append(str(ImportFileError(item.table.source, file_problems)))
        results.append(FileResult(item.table.source, rows))
    if problems:
        if len(paths) == 1:  # the file's own message says nothing was imported
            raise StatusFilesError("\n".join(problems))
        raise StatusFilesError("\n".join(problems) + f"\nnothing was written from the {len(paths)} files")

    all_rows = [row for result in results for row in result.rows]
    before = _ratings_of(session, month.previous())
    replace_statuses(session, month, all_rows, user=user)
    for result in results:
        result.changes = [_change(row, before.get((row.kind, row.subject_id))) for row in result.rows]
    return month, results


def _ratings_of(session: Session, period: Period) -> dict[tuple[str, int], dict[str, str]]:
    query = (
        select(StatusReport.project_id, StatusReport.program_id, StatusRating.dimension, StatusRating.rating)
        .join(StatusRating, col(StatusRating.report_id) == col(StatusReport.id))
        .where(StatusReport.period == str(period))
    )
    found: dict[tuple[str, int], dict[str, str]] = {}
    for project_id, program_id, dimension, rating in session.connection().execute(query):
        key = ("project", project_id) if project_id is not None else ("program", program_id)
        found.setdefault(key, {})[dimension] = rating
    return found


def _change(row: StatusRow, before: dict[str, str] | None) -> RowChange:
    if not before:
        return RowChange(row.code, (), new=True)
    changes = tuple(
        f"{key} {before.get(key, '-')} → {rating.value}"
        for key, rating in row.status.ratings.items()
        if before.get(key) != rating.value
    )
    return RowChange(row.code, changes)


def _without_versions(table: CsvTable) -> tuple[CsvTable, dict[str, tuple[int, str]]]:
    """The table without its version column, and each code's (line, version text)."""
    if VERSION_COLUMN not in table.header:
        return table, {}
    versions = {values.get(CODE_COLUMN, ""): (line, values[VERSION_COLUMN]) for line, values in table.rows}
    header = [name for name in table.header if name != VERSION_COLUMN]
    rows = [(line, {k: v for k, v in values.items() if k != VERSION_COLUMN}) for line, values in table.rows]
    return CsvTable(table.source, header, rows, table.comments), versions


def _current(session: Session, period: Period) -> dict[str, tuple[StatusReport, dict[str, tuple[str, str | None]]]]:
    """The month's stored statuses by code, each with its ratings and their comments (two queries)."""
    reports = session.exec(
        select(StatusReport, Project.code, Program.code)
        .outerjoin(Project, col(Project.id) == col(StatusReport.project_id))
        .outerjoin(Program, col(Program.id) == col(StatusReport.program_id))
        .where(StatusReport.period == str(period))
    ).all()
    by_id = {report.id: (project or program, report) for report, project, program in reports}
    found: dict[str, tuple[StatusReport, dict[str, tuple[str, str | None]]]] = {
        code: (report, {}) for code, report in by_id.values()
    }
    query = (
        select(StatusRating.report_id, StatusRating.dimension, StatusRating.rating, StatusRating.comment)
        .join(StatusReport, col(StatusReport.id) == col(StatusRating.report_id))
        .where(StatusReport.period == str(period))
    )
    for report_id, dimension, rating, comment in session.connection().execute(query):
        found[by_id[report_id][0]][1][dimension] = (rating, comment)
    return found


def _version_problems(
    rows: Sequence[StatusRow],
    versions: dict[str, tuple[int, str]],
    current: dict[str, tuple[StatusReport, dict[str, tuple[str, str | None]]]],
    period: Period,
) -> list[str]:
    """A row made from an older version is refused, unless it says what is stored already.

    So importing the same file twice is as good as once, while a status someone changed since
    the template was made is not overwritten unseen.
    """
    problems = []
    for row in rows:
        line, text = versions.get(row.code, (0, ""))
        if not text:
            continue
        if not text.isdigit():
            problems.append(f"line {line}, column version: '{text}' is not a whole number")
            continue
        report, stored = current.get(row.code, (None, {}))
        if report is not None and report.version != int(text) and _same(row, report, stored):
            continue
        try:
            check_version(row.code, period, report, int(text))
        except ConflictError as exc:
            problems.append(f"line {line}, column version: {exc}")
    return problems


def _same(row: StatusRow, report: StatusReport, stored: dict[str, tuple[str, str | None]]) -> bool:
    wanted = {key: (rating.value, row.status.comments.get(key) or None) for key, rating in row.status.ratings.items()}
    return wanted == stored and (row.status.comment or None) == (report.comment or None)
