"""Alembic glue: the core's and every plugin's migrations, run as one tree of branches."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, MetaData, inspect, text
from sqlalchemy.exc import OperationalError, ProgrammingError

from portfolio.cache import cache_key, file_stamp, read_cached, write_cached
from portfolio.errors import DatabaseError
from portfolio.redact import safe_url

if TYPE_CHECKING:
    from alembic.config import Config

    from portfolio.plugin_host import PluginHost

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
CORE_VERSIONS_DIR = MIGRATIONS_DIR / "versions"
VERSION_TABLE = "alembic_version"


def version_locations(host: PluginHost | None) -> list[str]:
    """The core's revisions first, then each plugin's folder from portfolio_migrations."""
    locations = [str(CORE_VERSIONS_DIR)]
    if host is not None:
        for _plugin, folder in host.call("portfolio_migrations"):
            if str(folder) not in locations:
                locations.append(str(folder))
    return locations


def model_classes(host: PluginHost | None) -> list[Any]:
    """The table classes of the core, then of each loaded plugin (``portfolio_models``), once each."""
    from portfolio.models import CORE_TABLES

    classes: list[Any] = list(CORE_TABLES)
    if host is not None:
        for _plugin, result in host.call("portfolio_models"):
            classes.extend(c for c in result if c not in classes)
    return classes


def full_metadata(host: PluginHost | None) -> MetaData:
    """The tables of the core and of the loaded plugins, and no others.

    SQLModel keeps one global metadata, which also holds tables of any module imported in the
    process (another plugin, a test); comparing or dumping must see exactly the loaded set.
    """
    from portfolio.models import NAMING_CONVENTION

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    for cls in model_classes(host):
        cls.__table__.to_metadata(metadata)
    return metadata


def alembic_config(host: PluginHost | None, connection=None) -> Config:  # type: ignore[no-untyped-def]
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("version_locations", " ".join(version_locations(host)))
    config.set_main_option("path_separator", "space")
    config.attributes["connection"] = connection
    config.attributes["target_metadata"] = full_metadata(host)
    return config


def current_revisions(engine: Engine) -> set[str] | None:
    """The revisions stamped in the database, or None when it has never been migrated.

    A SQLite file that does not exist is not created just to find that out.
    """
    database = engine.url.database
    if engine.dialect.name == "sqlite" and database and database != ":memory:" and not Path(database).exists():
        return None
    try:
        with engine.connect() as connection:
            if not inspect(connection).has_table(VERSION_TABLE):
                return None
            rows = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}"))
            return {row[0] for row in rows}
    except (OperationalError, ProgrammingError) as exc:
        raise DatabaseError(f"cannot open database {safe_url(str(engine.url))}: {_first_line(exc)}") from None


def ensure_current(engine: Engine, host: PluginHost | None) -> None:
    """Refuse to work on a database that is not initialised or not migrated to head."""
    current = current_revisions(engine)
    where = safe_url(str(engine.url))
    if not current:
        raise DatabaseError(f"database {where} is not initialised; run 'portfolio db upgrade' first")
    if not is_current(current, host):
        unknown = current - _all_revisions(host)
        if unknown:
            raise DatabaseError(
                f"database {where} has revision {', '.join(sorted(unknown))}, which this "
                "installation does not know: a newer portfolio or a missing plugin made it"
            )
        raise DatabaseError(f"database {where} is not up to date; run 'portfolio db upgrade'")


@dataclass(frozen=True)
class RevisionGraph:
    """Every known revision with the ones it builds on (parents and dependencies), and the heads."""

    builds_on: dict[str, tuple[str, ...]]
    heads: frozenset[str]

    def ancestry(self, revisions: set[str]) -> set[str]:
        seen: set[str] = set()
        pending = list(revisions)
        while pending:
            revision = pending.pop()
            if revision in seen:
                continue
            seen.add(revision)
            pending.extend(self.builds_on.get(revision, ()))
        return seen


def revision_graph(host: PluginHost | None) -> RevisionGraph:
    """The graph of the core's and the plugins' revisions, cached by the files' names and times.

    Reading it through Alembic costs a tenth of a second of imports on every command; the cache
    keeps that to commands that migrate.
    """
    files = sorted(p for location in version_locations(host) for p in Path(location).glob("*.py"))
    name = f"revisions-{cache_key(file_stamp(p) for p in files)}.json"
    cached = read_cached(name)
    if cached is not None:
        try:
            data = json.loads(cached)
            return RevisionGraph({k: tuple(v) for k, v in data["builds_on"].items()}, frozenset(data["heads"]))
        except (ValueError, KeyError):
            pass
    graph = _graph_from_alembic(host)
    write_cached(name, json.dumps({"builds_on": graph.builds_on, "heads": sorted(graph.heads)}))
    return graph


def _graph_from_alembic(host: PluginHost | None) -> RevisionGraph:
    from alembic.script import ScriptDirectory
    from alembic.script.revision import Revision

    script = ScriptDirectory.from_config(alembic_config(host))
    builds_on: dict[str, tuple[str, ...]] = {}
    for revision in script.walk_revisions():
        related = _as_tuple(revision.down_revision) + _as_tuple(revision.dependencies)
        resolved = [
            r.revision for name in related for r in script.revision_map.get_revisions(name) if isinstance(r, Revision)
        ]
        builds_on[revision.revision] = tuple(sorted(set(resolved)))
    return RevisionGraph(builds_on, frozenset(script.get_heads()))


def _as_tuple(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    return tuple(value) if isinstance(value, list | tuple) else (str(value),)


def expected_heads(host: PluginHost | None) -> set[str]:
    return set(revision_graph(host).heads)


def is_current(current: set[str], host: PluginHost | None) -> bool:
    """True when every head is a stamped revision or one a stamped revision builds on.

    Alembic stamps only the newest revision of each line: a plugin revision that depends on
    the core's newest one stands for both, so the stamp can list fewer revisions than there
    are heads.
    """
    graph = revision_graph(host)
    if not current <= set(graph.builds_on):
        return False
    return graph.heads <= graph.ancestry(current)


def _all_revisions(host: PluginHost | None) -> set[str]:
    return set(revision_graph(host).builds_on)


def upgrade(engine: Engine, host: PluginHost | None, target: str = "heads") -> None:
    from alembic import command

    with migrating(engine) as connection:
        command.upgrade(alembic_config(host, connection), target)


def downgrade(engine: Engine, host: PluginHost | None, target: str = "base") -> None:
    from alembic import command

    with migrating(engine) as connection:
        command.downgrade(alembic_config(host, connection), target)


@contextmanager
def migrating(engine: Engine) -> Iterator[Connection]:
    """One transaction for a migration; on SQLite with foreign keys off, checked before it commits.

    Why: SQLite alters a table by copying it into a new one and dropping the old (Alembic's batch
    mode). With foreign keys on, dropping a table deletes its rows first and every ``ON DELETE
    CASCADE`` below it goes with them: a downgrade emptied ``status_rating``, ``measure`` and
    ``risk_assessment``. SQLite ignores the pragma inside a transaction, so it is set on the raw
    connection before the transaction begins; ``PRAGMA foreign_key_check`` then proves that the
    copies left no row pointing nowhere, or nothing is committed.
    """
    with engine.connect() as connection:
        sqlite = engine.dialect.name == "sqlite"
        if sqlite:
            _raw_pragma(connection, "PRAGMA foreign_keys = OFF")
        try:
            with connection.begin():
                yield connection
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        tables = ", ".join(sorted({str(row[0]) for row in broken}))
                        raise DatabaseError(
                            f"the migration would leave {len(broken)} rows of {tables} pointing at rows "
                            "that no longer exist; nothing was changed"
                        )
        finally:
            if sqlite:
                _raw_pragma(connection, "PRAGMA foreign_keys = ON")


def _raw_pragma(connection: Connection, statement: str) -> None:
    """A pragma outside any transaction: on the driver's connection, which runs in autocommit."""
    raw = connection.connection.driver_connection
    assert raw is not None
    raw.execute(statement)


def _first_line(exc: BaseException) -> str:
    message = str(getattr(exc, "orig", None) or exc)
    return message.strip().splitlines()[0] if message.strip() else type(exc).__name__
