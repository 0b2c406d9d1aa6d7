"""Importing the month's status files as they come back from the project managers.

Several files in one run, CSV or XLSX, each checked on its own (its period, its scope, every
row) and all written together in one transaction: when any file is wrong, nothing is written
and every problem of every file is listed. Each file's result says what changed against last
month, so the PMO sees at a glance what the manager reported.

Rows are read, checked and written a thousand at a time inside the caller's transaction, so a
month of any size imports in the same memory. Once any row is wrong the rest are only checked,
and the caller rolls back what earlier batches wrote.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from operator import itemgetter
from pathlib import Path

from sqlmodel import Session

from portfolio import audit
from portfolio.bulk import chunks
from portfolio.errors import ConflictError, ImportFileError, PortfolioError, WriteRaceError
from portfolio.importers.status_csv import CODE_COLUMN, VERSION_COLUMN, RowChecker, check_columns, subjects_named
from portfolio.importers.status_template import StatusFile, TemplateHeader, open_status_file
from portfolio.period import Period
from portfolio.services.reporting_months import ensure_open
from portfolio.services.status_bulk import (
    BATCH,
    StatusRow,
    StoredStatus,
    is_same,
    replace_statuses,
    stored_statuses,
)
from portfolio.services.statuses import check_version

LISTED_CHANGES = 50  # changed rows listed for each file; the others are counted


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
    """What one imported status file changed: counts, and the first changed rows to list."""

    source: str
    count: int = 0
    new: int = 0
    changed: int = 0
    listed: list[RowChange] = field(default_factory=list)  # at most LISTED_CHANGES changed rows
    stored_already: int = 0  # rows that said exactly what the month held: nothing written for them

    @property
    def unchanged(self) -> int:
        return self.count - self.new - self.changed


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


def import_status_files(
    session: Session,
    paths: Sequence[Path],
    period: Period | None,
    *,
    user: str,
    dimension_keys: Sequence[str],
    progress: Callable[[str], None] = lambda source: None,
) -> tuple[Period, list[FileResult]]:
    """Check every file, and replace the month's status of every row of all of them, or of none."""
    if period is not None:  # a closed month is named before any file is read
        ensure_open(session, period)
    opened: list[StatusFile] = []
    problems: list[str] = []
    for path in paths:
        try:
            opened.append(open_status_file(path))
        except PortfolioError as exc:
            problems.append(str(exc))
    if not opened:
        raise StatusFilesError("\n".join(problems) + ("\nnothing was written" if len(paths) > 1 else ""))
    month = month_of([(item.source, item.template) for item in opened], period)
    ensure_open(session, month)

    run = _MonthImport(session, month, user, dimension_keys)
    run.writing = not problems
    results: list[FileResult] = []
    for item in opened:
        progress(item.source)
        try:
            result, file_problems = run.import_file(item)
        except WriteRaceError:  # not the file's fault: the whole import runs again
            raise
        except PortfolioError as exc:  # the file as a whole: a column, a broken line
            run.writing = False
            problems.append(str(exc))
            continue
        if file_problems:
            problems.append(str(ImportFileError(item.source, file_problems)))
        results.append(result)
    if problems:  # the caller's transaction is rolled back: what earlier batches wrote goes too
        if len(paths) == 1:  # the file's own message says nothing was imported
            raise StatusFilesError("\n".join(problems))
        raise StatusFilesError("\n".join(problems) + f"\nnothing was written from the {len(paths)} files")
    return month, results


class _MonthImport:
    """One run's files, read a batch of rows at a time: checked, and written while all is well."""

    def __init__(self, session: Session, month: Period, user: str, dimension_keys: Sequence[str]) -> None:
        self.session = session
        self.month = month
        self.user = user
        self.dimension_keys = dimension_keys
        self.checker = RowChecker(session, dimension_keys)
        self.at = audit.now()  # one audit time for the whole run
        self.writing = True  # until the first problem: from then on rows are only checked

    def import_file(self, item: StatusFile) -> tuple[FileResult, list[str]]:
        """The file's result and its row problems in line order; raises for the file as a whole."""
        check_columns(item.source, item.header, self.dimension_keys)
        allowed = set(item.template.codes) if item.template.codes is not None else None
        outside = _outside_scope(item.template)
        has_versions = VERSION_COLUMN in item.header
        result = FileResult(item.source)
        found: list[tuple[int, str]] = []  # (line, problem)
        read = 0
        for batch in chunks(item.rows, BATCH):
            read += len(batch)
            subjects = subjects_named(self.session, {values[CODE_COLUMN] for _, values in batch})
            good: list[tuple[int, StatusRow, str]] = []  # (line, row, version text)
            for line, values in batch:
                before = len(found)
                code = values[CODE_COLUMN]
                if allowed is not None and code and code not in allowed:
                    found.append((line, f"line {line}, column code: {code} {outside}"))
                subject = subjects.get(code)
                status = self.checker.check(item.source, line, values, subject, found)
                if status is not None and subject is not None and len(found) == before:
                    row = StatusRow(subject.kind, subject.id, subject.code, status)
                    good.append((line, row, values.get(VERSION_COLUMN, "") if has_versions else ""))
            expected: dict[tuple[str, int], int] = {}
            if has_versions:
                found += self._version_problems(good, expected)
            if found:
                self.writing = False
            if self.writing:
                rows = [row for _, row, _ in good]
                if expected:  # the checked versions go with the write, which holds them to its commit
                    rows = [replace(row, expected_version=expected.get((row.kind, row.subject_id))) for row in rows]
                self._write(rows, result)
        if read == 0:
            raise PortfolioError(f"{item.source} has a header but no rows")
        return result, [text for _, text in sorted(found, key=itemgetter(0))]

    def _write(self, rows: list[StatusRow], result: FileResult) -> None:
        """Replace the batch's statuses and count what changed against the month before."""
        keys = [(row.kind, row.subject_id) for row in rows]
        before = stored_statuses(self.session, str(self.month.previous()), keys)
        same = replace_statuses(self.session, self.month, rows, user=self.user, at=self.at)
        result.stored_already += len(same)
        for row in rows:
            change = _change(row, before.get((row.kind, row.subject_id)))
            result.count += 1
            if change.new:
                result.new += 1
            elif change.changes:
                result.changed += 1
                if len(result.listed) < LISTED_CHANGES:
                    result.listed.append(change)

    def _version_problems(
        self, good: list[tuple[int, StatusRow, str]], expected: dict[tuple[str, int], int]
    ) -> list[tuple[int, str]]:
        """A row made from an older version is refused, unless it says what is stored already.

        So importing the same file twice is as good as once, while a status someone changed since
        the template was made is not overwritten unseen.
        """
        given = [(line, row, text) for line, row, text in good if text]
        if not given:
            return []
        current = stored_statuses(self.session, str(self.month), [(row.kind, row.subject_id) for _, row, _ in given])
        problems = []
        for line, row, text in given:
            if not text.isdigit():
                problems.append((line, f"line {line}, column version: '{text}' is not a whole number"))
                continue
            report = current.get((row.kind, row.subject_id))
            if report is not None and report.version != int(text) and _same(row, report):
                expected[(row.kind, row.subject_id)] = report.version  # what it read, unchanged by the file
                continue
            try:
                check_version(row.code, self.month, report, int(text))
            except ConflictError as exc:
                problems.append((line, f"line {line}, column version: {exc}"))
            else:
                expected[(row.kind, row.subject_id)] = int(text)
        return problems


def _outside_scope(template: TemplateHeader) -> str:
    """What is wrong with a code the template's '# projects:' line does not name."""
    scope = f" ({template.scope})" if template.scope else ""
    return f"is not in this file's projects{scope}: {', '.join(template.codes or ()) or 'none'}"


def _change(row: StatusRow, before: StoredStatus | None) -> RowChange:
    if before is None or not before.ratings:
        return RowChange(row.code, (), new=True)
    ratings = {key: stored[0] for key, stored in before.ratings.items()}
    changes = tuple(
        f"{key} {ratings.get(key, '-')} → {rating.value}"
        for key, rating in row.status.ratings.items()
        if ratings.get(key) != rating.value
    )
    return RowChange(row.code, changes)


def _same(row: StatusRow, report: StoredStatus) -> bool:
    return is_same(row, report)
