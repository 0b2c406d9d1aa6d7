"""The status template a project manager fills in: CSV or XLSX, written and read back.

A template is an ordinary status import file (docs/status-import.md) with a few lines on top
whose first cell starts with ``#``. Three of them say what the file is for::

    # period: 2024-02
    # scope: manager Kari Nordmann
    # projects: IAM2 NAC RAF

The import refuses the file for another month, or with a row for a project that is not in
``projects``. The lines are single cells of text, so a spreadsheet keeps them as they are (a
period in a cell of its own would become a date), and the import ignores the empty cells a
spreadsheet adds to them when it saves. In the XLSX form the rating cells offer a list
(green, yellow, red, na), and the sheet is protected except for the cells to fill in.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from portfolio.config import Dimension
from portfolio.errors import PortfolioError
from portfolio.importers.csvfile import checked_table, open_csv
from portfolio.importers.status_sheets import FilledSheet, add_xlsx_sheets
from portfolio.period import Period, PeriodError
from portfolio.ratings import RecoveryAction
from portfolio.safe_text import csv_value, put_cell_text

MARKER = "# portfolio status template"
PERIOD_KEY = "period"
SCOPE_KEY = "scope"
PROJECTS_KEY = "projects"
RATING_WORDS = ("green", "yellow", "red", "na")
FORMATS = ("csv", "xlsx")
SHEET = "Statuses"


@dataclass(frozen=True)
class TemplateHeader:
    """What the ``#`` lines of a file say; each is None when the file has no such line."""

    period: Period | None = None
    scope: str | None = None
    codes: tuple[str, ...] | None = None
    is_template: bool = False


@dataclass(frozen=True)
class TemplateRow:
    """One project's or program's row: last ratings and recovery actions prefilled, comments to fill in."""

    code: str
    name: str
    manager: str | None
    version: int
    ratings: dict[str, str]
    comments: dict[str, str]
    comment: str | None
    actions: dict[str, RecoveryAction] = field(default_factory=dict)


ACTION_COLUMNS = ("_action", "_action_owner", "_action_due")  # what, owner, due date (YYYY-MM-DD)


def columns(dimensions: Sequence[Dimension]) -> list[str]:
    """Code and name first, each rating beside its comment, then each one's recovery action (what,
    owner, due), the overall comment, then the version."""
    names = ["code", "name", "manager"]
    for dimension in dimensions:
        names += [dimension.key, f"{dimension.key}_comment"]
    for dimension in dimensions:
        names += [f"{dimension.key}{end}" for end in ACTION_COLUMNS]
    return [*names, "comment", "version"]


def header_lines(
    period: Period, scope: str, codes: Sequence[str], dimensions: Sequence[Dimension], *, prefilled: bool = True
) -> list[str]:
    """The ``#`` lines on top; no commas or semicolons, so each stays one cell in a spreadsheet.

    ``prefilled``: some row carries ratings reported before; when none does, the file says so
    instead of promising ratings to check.
    """
    keys = " ".join(d.key for d in dimensions)
    words = "/".join(RATING_WORDS)
    guidance = (
        f"# The ratings ({keys}) are the last ones reported: change what has changed. "
        if prefilled
        else f"# No ratings have been reported yet: fill in every rating ({keys}). "
    )
    return [
        f"{MARKER} - fill in a rating ({words}) and a comment where needed - then send it back",
        f"# {PERIOD_KEY}: {period}",
        f"# {SCOPE_KEY}: {scope.replace(',', ' ').replace(';', ' ')}",
        f"# {PROJECTS_KEY}: {' '.join(codes)}",
        guidance + "Keep the lines starting with # and the code and version columns as they are. "
        "A yellow or red rating needs a recovery action: what to do (KEY_action) and who (KEY_action_owner) "
        "by when (KEY_action_due as YYYY-MM-DD).",
    ]


def _cells(row: TemplateRow, dimensions: Sequence[Dimension]) -> list[Any]:
    cells: list[Any] = [row.code, row.name, row.manager or ""]
    for dimension in dimensions:
        cells += [row.ratings.get(dimension.key, ""), row.comments.get(dimension.key, "")]
    for dimension in dimensions:
        action = row.actions.get(dimension.key)
        cells += [action.what, action.owner, action.due.isoformat()] if action else ["", "", ""]
    return [*cells, row.comment or "", row.version]


def template_csv(lines: Sequence[str], rows: Sequence[TemplateRow], dimensions: Sequence[Dimension]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for line in lines:
        writer.writerow([csv_value(line)])
    writer.writerow(columns(dimensions))
    for row in rows:
        writer.writerow([csv_value(cell) for cell in _cells(row, dimensions)])
    return buffer.getvalue()


def template_xlsx(
    lines: Sequence[str],
    rows: Sequence[TemplateRow],
    dimensions: Sequence[Dimension],
    sheets: Sequence[FilledSheet] = (),
) -> bytes:
    """The same table in a workbook: rating cells with a drop-down list, all else locked; the
    plugins' ``sheets`` after it (status_sheets)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    for line in lines:
        sheet.append([None])
        put_cell_text(sheet.cell(sheet.max_row, 1), line)
        sheet.cell(sheet.max_row, 1).font = Font(italic=True, color="555555")
    names = columns(dimensions)
    sheet.append(names)
    header_row = sheet.max_row
    for index in range(1, len(names) + 1):
        sheet.cell(header_row, index).font = Font(bold=True)
    for row in rows:
        number = sheet.max_row + 1
        for index, value in enumerate(_cells(row, dimensions), start=1):
            if isinstance(value, str):
                put_cell_text(sheet.cell(number, index), value)
            else:
                sheet.cell(number, index).value = value
    last = sheet.max_row
    editable = {names.index(d.key) + 1 for d in dimensions}
    editable |= {names.index(f"{d.key}_comment") + 1 for d in dimensions} | {names.index("comment") + 1}
    editable |= {names.index(f"{d.key}{end}") + 1 for d in dimensions for end in ACTION_COLUMNS}
    fill = PatternFill("solid", fgColor="FFF8DC")
    for column in editable:
        for number in range(header_row + 1, last + 1):
            cell = sheet.cell(number, column)
            cell.protection = Protection(locked=False)
            cell.fill = fill
            cell.number_format = "@"  # text: nothing typed here turns into a date or a number
    ratings = DataValidation(type="list", formula1=f'"{",".join(RATING_WORDS)}"', allow_blank=False)
    ratings.error = f"Use {', '.join(RATING_WORDS)}"
    ratings.showErrorMessage = True
    sheet.add_data_validation(ratings)
    if rows:
        for dimension in dimensions:
            letter = get_column_letter(names.index(dimension.key) + 1)
            ratings.add(f"{letter}{header_row + 1}:{letter}{last}")
    for index, name in enumerate(names, start=1):
        wide = name.endswith(("comment", "_action")) or name == "name"
        sheet.column_dimensions[get_column_letter(index)].width = 40 if wide else 12
    sheet.freeze_panes = sheet.cell(header_row + 1, 2)
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False  # widening a column is allowed
    sheet.protection.formatRows = False
    add_xlsx_sheets(book, sheets)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def file_format(path: Path) -> str:
    suffix = path.suffix.lower().lstrip(".")
    return "xlsx" if suffix in ("xlsx", "xlsm") else "csv"


@dataclass(frozen=True)
class StatusFile:
    """A status file opened for import: its header and ``#`` lines at once, its rows as they are read.

    Only the row in hand is held, so a file of any length imports in the same memory. The ``#``
    lines that say what the file is for are those above the header row, where a template has them.
    """

    source: str
    header: list[str]
    rows: Iterator[tuple[int, dict[str, str]]]  # (line or sheet row, values by column)
    template: TemplateHeader


def open_status_file(path: Path) -> StatusFile:
    """A CSV or XLSX status file, its rows to be read once."""
    if file_format(path) == "xlsx":
        source, header, rows, comments = _open_xlsx(path)
    else:
        stream = open_csv(path, comment="#")
        source, header, rows, comments = stream.source, stream.header, stream.rows, list(stream.comments)
    return StatusFile(source, header, rows, parse_header(source, comments))


def parse_header(source: str, comments: Sequence[tuple[int, str]]) -> TemplateHeader:
    """Read ``# key: value`` lines; a template (its first line says so) must have all three."""
    values: dict[str, tuple[int, str]] = {}
    is_template = False
    for line, text in comments:
        if text.lower().startswith(MARKER):
            is_template = True
            continue
        key, colon, value = text.lstrip("#").partition(":")
        key = key.strip().lower()
        if colon and key in (PERIOD_KEY, SCOPE_KEY, PROJECTS_KEY):
            values[key] = (line, value.strip())
    period = None
    if PERIOD_KEY in values:
        line, text = values[PERIOD_KEY]
        try:
            period = Period.parse(text)
        except PeriodError as exc:
            raise PortfolioError(f"{source}: line {line}, '# period:': {exc}") from None
    codes = None
    if PROJECTS_KEY in values:
        codes = tuple(code for code in values[PROJECTS_KEY][1].replace(",", " ").split() if code)
    if is_template:
        lost = [f"'# {key}:'" for key in (PERIOD_KEY, PROJECTS_KEY) if key not in values]
        if lost:
            raise PortfolioError(
                f"{source}: the template's {' and '.join(lost)} line is missing; "
                "put it back, or make a new template with 'portfolio status template'"
            )
    scope = values[SCOPE_KEY][1] if SCOPE_KEY in values else None
    return TemplateHeader(period, scope, codes, is_template)


def _open_xlsx(path: Path) -> tuple[str, list[str], Iterator[tuple[int, dict[str, str]]], list[tuple[int, str]]]:
    """The first sheet (or ``Statuses``): its header and ``#`` rows, then its rows as they are read.

    Row numbers stand for line numbers. The workbook stays open while the rows are read.
    """
    source = str(path)
    try:
        from openpyxl import load_workbook
    except ImportError:  # pragma: no cover - openpyxl is a dependency
        raise PortfolioError(f"cannot read {source}: openpyxl is not installed") from None
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except OSError as exc:
        raise PortfolioError(f"cannot read {source}: {exc.strerror or exc}") from None
    except Exception as exc:  # zipfile.BadZipFile, KeyError, InvalidFileException: not a workbook
        raise PortfolioError(f"{source} is not an XLSX workbook ({type(exc).__name__}); save it as .xlsx") from None
    comments: list[tuple[int, str]] = []
    header: list[str] = []
    try:
        sheet = book[SHEET] if SHEET in book.sheetnames else book.worksheets[0]
        grid = enumerate(sheet.iter_rows(values_only=True), start=1)
        for number, row in grid:
            cells = [_text(value) for value in row]
            if cells and cells[0].startswith("#"):
                comments.append((number, cells[0]))
            elif any(cells):
                header = cells
                while header and not header[-1]:
                    header.pop()
                break
        if not header:
            raise PortfolioError(f"{source} is empty; it needs a header row and one row per project")
        checked_table(source, header, [], comments)
    except BaseException:
        book.close()
        raise

    def rows() -> Iterator[tuple[int, dict[str, str]]]:
        width = len(header)
        try:
            for number, row in grid:
                cells = [_text(value) for value in row]
                if (cells and cells[0].startswith("#")) or not any(cells):
                    continue
                extra = [value for value in cells[width:] if value]
                if extra:
                    raise PortfolioError(f"{source}: row {number} has a value beyond the last column ('{extra[0]}')")
                padded = [*cells[:width], *[""] * max(0, width - len(cells))]
                yield number, dict(zip(header, padded, strict=True))
        finally:
            book.close()

    return source, header, rows(), comments


def _text(value: Any) -> str:
    """A cell as the text the import expects: whole numbers without '.0', dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value).strip()
