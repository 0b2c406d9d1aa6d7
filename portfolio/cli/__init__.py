"""Building the ``portfolio`` command: core commands first, then every plugin's."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import Any, NoReturn

import click

from portfolio.errors import PortfolioError

# The core's commands: name -> (module, one-line help). A module is imported only when its command
# runs or its own help is shown; `portfolio --help` lists them from here. A test keeps each line
# equal to the command's own help.
CORE_COMMANDS: dict[str, tuple[str, str]] = {
    "access": (
        "portfolio.cli.access",
        "Who may change what, enforced by PostgreSQL: roles, grants, per-project rights.",
    ),
    "assessment": ("portfolio.cli.assessment", "The chief executive's assessment of the month."),
    "check": (
        "portfolio.cli.check",
        "Run every check the core and the plugins contribute; exit 1 when any finds an error.",
    ),
    "db": ("portfolio.cli.db", "Create, migrate and inspect the database."),
    "demo": (
        "portfolio.cli.demo",
        "Load the demo data set of the core and every plugin into an empty database; running it twice changes nothing.",
    ),
    "history": (
        "portfolio.cli.history",
        "Every change to project or program CODE: who, when, which field, old and new value.",
    ),
    "import": ("portfolio.cli.imports", "Import profiles: the export formats every section's import can read."),
    "info": (
        "portfolio.cli.info",
        "Version, database (password masked), config file, user, plugins, their settings and schema state.",
    ),
    "measure": ("portfolio.cli.measures", "Measures taken against risks."),
    "narrative": ("portfolio.cli.narrative", "The paragraphs of the portfolio section, per month."),
    "period": ("portfolio.cli.periods", "Reporting months: a closed month is read-only."),
    "plugins": ("portfolio.cli.plugins_cmd", "List the loaded plugins with their versions and hooks."),
    "program": ("portfolio.cli.programs", "Programs: groups of projects with a status of their own."),
    "project": ("portfolio.cli.projects", "Projects: standalone or numbered within a program."),
    "report": ("portfolio.cli.report", "The monthly board report."),
    "risk": (
        "portfolio.cli.risks",
        "Project risks: probability and consequence 1-5, zone by the risk matrix.",
    ),
    "round": (
        "portfolio.cli.round",
        "The month's round at a glance: statuses in and missing, red risks, recovery actions, plugin data, checks, "
        "can it close.",
    ),
    "status": ("portfolio.cli.status", "Monthly RAG status of projects and programs."),
}


def build_cli(extra_plugins: Iterable[tuple[str, Any]] = ()) -> click.Group:
    """A fresh CLI with its own plugin manager; commands are added here, not on import.

    ``extra_plugins`` adds (name, plugin) pairs to the installed ones, for tests and embedding.
    """
    from portfolio.cli.root import PortfolioGroup, make_root
    from portfolio.config import check_plugin_names, load_settings
    from portfolio.plugins import absent_plugins, load_plugins

    settings = load_settings()
    pending: list[str] = []  # warnings wait until the CLI runs, so they reach its stderr
    host = load_plugins(extra=extra_plugins, warn=pending.append)
    try:  # names in the file that only the plugins know: a misspelt one stops every command
        check_plugin_names(settings, host, lambda: absent_plugins(host))
    except PortfolioError:
        for message in pending:  # a plugin that failed to load is why its names are unknown
            warn(message)
        raise

    def app_for(db_option: str | None, user: str | None) -> Any:
        from portfolio.context import AppContext  # when a command runs: --help needs none

        return AppContext(settings, host, db_option, user)

    cli = make_root(app_for)
    assert isinstance(cli, PortfolioGroup)
    cli.settings = settings
    for name, (module_name, line) in CORE_COMMANDS.items():
        cli.lazy_commands[name] = (_core_loader(cli, module_name, settings), line)
    from portfolio.cli.examples import CORE_EXAMPLES

    for path, examples in CORE_EXAMPLES.items():
        cli.add_examples(path, *examples)
    host.call("portfolio_register_commands", cli=cli)  # a plugin that fails is named; --help still works
    host.emit = warn
    cli.pending_warnings = pending
    return cli


def _core_loader(cli: click.Group, module_name: str, settings: Any) -> Any:
    def load() -> None:
        from importlib import import_module

        import_module(module_name).register(cli, settings)

    return load


def warn(message: str) -> None:
    click.echo(f"warning: {message}", err=True)


GC_THRESHOLD = 200_000  # allocations between young collections, as mypy sets it (default: 700)


def collect_garbage_less_often() -> None:
    """Why: an import or a report of 10,000 projects makes millions of short-lived objects and
    almost no reference cycles, so the default threshold runs the cycle collector thousands of
    times for nothing, each older collection rescanning every module and table loaded so far.
    Reference counting still frees everything at once; only cycles wait a little longer."""
    import gc

    gc.set_threshold(GC_THRESHOLD, 30, 30)


def main(argv: list[str] | None = None) -> None:
    collect_garbage_less_often()
    arguments = sys.argv[1:] if argv is None else argv
    if arguments == ["--version"]:  # the answer needs neither settings nor plugins
        from portfolio import __version__

        click.echo(f"portfolio, version {__version__}")
        sys.exit(0)
    try:
        cli = build_cli()
    except PortfolioError as exc:  # a bad portfolio.toml may quote a key holding control characters
        from portfolio.cli.shown import shown_output

        with shown_output():
            click.echo(f"Error: {exc}", err=True, color=True)
        sys.exit(1)
    cli.main(args=argv, prog_name="portfolio")


def run() -> None:
    """The ``portfolio`` command: :func:`main`, then an exit that skips the interpreter's teardown.

    Why: unloading SQLAlchemy's, pydantic's and the plugins' modules and collecting every object
    they made costs 100-200 ms after every command, for nothing. By then the output is written,
    files are closed and the database engine is disposed (SQLite has checkpointed its log); exit
    handlers still run and the standard streams are flushed. ``main`` itself raises SystemExit
    as usual, for callers in the same process, and so does this under a profiler or a coverage
    tracer, which write their results at the normal exit.
    """
    if sys.getprofile() is not None or sys.gettrace() is not None:
        main()
        return
    try:
        main()
    except SystemExit as done:
        exit_at_once(done.code)
    exit_at_once(0)


def exit_at_once(code: object) -> NoReturn:
    """End the process with ``code`` as SystemExit would, without unloading every module first."""
    import atexit
    import os

    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:
        print(code, file=sys.stderr)
        status = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: as Python's own exit would, report it
            status = status or 120
    os._exit(status)
