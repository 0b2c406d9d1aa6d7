"""Text on its way out: shown on a terminal without being obeyed, stored in a spreadsheet
cell without being run.

Text a user imported (a comment, a project name) may hold control characters. Printed raw, an
escape sequence is obeyed by the terminal: OSC 52 (``ESC ] 52 ; c ; ... BEL``) writes the
clipboard, others set the window title, move the cursor or hide text. Written raw into a CSV
file, a cell that starts with ``=``, ``+``, ``-`` or ``@`` is run as a formula by the
spreadsheet that opens it. One rule for each, used by every writer:

- :func:`visible` for a terminal and the text formats (the terminal and Markdown reports, the
  CLI's tables and everything the CLI prints): each control character is shown, not obeyed.
  A C0 control and DEL become their Unicode control pictures (ESC as ``␛``, BEL as ``␇``, a
  carriage return not followed by a line feed as ``␍``); a C1 control (U+0080-U+009F) and a
  bidirectional override or isolate (U+202A-U+202E, U+2066-U+2069), which have no picture,
  become the text ``\\u009b``. Line feeds and tabs stay. With ``colour=True`` the colour and
  bold codes the renderers add themselves (SGR: reset, bold, dim, italic, underline, the 16
  colours) pass; every other sequence is shown.
- :func:`cell_text` and :func:`needs_quote` for a spreadsheet cell (CSV and XLSX, templates
  included): the same characters are shown as on a terminal, except tab, line feed and
  carriage return, which a cell may hold; a text that would run as a formula is kept text,
  in CSV with a leading apostrophe (:func:`csv_text`), in a workbook with Excel's quote prefix
  (:func:`put_cell_text`). :func:`unquote_cell` undoes the apostrophe when a file we wrote
  comes back.
"""

from __future__ import annotations

import dataclasses
import re
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")

# A text cell starting with one of these is a formula to a spreadsheet (or its CSV import).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

_UNSAFE = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
_TERMINAL = f"\r(?!\n)|[{_UNSAFE}]"
_CELL = f"[{_UNSAFE}]"
# The one-code SGR sequences click.style writes: reset, bold, dim, italic, underline, normal
# intensity, and the foreground and background colours (normal and bright).
_OWN_STYLES = r"\x1b\[(?:[0-4]|2[2-4]|[34][0-79]|9[0-7]|10[0-7])m"
_TERMINAL_COLOUR = f"({_OWN_STYLES})|\r(?!\n)|[{_UNSAFE}]"
# Every character the three patterns above can start a match with (ESC and CR are among the C0
# controls): one character class is searched several times faster than their alternatives, so
# a text without any of them (nearly every text, and a 20 MB report) is passed at that speed.
_ANY_CONTROL = re.compile(f"[\r{_UNSAFE}]")
# The three above are compiled when a text first needs them (``_pattern``): each takes a few
# tenths of a millisecond, and ``--help`` shows no control character.


@cache
def _pattern(source: str) -> re.Pattern[str]:
    return re.compile(source)


def _shown(character: str) -> str:
    code = ord(character)
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ ... ␟
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"\\u{code:04x}"


def _replace(match: re.Match[str]) -> str:
    kept = match.group(1) if match.re.groups else None  # only the colour pattern has a group
    return kept if kept is not None else _shown(match.group(0))


def visible(text: str, *, colour: bool = False) -> str:
    """``text`` with every control character shown, not obeyed (see the module's rules).

    With ``colour``, the renderers' own colour and bold codes pass unchanged.
    """
    if _ANY_CONTROL.search(text) is None:  # the common case: nothing to show
        return text
    pattern = _pattern(_TERMINAL_COLOUR if colour else _TERMINAL)
    return pattern.sub(_replace, text)


def shown_data(value: T) -> T:
    """A text, tuple or dataclass (a block, a report) with every control character in its texts
    shown, for a renderer to style after: with colour on, the last pass lets colour codes
    through, and the data's own codes must not be among them (an imported comment must not
    colour or blank the report)."""
    if isinstance(value, str):
        return visible(value)  # type: ignore[return-value]
    if isinstance(value, tuple):
        return tuple(shown_data(item) for item in value)  # type: ignore[return-value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: shown_data(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}
        return dataclasses.replace(value, **changes)
    return value


def cell_text(text: str) -> str:
    """A spreadsheet cell's text: control characters shown as on a terminal; tab and line ends kept."""
    if _ANY_CONTROL.search(text) is None:  # every cell of a CSV comes here: nothing to show, mostly
        return text
    return _pattern(_CELL).sub(lambda match: _shown(match.group(0)), text)


def needs_quote(text: str) -> bool:
    """Whether a spreadsheet would take this (already :func:`cell_text`) text for a formula."""
    return text.startswith(FORMULA_STARTS)


def csv_text(text: str) -> str:
    """A CSV cell: :func:`cell_text`, with an apostrophe before a text that would run as a formula."""
    text = cell_text(text)
    return "'" + text if needs_quote(text) else text


def csv_value(value: Any) -> Any:
    """Any value bound for a CSV cell: text through :func:`csv_text`, numbers as they are."""
    return csv_text(value) if isinstance(value, str) else value


def put_cell_text(cell: Any, text: str) -> None:
    """A workbook's (openpyxl) string cell: :func:`cell_text`, quote-prefixed when formula-like,
    so it shows as typed and never runs."""
    text = cell_text(text)
    cell.value = text
    if needs_quote(text):
        cell.data_type = "s"
        cell.quotePrefix = True


def unquote_cell(text: str) -> str:
    """A cell read back from a file we wrote: the apostrophe :func:`csv_text` added is taken off."""
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text
