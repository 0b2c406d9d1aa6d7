"""``portfolio milestone import FILE``: milestones and their monthly forecasts from a CSV file.

One row per milestone and month: ``project``, ``milestone`` (its key), ``period`` and
``forecast``, or ``actual`` for the date it was reached. A milestone the database does not have
yet also needs ``name`` and ``baseline`` (on one of its rows); ``tolerance`` is optional. Every
row is checked before anything is kept; a bad row is named by its line and column, and the file
is imported whole or not at all.

Every problem is named, not only the first kind found: a row with a bad value is still checked
for a repeated milestone and month and, when its project and key read, against the database with
its milestone's other rows (a new milestone without name or baseline); only what it would store
is left out, since nothing is stored anyway.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session

from portfolio.api import (
    ImportFileError,
    NotFoundError,
    Period,
    PeriodError,
    PortfolioError,
    ensure_open,
    get_project,
    parse_date,
    read_csv,
)
from portfolio_milestones import store
from portfolio_milestones.config import Tolerance, parse_tolerance

REQUIRED = ("project", "milestone", "period")
OPTIONAL = ("forecast", "actual", "name", "baseline", "tolerance")


@dataclass
class Line:
    """A row as read; ``ok`` False when it has a problem of its own (it is then never stored, but
    still counts for its milestone's definition and for repeats)."""

    line: int
    project: str
    key: str
    period: Period
    forecast: dt.date | None
    actual: dt.date | None
    name: str | None
    baseline: dt.date | None
    tolerance: Tolerance | None
    ok: bool = True
    known: bool = True  # its project exists
    baseline_given: bool = False  # the baseline column has text (read or not)


@dataclass(frozen=True)
class ImportResult:
    milestones_added: int
    reports: int
    months: tuple[Period, ...]


def import_milestones(session: Session, path: Path) -> ImportResult:
    table = read_csv(path)
    header = [name.strip().lower() for name in table.header]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise ImportFileError(str(path), [f"line 1: missing column '{missing[0]}'; required: {', '.join(REQUIRED)}"])
    unknown = [name for name in header if name not in REQUIRED + OPTIONAL]
    if unknown:
        raise ImportFileError(
            str(path), [f"line 1, column {unknown[0]}: unknown column; allowed: {', '.join(REQUIRED + OPTIONAL)}"]
        )
    if "forecast" not in header and "actual" not in header:
        raise ImportFileError(str(path), ["line 1: the file needs a column 'forecast' or 'actual'"])
    problems: list[tuple[int, str]] = []  # (line, problem): listed in line order
    lines: list[Line] = []
    seen: dict[tuple[str, str, Period], int] = {}
    open_months: dict[Period, str | None] = {}
    for number, raw in table.rows:
        row = {name.strip().lower(): value for name, value in raw.items()}
        parsed = _parse(session, number, row, problems, open_months)
        if parsed is None:
            continue
        where = (parsed.project, parsed.key, parsed.period)
        if where in seen:
            problems.append(
                (number, f"line {number}: {parsed.project} {parsed.key} {parsed.period} is also on line {seen[where]}")
            )
            parsed.ok = False
        else:
            seen[where] = number
        lines.append(parsed)
    added = _write(session, lines, problems)
    if problems:  # the command's transaction is rolled back
        raise ImportFileError(str(path), [text for _, text in sorted(problems, key=lambda problem: problem[0])])
    return ImportResult(added, len(lines), tuple(sorted({line.period for line in lines})))


def _parse(
    session: Session,
    number: int,
    row: dict[str, str],
    problems: list[tuple[int, str]],
    open_months: dict[Period, str | None],
) -> Line | None:
    """The row as read, its problems added; None when it names no milestone and month to check
    further (no project, a bad key or month)."""

    def bad(column: str, message: str) -> None:
        problems.append((number, f"line {number}, column {column}: {message}"))

    before = len(problems)
    project, key = row.get("project", ""), row.get("milestone", "")
    known = False
    if not project:
        bad("project", "a project code is needed")
    else:
        try:
            get_project(session, project)
            known = True
        except NotFoundError as exc:
            bad("project", str(exc))
    key_read = True
    try:
        key = store.check_key(key)
    except PortfolioError as exc:
        bad("milestone", str(exc))
        key_read = False
    period: Period | None = None
    try:
        period = Period.parse(row.get("period", ""))
    except PeriodError as exc:
        bad("period", str(exc))
    if period is not None:
        if period not in open_months:
            try:
                ensure_open(session, period)
                open_months[period] = None
            except PortfolioError as exc:
                open_months[period] = str(exc)
        if open_months[period]:
            bad("period", str(open_months[period]))
    dates: dict[str, dt.date | None] = {}
    for column in ("forecast", "actual", "baseline"):
        text = row.get(column, "")
        dates[column] = None
        if text:
            try:
                dates[column] = parse_date(text)
            except ValueError as exc:
                bad(column, str(exc))
    if not row.get("forecast") and not row.get("actual"):
        bad("forecast", "give the month's forecast date, or the date reached in 'actual'")
    actual = dates["actual"]
    if actual is not None and period is not None and actual > period.last_day:
        bad("actual", f"{actual.isoformat()} is after {period}; a milestone is reported reached in or after its month")
    tolerance = None
    if row.get("tolerance"):
        try:
            tolerance = parse_tolerance(row["tolerance"])
        except ValueError as exc:
            bad("tolerance", str(exc))
    if not project or not key_read or period is None:
        return None
    return Line(
        number,
        project,
        key,
        period,
        dates["forecast"],
        actual,
        row.get("name") or None,
        dates["baseline"],
        tolerance,
        ok=len(problems) == before,
        known=known,
        baseline_given=bool(row.get("baseline")),
    )


def _write(session: Session, lines: list[Line], problems: list[tuple[int, str]]) -> int:
    """Add the new milestones, then store each milestone's months in order; problems by line.

    Every milestone of a known project is checked, also one with a bad row: its definition may
    come from any of its rows, and its good rows are stored (and so checked) as usual."""
    groups: dict[tuple[str, str], list[Line]] = {}
    for line in lines:
        if line.known:
            groups.setdefault((line.project, line.key), []).append(line)
    added = 0
    for (project, key), rows in groups.items():
        rows.sort(key=lambda line: line.period)
        good = [row for row in rows if row.ok]
        try:
            milestone = store.find(session, project, key)
        except NotFoundError:
            milestone = None
        name = next((r.name for r in rows if r.name), None)
        baseline = next((r.baseline for r in rows if r.baseline), None)
        tolerance = next((r.tolerance for r in rows if r.tolerance), None)
        try:
            if milestone is None:
                if name is None or not any(r.baseline_given for r in rows):
                    column = "name" if name is None else "baseline"
                    problems.append(
                        (
                            rows[0].line,
                            f"line {rows[0].line}, column {column}: {project} has no milestone '{key}' yet; "
                            f"a new one needs a name and a baseline",
                        )
                    )
                    continue
                if baseline is None or not good:  # its baseline, or every row, is already named as bad
                    continue
                first = good[0]
                milestone = store.add(
                    session, project, key, name, baseline, first.period, tolerance, first.forecast or first.actual
                )
                added += 1
            elif name or baseline or tolerance:
                store.edit(
                    session,
                    milestone,
                    name=name,
                    baseline=baseline,
                    tolerance=tolerance if tolerance is not None else store.UNSET,
                )
        except PortfolioError as exc:
            problems.append((rows[0].line, f"line {rows[0].line}: {exc}"))
            continue
        for row in good:
            try:
                if row.actual is not None:
                    store.reach(session, milestone, row.period, row.actual)
                elif row.forecast is not None:
                    store.set_forecast(session, milestone, row.period, row.forecast)
            except PortfolioError as exc:
                problems.append((row.line, f"line {row.line}: {exc}"))
    return added
