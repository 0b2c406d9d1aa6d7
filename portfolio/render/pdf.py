"""The report as an A4 PDF, laid out by Typst from the report's blocks.

Typst (the ``typst`` wheel: a compiler in one binary module, no system libraries) gives the board
pack what a browser's print cannot: the contents with the page each section starts on, a running
header and footer, table headers repeated on every page a table runs over, rows never split
between pages, and the charts embedded as vectors. It lays out a 1,000-project report in a few
seconds, where an HTML engine needed tens of seconds and most of a gigabyte.

The template (``portfolio/templates/report.typ``) is fixed; the report comes in as data, one JSON
document and each chart's SVG in ``sys.inputs``. Typst shows a string from data as text and never
evaluates it, so no project name or comment can become markup.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from functools import lru_cache
from importlib.resources import files
from typing import Any

from portfolio.errors import PortfolioError
from portfolio.period import Period
from portfolio.render.common import (
    format_cell,
    format_key_figure,
    heat_cell_text,
    is_numeric,
    matrix_cell_text,
    translator,
    trend_words,
)
from portfolio.report.blocks import (
    Block,
    BulletList,
    Figure,
    Heading,
    HeatMap,
    KeyFigures,
    Note,
    Paragraph,
    Report,
    Run,
    StatusMatrix,
    Table,
)
from portfolio.report.formatting import Formatter

INSTALL_HINT = "install it with: pip install typst"
PRINT_FONT = "Liberation Sans"
FONT_HINT = "apt-get install fonts-liberation"
SHORT_TABLE_ROWS = 15  # a table this short is kept on one printed page


def render(report: Report, **_options: Any) -> bytes:
    """The report as PDF bytes: the same bytes for the same report, on any day."""
    typst = _typst()
    if not print_font_installed():
        print(
            f"warning: the PDF's print font {PRINT_FONT} is not installed, so it is set in a wider "
            f"fallback font (DejaVu Sans) and its pages differ; install it with: {FONT_HINT}",
            file=sys.stderr,
        )
    inputs = typst_inputs(report)
    try:
        pdf = typst.compile(
            _template(), format="pdf", sys_inputs=inputs, timestamp=_timestamp(report.period), pdf_tags=False
        )
    except typst.TypstError as exc:  # the template is ours: a failure here is a bug, said in one line
        raise PortfolioError(f"Typst could not lay out the PDF: {exc.message}") from None
    if not isinstance(pdf, bytes):
        raise PortfolioError("Typst returned no PDF")
    return pdf


def _typst() -> Any:
    try:
        import typst
    except ImportError:
        raise PortfolioError(f"PDF output needs Typst; {INSTALL_HINT}") from None
    return typst


@lru_cache(maxsize=1)
def _template() -> bytes:
    return files("portfolio").joinpath("templates/report.typ").read_bytes()


def _timestamp(period: str) -> dt.datetime:
    """The build is dated by the report's month (its last day), never by the clock."""
    day = Period.parse(period).last_day
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def print_font_installed() -> bool:
    """Whether Typst finds the print font (Liberation Sans: Arial's widths) among the system's fonts."""
    try:
        import typst
    except ImportError:
        return True  # the missing compiler is the error to report
    return PRINT_FONT in typst.Fonts(include_system_fonts=True, include_embedded_fonts=False).families()


# ---------------------------------------------------------------- the report as data


def typst_inputs(report: Report) -> dict[str, str]:
    """``sys.inputs`` for the template: the report as JSON under ``report``, each chart's SVG under ``chart-N``."""
    from portfolio.report.verify import identity_text

    fmt = Formatter(report.lang)
    t = translator(report.lang)
    charts: dict[str, str] = {}
    day = Period.parse(report.period).last_day
    data = {
        "title": report.title,
        "lang": report.lang,
        "identity": identity_text("pdf", report.lang, report.period),
        "date": [day.year, day.month, day.day],
        "page-label": t("Page {page} of {pages}"),
        "contents-title": report.contents_title,
        "omitted": [f"⚠ {o.key} ({o.plugin}): {o.reason}" for o in report.omitted],
        "sections": [
            {
                "heading": f"{section.number}. {section.title}",
                "blocks": [
                    _block(block, _next(section.blocks, index), report.lang, fmt, t, charts)
                    for index, block in enumerate(section.blocks)
                ],
            }
            for section in report.sections
        ],
        "fingerprint": (
            f"{report.fingerprint_label}: {report.fingerprint.text}" if report.fingerprint is not None else None
        ),
    }
    return {"report": json.dumps(data, ensure_ascii=False, separators=(",", ":")), **charts}


def _next(blocks: tuple[Block, ...], index: int) -> Block | None:
    return blocks[index + 1] if index + 1 < len(blocks) else None


LEADS_INTO = (Table, Figure, KeyFigures)


def _runs(runs: tuple[Run, ...]) -> list[list[str]]:
    return [[run.text, "strong" if run.strong else "emphasis" if run.emphasis else ""] for run in runs]


def _block(
    block: Block, following: Block | None, lang: str, fmt: Formatter, t: Any, charts: dict[str, str]
) -> dict[str, Any]:
    if isinstance(block, Heading):
        return {"kind": "heading", "text": block.text}
    if isinstance(block, Paragraph):
        return {"kind": "paragraph", "runs": _runs(block.runs), "lead": isinstance(following, LEADS_INTO)}
    if isinstance(block, BulletList):
        return {"kind": "bullets", "items": [_runs(item) for item in block.items]}
    if isinstance(block, KeyFigures):
        return _key_figures(block, fmt, t)
    if isinstance(block, Table):
        return _table(block, fmt)
    if isinstance(block, StatusMatrix):
        return _matrix(block, lang)
    if isinstance(block, HeatMap):
        return _heat_map(block, lang)
    if isinstance(block, Figure):
        from portfolio.render.charts import figure_svg

        name = f"chart-{len(charts)}"
        charts[name] = figure_svg(block, fmt)
        return {"kind": "figure", "title": block.title, "chart": name}
    if isinstance(block, Note):
        return {"kind": "note", "text": block.text, "items": list(block.items)}
    raise TypeError(f"the PDF cannot draw a {type(block).__name__}")


def _key_figures(block: KeyFigures, fmt: Formatter, t: Any) -> dict[str, Any]:
    count = len(block.groups) or 1
    per = len(block.figures) // count
    columns = [
        [
            [figure.label, format_key_figure(figure, fmt), trend_words(figure, fmt, t), figure.verdict or ""]
            for figure in block.figures[g * per : (g + 1) * per]
        ]
        for g in range(count)
    ]
    return {"kind": "key_figures", "title": block.title, "groups": list(block.groups), "columns": columns}


def _table(block: Table, fmt: Formatter) -> dict[str, Any]:
    numeric = [is_numeric(column) for column in block.columns]
    return {
        "kind": "table",
        "title": block.title,
        "groups": [[group.label, group.span] for group in block.groups],
        "columns": [column.label for column in block.columns],
        "numeric": numeric,
        "strong": [column.strong for column in block.columns],
        "rows": [
            [format_cell(value, column, fmt) for value, column in zip(row.cells, block.columns, strict=True)]
            for row in block.rows
        ],
        "bold": [row.bold for row in block.rows],
        "short": len(block.rows) <= SHORT_TABLE_ROWS,
        "unit-note": block.unit_note,
    }


def _matrix(block: StatusMatrix, lang: str) -> dict[str, Any]:
    rows = [
        [
            row.label,
            row.kind == "program",
            [
                [cell.rating or "none", matrix_cell_text(cell.rating, cell.trend, lang), cell.mark or ""]
                for cell in row.cells
            ],
        ]
        for row in block.rows
    ]
    return {
        "kind": "status_matrix",
        "title": block.title,
        "row-header": block.row_header,
        "dimensions": list(block.dimensions),
        "rows": rows,
        "note": block.note,
        "footnotes": list(block.footnotes),
    }


def _heat_map(block: HeatMap, lang: str) -> dict[str, Any]:
    return {
        "kind": "heat_map",
        "title": block.title,
        "row-label": block.row_label,
        "column-label": block.column_label,
        "row-values": list(block.row_values),
        "column-values": list(block.column_values),
        "rows": [
            [[cell.zone, cell.count, heat_cell_text(cell.count, cell.zone, lang).split(" ")[0]] for cell in row]
            for row in block.rows
        ],
        "note": block.note,
    }
