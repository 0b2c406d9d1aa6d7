"""Importing a general-ledger export: one row per account and month, summed into the chart's lines.

The export gives ``account`` (konto), ``period`` (periode) and ``actual`` (regnskap) and/or
``budget`` (budsjett), optionally ``account_name`` (kontonavn) and ``unit``. Each account goes
to the line the account mapping gives it (``accounts.AccountMap``); the line's month is the sum
of its accounts. Ledgers book revenue as credit, a negative amount: with ``ledger_signs =
"credit-negative"`` (the default) the sums of revenue and financial lines are negated, so that
revenue is positive as the income statement shows it. Every row is checked before anything is
written; only the sums are kept, so memory does not grow with the file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from portfolio.api import (
    ColumnMap,
    ImportFileError,
    ImportProfile,
    Period,
    PortfolioError,
    parse_decimal,
    scaled_int_reader,
)
from portfolio_finance.accounts import AccountMap
from portfolio_finance.chart import Chart
from portfolio_finance.figures import FigureInput
from portfolio_finance.fiscal import describe, year_start
from portfolio_finance.sources import SourceTable
from portfolio_finance.units import ORE_PER_KR, UNIT_CHOICES, parse_unit, to_ore

if TYPE_CHECKING:
    from sqlmodel import Session

LEDGER_COLUMNS = ("account", "account_name", "period", "actual", "budget", "unit")
LEDGER_AMOUNTS = ("actual", "budget")
LEDGER_ALIASES: dict[str, str] = {
    "konto": "account",
    "kontonr": "account",
    "kontonavn": "account_name",
    "periode": "period",
    "måned": "period",
    "month": "period",
    "regnskap": "actual",
    "faktisk": "actual",
    "budsjett": "budget",
    "enhet": "unit",
}


@dataclass
class LedgerSums:
    """What a ledger gives: per month and line the sums in øre, and the accounts behind each."""

    unit: int
    lines: dict[tuple[Period, str], list[int | None]] = field(default_factory=dict)  # [actual, budget]
    accounts: dict[tuple[Period, str], dict[int, list[int | None]]] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)
    rows: int = 0
    skipped: int = 0  # rows of ignored accounts

    @property
    def periods(self) -> list[Period]:
        return sorted({period for period, _line in self.lines})

    @property
    def account_count(self) -> int:
        return len({a for accounts in self.accounts.values() for a in accounts})

    def figures(self) -> list[FigureInput]:
        return [
            FigureInput(period, line, self.unit, actual, budget)
            for (period, line), (actual, budget) in sorted(self.lines.items())
        ]


def sum_ledger(
    table: SourceTable,
    columns: ColumnMap,
    profile: ImportProfile,
    chart: Chart,
    accounts: AccountMap,
    *,
    start_month: int,
    unit_option: int | None,
    year: int | None,
    signs: str,
) -> LedgerSums:
    """Every row read and summed; raises once with every problem (file, line, column), and once
    listing every account that no line claims."""
    from portfolio_finance.importer import parse_period_cell

    source = table.source
    unit = _unit(table, profile, unit_option, columns)
    number = profile.conventions
    sums = LedgerSums(unit if unit is not None else 1)
    problems: list[str] = []
    unclaimed: dict[int, str] = {}  # account -> where it was first seen
    negate = {entry.key for entry in chart.lines if entry.kind in ("revenue", "financial")}
    if signs != "credit-negative":
        negate = set()
    account_column, period_column = columns["account"], columns["period"]
    name_column, unit_column = columns.get("account_name"), columns.get("unit")
    position = {name: index for index, name in enumerate(table.header)}  # the file's column -> its place
    account_at, period_at = position[account_column], position[period_column]
    name_at = position[name_column] if name_column is not None else None
    unit_at = position[unit_column] if unit_column is not None else None
    amount_columns = [
        (i, columns[name], position[columns[name]]) for i, name in enumerate(LEDGER_AMOUNTS) if name in columns
    ]
    fiscal = Period(year, start_month) if year is not None else None
    fiscal_where = "--year"
    counted_as = table.counted_as
    line_of = accounts.line_of
    lines_by_account: dict[str, str | None] = {}  # the account as written -> its line: read once
    periods: dict[str, Period] = {}  # the month as written: read once
    starts: dict[Period, Period] = {}
    # (month, account) as written -> (the line's sums, the account's, sign): a row like one
    # read before needs only its amounts read (with a unit column every row is read in full)
    seen: dict[tuple[object, object], tuple[list[int | None], list[int | None], int]] = {}
    scale = sums.unit * ORE_PER_KR
    read_scaled = scaled_int_reader(number, scale)  # amounts as written, read without a Decimal
    count = 0
    # the cells by position, not a dict per row: a year of a ledger is hundreds of thousands of rows
    for line_number, cells in table.positional():
        count += 1
        known = seen.get((cells[period_at], cells[account_at])) if unit_at is None else None
        if known is not None:  # added straight to the sums: a file with any problem stores nothing
            total, behind, sign = known
            for index, name, at in amount_columns:
                cell = cells[at]
                if type(cell) is str:
                    if not cell:
                        continue
                    ore = read_scaled(cell)
                elif cell is None:
                    continue
                else:
                    ore = None
                if ore is None:
                    try:
                        ore = _ore(cell, sums.unit, number)
                    except ValueError as exc:
                        problems.append(f"{source}: {counted_as} {line_number}, column {name}: {exc}")
                        continue
                    if ore is None:
                        continue
                ore *= sign
                was = total[index]
                total[index] = ore if was is None else was + ore
                was = behind[index]
                behind[index] = ore if was is None else was + ore
            continue
        before = len(problems)
        where = f"{counted_as} {line_number}"
        cell = cells[account_at]
        line: str | None = None
        account = -1
        if type(cell) is str and cell in lines_by_account:
            line = lines_by_account[cell]
            account = int(cell)
        else:
            text = cell.strip() if isinstance(cell, str) else ("" if cell is None else str(cell).strip())
            if text.isdigit() and text.isascii():
                account = int(text)
            elif isinstance(cell, int) and not isinstance(cell, bool):
                account = cell
            else:
                what = "empty; every row needs its account number" if not text else f"'{text}' is not an account number"
                problems.append(f"{source}: {where}, column {account_column}: {what} (digits, e.g. 5000)")
            if account >= 0:
                line = line_of(account)
                if type(cell) is str:
                    lines_by_account[cell] = line
        cell = cells[period_at]
        period = periods.get(cell) if type(cell) is str else None
        if period is None:
            try:
                period = parse_period_cell(cell)
            except ValueError as exc:
                problems.append(f"{source}: {where}, column {period_column}: {exc}")
            if period is not None and type(cell) is str:
                periods[cell] = period
        if period is not None:
            start = starts.get(period)
            if start is None:
                start = starts[period] = year_start(period, start_month)
            if fiscal is None:
                fiscal, fiscal_where = start, where
            elif start != fiscal:
                problems.append(
                    f"{source}: {where}, column {period_column}: {period} is outside {describe(fiscal)}, "
                    f"set by {fiscal_where}; import one fiscal year per file"
                )
        row_unit = sums.unit
        if unit_at is not None:
            cell = cells[unit_at]
            if cell not in (None, ""):
                try:
                    row_unit = parse_unit(str(cell))
                except ValueError as exc:
                    problems.append(f"{source}: {where}, column {unit_column}: {exc}")
            elif unit is None:
                problems.append(f"{source}: {where}, column {unit_column}: empty; write {UNIT_CHOICES}")
        row_scale = row_unit * ORE_PER_KR
        amounts: list[int | None] = [None, None]
        for index, name, at in amount_columns:
            cell = cells[at]
            if type(cell) is str and cell:
                ore = (read_scaled if row_scale == scale else scaled_int_reader(number, row_scale))(cell)  # no Decimal
                if ore is not None:
                    amounts[index] = ore
                    continue
            try:
                amounts[index] = _ore(cell, row_unit, number)
            except ValueError as exc:
                problems.append(f"{source}: {where}, column {name}: {exc}")
        if len(problems) > before or account < 0 or period is None:
            continue
        if line == AccountMap.IGNORED:
            sums.skipped += 1
            continue
        if line is None:
            unclaimed.setdefault(account, where)
            continue
        if name_at is not None and account not in sums.names:
            sums.names[account] = str(cells[name_at] or "").strip()
        actual, budget = amounts
        if line in negate:
            actual = None if actual is None else -actual
            budget = None if budget is None else -budget
        key = (period, line)
        if key not in sums.lines:
            sums.lines[key] = [None, None]
            sums.accounts[key] = {}
        total = sums.lines[key]
        if account not in sums.accounts[key]:
            sums.accounts[key][account] = [None, None]
        behind = sums.accounts[key][account]
        if actual is not None:
            total[0] = actual if total[0] is None else total[0] + actual
            behind[0] = actual if behind[0] is None else behind[0] + actual
        if budget is not None:
            total[1] = budget if total[1] is None else total[1] + budget
            behind[1] = budget if behind[1] is None else behind[1] + budget
        period_cell, account_cell = cells[period_at], cells[account_at]
        if type(period_cell) is str and type(account_cell) is str:
            seen[(period_cell, account_cell)] = (total, behind, -1 if line in negate else 1)
    sums.rows = count
    if sums.rows == 0:
        raise PortfolioError(f"{source} has a header but no rows")
    if unclaimed:
        listed = ", ".join(f"{account} ({where})" for account, where in sorted(unclaimed.items()))
        problems.append(
            f"{source}: accounts no line claims: {listed}; map them in [plugins.finance] accounts, "
            "or name a line for the rest with accounts_other"
        )
    if problems:
        raise ImportFileError(source, problems)
    return sums


def _unit(table: SourceTable, profile: ImportProfile, unit_option: int | None, columns: ColumnMap) -> int | None:
    """--unit, else the unit the file states, else the profile's; refused when none is given."""
    stated = table.unit
    if stated is not None and unit_option is not None and stated != unit_option:
        raise PortfolioError(f"{table.source}: {table.unit_where} states another unit than --unit")
    if unit_option is not None or stated is not None:
        return unit_option if unit_option is not None else stated
    if profile.unit is not None:
        try:
            return parse_unit(profile.unit)
        except ValueError as exc:
            raise PortfolioError(f"import.profiles.{profile.name}.unit: {exc}") from None
    if "unit" not in columns:
        raise PortfolioError(
            f"{table.source} does not state its unit; add a unit column ({UNIT_CHOICES}), give --unit kr "
            "or --unit 1000, or a profile with unit"
        )
    return None


def _ore(cell: object, unit: int, conventions: object) -> int | None:
    """An amount cell in whole øre (None when empty), read with the export's conventions."""
    from portfolio_finance.importer import parse_amount_cell

    if type(cell) is str:
        digits = cell[1:] if cell[:1] == "-" else cell
        if digits.isdigit() and digits.isascii():  # whole kroner, as ledgers mostly write them
            return int(cell) * unit * ORE_PER_KR
        if cell:  # the common case: a CSV cell, read by the export's conventions at once
            return to_ore(parse_decimal(cell, conventions), unit)  # type: ignore[arg-type]
    amount = parse_amount_cell(cell, conventions)  # type: ignore[arg-type]
    return None if amount is None else to_ore(amount, unit)


def stored_figures(session: Session, periods: list[Period]) -> dict[tuple[Period, str], tuple[int | None, int | None]]:
    """What is stored for these months: (actual, budget) in øre by month and line."""
    from sqlmodel import col, select

    from portfolio_finance.models import FinanceFigure

    if not periods:
        return {}
    query = select(FinanceFigure.period, FinanceFigure.line_key, FinanceFigure.actual_ore, FinanceFigure.budget_ore)
    query = query.where(col(FinanceFigure.period).in_([str(p) for p in periods]))
    return {(Period.parse(p), key): (actual, budget) for p, key, actual, budget in session.exec(query)}


def preview_blocks(
    sums: LedgerSums,
    stored: Mapping[tuple[Period, str], tuple[int | None, int | None]],
    chart: Chart,
    *,
    unit: int,
    lang: str,
    explain: bool,
) -> list[object]:
    """Per month, the chart's rows as the report shows them (totals computed from the lines),
    what is stored now, and with ``explain`` the accounts behind each line."""
    from portfolio.api import Column, Heading, Row, Table
    from portfolio_finance.statement import resolve
    from portfolio_finance.units import from_ore, unit_label

    blocks: list[object] = []
    for period in sums.periods:
        given = {line: sums.lines.get((period, line)) for line in chart.keys}
        actual = resolve(chart, {k: v[0] for k, v in given.items() if v is not None})
        budget = resolve(chart, {k: v[1] for k, v in given.items() if v is not None})
        rows: list[Row] = []
        for entry in chart.entries:
            change = ""
            if not entry.is_total and given.get(entry.key) is not None:
                old = stored.get((period, entry.key))
                new = tuple(given[entry.key] or ())
                if old is None:
                    change = "new"
                else:
                    kept = tuple(n if n is not None else o for n, o in zip(new, old, strict=True))
                    change = "unchanged" if kept == tuple(old) else _was(old, unit)
            rows.append(
                Row(
                    (entry.label(lang), from_ore(actual[entry.key], unit), from_ore(budget[entry.key], unit), change),
                    bold=entry.bold,
                )
            )
            if explain and not entry.is_total:
                for account, (a, b) in sorted(sums.accounts.get((period, entry.key), {}).items()):
                    name = sums.names.get(account, "")
                    rows.append(Row((f"· {account} {name}".rstrip(), from_ore(a, unit), from_ore(b, unit), "")))
        blocks.append(Heading(str(period), 3))
        blocks.append(
            Table(
                columns=(
                    Column("line", ""),
                    Column("actual", "Actual", "amount"),
                    Column("budget", "Budget", "amount"),
                    Column("stored", "Stored now"),
                ),
                rows=tuple(rows),
                unit_note=f"Amounts in {unit_label(unit)}.",
            )
        )
    return blocks


def _was(old: tuple[int | None, int | None], unit: int) -> str:
    from portfolio_finance.units import from_ore

    parts = [f"{name} {_plain(from_ore(value, unit))}" for name, value in zip(("actual", "budget"), old, strict=True)]
    return "changes; was " + ", ".join(parts)


def _plain(value: Decimal | None) -> str:
    return "-" if value is None else f"{value.quantize(Decimal('0.1')):f}"
