"""Renderers: each turns a Report of neutral blocks into one output format."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

FORMATS = ("terminal", "md", "html", "json", "pdf", "xlsx")
BINARY_FORMATS = ("pdf", "xlsx")  # bytes: written to a file, never to a terminal


def renderer(fmt: str) -> Callable[..., str | bytes]:
    """The render function for a format, imported only when needed."""
    if fmt == "terminal":
        from portfolio.render.terminal import render
    elif fmt == "md":
        from portfolio.render.markdown import render
    elif fmt == "html":
        from portfolio.render.html import render
    elif fmt == "json":
        from portfolio.render.json import render
    elif fmt == "pdf":
        from portfolio.render.pdf import render  # type: ignore[assignment]
    elif fmt == "xlsx":
        from portfolio.render.xlsx import render  # type: ignore[assignment]
    else:
        raise ValueError(f"unknown format '{fmt}'; use {', '.join(FORMATS)}")
    return render


def render(report: Any, fmt: str, **options: Any) -> str | bytes:
    return renderer(fmt)(report, **options)


def render_chunks(report: Any, fmt: str, **options: Any) -> Iterator[str]:
    """A text format's output in pieces, as they are made, for a caller that writes them on (a
    file, standard output): the HTML as its template writes it, the JSON a quarter of a MiB at a time, the
    Markdown a few thousand lines at a time; the terminal text whole. The pieces joined are ``render``'s text."""
    if fmt in BINARY_FORMATS:
        raise ValueError(f"{fmt} is not a text format")
    if fmt == "html":
        from portfolio.render.html import render_chunks as chunks
    elif fmt == "json":
        from portfolio.render.json import render_chunks as chunks
    elif fmt == "md":
        from portfolio.render.markdown import render_chunks as chunks
    else:
        yield str(render(report, fmt, **options))
        return
    yield from chunks(report, **options)
