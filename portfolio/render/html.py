"""The report as one self-contained HTML file: inline CSS and SVG, A4 print layout, autoescaped."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from portfolio.render.common import (
    format_cell,
    format_key_figure,
    format_value,
    heat_cell_text,
    is_numeric,
    matrix_cell_text,
    translator,
    trend_words,
)
from portfolio.report.blocks import Column, Figure, HeatMap, MatrixCell, Report, StatusMatrix, Table
from portfolio.report.formatting import Formatter

if TYPE_CHECKING:
    from markupsafe import Markup

RATING_TEXT = {
    "nb": {"green": "grønn", "yellow": "gul", "red": "rød", "na": "ikke vurdert", None: "ikke rapportert"},
    "en": {"green": "green", "yellow": "yellow", "red": "red", "na": "not assessed", None: "not reported"},
}
TREND_TEXT = {
    "nb": {"better": "bedre enn forrige måned", "worse": "dårligere enn forrige måned"},
    "en": {"better": "better than last month", "worse": "worse than last month"},
}


def _environment():  # type: ignore[no-untyped-def]
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    return Environment(
        loader=PackageLoader("portfolio", "templates"),
        bytecode_cache=_template_cache(),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _template_cache():  # type: ignore[no-untyped-def]
    """The compiled template, kept in the user cache: compiling it costs more than rendering.

    Jinja2 keys each entry by the template's name and a checksum of its source, so an edited
    template is compiled anew. Without a writable cache folder, it is compiled every time.
    """
    from jinja2 import FileSystemBytecodeCache

    from portfolio.cache import cache_folder

    folder = cache_folder() / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder))


SHORT_TABLE_ROWS = 15  # a table this short is kept on one printed page (class "short")


def render(report: Report, **options: Any) -> str:
    return "".join(render_chunks(report, **options))


def render_chunks(report: Report, **_options: Any) -> Iterator[str]:
    """The page in the pieces the template writes, as it writes them (``render`` joins them): a
    report written to a file or a pipe is never held whole, 40 MiB on 10,000 projects."""
    from markupsafe import Markup

    from portfolio.render.charts import figure_svg
    from portfolio.report.verify import tables_text

    fmt = Formatter(report.lang)
    t = translator(report.lang)
    env = _environment()
    rows = _Rows(fmt, report.lang)
    env.globals.update(
        key_figure=lambda figure: format_key_figure(figure, fmt),
        trend=lambda figure: trend_words(figure, fmt, t),
        fingerprint_tables=tables_text,
        numeric=is_numeric,
        SHORT_TABLE_ROWS=SHORT_TABLE_ROWS,
        table_rows=rows.table_pieces,
        matrix_rows=rows.matrix_pieces,
        heat_rows=rows.heat_map,
        figure_rows=rows.figure,
        # The SVG is built by matplotlib from the figure's data; matplotlib escapes its text.
        chart=lambda figure: Markup(figure_svg(figure, fmt)) if isinstance(figure, Figure) else "",
    )
    return env.get_template("report.html.j2").generate(report=report)


_TOTAL = ' class="total"'
PIECE_ROWS = 500  # rows of a table's body made into one piece of the page


class _Rows:
    """The rows of a block's table body as HTML, written in Python rather than in the template.

    A status matrix of 10,000 projects has 130,000 cells; in the template each cell cost five
    calls through Jinja2's context (half of the HTML build). Here a matrix cell's markup is made
    once per rating and trend and looked up, a table column's ``<td>`` once per table, and every
    text is escaped as the template's autoescape escapes it: the page is the same, byte for byte
    (the golden file and tests/test_render_html.py hold it to that).
    """

    def __init__(self, fmt: Formatter, lang: str) -> None:
        self.fmt = fmt
        self.lang = lang
        self.cells: dict[tuple[str | None, str | None], str] = {}

    def table(self, table: Table) -> Markup:
        from markupsafe import Markup, escape

        fmt = self.fmt
        columns: list[tuple[str, Column]] = [
            (f'<td class="{"num" if is_numeric(c) else "multiline"}{" strong" if c.strong else ""}">', c)
            for c in table.columns
        ]
        lines = []
        for row in table.rows:
            cells = "".join(
                f"{td}{escape(format_cell(value, column, fmt))}</td>"
                for (td, column), value in zip(columns, row.cells, strict=False)
            )
            lines.append(f"<tr{_TOTAL if row.bold else ''}>{cells}</tr>\n")
        return Markup("".join(lines))

    def matrix(self, block: StatusMatrix, block_id: str) -> Markup:
        from markupsafe import Markup, escape

        note = f'<sup class="mark"><a href="#{escape(block_id)}-note-'
        kinds: dict[str, str] = {}  # a row's opening tags by its kind (program, project)
        lines = []
        for row in block.rows:
            cells = []
            for c in row.cells:
                cell = self.cells.get((c.rating, c.trend)) or self._matrix_cell(c)
                if c.mark:
                    mark = escape(c.mark)
                    cell += f'{note}{mark}">{mark}</a></sup>'
                cells.append(cell + "</td>")
            kind = kinds.get(row.kind) or kinds.setdefault(row.kind, f'<tr class="{escape(row.kind)}"><td>')
            lines.append(f"{kind}{escape(row.label)}</td>{''.join(cells)}</tr>\n")
        return Markup("".join(lines))

    def table_pieces(self, table: Table) -> Iterator[Markup]:
        """The body of :meth:`table`, ``PIECE_ROWS`` rows at a time: the page is written as it is
        made (``render_chunks``), and a table of 10,000 rows is not one string of them all."""
        for start in range(0, len(table.rows), PIECE_ROWS):
            yield self.table(replace(table, rows=table.rows[start : start + PIECE_ROWS]))

    def matrix_pieces(self, block: StatusMatrix, block_id: str) -> Iterator[Markup]:
        """The body of :meth:`matrix` in pieces, as :meth:`table_pieces` (a row's markup is its own)."""
        for start in range(0, len(block.rows), PIECE_ROWS):
            yield self.matrix(replace(block, rows=block.rows[start : start + PIECE_ROWS]), block_id)

    def _matrix_cell(self, c: MatrixCell) -> str:
        """A matrix cell without its footnote mark and closing tag: the same for every cell of
        the same rating and trend."""
        from markupsafe import escape

        label = f"{escape(RATING_TEXT[self.lang][c.rating])}"  # type: ignore[index]
        if c.trend:
            label += f", {escape(TREND_TEXT[self.lang][c.trend])}"
        arrow = (
            f'<span class="arrow" aria-hidden="true">{"↗" if c.trend == "better" else "↘"}</span>' if c.trend else ""
        )
        text = f"{escape(matrix_cell_text(c.rating, c.trend, self.lang))}"
        cell = (
            f'<td class="cell"><span class="dot {escape(c.rating or "none")}" role="img" aria-label="{label}" '
            f'title="{label}"></span>{arrow}<span class="sr">{text}</span>'
        )
        self.cells[(c.rating, c.trend)] = cell
        return cell

    def heat_map(self, block: HeatMap) -> Markup:
        from markupsafe import Markup, escape

        lines = []
        for value, cells in zip(block.row_values, block.rows, strict=False):
            tds = "".join(
                f'<td class="heat {escape(c.zone)}{"" if c.count else " empty"}">{escape(c.count) if c.count else ""}'
                f'<span class="sr">{escape(heat_cell_text(c.count, c.zone, self.lang))}</span></td>'
                for c in cells
            )
            lines.append(f'<tr><th scope="row">{escape(value)}</th>{tds}</tr>\n')
        return Markup("".join(lines))

    def figure(self, block: Figure) -> Markup:
        from markupsafe import Markup, escape

        fmt, kind, decimals = self.fmt, block.value_kind, block.decimals
        lines = []
        for series in block.series:
            tds = "".join(f'<td class="num">{escape(format_value(v, kind, decimals, fmt))}</td>' for v in series.values)
            lines.append(f"<tr><td>{escape(series.name)}</td>{tds}</tr>\n")
        return Markup("".join(lines))
