"""The public API for plugin authors: everything a plugin may import from portfolio, in one place.

A plugin imports only from here (its tests also from ``portfolio.testing``); every other module
of the package is internal and may change in any release. Within a major version the names
below are neither removed nor changed incompatibly (docs/plugins.md, "The public API and its
promise"); a test fails when one of the section plugins imports anything else.

Names are loaded on first use, so a plugin that imports a few of them at the top of its module
does not slow down every command: ``from portfolio.api import Period`` loads the month type
and nothing else.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from portfolio import hookimpl
    from portfolio.audit import record_rows
    from portfolio.bulk import chunks, insert_rows
    from portfolio.cli.month_text import Listing, set_text_command, show_text_command
    from portfolio.cli.output import emit, emit_record, format_option, is_tty
    from portfolio.cli.params import (
        BEGUN_PERIOD,
        CODE,
        DATE,
        EXPECT_VERSION,
        MANAGER,
        PERIOD,
        PROGRAM_CODE,
        PROJECT_CODE,
        RATING,
        SCALE,
        dry_run_option,
        preview_session,
        profile_options,
    )
    from portfolio.cli.root import pass_app
    from portfolio.cli.shown import echo_rendered
    from portfolio.cli.textinput import read_text
    from portfolio.config import LANGUAGES, Dimension, Settings
    from portfolio.context import AppContext
    from portfolio.database import streamed
    from portfolio.dated_rows import PREVIOUS_YEAR, DatedRows, dated_rows
    from portfolio.dead_band import DeadBand
    from portfolio.errors import ClosedPeriodError, ConflictError, ImportFileError, NotFoundError, PortfolioError
    from portfolio.evidence import Evidence, stored_ratings
    from portfolio.files import write_output
    from portfolio.findings import Finding
    from portfolio.hookspecs import CommandGroup, Example
    from portfolio.import_profile import ImportProfile, column_key, label_key
    from portfolio.importers.csvfile import (
        CsvStream,
        CsvTable,
        check_header_width,
        open_csv,
        open_csv_lists,
        read_csv,
    )
    from portfolio.importers.preview import Preview
    from portfolio.importers.profiles import (
        ColumnMap,
        ProfiledCsv,
        keyed_table,
        map_columns,
        open_profiled_csv,
        read_profiled_csv,
        resolve_profile,
    )
    from portfolio.importers.status_sheets import SheetContext, SheetResult, SheetRows, StatusSheet
    from portfolio.models import NAMING_CONVENTION, PERIOD_LENGTH, Program, Project, ReportingPeriod
    from portfolio.parsing import (
        Conventions,
        parse_date,
        parse_datetime,
        parse_decimal,
        parse_int,
        parse_month,
        scaled_int,
        scaled_int_reader,
    )
    from portfolio.period import Period, PeriodError
    from portfolio.read_once import read_once
    from portfolio.report.blocks import (
        Block,
        BulletList,
        Column,
        ColumnGroup,
        Figure,
        Heading,
        KeyFigure,
        KeyFigures,
        Note,
        Paragraph,
        Row,
        Run,
        Series,
        Table,
    )
    from portfolio.report.evidence_note import evidence_items
    from portfolio.report.kpi import Good, kpi
    from portfolio.report.sections import SectionContext, SectionSpec, text_blocks
    from portfolio.round_items import RoundItem
    from portfolio.safe_text import shown_data
    from portfolio.services.lookup import get_program, get_project, get_subject, suggestion
    from portfolio.services.month_texts import TextKind
    from portfolio.services.reporting_months import (
        ensure_open,
        ensure_open_for_dates,
        ensure_open_on,
        is_closed,
        is_closed_on,
        reopen_hint,
    )
    from portfolio.services.texts import save_text
    from portfolio.stored_settings import remove_settings, store_settings

# name -> the internal module it lives in; the one table both the lazy loading and the docs use.
_HOME: dict[str, str] = {
    # the plugin contract
    "hookimpl": "portfolio",
    "AppContext": "portfolio.context",
    "Settings": "portfolio.config",
    "Dimension": "portfolio.config",
    "LANGUAGES": "portfolio.config",
    # months and errors
    "Period": "portfolio.period",
    "PeriodError": "portfolio.period",
    "PortfolioError": "portfolio.errors",
    "NotFoundError": "portfolio.errors",
    "ConflictError": "portfolio.errors",
    "ClosedPeriodError": "portfolio.errors",
    "ImportFileError": "portfolio.errors",
    # checks, the round and evidence
    "Finding": "portfolio.findings",
    "RoundItem": "portfolio.round_items",
    "Evidence": "portfolio.evidence",
    "stored_ratings": "portfolio.evidence",
    "evidence_items": "portfolio.report.evidence_note",
    # report sections and their neutral blocks
    "SectionSpec": "portfolio.report.sections",
    "SectionContext": "portfolio.report.sections",
    "text_blocks": "portfolio.report.sections",
    "kpi": "portfolio.report.kpi",
    "Good": "portfolio.report.kpi",
    "DeadBand": "portfolio.dead_band",
    "DatedRows": "portfolio.dated_rows",
    "dated_rows": "portfolio.dated_rows",
    "PREVIOUS_YEAR": "portfolio.dated_rows",
    "Block": "portfolio.report.blocks",
    "Run": "portfolio.report.blocks",
    "Heading": "portfolio.report.blocks",
    "Paragraph": "portfolio.report.blocks",
    "BulletList": "portfolio.report.blocks",
    "KeyFigure": "portfolio.report.blocks",
    "KeyFigures": "portfolio.report.blocks",
    "Column": "portfolio.report.blocks",
    "ColumnGroup": "portfolio.report.blocks",
    "Row": "portfolio.report.blocks",
    "Table": "portfolio.report.blocks",
    "Series": "portfolio.report.blocks",
    "Figure": "portfolio.report.blocks",
    "Note": "portfolio.report.blocks",
    # the core's data
    "Program": "portfolio.models",
    "Project": "portfolio.models",
    "ReportingPeriod": "portfolio.models",
    "PERIOD_LENGTH": "portfolio.models",
    "NAMING_CONVENTION": "portfolio.models",
    "get_project": "portfolio.services.lookup",
    "get_program": "portfolio.services.lookup",
    "get_subject": "portfolio.services.lookup",
    "suggestion": "portfolio.services.lookup",
    "ensure_open": "portfolio.services.reporting_months",
    "is_closed": "portfolio.services.reporting_months",
    "ensure_open_on": "portfolio.services.reporting_months",
    "is_closed_on": "portfolio.services.reporting_months",
    "ensure_open_for_dates": "portfolio.services.reporting_months",
    "reopen_hint": "portfolio.services.reporting_months",
    "save_text": "portfolio.services.texts",
    "store_settings": "portfolio.stored_settings",
    "remove_settings": "portfolio.stored_settings",
    "TextKind": "portfolio.services.month_texts",
    "insert_rows": "portfolio.bulk",
    "record_rows": "portfolio.audit",
    "chunks": "portfolio.bulk",
    "streamed": "portfolio.database",
    "read_once": "portfolio.read_once",
    # reading import files
    "read_csv": "portfolio.importers.csvfile",
    "open_csv": "portfolio.importers.csvfile",
    "open_csv_lists": "portfolio.importers.csvfile",
    "check_header_width": "portfolio.importers.csvfile",
    "CsvTable": "portfolio.importers.csvfile",
    "CsvStream": "portfolio.importers.csvfile",
    "parse_decimal": "portfolio.parsing",
    "parse_int": "portfolio.parsing",
    "parse_date": "portfolio.parsing",
    "parse_datetime": "portfolio.parsing",
    "parse_month": "portfolio.parsing",
    "Conventions": "portfolio.parsing",
    "scaled_int": "portfolio.parsing",
    "scaled_int_reader": "portfolio.parsing",
    # import profiles: an export's columns and conventions, one implementation for every import
    "ImportProfile": "portfolio.import_profile",
    "column_key": "portfolio.import_profile",
    "label_key": "portfolio.import_profile",
    "resolve_profile": "portfolio.importers.profiles",
    "map_columns": "portfolio.importers.profiles",
    "ColumnMap": "portfolio.importers.profiles",
    "open_profiled_csv": "portfolio.importers.profiles",
    "ProfiledCsv": "portfolio.importers.profiles",
    "read_profiled_csv": "portfolio.importers.profiles",
    "keyed_table": "portfolio.importers.profiles",
    "profile_options": "portfolio.cli.params",
    # a plugin's part of the monthly status template (portfolio_status_sheets)
    "StatusSheet": "portfolio.importers.status_sheets",
    "SheetContext": "portfolio.importers.status_sheets",
    "SheetRows": "portfolio.importers.status_sheets",
    "SheetResult": "portfolio.importers.status_sheets",
    # what an import will store, shown before it is stored; --dry-run stops there
    "Preview": "portfolio.importers.preview",
    "dry_run_option": "portfolio.cli.params",
    "preview_session": "portfolio.cli.params",
    # commands
    "CommandGroup": "portfolio.hookspecs",
    "Example": "portfolio.hookspecs",
    "pass_app": "portfolio.cli.root",
    "PERIOD": "portfolio.cli.params",
    "BEGUN_PERIOD": "portfolio.cli.params",
    "DATE": "portfolio.cli.params",
    "RATING": "portfolio.cli.params",
    "SCALE": "portfolio.cli.params",
    "EXPECT_VERSION": "portfolio.cli.params",
    "CODE": "portfolio.cli.params",
    "PROJECT_CODE": "portfolio.cli.params",
    "PROGRAM_CODE": "portfolio.cli.params",
    "MANAGER": "portfolio.cli.params",
    "emit": "portfolio.cli.output",
    "emit_record": "portfolio.cli.output",
    "format_option": "portfolio.cli.output",
    "is_tty": "portfolio.cli.output",
    "echo_rendered": "portfolio.cli.shown",
    "shown_data": "portfolio.safe_text",
    "read_text": "portfolio.cli.textinput",
    "set_text_command": "portfolio.cli.month_text",
    "show_text_command": "portfolio.cli.month_text",
    "Listing": "portfolio.cli.month_text",
    "write_output": "portfolio.files",
}

__all__ = sorted(_HOME)


def __getattr__(name: str) -> Any:
    """Load a public name from its module on first use (PEP 562)."""
    try:
        module = _HOME[name]
    except KeyError:
        raise AttributeError(f"portfolio.api has no name {name!r}; see docs/plugins.md for what it offers") from None
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
