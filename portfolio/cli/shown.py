"""Standard output and error while a command runs: control characters are shown, never obeyed.

A module of its own, apart from ``portfolio.cli.output``: every command, ``--help`` included,
wraps its streams, and needs none of the list formatting.
"""

from __future__ import annotations

import contextlib
import io
import sys
from collections.abc import Iterator
from typing import Any


class ShownStream(io.TextIOBase):
    """Standard output or error as the CLI writes to it: control characters are shown, not obeyed.

    The last guard for everything a command prints (a comment, a name in an error message): text
    passes through ``portfolio.safe_text.visible``, which shows every escape sequence, colour
    codes included, whoever wrote it: a stream cannot tell a renderer's own colour codes from the
    same codes in a comment it prints. The one way colour reaches the terminal is
    :func:`echo_rendered`, for a renderer's text whose data was shown before it was styled.
    ``write`` takes text only (click tests a stream that way); bytes, as click writes them, go to
    ``buffer``, where they are shown by the same rule.
    """

    def __init__(self, stream: Any) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        from portfolio.safe_text import visible

        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        self.stream.write(visible(text))
        return len(text)

    def write_styled(self, text: str) -> None:
        """A renderer's styled text (:func:`echo_rendered`): its colour and bold codes pass."""
        from portfolio.safe_text import visible

        self.stream.write(visible(text, colour=True))

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return bool(self.stream.isatty())

    def fileno(self) -> int:
        return int(self.stream.fileno())

    def writable(self) -> bool:
        return True

    @property
    def buffer(self) -> _ShownBytes:
        return _ShownBytes(self)

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return str(getattr(self.stream, "encoding", None) or "utf-8")

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return getattr(self.stream, "errors", None)


class _ShownBytes:
    """The binary side of a :class:`ShownStream`: bytes are decoded, shown by the same rule, and
    written as text."""

    def __init__(self, text: ShownStream) -> None:
        self.text = text

    def write(self, data: bytes) -> int:
        self.text.write(bytes(data).decode(self.text.encoding, "replace"))
        return len(data)

    def flush(self) -> None:
        self.text.flush()


@contextlib.contextmanager
def shown_output() -> Iterator[None]:
    """While a command runs, standard output and error show control characters (:class:`ShownStream`)."""
    saved = sys.stdout, sys.stderr
    if not isinstance(sys.stdout, ShownStream) and sys.stdout is not None:
        sys.stdout = ShownStream(sys.stdout)
    if not isinstance(sys.stderr, ShownStream) and sys.stderr is not None:
        sys.stderr = ShownStream(sys.stderr)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def echo_rendered(text: str, *, colour: bool, nl: bool = True) -> None:
    """Print a renderer's text to standard output; with ``colour``, its colour and bold codes pass.

    Only for text whose data was shown (``portfolio.safe_text.shown_data``) before the renderer
    added its own styles, so that every colour code left in it is the renderer's. Without
    ``colour`` every escape in it is shown, as in anything else a command prints. Written to the
    stream, not through click.echo, which would strip colour codes (the data's too) when piped.
    """
    from portfolio.safe_text import visible

    text = f"{text}\n" if nl else text
    stream = sys.stdout
    if isinstance(stream, ShownStream):
        if colour:
            stream.write_styled(text)
        else:
            stream.write(text)
    else:  # called outside a command: shown by the same rule
        stream.write(visible(text, colour=colour))
    stream.flush()


def terminal_stream(stream: Any) -> Any:
    """The stream under a :class:`ShownStream`, for click's progress bar: its carriage returns
    and cursor codes are its own and must be obeyed, not shown as ␍␛[?25l. Whatever text of the
    data a bar shows must be made visible (``portfolio.safe_text.visible``) by its caller."""
    return stream.stream if isinstance(stream, ShownStream) else stream
