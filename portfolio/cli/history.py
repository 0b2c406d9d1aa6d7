"""``portfolio history``: the audit trail of a project or program."""

from __future__ import annotations

import click

from portfolio.cli.output import emit, format_option
from portfolio.cli.params import CODE, PERIOD
from portfolio.cli.root import pass_app
from portfolio.config import Settings
from portfolio.context import AppContext
from portfolio.period import Period

COLUMNS = [
    ("at", "When (UTC)"),
    ("user", "Who"),
    ("login", "Login"),
    ("action", "Action"),
    ("period", "Period"),
    ("field", "Field"),
    ("old", "Old"),
    ("new", "New"),
]


@click.command("history")
@click.argument("code", type=CODE)
@click.option("--period", type=PERIOD, help="Only changes to this month's data.")
@click.option("--limit", type=click.IntRange(min=1), help="Only the newest N changes.")
@format_option
@pass_app
def history(app: AppContext, code: str, period: Period | None, limit: int | None, fmt: str) -> None:
    """Every change to project or program CODE: who, when, which field, old and new value.

    Who is the database login that made the change (on PostgreSQL the server's, which no client
    can forge; on SQLite the operating system's user), then the name given with --as when it
    differs: "kari as Kari Nordmann".
    """
    from portfolio.services.history import history_of
    from portfolio.services.lookup import get_subject

    with app.reading() as session:
        subject = get_subject(session, code)
        entries = history_of(session, subject.code, period=period, limit=limit)
    rows = [
        {
            "at": entry.at.replace(tzinfo=None).isoformat(sep=" ") if fmt == "table" else entry.at,
            "user": who(entry.login, entry.user) if fmt == "table" else entry.user,
            "login": entry.login,
            "action": entry.action,
            "period": entry.period,
            "field": entry.field,
            "old": _short(entry.old_value, fmt),
            "new": _short(entry.new_value, fmt),
        }
        for entry in entries
    ]
    # the terminal's table says both in one column ("kari as Kari Nordmann"); files keep them apart
    emit(rows, [c for c in COLUMNS if not (fmt == "table" and c[0] == "login")], fmt)


def who(login: str | None, user: str) -> str:
    """Who made a change: the login the database recorded, and the name the client gave beside it."""
    if login is None or login == user:
        return user
    return f"{login} as {user}"


def _short(value: str | None, fmt: str) -> str | None:
    if value is None or fmt != "table" or len(value) <= 60:
        return value
    return value[:57] + "..."


def register(cli: click.Group, settings: Settings) -> None:
    cli.add_command(history)
