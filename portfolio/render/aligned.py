"""Left-aligned text tables, as ``tabulate(rows, headers, disable_numparse=True)`` prints them.

tabulate types every cell of every column (a regular expression for colour codes, a number test
per cell) even when the numbers are not parsed: two thirds of its time on a 10,000-row matrix,
for columns that are all text and all left-aligned. ``aligned_table`` pads the cells itself and
gives the same text; what it does not do the same way (colour codes, cells of several lines, wide
characters measured by ``wcwidth``, an empty table, tabulate's separating line) goes to tabulate.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

_HANDED_ON = ("\x1b", "\n", "\r", "\x01")  # colour codes, several lines, tabulate's separating line


@functools.cache
def _wide_characters() -> bool:
    """Whether tabulate measures text with ``wcwidth`` (when it is installed) rather than ``len``."""
    from importlib.util import find_spec

    return find_spec("wcwidth") is not None


def aligned_table(rows: Sequence[Sequence[str]], headers: Sequence[str]) -> str:
    """``rows`` of text under ``headers``, every column left-aligned, two spaces between columns:
    the text of ``tabulate(rows, headers=headers, disable_numparse=True)``."""
    text = "\t".join([*headers, *(cell for row in rows for cell in row)])
    if (
        not rows
        or any(len(row) != len(headers) for row in rows)
        or any(code in text for code in _HANDED_ON)
        or (not text.isascii() and _wide_characters())
    ):
        from tabulate import tabulate

        return str(tabulate(rows, headers=list(headers), disable_numparse=True))
    cells = [[cell.strip() for cell in row] for row in rows]
    widths = [  # a header is padded by two spaces at least, as tabulate pads it
        max(len(header) + 2, *map(len, column))
        for header, column in zip(headers, zip(*cells, strict=True), strict=True)
    ]
    lines = [
        "  ".join(header.ljust(width) for header, width in zip(headers, widths, strict=True)).rstrip(),
        "  ".join("-" * width for width in widths).rstrip(),
    ]
    lines += ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in cells]
    return "\n".join(lines)
