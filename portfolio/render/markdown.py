"""The report as GitHub-flavoured Markdown: pipe tables, emoji dots with a letter, numbers under charts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from portfolio.render.common import (
    figure_as_table,
    format_cell,
    format_key_figure,
    format_value,
    heat_cell_text,
    is_numeric,
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
from portfolio.safe_text import visible

DOTS = {"green": "🟢", "yellow": "🟡", "red": "🔴", "na": "⚪"}
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def escape(text: str) -> str:
    """Text shown as written: Markdown and HTML characters are escaped."""
    return _SPECIAL.sub(r"\\\1", text)


def _cell(text: str) -> str:
    return escape(text).replace("\n", "<br>") if text else ""


def _runs(runs: tuple[Run, ...]) -> str:
    parts = []
    for run in runs:
        text = escape(run.text)
        if run.strong:
            text = f"**{text}**"
        elif run.emphasis:
            text = f"*{text}*"
        parts.append(text)
    return "".join(parts)


def _pipe_table(headers: list[str], rows: list[list[str]], right: list[bool]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |"]
    lines.append("|" + "|".join("---:" if r else ":---" for r in right) + "|")
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def _table(table: Table, fmt: Formatter) -> list[str]:
    lines = [f"**{escape(table.title)}**", ""] if table.title else []
    group_of: list[str] = []
    for group in table.groups:
        group_of += [group.label] * group.span
    headers = []
    for index, column in enumerate(table.columns):
        label = _cell(column.label)
        if group_of and group_of[index]:
            label = f"{_cell(group_of[index])}: {label}" if label else _cell(group_of[index])
        headers.append(label)
    rows = []
    for row in table.rows:
        cells = []
        for value, column in zip(row.cells, table.columns, strict=True):
            text = _cell(format_cell(value, column, fmt))
            cells.append(f"**{text}**" if text and (row.bold or column.strong) else text)
        rows.append(cells)
    lines += _pipe_table(headers, rows, [is_numeric(c) for c in table.columns])
    if table.unit_note:
        lines += ["", f"*{escape(table.unit_note)}*"]
    return lines


def _matrix(matrix: StatusMatrix, lang: str) -> list[str]:
    headers = [_cell(matrix.row_header), *(_cell(d) for d in matrix.dimensions)]
    rows = []
    texts: dict[tuple[str | None, str | None, str | None], str] = {}  # a few dozen kinds of cell

    def cell_text(c: MatrixCell) -> str:
        key = (c.rating, c.trend, c.mark)
        found = texts.get(key)
        if found is None:
            found = texts[key] = (
                f"{DOTS[c.rating]} {matrix_cell_text(c.rating, c.trend, lang)}"
                if c.rating
                else matrix_cell_text(None, None)
            ) + (f" <sup>{escape(c.mark)}</sup>" if c.mark else "")
        return found

    for row in matrix.rows:
        label = f"**{_cell(row.label)}**" if row.kind == "program" else _cell(row.label)
        rows.append([label, *map(cell_text, row.cells)])
    lines = [f"**{escape(matrix.title)}**", ""]
    lines += _pipe_table(headers, rows, [False] * len(headers))
    if matrix.note:
        lines += ["", f"*{escape(matrix.note)}*"]
    lines += ["", f"*{escape(rating_legend(lang, translator(lang)))}*"]
    if matrix.footnotes:
        lines.append("")
        lines += [f"<sup>{n}</sup> {escape(text)}  " for n, text in enumerate(matrix.footnotes, start=1)]
        lines[-1] = lines[-1].rstrip()
    return lines


def _figure_text(figure: KeyFigure, fmt: Formatter) -> str:
    """'Label **4,9 %** ↓ bedre (forrige måned: 5,3 %)': the trend, when there is one, after the value."""
    trend = trend_words(figure, fmt, translator(fmt.lang))
    return f"{_cell(figure.label)} **{format_key_figure(figure, fmt)}**" + (f" {_cell(trend)}" if trend else "")


SQUARES = {"green": "🟩", "yellow": "🟨", "red": "🟥"}


def _heat_map(heat: HeatMap, lang: str) -> list[str]:
    headers = [_cell(f"{heat.row_label} \\ {heat.column_label}"), *(str(v) for v in heat.column_values)]
    rows = [
        [f"**{value}**", *(f"{SQUARES[c.zone]} {heat_cell_text(c.count, c.zone, lang)}" for c in cells)]
        for value, cells in zip(heat.row_values, heat.rows, strict=True)
    ]
    lines = [f"**{escape(heat.title)}**", "", *_pipe_table(headers, rows, [False] * len(headers))]
    if heat.note:
        lines += ["", f"*{escape(heat.note)}*"]
    return lines


def _key_figures(block: KeyFigures, fmt: Formatter) -> list[str]:
    lines = [f"**{escape(block.title)}**", ""] if block.title else []
    if block.groups:
        per_group = len(block.figures) // len(block.groups)
        headers = [_cell(g) for g in block.groups]
        rows = []
        for index in range(per_group):
            row = []
            for g in range(len(block.groups)):
                row.append(_figure_text(block.figures[g * per_group + index], fmt))
            rows.append(row)
        return lines + _pipe_table(headers, rows, [False] * len(headers))
    items = []
    for f in block.figures:
        trend = trend_words(f, fmt, translator(fmt.lang))
        items.append(f"- {_cell(f.label)}: **{format_key_figure(f, fmt)}**" + (f" {_cell(trend)}" if trend else ""))
    return lines + items


def _block(block: Block, fmt: Formatter) -> list[str]:
    if isinstance(block, Heading):
        return ["#" * min(block.level + 1, 6) + " " + escape(block.text)]
    if isinstance(block, Paragraph):
        return [_runs(block.runs)]
    if isinstance(block, BulletList):
        return [f"- {_runs(item)}" for item in block.items]
    if isinstance(block, KeyFigures):
        return _key_figures(block, fmt)
    if isinstance(block, Table):
        return _table(block, fmt)
    if isinstance(block, StatusMatrix):
        return _matrix(block, fmt.lang)
    if isinstance(block, HeatMap):
        return _heat_map(block, fmt.lang)
    if isinstance(block, Figure):
        numbers = figure_as_table(block)
        lines = [f"**{escape(block.title)}**", "", *_table(Table(numbers.columns, numbers.rows), fmt)]
        if block.target is not None:
            target = format_value(block.target, block.value_kind, block.decimals, fmt)
            lines += ["", f"*{escape((block.target_label or '') + ' ' + target).strip()}*"]
        return lines
    if isinstance(block, Note):
        return [f"> {escape(block.text)}", *(f"> - {escape(item)}" for item in block.items)]
    raise TypeError(f"{type(block).__name__} is not a report block")


def render(report: Report, **_options: Any) -> str:
    return visible("\n".join(_lines(report)).rstrip() + "\n")  # control characters in the data shown, never obeyed


CHUNK_LINES = 2_000  # lines handed on at a time by render_chunks


def render_chunks(report: Report, **_options: Any) -> Iterator[str]:
    """The text of ``render`` a few thousand lines at a time, as the blocks are written: the
    report's text is never held whole (on 10,000 projects, 2.5 million characters, twice over as
    the lines and as their text, and again with its control characters shown).

    Lines that end in white space wait for the next line that does not: ``render`` strips the
    white space at the end of the text, which only the last such line can tell.
    """
    waiting: list[str] = []
    for line in _lines(report):
        waiting.append(line)
        if len(waiting) >= CHUNK_LINES and line and not line[-1].isspace():
            yield visible("\n".join(waiting) + "\n")
            waiting = []
    rest = "\n".join(waiting).rstrip()
    if rest:
        yield visible(rest + "\n")


def _lines(report: Report) -> Iterator[str]:
    fmt = Formatter(report.lang)
    yield from [f"# {escape(report.title)}", "", f"**{escape(report.contents_title)}**", ""]
    yield from (f"{s.number}. [{escape(s.title)}](#{s.number}-{s.key})" for s in report.sections)
    yield ""
    for omitted in report.omitted:
        yield from (f"> ⚠ {escape(omitted.key)} ({escape(omitted.plugin)}): {escape(omitted.reason)}", "")
    for section in report.sections:
        yield from (
            f'<a id="{section.number}-{section.key}"></a>',
            "",
            f"## {section.number}. {escape(section.title)}",
            "",
        )
        for block in section.blocks:
            yield from _block(block, fmt)
            yield ""
    if report.fingerprint is not None:
        from portfolio.report.verify import identity_text, tables_text

        yield from ("---", "", f"*{escape(report.fingerprint_label)}: {report.fingerprint.text}*")
        yield from ("", f"<!-- {tables_text(report.fingerprint)} -->")
        yield f"<!-- {identity_text('md', report.lang, report.period)} -->"  # read by report verify
