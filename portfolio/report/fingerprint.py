"""The report's fingerprint: a short digest of the data a month's report is built from.

Every table of the core and the loaded plugins counts, scoped to what a report of the month can
read: rows of a month-keyed table (a ``period`` column, or a parent row with one, as a rating's
status report) only from the window of months ending with the report's month; rows of a table
that belongs to months by its dates (orders, events, deviations: ``portfolio.dated_rows``) only
as a report of the month reads them, those dated in the span it shows, with a date after the month
read as not yet set; every row of the others (projects, risks, measures). The window is 24 months
(the longest look-back a section may be configured to show), except for status reports and their
ratings, by far the largest tables: those only as the report reads them (see ``StatusScope``).
Bookkeeping that never shows in a report is left out: the audit trail, which months are closed,
row versions and who saved a row when; so are the plugin settings stored in the database, which
are configuration like portfolio.toml, not data.

Values are written out in one canonical form (text, whole numbers and booleans as Python writes
them; numbers without trailing zeros, dates in ISO form, times in UTC) and each table's rows are
sorted in Python, so SQLite and PostgreSQL give the same digest for the same data. One SELECT per
table, whatever the number of projects.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from decimal import Decimal
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from portfolio.dated_rows import DatedRows, dated_rows_of
from portfolio.report.blocks import Fingerprint
from portfolio.services.status_window import MATRIX_MONTHS, StatusRow, StatusScope, StatusWindow, status_scope

if TYPE_CHECKING:
    from sqlalchemy import Table
    from sqlmodel import Session

    from portfolio.config import Settings
    from portfolio.period import Period
    from portfolio.plugin_host import PluginHost

WINDOW = 24  # months: the longest look-back any section may be configured to show
WINDOWS = {"status_report": MATRIX_MONTHS}  # the status matrix: the month and the one before
STATUS_TABLES = ("status_report", "status_rating")  # digested from the report's shared read
DIGEST_LENGTH = 12
TABLE_DIGEST_LENGTH = 8
SKIPPED_TABLES = frozenset(
    {"audit_log", "reporting_period", "alembic_version", "stored_setting", "report_archive", "schema_revision"}
)
# Who wrote a row and when, and who may write it (a manager's login): none of it is in the report.
SKIPPED_COLUMNS = frozenset(
    {"version", "reported_by", "reported_at", "updated_by", "updated_at", "closed_at", "closed_by", "manager_login"}
)


def canonical(value: Any) -> str:
    """One text per value whatever the backend returned: 5.20 and 5.2 are the same number."""
    if value is None:
        return "\x00"
    if type(value) is str:
        return value.replace("\\", "\\\\").replace("\x1f", "\\x1f").replace("\n", "\\n")
    if type(value) is int:
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return "0" if text in ("-0", "0") else text
    if isinstance(value, float):
        return canonical(Decimal(repr(value)))
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    return str(value)


def _window(table: Table, period: Period, months: int | None = None) -> tuple[str, str]:
    return str(period.shift(1 - (months or WINDOWS.get(table.name, WINDOW)))), str(period)


def _statement(table: Table, period: Period, scope: StatusScope, dialect: Any):  # type: ignore[no-untyped-def]
    """The table's data columns, limited to the window when its rows belong to months.

    Written as SQL text with typed columns: every value is converted as a SELECT of the columns
    would convert it, while the statement costs next to nothing to compile (a report digests
    some thirty tables, each in a statement of its own).
    """
    from sqlalchemy import bindparam, text

    quote = dialect.identifier_preparer.quote
    columns = [c for c in table.columns if c.name not in SKIPPED_COLUMNS]
    name = quote(table.name)
    sql = f"SELECT {', '.join(f'{name}.{quote(c.name)}' for c in columns)} FROM {name}"
    binds: dict[str, Any] = {}
    expanding: list[str] = []
    if "period" in table.c:
        months = scope.months if table.name == "status_report" else None
        binds["start"], binds["end"] = _window(table, period, months)
        sql += f" WHERE {name}.period BETWEEN :start AND :end"
    dated = None if "period" in table.c else dated_rows_of(table.info)
    if dated is not None:
        start, binds["dated_end"] = dated.span(period)
        within = "<= :dated_end"
        if start is not None:
            binds["dated_start"], within = start, "BETWEEN :dated_start AND :dated_end"
        sql += " WHERE (" + " OR ".join(f"{name}.{quote(c)} {within}" for c in dated.columns) + ")"
    parents = () if "period" in table.c or dated else table.foreign_keys  # a row's month may be its parent's
    for key in parents:
        parent = key.column.table
        if "period" in parent.c and parent.name not in SKIPPED_TABLES:
            parent_name = quote(parent.name)
            sql += (
                f" JOIN {parent_name} ON {name}.{quote(key.parent.name)} = {parent_name}.{quote(key.column.name)}"
                f" WHERE ({parent_name}.period BETWEEN :start AND :end"
            )
            months = scope.months if parent.name == "status_report" else None
            binds["start"], binds["end"] = _window(parent, period, months)
            if (
                parent.name == "status_report"
                and scope.grid_dimensions
                and "dimension" in table.c
                and scope.grid_months > scope.months
            ):
                sql += f" OR {name}.dimension IN :dimensions AND {parent_name}.period BETWEEN :grid_start AND :end"
                binds["dimensions"] = list(scope.grid_dimensions)
                binds["grid_start"] = _window(parent, period, scope.grid_months)[0]
                expanding.append("dimensions")
            sql += ")"
            break
    statement = text(sql).bindparams(*(bindparam(key, expanding=True) for key in expanding))
    return statement.bindparams(**binds).columns(*columns)


def _plain_columns(table: Table) -> bool:
    """True when every data column holds text, whole numbers or booleans: values both backends
    return as the same Python objects, so a row's repr is already canonical."""
    from sqlalchemy import Boolean, Enum, Integer, String, TypeDecorator

    def plain(kind: Any) -> bool:
        if isinstance(kind, TypeDecorator):  # e.g. SQLModel's AutoString, a String underneath
            return type(kind).process_result_value is TypeDecorator.process_result_value and plain(kind.impl_instance)
        return isinstance(kind, String | Integer | Boolean) and not isinstance(kind, Enum)

    return all(plain(column.type) for column in table.columns if column.name not in SKIPPED_COLUMNS)


def table_digest(
    session: Session,
    table: Table,
    period: Period,
    scope: StatusScope | None = None,
    later: dict[str, frozenset[int]] | None = None,
) -> str:
    """The first hex digits of a SHA-256 over the table's rows in the scope, sorted as text.

    A row is written as the repr of its values, other values than text, numbers and booleans
    first made canonical: one C call per row where the table allows, as the ratings of a large
    portfolio are hundreds of thousands of rows. ``later`` names, per column ('project.id',
    'measure.risk_id', ...), the ids of rows that belong only to later months: they are left out.
    """
    connection = session.connection()
    rows: Sequence[Sequence[Any]] = connection.execute(
        _statement(table, period, scope or StatusScope(), connection.dialect)
    ).all()
    dated = None if "period" in table.c else dated_rows_of(table.info)
    if dated is not None:
        rows = _as_of(table, rows, dated, period)
    if later:
        columns = [c.name for c in table.columns if c.name not in SKIPPED_COLUMNS]
        for name, ids in later.items():
            table_name, column = name.split(".")
            if table_name == table.name and ids and column in columns:
                index = columns.index(column)
                rows = [row for row in rows if row[index] not in ids]
    return _digest(table, rows)


def _as_of(table: Table, rows: Sequence[Sequence[Any]], dated: DatedRows, period: Period) -> list[tuple[Any, ...]]:
    """The rows as a report of ``period`` reads them: a date outside its span is not yet set."""
    columns = [c.name for c in table.columns if c.name not in SKIPPED_COLUMNS]
    indexes = [columns.index(c) for c in dated.columns if c in columns]
    start, end = dated.span(period)

    def within(value: Any) -> bool:
        if isinstance(value, dt.datetime):
            value = value.date()
        return value is not None and (start is None or start <= value) and value <= end

    result = []
    for row in rows:
        values = list(row)
        for index in indexes:
            if not within(values[index]):
                values[index] = None
        result.append(tuple(values))
    return result


def later_rows(session: Session, period: Period) -> dict[str, frozenset[int]]:
    """'table.column' -> ids of the rows no report of ``period`` can show, as they belong only to
    later months (``month_scope``): projects and programs that start after it or were added after
    it was closed, risks opened after it and their measures, measures added after it was closed.
    Their rows would otherwise make an earlier month's fingerprint change with every addition."""
    from sqlalchemy import select

    from portfolio.models import Risk
    from portfolio.services.month_scope import month_scope

    scope = month_scope(session, period)
    risk = Risk.__table__.c  # type: ignore[attr-defined]
    risks = frozenset(session.connection().execute(select(risk.id).where(risk.opened > str(period))).scalars())
    return {
        "project.id": scope.later_projects,
        "program.id": scope.later_programs,
        "risk.id": risks,
        "measure.risk_id": risks,
        "measure.id": scope.later_measures,
    }


# Columns added to a table after months were closed, last in its columns: a row with all of them
# empty is digested as it was before they came, so the upgrade that adds them leaves every
# closed month's fingerprint (and its archived report's) as it was.
ADDED_COLUMNS = {"status_rating": ("action", "action_owner", "action_due")}


def _digest(table: Table, rows: Iterable[Sequence[Any]]) -> str:
    """The digest of ``rows`` (any iterable: each row is written out as it is taken).

    The sorted lines are hashed ``_HASHED_LINES`` at a time, joined by line breaks: the digest
    of all of them joined, without the whole joined text (and its encoded copy) in memory.
    """
    added = ADDED_COLUMNS.get(table.name)
    if added:
        count = len(added)
        names = [c.name for c in table.columns if c.name not in SKIPPED_COLUMNS]
        assert tuple(names[-count:]) == added, f"{table.name}: {added} must be its last columns"
        empty = (None,) * count  # compared as a tuple: one C call a row, not a generator
        lines = sorted(
            repr(tuple(row[:-count]))
            if tuple(row[-count:]) == empty
            else repr(tuple(v if type(v) in _PLAIN else canonical(v) for v in row))
            for row in rows
        )
        return _hashed(lines)
    if _plain_columns(table):
        lines = sorted(map(repr, map(tuple, rows)))  # tuple() of a tuple is the same object
    else:
        lines = sorted(repr(tuple(v if type(v) in _PLAIN else canonical(v) for v in row)) for row in rows)
    return _hashed(lines)


def _hashed(lines: list[str]) -> str:
    """The digest of ``lines`` joined by line breaks, hashed ``_HASHED_LINES`` at a time."""
    digest = hashlib.sha256()
    for start in range(0, len(lines), _HASHED_LINES):
        digest.update((("\n" if start else "") + "\n".join(lines[start : start + _HASHED_LINES])).encode())
    return digest.hexdigest()[:TABLE_DIGEST_LENGTH]


_HASHED_LINES = 10_000  # lines joined and hashed at a time by _digest


_STATUS_FIELDS = {  # a status table's columns named otherwise in the shared read's rows
    "status_report": {"id": "report_id"},
    "status_rating": {"comment": "rating_comment"},  # action, action_owner, action_due: named alike
}


def status_digest(table: Table, window: StatusWindow) -> str:
    """A status table's digest from the report's shared read: the same rows, values and order of
    columns as ``table_digest`` reads, without reading them again."""
    rows = window.report_rows() if table.name == "status_report" else window.rating_rows()
    names = _STATUS_FIELDS[table.name]
    fields = [names.get(c.name, c.name) for c in table.columns if c.name not in SKIPPED_COLUMNS]
    pick = itemgetter(*[StatusRow._fields.index(field) for field in fields])
    return _digest(table, map(pick, rows))  # each row picked as it is written out, not kept


_PLAIN = frozenset({str, int, bool, type(None)})


def _tables(host: PluginHost | None) -> list[Table]:
    """The tables of the core and the loaded plugins, without copying them into new metadata."""
    from portfolio.schema import model_classes

    tables = {cls.__table__.name: cls.__table__ for cls in model_classes(host)}
    return [tables[name] for name in sorted(tables) if name not in SKIPPED_TABLES]


def compute_fingerprint(
    session: Session, period: Period, host: PluginHost | None, settings: Settings | None = None
) -> Fingerprint:
    """The fingerprint of ``period``'s data as the database holds it now.

    ``settings`` widen the statuses to those the report reads (status grids, copied statuses);
    without them, the month and the one before.
    """
    from portfolio.services.status_window import shared_status_window

    scope = status_scope(settings) if settings is not None else StatusScope()
    window = shared_status_window(session, period, scope)
    later = later_rows(session, period)
    tables = tuple(
        (
            table.name,
            status_digest(table, window)
            if table.name in STATUS_TABLES
            else table_digest(session, table, period, scope, later),
        )
        for table in _tables(host)
    )
    whole = hashlib.sha256("".join(f"{name}:{digest}\n" for name, digest in tables).encode())
    return Fingerprint(str(period), whole.hexdigest()[:DIGEST_LENGTH], tables)
