"""A small plugin with a table of its own and its own Alembic branch, for tests of the plugin host,
migrations and backups. It is registered per test (``plugins=[("notes", notes_plugin)]``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from portfolio.api import hookimpl


@click.group("notes")
def notes() -> None:
    """Notes on projects (test plugin)."""


@notes.command("add")
@click.argument("code")
@click.argument("text")
@click.option("--amount", default="0")
def add(code: str, text: str, amount: str) -> None:
    from decimal import Decimal

    from portfolio.api import AppContext, get_project
    from tests.support.notes_plugin.models import Note

    app = click.get_current_context().find_object(AppContext)
    assert app is not None
    with app.writing() as session:
        project = get_project(session, code)
        session.add(Note(project_id=project.id, text=text, amount=Decimal(amount)))
    click.echo("Added note.")


@hookimpl
def portfolio_register_commands(cli: click.Group) -> None:
    cli.add_command(notes)


@hookimpl
def portfolio_migrations() -> str:
    return str(Path(__file__).parent / "migrations")


@hookimpl
def portfolio_models() -> list[Any]:
    from tests.support.notes_plugin.models import Note

    return [Note]
