"""Plugin sheets: a plugin's part of the month's status template, written and read back with it.

A plugin that collects something per project every month (the milestones plugin: each open
milestone's new forecast) returns a :class:`StatusSheet` from ``portfolio_status_sheets``. The
template then carries it: in the XLSX form as a sheet of its own after ``Statuses``, in the CSV
form (one table a file) as a second file beside the statuses, named ``<file>.<key>.csv``. Either
starts with ``#`` lines like the template's own::

    # portfolio status sheet: milestones - fill in ...
    # period: 2024-02
    # projects: IAM2 NAC RAF

``portfolio status import`` reads the sheets back (a CSV sheet file given with the statuses, or
found beside them) and hands each to the plugin that wrote it, in the same transaction as the
statuses: a problem in any sheet refuses every file, and nothing is written. Which plugin reads
a sheet is decided by its key, so a sheet whose plugin is not installed is refused, not lost.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from portfolio.errors import ImportFileError, PortfolioError
from portfolio.period import Period, PeriodError
from portfolio.safe_text import csv_value, put_cell_text

if TYPE_CHECKING:
    from sqlmodel import Session

    from portfolio.config import Settings
    from portfolio.plugin_host import PluginHost

SHEET_MARKER = "# portfolio status sheet:"
STATUS_SHEET = "Statuses"  # the template's own sheet (status_template.SHEET)
_KEY = re.compile(r"^[a-z][a-z0-9-]{0,31}$")
_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")  # what Excel refuses in a sheet's name
HOOK = "portfolio_status_sheets"


@dataclass(frozen=True)
class SheetContext:
    """What a sheet's ``rows`` and ``store`` functions get: the session (the template's read
    session, or the import's one transaction), the month, the projects and programs of the file
    (``codes``: the template's scope; None when a file does not say), the settings and the user."""

    session: Session
    period: Period
    codes: tuple[str, ...] | None
    settings: Settings
    user: str


@dataclass(frozen=True)
class SheetRows:
    """A plugin sheet as read back: where it came from (``source`` names the file and, in a
    workbook, the sheet), its header and its rows as (row or line number, values by column),
    every value text as typed (a date cell as ISO ``2024-03-15``)."""

    key: str
    source: str
    header: tuple[str, ...]
    rows: tuple[tuple[int, dict[str, str]], ...]


@dataclass(frozen=True)
class SheetResult:
    """What storing a sheet gave: how many rows were stored, one line for the import's output
    (``summary``, e.g. "3 forecasts, 1 reached"), and the ``problems`` that refuse the whole import,
    each naming row, column and value ("row 5, column forecast: '2024-02-30' is not a date")."""

    stored: int = 0
    summary: str = ""
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class StatusSheet:
    """A plugin's part of the monthly status template (``portfolio_status_sheets``).

    ``key`` names it in the file (lower-case letters, digits and '-'); ``title`` is its sheet's
    name in the workbook; ``columns`` its header; ``editable`` the columns a manager fills in (the
    others are locked in the workbook); ``guidance`` one line saying what to fill in.
    ``rows(ctx)`` returns the prefilled rows for ``ctx.codes`` in ``ctx.period``, one sequence of
    values (text, a date, a number or None) per row in the order of ``columns``; a file without
    rows leaves the sheet out. ``store(ctx, sheet)`` checks every row of a sheet read back, stores
    them in ``ctx.session`` when all are right, and returns a :class:`SheetResult`; it reports bad
    input as ``problems`` rather than raising (an exception is the plugin's failure, and refuses
    the import naming the plugin).
    """

    key: str
    title: str
    columns: tuple[str, ...]
    editable: tuple[str, ...]
    rows: Callable[[SheetContext], Sequence[Sequence[Any]]]
    store: Callable[[SheetContext, SheetRows], SheetResult]
    guidance: str = ""

    def __post_init__(self) -> None:
        if not _KEY.match(self.key):
            raise ValueError(f"status sheet key '{self.key}' must be 1-32 lower-case letters, digits or '-'")
        if not self.title or len(self.title) > 31 or _TITLE_FORBIDDEN.search(self.title):
            raise ValueError(f"status sheet title '{self.title}' must be 1-31 characters without []:*?/\\")
        if self.title.lower() == STATUS_SHEET.lower():
            raise ValueError(f"status sheet title '{self.title}' is the template's own sheet")
        unknown = [name for name in self.editable if name not in self.columns]
        if unknown:
            raise ValueError(f"status sheet '{self.key}': editable column '{unknown[0]}' is not one of its columns")


@dataclass(frozen=True)
class FilledSheet:
    """A plugin sheet ready to write: its ``#`` lines and its rows as text."""

    sheet: StatusSheet
    lines: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass
class LoadedSheet:
    """A plugin sheet read from a file, with the month and projects its ``#`` lines name."""

    rows: SheetRows
    period: Period | None = None
    codes: tuple[str, ...] | None = None
    problems: list[str] = field(default_factory=list)


# ------------------------------------------------------------------------------ the plugins' sheets


def registered_sheets(host: PluginHost) -> dict[str, tuple[str, StatusSheet]]:
    """Every plugin's sheets by key (in the order of their keys), with the plugin that gave each;
    a key given twice keeps the first in pluggy's call order and names the other in a warning."""
    from portfolio.plugin_host import as_list

    found: dict[str, tuple[str, StatusSheet]] = {}
    for plugin, result in host.call(HOOK, expect=StatusSheet):
        for sheet in as_list(result):
            if sheet.key in found:
                host.warn(f"plugin '{plugin}' gave status sheet '{sheet.key}', which '{found[sheet.key][0]}' gives")
                continue
            found[sheet.key] = (plugin, sheet)
    return dict(sorted(found.items()))  # written in the order of their keys, not of registration


def fill_sheets(host: PluginHost, ctx: SheetContext) -> list[FilledSheet]:
    """Each plugin's sheet for the file's projects, those with rows; a plugin whose ``rows``
    fails is named in a warning and its sheet left out."""
    from portfolio.database import savepoint_per_plugin

    filled: list[FilledSheet] = []
    for key, (plugin, sheet) in registered_sheets(host).items():
        attempt = host.call_one(
            plugin, f"status sheet '{key}'", _text_rows, sheet, ctx, isolate=savepoint_per_plugin(ctx.session)
        )
        if attempt.value:
            filled.append(FilledSheet(sheet, tuple(sheet_lines(sheet, ctx.period, ctx.codes or ())), attempt.value))
    return filled


def _text_rows(sheet: StatusSheet, ctx: SheetContext) -> tuple[tuple[str, ...], ...]:
    rows = []
    for row in sheet.rows(ctx):
        if len(row) != len(sheet.columns):
            raise ValueError(f"a row of {len(row)} values for the {len(sheet.columns)} columns of '{sheet.key}'")
        rows.append(tuple(_cell(value) for value in row))
    return tuple(rows)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def sheet_lines(sheet: StatusSheet, period: Period, codes: Sequence[str]) -> list[str]:
    """The ``#`` lines on top of a plugin sheet; like the template's, one cell each."""
    guidance = (sheet.guidance or f"fill in {', '.join(sheet.editable)}").replace(",", " ").replace(";", " ")
    return [
        f"{SHEET_MARKER} {sheet.key} - {guidance} - then send it back with the statuses",
        f"# period: {period}",
        f"# projects: {' '.join(codes)}",
        "# Keep the lines starting with # and the columns as they are.",
    ]


# ------------------------------------------------------------------------------ writing


def companion_path(path: Path, key: str) -> Path:
    """The CSV file a plugin sheet is written to beside the statuses' ``path``."""
    return path.with_name(f"{path.stem}.{key}.csv")


def sheet_csv(filled: FilledSheet) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for line in filled.lines:
        writer.writerow([csv_value(line)])
    writer.writerow(filled.sheet.columns)
    for row in filled.rows:
        writer.writerow([csv_value(cell) for cell in row])
    return buffer.getvalue()


def add_xlsx_sheets(book: Any, sheets: Sequence[FilledSheet]) -> None:
    """Each plugin sheet as a protected sheet of ``book`` (an openpyxl workbook), after the statuses."""
    from openpyxl.styles import Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter

    fill = PatternFill("solid", fgColor="FFF8DC")
    for filled in sheets:
        sheet = book.create_sheet(filled.sheet.title)
        for line in filled.lines:
            sheet.append([None])
            put_cell_text(sheet.cell(sheet.max_row, 1), line)
            sheet.cell(sheet.max_row, 1).font = Font(italic=True, color="555555")
        names = filled.sheet.columns
        sheet.append(list(names))
        header_row = sheet.max_row
        for index in range(1, len(names) + 1):
            sheet.cell(header_row, index).font = Font(bold=True)
        for row in filled.rows:
            number = sheet.max_row + 1
            for index, value in enumerate(row, start=1):
                put_cell_text(sheet.cell(number, index), value)
        editable = {names.index(name) + 1 for name in filled.sheet.editable}
        for column in editable:
            for number in range(header_row + 1, sheet.max_row + 1):
                cell = sheet.cell(number, column)
                cell.protection = Protection(locked=False)
                cell.fill = fill
                cell.number_format = "@"  # a date typed stays the text typed: 2024-03-15, not a serial number
        for index, name in enumerate(names, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = 36 if name == "name" else 14
        sheet.freeze_panes = sheet.cell(header_row + 1, 1)
        sheet.protection.sheet = True
        sheet.protection.formatColumns = False
        sheet.protection.formatRows = False


# ------------------------------------------------------------------------------ reading


def _marker_key(text: str) -> str | None:
    """The key a ``# portfolio status sheet: KEY - ...`` line names, or None for another line."""
    text = text.strip().lstrip('"')
    if not text.lower().startswith(SHEET_MARKER):
        return None
    return text[len(SHEET_MARKER) :].strip().split(" ", 1)[0].strip().lower() or None


def is_sheet_file(path: Path) -> bool:
    """Whether ``path`` is a plugin sheet's CSV file (its first line says so), not a status file."""
    if path.suffix.lower() != ".csv":
        return False
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            first = handle.readline(4096)
    except (OSError, UnicodeDecodeError):
        return False  # the status import names what is wrong with it
    return _marker_key(first) is not None


def _header_values(source: str, comments: Sequence[tuple[int, str]], problems: list[str]) -> tuple[Any, Any]:
    period: Period | None = None
    codes: tuple[str, ...] | None = None
    for line, text in comments:
        key, colon, value = text.strip().lstrip('"').lstrip("#").partition(":")
        key = key.strip().lower()
        if colon and key == "period":
            try:
                period = Period.parse(value.strip())
            except PeriodError as exc:
                problems.append(f"{source}: line {line}, '# period:': {exc}")
        elif colon and key == "projects":
            codes = tuple(code for code in value.replace(",", " ").split() if code)
    return period, codes


def read_sheet_file(path: Path) -> LoadedSheet:
    """A plugin sheet's CSV file, read whole (a sheet has a row per milestone, not per ledger line)."""
    from portfolio.importers.csvfile import open_csv

    stream = open_csv(path, comment="#")
    rows = tuple(stream.rows)
    key = next((k for _, text in stream.comments if (k := _marker_key(text))), "")
    problems: list[str] = []
    period, codes = _header_values(stream.source, stream.comments, problems)
    header = tuple(name.strip().lower() for name in stream.header)
    loaded = LoadedSheet(SheetRows(key, stream.source, header, _lowered(rows)), period, codes, problems)
    return loaded


def _lowered(rows: Sequence[tuple[int, dict[str, str]]]) -> tuple[tuple[int, dict[str, str]], ...]:
    return tuple((number, {name.strip().lower(): value for name, value in values.items()}) for number, values in rows)


def read_xlsx_sheets(path: Path) -> list[LoadedSheet]:
    """The plugin sheets of a status workbook: every sheet whose first cell is a sheet's marker line."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # the status import has named what is wrong with the file
        return []
    found: list[LoadedSheet] = []
    try:
        for worksheet in book.worksheets:
            if worksheet.title == STATUS_SHEET:
                continue
            comments: list[tuple[int, str]] = []
            header: list[str] = []
            rows: list[tuple[int, dict[str, str]]] = []
            source = f"{path}, sheet {worksheet.title}"
            problems: list[str] = []
            for number, row in enumerate(worksheet.iter_rows(values_only=True), start=1):
                cells = [_text(value) for value in row]
                if cells and cells[0].startswith("#"):
                    if not header:
                        comments.append((number, cells[0]))
                    continue
                if not any(cells):
                    continue
                if not header:
                    header = [cell.strip().lower() for cell in cells]
                    while header and not header[-1]:
                        header.pop()
                    continue
                extra = [value for value in cells[len(header) :] if value]
                if extra:
                    problems.append(f"row {number} has a value beyond the last column ('{extra[0]}')")
                padded = [*cells[: len(header)], *[""] * max(0, len(header) - len(cells))]
                rows.append((number, dict(zip(header, padded, strict=True))))
            key = next((k for _, text in comments[:1] if (k := _marker_key(text))), None)
            if key is None:
                continue  # a sheet the manager added: not the template's
            period, codes = _header_values(source, comments, problems)
            found.append(LoadedSheet(SheetRows(key, source, tuple(header), tuple(rows)), period, codes, problems))
    finally:
        book.close()
    return found


def _text(value: Any) -> str:
    """A cell as text: whole numbers without '.0', a date cell as ISO (as the status sheet reads them)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value).strip()


def sheets_beside(paths: Sequence[Path], keys: Sequence[str]) -> list[Path]:
    """The plugin sheets' CSV files beside the status CSV files ``paths`` that were not given
    themselves: importing ``round/*.csv`` or only the statuses' file reads its sheets alike."""
    given = {path.resolve() for path in paths}
    found: list[Path] = []
    for path in paths:
        if path.suffix.lower() in (".xlsx", ".xlsm") or is_sheet_file(path):
            continue  # a workbook holds its sheets itself
        for key in keys:
            beside = companion_path(path, key)
            if beside.is_file() and beside.resolve() not in given and is_sheet_file(beside):
                given.add(beside.resolve())
                found.append(beside)
    return found


def plugin_sheets(
    host: PluginHost, paths: Sequence[Path]
) -> tuple[list[Path], list[LoadedSheet], dict[str, tuple[str, StatusSheet]]]:
    """The status files among ``paths``, and every plugin sheet read with them: CSV sheet files
    given or found beside a status file, and the sheets of each status workbook."""
    registered = registered_sheets(host)
    sheet_files = [path for path in paths if is_sheet_file(path)]
    status_files = [path for path in paths if path not in sheet_files]
    loaded = [read_sheet_file(path) for path in [*sheet_files, *sheets_beside(paths, list(registered))]]
    for path in status_files:
        if path.suffix.lower() in (".xlsx", ".xlsm") and path.is_file():
            loaded += read_xlsx_sheets(path)
    return status_files, loaded, registered


# ------------------------------------------------------------------------------ storing


def store_sheets(
    host: PluginHost,
    session: Session,
    month: Period,
    loaded: Sequence[LoadedSheet],
    *,
    settings: Settings,
    user: str,
    registered: dict[str, tuple[str, StatusSheet]] | None = None,
) -> list[tuple[SheetRows, SheetResult]]:
    """Hand each sheet to the plugin that wrote it, in ``session``'s transaction; every problem of
    every sheet refuses them all (the caller's transaction is rolled back). A plugin that fails
    refuses the import too, named in one line: its sheet is the manager's work, not to be lost."""
    from portfolio.database import savepoint_per_plugin
    from portfolio.services.reporting_months import ensure_open

    if not loaded:
        return []
    ensure_open(session, month)
    if registered is None:
        registered = registered_sheets(host)
    problems: list[str] = []
    results: list[tuple[SheetRows, SheetResult]] = []
    for item in loaded:
        source = item.rows.source
        if item.problems:
            problems.append(_refusal(source, item.problems))
            continue
        if item.period is not None and item.period != month:
            problems.append(f"{source} is for {item.period}, not {month}; send the manager the {month} template")
            continue
        if item.rows.key not in registered:
            known = ", ".join(sorted(registered)) or "none"
            problems.append(
                f"{source}: no installed plugin reads the sheet '{item.rows.key}' (sheets read: {known}); "
                "install its plugin, or leave the file out"
            )
            continue
        plugin, sheet = registered[item.rows.key]
        ctx = SheetContext(session, month, item.codes, settings, user)
        with host.strict_mode():  # a plugin that breaks refuses the import: nothing half-stored
            attempt = host.call_one(
                plugin,
                f"status sheet '{sheet.key}'",
                sheet.store,
                ctx,
                item.rows,
                isolate=savepoint_per_plugin(session),
            )
        result = attempt.value
        if not isinstance(result, SheetResult):
            raise PortfolioError(
                f"plugin '{plugin}' returned {type(result).__name__} from its status sheet '{sheet.key}', "
                "not a SheetResult; nothing was written"
            )
        if result.problems:
            problems.append(_refusal(source, list(result.problems)))
        results.append((item.rows, result))
    if problems:
        raise PortfolioError("\n".join(problems))
    return results


def sheets_month(loaded: Sequence[LoadedSheet], period: Period | None) -> Period:
    """The month of an import of plugin sheets alone: ``--period``, else the one their lines name."""
    if period is not None:
        return period
    months = sorted({item.period for item in loaded if item.period is not None})
    if len(months) != 1:
        named = ", ".join(str(month) for month in months) or "none"
        raise PortfolioError(f"the sheets do not name one month ({named}); give --period YYYY-MM")
    return months[0]


def _refusal(source: str, problems: list[str]) -> str:
    """One line for one problem; a list under the file's name for more."""
    if len(problems) == 1:
        return f"{source}: {problems[0]}; nothing was written"
    return str(ImportFileError(source, problems))
