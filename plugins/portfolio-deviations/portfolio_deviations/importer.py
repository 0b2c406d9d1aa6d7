"""Importing a quality-system export (CSV): all or nothing, idempotent by the deviation's id.

A record already stored under the same id is updated with the file's values, never added twice;
an unchanged record is left alone. Every row is checked before anything is written.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import insert, update
from sqlmodel import Session, select

from portfolio.api import (
    CsvTable,
    ImportFileError,
    ImportProfile,
    PortfolioError,
    column_key,
    ensure_open_for_dates,
    map_columns,
    parse_date,
    read_csv,
    record_rows,
)
from portfolio_deviations.config import FIELDS
from portfolio_deviations.models import EXTERNAL_ID_LENGTH, Deviation, DeviationImport

REQUIRED = ("id", "title", "place", "handler", "opened", "closed", "category")
BATCH = 1000
TEXT_LIMIT = 2000


@dataclass(frozen=True)
class DeviationRow:
    """One checked row of an export, with the line it came from."""

    line: int
    external_id: str
    title: str
    place: str
    handler: str
    opened: dt.date
    closed: dt.date | None
    category: str | None

    def values(self) -> dict[str, object]:
        return {
            "title": self.title,
            "place": self.place,
            "handler": self.handler,
            "opened": self.opened,
            "closed": self.closed,
            "category": self.category,
        }


@dataclass(frozen=True)
class ImportResult:
    """What a deviations import stored."""

    source: str
    rows: int
    created: int
    updated: int

    @property
    def unchanged(self) -> int:
        return self.rows - self.created - self.updated


def header_fields(table: CsvTable, columns: Mapping[str, str]) -> dict[str, str]:
    """field -> the file's column for it; file columns may be renamed with ``columns``."""
    found: dict[str, str] = {}
    for name in table.header:
        key = name.strip().casefold()
        target = columns.get(key, key)
        if target not in FIELDS:
            renamed = sorted(h for h in columns)
            allowed = ", ".join([*FIELDS, *renamed])
            raise PortfolioError(f"{table.source}: unknown column '{name}'; allowed: {allowed}")
        if target in found:
            raise PortfolioError(f"{table.source}: columns '{found[target]}' and '{name}' both give the {target}")
        found[target] = name
    missing = [name for name in REQUIRED if name not in found]
    if missing:
        raise PortfolioError(f"{table.source}: missing column '{missing[0]}'; required: {', '.join(REQUIRED)}")
    return found


def parse_rows(
    table: CsvTable,
    columns: Mapping[str, str],
    profile: ImportProfile | None = None,
    *,
    strict_columns: bool = False,
    notices: list[str] | None = None,
) -> list[DeviationRow]:
    """Every row checked; raises once with every problem, as 'line N, column X: ...'.

    With an import ``profile`` its renames and ignored columns apply (besides ``columns`` from
    the settings), other extra columns are ignored with a notice appended to ``notices``
    (refused with ``strict_columns``), and dates are read with its conventions.
    """
    if profile is None:
        where = header_fields(table, columns)
        read_date: Callable[[str], dt.date] = parse_date
    else:
        aliases = {column_key(name): target for name, target in columns.items()}
        mapped = map_columns(
            table.source, table.header, profile, FIELDS, required=REQUIRED, aliases=aliases, strict=strict_columns
        )
        if mapped.notice and notices is not None:
            notices.append(mapped.notice)
        where = dict(mapped.columns)
        read_date = profile.date
    if not table.rows:
        raise PortfolioError(f"{table.source} has a header but no rows")
    problems: list[str] = []
    seen: dict[str, int] = {}
    rows = []
    for line, values in table.rows:
        bad = len(problems)

        external_id = _text(values, where, "id", line, problems)
        if len(external_id) > EXTERNAL_ID_LENGTH:
            problems.append(
                f"line {line}, column {where['id']}: '{external_id[:20]}…' is longer than "
                f"{EXTERNAL_ID_LENGTH} characters"
            )
        elif external_id in seen:
            problems.append(
                f"line {line}, column {where['id']}: '{external_id}' already given on line {seen[external_id]}"
            )
        elif external_id:
            seen[external_id] = line
        title, place, handler = (_text(values, where, name, line, problems) for name in ("title", "place", "handler"))
        category = _text(values, where, "category", line, problems, required=False) or None
        opened = _date(values, where, "opened", line, problems, required=True, read=read_date)
        closed = _date(values, where, "closed", line, problems, required=False, read=read_date)
        if opened is not None and closed is not None and closed < opened:
            problems.append(
                f"line {line}, column {where['closed']}: {closed.isoformat()} is before the "
                f"opened date {opened.isoformat()}"
            )
        if len(problems) == bad and opened is not None:
            rows.append(DeviationRow(line, external_id, title, place, handler, opened, closed, category))
    if problems:
        raise ImportFileError(table.source, problems)
    return rows


def _text(
    values: Mapping[str, str],
    where: Mapping[str, str],
    name: str,
    line: int,
    problems: list[str],
    *,
    required: bool = True,
) -> str:
    value = values[where[name]].strip()
    if required and not value:
        problems.append(f"line {line}, column {where[name]}: empty; the {name} is needed")
    elif len(value) > TEXT_LIMIT:
        problems.append(f"line {line}, column {where[name]}: {len(value)} characters; at most {TEXT_LIMIT}")
    return value


def _date(
    values: Mapping[str, str],
    where: Mapping[str, str],
    name: str,
    line: int,
    problems: list[str],
    *,
    required: bool,
    read: Callable[[str], dt.date] = parse_date,
) -> dt.date | None:
    value = values[where[name]].strip()
    if not value:
        if required:
            problems.append(f"line {line}, column {where[name]}: empty; the {name} date is needed")
        return None
    try:
        return read(value)
    except ValueError as exc:
        problems.append(f"line {line}, column {where[name]}: {exc}")
        return None


@dataclass(frozen=True)
class Plan:
    """What storing a file's rows would do: rows to insert, and changed rows by primary key.

    ``dates`` are the days the change touches: a new row's opened and closed days, and the old
    and new day of each opened or closed day a changed row moves.
    """

    new: list[dict[str, object]]
    changed: list[dict[str, object]]
    dates: list[dt.date | None]


def plan(session: Session, rows: Sequence[DeviationRow]) -> Plan:
    """Compare the rows with what is stored under the same ids; unchanged rows drop out."""
    fields = ("title", "place", "handler", "opened", "closed", "category")
    columns = [getattr(Deviation, name) for name in fields]
    stored = {
        external_id: (key, dict(zip(fields, values, strict=True)))
        for key, external_id, *values in session.exec(
            select(Deviation.id, Deviation.external_id, *columns)  # type: ignore[call-overload]
        ).all()
    }
    new, changed = [], []
    dates: list[dt.date | None] = []
    for row in rows:
        values = row.values()
        current = stored.get(row.external_id)
        if current is None:
            new.append({"external_id": row.external_id, **values})
            dates.extend((row.opened, row.closed))
        elif current[1] != values:
            changed.append({"id": current[0], **values})
            for name in ("opened", "closed"):
                if current[1][name] != values[name]:
                    dates.extend((current[1][name], getattr(row, name)))
    return Plan(new, changed, dates)


def apply(session: Session, work: Plan, log: DeviationImport) -> None:
    """Insert and update in batches (Core statements, not one object per row)."""
    session.flush()
    session.expire_all()  # the bulk statements bypass objects already loaded
    new = [{**values, "import_id": log.id} for values in work.new]
    changed = [{**values, "import_id": log.id} for values in work.changed]
    for start in range(0, len(new), BATCH):
        session.execute(insert(Deviation), new[start : start + BATCH])
    for start in range(0, len(changed), BATCH):
        session.execute(update(Deviation), changed[start : start + BATCH])
    session.flush()
    record_rows(session, Deviation, "insert", new, key=("external_id",))
    record_rows(session, Deviation, "update", changed)


def store(
    session: Session,
    rows: Sequence[DeviationRow],
    *,
    source: str,
    exported_on: dt.date,
    user: str,
) -> ImportResult:
    """Insert new ids and update changed ones; the import itself is logged with its counts.

    Refused, before anything is written, when the export is dated in a closed month or a new or
    changed deviation is opened or closed in one (``ensure_open_for_dates``).
    """
    work = plan(session, rows)
    ensure_open_for_dates(session, [exported_on, *work.dates])
    log = DeviationImport(
        source=source,
        exported_on=exported_on,
        imported_at=dt.datetime.now(dt.UTC).replace(microsecond=0),
        imported_by=user,
        rows=len(rows),
        created=len(work.new),
        updated=len(work.changed),
    )
    session.add(log)
    session.flush()
    apply(session, work, log)
    return ImportResult(source, len(rows), len(work.new), len(work.changed))


EXPORTED_LINE = re.compile(r"^#\s*(?:exported|eksportert|uttrekk)\s*:\s*(?P<day>.+?)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class ExportDate:
    """The day an export was taken, and how it was known: said by --exported, by the file's
    ``# exported: DATE`` line, or the newest day its rows carry (the export is no older)."""

    day: dt.date
    origin: str  # "option", "header" or "newest"


def export_date(
    table: CsvTable, rows: Sequence[DeviationRow], given: dt.date | None, profile: ImportProfile | None = None
) -> ExportDate:
    """Never today's date by default: a January export imported in December is January's."""
    if given is not None:
        return ExportDate(given, "option")
    for line, text in table.comments:
        match = EXPORTED_LINE.match(text.strip())
        if match:
            try:
                day = profile.date(match["day"]) if profile is not None else parse_date(match["day"])
            except ValueError as exc:
                raise PortfolioError(f"{table.source}: line {line}: the export date {exc}") from None
            return ExportDate(day, "header")
    days = [day for row in rows for day in (row.opened, row.closed) if day is not None]
    if not days:
        raise PortfolioError(
            f"{table.source}: no row gives a date to tell when the export was taken; "
            "give --exported YYYY-MM-DD or a line '# exported: YYYY-MM-DD' above the header"
        )
    return ExportDate(max(days), "newest")


def import_file(
    session: Session,
    path: Path,
    *,
    columns: Mapping[str, str],
    exported_on: dt.date | None,
    user: str,
    table: CsvTable | None = None,
    profile: ImportProfile | None = None,
    strict_columns: bool = False,
    notices: list[str] | None = None,
) -> tuple[ImportResult, ExportDate]:
    """Read, check and store one export file (``table``: already read, with its profile); the
    export's date is ``exported_on``, else what the file says (``export_date``)."""
    if table is None:
        table = read_csv(path, comment="#", header_comments=True)
    rows = parse_rows(table, columns, profile, strict_columns=strict_columns, notices=notices)
    exported = export_date(table, rows, exported_on, profile)
    return store(session, rows, source=path.name, exported_on=exported.day, user=user), exported
