"""``close`` and ``reopen`` for programs and projects, written once: look the code up, change
whether it is active (``portfolio.services.registry.set_active`` holds the rules), and say so."""

from __future__ import annotations

from typing import Literal

import click

from portfolio.cli.root import pass_app
from portfolio.context import AppContext

Subject = Literal["program", "project"]


def add_close_reopen(group: click.Group, what: Subject, code: click.ParamType, *, close_help: str) -> None:
    """Give ``group`` the ``close`` and ``reopen`` commands of programs or projects, so both kinds
    close and reopen alike: ``code`` is the CODE argument's type, ``close_help`` what closing does."""
    group.add_command(_command("close", what, code, active=False, help=close_help))
    group.add_command(_command("reopen", what, code, active=True, help=f"Reopen a closed {what}."))


def _command(name: str, what: Subject, code_type: click.ParamType, *, active: bool, help: str) -> click.Command:
    """One of the two commands: ``active`` is what it makes the program or project."""

    @click.command(name, help=help)
    @click.argument("code", type=code_type)
    @pass_app
    def command(app: AppContext, code: str) -> None:
        """Closes or reopens CODE (the help is given above)."""
        set_active_by_code(app, what, code, active)

    return command


def set_active_by_code(app: AppContext, what: Subject, code: str, active: bool) -> None:
    """Close (``active`` False) or reopen the program or project ``code`` and say which was done."""
    from portfolio.services.lookup import get_program, get_project
    from portfolio.services.registry import set_active

    lookup = get_program if what == "program" else get_project
    with app.writing() as session:
        set_active(session, lookup(session, code), active)
    click.echo(f"{'Reopened' if active else 'Closed'} {what} {code}.")
