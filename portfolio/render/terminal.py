"""The report in a terminal: tabulate tables, coloured dots when the output is a terminal.

Control characters in the data are shown, never obeyed (``portfolio.safe_text.visible``), on
the whole text at the end; with colour, the data is shown first (``shown_data``) and only then
styled, so that every colour code left is the renderer's own, and the CLI prints it with
``portfolio.cli.shown.echo_rendered``.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence

import click

from portfolio.render.common import (
    figure_as_table,
    format_cell,
    format_key_figure,
    format_value,
    heat_cell_text,
    is_numeric,
    marked,
    matrix_cell_text,
    rating_legend,
    translator,
    trend_words,
)
from portfolio.report.blocks import (
    Block,
    BulletList,
    Figure,
    Heading,
    HeatMap,
    KeyFigure,
    KeyFigures,
    MatrixCell,
    Note,
    Paragraph,
    Report,
    Run,
    StatusMatrix,
    Table,
)
from portfolio.report.formatting import Formatter
from portfolio.safe_text import shown_data, visible

DOT_COLOURS = {"green": "green", "yellow": "yellow", "red": "red"}
VERDICT_COLOURS = {"good": "green", "bad": "red"}


class _Writer:
    def __init__(self, fmt: Formatter, colour: bool, width: int, fit: int | None = None):
        self.fmt = fmt
        self.colour = colour
        self.width = width
        self.fit = fit  # a status matrix wider than this is narrowed to it
        self.lines: list[str] = []
        self.t = translator(fmt.lang)

    def style(self, text: str, **styles: object) -> str:
        return click.style(text, **styles) if self.colour else text  # type: ignore[arg-type]

    def wrap(self, runs: tuple[Run, ...], indent: str = "", first: str = "") -> None:
        """Wrapped plain text: emphasis is not shown, so ANSI codes never upset the width."""
        plain = "".join(r.text for r in runs)
        self.lines.extend(textwrap.wrap(plain, self.width, initial_indent=first or indent, subsequent_indent=indent))

    def block(self, block: Block) -> None:
        if isinstance(block, Heading):
            self.lines += [self.style(block.text, bold=True), ""]
            return
        if isinstance(block, Paragraph):
            self.wrap(block.runs)
        elif isinstance(block, BulletList):
            for item in block.items:
                self.wrap(item, indent="  ", first="• ")
        elif isinstance(block, KeyFigures):
            self.key_figures(block)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, StatusMatrix):
            self.matrix(block)
        elif isinstance(block, HeatMap):
            self.heat_map(block)
        elif isinstance(block, Figure):
            self.figure(block)
        elif isinstance(block, Note):
            for line in textwrap.wrap(block.text, self.width):
                self.lines.append(self.style(line, dim=True))
            for point in block.items:
                for line in textwrap.wrap(point, self.width, initial_indent="- ", subsequent_indent="  "):
                    self.lines.append(self.style(line, dim=True))
        self.lines.append("")

    def trend(self, figure: KeyFigure) -> str:
        text = trend_words(figure, self.fmt, self.t)
        colour = VERDICT_COLOURS.get(figure.verdict or "")
        return self.style(text, fg=colour) if text and colour else text

    def key_figures(self, block: KeyFigures) -> None:
        from tabulate import tabulate

        if block.title:
            self.lines.append(self.style(block.title, bold=True))
        trends = any(f.trend for f in block.figures)  # a third column only when some figure has one
        cells = ("left", "right", "left") if trends else ("left", "right")

        def cells_of(figure: KeyFigure) -> list[str]:
            row = [figure.label, format_key_figure(figure, self.fmt)]
            return [*row, self.trend(figure)] if trends else row

        if block.groups:
            per_group = len(block.figures) // len(block.groups)
            columns = [block.figures[i * per_group : (i + 1) * per_group] for i in range(len(block.groups))]
            rows = []
            for index in range(per_group):
                row = []
                for column in columns:
                    row += cells_of(column[index])
                rows.append(row)
            headers = [h for group in block.groups for h in (group, *[""] * (len(cells) - 1))]
            self.lines.append(tabulate(rows, headers=headers, disable_numparse=True, colalign=cells * len(columns)))
        else:
            rows = [cells_of(f) for f in block.figures]
            self.lines.append(tabulate(rows, tablefmt="plain", disable_numparse=True, colalign=cells))

    def table(self, table: Table) -> None:
        from tabulate import tabulate

        if table.title:
            self.lines.append(self.style(table.title, bold=True))
        rows = []
        for row in table.rows:
            cells = []
            for value, column in zip(row.cells, table.columns, strict=True):
                text = format_cell(value, column, self.fmt)
                cells.append(self.style(text, bold=True) if (row.bold or column.strong) and text else text)
            rows.append(cells)
        headers = [column.label for column in table.columns]
        if table.groups:
            # A group's label heads its first column, wrapped to about that column's width, so a
            # long label ("Januar 2024, hittil i år") does not widen a column of short numbers.
            widths = [max([len(click.unstyle(r[i])) for r in rows] + [len(headers[i])]) for i in range(len(headers))]
            content = list(widths)
            starts, labels, index = [], [], 0
            for group in table.groups:
                starts.append(index)
                labels.append([group.label] if group.label else [])
                widths[index] = max(widths[index], len(group.label))
                index += group.span
            if sum(widths) + 2 * (len(widths) - 1) > self.width:  # too wide: wrap the long labels
                labels = [
                    textwrap.wrap(lines[0], max(10, content[start])) if lines else []
                    for start, lines in zip(starts, labels, strict=True)
                ]
            depth = max(len(lines) for lines in labels) or 1
            for start, group, lines in zip(starts, table.groups, labels, strict=True):
                padded = [""] * (depth - len(lines)) + lines  # every column label on the same line
                for offset in range(group.span):
                    top = padded if offset == 0 else [""] * depth
                    headers[start + offset] = "\n".join([*top, headers[start + offset]])
        align = ["right" if is_numeric(c) else "left" for c in table.columns]
        self.lines.append(
            tabulate(
                rows,
                headers=headers,
                disable_numparse=True,
                colalign=align,
                maxcolwidths=self.text_widths(table, rows, headers),
            )
        )
        if table.unit_note:
            self.lines.append(table.unit_note)

    def text_widths(self, table: Table, rows: list[list[str]], headers: list[str]) -> list[int | None]:
        """Wrap text columns only when the table would not fit; numbers are never wrapped.

        Text columns then share the room the numbers leave, in proportion to their content.
        """
        natural = [
            max([len(click.unstyle(line)) for cell in [header, *column] for line in str(cell).splitlines()] or [0])
            for header, *column in zip(headers, *rows, strict=True)
        ]
        gaps = 2 * (len(natural) - 1)
        if sum(natural) + gaps <= self.width:
            return [None] * len(table.columns)
        numeric = [is_numeric(c) for c in table.columns]
        room = self.width - gaps - sum(w for w, n in zip(natural, numeric, strict=True) if n)
        # Shares grow with the square root of the content, so one long column cannot starve the rest.
        weights = [0.0 if n else math.sqrt(w) for w, n in zip(natural, numeric, strict=True)]
        total = sum(weights) or 1.0
        return [
            None if n else max(16, min(w, int(room * weight / total)))
            for w, n, weight in zip(natural, numeric, weights, strict=True)
        ]

    def matrix(self, matrix: StatusMatrix) -> None:

        self.lines.append(self.style(matrix.title, bold=True))
        texts: dict[tuple[str | None, str | None, str | None], str] = {}  # a few dozen kinds of cell

        def cell_text(c: MatrixCell) -> str:
            key = (c.rating, c.trend, c.mark)
            found = texts.get(key)
            if found is None:
                found = texts[key] = self.matrix_cell(c.rating, c.trend) + marked(c.mark)
            return found

        cells = [list(map(cell_text, row.cells)) for row in matrix.rows]
        headers = [matrix.row_header, *matrix.dimensions]
        labels = [row.label for row in matrix.rows]
        table = self._matrix_table(matrix, labels, cells, headers)
        if self.fit is not None and max(map(_shown_width, table.splitlines())) > self.fit:
            # narrowed: numbered dimension headers with a key below, names wrapped between words
            numbers = [str(n) for n in range(1, len(matrix.dimensions) + 1)]
            widest = (
                [
                    max(_shown_width(text) for text in [number, *column])
                    for number, column in zip(numbers, zip(*cells, strict=True), strict=True)
                ]
                if cells
                else [1] * len(numbers)
            )
            room = max(self.fit - sum(width + 2 for width in widest), 12)
            wrapped = ["\n".join(textwrap.wrap(label, room, break_long_words=False)) or label for label in labels]
            table = self._matrix_table(matrix, wrapped, cells, [textwrap.fill(matrix.row_header, room), *numbers])
            key = " · ".join(f"{number} {name}" for number, name in zip(numbers, matrix.dimensions, strict=True))
            table += "\n" + "\n".join(textwrap.wrap(key, self.fit))
        self.lines.append(table)
        if matrix.note:
            self.lines.append(matrix.note)
        self.lines.extend(textwrap.wrap(rating_legend(self.fmt.lang, self.t), self.width))
        for number, text in enumerate(matrix.footnotes, start=1):
            self.lines.extend(
                textwrap.wrap(f"{marked(str(number)).strip()} {text}", self.width, subsequent_indent="    ")
            )

    def _matrix_table(self, matrix: StatusMatrix, labels: list[str], cells: list[list[str]], headers: list[str]) -> str:
        from portfolio.render.aligned import aligned_table

        rows = [
            [self.style(label, bold=True) if row.kind == "program" else label, *row_cells]
            for row, label, row_cells in zip(matrix.rows, labels, cells, strict=True)
        ]
        return aligned_table(rows, headers)

    def heat_map(self, heat: HeatMap) -> None:
        from tabulate import tabulate

        self.lines.append(self.style(heat.title, bold=True))
        rows = []
        for value, cells in zip(heat.row_values, heat.rows, strict=True):
            texts = []
            for cell in cells:
                text = heat_cell_text(cell.count, cell.zone, self.fmt.lang)
                texts.append(self.style(text, fg=DOT_COLOURS[cell.zone], bold=bool(cell.count)))
            rows.append([str(value), *texts])
        headers = [f"{heat.row_label} \\ {heat.column_label}", *(str(v) for v in heat.column_values)]
        self.lines.append(tabulate(rows, headers=headers, disable_numparse=True, colalign=("left",) + ("center",) * 5))
        if heat.note:
            self.lines.extend(textwrap.wrap(heat.note, self.width))

    def matrix_cell(self, rating: str | None, trend: str | None) -> str:
        text = matrix_cell_text(rating, trend, self.fmt.lang)
        if self.colour and rating in DOT_COLOURS:
            return click.style("●", fg=DOT_COLOURS[rating]) + " " + text
        return text

    def figure(self, figure: Figure) -> None:
        self.table(figure_as_table(figure))
        if figure.target is not None:
            target = format_value(figure.target, figure.value_kind, figure.decimals, self.fmt)
            self.lines.append(f"{figure.target_label or ''} {target}".strip())


def _shown_width(line: str) -> int:
    """A line's width on a terminal, without its colour codes."""
    return len(click.unstyle(line))


def render_blocks(
    blocks: Sequence[Block], lang: str, *, colour: bool = False, width: int = 100, fit: int | None = None
) -> str:
    """Blocks outside a report, e.g. the status matrix that ``portfolio status matrix`` prints;
    with ``fit``, a matrix wider than that many columns is narrowed to it."""
    writer = _Writer(Formatter(lang), colour, width if fit is None else min(width, fit), fit)
    for block in blocks:
        writer.block(shown_data(block) if colour else block)
    return visible("\n".join(writer.lines).rstrip() + "\n", colour=colour)


def render(report: Report, *, colour: bool = False, width: int = 100) -> str:
    if colour:
        report = shown_data(report)
    writer = _Writer(Formatter(report.lang), colour, width)
    writer.lines += [writer.style(report.title, bold=True), "=" * len(report.title), ""]
    writer.lines.append(report.contents_title)
    for section in report.sections:
        writer.lines.append(f"  {section.number}. {section.title}")
    writer.lines.append("")
    for omitted in report.omitted:
        writer.lines.append(f"! {omitted.key} ({omitted.plugin}): {omitted.reason}")
    if report.omitted:
        writer.lines.append("")
    for section in report.sections:
        heading = f"{section.number}. {section.title}"
        writer.lines += [writer.style(heading, bold=True), "-" * len(heading), ""]
        for block in section.blocks:
            writer.block(block)
    if report.fingerprint is not None:
        writer.lines.append(writer.style(f"{report.fingerprint_label}: {report.fingerprint.text}", dim=True))
    return visible("\n".join(writer.lines).rstrip() + "\n", colour=colour)
