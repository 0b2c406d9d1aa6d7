"""Click parameter types: bad values become usage errors (exit 2) naming the value and what is allowed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import click

from portfolio.period import Period, PeriodError
from portfolio.ratings import Rating, parse_rating

if TYPE_CHECKING:
    from sqlmodel import Session

    from portfolio.context import AppContext


class PeriodType(click.ParamType):
    """A month, YYYY-MM. With ``begun``, one that has begun: the one rule for a month after the
    current one, in the core and the plugins alike, is that nothing can be reported for it or
    shown of it yet (a status, a report, a check, the round); a template or a budget may be made
    ahead."""

    name = "YYYY-MM"

    def __init__(self, *, begun: bool = False) -> None:
        self.begun = begun

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Period:
        if isinstance(value, Period):
            period = value
        else:
            try:
                period = Period.parse(value)
            except PeriodError as exc:
                self.fail(str(exc), param, ctx)
        if self.begun:
            import datetime as dt

            current = Period.of(dt.date.today())
            if period > current:
                self.fail(
                    f"{period} has not begun yet (this month is {current}); nothing is reported for it", param, ctx
                )
        return period

    def shell_complete(self, ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
        from portfolio.cli.completion import complete

        return complete(ctx, "period", incomplete)


class NameType(click.ParamType):
    """A project or program code, or a manager's name: taken as given, completed from the database.

    The command itself looks the value up and names it when it is unknown (with a suggestion).
    """

    def __init__(self, what: str, name: str) -> None:
        self.what = what
        self.name = name

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        return str(value)

    def shell_complete(self, ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
        from portfolio.cli.completion import complete

        return complete(ctx, self.what, incomplete)


class RatingType(click.ParamType):
    name = "green|yellow|red|na"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Rating:
        if isinstance(value, Rating):
            return value
        try:
            return parse_rating(value)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


class DateType(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> dt.date:
        if isinstance(value, dt.date):
            return value
        from portfolio.parsing import parse_date

        try:
            return parse_date(str(value))
        except ValueError as exc:
            self.fail(f"{exc}, for example 2024-03-01 or 01.03.2024", param, ctx)


PERIOD = PeriodType()
BEGUN_PERIOD = PeriodType(begun=True)  # a month that has begun: for reports, views and statuses
CODE = NameType("code", "code")  # a project or a program
PROJECT_CODE = NameType("project", "code")
PROGRAM_CODE = NameType("program", "code")
MANAGER = NameType("manager", "name")
RATING = RatingType()
DATE = DateType()
SCALE = click.IntRange(1, 5)

EXPECT_VERSION = click.option(
    "--expect-version",
    type=click.IntRange(min=1),
    help="Refuse if the record is no longer at this version (as 'show' printed it).",
)


def profile_options(command: Any) -> Any:
    """``--profile NAME`` and ``--strict-columns`` for an import command (arguments ``profile``
    and ``strict_columns``); hand both to ``open_profiled_csv`` or ``resolve_profile``."""
    command = click.option(
        "--strict-columns",
        is_flag=True,
        help="Refuse columns the import does not read, instead of ignoring them with a notice.",
    )(command)
    return click.option(
        "--profile",
        metavar="NAME",
        help="The import profile of the export's source ('portfolio import profiles'); "
        "the file may name it in a line '# profile: NAME' above its header.",
    )(command)


def dry_run_option(command: Any) -> Any:
    """``--dry-run`` for an import command (argument ``dry_run``): check the file and show the
    preview, store nothing. Use with ``preview_session``."""
    return click.option(
        "--dry-run",
        is_flag=True,
        help="Check the file and show what it will store, against what is stored; store nothing.",
    )(command)


class _DryRun(Exception):
    """Raised at the end of a dry run's transaction so that it rolls back."""


@contextmanager
def preview_session(app: AppContext, dry_run: bool) -> Iterator[Session]:
    """One all-or-nothing write transaction for an import; with ``dry_run`` it is rolled back at
    the end (nothing stored, every check made), and ``Dry run: nothing stored.`` is printed."""
    try:
        with app.writing() as session:
            yield session
            if dry_run:
                raise _DryRun
    except _DryRun:
        click.echo("Dry run: nothing stored.")
