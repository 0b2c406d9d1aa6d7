"""Reading a CSV file as a user hands it over: UTF-8 (with or without BOM), comma or semicolon."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from portfolio.errors import PortfolioError


@dataclass(frozen=True)
class CsvTable:
    """The header and the rows of a CSV file, each row with its line number in the file."""

    source: str
    header: list[str]
    rows: list[tuple[int, dict[str, str]]]
    # with ``comment="#"``: the lines whose first cell starts with it, as (line, first cell)
    comments: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True)
class CsvStream:
    """A CSV file's header, read at once, and its rows, read as they are asked for.

    For imports of many rows: only the row in hand is held, not the whole table. A bad row
    raises when it is reached, so an importer must write inside a transaction it rolls back.
    ``comments`` holds the comment lines read so far.
    """

    source: str
    header: list[str]
    rows: Iterator[tuple[int, dict[str, str]]]
    comments: list[tuple[int, str]]


def read_csv(path: Path, *, comment: str | None = None) -> CsvTable:
    """Read the whole file or raise one clear error; blank lines are skipped.

    With ``comment`` (e.g. "#"), a line whose first cell starts with it is a comment, before or
    after the header: it is kept apart in ``comments`` and may have any number of fields, since
    a spreadsheet pads it with empty cells to the width of the table when it saves the file.
    """
    stream = open_csv(path, comment=comment)
    rows = list(stream.rows)
    return CsvTable(stream.source, stream.header, rows, tuple(stream.comments))


def open_csv(path: Path, *, comment: str | None = None) -> CsvStream:
    """The file's header and an iterator over its rows, as :func:`read_csv` reads them.

    The text is decoded whole first, so a file that is not UTF-8 is refused before any row.
    """
    source = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PortfolioError(f"cannot read {source}: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PortfolioError(
            f"{source} is not UTF-8 text (byte {exc.start + 1} is 0x{raw[exc.start]:02x}); save it as UTF-8 CSV"
        ) from None
    del raw
    if not text.strip():
        raise PortfolioError(f"{source} is empty; it needs a header line and one row per line")
    first_line = next(
        (
            line
            for line in text.splitlines()
            if line.strip() and (comment is None or not line.lstrip().lstrip('"').startswith(comment))
        ),
        None,
    )
    if first_line is None:
        raise PortfolioError(f"{source} has only comment lines; it needs a header line and one row per line")
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    comments: list[tuple[int, str]] = []
    position = [0]  # the line the previous row ended on: a quoted field may run over several lines

    def next_row() -> tuple[int, list[str]] | None:
        """(line number, stripped cells) of the next row that is neither blank nor a comment."""
        try:
            for values in reader:
                line, position[0] = position[0] + 1, reader.line_num
                if comment is not None and values and values[0].strip().startswith(comment):
                    comments.append((line, values[0].strip()))
                    continue
                cells = list(map(str.strip, values))
                if any(cells):  # not a blank line, nor a row of empty cells
                    return line, cells
        except csv.Error as exc:
            raise PortfolioError(f"{source}: line {reader.line_num}: {exc}") from None
        return None

    first = next_row()
    header = first[1] if first is not None else []
    checked_table(source, header, [], comments)

    def rows() -> Iterator[tuple[int, dict[str, str]]]:
        width = len(header)
        while (found := next_row()) is not None:
            line, cells = found
            if len(cells) != width:
                raise PortfolioError(f"{source}: line {line} has {len(cells)} fields, the header has {width}")
            yield line, dict(zip(header, cells, strict=True))

    return CsvStream(source, header, rows(), comments)


def checked_table(
    source: str, header: list[str], rows: list[tuple[int, dict[str, str]]], comments: list[tuple[int, str]]
) -> CsvTable:
    """The table read from a file, once its header names every column once (CSV or a sheet alike)."""
    duplicates = sorted({name for name in header if header.count(name) > 1})
    if duplicates:
        raise PortfolioError(f"{source}: column '{duplicates[0]}' appears more than once")
    if "" in header:
        raise PortfolioError(f"{source}: a column in the header has no name")
    return CsvTable(source, header, rows, tuple(comments))
