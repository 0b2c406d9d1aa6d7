"""The HTML report's table bodies, written in Python: the markup the template's per-cell loops wrote."""

from __future__ import annotations

from decimal import Decimal

import pytest

from portfolio.render import html
from portfolio.render.common import format_cell, format_value, heat_cell_text, is_numeric, matrix_cell_text
from portfolio.report.blocks import Column, Figure, MatrixCell, MatrixRow, Row, Series, StatusMatrix, Table
from portfolio.report.formatting import Formatter
from tests.test_report_blocks import FIGURE, HEAT_MAP, HOSTILE, MATRIX, TABLE

# The loops as the template had them, one Jinja2 call per cell: the reference for the page's bytes.
TABLE_LOOP = """{% for row in table.rows %}
<tr{% if row.bold %} class="total"{% endif %}>{% for column in table.columns %}{% set value = row.cells[loop.index0] %}<td class="{{ 'num' if numeric(column) else 'multiline' }}{{ ' strong' if column.strong else '' }}">{{ cell(value, column) }}</td>{% endfor %}</tr>
{% endfor %}"""  # noqa: E501
MATRIX_LOOP = """{% for row in block.rows %}
<tr class="{{ row.kind }}"><td>{{ row.label }}</td>{% for c in row.cells %}<td class="cell"><span class="dot {{ c.rating or 'none' }}" role="img" aria-label="{{ rating_text(c.rating) }}{% if c.trend %}, {{ trend_text(c.trend) }}{% endif %}" title="{{ rating_text(c.rating) }}{% if c.trend %}, {{ trend_text(c.trend) }}{% endif %}"></span>{% if c.trend %}<span class="arrow" aria-hidden="true">{{ '↗' if c.trend == 'better' else '↘' }}</span>{% endif %}<span class="sr">{{ matrix_text(c.rating, c.trend) }}</span>{% if c.mark %}<sup class="mark"><a href="#{{ block_id }}-note-{{ c.mark }}">{{ c.mark }}</a></sup>{% endif %}</td>{% endfor %}</tr>
{% endfor %}"""  # noqa: E501
HEAT_LOOP = """{% for cells in block.rows %}
<tr><th scope="row">{{ block.row_values[loop.index0] }}</th>{% for c in cells %}<td class="heat {{ c.zone }}{{ ' empty' if not c.count else '' }}">{{ c.count if c.count else '' }}<span class="sr">{{ heat_text(c.count, c.zone) }}</span></td>{% endfor %}</tr>
{% endfor %}"""  # noqa: E501
FIGURE_LOOP = """{% for series in block.series %}
<tr><td>{{ series.name }}</td>{% for v in series.values %}<td class="num">{{ value(v, block.value_kind, block.decimals) }}</td>{% endfor %}</tr>
{% endfor %}"""  # noqa: E501

HOSTILE_TABLE = Table(
    (Column("name", HOSTILE, strong=True), Column("n", "N", "decimal", 2), Column("p", "%", "percent", 1)),
    (Row((HOSTILE, Decimal("1234.5"), Decimal("0.125"))), Row((None, None, 7), bold=True)),
)
HOSTILE_MATRIX = StatusMatrix(
    "t",
    "h",
    ("a", "b", "c"),
    (
        MatrixRow(
            HOSTILE,
            'pro"gram',
            "X",
            (MatrixCell("green", "better", "<1>"), MatrixCell(None, "worse"), MatrixCell("na")),
        ),
        MatrixRow(
            "&amp;", "project", "Y", (MatrixCell("red", None, "2"), MatrixCell("yellow", "better"), MatrixCell(None))
        ),
    ),
)
HOSTILE_FIGURE = Figure(
    HOSTILE, ("a", "b"), (Series(HOSTILE, (Decimal("1.25"), None)),), value_kind="amount", decimals=0
)


def _reference(source: str, lang: str, **context) -> str:
    from jinja2 import Environment, select_autoescape

    fmt = Formatter(lang)
    env = Environment(autoescape=select_autoescape(default_for_string=True), trim_blocks=True, lstrip_blocks=True)
    env.globals.update(
        cell=lambda value, column: format_cell(value, column, fmt),
        value=lambda value, kind, decimals: format_value(value, kind, decimals, fmt),
        numeric=is_numeric,
        matrix_text=lambda rating, trend: matrix_cell_text(rating, trend, lang),
        heat_text=lambda count, zone: heat_cell_text(count, zone, lang),
        rating_text=lambda rating: html.RATING_TEXT[lang][rating],
        trend_text=lambda trend: html.TREND_TEXT[lang][trend] if trend else "",
    )
    return env.from_string(source).render(**context)


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_table_bodies_are_the_templates_markup(lang):
    rows = html._Rows(Formatter(lang), lang)
    for table in (TABLE, HOSTILE_TABLE):
        assert rows.table(table) == _reference(TABLE_LOOP, lang, table=table)
    for block, block_id in ((MATRIX, "matrix-test-1"), (HOSTILE_MATRIX, 'matrix-<"x">-2')):
        assert rows.matrix(block, block_id) == _reference(MATRIX_LOOP, lang, block=block, block_id=block_id)
    assert rows.heat_map(HEAT_MAP) == _reference(HEAT_LOOP, lang, block=HEAT_MAP)
    for figure in (FIGURE, HOSTILE_FIGURE):
        assert rows.figure(figure) == _reference(FIGURE_LOOP, lang, block=figure)


def test_hostile_text_in_a_matrix_is_escaped_once():
    out = html._Rows(Formatter("en"), "en").matrix(HOSTILE_MATRIX, "m")
    assert "<script" not in out and "&lt;script&gt;" in out
    assert '<tr class="pro&#34;gram"><td>' in out and "<td>&amp;amp;</td>" in out
    assert '<a href="#m-note-&lt;1&gt;">&lt;1&gt;</a>' in out


def test_a_matrix_cell_is_made_once_per_rating_and_trend(monkeypatch):
    rows = html._Rows(Formatter("nb"), "nb")
    made = []
    original = rows._matrix_cell
    monkeypatch.setattr(rows, "_matrix_cell", lambda c: made.append((c.rating, c.trend)) or original(c))
    many = StatusMatrix(
        "t",
        "h",
        ("a", "b"),
        tuple(
            MatrixRow(f"P{i}", "project", f"P{i}", (MatrixCell("green"), MatrixCell("red", "worse", str(i))))
            for i in range(500)
        ),
    )
    out = rows.matrix(many, "m")
    assert sorted(made) == [("green", None), ("red", "worse")]
    assert out.count("<tr ") == 500 and '<a href="#m-note-499">499</a>' in out
