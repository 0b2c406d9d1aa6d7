"""Charts as inline SVG, drawn with matplotlib; imported only when a chart is not in the cache.

Importing matplotlib takes about half a second, more than building the whole report, and a
month's charts are drawn from the same figures every time the report is built again. So each
drawing is kept in the user's cache, keyed by the figure's data, the language, this module's
source and matplotlib's version: the same input always gives the same bytes, cached or not.
"""

from __future__ import annotations

import hashlib
import io
import re
from functools import lru_cache
from pathlib import Path

from portfolio.cache import cache_key, file_stamp, read_cached, write_cached
from portfolio.report.blocks import Figure
from portfolio.report.formatting import Formatter

PALETTE = ("#1f4e79", "#c55a11", "#548235", "#7030a0", "#bf9000", "#2e75b6")
TARGET_COLOUR = "#c00000"
# Type sizes in points at the drawing's own width (WIDTH_IN); the board pack prints a chart at
# the page's full text width (180 mm, a little more than 7 in), so they print at least as large:
# never below 7 pt, the smallest a board member reads on paper.
WIDTH_IN = 7.0
TEXT_PT = 9  # tick labels and axis labels
LEGEND_PT = 8


def figure_svg(figure: Figure, fmt: Formatter) -> str:
    """The figure as an <svg> element; the same data always gives the same bytes."""
    name = f"charts/{_chart_key(figure, fmt.lang)}.svg"
    cached = read_cached(name)
    if cached is not None and cached.startswith("<svg"):
        return cached
    svg = draw_svg(figure, fmt)
    write_cached(name, svg)
    return svg


def _chart_key(figure: Figure, lang: str) -> str:
    return cache_key([repr(figure), lang, *_drawing_code()])


@lru_cache(maxsize=1)
def _drawing_code() -> tuple[str, str]:
    """What else a drawing depends on: the installed matplotlib and this module's source.

    matplotlib is named by its package file's path, time and size, which any upgrade changes:
    asking importlib.metadata for its version would import that module (some 20 ms) to draw
    nothing.
    """
    from importlib.util import find_spec

    spec = find_spec("matplotlib")
    installed = file_stamp(Path(spec.origin)) if spec is not None and spec.origin else "no matplotlib"
    return installed, hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


def draw_svg(figure: Figure, fmt: Formatter) -> str:
    """Draw the figure with matplotlib (its object API, not pyplot: no global state, fewer imports)."""
    import matplotlib
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure as MplFigure
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    with matplotlib.rc_context(
        {
            "svg.fonttype": "none",  # text stays text: smaller, searchable, selectable
            "svg.hashsalt": "portfolio",  # stable element ids
            "font.family": "sans-serif",
            "font.size": TEXT_PT,
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    ):
        fig = MplFigure(figsize=(WIDTH_IN, 2.8), dpi=100)
        FigureCanvasSVG(fig)
        ax = fig.subplots()
        positions = list(range(len(figure.categories)))
        count = max(len(figure.series), 1)
        for index, series in enumerate(figure.series):
            colour = PALETTE[index % len(PALETTE)]
            values = [float(v) if v is not None else float("nan") for v in series.values]
            if figure.kind == "bar":
                width = 0.8 / count
                offsets = [p - 0.4 + width * (index + 0.5) for p in positions]
                ax.bar(offsets, values, width=width, label=series.name, color=colour)
            else:
                ax.plot(positions, values, marker="o", markersize=3, label=series.name, color=colour, clip_on=False)
        if figure.target is not None:
            ax.axhline(
                float(figure.target), color=TARGET_COLOUR, linestyle="--", linewidth=1, label=figure.target_label
            )
        ax.set_xticks(positions, list(figure.categories))
        given = [v for series in figure.series for v in series.values if v is not None]
        if given and min(given) >= 0:
            ax.set_ylim(bottom=0)  # an axis that starts at zero does not exaggerate a change
        decimals = figure.decimals
        if decimals == 0:  # whole numbers get whole ticks: not 0, 0, 1, 2, 2, 2, 3 for small counts
            ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        if figure.value_kind == "percent":
            ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: fmt.percent(round(v, decimals), decimals)))
        else:
            ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: fmt.number(round(v, decimals), decimals)))
        ax.grid(axis="y", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
        if figure.x_label:
            ax.set_xlabel(figure.x_label, fontsize=TEXT_PT, color="#444444")
        if figure.y_label:
            ax.set_ylabel(figure.y_label, fontsize=TEXT_PT, color="#444444")
        if figure.shows_legend:
            ax.legend(frameon=False, fontsize=LEGEND_PT, loc="upper left", bbox_to_anchor=(1.0, 1.0))
        fig.tight_layout()
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]  # drop the XML declaration and doctype: it is inlined
    return re.sub(r"\s*<metadata>.*?</metadata>", "", svg, flags=re.S)
