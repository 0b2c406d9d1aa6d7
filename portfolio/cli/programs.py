"""``portfolio program``: add, list, show, edit, close and reopen programs."""

from __future__ import annotations

from typing import Any

import click

from portfolio.cli.close_reopen import add_close_reopen
from portfolio.cli.output import emit, emit_record, format_option
from portfolio.cli.params import PROGRAM_CODE
from portfolio.cli.root import pass_app
from portfolio.config import Settings
from portfolio.context import AppContext

COLUMNS = [
    ("code", "Code"),
    ("number", "No."),
    ("name", "Name"),
    ("owner", "Owner"),
    ("projects", "Projects"),
    ("active", "Active"),
]


OWNER_LOGIN_HELP = (
    "The owner's database login: on PostgreSQL they may then write the program's own status and texts ('' unlinks)."
)


@click.group("program")
def program_group() -> None:
    """Programs: groups of projects with a status of their own."""


@program_group.command("add")
@click.argument("code")
@click.argument("name")
@click.option("--number", type=click.IntRange(min=1), help="Position in the report, e.g. 1.")
@click.option("--owner", help="Who owns the program.")
@click.option("--owner-login", metavar="LOGIN", help=OWNER_LOGIN_HELP)
@pass_app
def add(app: AppContext, code: str, name: str, number: int | None, owner: str | None, owner_login: str | None) -> None:
    """Add a program with a unique CODE and its NAME."""
    from portfolio.services.registry import add_program

    with app.writing() as session:
        program = add_program(session, code, name, number=number, owner=owner, owner_login=owner_login)
    click.echo(f"Added program {program.code}.")


def _program_row(program: Any) -> dict[str, Any]:
    """A ``ProgramListing`` as a list row; ``owner_login`` is not a column of the list."""
    return {
        "code": program.code,
        "number": program.number,
        "name": program.name,
        "owner": program.owner,
        "projects": program.projects,
        "active": program.active,
        "owner_login": program.manager_login,
    }


@program_group.command("list")
@click.option("--all", "include_closed", is_flag=True, help="Include closed programs.")
@format_option
@pass_app
def list_cmd(app: AppContext, include_closed: bool, fmt: str) -> None:
    """List programs in report order."""
    from portfolio.services.registry import program_listing

    with app.reading() as session:  # rows are written as they are read (csv, json)
        emit((_program_row(p) for p in program_listing(session, include_closed=include_closed)), COLUMNS, fmt)


@program_group.command("show")
@click.argument("code", type=PROGRAM_CODE)
@format_option
@pass_app
def show(app: AppContext, code: str, fmt: str) -> None:
    """Show one program and its projects."""
    from portfolio.services.lookup import get_program
    from portfolio.services.registry import list_projects, program_listing

    with app.reading() as session:
        program = get_program(session, code)
        [listed] = program_listing(session, code=program.code)
        row = _program_row(listed)
        members = ", ".join(f"{p.number or ''} {p.code}".strip() for p in list_projects(session, program=program))
    pairs = [(key, label, row[key]) for key, label in COLUMNS if key != "projects"]
    if row["owner_login"]:  # shown once linked (access on PostgreSQL: docs/team.md)
        pairs.append(("owner_login", "Owner login", row["owner_login"]))
    pairs.append(("projects", "Projects", members))
    emit_record(pairs, fmt)


@program_group.command("edit")
@click.argument("code", type=PROGRAM_CODE)
@click.option("--name", help="New name.")
@click.option("--number", type=click.IntRange(min=1), help="New position in the report.")
@click.option("--owner", help="New owner.")
@click.option("--owner-login", metavar="LOGIN", help=OWNER_LOGIN_HELP)
@pass_app
def edit(
    app: AppContext, code: str, name: str | None, number: int | None, owner: str | None, owner_login: str | None
) -> None:
    """Change a program's name, number, owner or owner's login."""
    from portfolio.services.lookup import get_program
    from portfolio.services.registry import edit_program

    if name is None and number is None and owner is None and owner_login is None:
        raise click.UsageError("nothing to change; give --name, --number, --owner or --owner-login")
    with app.writing() as session:
        edit_program(
            session, get_program(session, code), name=name, number=number, owner=owner, owner_login=owner_login
        )
    click.echo(f"Updated program {code}.")


add_close_reopen(
    program_group,
    "program",
    PROGRAM_CODE,
    close_help="Close a program: it leaves the lists and the matrix, its history stays.",
)


def register(cli: click.Group, settings: Settings) -> None:
    cli.add_command(program_group)
