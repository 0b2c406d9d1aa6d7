"""``portfolio project``: add, list, show, edit, close and reopen projects."""

from __future__ import annotations

from typing import Any

import click

from portfolio.cli.close_reopen import add_close_reopen
from portfolio.cli.output import emit, emit_record, format_option
from portfolio.cli.params import DATE, PROGRAM_CODE, PROJECT_CODE
from portfolio.cli.root import pass_app
from portfolio.config import Settings
from portfolio.context import AppContext

COLUMNS = [
    ("code", "Code"),
    ("number", "No."),
    ("name", "Name"),
    ("program", "Program"),
    ("manager", "Manager"),
    ("phase", "Phase"),
    ("start", "Start"),
    ("end", "End"),
    ("active", "Active"),
]


def project_options(function: Any) -> Any:
    for decorator in reversed(
        [
            click.option("--program", type=PROGRAM_CODE, help="The program the project belongs to."),
            click.option("--number", help="Number within the program, e.g. 1.1."),
            click.option("--manager", help="Project manager."),
            click.option(
                "--manager-login",
                metavar="LOGIN",
                help="The manager's database login: on PostgreSQL they may then write the project's "
                "statuses, risks and measures ('' unlinks).",
            ),
            click.option("--phase", help="Phase, e.g. concept, planning, execution."),
            click.option("--start", type=DATE, help="Start date."),
            click.option("--end", type=DATE, help="Planned end date."),
        ]
    ):
        function = decorator(function)
    return function


@click.group("project")
def project_group() -> None:
    """Projects: standalone or numbered within a program."""


@project_group.command("add")
@click.argument("code")
@click.argument("name")
@project_options
@pass_app
def add(app: AppContext, code: str, name: str, **fields: Any) -> None:
    """Add a project with a unique CODE and its NAME."""
    from portfolio.services.registry import ProjectFields, add_project

    with app.writing() as session:
        project = add_project(session, code, name, ProjectFields(**fields))
    click.echo(f"Added project {project.code}.")


def _row(project: Any) -> dict[str, Any]:
    """A ``ProjectListing`` as a list row; ``manager_login`` is not a column of the list, ``show``
    has it once linked."""
    return {
        "code": project.code,
        "number": project.number,
        "name": project.name,
        "program": project.program,
        "manager": project.manager,
        "phase": project.phase,
        "start": project.start_date,
        "end": project.end_date,
        "active": project.active,
        "manager_login": project.manager_login,
    }


@project_group.command("list")
@click.option("--program", type=PROGRAM_CODE, help="Only this program's projects.")
@click.option("--all", "include_closed", is_flag=True, help="Include closed projects.")
@format_option
@pass_app
def list_cmd(app: AppContext, program: str | None, include_closed: bool, fmt: str) -> None:
    """List projects in report order."""
    from portfolio.services.lookup import get_program
    from portfolio.services.registry import project_listing

    with app.reading() as session:  # rows are written as they are read (csv, json)
        selected = get_program(session, program) if program else None
        # the listing is held by the rows alone: emit closes them, and with them the cursor
        emit((_row(p) for p in project_listing(session, program=selected, include_closed=include_closed)), COLUMNS, fmt)


@project_group.command("show")
@click.argument("code", type=PROJECT_CODE)
@format_option
@pass_app
def show(app: AppContext, code: str, fmt: str) -> None:
    """Show one project."""
    from portfolio.services.lookup import get_project
    from portfolio.services.registry import listed_project

    with app.reading() as session:
        row = _row(listed_project(session, get_project(session, code)))
    pairs = [(key, label, row[key]) for key, label in COLUMNS]
    if row["manager_login"]:  # shown once linked (access on PostgreSQL: docs/team.md)
        pairs.append(("manager_login", "Manager login", row["manager_login"]))
    emit_record(pairs, fmt)


@project_group.command("edit")
@click.argument("code", type=PROJECT_CODE)
@click.option("--name", help="New name.")
@project_options
@click.option("--standalone", is_flag=True, help="Take the project out of its program.")
@pass_app
def edit(app: AppContext, code: str, name: str | None, standalone: bool, **fields: Any) -> None:
    """Change a project's name, program, number, manager, manager's login, phase or dates."""
    from portfolio.services.lookup import get_project
    from portfolio.services.registry import ProjectFields, edit_project

    if name is None and not standalone and all(v is None for v in fields.values()):
        raise click.UsageError("nothing to change; give at least one option")
    if standalone and fields.get("program"):
        raise click.UsageError("--standalone and --program exclude each other")
    with app.writing() as session:
        edit_project(session, get_project(session, code), name, ProjectFields(**fields), standalone=standalone)
    click.echo(f"Updated project {code}.")


add_close_reopen(
    project_group,
    "project",
    PROJECT_CODE,
    close_help="Close a finished project: it leaves the lists and the matrix, its history stays.",
)


def register(cli: click.Group, settings: Settings) -> None:
    cli.add_command(project_group)
