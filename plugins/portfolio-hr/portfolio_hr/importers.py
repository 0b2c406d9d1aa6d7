"""CSV imports of sick leave and AML breaches: every row checked first, then all or nothing."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

from sqlmodel import Session

from portfolio.api import (
    CsvTable,
    ImportFileError,
    ImportProfile,
    Period,
    PeriodError,
    PortfolioError,
    is_closed,
    read_csv,
)
from portfolio_hr import aml, records, sick_leave
from portfolio_hr.config import HrConfig
from portfolio_hr.models import PERCENT_FIELDS, HrSickLeave
from portfolio_hr.values import parse_count, parse_month, parse_percent

T = TypeVar("T")


@dataclass
class ImportResult:
    """What an import wrote, and findings worth a look that did not stop it."""

    months: list[Period] = field(default_factory=list)
    rows: int = 0
    warnings: list[str] = field(default_factory=list)
    breaches: int = 0  # breach rows counted (one row per employee and breach)


def _columns(table: CsvTable) -> dict[str, str]:
    """Normalised name -> the header as written: 'Short-term' and 'short_term' are one column."""
    columns: dict[str, str] = {}
    for header in table.header:
        name = header.strip().lower().replace("-", "_").replace(" ", "_")
        if name in columns:
            raise PortfolioError(f"{table.source}: columns '{columns[name]}' and '{header}' are the same column")
        columns[name] = header
    return columns


def _require(table: CsvTable, columns: dict[str, str], required: tuple[str, ...], allowed: tuple[str, ...]) -> None:
    unknown = [header for name, header in columns.items() if name not in allowed]
    if unknown:
        raise PortfolioError(f"{table.source}: unknown column '{unknown[0]}'; allowed: {', '.join(allowed)}")
    missing = [name for name in required if name not in columns]
    if missing:
        raise PortfolioError(f"{table.source}: column '{missing[0]}' is missing; required: {', '.join(required)}")


def _read(problems: list[str], line: int, column: str, text: str, parse: Callable[[str], T]) -> T | None:
    try:
        return parse(text)
    except ValueError as exc:
        problems.append(f"line {line}, column {column}: {exc}")
        return None


def _month(session: Session, problems: list[str], line: int, column: str, text: str) -> Period | None:
    period = _read(problems, line, column, text, parse_month)
    if period is not None and is_closed(session, period):
        problems.append(f"line {line}, column {column}: period {period} is closed")
        return None
    return period


def _keyed(table: CsvTable, columns: dict[str, str], allowed: tuple[str, ...]) -> tuple[CsvTable, dict[str, str]]:
    """The table keyed by the normalised column names (unknown ones refused), and each name's
    header as written, for messages."""
    unknown = [header for name, header in columns.items() if name not in allowed]
    if unknown:
        raise PortfolioError(f"{table.source}: unknown column '{unknown[0]}'; allowed: {', '.join(allowed)}")
    rows = [(line, {name: row.get(header, "") for name, header in columns.items()}) for line, row in table.rows]
    return CsvTable(table.source, list(columns), rows, table.comments), dict(columns)


def _records(
    session: Session,
    table: CsvTable,
    profile: ImportProfile | None,
    names: Mapping[str, str] | None,
    allowed: tuple[str, ...],
) -> records.Reader:
    """A reader of a records file: through its profile (already keyed), or keyed here."""
    if profile is None:
        table, names = _keyed(table, _columns(table), allowed)
    return records.Reader(session, table, profile or ImportProfile("native"), names or {})


def _store_months(
    session: Session, config: HrConfig, reader: records.Reader, months: dict[Period, dict[str, Decimal | None]]
) -> ImportResult:
    if reader.problems:
        raise ImportFileError(reader.table.source, reader.problems)
    if not months:
        raise PortfolioError(f"{reader.table.source} has a header but no rows")
    result = ImportResult(months=sorted(months))
    for period in result.months:
        stored = sick_leave.store(session, period, months[period], replace=True)
        result.rows += 1
        result.warnings += sum_warnings(stored, config, where=str(reader.table.source))
    return result


def import_sick_leave(
    session: Session,
    path: Path,
    config: HrConfig,
    table: CsvTable | None = None,
    *,
    profile: ImportProfile | None = None,
    names: Mapping[str, str] | None = None,
) -> ImportResult:
    """One row per month: period, total and optionally the four parts; each month is replaced.
    Or records (``records``): sick-leave days per unit or employee, or percentages per unit.

    ``table``: the file already read through an import profile (``profile``, ``names``)."""
    if table is None:
        table = read_csv(path)
    columns = _columns(table)
    if "sick_days" in columns:
        reader = _records(session, table, profile, names, records.DAYS_COLUMNS)
        return _store_months(session, config, reader, records.sum_sick_days(reader))
    if "unit" in columns or "employee" in columns:
        allowed = ("period", "unit", "employee", "possible_days", *PERCENT_FIELDS)
        reader = _records(session, table, profile, names, allowed)
        return _store_months(session, config, reader, records.combine_unit_percentages(reader, config))
    _require(table, columns, ("period", "total"), ("period", *PERCENT_FIELDS))
    problems: list[str] = []
    months: dict[Period, dict[str, Decimal | None]] = {}
    seen: dict[Period, int] = {}
    for line, row in table.rows:
        period = _month(session, problems, line, columns["period"], row[columns["period"]])
        values: dict[str, Decimal | None] = {}
        for name in PERCENT_FIELDS:
            text = row.get(columns.get(name, ""), "")
            if not text:
                if name == "total":
                    problems.append(f"line {line}, column {columns[name]}: empty; the total is required")
                values[name] = None
                continue
            values[name] = _read(problems, line, columns[name], text, parse_percent)
        if period is None:
            continue
        if period in seen:
            problems.append(f"line {line}, column {columns['period']}: {period} is already on line {seen[period]}")
            continue
        seen[period] = line
        months[period] = values
    if problems:
        raise ImportFileError(table.source, problems)
    result = ImportResult(months=sorted(months))
    for period in result.months:
        stored = sick_leave.store(session, period, months[period], replace=True)
        result.rows += 1
        result.warnings += sum_warnings(stored, config, where=f"line {seen[period]}")
    return result


def sum_warnings(row: HrSickLeave, config: HrConfig, where: str = "") -> list[str]:
    """One line per pair of parts that does not add up to the month's total."""
    prefix = f"{where}: " if where else ""
    return [
        f"{prefix}{row.period}: {first} + {second} = {sick_leave.plain(total)} but total is "
        f"{sick_leave.plain(row.total)} (more than {sick_leave.plain(config.rounding_tolerance)} "
        "apart; 'portfolio check' reports it)"
        for first, second, total in sick_leave.mismatches(row, config.rounding_tolerance)
    ]


def import_aml(
    session: Session,
    path: Path,
    config: HrConfig,
    table: CsvTable | None = None,
    *,
    profile: ImportProfile | None = None,
    names: Mapping[str, str] | None = None,
) -> ImportResult:
    """Either one row per month and type (period, type, count), or the report's own layout:
    a 'type' column and one column per month (YYYY-MM) where an empty cell is zero, or one row
    per employee and breach (employee, date or period, type), counted here.
    Every month in the file replaces that month's counts as a whole."""
    if table is None:
        table = read_csv(path)
    columns = _columns(table)
    if "employee" in columns:
        reader = _records(session, table, profile, names, records.AML_ROW_COLUMNS)
        counts = records.count_aml_rows(reader, config)
        if reader.problems:
            raise ImportFileError(table.source, reader.problems)
        if not counts:
            raise PortfolioError(f"{table.source} has a header but no rows")
        rows = aml.replace_months(session, counts)
        return ImportResult(months=sorted(counts), rows=rows, breaches=sum(sum(m.values()) for m in counts.values()))
    if "count" in columns:
        counts, problems = _aml_long(session, table, columns, config)
    else:
        counts, problems = _aml_wide(session, table, columns, config)
    if problems:
        raise ImportFileError(table.source, problems)
    rows = aml.replace_months(session, counts)
    return ImportResult(months=sorted(counts), rows=rows)


def _aml_long(
    session: Session, table: CsvTable, columns: dict[str, str], config: HrConfig
) -> tuple[dict[Period, dict[str, int]], list[str]]:
    _require(table, columns, ("period", "type", "count"), ("period", "type", "count"))
    problems: list[str] = []
    counts: dict[Period, dict[str, int]] = {}
    seen: dict[tuple[Period, str], int] = {}
    for line, row in table.rows:
        period = _month(session, problems, line, columns["period"], row[columns["period"]])
        kind = _read(problems, line, columns["type"], row[columns["type"]], config.breach_type)
        count = _read(problems, line, columns["count"], row[columns["count"]], parse_count)
        if period is None or kind is None:
            continue
        if (period, kind.key) in seen:  # a row with a bad count holds its place too
            problems.append(
                f"line {line}, column {columns['type']}: {kind.key} for {period} is already on "
                f"line {seen[period, kind.key]}"
            )
            continue
        seen[period, kind.key] = line
        if count is None:
            continue
        counts.setdefault(period, {})[kind.key] = count
    return counts, problems


def _aml_wide(
    session: Session, table: CsvTable, columns: dict[str, str], config: HrConfig
) -> tuple[dict[Period, dict[str, int]], list[str]]:
    if "type" not in columns:
        raise PortfolioError(
            f"{table.source}: column 'type' is missing; give either period, type, count or "
            "type and one column per month (YYYY-MM)"
        )
    problems: list[str] = []
    month_columns: dict[str, Period] = {}
    for name, header in columns.items():
        if name == "type":
            continue
        try:
            month_columns[header] = Period.parse(header)
        except PeriodError:
            raise PortfolioError(
                f"{table.source}: column '{header}' is neither 'type' nor a month (YYYY-MM); "
                "for one row per month and type use the columns period, type, count"
            ) from None
    if not month_columns:
        raise PortfolioError(f"{table.source}: no month columns (YYYY-MM) beside 'type'")
    for header, period in month_columns.items():
        try:
            parse_month(header)
        except ValueError as exc:
            problems.append(f"column {header}: {exc}")
            continue
        if is_closed(session, period):
            problems.append(f"column {header}: period {period} is closed")
    counts: dict[Period, dict[str, int]] = {p: {} for p in month_columns.values()}
    seen: dict[str, int] = {}
    for line, row in table.rows:
        kind = _read(problems, line, columns["type"], row[columns["type"]], config.breach_type)
        if kind is not None and kind.key in seen:
            problems.append(f"line {line}, column {columns['type']}: {kind.key} is already on line {seen[kind.key]}")
            kind = None
        for header, period in month_columns.items():
            text = row[header]
            count = _read(problems, line, header, text, parse_count) if text else 0
            if kind is not None and count is not None:
                counts[period][kind.key] = count
        if kind is not None:
            seen[kind.key] = line
    return counts, problems
