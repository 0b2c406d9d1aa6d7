"""Importing monthly figures from an accounting export: validate every row, then write all or none.

One row per line and month: ``period``, ``line`` (key or label) and any of ``actual``,
``budget``, ``annual_budget`` and ``forecast``; the unit is stated in a ``unit`` column, above a
sheet's header ("Enhet: 1000 kr"), or with ``--unit``. Norwegian column names work too.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from portfolio.api import (
    Conventions,
    ImportFileError,
    ImportProfile,
    Period,
    PeriodError,
    PortfolioError,
    parse_date,
    parse_decimal,
)
from portfolio_finance.chart import Chart
from portfolio_finance.figures import FigureInput, StoredBefore
from portfolio_finance.fiscal import describe, year_start
from portfolio_finance.sources import CellValue, SourceRow, SourceTable, normalise, read_source
from portfolio_finance.units import MAX_ORE, ORE_PER_KR, UNIT_CHOICES, checked_ore, parse_unit, to_ore

if TYPE_CHECKING:
    from sqlmodel import Session

AMOUNT_COLUMNS = ("actual", "budget", "annual_budget", "forecast")
COLUMNS = ("period", "line", *AMOUNT_COLUMNS, "unit")
ALIASES: dict[str, str] = {
    **{name: name for name in COLUMNS},
    "periode": "period",
    "month": "period",
    "måned": "period",
    "linje": "line",
    "post": "line",
    "faktisk": "actual",
    "regnskap": "actual",
    "budsjett": "budget",
    "årsbudsjett": "annual_budget",
    "prognose": "forecast",
    "enhet": "unit",
}


@dataclass(frozen=True)
class ImportResult:
    """What a finance import stored: rows, months and the unit, and what was stored before in
    what it wrote to (for the preview)."""

    rows: int
    periods: tuple[Period, ...]
    unit: str
    before: StoredBefore = field(default_factory=StoredBefore)


def canonical_header(table: SourceTable) -> dict[str, str]:
    """Canonical column name -> the file's own name; unknown or repeated columns are refused."""
    mapping: dict[str, str] = {}
    for name in table.header:
        canonical = ALIASES.get(normalise(name))
        if canonical is None:
            raise PortfolioError(
                f"{table.source}: unknown column '{name}'; allowed: {', '.join(COLUMNS)} "
                "(or periode, linje, faktisk, budsjett, årsbudsjett, prognose, enhet)"
            )
        if canonical in mapping:
            raise PortfolioError(f"{table.source}: columns '{mapping[canonical]}' and '{name}' both mean {canonical}")
        mapping[canonical] = name
    for required in ("period", "line"):
        if required not in mapping:
            raise PortfolioError(
                f"{table.source}: missing column '{required}'; required: period, line and at "
                f"least one of {', '.join(AMOUNT_COLUMNS)}"
            )
    if not any(name in mapping for name in AMOUNT_COLUMNS):
        raise PortfolioError(f"{table.source}: no amount column; give at least one of {', '.join(AMOUNT_COLUMNS)}")
    return mapping


def _text(value: CellValue) -> str:
    return "" if value is None else str(value).strip()


def parse_period_cell(value: CellValue) -> Period:
    """'2024-01', a date in the month ('2024-01-31', '31.01.2024') or a spreadsheet date."""
    if isinstance(value, dt.datetime | dt.date):
        return Period.of(value if isinstance(value, dt.date) else value.date())
    return _period_from_text(_text(value))


@lru_cache(maxsize=256)  # a file repeats the same twelve months on every line
def _period_from_text(text: str) -> Period:
    if not text:
        raise ValueError("empty; write the month as YYYY-MM, e.g. 2024-01")
    try:
        return Period.parse(text)
    except PeriodError:
        pass
    if len(text) == 6 and text.isdigit() and 1 <= int(text[4:]) <= 12:  # 202401, as ledgers write it
        return Period(int(text[:4]), int(text[4:]))
    try:
        return Period.of(parse_date(text))
    except ValueError:
        raise ValueError(f"'{text}' is not a month; write YYYY-MM, e.g. 2024-01") from None


def parse_amount_cell(value: CellValue, conventions: Conventions | None = None) -> Decimal | None:
    """Text as people write it ('1 137 600', '-3 109', '0,8'); a sheet's number as Excel shows it.

    A spreadsheet number is read to Excel's 15 significant digits, so 0.1 + 0.2 is 0.3. Text is
    read with the export's ``conventions`` when its profile gives them.
    """
    if type(value) is str:  # the common case, a CSV cell
        return parse_decimal(value, conventions) if value.strip() else None
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError(f"'{value}' is not a number")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"'{value}' is not a number")
        return Decimal(f"{value:.15g}")
    if isinstance(value, Decimal):
        return value
    if isinstance(value, dt.date | dt.datetime):
        raise ValueError(f"'{value}' is a date, not an amount")
    return parse_decimal(str(value), conventions)


def unknown_line(text: str, chart: Chart) -> str:
    names = [*chart.keys, *(e.nb for e in chart.entries), *(e.en for e in chart.entries)]
    wanted = text.casefold()
    close = [n for n in names if n.casefold().startswith(wanted)] or difflib.get_close_matches(
        text, names, n=1, cutoff=0.6
    )
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return f"unknown line '{text}'{hint} ('portfolio finance lines' lists them)"


def parse_figure_table(
    table: SourceTable,
    chart: Chart,
    *,
    start_month: int,
    unit_option: int | None = None,
    year: int | None = None,
) -> list[FigureInput]:
    """Every row checked; raises once with every problem ("line N, column X: ...")."""
    problems: list[str] = []
    parsed = list(check_figures(table, chart, problems, start_month=start_month, unit_option=unit_option, year=year))
    if problems:
        raise ImportFileError(table.source, problems)
    return parsed


def check_figures(
    table: SourceTable,
    chart: Chart,
    problems: list[str],
    *,
    start_month: int,
    unit_option: int | None = None,
    year: int | None = None,
    columns: dict[str, str] | None = None,
    profile: ImportProfile | None = None,
) -> Iterator[FigureInput]:
    """The good rows as they are read, with each bad row's problems appended to ``problems``.

    A file's own faults (its header, its unit) raise at once; a file without rows raises at the
    end. Only what later rows are checked against is kept: the line and month of each row.
    ``columns`` is the header as a profile mapped it (default: the native names and aliases);
    the profile's conventions read the amounts and its unit is the default.
    """
    if columns is None:
        columns = canonical_header(table)
    if (
        profile is not None
        and profile.unit is not None
        and unit_option is None
        and table.unit is None
        and ("unit" not in columns)
    ):
        try:
            unit_option = parse_unit(profile.unit)
        except ValueError as exc:
            raise PortfolioError(f"import.profiles.{profile.name}.unit: {exc}") from None
    file_unit = table.unit
    if file_unit is not None and unit_option is not None and file_unit != unit_option:
        raise PortfolioError(
            f"{table.source}: {table.unit_where} states the unit "
            f"{'kr' if file_unit == 1 else '1000 kr'}, but --unit says "
            f"{'kr' if unit_option == 1 else '1000 kr'}"
        )
    default_unit = file_unit if file_unit is not None else unit_option
    if default_unit is None and "unit" not in columns:
        raise PortfolioError(
            f"{table.source} does not state its unit; add a unit column ({UNIT_CHOICES}) "
            "or give --unit kr or --unit 1000"
        )
    fiscal = Period(year, start_month) if year is not None else None
    fiscal_where = "--year" if year is not None else None
    # where each line was first given in each month, as row numbers by the line's place in the
    # chart: a fiscal year holds at most 12 months of the chart's lines, however long the file is
    places = {entry.key: place for place, entry in enumerate(chart.entries)}
    first_given: dict[Period, array[int]] = {}
    annual_seen: dict[tuple[Period, str], tuple[int | None, str]] = {}
    conventions = profile.conventions if profile is not None else None
    read = _RowReader(columns, chart, default_unit, unit_option, problems, conventions).read
    rows_read = 0
    last_period: Period | None = None  # rows of a month come together, as one object
    numbers = array("q")
    for row in table.rows:
        rows_read += 1
        item, period, line_key = read(row)
        if period is not None:
            if period is not last_period:
                last_period, start = period, year_start(period, start_month)
                given = first_given.get(period)
                if given is None:
                    given = first_given[period] = array("q", bytes(8 * len(places)))
                numbers = given
                if fiscal is None:
                    fiscal, fiscal_where = start, row.where
            if start != fiscal:
                assert fiscal is not None  # set by the first month read
                problems.append(
                    f"{row.where}, column {columns['period']}: {period} is outside "
                    f"{describe(fiscal)}, set by {fiscal_where}; import one fiscal year per file"
                )
                continue
        if period is not None and line_key is not None:  # a bad row's line and month count too
            place = places[line_key]
            if numbers[place]:
                problems.append(
                    f"{row.where}, column {columns['line']}: line '{line_key}' for {period} "
                    f"is already given on {row.counted_as} {numbers[place]}"
                )
                continue
            numbers[place] = row.number
        if item is None:
            continue
        if item.annual_budget_ore is not None:
            first = annual_seen.get((start, item.line_key))
            if first is not None and first[0] != item.annual_budget_ore:
                problems.append(
                    f"{row.where}, column {columns['annual_budget']}: the annual budget of "
                    f"'{item.line_key}' differs from the one on {first[1]}"
                )
                continue
            if first is not None:
                item = item._replace(annual_budget_ore=None)
            else:
                annual_seen[(start, item.line_key)] = (item.annual_budget_ore, row.where)
        yield item
    if rows_read == 0:
        raise PortfolioError(f"{table.source} has a header but no rows")


class _RowReader:
    """Reads one table's rows into figures, its columns and unit looked up once, not per row.

    An import reads a hundred thousand rows, so what is the same for every row is found once.
    """

    def __init__(
        self,
        columns: dict[str, str],
        chart: Chart,
        default_unit: int | None,
        unit_option: int | None,
        problems: list[str],
        conventions: Conventions | None = None,
    ) -> None:
        self.conventions = conventions
        self.columns = columns
        self.period_column = columns["period"]
        self.line_column = columns["line"]
        self.unit_column = columns.get("unit")
        # (its place in AMOUNT_COLUMNS, amount column, its name in the file)
        self.amount_columns = [(i, name, columns[name]) for i, name in enumerate(AMOUNT_COLUMNS) if name in columns]
        self.chart = chart
        self.default_unit = default_unit
        self.unit_option = unit_option
        self.problems = problems

    def problem(self, row: SourceRow, column: str, message: str) -> None:
        self.problems.append(f"{row.where}, column {self.columns[column]}: {message}")

    def read(self, row: SourceRow) -> tuple[FigureInput | None, Period | None, str | None]:
        """One row (None when it has problems, which are appended), and its month and line's key
        if they read: a later row for the same line and month repeats even a bad row."""
        problems = self.problems
        before = len(problems)
        values = row.values
        if row.formulas:
            for column in sorted(row.formulas):
                problems.append(
                    f"{row.where}, column {column}: a formula without a computed value; "
                    "open and save the workbook in Excel, or paste the values"
                )
        period: Period | None = None
        cell = values.get(self.period_column)
        try:
            period = _period_from_text(cell.strip()) if type(cell) is str else parse_period_cell(cell)
        except ValueError as exc:
            self.problem(row, "period", str(exc))
        cell = values.get(self.line_column)
        line_text = cell.strip() if type(cell) is str else _text(cell)
        entry = self.chart.find(line_text) if line_text else None
        if not line_text:
            self.problem(row, "line", "empty; every row needs a line (key or label)")
        elif entry is None:
            self.problem(row, "line", unknown_line(line_text, self.chart))
        unit = self._unit(row)
        amounts: list[int | None] = [None, None, None, None]  # øre, in the order of AMOUNT_COLUMNS
        for index, column, name in self.amount_columns:
            try:
                amounts[index] = _amount_ore(values.get(name), unit, self.conventions)
            except ValueError as exc:
                self.problem(row, column, str(exc))
        if len(problems) == before and amounts.count(None) == len(amounts):
            given = ", ".join(c for c in AMOUNT_COLUMNS if c in self.columns)
            problems.append(f"{row.where}: no amount; fill {given}")
        line_key = entry.key if entry is not None else None
        if len(problems) > before or period is None or entry is None or unit is None:
            return None, period, line_key
        actual, budget, annual_budget, forecast = amounts
        return FigureInput(period, entry.key, unit, actual, budget, forecast, annual_budget), period, line_key

    def _unit(self, row: SourceRow) -> int | None:
        """The row's unit: its unit cell, else the file's or --unit; None when it has a problem."""
        if self.unit_column is None:
            return self.default_unit
        cell = row.values.get(self.unit_column)
        cell = cell.strip() if type(cell) is str else _text(cell)
        if not cell:
            if self.default_unit is None:
                self.problem(row, "unit", f"empty; write {UNIT_CHOICES} (or give --unit)")
            return self.default_unit
        try:
            unit = parse_unit(cell)
        except ValueError as exc:
            self.problem(row, "unit", str(exc))
            return None
        if self.unit_option is not None and unit != self.unit_option:
            self.problem(row, "unit", f"'{cell}' contradicts --unit {'kr' if self.unit_option == 1 else '1000'}")
        return unit


# '12 345,6' and '-1 137 600' as the documented format writes them: read to øre in integers
_NORWEGIAN = re.compile(r"(-?)(\d{1,3}(?: \d{3})+|\d+)(?:,(\d+))?", flags=re.ASCII)


def _amount_ore(value: CellValue, unit: int | None, conventions: Conventions | None = None) -> int | None:
    """A cell's amount in whole øre (None when empty, or when the unit is unknown).

    Whole kroner, and without a profile's conventions '12 345,6', go to øre in integers; what
    that cannot give exactly (a fraction of an øre, an amount too large) is left to the full
    parser and its message."""
    if type(value) is str:
        digits = value[1:] if value[:1] == "-" else value
        if digits.isdigit() and digits.isascii():  # whole kroner, as exports write them
            return None if unit is None else checked_ore(int(value) * unit * ORE_PER_KR, value, unit)
        if conventions is None and unit is not None:
            match = _NORWEGIAN.fullmatch(value.strip())
            if match is not None:
                sign, whole, fraction = match.groups()
                scale = 10 ** len(fraction or "")
                exact = (int(whole.replace(" ", "")) * scale + int(fraction or 0)) * unit * ORE_PER_KR
                if exact % scale == 0 and exact // scale <= MAX_ORE:
                    return -(exact // scale) if sign else exact // scale
    amount = parse_amount_cell(value, conventions)
    return None if amount is None or unit is None else to_ore(amount, unit)


def import_figures(
    session: Session,
    path: Path,
    chart: Chart,
    *,
    start_month: int,
    unit_option: int | None = None,
    year: int | None = None,
    sheet: str | None = None,
    dry_run: bool = False,
    table: SourceTable | None = None,
    columns: dict[str, str] | None = None,
    profile: ImportProfile | None = None,
) -> ImportResult:
    """Read, check and store one file; nothing is written when any row is bad or a month closed.

    Rows are checked and written a batch at a time, so memory does not grow with the file; a
    bad row or a closed month raises at the end, and the caller's transaction is rolled back.
    """
    from portfolio.api import chunks
    from portfolio_finance.figures import IMPORT_BATCH, FigureWriter

    if table is None:
        table = read_source(path, sheet=sheet, aliases=ALIASES)
    problems: list[str] = []
    figures = check_figures(
        table,
        chart,
        problems,
        start_month=start_month,
        unit_option=unit_option,
        year=year,
        columns=columns,
        profile=profile,
    )
    writer = FigureWriter(session, start_month, write=not dry_run)
    count = 0
    periods: set[Period] = set()
    units: set[int] = set()
    for batch in chunks(figures, IMPORT_BATCH):
        count += len(batch)
        periods.update(item.period for item in batch)
        units.update(item.unit for item in batch)
        if not problems:  # once a row is bad nothing will be kept: only check the rest
            writer.add(batch)
    if problems:
        raise ImportFileError(table.source, problems)
    writer.finish()
    return ImportResult(
        count,
        tuple(sorted(periods)),
        " and ".join("kr" if u == 1 else "1000 kr" for u in sorted(units)),
        writer.before,
    )


def periods_text(periods: Iterable[Period]) -> str:
    ordered = sorted(periods)
    if not ordered:
        return "no month"
    if len(ordered) == 1:
        return str(ordered[0])
    return f"{ordered[0]}..{ordered[-1]}"
