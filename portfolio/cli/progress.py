"""Progress bars for work that takes more than a moment: on a terminal only, silent when piped.

A bar goes to standard error, so it never mixes with output that is piped or redirected, and
only when standard error is a terminal and the work is big enough to be worth one.
``PORTFOLIO_PROGRESS=always`` or ``never`` overrides the guess (``always`` is how the tests see it).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click

ENV = "PORTFOLIO_PROGRESS"


def stderr_is_tty() -> bool:
    return sys.stderr.isatty()


def wanted(size: int, threshold: int) -> bool:
    """Show a bar for ``size`` steps? Only on a terminal, and only when ``size`` reaches ``threshold``."""
    setting = os.environ.get(ENV, "").strip().lower()
    if setting == "never":
        return False
    if setting == "always":
        return size > 0
    return size >= threshold and stderr_is_tty()


class _Silent:
    """Stands in for a bar when none is shown."""

    def update(self, steps: int, current_item: Any = None) -> None:
        pass


@contextmanager
def progress(label: str, size: int, *, threshold: int) -> Iterator[Any]:
    """A bar with ``size`` steps (call ``bar.update(1)``), or a silent stand-in."""
    if not wanted(size, threshold):
        yield _Silent()
        return
    from portfolio.cli.shown import terminal_stream

    with click.progressbar(length=size, label=label, file=terminal_stream(sys.stderr), show_pos=True) as bar:
        yield bar


class StepBar:
    """A bar whose size is learnt with the first step: ``bar(total, name)`` before each step.

    For work that counts its own steps (the report's sections); nothing is shown unless
    ``wanted(total, threshold)`` and ``allowed``, e.g. not while the report itself goes to the terminal.
    """

    def __init__(self, label: str, *, threshold: int, allowed: bool = True) -> None:
        self.label = label
        self.threshold = threshold
        self.allowed = allowed
        self.bar: Any = None
        self.started = False

    def __call__(self, total: int, name: str) -> None:
        if not self.started:
            self.started = True
            if self.allowed and wanted(total, self.threshold):
                from portfolio.cli.shown import terminal_stream
                from portfolio.safe_text import visible

                self.bar = click.progressbar(
                    length=total,
                    label=self.label,
                    file=terminal_stream(sys.stderr),
                    item_show_func=lambda item: None if item is None else visible(item),
                )
                self.bar.__enter__()
                self.bar.update(0, name)
                return
        if self.bar is not None:
            self.bar.update(1, name)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.update(1)
            self.bar.__exit__(None, None, None)
            self.bar = None
