"""What a plugin may import from portfolio: these modules are the public API.

Anything else is internal and may change in any release. A test scans the section plugins'
imports against this list, so the PMO's own plugins use nothing another team's could not.
Within a major version, names in these modules are not removed or changed incompatibly.
"""

from __future__ import annotations

PUBLIC_MODULES: tuple[str, ...] = (
    "portfolio",  # hookimpl, __version__
    "portfolio.bulk",  # insert_rows, chunks: fast inserts for imports
    "portfolio.checks",  # Finding
    "portfolio.cli.output",  # emit, emit_record, format_option
    "portfolio.cli.params",  # PERIOD, DATE, RATING, SCALE, EXPECT_VERSION
    "portfolio.cli.root",  # pass_app
    "portfolio.cli.textinput",  # read_text: free text from --file, --text or the editor
    "portfolio.config",  # Settings (ctx.settings, app.settings), Dimension
    "portfolio.context",  # AppContext: settings, user, reading(), writing()
    "portfolio.errors",  # PortfolioError, ImportFileError, NotFoundError, ConflictError
    "portfolio.evidence",  # Evidence, stored_ratings: rules that compare a rating with data
    "portfolio.files",  # write_output
    "portfolio.importers.csvfile",  # read_csv, CsvTable, open_csv, CsvStream
    "portfolio.models",  # Program, Project (for foreign keys), NAMING_CONVENTION
    "portfolio.parsing",  # parse_decimal, parse_int, parse_date
    "portfolio.period",  # Period, PeriodError
    "portfolio.report.blocks",  # the neutral report blocks
    "portfolio.report.kpi",  # kpi(): a key figure with its trend against last month, dead bands
    "portfolio.report.sections",  # SectionSpec, SectionContext, text_blocks
    "portfolio.round_items",  # RoundItem, for portfolio_round_items
    "portfolio.services.lookup",  # get_project, get_program, get_subject
    "portfolio.services.periods",  # ensure_open, is_closed
    "portfolio.services.stored_settings",  # store_settings: a plugin's settings kept in the database
    "portfolio.services.texts",  # save_text: a month's free text, removed when empty
    "portfolio.testing",  # pytest fixtures, ok, fails
)

# Also allowed in a plugin's tests: loading plugins and comparing its models with its migrations.
TEST_MODULES: tuple[str, ...] = (
    "portfolio.cli",  # build_cli
    "portfolio.database",  # make_engine
    "portfolio.plugins",  # load_plugins
    "portfolio.report.i18n",  # read_catalog, to check a plugin's catalogs
    "portfolio.schema",  # full_metadata
)
