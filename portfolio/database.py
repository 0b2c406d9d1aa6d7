"""Engines and transactions: SQLite with foreign keys, WAL and a busy timeout; any SQLAlchemy URL."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError
from sqlmodel import Session

if TYPE_CHECKING:
    from sqlalchemy import Row
    from sqlalchemy.sql import Executable

from portfolio.errors import DatabaseError
from portfolio.redact import safe_url, unencoded_at

SQLITE_BUSY_TIMEOUT_SECONDS = 30
STREAM_BATCH = 1000  # rows fetched at a time by ``streamed``
UNENCODED_AT = (
    "database URL '{url}' has an unencoded '@' in its password or after it, so it cannot be read; "
    "write '@' as %40 (and ':' '/' in a password as %3A %2F)"
)


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite files are checked first so a bad path gets a clear message."""
    if unencoded_at(url):
        # SQLAlchemy would end the password at its first '@' and give the driver the rest as the
        # host, which the driver's errors then print: refused before any driver sees it.
        raise DatabaseError(UNENCODED_AT.format(url=safe_url(url)))
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):  # ValueError: a port that is not a number, as '...:p@ss:pw@host'
        # The reason is not shown: SQLAlchemy's quotes the part of the URL it choked on, which
        # may be the password.
        raise DatabaseError(
            f"'{safe_url(url)}' is not a database URL or file path; use a file path or a URL such as "
            "postgresql+psycopg://user:password@host:5432/db (write @ : / in a password as %40 %3A %2F)"
        ) from None
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url, parsed.database)
    _quiet_driver_cleanup()
    try:
        return create_engine(url, hide_parameters=True, pool_pre_ping=True)
    except NoSuchModuleError:
        raise DatabaseError(f"no driver for '{parsed.drivername}' in {safe_url(url)}") from None
    except ModuleNotFoundError as exc:
        raise DatabaseError(
            f"the driver for {parsed.drivername} is not installed ({exc.name}); "
            'for PostgreSQL install "portfolio[postgres]"'
        ) from None


def _quiet_driver_cleanup() -> None:
    """psycopg logs a second error it ignores while ending a pipeline after a failed statement
    ("error ignored terminating <psycopg.Pipeline ...>"); the first is reported, in one line,
    so that record is dropped rather than printed under it."""
    import logging

    logger = logging.getLogger("psycopg")
    if not any(isinstance(f, _IgnoredCleanupFilter) for f in logger.filters):
        logger.addFilter(_IgnoredCleanupFilter())


class _IgnoredCleanupFilter:
    def filter(self, record: object) -> bool:
        return not str(getattr(record, "msg", "")).startswith("error ignored terminating")


def _sqlite_engine(url: str, database: str | None) -> Engine:
    if database and database != ":memory:":
        path = Path(database)
        if path.is_dir():
            raise DatabaseError(f"cannot open database {path}: it is a folder, not a file")
        if not path.parent.is_dir():
            raise DatabaseError(f"cannot open database {path}: folder {path.parent} does not exist")
    engine = create_engine(
        url,
        hide_parameters=True,
        connect_args={"timeout": SQLITE_BUSY_TIMEOUT_SECONDS},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        # Let SQLAlchemy, not pysqlite, decide when transactions begin (see _on_begin).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_SECONDS * 1000}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:  # type: ignore[no-untyped-def]
        # A write transaction that first reads would fail at once with "database is locked"
        # if another writer committed in between; IMMEDIATE takes the write lock up front.
        mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")

    return engine


def streamed(session: Session, statement: Executable, *, batch: int = STREAM_BATCH) -> Iterator[Row[Any]]:
    """The rows of ``statement`` as the database hands them over, ``batch`` at a time.

    For lists that may run to 100,000 rows: a server-side cursor on PostgreSQL (psycopg's named
    cursor, ``yield_per``), SQLite's own cursor, which steps through the result as it is read;
    only one batch is held. Read it to the end (or close the generator) before the session ends.
    """
    connection = session.connection()
    result = connection.execute(statement, execution_options={"yield_per": batch})
    try:
        yield from result
    finally:  # once the session has ended, its connection took the cursor with it
        if not connection.closed and not connection.invalidated:
            result.close()


@contextmanager
def read_session(engine: Engine) -> Iterator[Session]:
    """A session for reading; nothing it does is committed, and its reads may be shared (``read_once``).

    Every read in it sees one moment of the database, however many writers commit meanwhile: a
    report's sections and its fingerprint are of the same data, or ``report verify`` would later
    call an unaltered copy changed. SQLite's read transaction is such a snapshot from its first
    read on; PostgreSQL's default READ COMMITTED gives each statement the commits made since the
    one before, so the session's transaction is REPEATABLE READ there.
    """
    from portfolio.read_once import forget_reads, mark_read_only

    with engine.connect() as connection:
        if engine.dialect.name == "postgresql":
            connection = connection.execution_options(isolation_level="REPEATABLE READ")
        with Session(bind=connection) as session:
            mark_read_only(session)
            try:
                yield session
            finally:
                forget_reads(session)


@contextmanager
def write_session(engine: Engine, user: str) -> Iterator[Session]:
    """One all-or-nothing transaction, audited as ``user``: committed at the end, rolled back on error.

    A row changed by someone else since this transaction read it is refused
    (optimistic locking), not silently overwritten.
    """
    from sqlalchemy.orm.exc import StaleDataError

    from portfolio import audit
    from portfolio.errors import WriteRaceError
    from portfolio.read_once import mark_writing

    connection = engine.connect()
    if engine.dialect.name == "sqlite":
        connection = connection.execution_options(sqlite_begin="IMMEDIATE")
    try:
        with Session(bind=connection) as session, connection.begin():
            mark_writing(session)
            audit.install(session, user)
            try:
                yield session
                session.flush()
                audit.stamp_commit(session)  # the trail's time is the commit's
            except StaleDataError:
                raise WriteRaceError(
                    "someone else changed this record while you were saving it; "
                    "nothing was written: show it again and redo your change"
                ) from None
    finally:
        connection.close()


def savepoint_per_plugin(session: Session) -> Callable[[str], AbstractContextManager[object]]:
    """Isolation for a hook call: each plugin's database work in a savepoint of its own, so one
    plugin's failed statement is rolled back alone and does not abort the transaction the
    others share (PostgreSQL refuses every statement after an error until a rollback)."""
    return lambda _plugin: session.begin_nested()
