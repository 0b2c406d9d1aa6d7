"""What every renderer shares: formatting a cell by its column's kind, and matrix cell text."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from portfolio.report.blocks import Column, ColumnKind, Figure, KeyFigure, Row, Table
from portfolio.report.formatting import Formatter

NUMERIC_KINDS = ("integer", "amount", "decimal", "percent")
# A rating without colour, by the report's language: in bokmål grønn and gul share their first
# letter, so the letters are two ("Gr", "Gu", "Rø"); a legend under each matrix says what they mean.
RATING_LETTERS = {
    "en": {"green": "G", "yellow": "Y", "red": "R"},
    "nb": {"green": "Gr", "yellow": "Gu", "red": "Rø"},
}
ARROWS = {"better": "↗", "worse": "↘"}


def format_value(value: object, kind: ColumnKind, decimals: int, fmt: Formatter) -> str:
    if value is None:
        return ""
    if isinstance(value, str) or kind == "text":
        return str(value)
    if kind == "percent":
        return fmt.percent(value, decimals)  # type: ignore[arg-type]
    return fmt.number(value, decimals)  # type: ignore[arg-type]


def format_cell(value: object, column: Column, fmt: Formatter) -> str:
    return format_value(value, column.kind, column.decimals, fmt)


def format_key_figure(figure: KeyFigure, fmt: Formatter) -> str:
    return format_value(figure.value, figure.kind, 0 if figure.kind in ("integer", "amount") else 1, fmt)  # type: ignore[arg-type]


TREND_ARROWS = {"up": "↑", "down": "↓", "flat": "→"}


def trend_words(figure: KeyFigure, fmt: Formatter, t: Callable[..., str]) -> str:
    """'↓ better (last month: 5.3 %)': arrow, verdict and last month's value; '' without a trend.

    The verdict is a word, not only a colour, so the report reads the same printed in black.
    """
    if figure.trend is None:
        return ""
    if figure.trend == "flat":
        word = t("unchanged")
    elif figure.verdict == "good":
        word = t("better")
    elif figure.verdict == "bad":
        word = t("worse")
    else:
        word = t("up") if figure.trend == "up" else t("down")
    text = f"{TREND_ARROWS[figure.trend]} {word}"
    if figure.previous is not None:
        previous = format_key_figure(replace(figure, value=figure.previous), fmt)
        text += " (" + t("last month: {value}", value=previous) + ")"
    return text


def translator(lang: str) -> Callable[..., str]:
    from portfolio.report.i18n import Translator

    return Translator(lang)


def is_numeric(column: Column) -> bool:
    return column.kind in NUMERIC_KINDS


def matrix_cell_text(rating: str | None, trend: str | None, lang: str = "en") -> str:
    """A cell that reads without colour: G, Y, R (Gr, Gu, Rø in bokmål) with an arrow; ○ not
    assessed; · not reported."""
    if rating is None:
        return "·"
    if rating == "na":
        return "○"
    arrow = f" {ARROWS[trend]}" if trend else ""
    return f"{_letters(lang)[rating]}{arrow}"


def _letters(lang: str) -> dict[str, str]:
    return RATING_LETTERS.get(lang, RATING_LETTERS["en"])


def heat_cell_text(count: int, zone: str, lang: str = "en") -> str:
    """A heat-map cell without colour: the zone's letter and the number of risks ('R 2', 'Y ·')."""
    return f"{_letters(lang).get(zone, '?')} {count if count else '·'}"


def rating_legend(lang: str, t: Callable[..., str]) -> str:
    """What a matrix's letters and signs mean, in the report's language."""
    letters = _letters(lang)
    return t(
        "{green} green, {yellow} yellow, {red} red, ○ not assessed, · not reported.",
        green=letters["green"],
        yellow=letters["yellow"],
        red=letters["red"],
    )


def marked(mark: str | None) -> str:
    """A matrix cell's footnote mark as plain text: ' [1]'; '' without one."""
    return f" [{mark}]" if mark else ""


def figure_as_table(figure: Figure) -> Table:
    """The numbers behind a chart, for renderers that cannot draw: one row per series."""
    kind, decimals = figure.value_kind, figure.decimals
    columns = (
        Column("series", ""),
        *(Column(f"c{i}", category, kind, decimals) for i, category in enumerate(figure.categories)),
    )
    rows = tuple(Row((series.name, *series.values)) for series in figure.series)
    return Table(columns, rows, title=figure.title)
