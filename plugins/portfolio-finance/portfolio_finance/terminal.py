"""The section's blocks outside a report, for ``portfolio finance show``.

The core builds a section's context (labels, number formats) and renders blocks only inside a
report, and neither is in the public API. So the plugin makes its own: labels from its own
catalogs, numbers, dates and month names from Babel with the report's rules (half-up rounding,
no "-0"), and tables drawn with tabulate as the terminal report draws them.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from portfolio.api import Block, BulletList, Heading, Note, Paragraph, Period, SectionContext, Table, shown_data

if TYPE_CHECKING:
    from sqlmodel import Session

    from portfolio.api import AppContext

LOCALES = {"nb": "nb_NO", "en": "en_GB"}
CATALOGS = Path(__file__).parent / "locales"
NUMERIC = ("integer", "amount", "decimal", "percent")


class Formatter:
    """Numbers and month names in one language, by Babel, with the report's rounding."""

    def __init__(self, lang: str):
        self.lang = lang
        self.locale = LOCALES[lang]

    def number(self, value: int | Decimal | None, decimals: int = 0) -> str:
        from babel.numbers import format_decimal

        if value is None:
            return ""
        rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
        if rounded == 0:
            rounded = abs(rounded)
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        return format_decimal(rounded, format=pattern, locale=self.locale)

    def percent(self, value: int | Decimal | None, decimals: int = 0) -> str:
        from babel.numbers import format_percent

        if value is None:
            return ""
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + ("\u00a0%" if self.lang == "nb" else "%")
        return format_percent(Decimal(str(value)) / 100, format=pattern, locale=self.locale)

    def millions(self, value: int | Decimal, decimals: int = 1) -> str:
        return self.number(Decimal(str(value)) / 1000, decimals)

    def date_long(self, day: dt.date) -> str:
        from babel.dates import format_date

        return format_date(day, format="d. MMMM y" if self.lang == "nb" else "d MMMM y", locale=self.locale)

    def month_name(self, period: Period, *, with_year: bool = True, abbreviated: bool = False) -> str:
        from babel.dates import format_date

        pattern = ("MMM" if abbreviated else "MMMM") + (" y" if with_year else "")
        text = format_date(period.first_day, format=pattern, locale=self.locale).rstrip(".")
        return text[:1].upper() + text[1:]


class Translator:
    """The plugin's own labels for one language; an id without a translation is shown as is."""

    def __init__(self, lang: str):
        from babel.messages.pofile import read_po

        with (CATALOGS / f"{lang}.po").open("rb") as handle:
            catalog = read_po(handle)
        self.messages = {str(m.id): str(m.string) for m in catalog if m.id and m.string}

    def __call__(self, msgid: str, **values: object) -> str:
        text = self.messages.get(msgid, msgid)
        return text.format(**values) if values else text


def section_context(app: AppContext, session: Session, period: Period, lang: str) -> SectionContext:
    """A context like the one the report gives the section builder."""
    t, fmt = Translator(lang), Formatter(lang)
    return SectionContext(session, period, lang, app.settings, t, fmt, app)  # type: ignore[arg-type]


def render(blocks: Sequence[Block], lang: str, *, colour: bool = False, width: int = 100) -> str:
    """Blocks as plain text: headings, wrapped paragraphs, bullets, notes and tables.

    With ``colour``, control characters in the blocks' texts are shown before the bold is added,
    so that the bold is the only escape code ``echo_rendered`` lets through."""
    fmt = Formatter(lang)
    if colour:
        blocks = [shown_data(block) for block in blocks]
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            lines += [click.style(block.text, bold=True) if colour else block.text, ""]
            continue
        if isinstance(block, Paragraph):
            lines += textwrap.wrap("".join(r.text for r in block.runs), width)
        elif isinstance(block, BulletList):
            for item in block.items:
                text = "".join(r.text for r in item)
                lines += textwrap.wrap(text, width, initial_indent="• ", subsequent_indent="  ")
        elif isinstance(block, Note):
            lines += textwrap.wrap(block.text, width)
        elif isinstance(block, Table):
            lines += table_lines(block, fmt, colour=colour)
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _cell(value: Any, kind: str, decimals: int, fmt: Formatter) -> str:
    if value is None:
        return ""
    if isinstance(value, str) or kind == "text":
        return str(value)
    if kind == "percent":
        return fmt.percent(value, decimals)
    return fmt.number(value, decimals)


def table_lines(table: Table, fmt: Formatter, *, colour: bool = False) -> list[str]:
    """The table with its column groups as a first header line, numbers right-aligned."""
    from tabulate import tabulate

    lines = [click.style(table.title, bold=True) if colour else table.title] if table.title else []
    group_of: list[str] = []
    for group in table.groups:
        group_of += [group.label] + [""] * (group.span - 1)
    headers = [
        f"{group_of[i]}\n{column.label}" if table.groups else column.label for i, column in enumerate(table.columns)
    ]
    rows = []
    for row in table.rows:
        cells = []
        for value, column in zip(row.cells, table.columns, strict=True):
            text = _cell(value, column.kind, column.decimals, fmt)
            cells.append(click.style(text, bold=True) if colour and text and (row.bold or column.strong) else text)
        rows.append(cells)
    align = ["right" if c.kind in NUMERIC else "left" for c in table.columns]
    lines.append(tabulate(rows, headers=headers, disable_numparse=True, colalign=align))
    if table.unit_note:
        lines.append(table.unit_note)
    return lines
