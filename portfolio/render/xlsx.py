"""The report's tables as an Excel workbook: one sheet per table, for finance people to re-use.

Every table block, the status matrix, each group of key figures and the numbers behind each
chart get a sheet of their own, listed with links on a first contents sheet. Numbers are stored
as numbers with the number format of their column's kind (percentages as fractions with a '%'
format), totals are bold, header rows are frozen, and text that looks like a formula stays text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from portfolio.period import Period
from portfolio.render.common import figure_as_table
from portfolio.render.spreadsheet import (
    fit_columns,
    header_style,
    number_format,
    put_text,
    put_value,
    sheet_name,
    text_width,
    workbook_bytes,
)
from portfolio.report.blocks import (
    Column,
    Figure,
    Heading,
    HeatMap,
    KeyFigures,
    Report,
    Section,
    StatusMatrix,
    Table,
)

RATING_FILLS = {"green": "2E8B3D", "yellow": "E0A800", "red": "C62828"}
ARROWS = {"better": "↗", "worse": "↘"}
NUMERIC_KINDS = ("integer", "amount", "decimal", "percent")


def _tables(section: Section) -> Iterator[tuple[str, Table | StatusMatrix | HeatMap | KeyFigures]]:
    """(title, block) of each tabular block; a block without a title takes the heading above it."""
    heading = section.title
    for block in section.blocks:
        if isinstance(block, Heading):
            heading = block.text
        elif isinstance(block, Table):
            yield block.title or heading, block
        elif isinstance(block, StatusMatrix | HeatMap):
            yield block.title, block
        elif isinstance(block, KeyFigures):
            yield block.title or heading, block
        elif isinstance(block, Figure):
            yield block.title, figure_as_table(block)


def _cell_value(value: Any, column: Column) -> tuple[Any, str | None]:
    """The stored value and its number format: percent units become fractions."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal) or column.kind not in NUMERIC_KINDS:
        return value, None
    if column.kind == "percent":
        return Decimal(value) / 100, number_format("percent", column.decimals)
    return value, number_format(column.kind, column.decimals)


class _Sheet:
    """Writes one table's rows below its title, tracking column widths."""

    def __init__(self, workbook: Any, name: str, title: str, section: Section):
        from openpyxl.styles import Font

        self.sheet = workbook.create_sheet(name)
        self.widths: dict[int, int] = {}
        self.frozen = 4
        put_text(self.sheet.cell(row=1, column=1), title)
        self.sheet.cell(row=1, column=1).font = Font(bold=True, size=13)
        put_text(self.sheet.cell(row=2, column=1), f"{section.number}. {section.title}")
        self.sheet.cell(row=2, column=1).font = Font(italic=True, color="5A5A5A")
        self.row = 4

    def put(self, column: int, value: Any, fmt: str | None = None, *, measure: bool = True) -> Any:
        cell = self.sheet.cell(row=self.row, column=column)
        put_value(cell, value, fmt)
        if measure:
            self.widths[column] = max(self.widths.get(column, 0), text_width(value))
        return cell

    def header(self, labels: list[str]) -> None:
        for index, label in enumerate(labels, start=1):
            header_style(self.put(index, label))
        self.row += 1

    def freeze(self, first_column_text: bool) -> None:
        """Everything above the current row stays in view; so does a label column."""
        self.frozen = self.row
        self.sheet.freeze_panes = f"{'B' if first_column_text else 'A'}{self.row}"

    def note(self, text: str | None) -> None:
        from openpyxl.styles import Font

        if text:
            self.row += 1
            self.put(1, text, measure=False).font = Font(italic=True, color="5A5A5A")
            self.row += 1

    def finish(self, landscape: bool) -> None:
        fit_columns(self.sheet, self.widths)
        self.sheet.sheet_properties.pageSetUpPr.fitToPage = True
        self.sheet.page_setup.fitToWidth = 1
        self.sheet.page_setup.fitToHeight = 0
        self.sheet.page_setup.paperSize = self.sheet.PAPERSIZE_A4
        self.sheet.page_setup.orientation = "landscape" if landscape else "portrait"
        self.sheet.print_title_rows = f"1:{self.frozen - 1}"  # the headers again on every printed page


def _table(target: _Sheet, table: Table) -> None:
    from openpyxl.styles import Alignment, Font

    if table.groups:
        first = 1
        for group in table.groups:
            header_style(target.put(first, group.label, measure=False))
            target.sheet.cell(row=target.row, column=first).alignment = Alignment(horizontal="center")
            if group.span > 1:
                target.sheet.merge_cells(
                    start_row=target.row, start_column=first, end_row=target.row, end_column=first + group.span - 1
                )
            first += group.span
        target.row += 1
    target.header([column.label for column in table.columns])
    target.freeze(table.columns[0].kind == "text")
    for row in table.rows:
        for index, (value, column) in enumerate(zip(row.cells, table.columns, strict=True), start=1):
            stored, fmt = _cell_value(value, column)
            cell = target.put(index, stored, fmt)
            if row.bold or column.strong:
                cell.font = Font(bold=True)
            if isinstance(value, str) and "\n" in value:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            elif column.kind == "text":
                cell.alignment = Alignment(vertical="top", wrap_text=len(str(value or "")) > 60)
        target.row += 1
    target.note(table.unit_note)


def _matrix(target: _Sheet, matrix: StatusMatrix, rating_words: dict[Any, str]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    target.header([matrix.row_header, *matrix.dimensions])
    target.freeze(True)
    for row in matrix.rows:
        label = target.put(1, row.label)
        if row.kind == "program":
            label.font = Font(bold=True)
        for index, cell in enumerate(row.cells, start=2):
            text = rating_words[cell.rating] + (f" {ARROWS[cell.trend]}" if cell.trend else "")
            written = target.put(index, text)
            written.alignment = Alignment(horizontal="center")
            if cell.rating in RATING_FILLS:
                written.fill = PatternFill("solid", fgColor=RATING_FILLS[cell.rating])
                written.font = Font(color="000000" if cell.rating == "yellow" else "FFFFFF", bold=row.kind == "program")
        target.row += 1
    target.note(matrix.note)


def _heat_map(target: _Sheet, heat_map: HeatMap) -> None:
    """The risk matrix: consequence down, probability across, each cell's count in its zone's colour."""
    from openpyxl.styles import Alignment, Font, PatternFill

    target.header([f"{heat_map.row_label} \\ {heat_map.column_label}", *map(str, heat_map.column_values)])
    target.freeze(True)
    for value, cells in zip(heat_map.row_values, heat_map.rows, strict=True):
        header_style(target.put(1, value, number_format("integer", 0)))
        for index, cell in enumerate(cells, start=2):
            written = target.put(index, cell.count, number_format("integer", 0))
            written.alignment = Alignment(horizontal="center")
            if cell.zone in RATING_FILLS:
                written.fill = PatternFill("solid", fgColor=RATING_FILLS[cell.zone])
                written.font = Font(bold=True, color="000000" if cell.zone == "yellow" else "FFFFFF")
        target.row += 1
    target.note(heat_map.note)


def _key_figures(target: _Sheet, block: KeyFigures) -> None:
    """Groups side by side as in the report: a label and a value column per group."""
    from openpyxl.styles import Font

    groups = block.groups or ("",)
    per = len(block.figures) // len(groups)
    if block.groups:
        for g, group in enumerate(groups):
            header_style(target.put(2 * g + 1, group))
            header_style(target.put(2 * g + 2, "", measure=False))
        target.row += 1
    target.freeze(False)
    start = target.row
    for g in range(len(groups)):
        target.row = start
        for figure in block.figures[g * per : (g + 1) * per]:
            target.put(2 * g + 1, figure.label)
            kind = figure.kind if figure.kind in NUMERIC_KINDS else "text"
            decimals = 0 if kind in ("integer", "amount") else 1
            stored, fmt = _cell_value(figure.value, Column("value", "", kind, decimals))  # type: ignore[arg-type]
            target.put(2 * g + 2, stored, fmt).font = Font(bold=True)
            target.row += 1
    target.row = start + per


def render(report: Report, **_options: Any) -> bytes:
    """The workbook's bytes: a contents sheet, then one sheet per table in report order."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.hyperlink import Hyperlink

    from portfolio.render.html import RATING_TEXT

    workbook = Workbook()
    contents = workbook.active
    taken: set[str] = set()
    contents.title = sheet_name(report.contents_title, taken)
    put_text(contents.cell(row=1, column=1), report.title)
    contents.cell(row=1, column=1).font = Font(bold=True, size=14)
    contents_row = 3
    widths = {1: 10, 2: 10}
    for section in report.sections:
        for number, (title, block) in enumerate(_tables(section), start=1):
            name = sheet_name(f"{section.number}.{number} {title}", taken)
            target = _Sheet(workbook, name, title, section)
            if isinstance(block, Table):
                _table(target, block)
            elif isinstance(block, StatusMatrix):
                _matrix(target, block, RATING_TEXT[report.lang])
            elif isinstance(block, HeatMap):
                _heat_map(target, block)
            else:
                _key_figures(target, block)
            columns = len(block.columns) if isinstance(block, Table) else 0
            target.finish(landscape=columns > 6 or isinstance(block, StatusMatrix))
            put_text(contents.cell(row=contents_row, column=1), f"{section.number}. {section.title}")
            link = contents.cell(row=contents_row, column=2)
            put_text(link, title)
            link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{name}'!A1")  # a link inside the file
            link.font = Font(color="1F4E79", underline="single")
            widths = {1: max(widths[1], len(section.title) + 4), 2: max(widths[2], len(title))}
            contents_row += 1
    if report.fingerprint is not None:  # report verify reads it back from here
        from portfolio.report.verify import tables_text

        label = contents.cell(row=contents_row + 1, column=1)
        put_text(label, f"{report.fingerprint_label}: {report.fingerprint.text}")
        put_text(contents.cell(row=contents_row + 1, column=3), tables_text(report.fingerprint))
        for column in (1, 3):
            contents.cell(row=contents_row + 1, column=column).font = Font(italic=True, color="5A5A5A", size=8)
    fit_columns(contents, widths)
    workbook.properties.title = report.title
    workbook.properties.language = report.lang
    workbook.properties.creator = "portfolio"
    from portfolio.report.verify import identity_text

    workbook.properties.keywords = identity_text("xlsx", report.lang, report.period)  # read by report verify
    as_of = dt.datetime.combine(Period.parse(report.period).last_day, dt.time())
    return workbook_bytes(workbook, as_of)  # no clock in the report: the same month, the same bytes
