"""Alembic glue: the core's and every plugin's migrations, run as one tree of branches."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
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


NO_ROLE = "this login has no role in the portfolio; ask the project office ('portfolio access grant')"
CORE_OWNER = "core"
OWNER_TABLE = "schema_revision"


def owned_locations(host: PluginHost | None) -> list[tuple[str, str]]:
    """(owner, folder) of every revision folder: the core's first, then each plugin's by name."""
    locations = [(CORE_OWNER, str(CORE_VERSIONS_DIR))]
    if host is not None:
        for plugin, folder in host.call("portfolio_migrations"):
            if all(str(folder) != known for _owner, known in locations):
                locations.append((plugin, str(folder)))
    return locations


def version_locations(host: PluginHost | None) -> list[str]:
    """The core's revisions first, then each plugin's folder from portfolio_migrations."""
    return [folder for _owner, folder in owned_locations(host)]


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
    from portfolio.models import NAMING_CONVENTION, PARTIAL_INDEX_DIALECTS, partial_where

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    for cls in model_classes(host):
        table = cls.__table__.to_metadata(metadata)
        for index in table.indexes:  # the partial indexes' conditions, as the migrations make them
            for dialect in PARTIAL_INDEX_DIALECTS:
                partial_where(index, dialect)
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
                if engine.dialect.name == "postgresql" and connection.execute(text("SELECT current_schema()")).scalar():
                    return None
                if engine.dialect.name == "postgresql":  # a schema in the search path this login may not use
                    raise DatabaseError(f"cannot open database {safe_url(str(engine.url))}: {NO_ROLE}")
                return None
            rows = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}"))
            return {row[0] for row in rows}
    except (OperationalError, ProgrammingError) as exc:
        refused = getattr(getattr(exc, "orig", None), "sqlstate", None) == "42501"
        raise DatabaseError(
            f"cannot open database {safe_url(str(engine.url))}: {NO_ROLE if refused else _first_line(exc)}"
        ) from None


def ensure_current(engine: Engine, host: PluginHost | None) -> None:
    """Refuse to work on a database that is not initialised or not migrated to head.

    Revisions of a plugin that is no longer installed do not count: its tables stay, unused,
    as long as the core and the installed plugins are up to date.
    """
    current = current_revisions(engine)
    where = safe_url(str(engine.url))
    if not current:
        raise DatabaseError(f"database {where} is not initialised; run 'portfolio db upgrade' first")
    if is_current(current, host):
        return
    graph = revision_graph(host)
    unknown = current - set(graph.builds_on)
    if not unknown:
        raise DatabaseError(f"database {where} is not up to date; run 'portfolio db upgrade'")
    refuse_unknown(engine, host, current)
    with engine.connect() as connection:
        recorded = recorded_revisions(connection)
    if graph.heads <= graph.ancestry(_known_applied(current, unknown, recorded, graph)):
        return
    raise DatabaseError(f"database {where} is not up to date; run 'portfolio db upgrade'")


def uninstalled_plugins(engine: Engine, host: PluginHost | None) -> set[str]:
    """The plugins whose revisions the database holds but this installation does not load."""
    current = current_revisions(engine) or set()
    graph = revision_graph(host)
    unknown = current - set(graph.builds_on)
    if not unknown:
        return set()
    with engine.connect() as connection:
        return _absent_plugins(unknown, recorded_revisions(connection), graph) or set()


@dataclass(frozen=True)
class RecordedRevision:
    """A row of the owner record: who applied a revision, and what it builds on."""

    owner: str
    builds_on: tuple[str, ...]


def recorded_revisions(connection: Connection) -> dict[str, RecordedRevision]:
    """The owner record, or nothing when the database predates it."""
    if not inspect(connection).has_table(OWNER_TABLE):
        return {}
    rows = connection.execute(text(f"SELECT revision, owner, builds_on FROM {OWNER_TABLE}"))
    return {row[0]: RecordedRevision(row[1], tuple(row[2].split())) for row in rows}


def _absent_plugins(unknown: set[str], recorded: dict[str, RecordedRevision], graph: RevisionGraph) -> set[str] | None:
    """The plugins that made the unknown revisions, when every one is a plugin not installed now;
    None when any could be the core's (a newer portfolio) or an installed plugin's (a newer one)."""
    installed = set(graph.owners.values())
    owners = {recorded[r].owner if r in recorded else None for r in unknown}
    if None in owners or CORE_OWNER in owners or owners & installed:
        return None
    return {owner for owner in owners if owner is not None}


def _known_applied(
    current: set[str], unknown: set[str], recorded: dict[str, RecordedRevision], graph: RevisionGraph
) -> set[str]:
    """The known revisions that are applied: stamped, or needed by an unknown stamped one."""
    needed = {n for r in unknown for n in recorded[r].builds_on if n in graph.builds_on} if recorded else set()
    return (current - unknown) | needed


def record_owners(connection: Connection, host: PluginHost | None) -> None:
    """Bring the owner record in line with the stamp, after a migration ran on ``connection``.

    Rows of revisions this installation does not know (an uninstalled plugin's) are kept.
    """
    if not inspect(connection).has_table(OWNER_TABLE):
        return
    graph = revision_graph(host)
    stamped = {row[0] for row in connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}"))}
    recorded = recorded_revisions(connection)
    unknown = stamped - set(graph.builds_on)
    applied = graph.ancestry(_known_applied(stamped, unknown, recorded, graph))
    for revision in set(recorded) & set(graph.builds_on) - applied:
        connection.execute(text(f"DELETE FROM {OWNER_TABLE} WHERE revision = :r"), {"r": revision})
    for revision in sorted(applied - set(recorded)):
        connection.execute(
            text(f"INSERT INTO {OWNER_TABLE} (revision, owner, builds_on) VALUES (:r, :o, :b)"),
            {"r": revision, "o": graph.owners.get(revision, CORE_OWNER), "b": " ".join(graph.builds_on[revision])},
        )


def refuse_unknown(engine: Engine, host: PluginHost | None, current: set[str] | None) -> None:
    """Refuse a database stamped with a revision this installation does not know, in one line;
    the revisions of a plugin that is no longer installed are known by their record."""
    graph = revision_graph(host)
    unknown = (current or set()) - set(graph.builds_on)
    if not unknown:
        return
    with engine.connect() as connection:
        recorded = recorded_revisions(connection)
    if _absent_plugins(unknown, recorded, graph) is None:
        raise DatabaseError(
            f"database {safe_url(str(engine.url))} has revision {', '.join(sorted(unknown))}, which this "
            "installation does not know: a newer portfolio or a missing plugin made it"
        )


@dataclass(frozen=True)
class RevisionGraph:
    """Every known revision with the ones it builds on (parents and dependencies), and the heads."""

    builds_on: dict[str, tuple[str, ...]]
    heads: frozenset[str]
    owners: dict[str, str] = field(default_factory=dict)  # revision -> "core" or the plugin's name

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
    locations = owned_locations(host)
    files = sorted(p for _owner, location in locations for p in Path(location).glob("*.py"))
    owners_key = [f"{owner}={location}" for owner, location in locations]
    name = f"revisions-{cache_key([*owners_key, *(file_stamp(p) for p in files)])}.json"
    cached = read_cached(name)
    if cached is not None:
        try:
            data = json.loads(cached)
            return RevisionGraph(
                {k: tuple(v) for k, v in data["builds_on"].items()}, frozenset(data["heads"]), dict(data["owners"])
            )
        except (ValueError, KeyError):
            pass
    graph = _graph_from_alembic(host)
    write_cached(name, json.dumps({"builds_on": graph.builds_on, "heads": sorted(graph.heads), "owners": graph.owners}))
    return graph


def _graph_from_alembic(host: PluginHost | None) -> RevisionGraph:
    from alembic.script import ScriptDirectory
    from alembic.script.revision import Revision

    script = ScriptDirectory.from_config(alembic_config(host))
    folders = {str(Path(folder).resolve()): owner for owner, folder in owned_locations(host)}
    builds_on: dict[str, tuple[str, ...]] = {}
    owners: dict[str, str] = {}
    for revision in script.walk_revisions():
        owners[revision.revision] = folders.get(str(Path(revision.path).resolve().parent), CORE_OWNER)
        related = _as_tuple(revision.down_revision) + _as_tuple(revision.dependencies)
        resolved = [
            r.revision for name in related for r in script.revision_map.get_revisions(name) if isinstance(r, Revision)
        ]
        builds_on[revision.revision] = tuple(sorted(set(resolved)))
    return RevisionGraph(builds_on, frozenset(script.get_heads()), owners)


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
    """Migrate to ``target``; a database of a newer installation, or an unknown target, is refused
    in one line, as every other command refuses it."""
    from alembic import command
    from alembic.util.exc import CommandError

    refuse_unknown(engine, host, current_revisions(engine))
    try:
        with migrating(engine) as connection:
            with _absent_plugins_set_aside(connection, host):
                command.upgrade(alembic_config(host, connection), target)
            record_owners(connection, host)
    except CommandError as exc:
        raise DatabaseError(f"cannot upgrade {safe_url(str(engine.url))} to '{target}': {_first_line(exc)}") from None


def downgrade(engine: Engine, host: PluginHost | None, target: str = "base") -> None:
    """Migrate back to ``target``; an unknown target is refused in one line, nothing changed."""
    from alembic import command
    from alembic.util.exc import CommandError

    try:
        with migrating(engine) as connection:
            with _absent_plugins_set_aside(connection, host):
                command.downgrade(alembic_config(host, connection), target)
            record_owners(connection, host)
    except CommandError as exc:
        raise DatabaseError(f"cannot downgrade {safe_url(str(engine.url))} to '{target}': {_first_line(exc)}") from None


@contextmanager
def _absent_plugins_set_aside(connection: Connection, host: PluginHost | None) -> Iterator[None]:
    """Let Alembic migrate the core and the installed plugins while an uninstalled plugin's stamp
    is in the table: Alembic refuses any revision it has no file for.

    The unknown stamp is taken out and the known revisions it stood for are stamped instead;
    afterwards it goes back, and the revisions it needs are no longer stamped twice. A stamp no
    record explains is left for Alembic to refuse.
    """
    graph = revision_graph(host)
    stamped = (
        {row[0] for row in connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}"))}
        if inspect(connection).has_table(VERSION_TABLE)
        else set()
    )
    unknown = stamped - set(graph.builds_on)
    recorded = recorded_revisions(connection) if unknown else {}
    if not unknown or _absent_plugins(unknown, recorded, graph) is None:
        yield
        return
    needed = _known_applied(stamped, unknown, recorded, graph)
    newest = {r for r in needed if not any(r in graph.ancestry({o}) - {o} for o in needed)}
    _restamp(connection, newest)
    yield
    after = {row[0] for row in connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}"))}
    stood_for = {n for r in unknown for n in recorded[r].builds_on}
    lost = sorted(n for n in stood_for if n in graph.builds_on and n not in graph.ancestry(after))
    if lost:
        needing = sorted({recorded[r].owner for r in unknown if lost[0] in recorded[r].builds_on})
        raise DatabaseError(
            f"cannot go below {lost[0]}: plugin {', '.join(needing)}, which is not installed, builds on it; "
            "install it first"
        )
    _restamp(connection, (after - stood_for) | unknown)


def _restamp(connection: Connection, revisions: set[str]) -> None:
    connection.execute(text(f"DELETE FROM {VERSION_TABLE}"))
    for revision in sorted(revisions):
        connection.execute(text(f"INSERT INTO {VERSION_TABLE} (version_num) VALUES (:r)"), {"r": revision})


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
