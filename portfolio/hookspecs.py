"""Every hook a plugin can implement. Each docstring is the reference a plugin author works from:
docs/plugins.md is generated from them.

Hooks are called with keyword arguments; an implementation may accept any subset of the
arguments named in the spec. Every hook is called through pluggy (``pm.hook.NAME``), so
``@hookimpl(tryfirst=True)``, ``trylast=True`` and ``wrapper=True`` work as pluggy documents
them; without them, the plugin registered last is called first. One failing implementation is
named in a warning (plugin, hook, exception) and left out, its database work rolled back, and
the others carry on; ``report build --strict`` makes it an error instead. Everything a plugin
imports from the core comes from ``portfolio.api``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

import pluggy

from portfolio import PROJECT_NAME

if TYPE_CHECKING:
    import click
    from sqlmodel import Session

    from portfolio.context import AppContext
    from portfolio.evidence import Evidence
    from portfolio.findings import Finding
    from portfolio.import_profile import ImportProfile
    from portfolio.importers.status_sheets import StatusSheet
    from portfolio.period import Period
    from portfolio.report.sections import SectionContext, SectionSpec
    from portfolio.round_items import RoundItem

hookspec = pluggy.HookspecMarker(PROJECT_NAME)


class Example(NamedTuple):
    """One example in a command's ``--help``: a short line saying what it does, then the command.

    ``command`` is one line, starting with ``portfolio``, that runs as shown against the demo
    data (``portfolio demo``) from a folder holding the example files the plugins ship; a test
    runs every command's examples that way. Show what works, never a refusal.
    """

    comment: str
    command: str


class CommandGroup(Protocol):
    """The ``portfolio`` command group as ``portfolio_register_commands`` receives it."""

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        """Add a click command or group; its module is imported on every run."""

    def add_lazy_command(self, name: str, target: str, short_help: str) -> None:
        """Add a command by where it lives (``"package.module:attribute"``) and its one-line help;
        its module is imported only when the command runs or its own help is shown."""

    def add_examples(self, command: str, *examples: Example | tuple[str, str]) -> None:
        """Show ``examples`` (``Example(comment, command)`` or plain pairs) at the end of the
        ``--help`` of ``command``, its path without ``portfolio`` (``"finance import"``)."""


@hookspec
def portfolio_register_commands(cli: CommandGroup) -> None:
    """Add commands or command groups to the ``portfolio`` CLI.

    Called once while the CLI is built, before arguments are parsed, also for ``--help``.
    ``cli`` is the root group (a ``click.Group``; its type for annotations is ``CommandGroup``).
    Add one group named after the plugin, preferably with
    ``cli.add_lazy_command(name, "package.module:attribute", one_line_help)``: the module is then
    imported only when the command is used, and ``--help`` shows the line given (it must be the
    group's own first help line). ``cli.add_command(group)`` works too, at the cost of importing
    the module on every run. Import the database layer inside the command bodies.
    ``cli.add_examples(path, Example(comment, command), ...)`` puts 1-3 examples at the end of a
    command's ``--help`` (and so in docs/cli-reference.md), without importing the command's module.

    Returns nothing.

    Example::

        @hookimpl
        def portfolio_register_commands(cli):
            cli.add_lazy_command("benefits", "portfolio_benefits.cli:group", "Benefits per project.")
            cli.add_examples(
                "benefits list",
                Example("The benefits of one project", "portfolio benefits list --project SMT"),
            )
    """


@hookspec
def portfolio_migrations() -> str | None:
    """Return the folder holding this plugin's Alembic revision files, or None.

    Called by ``portfolio db upgrade``, ``db downgrade``, ``db current`` and whenever a command
    checks that the database is up to date. The plugin's first revision sets
    ``branch_labels = ("<plugin>",)``, ``down_revision = None`` and ``depends_on`` the core
    revision it builds on, so core and plugins are migrated together with ``upgrade heads``.

    Example::

        @hookimpl
        def portfolio_migrations():
            return str(Path(__file__).parent / "migrations")
    """


@hookspec
def portfolio_models() -> list[Any] | None:
    """Return the SQLModel table classes this plugin owns.

    Called when the full set of tables is needed: comparing models with migrations (tests and
    Alembic's autogenerate), and ``portfolio db backup`` / ``restore``, which copy every table.
    Import the classes inside the function.

    Example::

        @hookimpl
        def portfolio_models():
            from portfolio_benefits.models import Goal
            return [Goal]
    """


@hookspec
def portfolio_demo(session: Session, app: AppContext) -> None:
    """Load this plugin's part of the demo data set into ``session``.

    Called by ``portfolio demo`` after the core's own demo data, inside one transaction that
    is committed once every plugin has run; a plugin that raises has its part rolled back and
    is named in a warning. Must be idempotent: look rows up by their natural keys and update
    them instead of adding duplicates. Returns nothing.

    Example::

        @hookimpl
        def portfolio_demo(session):
            from portfolio_benefits.demo import load
            load(session)
    """


@hookspec
def portfolio_checks(session: Session, period: Period, app: AppContext) -> list[Finding] | None:
    """Return findings about ``period``: missing or inconsistent data the board should not see.

    Called by ``portfolio check --period`` and ``portfolio round``. Each ``Finding`` (from
    ``portfolio.api``) has a severity (``error``, ``warning`` or ``info``), a short code and a
    one-line message naming the offending value; ``portfolio check`` exits 1 when any finding is
    an error, and ``portfolio round`` says the month cannot be closed. Return an empty list when
    all is well.

    Example::

        @hookimpl
        def portfolio_checks(session, period):
            from portfolio.api import Finding
            if not has_figures(session, period):
                return [Finding("error", "benefits-missing", f"no benefit figures for {period}")]
            return []
    """


@hookspec
def portfolio_round_items(session: Session, period: Period, app: AppContext) -> list[RoundItem] | None:
    """Return whether this plugin's data for ``period`` is there, as ``RoundItem`` objects.

    Called by ``portfolio round``, which shows the month's state at a glance; each item is one
    kind of data the month needs (``portfolio.api.RoundItem``: a short ``name``,
    ``present`` True or False, and a ``detail`` saying what is there or which command adds what
    is missing). Items only show progress: whether the month can be closed is decided by the
    checks (``portfolio_checks``), so report a missing item that must block closing as an error
    finding there as well. Read only; return an empty list when the plugin has nothing to show.

    Example::

        @hookimpl
        def portfolio_round_items(session, period):
            from portfolio.api import RoundItem
            found = session.get(Goal, str(period)) is not None
            return [RoundItem("benefit figures", found, "" if found else "portfolio benefits import FILE")]
    """


@hookspec
def portfolio_evidence(ctx: SectionContext) -> list[Evidence] | None:
    """Return the ratings of ``ctx.period`` that this plugin's data contradicts, as ``Evidence``.

    Called by ``portfolio check --period`` and ``portfolio round`` (each item becomes a finding
    with the plugin's name, counted with the checks' findings) and by ``portfolio report build``,
    which lists them beside the status matrix in the portfolio section (ten per rule, then one
    line with how many more and their projects; a section of your own that lists them too gets
    the same lines from ``portfolio.api.evidence_items``, and works them out once per report with
    ``portfolio.api.read_once``). ``ctx`` is a section
    context: ``ctx.session``, ``ctx.period``, ``ctx.settings``, ``ctx.t`` with this plugin's own
    catalog for ``Evidence.text`` in the report's language, and ``ctx.fmt`` for numbers.
    ``portfolio.api.stored_ratings(session, period, dimension)`` gives each project's rating.
    ``Evidence.message`` is the English line ``check`` prints.
    Keep it to a few queries: the report runs it on every build. Return [] when all agrees.

    Example::

        @hookimpl
        def portfolio_evidence(ctx):
            from portfolio.api import Evidence, stored_ratings
            late = projects_past_end_date(ctx.session, ctx.period)
            return [
                Evidence("schedule-late", code, "schedule", "green",
                         f"{code} is rated green on schedule but is past its end date",
                         ctx.t("{code} is past its end date", code=code))
                for code, rating in stored_ratings(ctx.session, ctx.period, "schedule").items()
                if rating == "green" and code in late
            ]
    """


@hookspec
def portfolio_report_sections() -> list[SectionSpec] | None:
    """Return the report sections this plugin contributes, as ``SectionSpec`` objects.

    Called by ``portfolio report build`` and ``report sections``. A ``SectionSpec`` (from
    ``portfolio.api``) has a stable ``key``, ``titles`` in every report language
    (``{"nb": ..., "en": ...}``), a default ``order`` and a ``build(ctx)`` function that returns
    neutral blocks (``portfolio.api.Table``, ``Paragraph``, ...) for ``ctx.period``. ``ctx`` also has the
    session, the language, the settings, ``ctx.t`` for labels and ``ctx.fmt`` for numbers and
    dates. Plugins never produce HTML or Markdown; the renderers do.

    Example::

        @hookimpl
        def portfolio_report_sections():
            return [SectionSpec("benefits", {"nb": "Gevinster", "en": "Benefits"}, build, order=45)]
    """


@hookspec
def portfolio_dead_bands() -> dict[str, Any] | None:
    """Return the key figures this plugin shows with a trend, as ``{key: default dead band}``, or None.

    Called when the CLI starts, before any command runs (``--help`` too), and only when
    portfolio.toml has a ``[report.dead_bands]`` table: a key there that no loaded plugin returns
    is refused, naming the file and the keys allowed, so that a misspelt key stops the command
    instead of leaving its band unused. A key is what the plugin gives ``kpi(key, ...)``
    (``"<plugin>.<figure>"``); the default is its ``default_band``: a number in the figure's unit
    or ``"N%"`` of last month's value. Keep the mapping in a constant of the entry point module and
    pass ``DEAD_BANDS[key]`` to ``kpi``, so that the two cannot differ; import nothing here, and
    use plain numbers and text (not ``Decimal``): every command may call this hook.

    Example::

        DEAD_BANDS = {"benefits.realised": "5%", "benefits.at_risk": 1}

        @hookimpl
        def portfolio_dead_bands():
            return DEAD_BANDS
    """


@hookspec
def portfolio_locales() -> str | None:
    """Return the folder with this plugin's message catalogs (``nb.po``, ``en.po``), or None.

    Called when a report is built. Message ids are English; each catalog gives the text for one
    report language. Use them through ``ctx.t("...")`` in a section builder.

    Example::

        @hookimpl
        def portfolio_locales():
            return str(Path(__file__).parent / "locales")
    """


@hookspec
def portfolio_import_profiles() -> list[ImportProfile] | None:
    """Return the import profiles this plugin ships, as ``ImportProfile`` objects, or None.

    Called by every import that takes ``--profile`` and by ``portfolio import profiles``. A
    profile names one source system's export format: which import it is ``for`` (``"finance"``,
    ``"services.orders"``), how its columns map to the import's, which to ignore, and how it
    writes numbers and dates. Build each from the same table a user writes under
    ``[import.profiles.NAME]``; a profile configured under the same name replaces the shipped one.

    Example::

        @hookimpl
        def portfolio_import_profiles():
            return [ImportProfile.from_table("benefits-sheet", {
                "for": "benefits", "columns": {"Gevinst": "benefit"},
                "decimal": "comma", "dates": "day-first",
            }, origin="benefits")]
    """


@hookspec
def portfolio_import_kinds() -> list[str] | None:
    """Return the names of this plugin's imports that read a file through an import profile, or None.

    Each name is the ``target`` the import passes to ``open_profiled_csv``, ``read_profiled_csv``
    or ``resolve_profile`` (``"finance"``, ``"services.orders"``, ``"hr.aml"``), and the value a
    profile's ``for`` names. Called when the CLI starts, before any command runs (``--help``
    too), and only when portfolio.toml configures a profile with ``for``: a ``for`` that no loaded
    plugin returns is refused, naming the file and the imports allowed. The profiles the plugin
    ships (``portfolio_import_profiles``) should be for these names. Return a constant; import
    nothing here.

    Example::

        @hookimpl
        def portfolio_import_kinds():
            return ["benefits", "benefits.targets"]
    """


@hookspec
def portfolio_status_sheets() -> list[StatusSheet] | None:
    """Return this plugin's parts of the monthly status template, as ``StatusSheet`` objects.

    Called by ``portfolio status template``, which writes each sheet that has rows into every
    template file it writes (in the XLSX form a sheet of its own after ``Statuses``, in the CSV
    form a second file beside it, ``<file>.<key>.csv``), and by ``portfolio status import``,
    which hands each sheet read back to the plugin whose ``key`` it carries, in the same
    transaction as the statuses. A ``StatusSheet`` (from ``portfolio.api``) has a ``key``, the
    sheet's ``title``, its ``columns``, the ``editable`` ones, a line of ``guidance`` and two
    functions, each given a ``SheetContext`` (``session``, ``period``, ``codes``: the file's projects
    and programs, ``settings``, ``user``):

    - ``rows(ctx)``: the prefilled rows for ``ctx.codes``, a sequence of values per row in the
      order of ``columns`` (text, dates, numbers, None). No rows: the sheet is left out of that file.
    - ``store(ctx, sheet)``: check every row of ``sheet`` (a ``SheetRows``: ``source``, ``header``,
      ``rows`` as (row number, values by lower-case column)), store them when all are right, and
      return a ``SheetResult(stored, summary, problems)``. Each problem is one line naming row,
      column and value (``"row 5, column forecast: '2024-02-30' is not a date"``); any problem in
      any file refuses the whole import, statuses included, and the transaction is rolled back.
      Respect closed months (``ensure_open``) as every other write of the plugin does.

    A ``rows`` that raises leaves the sheet out of the template with one warning; a ``store`` that
    raises refuses the import, naming the plugin: a manager's sheet is never dropped unseen.

    Example::

        @hookimpl
        def portfolio_status_sheets():
            from portfolio.api import StatusSheet
            return [StatusSheet("benefits", "Benefits", ("project", "benefit", "realised"),
                                ("realised",), rows=benefit_rows, store=store_benefits)]
    """


@hookspec
def portfolio_access() -> dict[str, str] | None:
    """Return which role writes each of this plugin's tables on PostgreSQL: ``{table: role}``.

    Called by ``portfolio access setup``, which grants every table of the core and the plugins
    to the office's group roles. Every role reads every table. A table this hook does not name
    is written by the project office alone (``"pmo"``): section imports and their settings are
    the office's. Name a table ``"manager"`` when project managers record its rows themselves;
    they may then write every row of it (row-level security by project covers only the core's
    statuses, risks, measures and texts). Re-run ``access setup`` after ``db upgrade`` so that
    new tables get their grants. Return None (or leave the hook out) for the default.

    Example::

        @hookimpl
        def portfolio_access():
            return {"benefit_goal": "pmo", "benefit_note": "manager"}
    """
