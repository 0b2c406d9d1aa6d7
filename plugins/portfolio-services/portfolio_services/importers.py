"""CSV imports: every row is checked first, all problems are reported at once, nothing is
written unless the whole file is good (the command's transaction rolls back otherwise)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from sqlmodel import Session

from portfolio.api import (
    CsvTable,
    ImportFileError,
    ImportProfile,
    Period,
    PortfolioError,
    parse_date,
    parse_month,
    read_csv,
)
from portfolio_services import inputs
from portfolio_services.choices import CATEGORIES
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
PLAIN = ImportProfile("native")


@dataclass(frozen=True)
class Source:
    """A file as its import profile reads it: the rows keyed by the import's columns, the profile
    (its conventions read the values) and each column's name as the file writes it, for messages."""

    table: CsvTable
    profile: ImportProfile = PLAIN
    names: Mapping[str, str] = field(default_factory=dict)

    def place(self, line: int) -> Callable[[str], str]:
        source, names = self.table.source, self.names
        return lambda name: f"{source}: line {line}, column {names.get(name, name)}"


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
FORMATS = {"support": SUPPORT, "incidents": OPERATIONS, "orders": ORDERS, "hours": HOURS, "readiness": READINESS}


def already_stored(source: str, periods: list[Period]) -> list[str]:
    """One problem per month a monthly import would overwrite without --replace."""
    from portfolio_services.models import SupportMonth

    return [f"{source}: {already_recorded(SupportMonth, period)}" for period in periods]


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


def parse_rows(
    table: CsvTable,
    build: Callable[[Fields], T | None],
    key: Callable[[Fields], Any] | None = None,
    key_column: str = "",
    describe_key: Callable[[Any], str] = str,
    source: Source | None = None,
) -> tuple[list[tuple[int, T]], list[tuple[int, str]]]:
    """Each good row as a record, and the problems as (line, problem): bad values, and (with
    ``key``) a key given twice.

    ``key`` reads the key from a row's fields (None when it does not read), so a row with a bad
    value still holds its key: a later row with the same key is named as a repeat of it. Each
    problem names the file, the line and the column as the file writes it."""
    parsed: list[tuple[int, T]] = []
    problems: list[tuple[int, str]] = []
    seen: dict[Any, int] = {}
    source = source or Source(table)
    for line, values in table.rows:
        where = source.place(line)
        fields = Fields(values, where)
        record = build(fields)
        problems.extend((line, problem) for problem in fields.problems)
        if key is not None:
            record_key = key(Fields(values, where))  # its own problems are the row's, named above
            if record_key is not None:
                first = seen.get(record_key)
                if first is not None:
                    repeat = f"{describe_key(record_key)} is already given on line {first}"
                    problems.append((line, f"{where(key_column)}: {repeat}"))
                    continue
                seen[record_key] = line
        if record is not None:
            parsed.append((line, record))
    return parsed, problems


def refuse(source: str, problems: list[tuple[int, str]]) -> None:
    """Raise the file's problems, in line order (a row's own in the order they were found), if any."""
    if problems:
        raise ImportFileError(source, [text for _, text in sorted(problems, key=lambda problem: problem[0])])


def month_key(fields: Fields) -> Period | None:
    return fields.get("month", parse_month)


def reference_key(fields: Fields) -> str | None:
    return fields.get("reference", inputs.reference)


def event_key(fields: Fields) -> tuple[Any, str] | None:
    """A readiness event's date and description, the same event twice being a repeat."""
    date, text = fields.get("date", parse_date), fields.get("description", inputs.description)
    return None if date is None or text is None else (date, text)


def import_support(
    session: Session, path: Path, *, replace: bool, table: CsvTable | None = None, source: Source | None = None
) -> tuple[int, int]:
    """Support-desk figures, one row per month. Returns (months, replaced)."""
    table = read_table(path, SUPPORT, source.table if source else table)
    return _import_months(session, table, inputs.support_from, replace, source)


def import_operations(
    session: Session, path: Path, *, replace: bool, table: CsvTable | None = None, source: Source | None = None
) -> tuple[int, int]:
    """Incidents and changes, one row per month. Returns (months, replaced)."""
    table = read_table(path, OPERATIONS, source.table if source else table)
    return _import_months(session, table, inputs.operations_from, replace, source)


def _import_months(
    session: Session,
    table: CsvTable,
    build: Callable[[Fields], MonthFigures | None],
    replace: bool,
    source: Source | None = None,
) -> tuple[int, int]:
    # mypy cannot solve T from a union of records; the types are as annotated
    rows: list[tuple[int, MonthFigures]]
    source = source or Source(table)
    rows, problems = parse_rows(table, build, month_key, "month", source=source)  # type: ignore[misc]
    if not replace and rows:
        model = MODELS[type(rows[0][1])]
        stored = stored_periods(session, model, (r.period for _, r in rows))
        problems += [
            (line, f"{source.place(line)('month')}: {already_recorded(model, r.period)}")
            for line, r in rows
            if r.period in stored
        ]
    refuse(table.source, problems)
    replaced = save_months(session, [r for _, r in rows], replace=replace)
    return len(rows), replaced


def import_orders(
    session: Session,
    path: Path,
    table: CsvTable | None = None,
    *,
    categories: tuple[str, ...] = CATEGORIES,
    source: Source | None = None,
) -> SaveCounts:
    """Orders by reference; a category must be one of ``categories`` ([plugins.services])."""
    table = read_table(path, ORDERS, source.table if source else table)
    source = source or Source(table)
    profile = source.profile

    def build(fields: Fields) -> inputs.OrderInput | None:
        return inputs.order_from(fields, categories=categories, date=profile.date)

    rows, problems = parse_rows(table, build, reference_key, "reference", source=source)
    refuse(table.source, problems)
    return save_orders(session, [r for _, r in rows])


@dataclass(frozen=True)
class HoursResult:
    """What an hours import stored, and the rows it left out because they are not New services work."""

    counts: SaveCounts
    ignored_rows: int = 0
    ignored_references: tuple[str, ...] = ()


def import_hours(
    session: Session, path: Path, table: CsvTable | None = None, *, source: Source | None = None
) -> HoursResult:
    """Hours per order and day; rows for the same order and day are added up.

    A time sheet holds other work too: a row whose reference is no stored order (or no reference
    at all) is not New services work and is left out, counted, not refused."""
    table = read_table(path, HOURS, source.table if source else table)
    source = source or Source(table)
    profile = source.profile
    texts = [(values.get("reference") or "").strip() for _line, values in table.rows]
    known = orders_by_reference(session, (text for text in texts if inputs.REFERENCE.match(text)))
    kept = [(line, values) for (line, values), text in zip(table.rows, texts, strict=True) if text in known]
    others = [text for text in texts if text not in known]

    def build(fields: Fields) -> inputs.HoursInput | None:
        return inputs.hours_from(fields, date=profile.date, number=profile.number)

    rows, problems = parse_rows(CsvTable(table.source, table.header, kept, table.comments), build, source=source)
    refuse(table.source, problems)
    counts = save_hours(session, sum_hours_per_day(entry for _, entry in rows))
    return HoursResult(counts, len(others), tuple(sorted(set(others))))


def import_readiness(
    session: Session, path: Path, table: CsvTable | None = None, *, source: Source | None = None
) -> tuple[int, int]:
    table = read_table(path, READINESS, source.table if source else table)
    rows, problems = parse_rows(
        table,
        inputs.readiness_from,
        event_key,
        "description",
        lambda k: f"the event '{k[1]}' on {k[0].isoformat()}",
        source=source,
    )
    refuse(table.source, problems)
    return save_events(session, [r for _, r in rows])
