"""Printing lists as a table, CSV, JSON or an Excel workbook: every list command offers the same.

``format_option`` gives a command ``--format`` and ``-o/--output FILE`` with ``--force``; ``emit``
prints the rows, or writes them to that file. A workbook is only ever written to a file.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

import click

from portfolio.safe_text import visible

FORMATS = ("table", "csv", "json", "xlsx")
FILE_FORMATS = ("csv", "json", "xlsx")  # what -o writes; the table is for the terminal
FILE_ONLY_FORMATS = ("xlsx",)  # binary: never to a terminal
_TARGET = "portfolio.output_file"  # in click's context meta: where emit writes


@dataclass(frozen=True)
class OutputFile:
    """The file a list command writes to (``-o``), and whether it may replace one."""

    path: Path
    force: bool


def format_option(function: Callable[..., Any]) -> Callable[..., Any]:
    """``--format table|csv|json|xlsx`` and ``-o FILE``/``--force``; the command itself sees only ``fmt``."""

    @functools.wraps(function)
    def command(*args: Any, **kwargs: Any) -> Any:
        path: Path | None = kwargs.pop("output_file")
        force: bool = kwargs.pop("output_force")
        fmt = kwargs["fmt"]
        if path is None and fmt in FILE_ONLY_FORMATS:
            raise click.UsageError(f"--format {fmt} writes a file: name it with -o, e.g. -o list.{fmt}")
        if path is not None and fmt not in FILE_FORMATS:
            raise click.UsageError(f"-o writes {', '.join(FILE_FORMATS)}; add --format with one of them")
        if path is not None:
            from portfolio.files import check_output

            check_output(path, force=force)
        click.get_current_context().meta[_TARGET] = OutputFile(path, force) if path is not None else None
        return function(*args, **kwargs)

    command = click.option("--force", "output_force", is_flag=True, help="Replace the -o file if it exists.")(command)
    command = click.option(
        "-o",
        "--output",
        "output_file",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Write the list to this file (csv, json or xlsx; xlsx needs it).",
    )(command)
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default="table",
        show_default=True,
        help="Output format.",
    )(command)


def _target() -> OutputFile | None:
    context = click.get_current_context(silent=True)
    return context.meta.get(_TARGET) if context is not None else None


def _write(target: OutputFile, content: str | bytes, rows: int) -> None:
    from portfolio.files import write_output

    write_output(target.path, content, force=target.force)
    _wrote(target, rows)


def _wrote(target: OutputFile, rows: int) -> None:
    click.echo(f"Wrote {target.path} ({rows} {'row' if rows == 1 else 'rows'}).", err=True)


def _print(text: str, target: OutputFile | None, rows: int) -> None:
    if target is None:
        click.echo(text, nl=False)
    else:
        _write(target, text, rows)


def _sheet_title() -> str:
    """The command that made the list, e.g. 'risk list', names the workbook's sheet."""
    context = click.get_current_context(silent=True)
    if context is None:
        return "list"
    return context.command_path.partition(" ")[2] or context.command_path


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
    """A cell by the one rule for spreadsheet cells (``portfolio.safe_text``): control characters
    shown, and text that a spreadsheet would run as a formula gets a leading apostrophe."""
    from portfolio.safe_text import csv_value

    value = _plain(value)
    if isinstance(value, bool):  # the JSON's words, not Python's True/False
        return "true" if value else "false"
    return "" if value is None else csv_value(value)


STREAM_CHUNK = 500  # rows a CSV or JSON list gathers before it writes them


def emit(rows: Iterable[Mapping[str, Any]], columns: Sequence[tuple[str, str]], fmt: str) -> None:
    """Print ``rows`` with the given (key, header) columns in the chosen format, or write them to -o.

    ``rows`` may be any iterable, a generator over a database cursor best: CSV and JSON are written
    as the rows come, a few hundred at a time, so a list of 100,000 projects never sits in memory
    whole (call ``emit`` inside the read session then). The terminal's table and the workbook need
    every row first (column widths), and take them all.
    """
    try:
        _emit(rows, columns, fmt)
    finally:  # a generator left half-read (a closed pipe) ends now, while its session is open
        close = getattr(rows, "close", None)
        if close is not None:
            close()


def _emit(rows: Iterable[Mapping[str, Any]], columns: Sequence[tuple[str, str]], fmt: str) -> None:
    target = _target()
    if fmt in ("csv", "json"):
        counted = _Counted(rows)
        chunks = _json_chunks(counted, columns) if fmt == "json" else _csv_chunks(counted, columns)
        if target is None:
            for chunk in chunks:
                click.echo(chunk, nl=False)
        else:
            from portfolio.files import write_output_chunks

            write_output_chunks(target.path, chunks, force=target.force)
            _wrote(target, counted.count)
        return
    if fmt == "xlsx":
        from portfolio.render.spreadsheet import list_workbook

        if target is None:  # format_option refuses this; a direct caller gets the same answer
            raise click.UsageError("--format xlsx writes a file: name it with -o")
        rows = rows if isinstance(rows, list) else list(rows)
        _write(target, list_workbook(rows, list(columns), _sheet_title()), len(rows))
    else:  # the cells as text, made as the rows come: the rows themselves are not kept
        table = [[_table_cell(row.get(key)) for key, _ in columns] for row in rows]
        if not table:
            click.echo("(none)")
            return
        from portfolio.render.aligned import aligned_table

        click.echo(aligned_table(table, [h for _, h in columns]))


class _Counted:
    """The rows as they pass, counted: the -o message names how many were written."""

    def __init__(self, rows: Iterable[Mapping[str, Any]]) -> None:
        self.rows = rows
        self.count = 0

    def __iter__(self) -> Iterator[Mapping[str, Any]]:
        for row in self.rows:
            self.count += 1
            yield row


def _csv_chunks(rows: Iterable[Mapping[str, Any]], columns: Sequence[tuple[str, str]]) -> Iterator[str]:
    """The CSV text of ``rows``, a header line first, in pieces of ``STREAM_CHUNK`` rows."""
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([key for key, _ in columns])
    for number, row in enumerate(rows, start=1):
        writer.writerow([_csv_cell(row.get(key)) for key, _ in columns])
        if number % STREAM_CHUNK == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _json_chunks(rows: Iterable[Mapping[str, Any]], columns: Sequence[tuple[str, str]]) -> Iterator[str]:
    """The JSON array of ``rows``, written ``STREAM_CHUNK`` objects at a time: the same text as
    ``json.dumps(list, ensure_ascii=False, indent=2)`` plus a newline.

    Each chunk is encoded as an array of its own, whose brackets are dropped and whose pieces
    are joined by the comma the whole array would have. One encoding per chunk, not per row:
    the indenting encoder is pure Python and leaves a reference cycle behind each call.
    """
    import json

    encode = json.JSONEncoder(ensure_ascii=False, indent=2).encode
    batch: list[dict[str, Any]] = []
    opening = "[\n"
    for row in rows:
        batch.append({key: _plain(row.get(key)) for key, _ in columns})
        if len(batch) == STREAM_CHUNK:
            yield opening + encode(batch)[2:-2]  # the objects between '[\n' and '\n]'
            batch.clear()
            opening = ",\n"
    if batch:
        yield opening + encode(batch)[2:-2] + "\n]\n"
    else:
        yield "[]\n" if opening == "[\n" else "\n]\n"


def emit_record(pairs: Sequence[tuple[str, str, Any]], fmt: str) -> None:
    """Print one record as key/value lines, a one-row CSV or a JSON object."""
    if fmt == "json":
        import json

        _print(json.dumps({key: _plain(v) for key, _, v in pairs}, ensure_ascii=False, indent=2) + "\n", _target(), 1)
    elif fmt in ("csv", "xlsx"):
        emit([{key: v for key, _, v in pairs}], [(key, label) for key, label, _ in pairs], fmt)
    else:
        width = max(len(label) for _, label, _ in pairs)
        for _, label, value in pairs:
            click.echo(f"{label + ':':<{width + 1}} {_table_cell(value)}")


def _table_cell(value: Any) -> str:
    """A value as a table or record shows it: control characters shown, never obeyed."""
    if type(value) is str:  # most cells: text as it is, shown by the one rule (an Enum is no str here)
        return visible(value)
    if type(value) is int:
        return str(value)
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return visible(str(value))


def is_tty() -> bool:
    return sys.stdout.isatty()
