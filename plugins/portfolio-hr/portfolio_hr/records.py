"""HR records as the HR and time systems export them, counted and summed by the plugin.

- **AML breaches, one row per employee and breach** (``employee``, ``date`` or ``period``,
  ``type``): each row is one breach; the month's count of a type is the number of its rows in
  that month (by the breach's day, or the month given). The same employee, day and type twice is
  refused: a breach is one row.
- **Sick-leave days** (``period``, optionally ``unit`` or ``employee``, ``sick_days``,
  ``possible_days``, optionally ``short_term_days``, ``long_term_days``, ``self_certified_days``,
  ``doctor_certified_days``): the month's percentage is the sum of its sick-leave days divided by
  the sum of its possible working days, so each unit weighs by its days; a part likewise.
- **Sick-leave percentages per unit** (``period``, ``unit``, ``total`` and the parts in percent,
  optionally ``possible_days``): with ``sick_leave_rule = "weighted"`` (the default) each unit's
  percentage weighs by its possible days (the column is then needed); with ``"mean"`` every unit
  weighs the same (the plain mean), for HR systems that give only percentages.

Percentages are rounded half up to two decimals. Every row is checked before anything is stored.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from sqlmodel import Session

from portfolio.api import CsvTable, ImportProfile, Period, PortfolioError, is_closed
from portfolio_hr.config import HrConfig
from portfolio_hr.models import PERCENT_FIELDS
from portfolio_hr.values import not_in_future, parse_percent

PART_DAYS = {
    "short_term_days": "short_term",
    "long_term_days": "long_term",
    "self_certified_days": "self_certified",
    "doctor_certified_days": "doctor_certified",
}
DAYS_COLUMNS = ("period", "unit", "employee", "sick_days", "possible_days", *PART_DAYS)
AML_ROW_COLUMNS = ("employee", "date", "period", "type")
CENT = Decimal("0.01")
MAX_DAYS = Decimal("999999999")


def percent(part: Decimal, whole: Decimal) -> Decimal:
    """``part`` in percent of ``whole``, rounded half up to two decimals."""
    return (part * 100 / whole).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass
class Reader:
    """One file's rows read with its profile; problems name the file, line and the file's column."""

    session: Session
    table: CsvTable
    profile: ImportProfile
    names: Mapping[str, str]
    problems: list[str] = field(default_factory=list)

    def where(self, line: int, column: str) -> str:
        return f"{self.table.source}: line {line}, column {self.names.get(column, column)}"

    def fail(self, line: int, column: str, message: str) -> None:
        self.problems.append(f"{self.where(line, column)}: {message}")

    def month(self, line: int, column: str, text: str) -> Period | None:
        """A month as the export writes it (or the month of a day, for column ``date``): not in
        the future, not closed."""
        try:
            period = Period.of(self.profile.date(text)) if column == "date" else self.profile.month(text)
            not_in_future(period)
        except ValueError as exc:
            self.fail(line, column, str(exc))
            return None
        if is_closed(self.session, period):
            self.fail(line, column, f"period {period} is closed")
            return None
        return period

    def days(self, line: int, column: str, text: str, *, positive: bool = False) -> Decimal | None:
        if not text.strip():
            if positive:
                self.fail(line, column, "empty; the month's possible working days are needed")
                return None
            return Decimal(0)  # no days of that kind
        try:
            value = self.profile.number(text)
        except ValueError as exc:
            self.fail(line, column, str(exc))
            return None
        if value < 0 or (positive and value == 0):
            allowed = "more than 0" if positive else "0 or more"
            self.fail(line, column, f"'{text}' is not a number of days {allowed}")
            return None
        if value > MAX_DAYS or value != value.quantize(CENT):
            self.fail(line, column, f"'{text}': days are written with at most two decimals")
            return None
        return value


def count_aml_rows(reader: Reader, config: HrConfig) -> dict[Period, dict[str, int]]:
    """One row per employee and breach, counted per month and type."""
    table = reader.table
    by_date = "date" in table.header
    if not by_date and "period" not in table.header:
        raise PortfolioError(
            f"{table.source}: one row per employee and breach needs the breach's date (or its month, period)"
        )
    counts: dict[Period, dict[str, int]] = {}
    seen: dict[tuple[str, str, str], int] = {}
    for line, row in table.rows:
        employee = (row.get("employee") or "").strip()
        if not employee:
            reader.fail(line, "employee", "empty; every breach row names its employee")
        column = "date" if by_date else "period"
        period = reader.month(line, column, row.get(column) or "")
        try:
            kind = config.breach_type(row.get("type") or "")
        except ValueError as exc:
            reader.fail(line, "type", str(exc))
            continue
        if period is None or not employee:
            continue
        if by_date:
            key = (employee, (row.get("date") or "").split()[0], kind.key)
            if key in seen:
                reader.fail(line, "type", f"{employee}'s breach {kind.key} on {key[1]} is already on line {seen[key]}")
                continue
            seen[key] = line
        month = counts.setdefault(period, {})
        month[kind.key] = month.get(kind.key, 0) + 1
    return counts


def sum_sick_days(reader: Reader) -> dict[Period, dict[str, Decimal | None]]:
    """Sick-leave days per unit or employee and month, summed into the month's percentages."""
    table = reader.table
    parts = [name for name in PART_DAYS if name in table.header]
    subject_column = next((name for name in ("unit", "employee") if name in table.header), None)
    sums: dict[Period, dict[str, Decimal]] = {}
    seen: dict[tuple[Period, str], int] = {}
    for line, row in table.rows:
        period = reader.month(line, "period", row.get("period") or "")
        sick = reader.days(line, "sick_days", row.get("sick_days") or "")
        possible = reader.days(line, "possible_days", row.get("possible_days") or "", positive=True)
        given = {name: reader.days(line, name, row.get(name) or "") for name in parts}
        if period is None:
            continue
        readable = sick is not None and possible is not None and None not in given.values()
        if readable and possible is not None:
            for name, value in (("sick_days", sick), *given.items()):
                if value is not None and value > possible:
                    reader.fail(line, name, f"{value} days is more than the {possible} possible working days")
        subject = (row.get(subject_column) or "").strip() if subject_column else ""
        if (period, subject) in seen:  # a row with a bad value holds its place too
            what = f"{subject} in {period}" if subject else str(period)
            reader.fail(line, subject_column or "period", f"{what} is already on line {seen[period, subject]}")
            continue
        seen[period, subject] = line
        if not readable or sick is None or possible is None:
            continue
        month = sums.setdefault(period, dict.fromkeys(("sick_days", "possible_days", *parts), Decimal(0)))
        month["sick_days"] += sick
        month["possible_days"] += possible
        for name, value in given.items():
            month[name] += value or Decimal(0)
    result: dict[Period, dict[str, Decimal | None]] = {}
    for period, month in sums.items():
        whole = month["possible_days"]
        values: dict[str, Decimal | None] = dict.fromkeys(PERCENT_FIELDS)
        values["total"] = percent(month["sick_days"], whole)
        for name in parts:
            values[PART_DAYS[name]] = percent(month[name], whole)
        values["possible_days"] = whole
        result[period] = values
    return result


def combine_unit_percentages(reader: Reader, config: HrConfig) -> dict[Period, dict[str, Decimal | None]]:
    """Percentages per unit and month combined by the configured rule."""
    table = reader.table
    weighted = config.sick_leave_rule == "weighted"
    has_days = "possible_days" in table.header
    subject = "unit" if "unit" in table.header else "employee"
    if weighted and not has_days:
        raise PortfolioError(
            f"{table.source}: one row per {subject} gives percentages, and [plugins.hr] sick_leave_rule = "
            f'"weighted" weighs each by its possible working days: add a possible_days column, or set '
            f'sick_leave_rule = "mean" for the plain mean of the {subject}s'
        )
    fields = [name for name in PERCENT_FIELDS if name in table.header]
    rows: dict[Period, list[tuple[dict[str, Decimal | None], Decimal | None]]] = {}
    seen: dict[tuple[Period, str], int] = {}
    for line, row in table.rows:
        period = reader.month(line, "period", row.get("period") or "")
        values: dict[str, Decimal | None] = {}
        bad = False
        for name in fields:
            text = (row.get(name) or "").strip()
            if not text:
                if name == "total":
                    reader.fail(line, name, "empty; the total is required")
                    bad = True
                values[name] = None
                continue
            try:
                values[name] = parse_percent(text)
            except ValueError as exc:
                reader.fail(line, name, str(exc))
                bad = True
        weight = reader.days(line, "possible_days", row.get("possible_days") or "", positive=True) if has_days else None
        if period is None:
            continue
        who = (row.get(subject) or "").strip()
        if (period, who) in seen:  # a row with a bad value holds its place too
            reader.fail(line, subject, f"{who} in {period} is already on line {seen[period, who]}")
            continue
        seen[period, who] = line
        if bad or (has_days and weight is None):
            continue
        rows.setdefault(period, []).append((values, weight))
    result: dict[Period, dict[str, Decimal | None]] = {}
    for period, units in rows.items():
        month: dict[str, Decimal | None] = dict.fromkeys(PERCENT_FIELDS)
        for name in fields:
            known = [
                (value, weight or Decimal(0)) for values, weight in units if (value := values.get(name)) is not None
            ]
            if not known:
                continue
            if weighted:
                whole = sum((w for _v, w in known), Decimal(0))
                mean = sum((v * w for v, w in known), Decimal(0)) / whole
            else:
                mean = sum((v for v, _w in known), Decimal(0)) / len(known)
            month[name] = mean.quantize(CENT, rounding=ROUND_HALF_UP)
        month["possible_days"] = sum((w or Decimal(0) for _v, w in units), Decimal(0)) if has_days else None
        result[period] = month
    return result
