"""Writing a built report: to the terminal or a file, in any of the report's formats."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from portfolio.cli.output import is_tty

if TYPE_CHECKING:
    from portfolio.report.blocks import Report

REPORT_FORMATS = ("terminal", "md", "html", "json", "pdf", "xlsx")  # as portfolio.render.FORMATS
FILE_ONLY_FORMATS = ("pdf", "xlsx")  # binary: only with -o


def show_report(report: Report, fmt: str, output: Path | None, *, force: bool, color: bool | None) -> None:
    """Render ``report`` in ``fmt`` to standard output or to ``output``."""
    from portfolio.files import write_output, write_output_chunks
    from portfolio.render import BINARY_FORMATS, render, render_chunks

    options = {}
    if fmt == "terminal":
        options["colour"] = (output is None and is_tty()) if color is None else color
    if fmt in BINARY_FORMATS:
        content = render(report, fmt, **options)
        if output is None:  # the command refuses this; a direct caller gets the bytes
            click.echo(content, nl=False)
        else:
            write_output(output, content, force=force)
    else:  # written as it is made: a large report is never held whole as text (and again as bytes)
        chunks = render_chunks(report, fmt, **options)
        if output is None:
            from portfolio.cli.shown import echo_rendered

            for chunk in chunks:
                echo_rendered(chunk, colour=bool(options.get("colour")), nl=False)
        else:
            write_output_chunks(output, chunks, force=force)
    if output is not None:
        click.echo(f"Wrote {output} ({len(report.sections)} sections).", err=True)
