"""Baselines for the imports, measured in the same run: raw csv + sqlite3 (the reads' are in raw_reads.py).

python -m benchmarks.baselines import DB CSV PERIOD     # insert a month's statuses (and audit rows) with executemany
python -m benchmarks.baselines finance DB CSV           # a year of figures in the documented format, executemany
python -m benchmarks.baselines ledger DB CSV            # sum a year of ledger rows into lines, then insert them
python -m benchmarks.baselines calls DB CSV             # sum a year of call records into months, then insert them
"""

from __future__ import annotations

import csv
import datetime as dt
import sqlite3
import sys
from collections.abc import Iterable, Iterator
from itertools import islice

KEYS = ("scope", "finance", "resources", "schedule", "dependencies", "benefits")


BATCH = 1000  # rows read and written at a time, so that memory stays flat however long the file


def _batches(handle: Iterable[str]) -> Iterator[list[dict[str, str]]]:
    rows = csv.DictReader(handle)
    while batch := list(islice(rows, BATCH)):
        yield batch


def raw_import(path: str, csv_path: str, period: str) -> int:
    """The floor for a status import: the same rows, parsed and inserted with executemany.

    "The same rows" are what ``portfolio status import`` writes: a report and its six ratings per
    project, and the audit trail's row for each new rating (an import is audited field by field).
    The file is read and written a batch at a time, as ours is.
    """
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("BEGIN IMMEDIATE")
    ids = dict(connection.execute("SELECT code, id FROM project"))
    now = dt.datetime.now(dt.UTC).isoformat()
    report_id = connection.execute("SELECT coalesce(max(id), 0) FROM status_report").fetchone()[0]
    count = 0
    with open(csv_path, encoding="utf-8") as handle:
        for rows in _batches(handle):
            reports: list[tuple[object, ...]] = []
            ratings: list[tuple[object, ...]] = []
            trail: list[tuple[object, ...]] = []
            for row in rows:
                report_id += 1
                reports.append((report_id, period, ids[row["code"]], "baseline", now, 1))
                ratings.extend((report_id, key, row[key]) for key in KEYS)
                trail.extend(
                    (
                        now,
                        "baseline",
                        "insert",
                        "status_rating",
                        f"{report_id}/{key}",
                        row["code"],
                        period,
                        key,
                        row[key],
                    )
                    for key in KEYS
                )
            connection.executemany(
                "INSERT INTO status_report (id, period, project_id, reported_by, reported_at, version) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                reports,
            )
            connection.executemany("INSERT INTO status_rating (report_id, dimension, rating) VALUES (?, ?, ?)", ratings)
            connection.executemany(
                "INSERT INTO audit_log (at, user, action, table_name, row_key, subject, period, field, new_value) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                trail,
            )
            count += len(rows)
    connection.execute("COMMIT")
    return count


UNITS = {"kr": 1, "1000 kr": 1000}
FIGURE_FIELDS = ("unit", "actual_ore", "budget_ore")


def _amount_ore(text: str, unit: int) -> int:
    """'-12 345,6' in ``unit`` kroner -> øre: the documented Norwegian format (thousands by spaces,
    a decimal comma), in integers as the import does it."""
    text = text.replace(" ", "").replace("\u00a0", "")
    negative = text.startswith("-")
    whole, _, fraction = text.lstrip("-").partition(",")
    scale = unit * 100
    digits = len(str(scale)) - 1
    ore = int(whole) * scale + (int(fraction.ljust(digits, "0")[:digits]) if fraction else 0)
    return -ore if negative else ore


def raw_finance_import(path: str, csv_path: str) -> int:
    """The floor for a finance import: the same figures in the documented format (semicolons,
    '12 345,6', a unit column saying '1000 kr'), parsed to øre and inserted with executemany, a
    batch at a time, with the audit trail's row for each field of each figure."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("BEGIN IMMEDIATE")
    now = dt.datetime.now(dt.UTC).isoformat()
    count = 0
    with open(csv_path, encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle, delimiter=";")
        next(rows)
        while batch := list(islice(rows, BATCH)):
            figures: list[tuple[str, str, int, int, int]] = []
            trail: list[tuple[str, ...]] = []
            for period, line, actual, budget, unit_text in batch:
                unit = UNITS[unit_text.strip().lower()]
                figure = (period, line, unit, _amount_ore(actual, unit), _amount_ore(budget, unit))
                figures.append(figure)
                key = f"{period}/{line}"
                trail.extend(
                    (now, "baseline", "insert", "finance_figure", key, period, field, str(value))
                    for field, value in zip(FIGURE_FIELDS, figure[2:], strict=True)
                )
            connection.executemany(
                "INSERT INTO finance_figure (period, line_key, unit, actual_ore, budget_ore) VALUES (?, ?, ?, ?, ?)",
                figures,
            )
            # the import audits each figure field by field, as every write of a plugin's rows is
            connection.executemany(
                "INSERT INTO audit_log (at, user, action, table_name, row_key, period, field, new_value) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                trail,
            )
            count += len(batch)
    connection.execute("COMMIT")
    return count


# NS 4102 onto the default chart, as portfolio_finance.accounts.NS4102 has it: (first, last, line)
LEDGER_RANGES = sorted(
    [
        (3000, 3399, "sales"),
        (3600, 3699, "sales"),
        (3400, 3499, "grants"),
        (3500, 3599, "other_revenue"),
        (3700, 3999, "other_revenue"),
        (4000, 4999, "other_costs"),
        (6100, 7999, "other_costs"),
        (5000, 5999, "personnel"),
        (6000, 6099, "depreciation"),
        (8000, 8199, "financial"),
    ]
)
CREDIT_LINES = {"sales", "grants", "other_revenue", "financial"}


def _kroner_ore(text: str) -> int:
    """'(1 234,50)' -> -123450 øre: brackets, spaces and a decimal comma, as the ledger profile."""
    negative = text.startswith("(")
    if negative:
        text = text[1:-1]
    whole, _, fraction = text.replace(" ", "").replace("\u00a0", "").partition(",")
    ore = int(whole) * 100 + (int(fraction.ljust(2, "0")) if fraction else 0)
    return -ore if negative else ore


def raw_ledger_import(path: str, csv_path: str) -> int:
    """The floor for a ledger import: the same rows read with the same rules (account to line by
    the NS 4102 ranges, brackets and decimal commas, credit lines turned), summed per month and
    line, and the sums inserted with executemany."""
    import bisect

    lows = [low for low, _high, _line in LEDGER_RANGES]
    line_of: dict[int, str] = {}
    sums: dict[tuple[str, str], list[int]] = {}
    count = 0
    with open(csv_path, encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle, delimiter=";")
        next(rows)
        for account_text, _name, period, actual, budget, _department in rows:
            count += 1
            account = int(account_text)
            line = line_of.get(account)
            if line is None:
                low, high, line = LEDGER_RANGES[bisect.bisect_right(lows, account) - 1]
                if not low <= account <= high:
                    raise SystemExit(f"account {account} is claimed by no line")
                line_of[account] = line
            sign = -1 if line in CREDIT_LINES else 1
            key = (f"{period[:4]}-{period[4:]}", line)
            total = sums.get(key)
            if total is None:
                total = sums[key] = [0, 0]
            total[0] += sign * _kroner_ore(actual)
            total[1] += sign * _kroner_ore(budget)
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("BEGIN IMMEDIATE")
    connection.executemany(
        "INSERT INTO finance_figure (period, line_key, unit, actual_ore, budget_ore) VALUES (?, ?, 1, ?, ?)",
        [(period, line, actual, budget) for (period, line), (actual, budget) in sorted(sums.items())],
    )
    connection.execute("COMMIT")
    return count


def raw_calls_import(path: str, csv_path: str, answer_seconds: int = 60) -> int:
    """The floor for an import of call records: the same rows read with the same rules (month of
    the day-first date, phone by channel, answered within ``answer_seconds`` from hh:mm:ss, an
    empty wait not answered, first line 'Ja'), summed per month, shares rounded half up to one
    decimal, and the months inserted."""
    from decimal import ROUND_HALF_UP, Decimal

    sums: dict[str, list[int]] = {}
    count = 0
    with open(csv_path, encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle, delimiter=";")
        next(rows)
        for _id, received, channel, _queue, wait, solved, _agent in rows:
            count += 1
            month = f"{received[6:10]}-{received[3:5]}"
            total = sums.get(month)
            if total is None:
                total = sums[month] = [0, 0, 0, 0]
            total[0] += 1
            if channel.casefold() == "telefon":
                total[1] += 1
                if wait:
                    hours, minutes, seconds = wait.split(":")
                    if int(hours) * 3600 + int(minutes) * 60 + int(seconds) <= answer_seconds:
                        total[2] += 1
            if solved.casefold() == "ja":
                total[3] += 1

    def share(part: int, whole: int) -> Decimal:
        return (Decimal(100 * part) / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("BEGIN IMMEDIATE")
    connection.executemany(
        "INSERT INTO services_support_month (period, contacts, phone_share, answered_share, first_line_share) "
        "VALUES (?, ?, ?, ?, ?)",
        [
            (month, c, str(share(p, c)), str(share(a, p)), str(share(f, c)))
            for month, (c, p, a, f) in sorted(sums.items())
        ],
    )
    connection.execute("COMMIT")
    return count


def main() -> None:
    what = sys.argv[1]
    if what == "import":
        raw_import(sys.argv[2], sys.argv[3], sys.argv[4])
    elif what == "finance":
        raw_finance_import(sys.argv[2], sys.argv[3])
    elif what == "ledger":
        raw_ledger_import(sys.argv[2], sys.argv[3])
    elif what == "calls":
        raw_calls_import(sys.argv[2], sys.argv[3])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
