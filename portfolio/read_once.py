"""Reads shared within one read-only session: what several report sections read is read once.

A report's sections each ask for the projects, the month's statuses or the risks; on a large
portfolio every repeated read costs seconds. A session opened with ``read_session`` never writes,
so what it read cannot go stale while it is open: the first caller's result is kept on the
session and handed to the next. In any other session the value is computed every time.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

T = TypeVar("T")

READ_ONLY = "portfolio.read_only"
_STORE = "portfolio.read_once"


def mark_read_only(session: Session) -> None:
    """Declare that nothing will be written through ``session``, so its reads may be shared."""
    session.info[READ_ONLY] = True


def forget_reads(session: Session) -> None:
    """Let go of what ``session`` shared (the session ends): a report's status rows, tens of MiB on
    a large portfolio, are not kept while it is rendered, nor for as long as the session object
    is referenced."""
    session.info.pop(_STORE, None)


WRITING = "portfolio_writing"  # session.info key of a write session


def mark_writing(session: Session) -> None:
    """This session is a write transaction: what it reads to change, it locks (``locks_rows``)."""
    session.info[WRITING] = True


def locks_rows(session: Session) -> bool:
    """Whether reads for a change should lock what they read (``SELECT ... FOR UPDATE``).

    In a write session, a row read in order to change it is locked until the commit, so a
    concurrent writer waits and then reads the committed row; its version check (and the
    ``WHERE version = ...`` of the update) always judges the newest version. SQLite has no row
    locks and needs none: a write transaction holds the database.
    """
    return bool(session.info.get(WRITING))


def read_once(session: Session, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, once per ``key`` in a read-only session; every time in any other.

    Callers must not change what they get back: the next caller gets the same object.
    """
    if not session.info.get(READ_ONLY):
        return compute()
    store = session.info.setdefault(_STORE, {})
    if key not in store:
        store[key] = compute()
    return store[key]
