"""Printing lists as a table, CSV or JSON: every list command offers the same three."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Sequence
from decimal import Decimal
from enum import Enum
from typing import Any

import click

FORMATS = ("table", "csv", "json")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")


def format_option(function: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default="table",
        show_default=True,
        help="Output format.",
    )(function)


def _plain(value: Any) -> Any:
    """JSON-friendly values: numbers stay numbers, dates become ISO text."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _csv_cell(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe."""
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def emit(rows: Sequence[dict[str, Any]], columns: Sequence[tuple[str, str]], fmt: str) -> None:
    """Print ``rows`` with the given (key, header) columns in the chosen format."""
    if fmt == "json":
        import json

        data = [{key: _plain(row.get(key)) for key, _ in columns} for row in rows]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        import csv
        import io

        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow([key for key, _ in columns])
        for row in rows:
            writer.writerow([_csv_cell(row.get(key)) for key, _ in columns])
        click.echo(buffer.getvalue(), nl=False)
    else:
        if not rows:
            click.echo("(none)")
            return
        from tabulate import tabulate

        table = [[_table_cell(row.get(key)) for key, _ in columns] for row in rows]
        click.echo(tabulate(table, headers=[h for _, h in columns], disable_numparse=True))


def emit_record(pairs: Sequence[tuple[str, str, Any]], fmt: str) -> None:
    """Print one record as key/value lines, a one-row CSV or a JSON object."""
    if fmt == "json":
        import json

        click.echo(json.dumps({key: _plain(v) for key, _, v in pairs}, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        emit([{key: v for key, _, v in pairs}], [(key, label) for key, label, _ in pairs], "csv")
    else:
        width = max(len(label) for _, label, _ in pairs)
        for _, label, value in pairs:
            click.echo(f"{label + ':':<{width + 1}} {_table_cell(value)}")


def _table_cell(value: Any) -> str:
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def is_tty() -> bool:
    return sys.stdout.isatty()
