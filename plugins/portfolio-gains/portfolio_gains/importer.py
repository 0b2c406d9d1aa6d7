"""``portfolio gain import FILE``: benefits' realised values per month from a CSV file.

One row per benefit and month: ``subject`` (a project or program code), ``benefit`` (its key),
``period`` and ``value``. A benefit the database does not have yet is defined on its first row
by ``measure``, ``owner``, ``unit``, ``baseline``, ``target`` and ``target_date``; that row's
period is its baseline month (its ``value`` may then be empty). Every row is checked before
anything is kept: a month not begun or closed, a number or date that does not read, a subject or
benefit that does not exist. A bad row is named by its line and column, and the file is imported
whole or not at all.
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
    line: int
    subject: str
    key: str
    period: Period
    value: Decimal | None
    definition: dict[str, object]


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
    problems: list[str] = []
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
                f"line {number}: {parsed.subject} {parsed.key} {parsed.period} is also on line {seen[where]}"
            )
            continue
        seen[where] = number
        lines.append(parsed)
    if problems:
        raise ImportFileError(str(path), problems)
    added = _write(session, lines, problems)
    if problems:
        raise ImportFileError(str(path), problems)  # the command's transaction is rolled back
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
    session: Session, number: int, row: dict[str, str], problems: list[str], months: dict[Period, str | None]
) -> Line | None:
    def bad(column: str, message: str) -> None:
        problems.append(f"line {number}, column {column}: {message}")

    before = len(problems)
    subject, key = row.get("subject", ""), row.get("benefit", "")
    if not subject:
        bad("subject", "a project or program code is needed")
    else:
        try:
            get_subject(session, subject)
        except NotFoundError as exc:
            bad("subject", str(exc))
    try:
        key = store.check_key(key)
    except PortfolioError as exc:
        bad("benefit", str(exc))
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
    if len(problems) > before or period is None:
        return None
    return Line(number, subject, key, period, value, definition)


def _write(session: Session, lines: list[Line], problems: list[str]) -> int:
    """Add the new benefits, then store each benefit's values in month order; problems by line."""
    groups: dict[tuple[str, str], list[Line]] = {}
    for line in lines:
        groups.setdefault((line.subject, line.key), []).append(line)
    added = 0
    for (subject, key), rows in groups.items():
        rows.sort(key=lambda line: line.period)
        definition: dict[str, object] = {}
        for row in rows:
            definition.update({k: v for k, v in row.definition.items() if k not in definition})
        try:
            try:
                benefit = store.find(session, subject, key)
            except NotFoundError:
                lacking = [column for column in DEFINITION if column not in definition]
                if lacking:
                    problems.append(
                        f"line {rows[0].line}, column {lacking[0]}: {subject} has no benefit '{key}' yet; a new one "
                        f"needs {', '.join(DEFINITION)}"
                    )
                    continue
                benefit = store.add(session, subject, key, period=rows[0].period, **definition)  # type: ignore[arg-type]
                added += 1
            else:
                if definition:
                    store.edit(session, benefit, **definition)  # type: ignore[arg-type]
        except PortfolioError as exc:
            problems.append(f"line {rows[0].line}: {exc}")
            continue
        for row in rows:
            if row.value is None:
                continue
            try:
                store.set_value(session, benefit, row.period, row.value)
            except PortfolioError as exc:
                problems.append(f"line {row.line}: {exc}")
    return added
