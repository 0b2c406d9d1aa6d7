"""Optimistic locking: a change based on an outdated read is refused, naming who changed it and when."""

from __future__ import annotations

import datetime as dt

from portfolio.errors import ConflictError


def ensure_version(
    what: str,
    current: int,
    expected: int,
    changed_by: str | None,
    changed_at: dt.datetime | None,
    look_again: str,
) -> None:
    """Raise unless ``current`` is the version the user read (``expected``)."""
    if current == expected:
        return
    when = changed_at.strftime("%Y-%m-%d %H:%M UTC") if changed_at else "an unknown time"
    raise ConflictError(
        f"{what} was changed by {changed_by or 'someone'} at {when} since you read it "
        f"(version {expected}, now {current}); nothing was written: look at it again with '{look_again}'"
    )
