"""``portfolio gain import FILE``: benefits' realised values per month from a CSV file.

One row per benefit and month: ``subject`` (a project or program code), ``benefit`` (its key),
``period`` and ``value``. A benefit the database does not have yet is defined on its first row
by ``measure``, ``owner``, ``unit``, ``baseline``, ``target`` and ``target_date``; that row's
period is its baseline month (its ``value`` may then be empty). Every row is checked before
anything is kept: a month not begun or closed, a number or date that does not read, a subject or
benefit that does not exist. A bad row is named by its line and column, and the file is imported
whole or not at all.

Every problem is named, not only the first kind found: a row with a bad value is still checked
for a repeated benefit and month and, when its subject and key read, against the database with
its benefit's other rows (a new benefit without its definition); only what it would store is left
out, since nothing is stored anyway.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import click
from sqlmodel import Session

from portfolio.api import (
    BEGUN_PERIOD,
    ImportFileError,
    NotFoundError,
    Period,
    PortfolioError,
    ensure_open,
    get_subject,
    parse_date,
    parse_decimal,
    read_csv,
)
from portfolio_gains import store

REQUIRED = ("subject", "benefit", "period")
DEFINITION = ("measure", "owner", "unit", "baseline", "target", "target_date")
OPTIONAL = ("value", *DEFINITION)


@dataclass
class Line:
    """A row as read; ``ok`` False when it has a problem of its own (it is then never stored, but
    still counts for its benefit's definition and for repeats)."""

    line: int
    subject: str
    key: str
    period: Period
    value: Decimal | None
    definition: dict[str, object]
    ok: bool = True
    known: bool = True  # its subject exists
    given: frozenset[str] = frozenset()  # the definition's columns with text (read or not)


@dataclass(frozen=True)
class ImportResult:
    benefits_added: int
    values: int
    months: tuple[Period, ...]


def import_values(session: Session, path: Path) -> ImportResult:
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
    problems: list[tuple[int, str]] = []  # (line, problem): listed in line order
    lines: list[Line] = []
    seen: dict[tuple[str, str, Period], int] = {}
    months: dict[Period, str | None] = {}
    for number, raw in table.rows:
        row = {name.strip().lower(): (value or "").strip() for name, value in raw.items()}
        parsed = _parse(session, number, row, problems, months)
        if parsed is None:
            continue
        where = (parsed.subject, parsed.key, parsed.period)
        if where in seen:
            problems.append(
                (number, f"line {number}: {parsed.subject} {parsed.key} {parsed.period} is also on line {seen[where]}")
            )
            parsed.ok = False
        else:
            seen[where] = number
        lines.append(parsed)
    added = _write(session, lines, problems)
    if problems:  # the command's transaction is rolled back
        raise ImportFileError(str(path), [text for _, text in sorted(problems, key=lambda problem: problem[0])])
    stored = [line for line in lines if line.value is not None]
    return ImportResult(added, len(stored), tuple(sorted({line.period for line in lines})))


def _month(session: Session, text: str, months: dict[Period, str | None]) -> tuple[Period | None, str | None]:
    """The month, or why it cannot take values: not a month, not begun, closed."""
    try:
        period = BEGUN_PERIOD.convert(text, None, None)
    except click.BadParameter as exc:
        return None, exc.message
    if period not in months:
        try:
            ensure_open(session, period)
            months[period] = None
        except PortfolioError as exc:
            months[period] = str(exc)
    return period, months[period]


def _parse(
    session: Session,
    number: int,
    row: dict[str, str],
    problems: list[tuple[int, str]],
    months: dict[Period, str | None],
) -> Line | None:
    """The row as read, its problems added; None when it names no benefit and month to check
    further (no subject, a bad key or month)."""

    def bad(column: str, message: str) -> None:
        problems.append((number, f"line {number}, column {column}: {message}"))

    before = len(problems)
    subject, key = row.get("subject", ""), row.get("benefit", "")
    known = False
    if not subject:
        bad("subject", "a project or program code is needed")
    else:
        try:
            get_subject(session, subject)
            known = True
        except NotFoundError as exc:
            bad("subject", str(exc))
    key_read = True
    try:
        key = store.check_key(key)
    except PortfolioError as exc:
        bad("benefit", str(exc))
        key_read = False
    period, why = _month(session, row.get("period", ""), months)
    if why:
        bad("period", why)
    value: Decimal | None = None
    numbers: dict[str, Decimal] = {}
    for column in ("value", "baseline", "target"):
        if row.get(column):
            try:
                numbers[column] = store.check_value(column, parse_decimal(row[column]))
            except (ValueError, PortfolioError) as exc:
                bad(column, str(exc))
    value = numbers.get("value")
    definition: dict[str, object] = {column: row[column] for column in ("measure", "owner", "unit") if row.get(column)}
    definition.update({column: numbers[column] for column in ("baseline", "target") if column in numbers})
    if row.get("target_date"):
        try:
            target_date: dt.date = parse_date(row["target_date"])
            definition["target_date"] = target_date
        except ValueError as exc:
            bad("target_date", str(exc))
    if not row.get("value") and not definition:
        bad("value", "give the month's realised value")
    if not subject or not key_read or period is None:
        return None
    given = frozenset(column for column in DEFINITION if row.get(column))
    return Line(number, subject, key, period, value, definition, len(problems) == before, known, given)


def _write(session: Session, lines: list[Line], problems: list[tuple[int, str]]) -> int:
    """Add the new benefits, then store each benefit's values in month order; problems by line.

    Every benefit of a known subject is checked, also one with a bad row: its definition may come
    from any of its rows, and its good rows are stored (and so checked) as usual."""
    groups: dict[tuple[str, str], list[Line]] = {}
    for line in lines:
        if line.known:
            groups.setdefault((line.subject, line.key), []).append(line)
    added = 0
    for (subject, key), rows in groups.items():
        rows.sort(key=lambda line: line.period)
        good = [row for row in rows if row.ok]
        definition: dict[str, object] = {}
        for row in rows:
            definition.update({k: v for k, v in row.definition.items() if k not in definition})
        try:
            try:
                benefit = store.find(session, subject, key)
            except NotFoundError:
                lacking = [column for column in DEFINITION if not any(column in row.given for row in rows)]
                if lacking:
                    problems.append(
                        (
                            rows[0].line,
                            f"line {rows[0].line}, column {lacking[0]}: {subject} has no benefit '{key}' yet; "
                            f"a new one needs {', '.join(DEFINITION)}",
                        )
                    )
                    continue
                if len(definition) < len(DEFINITION) or not good:  # a bad value, already named
                    continue
                benefit = store.add(session, subject, key, period=good[0].period, **definition)  # type: ignore[arg-type]
                added += 1
            else:
                if definition:
                    store.edit(session, benefit, **definition)  # type: ignore[arg-type]
        except PortfolioError as exc:
            problems.append((rows[0].line, f"line {rows[0].line}: {exc}"))
            continue
        for row in good:
            if row.value is None:
                continue
            try:
                store.set_value(session, benefit, row.period, row.value)
            except PortfolioError as exc:
                problems.append((row.line, f"line {row.line}: {exc}"))
    return added
