"""Plugin settings stored in the database (table ``stored_setting``), beside portfolio.toml's.

A plugin reads its settings with ``settings.plugin_settings(NAME)``: the ``[plugins.NAME]`` table of
portfolio.toml when the file has one, else the table stored here under NAME, else nothing (the
plugin's neutral defaults). Tables are not merged key by key: the first one found is the whole of
the plugin's settings. ``portfolio demo`` stores the reference organisation's settings this way,
so a demo database reproduces the reference report without a portfolio.toml.

The stored tables are read once per run, in one query, the first time a plugin asks for settings
that portfolio.toml does not give (``StoredSettings``); ``store_settings`` writes one and makes
the run's settings see it at once.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from portfolio.errors import PortfolioError

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlmodel import Session

    from portfolio.config import Settings

TABLE = "stored_setting"
TOML = "portfolio.toml"
DATABASE = "database"
DEFAULTS = "defaults"


def read_stored(engine: Engine) -> dict[str, dict[str, Any]]:
    """Every stored table by scope, in one query; none when the database or the table does not
    exist yet (a SQLite file is not created just to find that out)."""
    from sqlalchemy import inspect, select
    from sqlalchemy.exc import OperationalError, ProgrammingError

    from portfolio.models import StoredSetting

    database = engine.url.database
    if engine.dialect.name == "sqlite" and database and database != ":memory:" and not Path(database).exists():
        return {}
    table = StoredSetting.__table__  # type: ignore[attr-defined]
    with engine.connect() as connection:
        try:
            rows = connection.execute(select(table.c.scope, table.c.value)).all()
        except (OperationalError, ProgrammingError):
            connection.rollback()
            if inspect(connection).has_table(TABLE):
                raise
            return {}  # a database not yet migrated to 0005 has nothing stored
    return {scope: value for scope, value in rows if isinstance(value, dict)}


def json_table(value: Mapping[str, Any], scope: str) -> dict[str, Any]:
    """A settings table as JSON can hold it: dates become ISO text (as portfolio.toml may write
    them unquoted); anything else that is not text, a number, true/false, a list or a table is
    refused with its key."""

    def plain(item: Any, where: str) -> Any:
        if isinstance(item, dt.date | dt.datetime | dt.time):
            return item.isoformat()
        if isinstance(item, Mapping):
            return {str(k): plain(v, f"{where}.{k}") for k, v in item.items()}
        if isinstance(item, list | tuple):
            return [plain(v, f"{where}[{n}]") for n, v in enumerate(item)]
        if item is None or isinstance(item, str | bool | int | float):
            return item
        raise PortfolioError(f"stored settings {where}: {type(item).__name__} cannot be stored; use text or a number")

    if not isinstance(value, Mapping):
        raise PortfolioError(f"stored settings {scope}: must be a table of keys and values")
    result = plain(value, scope)
    json.dumps(result)  # what the column will hold
    return result


def store_settings(
    session: Session, scope: str, value: Mapping[str, Any], *, user: str | None = None, settings: Settings | None = None
) -> None:
    """Store (or replace) the settings table of ``scope``, the plugin's name as in ``[plugins.NAME]``.

    Pass the run's ``settings`` (``app.settings``) so that its ``plugin_settings(scope)`` returns
    the new table from now on, within this run too.
    """
    from portfolio.models import SCOPE_LENGTH, StoredSetting

    if not scope or len(scope) > SCOPE_LENGTH:
        raise PortfolioError(f"stored settings: '{scope}' is not a plugin name (1 to {SCOPE_LENGTH} characters)")
    table = json_table(value, scope)
    row = session.get(StoredSetting, scope)
    if row is None:
        row = StoredSetting(scope=scope, value=table)
    elif row.value == table:
        _remember(settings, scope, table)
        return  # unchanged: storing the demo again changes nothing
    row.value = table
    row.updated_by = user or session.info.get("portfolio_user")
    row.updated_at = dt.datetime.now(dt.UTC).replace(microsecond=0)
    session.add(row)
    session.flush()
    _remember(settings, scope, table)


def remove_settings(session: Session, scope: str, *, settings: Settings | None = None) -> bool:
    """Remove the stored table of ``scope``; False when there was none."""
    from portfolio.models import StoredSetting

    row = session.get(StoredSetting, scope)
    if row is None:
        return False
    session.delete(row)
    session.flush()
    _remember(settings, scope, None)
    return True


def stored_rows(session: Session) -> list[Any]:
    """Every stored row (scope, value, who stored it and when), by scope."""
    from sqlmodel import select

    from portfolio.models import StoredSetting

    return list(session.exec(select(StoredSetting).order_by(StoredSetting.scope)).all())


def _remember(settings: Settings | None, scope: str, value: dict[str, Any] | None) -> None:
    if settings is not None and settings.stored is not None:
        settings.stored.remember(scope, value)
