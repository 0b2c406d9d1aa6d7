"""add_close_reopen: the one close/reopen of programs and projects, tried on a group of its own."""

from __future__ import annotations

import types

import click
import pytest

from portfolio import hookimpl
from portfolio.cli.close_reopen import add_close_reopen
from portfolio.cli.params import PROGRAM_CODE, PROJECT_CODE
from tests.helpers import fails, ok

pytestmark = pytest.mark.usefixtures("core_only")


def _plugin() -> object:
    def portfolio_register_commands(cli: click.Group) -> None:
        projects = click.Group("projects", help="Projects, closed and reopened by the helper.")
        add_close_reopen(projects, "project", PROJECT_CODE, close_help="Close the project.")
        programs = click.Group("programs", help="Programs, closed and reopened by the helper.")
        add_close_reopen(programs, "program", PROGRAM_CODE, close_help="Close the program.")
        cli.add_command(projects)
        cli.add_command(programs)

    return types.SimpleNamespace(portfolio_register_commands=hookimpl(portfolio_register_commands))


@pytest.fixture
def cli(migrated):  # type: ignore[no-untyped-def]
    ok(migrated("program", "add", "HIS2", "Helhetlig informasjonssikkerhet 2", "--number", "1"))
    ok(migrated("project", "add", "IAM2", "Tilgangsstyring", "--program", "HIS2", "--number", "1.1"))
    plugin = _plugin()
    return lambda *args: migrated(*args, plugins=[("helper", plugin)])


def test_close_and_reopen_say_what_they_did_and_refuse_the_state_it_is_in(cli) -> None:
    assert ok(cli("projects", "close", "IAM2")).stdout == "Closed project IAM2.\n"
    assert fails(cli("projects", "close", "IAM2")).stderr == "Error: project IAM2 is already closed\n"
    assert "IAM2" not in ok(cli("project", "list")).stdout
    assert ok(cli("projects", "reopen", "IAM2")).stdout == "Reopened project IAM2.\n"
    assert fails(cli("projects", "reopen", "IAM2")).stderr == "Error: project IAM2 is already active\n"
    assert "IAM2" in ok(cli("project", "list")).stdout


def test_a_program_with_active_projects_stays_open(cli) -> None:
    result = fails(cli("programs", "close", "HIS2"))
    assert result.stderr == "Error: program HIS2 still has active projects: IAM2; close or move them first\n"
    ok(cli("projects", "close", "IAM2"))
    assert ok(cli("programs", "close", "HIS2")).stdout == "Closed program HIS2.\n"
    assert ok(cli("programs", "reopen", "HIS2")).stdout == "Reopened program HIS2.\n"


def test_an_unknown_code_is_named_and_the_help_is_the_callers(cli) -> None:
    assert fails(cli("projects", "close", "NOPE")).stderr.startswith("Error: no project 'NOPE'")
    assert fails(cli("programs", "reopen", "NOPE")).stderr.startswith("Error: no program 'NOPE'")
    assert "Close the project." in ok(cli("projects", "close", "--help")).stdout
    assert "Reopen a closed program." in ok(cli("programs", "reopen", "--help")).stdout
    assert "Usage: cli projects close [OPTIONS] CODE" in ok(cli("projects", "close", "--help")).stdout
