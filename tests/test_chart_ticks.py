"""Chart axes: whole numbers get whole ticks, so small counts do not repeat a label."""

from __future__ import annotations

import re

from portfolio.render import charts
from portfolio.report.blocks import Figure, Series
from portfolio.report.formatting import Formatter


def y_tick_labels(svg: str) -> list[str]:
    axis = svg[svg.index('id="matplotlib.axis_2"') :]
    axis = axis[: axis.index("</g>\n  </g>\n </g>") if "</g>\n  </g>\n </g>" in axis else len(axis)]
    return re.findall(r"<text[^>]*>([^<]*)</text>", axis)


def test_small_counts_get_whole_distinct_ticks():
    figure = Figure(
        title="Åpne avvik",
        categories=("jan", "feb", "mar"),
        series=(Series("Totalt", (3, 2, 1)),),
        kind="line",
        value_kind="integer",
        decimals=0,
    )
    labels = y_tick_labels(charts.draw_svg(figure, Formatter("nb")))
    assert labels, "the y axis has tick labels"
    assert len(labels) == len(set(labels)), labels
    assert all(label.strip().lstrip("−-").isdigit() for label in labels), labels
