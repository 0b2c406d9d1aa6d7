"""Free text from a file, from the command line, or typed in the user's editor."""

from __future__ import annotations

from pathlib import Path

import click

from portfolio.errors import PortfolioError


def read_text(file: Path | None, text: str | None, *, initial: str = "") -> str:
    """The text from --file or --text, else from $EDITOR starting from ``initial``."""
    if file is not None and text is not None:
        raise click.UsageError("give --file or --text, not both")
    if text is not None:
        return text
    if file is not None:
        try:
            return file.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            raise PortfolioError(f"{file} is not UTF-8 text; save it as UTF-8") from None
        except OSError as exc:
            raise PortfolioError(f"cannot read {file}: {exc.strerror or exc}") from None
    edited = click.edit(initial, extension=".md")
    if edited is None:
        raise PortfolioError("the editor was closed without saving; nothing changed")
    return edited
