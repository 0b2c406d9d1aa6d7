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
    """Every change to project or program CODE: who, when, which field, old and new value."""
    from portfolio.services.history import history_of
    from portfolio.services.lookup import get_subject

    with app.reading() as session:
        subject = get_subject(session, code)
        entries = history_of(session, subject.code, period=period, limit=limit)
    rows = [
        {
            "at": entry.at.replace(tzinfo=None).isoformat(sep=" ") if fmt == "table" else entry.at,
            "user": entry.user,
            "action": entry.action,
            "period": entry.period,
            "field": entry.field,
            "old": _short(entry.old_value, fmt),
            "new": _short(entry.new_value, fmt),
        }
        for entry in entries
    ]
    emit(rows, COLUMNS, fmt)


def _short(value: str | None, fmt: str) -> str | None:
    if value is None or fmt != "table" or len(value) <= 60:
        return value
    return value[:57] + "..."


def register(cli: click.Group, settings: Settings) -> None:
    cli.add_command(history)
