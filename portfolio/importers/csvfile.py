"""Reading a CSV file as a user hands it over: UTF-8 (with or without BOM), comma or semicolon."""

from __future__ import annotations

import codecs
import csv
from collections import Counter
from collections.abc import Generator, Iterator, Sequence
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


def read_csv(path: Path, *, comment: str | None = None, header_comments: bool = False) -> CsvTable:
    """Read the whole file or raise one clear error; blank lines are skipped.

    With ``comment`` (e.g. "#"), a line whose first cell starts with it is a comment, before or
    after the header: it is kept apart in ``comments`` and may have any number of fields, since
    a spreadsheet pads it with empty cells to the width of the table when it saves the file.
    """
    stream = open_csv(path, comment=comment, header_comments=header_comments)
    rows = list(stream.rows)
    return CsvTable(stream.source, stream.header, rows, tuple(stream.comments))


def open_csv(path: Path, *, comment: str | None = None, header_comments: bool = False) -> CsvStream:
    """The file's header and an iterator over its rows, as :func:`read_csv` reads them.

    The rows are dicts by the header's names; :func:`open_csv_lists` gives the cells as lists.
    """
    stream, _lists = open_csv_lists(path, comment=comment, header_comments=header_comments)
    return stream


def open_csv_lists(
    path: Path, *, comment: str | None = None, header_comments: bool = False
) -> tuple[CsvStream, Iterator[tuple[int, list[str]]]]:
    """The file as :func:`open_csv` opens it, and its rows as (line, cells) in the header's order,
    each as wide as the header: for a reader of many rows that picks its columns by position
    (``open_profiled_csv``). Use the lists or the stream's rows, not both.

    With ``header_comments``, only the comment lines before the header are comments (such as
    '# profile: ledger'); after it, a line starting with ``comment`` is a row like any other.

    The file is read a line at a time: once to refuse a file that is not UTF-8 before any row is
    used and to find its first line, once for the header, and once for the rows when they are
    asked for. None keeps the text, so memory does not grow with the file, and the file is open
    only while it is read.
    """
    source = str(path)
    first_line = _first_line(path, source, comment)
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    comments: list[tuple[int, str]] = []

    def scan(
        after: int, comment: str | None = comment, width: int | None = None
    ) -> Generator[tuple[int, list[str]], None, None]:
        """(line number, stripped cells) of each row after line ``after`` that is neither blank
        nor a comment, each ``width`` cells wide when that is given; the file is open only while
        this is read."""
        try:
            handle = path.open(encoding="utf-8-sig", newline="")
        except OSError as exc:
            raise PortfolioError(f"cannot read {source}: {exc.strerror or exc}") from None
        with handle:
            reader = csv.reader(handle, delimiter=delimiter, strict=True)
            end_of_previous = 0
            try:
                for values in reader:
                    # the line the row starts on: a quoted field may run over several lines
                    line, end_of_previous = end_of_previous + 1, reader.line_num
                    if line <= after:
                        continue
                    if comment is not None and values and values[0].strip().startswith(comment):
                        comments.append((line, values[0].strip()))
                        continue
                    cells = list(map(str.strip, values))
                    if any(cells):  # not a blank line, nor a row of empty cells
                        if width is not None and len(cells) != width:
                            raise PortfolioError(
                                f"{source}: line {line} has {len(cells)} fields, the header has {width}"
                            )
                        yield line, cells
            except csv.Error as exc:
                raise PortfolioError(f"{source}: line {reader.line_num}: {exc}") from None

    header_scan = scan(0)
    first = next(header_scan, None)
    header_scan.close()
    header = first[1] if first is not None else []
    checked_table(source, header, [], comments)

    after = first[0] if first is not None else 0
    lists = scan(after, None if header_comments else comment, len(header))

    def rows() -> Iterator[tuple[int, dict[str, str]]]:
        for line, cells in lists:
            yield line, dict(zip(header, cells, strict=True))

    return CsvStream(source, header, rows(), comments), lists


BLOCK = 1 << 20  # bytes decoded at a time when a file is checked to be UTF-8


def _first_line(path: Path, source: str, comment: str | None) -> str:
    """The first line that is neither blank nor a comment, after checking the whole file is UTF-8.

    The file is decoded a block at a time, as the C decoder does it at its own speed; only the
    lines up to the first one are looked at. A bad byte is named by its place in the file.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    first: str | None = None
    content = False
    partial = ""  # the start of a line whose end is in the next block
    consumed = 0  # bytes of the file handed to the decoder so far
    try:
        with path.open("rb") as handle:
            head = handle.read(len(codecs.BOM_UTF8))
            if head == codecs.BOM_UTF8:
                block, consumed = handle.read(BLOCK), len(head)
            else:
                block = head + handle.read(BLOCK)
            while True:
                try:
                    text = decoder.decode(block, final=not block)
                except UnicodeDecodeError as exc:
                    held = len(exc.object) - len(block)  # bytes of a character begun in the last block
                    place = consumed - held + exc.start
                    raise PortfolioError(
                        f"{source} is not UTF-8 text (byte {place + 1} is 0x{exc.object[exc.start]:02x}); "
                        "save it as UTF-8 CSV"
                    ) from None
                consumed += len(block)
                if first is None:
                    lines = (partial + text).split("\n")
                    partial = lines.pop() if block else ""
                    for line in lines:
                        if line.strip():
                            content = True
                            if comment is None or not line.lstrip().lstrip('"').startswith(comment):
                                first = line.rstrip("\r")
                                break
                if not block:
                    break
                block = handle.read(BLOCK)
    except OSError as exc:
        raise PortfolioError(f"cannot read {source}: {exc.strerror or exc}") from None
    if not content:
        raise PortfolioError(f"{source} is empty; it needs a header line and one row per line")
    if first is None:
        raise PortfolioError(f"{source} has only comment lines; it needs a header line and one row per line")
    return first


MAX_COLUMNS = 500  # far more than any import has; a wider header is refused before it is looked at


def check_header_width(source: str, header: Sequence[object]) -> None:
    """Refuse, at once and in one line, a header of more than :data:`MAX_COLUMNS` columns."""
    if len(header) > MAX_COLUMNS:
        raise PortfolioError(
            f"{source}: the header has {len(header)} columns; at most {MAX_COLUMNS} are read (is it the right file?)"
        )


def checked_table(
    source: str, header: list[str], rows: list[tuple[int, dict[str, str]]], comments: list[tuple[int, str]]
) -> CsvTable:
    """The table read from a file, once its header names every column once (CSV or a sheet alike)."""
    check_header_width(source, header)
    counts = Counter(header)  # not header.count per name: that is quadratic in the width
    duplicates = sorted(name for name, count in counts.items() if count > 1)
    if duplicates:
        raise PortfolioError(f"{source}: column '{duplicates[0]}' appears more than once")
    if "" in header:
        raise PortfolioError(f"{source}: a column in the header has no name")
    return CsvTable(source, header, rows, tuple(comments))
