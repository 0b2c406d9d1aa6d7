"""Round items: what ``portfolio round`` lists under "plugin data", one per kind of figures a month needs."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RoundItem:
    """One kind of data for a month and whether it is there.

    ``name`` is short and user-facing ("support desk figures"); ``detail`` says what is there,
    or, when it is missing, the command that adds it. Whether the month can be closed is decided
    by the checks (``portfolio_checks``), not by these items: they show progress.
    """

    name: str
    present: bool
    detail: str = ""
