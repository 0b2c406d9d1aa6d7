"""The report as one self-contained HTML file: inline CSS and SVG, A4 print layout, autoescaped."""

from __future__ import annotations

from typing import Any

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
from portfolio.report.blocks import Figure, Report
from portfolio.report.formatting import Formatter

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


def render(report: Report, **_options: Any) -> str:
    from markupsafe import Markup

    from portfolio.render.charts import figure_svg
    from portfolio.report.verify import tables_text

    fmt = Formatter(report.lang)
    t = translator(report.lang)
    env = _environment()
    env.globals.update(
        cell=lambda value, column: format_cell(value, column, fmt),
        key_figure=lambda figure: format_key_figure(figure, fmt),
        trend=lambda figure: trend_words(figure, fmt, t),
        fingerprint_tables=tables_text,
        value=lambda value, kind, decimals: format_value(value, kind, decimals, fmt),
        numeric=is_numeric,
        SHORT_TABLE_ROWS=SHORT_TABLE_ROWS,
        matrix_text=lambda rating, trend: matrix_cell_text(rating, trend, report.lang),
        heat_text=lambda count, zone: heat_cell_text(count, zone, report.lang),
        rating_text=lambda rating: RATING_TEXT[report.lang][rating],
        trend_text=lambda trend: TREND_TEXT[report.lang][trend] if trend else "",
        # The SVG is built by matplotlib from the figure's data; matplotlib escapes its text.
        chart=lambda figure: Markup(figure_svg(figure, fmt)) if isinstance(figure, Figure) else "",
    )
    return env.get_template("report.html.j2").render(report=report)
