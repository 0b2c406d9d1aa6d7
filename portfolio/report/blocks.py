"""The neutral building blocks of a report section. Plugins build these; renderers draw them.

Blocks carry raw values (numbers as int or Decimal, ratings as enums) and the kind of each
table column, so every renderer formats them for its own medium and the report's language.
Text uses a tiny markup: ``*emphasis*`` and ``**strong**``; nothing else is interpreted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

Number = int | Decimal

# ---------------------------------------------------------------- inline text


@dataclass(frozen=True)
class Run:
    """A stretch of text with one style."""

    text: str
    emphasis: bool = False
    strong: bool = False


_MARKUP = re.compile(r"(\*\*[^*\n]+?\*\*|\*[^*\n]+?\*)")


def parse_inline(text: str) -> tuple[Run, ...]:
    """Split ``*emphasis*`` and ``**strong**`` from plain text; a lone asterisk stays text."""
    runs = []
    for part in _MARKUP.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**") and len(part) > 4:
            runs.append(Run(part[2:-2], strong=True))
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            runs.append(Run(part[1:-1], emphasis=True))
        else:
            runs.append(Run(part))
    return tuple(runs)


def plain(runs: Sequence[Run]) -> str:
    return "".join(run.text for run in runs)


# ---------------------------------------------------------------- blocks


@dataclass(frozen=True)
class Heading:
    """A sub-heading inside a section."""

    text: str
    level: int = 2  # 2 = sub-heading within a section; the section title itself is level 1
    type: Literal["heading"] = "heading"


@dataclass(frozen=True)
class Paragraph:
    """Running text with *emphasis* and **strong** runs (``Paragraph.of`` reads that markup)."""

    runs: tuple[Run, ...]
    type: Literal["paragraph"] = "paragraph"

    @classmethod
    def of(cls, text: str) -> Paragraph:
        return cls(parse_inline(text))


@dataclass(frozen=True)
class BulletList:
    """A list of short items, each of inline runs."""

    items: tuple[tuple[Run, ...], ...]
    type: Literal["bullets"] = "bullets"

    @classmethod
    def of(cls, items: Sequence[str]) -> BulletList:
        return cls(tuple(parse_inline(item) for item in items))


@dataclass(frozen=True)
class KeyFigure:
    """One figure; with ``previous`` it also tells its trend (see portfolio.report.kpi).

    ``key`` names the figure across months (``report diff`` compares by it); ``trend`` is up,
    down or flat (within the dead band) against ``previous``; ``verdict`` says whether that is
    good, bad or neutral for this figure (sick leave down is good).
    """

    label: str
    value: Number
    kind: str = "integer"  # as a table column's kind
    note: str | None = None
    key: str | None = None
    previous: Number | None = None
    trend: Literal["up", "down", "flat"] | None = None
    verdict: Literal["good", "bad", "neutral"] | None = None


@dataclass(frozen=True)
class KeyFigures:
    """Figures a board member reads at a glance, optionally in labelled groups (columns)."""

    figures: tuple[KeyFigure, ...]
    groups: tuple[str, ...] = ()  # when set, figures are laid out in len(groups) columns
    title: str | None = None
    type: Literal["key_figures"] = "key_figures"


ColumnKind = Literal["text", "integer", "amount", "decimal", "percent"]


@dataclass(frozen=True)
class Column:
    """A table column. ``kind`` decides formatting and alignment; ``decimals`` for decimal/percent."""

    key: str
    label: str
    kind: ColumnKind = "text"
    decimals: int = 0
    strong: bool = False  # every cell of the column in bold, like the seed's project names


@dataclass(frozen=True)
class ColumnGroup:
    """A header spanning ``span`` columns, e.g. 'Januar 2024' over Faktisk/Budsjett/Avvik."""

    label: str
    span: int


CellValue = str | int | Decimal | None


@dataclass(frozen=True)
class Row:
    """One table row; ``bold`` for totals."""

    cells: tuple[CellValue, ...]
    bold: bool = False


@dataclass(frozen=True)
class Table:
    """Rows under typed columns, optionally with spanning column groups and a unit note."""

    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    title: str | None = None
    groups: tuple[ColumnGroup, ...] = ()
    unit_note: str | None = None
    type: Literal["table"] = "table"

    def __post_init__(self) -> None:
        width = len(self.columns)
        for row in self.rows:
            if len(row.cells) != width:
                raise ValueError(f"table row has {len(row.cells)} cells, the table {width} columns")
        if self.groups and sum(g.span for g in self.groups) != width:
            raise ValueError("column groups must span exactly the table's columns")


@dataclass(frozen=True)
class MatrixCell:
    """One rating dot of a status matrix, with its trend and an optional footnote mark."""

    rating: str | None  # green, yellow, red, na; None when not reported
    trend: str | None = None  # better, worse
    mark: str | None = None  # a footnote's number, e.g. where a program overrides its projects' roll-up


@dataclass(frozen=True)
class MatrixRow:
    """A program or project line of a status matrix."""

    label: str
    kind: str  # program or project
    code: str
    cells: tuple[MatrixCell, ...]


@dataclass(frozen=True)
class StatusMatrix:
    """Ratings as coloured dots: one row per project or program, one column per dimension (or month)."""

    title: str
    row_header: str
    dimensions: tuple[str, ...]  # labels in the report's language
    rows: tuple[MatrixRow, ...]
    note: str | None = None
    footnotes: tuple[str, ...] = ()  # footnote n is the text of cells marked str(n)
    type: Literal["status_matrix"] = "status_matrix"


@dataclass(frozen=True)
class HeatCell:
    """One cell of a heat map: how many risks, and the cell's zone."""

    count: int  # how many risks are assessed in this cell
    zone: str  # green, yellow or red: the risk matrix's zone of the cell


@dataclass(frozen=True)
class HeatMap:
    """The 5x5 risk matrix with the number of risks in each cell.

    ``rows`` run from the highest consequence (top) down; columns from probability 1 (left) up.
    """

    title: str
    row_label: str  # e.g. 'Consequence'
    column_label: str  # e.g. 'Probability'
    row_values: tuple[int, ...]  # 5, 4, 3, 2, 1
    column_values: tuple[int, ...]  # 1, 2, 3, 4, 5
    rows: tuple[tuple[HeatCell, ...], ...]
    note: str | None = None
    type: Literal["heat_map"] = "heat_map"

    def __post_init__(self) -> None:
        if len(self.rows) != len(self.row_values) or any(len(r) != len(self.column_values) for r in self.rows):
            raise ValueError("a heat map needs one cell per row value and column value")


@dataclass(frozen=True)
class Series:
    """One named line or set of bars of a figure, a value per category."""

    name: str
    values: tuple[Number | None, ...]


@dataclass(frozen=True)
class Figure:
    """A chart drawn from data: the HTML renderer draws it, text renderers show the numbers."""

    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    kind: Literal["line", "bar"] = "line"
    value_kind: ColumnKind = "decimal"
    decimals: int = 1
    target: Number | None = None  # a horizontal target line, e.g. 5 % sick leave
    target_label: str | None = None
    # What each axis shows, in the report's language: a chart read on paper without its table
    # needs them ("Month reported", "Days past the baseline"); None draws the axis unlabelled.
    x_label: str | None = None
    y_label: str | None = None
    # Whether the chart names its series in a legend: None names them when there is more than one
    # (or a target line); True names a single series too, when its name says what the line is.
    legend: bool | None = None
    type: Literal["figure"] = "figure"

    @property
    def shows_legend(self) -> bool:
        """Whether the drawing has a legend, by ``legend`` or else by the number of lines."""
        if self.legend is not None:
            return self.legend and bool(self.series or self.target is not None)
        return len(self.series) > 1 or self.target is not None

    def __post_init__(self) -> None:
        for series in self.series:
            if len(series.values) != len(self.categories):
                raise ValueError(
                    f"series '{series.name}' has {len(series.values)} values for {len(self.categories)} categories"
                )


@dataclass(frozen=True)
class Note:
    """A short remark in smaller type, e.g. under a table; ``items``, when given, are points
    listed under it inside the same box (as the ratings the data does not bear out)."""

    text: str
    type: Literal["note"] = "note"
    items: tuple[str, ...] = ()


Block = Heading | Paragraph | BulletList | KeyFigures | Table | StatusMatrix | HeatMap | Figure | Note
BLOCK_TYPES = (Heading, Paragraph, BulletList, KeyFigures, Table, StatusMatrix, HeatMap, Figure, Note)


@dataclass(frozen=True)
class Section:
    """A numbered section of the report with its blocks, as one plugin built it."""

    key: str
    number: int
    title: str
    blocks: tuple[Block, ...]
    plugin: str = ""


@dataclass(frozen=True)
class OmittedSection:
    """A section that could not be built; the report says so instead of failing."""

    key: str
    plugin: str
    reason: str


@dataclass(frozen=True)
class Fingerprint:
    """A short digest of the data a report was built from, and one per table it covers.

    ``text`` (``2024-01/3f9a2c1d0b7e``) is printed in every format, so ``report verify`` finds it.
    """

    period: str
    digest: str
    tables: tuple[tuple[str, str], ...] = ()

    @property
    def text(self) -> str:
        return f"{self.period}/{self.digest}"


@dataclass(frozen=True)
class Report:
    """The whole report in neutral blocks: every renderer draws this and only this."""

    title: str
    period: str
    lang: str
    sections: tuple[Section, ...]
    omitted: tuple[OmittedSection, ...] = field(default=())
    contents_title: str = "Innhold"
    fingerprint: Fingerprint | None = None
    fingerprint_label: str = "Data fingerprint"
