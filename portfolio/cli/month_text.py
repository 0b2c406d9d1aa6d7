"""The ``set`` and ``show`` commands of a kind of text kept per month, built once for all.

The core's assessment and narratives and each plugin's texts take their text from ``--file``,
``--text`` or the editor, remove it when empty, refuse a closed month and answer "Saved ..." or
"Removed ..." alike; only their options, help and wording differ, and those are what a caller
gives here. The kind itself (``portfolio.services.month_texts.TextKind``) is handed over as a
function that imports it, so building the commands for ``--help`` loads no database layer.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from portfolio.cli.output import emit, format_option
from portfolio.cli.params import BEGUN_PERIOD
from portfolio.cli.root import pass_app
from portfolio.cli.textinput import read_text
from portfolio.errors import NotFoundError

if TYPE_CHECKING:
    from sqlmodel import Session

    from portfolio.context import AppContext
    from portfolio.period import Period
    from portfolio.services.month_texts import TextKind

Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]
KindLoader = Callable[[], "TextKind[Any]"]
Entry = tuple[str, dict[str, Any]]  # a text's title and its row for --format (with "text")

PERIOD_OPTION = click.option("--period", type=BEGUN_PERIOD, required=True, help="The month, YYYY-MM.")
FILE_OPTION = click.option("--file", type=click.Path(dir_okay=False, path_type=Path), help="Read the text from a file.")
TEXT_OPTION = click.option("--text", help="The text itself.")


def set_text_command(
    kind: KindLoader,
    *,
    help: str,
    saved: str | Callable[[Period, Mapping[str, Any]], str],
    name: str = "set",
    options: Sequence[Decorator] = (),
    key: Callable[[Session, Mapping[str, Any]], Mapping[str, object]] | None = None,
    check: Callable[[Mapping[str, Any]], None] | None = None,
    current: Callable[[Session, Period, Mapping[str, Any]], str | None] | None = None,
    read_first: bool = False,
) -> click.Command:
    """A command that sets a month's text from --file, --text or the editor, so every kind of
    text is entered, removed when empty and refused on a closed month the same way.

    ``options`` pick the text within the month (shown between --period and --file); ``key``
    turns their values into the kind's key columns (default: the values as they are) in the
    session that reads or writes, ``check`` refuses a bad combination before anything is read, and
    ``current`` finds the text the editor starts from (default: the kind's stored text).
    ``saved`` words the answer after "Saved"/"Removed": a format string with ``{period}`` and the
    options, or a function of them. ``read_first`` reads the stored text even when --file or
    --text is given, before they are checked, as the commands that always did still do.
    """

    def command(app: AppContext, period: Period, file: Path | None, text: str | None, **values: Any) -> None:
        """Reads the text, saves or removes it, and says which (the help is the caller's)."""
        if check is not None:
            check(values)

        def columns(session: Session) -> Mapping[str, object]:
            """The kind's key columns for the options given."""
            return key(session, values) if key else values

        initial = ""
        if read_first or (file is None and text is None):  # the editor starts from the text there is
            with app.reading() as session:
                if current is not None:
                    initial = current(session, period, values) or ""
                else:
                    initial = kind().read(session, period, **columns(session)) or ""
        body = read_text(file, text, initial=initial)
        with app.writing() as session:
            row = kind().save(session, period, body, **columns(session))
        what = saved(period, values) if callable(saved) else saved.format(period=period, **values)
        click.echo(f"{'Saved' if row is not None else 'Removed'} {what}.")

    return _command(command, name, help, [PERIOD_OPTION, *options, FILE_OPTION, TEXT_OPTION])


@dataclass(frozen=True)
class Listing:
    """How ``show`` prints every text of a month when no single one is asked for.

    ``style`` "sections": in a table a "## title" and the text each, "(no texts for ...)" when
    there are none; "table": the rows as a table; "tagged": "[title]" and the text each, and
    ``empty`` (formatted with ``{period}``) is the error when there are none. ``columns`` are
    what --format csv/json (and the "table" style) print; ``order`` is the key values in the
    order the texts are shown.
    """

    columns: Sequence[tuple[str, str]]
    style: str = "sections"
    order: Sequence[str] = ()
    empty: str = ""


def show_text_command(
    kind: KindLoader,
    *,
    help: str,
    missing: str = "",
    name: str = "show",
    key_option: Decorator | None = None,
    listing: Listing | None = None,
    formats: bool = False,
    entries: Callable[[Session, Period], list[Entry]] | None = None,
) -> click.Command:
    """A command that shows a month's text, or all of them, so every kind answers a missing text
    with the same error and lists its texts in one of a few layouts.

    Without ``listing`` the month has one text: printed, or ``missing`` (formatted with
    ``{period}``) as a not-found error. ``key_option`` offers one keyed text of the month by its
    (optional) option; asked for and absent, it is ``missing`` formatted with ``{period}`` and the
    option. Without it the ``listing`` shows them all, in ``listing.order`` (by the kind's one key),
    or as ``entries`` gives them. ``formats`` adds --format and -o.
    """

    def command(app: AppContext, period: Period, fmt: str = "table", **values: Any) -> None:
        """Prints the one text asked for, or the month's listing (the help is the caller's)."""
        selected = {option: value for option, value in values.items() if value is not None}
        if listing is None or selected:
            with app.reading() as session:
                text = kind().read(session, period, **selected)
            if text is None:
                raise NotFoundError(missing.format(period=period, **selected))
            if fmt == "table" or listing is None:
                click.echo(text)
            else:
                emit([{**selected, "text": text}], listing.columns, fmt)
            return
        with app.reading() as session:
            found = entries(session, period) if entries else _entries(kind(), session, period, listing.order)
        _print_listing(listing, found, period, fmt)

    options: list[Decorator] = [PERIOD_OPTION]
    options += [key_option] if key_option else []
    options += [format_option] if formats else []
    return _command(command, name, help, options)


def _entries(kind: TextKind[Any], session: Session, period: Period, order: Sequence[str]) -> list[Entry]:
    """A one-key kind's texts of the month in ``order``, titled by their key."""
    (column,) = kind.keys
    texts = kind.month(session, period)
    return [(value, {column: value, "text": texts[value]}) for value in order if value in texts]


def _print_listing(listing: Listing, found: list[Entry], period: Period, fmt: str) -> None:
    """Print a month's texts as ``listing`` says."""
    if listing.style == "tagged":
        if not found:
            raise NotFoundError(listing.empty.format(period=period))
        click.echo("\n\n".join(f"[{title}]\n{row['text']}" for title, row in found))
    elif listing.style == "sections" and fmt == "table":
        if not found:
            click.echo(f"(no texts for {period})")
        for title, row in found:
            click.echo(f"## {title}\n\n{row['text']}\n")
    else:
        emit([row for _, row in found], listing.columns, fmt)


def _command(function: Callable[..., Any], name: str, help: str, options: Sequence[Decorator]) -> click.Command:
    """``function`` as a click command with ``options`` in the order --help lists them."""
    decorated = pass_app(function)
    for option in reversed(options):
        decorated = option(decorated)
    return click.command(name, help=help)(decorated)
