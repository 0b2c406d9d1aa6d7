"""Reading an accounting export, CSV or an Excel sheet, into rows that name where they came from.

Both readers hand over the same shape, so the one validator reports "line 5" for a CSV file and
"row 5" for a sheet, and nothing downstream knows which it was.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

from portfolio.api import PortfolioError, check_header_width
from portfolio_finance.units import parse_unit

CellValue = str | int | float | Decimal | dt.date | dt.datetime | bool | None

# A statement of the unit above a sheet's header, as exports print it: "Enhet: 1000 kr".
# "Enhet: X" states the unit outright, so an unknown X is an error; a title such as "Tall i
# januar" only might, so it counts only when what follows is a unit.
_UNIT_LABEL = re.compile(r"^\s*(?:enhet|unit)\s*:\s*(?P<unit>.+?)\s*$", re.IGNORECASE)
_UNIT_PROSE = re.compile(
    r"^\s*(?:beløp i|tall i|tall vises i|amounts in|figures in)\s+(?P<unit>.+?)\s*$",
    re.IGNORECASE,
)
EXCEL_SUFFIXES = (".xlsx", ".xlsm")


class SourceRow(NamedTuple):
    """One row as read, and where it stands in the file; a tuple, as an import reads one per figure.

    Its place is kept as a number beside the words that count it, so an import can remember where
    each line and month was first given as a number, not as text.
    """

    counted_as: str  # "line" in a CSV file, "sheet 'Ark1', row" in a workbook
    number: int
    values: Mapping[str, CellValue]  # read only: a CSV row gives str values, a sheet any cell value
    formulas: frozenset[str] = frozenset()  # columns holding a formula without a computed value

    @property
    def where(self) -> str:
        """ "line 5" or "sheet 'Ark1', row 5", as messages name the row."""
        return f"{self.counted_as} {self.number}"


@dataclass(frozen=True)
class SourceTable:
    """An export's header, rows and unit, whether it came from CSV or a sheet."""

    source: str
    header: list[str]
    rows: Iterable[SourceRow]  # read once: a CSV file's rows come as they are read
    unit: int | None = None  # a unit stated once for the whole file (above a sheet's header)
    unit_where: str | None = None
    notes: list[str] = field(default_factory=list)
    comments: list[tuple[int, str]] = field(default_factory=list)  # '# profile: NAME' above a CSV header
    counted_as: str = "line"  # how messages count its rows: "line" in a CSV file, "sheet 'Ark1', row"
    cells: Iterator[tuple[int, list[str]]] | None = None  # a CSV file's rows as lists, as they are read

    def positional(self) -> Iterator[tuple[int, Sequence[CellValue]]]:
        """The rows as (number, cells in the header's order): for a reader of many rows that
        picks its columns by position, without a dict per row. Read this or ``rows``, not both."""
        if self.cells is not None:
            return self.cells
        header = self.header
        return ((row.number, [row.values.get(name) for name in header]) for row in self.rows)


def read_source(path: Path, *, sheet: str | None, aliases: dict[str, str]) -> SourceTable:
    """CSV or Excel by the file's suffix; ``aliases`` maps column names to the canonical ones."""
    if path.suffix.lower() in EXCEL_SUFFIXES:
        return read_sheet(path, sheet, aliases)
    if path.suffix.lower() == ".xls":
        raise PortfolioError(f"{path}: the old .xls format cannot be read; save the sheet as .xlsx")
    if sheet is not None:
        raise PortfolioError(f"{path}: --sheet is only for Excel workbooks (.xlsx)")
    return read_csv_source(path)


def read_csv_source(path: Path) -> SourceTable:
    """The header at once, the rows as they are read: an export may have a hundred thousand."""
    from portfolio.api import open_csv_lists

    stream, cells = open_csv_lists(path, comment="#", header_comments=True)
    rows = (SourceRow("line", line, values) for line, values in stream.rows)  # dicts made from the cells
    return SourceTable(stream.source, list(stream.header), rows, comments=stream.comments, cells=cells)


def read_sheet(path: Path, sheet: str | None, aliases: dict[str, str]) -> SourceTable:
    """The first sheet (or ``sheet``): title rows, then a header row, then one row per figure."""
    source = str(path)
    values_book = _open_workbook(path, data_only=True)
    formula_book = _open_workbook(path, data_only=False)
    try:
        names = values_book.sheetnames
        if sheet is None:
            name = names[0]
        elif sheet in names:
            name = sheet
        else:
            raise PortfolioError(f"{source}: no sheet '{sheet}'; the workbook has {', '.join(names)}")
        values_rows = values_book[name].iter_rows(values_only=True)
        formula_rows = formula_book[name].iter_rows(values_only=True)
        return _sheet_table(source, name, values_rows, formula_rows, aliases)
    finally:
        values_book.close()
        formula_book.close()


def _open_workbook(path: Path, *, data_only: bool) -> Any:
    from zipfile import BadZipFile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        return load_workbook(path, read_only=True, data_only=data_only)
    except FileNotFoundError:
        raise PortfolioError(f"cannot read {path}: no such file") from None
    except (BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise PortfolioError(f"cannot read {path} as an Excel workbook (.xlsx): {exc or type(exc).__name__}") from None


def _text(value: CellValue) -> str:
    return "" if value is None else str(value).strip()


def _sheet_table(
    source: str,
    sheet: str,
    values_rows: Any,
    formula_rows: Any,
    aliases: dict[str, str],
) -> SourceTable:
    header: list[str] | None = None
    unit: int | None = None
    unit_where: str | None = None
    rows: list[SourceRow] = []
    counted_as = f"sheet '{sheet}', row"
    for number, (values, formulas) in enumerate(zip(values_rows, formula_rows, strict=False), start=1):
        where = f"sheet '{sheet}', row {number}"
        cells = list(values)
        if header is None:
            filled = max((index for index, value in enumerate(cells) if value not in (None, "")), default=-1)
            check_header_width(source, cells[: filled + 1])  # a header beyond reason is refused at once
            names = [_text(v) for v in cells]
            if {aliases.get(normalise(n)) for n in names if n} >= {"period", "line"}:
                counts = Counter(names)
                repeated = sorted({n for n in names if n and counts[n] > 1})
                if repeated:
                    raise PortfolioError(f"{source}: column '{repeated[0]}' appears more than once")
                header = names
                continue
            for cell in cells:
                stated = _stated_unit(cell, f"{source}: {where}")
                if stated is None:
                    continue
                if unit is not None and stated != unit:
                    raise PortfolioError(f"{source}: {where} states a unit other than {unit_where} does")
                unit, unit_where = stated, where
            continue
        if all(_text(v) == "" for v in cells) and all(f is None for f in formulas):
            continue
        row: dict[str, CellValue] = {}
        pending: set[str] = set()
        for index, value in enumerate(cells):
            name = header[index] if index < len(header) else ""
            formula = formulas[index] if index < len(formulas) else None
            if not name:
                if _text(value) or formula is not None:
                    raise PortfolioError(f"{source}: {where} has a value in column {index + 1}, which has no header")
                continue
            row[name] = value.strip() if isinstance(value, str) else value
            if value is None and isinstance(formula, str) and formula.startswith("="):
                pending.add(name)
        for name in header:
            if name:
                row.setdefault(name, None)
        rows.append(SourceRow(counted_as, number, row, frozenset(pending)))
    if header is None:
        raise PortfolioError(
            f"{source}: no header row found; it needs the columns period and line "
            "(and actual, budget, annual_budget or forecast)"
        )
    names = [n for n in header if n]
    return SourceTable(source, names, rows, unit, unit_where, counted_as=counted_as)


def _stated_unit(cell: CellValue, where: str) -> int | None:
    """The unit a title cell states ("Enhet: 1000 kr", "Tall i 1000 kr"), or None."""
    if not isinstance(cell, str):
        return None
    label = _UNIT_LABEL.match(cell)
    if label:
        try:
            return parse_unit(label["unit"])
        except ValueError as exc:
            raise PortfolioError(f"{where}: {exc}") from None
    prose = _UNIT_PROSE.match(cell)
    if prose:
        try:
            return parse_unit(prose["unit"])
        except ValueError:
            return None
    return None


def normalise(name: str) -> str:
    """'Annual budget' and 'annual_budget' are the same column; so are 'Faktisk' and 'faktisk'."""
    return re.sub(r"[\s\-]+", "_", name.strip().casefold())
