"""The project's own errors: a user's mistake is reported in one line, never as a traceback."""

from __future__ import annotations

from collections.abc import Sequence


class PortfolioError(Exception):
    """A problem the user can fix; the CLI prints its message and exits with code 1."""

    exit_code = 1


class NotFoundError(PortfolioError):
    """A code or id that does not exist."""


class ConflictError(PortfolioError):
    """A value that clashes with what is stored, such as a duplicate code."""


class WriteRaceError(ConflictError):
    """A write that met a concurrent one it did not ask to check against (a row changed or
    inserted between this transaction's read and its write): the whole command may run again."""


class ClosedPeriodError(PortfolioError):
    """A change to a period that has been closed."""


class DatabaseError(PortfolioError):
    """The database cannot be opened, or its schema is missing or out of date."""


MAX_LISTED = 50  # problems an error lists; the rest are counted


def listed(problems: Sequence[str], limit: int = MAX_LISTED) -> str:
    """The first ``limit`` problems, one a line, and how many more there are: a file of a million
    bad rows is answered in 51 lines, not a million."""
    shown = "\n".join(problems[:limit])
    rest = len(problems) - limit
    return shown + (f"\n... and {rest} more {'problem' if rest == 1 else 'problems'}" if rest > 0 else "")


class ImportFileError(PortfolioError):
    """An import file with one or more bad rows; nothing was written. The first
    :data:`MAX_LISTED` problems are listed, the rest counted."""

    def __init__(self, source: str, problems: list[str]):
        self.source = source
        self.problems = problems
        count = len(problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"{source}: {count} {noun}, nothing imported\n" + listed(problems))


# PostgreSQL's codes for a transaction that lost a race and may simply run again: a serialization
# failure, a deadlock, and a unique key taken by a concurrent insert (the rerun finds the row).
TRANSIENT_STATES = frozenset({"40001", "40P01", "23505"})


def is_transient(exc: BaseException) -> bool:
    """Whether a failed write lost a race it did not ask to check (the command may run again).

    A version the user gave that no longer matches is a ``ConflictError``, never transient.
    """
    if isinstance(exc, WriteRaceError):
        return True
    return getattr(getattr(exc, "orig", None), "sqlstate", None) in TRANSIENT_STATES
