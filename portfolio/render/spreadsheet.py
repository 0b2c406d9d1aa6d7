"""Workbook cells as finance people re-use them: numbers as numbers, text that never runs.

Shared by the report's workbook (render/xlsx.py) and the list commands' ``--format xlsx``.
openpyxl is imported by the callers' functions only, never when the CLI starts.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from enum import Enum
from typing import Any

from portfolio.safe_text import put_cell_text

SHEET_NAME_MAX = 31
BAD_SHEET_CHARACTERS = re.compile(r"[\[\]:*?/\\]")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # not allowed in a workbook's XML
HEADER_FILL = "EEF2F6"
WIDTH_MIN, WIDTH_MAX = 6, 60


def number_format(kind: str, decimals: int) -> str:
    """Excel's format for a column kind: '#,##0', '#,##0.0', '0.0%' (percent values are fractions)."""
    places = "." + "0" * decimals if decimals > 0 else ""
    if kind == "percent":
        return f"0{places}%"
    if kind in ("integer", "amount"):
        return "#,##0"
    return f"#,##0{places}"


def put_text(cell: Any, text: str) -> None:
    """A string cell by the one rule for spreadsheet cells (``portfolio.safe_text``): control
    characters shown, a formula-looking text kept a string, shown as typed."""
    put_cell_text(cell, text)


def put_value(cell: Any, value: Any, number_format_: str | None = None) -> None:
    """Any plain value: numbers and dates typed, everything else as text."""
    if value is None:
        return
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, bool):
        cell.value = value
    elif isinstance(value, int | Decimal | float):
        cell.value = value
        if number_format_:
            cell.number_format = number_format_
    elif isinstance(value, dt.datetime):
        if value.tzinfo is not None:  # Excel has no time zones: UTC, said in the format
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        cell.value = value
        cell.number_format = "yyyy-mm-dd hh:mm:ss"
    elif isinstance(value, dt.date):
        cell.value = value
        cell.number_format = "yyyy-mm-dd"
    elif isinstance(value, list | tuple | set):
        put_text(cell, ", ".join(str(item) for item in value))
    else:
        put_text(cell, str(value))


def sheet_name(text: str, taken: set[str]) -> str:
    """A valid, unique worksheet name (31 characters, none of []:*?/\\), recorded in ``taken``."""
    base = BAD_SHEET_CHARACTERS.sub(" ", CONTROL_CHARACTERS.sub("", text)).strip().strip("'") or "Sheet"
    base = re.sub(r"\s+", " ", base)
    name, number = _shortened(base, SHEET_NAME_MAX), 2
    while name.casefold() in {t.casefold() for t in taken}:
        suffix = f" ({number})"
        name, number = _shortened(base, SHEET_NAME_MAX - len(suffix)) + suffix, number + 1
    taken.add(name)
    return name


def _shortened(text: str, limit: int) -> str:
    """``text`` within ``limit`` characters, cut after a whole word and marked with an ellipsis
    ("4.1 SAMMENDRAG AV…", not "4.1 SAMMENDRAG AV PROSJEKTSTATU"); a first word longer than the
    limit is cut where it must be."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    space = head.rfind(" ")
    if space > 0 and (cut := head[:space].rstrip(" -–,;:.")):
        head = cut
    return head.rstrip() + "…"


def header_style(cell: Any) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    cell.font = Font(bold=True)
    cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
    cell.alignment = Alignment(wrap_text=True, vertical="bottom")


def fit_columns(sheet: Any, widths: dict[int, int]) -> None:
    """Column widths from the longest line in each column, within sensible bounds."""
    from openpyxl.utils import get_column_letter

    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = max(WIDTH_MIN, min(WIDTH_MAX, width + 2))


def text_width(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, int | Decimal | float):
        return len(f"{value:,}") + 1
    return max((len(line) for line in str(value).splitlines()), default=0)


def workbook_bytes(workbook: Any, moment: dt.datetime | None = None) -> bytes:
    """The saved workbook; with ``moment``, the same content always gives the same bytes.

    openpyxl stamps the file with the clock (its properties and every zip entry); a report's
    workbook is stamped with the day its figures are as of instead, like its title.
    """
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue() if moment is None else _stamped(buffer.getvalue(), moment)


def _stamped(data: bytes, moment: dt.datetime) -> bytes:
    import zipfile

    stamp = moment.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    times = re.compile(rb"(<dcterms:(created|modified)\b[^>]*>)[^<]*(</dcterms:\2>)")
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            content = source.read(entry)
            if entry.filename == "docProps/core.xml":
                content = times.sub(lambda m: m.group(1) + stamp + m.group(3), content)
            clone = zipfile.ZipInfo(entry.filename, date_time=_zip_time(moment))
            clone.compress_type = zipfile.ZIP_DEFLATED
            clone.external_attr = entry.external_attr
            target.writestr(clone, content)
    return output.getvalue()


ZIP_FIRST, ZIP_LAST = dt.datetime(1980, 1, 1), dt.datetime(2107, 12, 31, 23, 59, 58)


def _zip_time(moment: dt.datetime) -> tuple[int, int, int, int, int, int]:
    """A zip entry's time: the zip format holds 1980 to 2107 only, so a report of a month outside
    them gets the nearest (its properties keep the true day)."""
    plain = moment.replace(tzinfo=None)
    return min(max(plain, ZIP_FIRST), ZIP_LAST).timetuple()[:6]  # type: ignore[return-value]


def list_workbook(rows: Sequence[Mapping[str, Any]], columns: list[tuple[str, str]], title: str) -> bytes:
    """A list command's rows as one sheet: a bold, frozen header row and typed values."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_name(title, set())
    widths: dict[int, int] = {}
    for index, (key, label) in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index)
        put_text(cell, label or key)
        header_style(cell)
        widths[index] = text_width(label or key)
    for row_number, row in enumerate(rows, start=2):
        for index, (key, _label) in enumerate(columns, start=1):
            value = row.get(key)
            put_value(sheet.cell(row=row_number, column=index), value)
            widths[index] = max(widths[index], text_width(value))
    sheet.freeze_panes = "A2"
    if rows:
        sheet.auto_filter.ref = sheet.dimensions
    fit_columns(sheet, widths)
    return workbook_bytes(workbook)
