"""Loading the demo data sets of the core and the plugins, each on its own."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy import Engine, Table
    from sqlmodel import Session

    from portfolio.context import AppContext

# What a load stamps rather than holds: the trail, and when and by whom something was written.
NOT_COMPARED_TABLES = {"audit_log", "schema_revision"}  # bookkeeping, not data


def load_demo_sets(session: Session, app: AppContext) -> list[str]:
    """Call every plugin's ``portfolio_demo`` (the core's first) in a savepoint of its
    own: a plugin that fails leaves none of its rows and is named in a warning, the others load.
    Returns the names of the plugins whose data was loaded, in the order they were loaded (the
    core first, then the installed ones), as ``portfolio plugins`` lists them."""
    from portfolio.database import savepoint_per_plugin

    loaded: list[str] = []
    savepoint = savepoint_per_plugin(session)

    @contextmanager
    def isolate(plugin: str) -> Iterator[None]:
        with savepoint(plugin):
            yield
            session.flush()  # a plugin's bad row fails inside its own savepoint
        loaded.append(plugin)

    app.host.call("portfolio_demo", session=session, app=app, isolate=isolate)
    return [name for name in app.host.names() if name in loaded]


def demo_state(app: AppContext) -> str | None:
    """``"loaded"`` when the database holds exactly the demo data set (as a fresh load would
    write it, times and users aside); None when it holds no data, or the demo's with some tables
    still empty (a plugin installed since); otherwise the name of the first table that holds
    something else. ``portfolio demo`` loads only when it is None."""
    import tempfile
    from dataclasses import replace

    from portfolio.database import make_engine
    from portfolio.schema import full_metadata, upgrade

    app.check_schema()
    tables = [t for t in full_metadata(app.host).sorted_tables if t.name not in NOT_COMPARED_TABLES]
    held = _contents(app.engine, tables)
    if not any(held.values()):
        return None
    with tempfile.TemporaryDirectory(prefix="portfolio-demo-") as folder:
        url = f"sqlite:///{folder}/demo.db"
        engine = make_engine(url)
        try:
            upgrade(engine, app.host)
            fresh = replace(app, db_option=url, _engine=engine, _schema_checked=True)
            with app.host.quiet(), fresh.writing() as session:  # its plugin warnings come with the real load
                load_demo_sets(session, fresh)
            expected = _contents(engine, tables)
        finally:
            engine.dispose()
    # named: the first table holding a row the demo does not have, else the first that differs;
    # a table still empty (a plugin installed after the demo was loaded) is only filled
    extra = [t.name for t in tables if set(map(repr, held[t.name])) - set(map(repr, expected[t.name]))]
    differs = [t.name for t in tables if held[t.name] != expected[t.name] and held[t.name]]
    if extra or differs:
        return (extra or differs)[0]
    return "loaded" if held == expected else None


def _contents(engine: Engine, tables: list[Table]) -> dict[str, list[tuple[Any, ...]]]:
    """Each table's rows, sorted, without the columns that say when or by whom they were written."""
    from sqlalchemy import DateTime, select

    result: dict[str, list[tuple[Any, ...]]] = {}
    with engine.connect() as connection:
        for table in tables:
            columns = [
                c for c in table.columns if not isinstance(c.type, DateTime) and not c.name.endswith(("_by", "_at"))
            ]
            rows = connection.execute(select(*columns))
            result[table.name] = sorted((tuple(row) for row in rows), key=repr)
    return result
