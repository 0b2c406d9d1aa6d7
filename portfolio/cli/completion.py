"""Shell completion of codes, managers and months from the database.

Completion runs on every press of Tab, so it must be quick and must never fail: it reads the
database named on the command line (``--db``), in ``$PORTFOLIO_DB`` or in the configuration,
with the standard library's sqlite3 for a SQLite file (read-only; a missing file is not
created) and a short-timeout connection otherwise. Any problem means no suggestions, never an
error. Enable it with ``eval "$(_PORTFOLIO_COMPLETE=bash_source portfolio)"`` (see README).
"""

from __future__ import annotations

import os
from typing import Any

import click

QUERIES = {
    "project": "SELECT code FROM project WHERE active ORDER BY code",
    "program": "SELECT code FROM program WHERE active ORDER BY code",
    "manager": "SELECT DISTINCT manager FROM project WHERE active AND manager IS NOT NULL "
    "UNION SELECT DISTINCT owner FROM program WHERE active AND owner IS NOT NULL",
    "period": "SELECT DISTINCT period FROM status_report UNION SELECT period FROM reporting_period",
}


def _database(ctx: click.Context) -> str | None:
    from portfolio.config import DB_ENV, database_url

    root = ctx.find_root()
    option = root.params.get("db") if root.params else None
    value = option or os.environ.get(DB_ENV) or getattr(getattr(root.command, "settings", None), "database", None)
    if value:
        return database_url(value)
    from portfolio.config import default_database_path

    path = default_database_path()
    return f"sqlite:///{path}" if path.exists() else None


def _values(url: str, query: str) -> list[str]:
    if url.startswith("sqlite:///"):
        import sqlite3
        from pathlib import Path
        from urllib.parse import quote

        path = Path(url.removeprefix("sqlite:///"))
        if not path.is_file():
            return []
        connection = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True, timeout=1)
        try:
            return [str(row[0]) for row in connection.execute(query) if row[0] is not None]
        finally:
            connection.close()
    from sqlalchemy import create_engine, text

    from portfolio.redact import unencoded_at

    if unencoded_at(url):  # the driver would be given part of the password as the host name
        return []
    engine = create_engine(url, connect_args={"connect_timeout": 2} if url.startswith("postgresql") else {})
    try:
        with engine.connect() as db:
            return [str(value) for value in db.execute(text(query)).scalars() if value is not None]
    finally:
        engine.dispose()


def complete(ctx: click.Context, what: str, incomplete: str) -> list[Any]:
    """Completion items for a project or program code, a manager or a month; [] on any problem."""
    from click.shell_completion import CompletionItem

    try:
        url = _database(ctx)
        if url is None:
            values: list[str] = []
        elif what == "code":
            values = _values(url, QUERIES["project"]) + _values(url, QUERIES["program"])
        else:
            values = _values(url, QUERIES[what])
    except Exception:  # no database, no table yet, no server: no suggestions
        values = []
    if what == "period":
        values = _with_current_months(values)
    prefix = incomplete.lower()
    return [CompletionItem(value) for value in sorted(set(values)) if value.lower().startswith(prefix)]


def _with_current_months(values: list[str]) -> list[str]:
    """The months in the database, and the month being reported now (last month) and this one."""
    from portfolio.period import Period

    now = Period.current()
    return [*values, str(now.previous()), str(now)]
