"""Backups: SQLite's online backup API for a file, and a portable JSON dump of every table.

A JSON dump holds the schema revisions and every core and plugin table's rows; ``restore`` loads
one (or a SQLite backup file) into an empty database of either backend. A dump of a PostgreSQL
portfolio with access set up also names its roles' prefix (``access_prefix``): the roles and grants
are the server's and stay behind, but a copy restored on PostgreSQL remembers whose they were, so
``access setup`` there asks for a prefix instead of silently taking the default roles
(``portfolio.access.setup``).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, Table, TypeDecorator, func, insert, inspect, select, text

from portfolio.access import PREFIX_PATTERN, backup_prefix, record_origin
from portfolio.database import make_engine
from portfolio.errors import PortfolioError
from portfolio.redact import safe_url
from portfolio.schema import OWNER_TABLE, VERSION_TABLE, alembic_config, current_revisions, full_metadata, record_owners

if TYPE_CHECKING:
    from portfolio.plugin_host import PluginHost

DUMP_FORMAT = "portfolio-dump"
DUMP_VERSION = 1
SQLITE_MAGIC = b"SQLite format 3\x00"
CHUNK = 1000
ACCESS_KEY = "access_prefix"  # optional: the prefix of the roles of the database dumped (PostgreSQL)


def backup_sqlite(engine: Engine, target: Path) -> None:
    """Copy a live SQLite database page by page; writers may go on meanwhile."""
    if engine.dialect.name != "sqlite":
        raise PortfolioError("a SQLite backup needs a SQLite database; use --format json for PostgreSQL")
    raw = engine.raw_connection()
    try:
        destination = sqlite3.connect(target)
        try:
            raw.driver_connection.backup(destination)  # type: ignore[union-attr]
        finally:
            destination.close()
    finally:
        raw.close()


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def dump(engine: Engine, host: PluginHost | None) -> dict[str, Any]:
    """Every table's rows as JSON-ready lists, with the schema revisions they belong to.

    All of it is read in one transaction that sees one moment of the database, however many
    writers commit meanwhile: on PostgreSQL a REPEATABLE READ, read-only transaction (each
    statement of the default READ COMMITTED would see the commits made since the one before, so
    a risk could be dumped without its audit row); on SQLite one read transaction of the WAL.
    """
    metadata = full_metadata(host)
    if not current_revisions(engine):
        raise PortfolioError(f"database {safe_url(str(engine.url))} is not initialised; nothing to back up")
    tables: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    with engine.connect() as connection:
        if engine.dialect.name == "postgresql":
            connection = connection.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
        # the first statement fixes the snapshot: the revisions and every table are read in it
        revisions = {row[0] for row in connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}"))}
        existing = set(inspect(connection).get_table_names())
        for table in metadata.sorted_tables:
            if table.name not in existing:
                continue
            columns = [c.name for c in table.columns]
            ordered = select(*table.columns).order_by(*table.primary_key.columns)
            rows = [[_plain(v) for v in row] for row in connection.execute(ordered)]
            tables[table.name] = {"columns": columns, "rows": rows}
        prefix = backup_prefix(connection)
        if prefix is not None:
            extra[ACCESS_KEY] = prefix
    return {
        "format": DUMP_FORMAT,
        "version": DUMP_VERSION,
        "revisions": sorted(revisions),
        **extra,
        "tables": tables,
    }


def write_json(data: dict[str, Any], target: Path) -> None:
    target.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def read_backup(path: Path, host: PluginHost | None) -> dict[str, Any]:
    """A dump from a JSON file or from a SQLite backup file."""
    try:
        head = path.read_bytes()[:16]
    except OSError as exc:
        raise PortfolioError(f"cannot read {path}: {exc.strerror or exc}") from None
    if head == SQLITE_MAGIC:
        engine = make_engine(f"sqlite:///{path.resolve()}")
        try:
            return dump(engine, host)
        finally:
            engine.dispose()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PortfolioError(f"{path} is neither a SQLite file nor a portfolio JSON dump ({exc})") from None
    if not isinstance(data, dict) or data.get("format") != DUMP_FORMAT:
        raise PortfolioError(f'{path} is not a portfolio dump (no "format": "{DUMP_FORMAT}")')
    if data.get("version") != DUMP_VERSION:
        raise PortfolioError(f"{path} is dump version {data.get('version')}; this portfolio reads {DUMP_VERSION}")
    return data


def _converter(column: Any):  # type: ignore[no-untyped-def]
    """JSON value -> the column's Python type (decorated types report their underlying one)."""
    column_type = column.type
    if isinstance(column_type, TypeDecorator):
        column_type = column_type.impl_instance
    try:
        kind = column_type.python_type
    except NotImplementedError:
        return lambda v: v
    if kind is dt.datetime:
        return lambda v: dt.datetime.fromisoformat(v) if isinstance(v, str) else v
    if kind is dt.date:
        return lambda v: dt.date.fromisoformat(v) if isinstance(v, str) else v
    if kind is bool:
        return lambda v: bool(v) if v is not None else None
    if kind is Decimal:
        return lambda v: Decimal(str(v)) if v is not None else None
    return lambda v: v


def _ensure_empty(engine: Engine) -> None:
    names = [n for n in inspect(engine).get_table_names() if n not in (VERSION_TABLE, OWNER_TABLE)]
    if not names:
        return
    with engine.connect() as connection:
        for name in names:
            if connection.execute(text(f'SELECT 1 FROM "{name}" LIMIT 1')).first() is not None:
                raise PortfolioError(
                    f"database {safe_url(str(engine.url))} is not empty (table {name} has rows); "
                    "restore needs an empty database"
                )


def restore(engine: Engine, host: PluginHost | None, data: dict[str, Any]) -> dict[str, int]:
    """Load a dump into an empty database: migrate to the dump's revisions, insert, then migrate on."""
    from alembic import command

    _ensure_empty(engine)
    current = current_revisions(engine)
    if current and current != set(data["revisions"]):
        raise PortfolioError(
            f"database {safe_url(str(engine.url))} is at revision {', '.join(sorted(current))}, the dump at "
            f"{', '.join(data['revisions'])}; restore into a new, empty database (no 'db upgrade' first)"
        )
    metadata = full_metadata(host)
    known = {t.name: t for t in metadata.sorted_tables}
    unknown = sorted(set(data["tables"]) - set(known))
    if unknown:
        raise PortfolioError(f"the dump has table {unknown[0]}, which no installed plugin knows")
    origin = data.get(ACCESS_KEY)
    if origin is not None and (not isinstance(origin, str) or not PREFIX_PATTERN.fullmatch(origin)):
        raise PortfolioError(
            f"the dump's {ACCESS_KEY} {origin!r} is not a role prefix: lower-case letters, digits and _ "
            "(at most 41), starting with a letter or _"
        )
    counts: dict[str, int] = {}
    with engine.begin() as connection:
        config = alembic_config(host, connection)
        for revision in data["revisions"]:
            command.upgrade(config, revision)
        for table in metadata.sorted_tables:
            content = data["tables"].get(table.name)
            if not content:
                continue
            if table.name == OWNER_TABLE:  # the dump's record replaces what an upgrade wrote here
                connection.execute(table.delete())
            counts[table.name] = _insert_rows(connection, table, content)
        if engine.dialect.name == "postgresql":
            _reset_sequences(connection, [known[name] for name in counts])
        command.upgrade(config, "heads")
        record_owners(connection, host)
        if origin is not None and engine.dialect.name == "postgresql":
            record_origin(connection, origin)
    return counts


def _insert_rows(connection: Any, table: Table, content: dict[str, Any]) -> int:
    columns = content["columns"]
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise PortfolioError(f"the dump's table {table.name} has column {missing[0]}, which the schema lacks")
    converters = [_converter(table.columns[c]) for c in columns]
    rows = [
        {name: convert(value) for name, convert, value in zip(columns, converters, row, strict=True)}
        for row in content["rows"]
    ]
    for start in range(0, len(rows), CHUNK):
        connection.execute(insert(table), rows[start : start + CHUNK])
    return len(rows)


def _reset_sequences(connection: Any, tables: list[Table]) -> None:
    """Explicit ids leave PostgreSQL's sequences behind; move each past the highest id."""
    for table in tables:
        for column in table.primary_key.columns:
            if not column.autoincrement or len(table.primary_key.columns) != 1:
                continue
            highest = connection.execute(select(func.max(column))).scalar()
            if highest is None or not isinstance(highest, int):
                continue
            sequence = connection.execute(
                text("SELECT pg_get_serial_sequence(:table, :column)"),
                {"table": table.name, "column": column.name},
            ).scalar()
            if sequence:
                connection.execute(text("SELECT setval(:sequence, :value)"), {"sequence": sequence, "value": highest})
