"""The report in a terminal: tabulate tables, coloured dots when the output is a terminal."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import click

from portfolio.render.common import (
    figure_as_table,
    format_cell,
    format_key_figure,
    format_value,
    is_numeric,
    matrix_cell_text,
)
from portfolio.report.blocks import (
    Block,
    BulletList,
    Figure,
    Heading,
    KeyFigures,
    Note,
    Paragraph,
    Report,
    Run,
    StatusMatrix,
    Table,
)
from portfolio.report.formatting import Formatter

DOT_COLOURS = {"green": "green", "yellow": "yellow", "red": "red"}


class _Writer:
    def __init__(self, fmt: Formatter, colour: bool, width: int):
        self.fmt = fmt
        self.colour = colour
        self.width = width
        self.lines: list[str] = []

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
        elif isinstance(block, Figure):
            self.figure(block)
        elif isinstance(block, Note):
            for line in textwrap.wrap(block.text, self.width):
                self.lines.append(self.style(line, dim=True))
        self.lines.append("")

    def key_figures(self, block: KeyFigures) -> None:
        from tabulate import tabulate

        if block.title:
            self.lines.append(self.style(block.title, bold=True))
        if block.groups:
            per_group = len(block.figures) // len(block.groups)
            columns = [block.figures[i * per_group : (i + 1) * per_group] for i in range(len(block.groups))]
            rows = []
            for index in range(per_group):
                row = []
                for column in columns:
                    figure = column[index]
                    row += [figure.label, format_key_figure(figure, self.fmt)]
                rows.append(row)
            headers = [h for group in block.groups for h in (group, "")]
            self.lines.append(
                tabulate(rows, headers=headers, disable_numparse=True, colalign=("left", "right") * len(columns))
            )
        else:
            rows = [[f.label, format_key_figure(f, self.fmt)] for f in block.figures]
            self.lines.append(tabulate(rows, tablefmt="plain", disable_numparse=True, colalign=("left", "right")))

    def table(self, table: Table) -> None:
        from tabulate import tabulate

        if table.title:
            self.lines.append(self.style(table.title, bold=True))
        headers = []
        group_of = []
        for group in table.groups:
            group_of += [group.label] + [""] * (group.span - 1)
        for index, column in enumerate(table.columns):
            label = column.label
            if table.groups:
                label = f"{group_of[index]}\n{label}"
            headers.append(label)
        rows = []
        for row in table.rows:
            cells = []
            for value, column in zip(row.cells, table.columns, strict=True):
                text = format_cell(value, column, self.fmt)
                cells.append(self.style(text, bold=True) if (row.bold or column.strong) and text else text)
            rows.append(cells)
        align = ["right" if is_numeric(c) else "left" for c in table.columns]
        self.lines.append(
            tabulate(rows, headers=headers, disable_numparse=True, colalign=align, maxcolwidths=self.text_widths(table))
        )
        if table.unit_note:
            self.lines.append(table.unit_note)

    def text_widths(self, table: Table) -> list[int | None]:
        """Wrap text columns so the table fits the width; numbers are never wrapped."""
        text_columns = [c for c in table.columns if not is_numeric(c)]
        if not text_columns:
            return [None] * len(table.columns)
        numbers = sum(14 for c in table.columns if is_numeric(c))
        share = max(16, (self.width - numbers) // len(text_columns) - 2)
        return [None if is_numeric(c) else share for c in table.columns]

    def matrix(self, matrix: StatusMatrix) -> None:
        from tabulate import tabulate

        self.lines.append(self.style(matrix.title, bold=True))
        rows = []
        for row in matrix.rows:
            label = self.style(row.label, bold=True) if row.kind == "program" else row.label
            rows.append([label, *(self.matrix_cell(c.rating, c.trend) for c in row.cells)])
        self.lines.append(tabulate(rows, headers=[matrix.row_header, *matrix.dimensions], disable_numparse=True))
        if matrix.note:
            self.lines.append(matrix.note)

    def matrix_cell(self, rating: str | None, trend: str | None) -> str:
        text = matrix_cell_text(rating, trend)
        if self.colour and rating in DOT_COLOURS:
            return click.style("●", fg=DOT_COLOURS[rating]) + " " + text
        return text

    def figure(self, figure: Figure) -> None:
        self.table(figure_as_table(figure))
        if figure.target is not None:
            target = format_value(figure.target, figure.value_kind, figure.decimals, self.fmt)
            self.lines.append(f"{figure.target_label or ''} {target}".strip())


def render_blocks(blocks: Sequence[Block], lang: str, *, colour: bool = False, width: int = 100) -> str:
    """Blocks outside a report, e.g. the status matrix that ``portfolio status matrix`` prints."""
    writer = _Writer(Formatter(lang), colour, width)
    for block in blocks:
        writer.block(block)
    return "\n".join(writer.lines).rstrip() + "\n"


def render(report: Report, *, colour: bool = False, width: int = 100) -> str:
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
    return "\n".join(writer.lines).rstrip() + "\n"
