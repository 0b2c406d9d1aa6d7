"""CSV imports: every row is checked first, all problems are reported at once, nothing is
written unless the whole file is good (the command's transaction rolls back otherwise)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from sqlmodel import Session

from portfolio.api import CsvTable, ImportFileError, Period, PortfolioError, read_csv
from portfolio_services import inputs
from portfolio_services.hints import did_you_mean
from portfolio_services.inputs import Fields
from portfolio_services.months import (
    MODELS,
    MonthFigures,
    already_recorded,
    save_months,
    stored_periods,
)
from portfolio_services.orders import (
    SaveCounts,
    orders_by_reference,
    save_hours,
    save_orders,
    sum_hours_per_day,
)
from portfolio_services.readiness import save_events

T = TypeVar("T")


@dataclass(frozen=True)
class FileFormat:
    """The columns of one kind of file."""

    kind: str
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()


SUPPORT = FileFormat("support", ("month", "contacts", "phone_share", "answered_share", "first_line_share"))
OPERATIONS = FileFormat("incidents", ("month", "incidents", "changes"))
ORDERS = FileFormat("orders", ("reference", "category", "received"), ("offer_sent", "delivered", "title"))
HOURS = FileFormat("hours", ("reference", "date", "hours"))
READINESS = FileFormat("readiness", ("date", "level", "description"))


def read_table(path: Path, form: FileFormat, table: CsvTable | None = None) -> CsvTable:
    """The file's rows, once its header has every required column and no unknown one.

    ``table``: the file already read through an import profile (``read_profiled_csv``)."""
    if table is None:
        table = read_csv(path)
    allowed = [*form.required, *form.optional]
    unknown = [name for name in table.header if name not in allowed]
    if unknown:
        raise PortfolioError(
            f"{table.source}: unknown column '{unknown[0]}'{did_you_mean(unknown[0], allowed)}; "
            f"allowed: {', '.join(allowed)}"
        )
    missing = [name for name in form.required if name not in table.header]
    if missing:
        raise PortfolioError(
            f"{table.source}: missing column '{missing[0]}'; {form.kind} files have the columns {', '.join(allowed)}"
        )
    if not table.rows:
        raise PortfolioError(f"{table.source} has a header but no rows")
    return table


def _place(line: int) -> Callable[[str], str]:
    return lambda name: f"line {line}, column {name}"


def parse_rows(
    table: CsvTable,
    build: Callable[[Fields], T | None],
    key: Callable[[T], Any] | None = None,
    key_column: str = "",
    describe_key: Callable[[Any], str] = str,
) -> tuple[list[tuple[int, T]], list[str]]:
    """Each row as a record, and the problems: bad values, and (with ``key``) a key given twice."""
    parsed: list[tuple[int, T]] = []
    problems: list[str] = []
    seen: dict[Any, int] = {}
    for line, values in table.rows:
        fields = Fields(values, _place(line))
        record = build(fields)
        problems.extend(fields.problems)
        if record is None:
            continue
        if key is not None:
            record_key = key(record)
            if record_key in seen:
                problems.append(
                    f"line {line}, column {key_column}: {describe_key(record_key)} is already "
                    f"given on line {seen[record_key]}"
                )
                continue
            seen[record_key] = line
        parsed.append((line, record))
    return parsed, problems


def import_support(session: Session, path: Path, *, replace: bool, table: CsvTable | None = None) -> tuple[int, int]:
    """Support-desk figures, one row per month. Returns (months, replaced)."""
    return _import_months(session, read_table(path, SUPPORT, table), inputs.support_from, replace)


def import_operations(session: Session, path: Path, *, replace: bool, table: CsvTable | None = None) -> tuple[int, int]:
    """Incidents and changes, one row per month. Returns (months, replaced)."""
    return _import_months(session, read_table(path, OPERATIONS, table), inputs.operations_from, replace)


def _period(record: MonthFigures) -> Period:
    return record.period


def _import_months(
    session: Session,
    table: CsvTable,
    build: Callable[[Fields], MonthFigures | None],
    replace: bool,
) -> tuple[int, int]:
    # mypy cannot solve T from a union of records; the types are as annotated
    rows: list[tuple[int, MonthFigures]]
    rows, problems = parse_rows(table, build, _period, "month")  # type: ignore[misc]
    if not replace and rows:
        model = MODELS[type(rows[0][1])]
        stored = stored_periods(session, model, (r.period for _, r in rows))
        problems += [
            f"line {line}, column month: {already_recorded(model, r.period)}" for line, r in rows if r.period in stored
        ]
    if problems:
        raise ImportFileError(table.source, problems)
    replaced = save_months(session, [r for _, r in rows], replace=replace)
    return len(rows), replaced


def import_orders(session: Session, path: Path, table: CsvTable | None = None) -> SaveCounts:
    table = read_table(path, ORDERS, table)
    rows, problems = parse_rows(table, inputs.order_from, lambda r: r.reference, "reference")
    if problems:
        raise ImportFileError(table.source, problems)
    return save_orders(session, [r for _, r in rows])


def import_hours(session: Session, path: Path, table: CsvTable | None = None) -> SaveCounts:
    """Hours per order and day; rows for the same order and day are added up."""
    table = read_table(path, HOURS, table)
    rows, problems = parse_rows(table, inputs.hours_from)
    known = orders_by_reference(session, (entry.reference for _, entry in rows))
    for line, entry in rows:
        if entry.reference not in known:
            problems.append(
                f"line {line}, column reference: no order '{entry.reference}'; import or record the order first"
            )
    if problems:
        raise ImportFileError(table.source, problems)
    return save_hours(session, sum_hours_per_day(entry for _, entry in rows))


def import_readiness(session: Session, path: Path, table: CsvTable | None = None) -> tuple[int, int]:
    table = read_table(path, READINESS, table)
    rows, problems = parse_rows(
        table,
        inputs.readiness_from,
        lambda r: (r.event_date, r.description),
        "description",
        lambda k: f"the event '{k[1]}' on {k[0].isoformat()}",
    )
    if problems:
        raise ImportFileError(table.source, problems)
    return save_events(session, [r for _, r in rows])
