"""The root command group: global options, one-line errors, and the run's AppContext."""

from __future__ import annotations

from collections.abc import Callable
from functools import update_wrapper
from typing import TYPE_CHECKING, Any, TypeVar

import click

from portfolio import __version__
from portfolio.acting_user import USER_LENGTH, check_user
from portfolio.errors import PortfolioError, is_transient

if TYPE_CHECKING:
    from portfolio.context import AppContext
    from portfolio.hookspecs import Example

F = TypeVar("F", bound=Callable[..., Any])


def pass_app(command: F) -> F:
    """A command's first argument is the run's ``AppContext`` (click's ``make_pass_decorator``,
    with the class looked up when the command runs: ``--help`` never loads the context)."""

    def with_app(*args: Any, **kwargs: Any) -> Any:
        context = click.get_current_context()
        app = _app(context)
        if app is None:
            raise RuntimeError("the command ran without the root group's AppContext")
        return context.invoke(command, app, *args, **kwargs)

    return update_wrapper(with_app, command)  # type: ignore[return-value]


def _app(ctx: click.Context) -> AppContext | None:
    """The run's context, if the root group made one."""
    from portfolio.context import AppContext

    return ctx.find_object(AppContext)


def _is_sqlalchemy_error(exc: BaseException) -> bool:
    return type(exc).__module__.startswith("sqlalchemy")


class PortfolioGroup(click.Group):
    """Turns the project's own errors, and database failures, into one line and exit code 1."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pending_warnings: list[str] = []  # shown, then emptied, when the command runs
        self.lazy_commands: dict[str, tuple[Any, str]] = {}  # name -> (loader, one-line help)
        self.settings: Any = None
        self._arguments: list[str] = []  # this run's arguments (parse_args)
        self.examples: dict[str, tuple[Example, ...]] = {}  # command path ("status set") -> its --help examples

    def add_examples(self, command: str, *examples: Example | tuple[str, str]) -> None:
        """Show ``examples`` at the end of the --help of ``command`` (its path below ``portfolio``)."""
        from portfolio.cli.help_examples import checked_example

        path = " ".join(command.split())
        self.examples[path] = self.examples.get(path, ()) + tuple(checked_example(path, each) for each in examples)

    def add_lazy_command(self, name: str, target: str, short_help: str) -> None:
        """Register a command by where it lives ("package.module:attribute") and its one-line help.

        Its module is imported only when the command runs or its own help is shown, so
        ``portfolio --help`` stays fast however many plugins are installed.
        """
        module_name, _, attribute = target.partition(":")
        if not module_name or not attribute:
            raise ValueError(f"'{target}' is not 'package.module:attribute'")

        def load() -> None:
            from importlib import import_module

            self.add_command(getattr(import_module(module_name), attribute), name)

        self.lazy_commands[name] = (load, short_help)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(self.commands) | set(self.lazy_commands))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        """A lazily registered command is imported the first time it is needed."""
        if name not in self.commands and name in self.lazy_commands:
            self.lazy_commands[name][0]()
        command = self.commands.get(name)
        if command is not None and self.examples:
            from portfolio.cli.help_examples import show_examples_in_help

            show_examples_in_help(command)
        return command

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        from portfolio.cli.help_examples import write_examples

        super().format_epilog(ctx, formatter)
        write_examples(ctx, formatter)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        """As click's, with 'Did you mean' drawn from every command, the lazily loaded ones too
        (click looks only at those loaded, so 'portfolio stauts' got no suggestion)."""
        try:
            return super().resolve_command(ctx, args)
        except click.exceptions.NoSuchCommand as exc:
            raise click.exceptions.NoSuchCommand(
                exc.command_name, possibilities=self.list_commands(ctx), ctx=ctx
            ) from None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list of --help, without importing the commands that are not loaded yet."""
        names = self.list_commands(ctx)
        if not names:
            return
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = []
        for name in names:
            command = self.commands.get(name)
            if command is not None:
                if not command.hidden:
                    rows.append((name, command.get_short_help_str(limit)))
            else:
                stand_in = click.Command(name, help=self.lazy_commands[name][1])  # shortened as click does
                rows.append((name, stand_in.get_short_help_str(limit)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        # Problems found while loading plugins are shown once the command runs, even for --help.
        from portfolio.cli.shown import shown_output

        with shown_output():  # control characters in anything printed are shown, never obeyed
            for message in self.pending_warnings:  # before any context: color=True as the root's
                click.echo(f"warning: {message}", err=True, color=True)
            self.pending_warnings = []
            return super().main(*args, **kwargs)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        self._arguments = list(args)  # kept so that a write that lost a race can run again
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; a write that lost a race it did not ask to check runs again.

        The one place writes are retried: a serialization failure or deadlock on PostgreSQL, a
        key a concurrent insert took first, or a row changed between this write's read and its
        update (``database.is_transient``). Each run is a whole new transaction, so the rerun
        reads what the other committed; a version the user gave that no longer matches is a
        conflict for the user, never retried. At most WRITE_ATTEMPTS runs, with jittered backoff.
        """
        attempt = 1
        while True:
            try:
                return super().invoke(ctx)
            except PortfolioError as exc:
                if not (is_transient(exc) and attempt < WRITE_ATTEMPTS):
                    raise _click_error(str(exc), exc.exit_code) from None
            except OverflowError:  # the SQLite driver's, for an integer beyond 64 bits
                raise click.ClickException(TOO_LARGE) from None
            except Exception as exc:
                if not _is_sqlalchemy_error(exc):
                    raise
                if not (is_transient(exc) and attempt < WRITE_ATTEMPTS):
                    raise click.ClickException(_database_message(ctx, exc)) from None
            _again(ctx, attempt)
            attempt += 1
            self.parse_args(ctx, list(self._arguments))


class _UsageProblem(click.ClickException):
    """A one-line error that exits 2, as click's usage errors do (without their usage lines)."""

    exit_code = 2


def _click_error(message: str, exit_code: int) -> click.ClickException:
    """A one-line error with the exit code the project's error asks for (2: a usage problem)."""
    return _UsageProblem(message) if exit_code == 2 else click.ClickException(message)


WRITE_ATTEMPTS = 8  # runs of a write that keeps losing races; the backoff below sums to about 2.5 s at most
BACKOFF_SECONDS = 0.02


def _again(ctx: click.Context, attempt: int) -> None:
    """Before the next run: the last run's connections go, then a random wait that grows.

    The user is told, since whatever the lost run showed before it failed (an import's preview)
    is shown again by the next; nothing of the lost run was stored.
    """
    import random
    import time

    click.echo("note: another write got there first; nothing was stored, running the command again", err=True)
    app = _app(ctx)
    if app is not None:
        app.dispose()
    time.sleep(random.uniform(0.5, 1.0) * BACKOFF_SECONDS * 2 ** (attempt - 1))


TOO_LARGE = (
    "a number is too large for the database: whole numbers from -9223372036854775808 to 9223372036854775807 "
    "are stored; nothing was written"
)
# What a user can do about a refused write, by the SQL standard's SQLSTATE (PostgreSQL gives it;
# SQLite's messages are matched by their words).
_INTEGRITY = {
    "23505": (
        "the record already exists, saved by someone else at the same time; nothing was written: "
        "show it and run the command again"
    ),
    "23503": "a record this change refers to was removed or is still in use; nothing was written",
    "23502": "a required value is missing; nothing was written",
    "23514": "a value is outside what the database allows; nothing was written",
}
_SQLITE_INTEGRITY = {"UNIQUE": "23505", "FOREIGN KEY": "23503", "NOT NULL": "23502", "CHECK": "23514"}


def _database_message(ctx: click.Context, exc: BaseException) -> str:
    """One line for a database failure: a refused write said in the user's terms, never the
    server's internals (constraint names, SQL, driver objects); else the first line of the error."""
    from sqlalchemy.exc import IntegrityError

    from portfolio.redact import safe_url

    original = getattr(exc, "orig", None)
    state = getattr(original, "sqlstate", None) or getattr(original, "pgcode", None)
    if state == "22003":  # numeric_value_out_of_range (PostgreSQL's "bigint out of range")
        return TOO_LARGE
    if state == "42501":  # insufficient_privilege: a grant or a row-level security policy refused it
        return _refusal(ctx, original)
    if isinstance(exc, IntegrityError):
        if state is None:
            text = str(original or "")
            state = next((code for words, code in _SQLITE_INTEGRITY.items() if words in text), None)
        return _INTEGRITY.get(str(state), "the database refused the change as inconsistent; nothing was written")
    app = _app(ctx)
    where = safe_url(app.url) if app is not None else "the database"
    detail = str(original or exc).strip().splitlines()
    first = detail[0] if detail else type(exc).__name__
    return f"database error on {where}: {first}"


# What a refused write to a table was, for "LOGIN may not ...": the core's tables by name, a
# plugin's by its own name.
_REFUSED_WHAT = {
    "reporting_period": "close or reopen months",
    "report_archive": "close or reopen months",
    "program": "change programs",
    "project": "change projects",
    "status_report": "change statuses",
    "status_rating": "change statuses",
    "risk": "change risks",
    "risk_assessment": "change risks",
    "measure": "change measures",
    "narrative": "change the month's texts",
    "stored_setting": "change settings",
    "audit_log": "write the audit trail",
}


def _refusal(ctx: click.Context, original: object) -> str:
    """A write the database refused for want of a right, in one line naming who, what and whom
    to ask. The row-level check (``portfolio.access``) words its own refusal, naming the
    subject and its manager; a missing grant is worded here from the table it names."""
    import re

    diag = getattr(original, "diag", None)
    primary = str(getattr(diag, "message_primary", None) or original or "").strip()
    from portfolio.access import REFUSAL_HINT

    if getattr(diag, "message_hint", None) == REFUSAL_HINT:
        return primary
    found = re.search(r'for (?:table|relation|sequence) "?([\w.]+)"?', primary)
    table = found.group(1).removesuffix("_id_seq") if found else None
    what = _REFUSED_WHAT.get(table or "", f"change {table}" if table else "make this change")
    app = _app(ctx)
    login = (app.engine.url.username if app is not None else None) or _os_login()
    return f"{login} may not {what}; ask the project office (nothing was written)"


def _os_login() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "you"


def _checked_user(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """--as is checked as it is parsed: too long a name is a usage error before any work."""
    if value is None:
        return None
    try:
        return check_user(value, "--as")
    except PortfolioError as exc:
        raise click.BadParameter(str(exc).removeprefix("--as "), ctx, param) from None


def make_root(app_factory: Any) -> click.Group:
    """The root group; ``app_factory(db, user)`` builds the AppContext once options are parsed."""

    # color=True: click never strips escape codes itself. When the output is piped it would drop
    # those in the data silently; the streams (portfolio.cli.shown) show them instead, as ␛[31m.
    @click.group(cls=PortfolioGroup, context_settings={"help_option_names": ["-h", "--help"], "color": True})
    @click.version_option(__version__, "--version", prog_name="portfolio")
    @click.option(
        "--db",
        metavar="PATH|URL",
        help="Database file or SQLAlchemy URL (else $PORTFOLIO_DB, portfolio.toml, per-user file).",
    )
    @click.option(
        "--as",
        "user",
        metavar="NAME",
        callback=_checked_user,
        help=f"Record changes as this user (else the OS user); at most {USER_LENGTH} characters.",
    )
    @click.pass_context
    def cli(ctx: click.Context, db: str | None, user: str | None) -> None:
        """Keep the project portfolio and produce the monthly board report."""
        app = app_factory(db, user)
        ctx.obj = app
        ctx.call_on_close(app.dispose)

    return cli
