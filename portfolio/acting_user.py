"""Who acts: the name the audit trail records, from ``--as``, ``PORTFOLIO_USER`` or the OS user.

A module of its own so that the root command can name and check it without loading the run's
context (``portfolio.context``) on ``--help``.
"""

from __future__ import annotations

from portfolio.errors import PortfolioError

USER_ENV = "PORTFOLIO_USER"
USER_LENGTH = 64  # the audit trail's column for who made a change (models.AuditLog.user)


def check_user(name: str, source: str) -> str:
    """``name`` when the audit trail can record it, else the one-line error naming ``source``.

    Checked before any work, so a long name fails alike on SQLite (which would store it) and
    on PostgreSQL (which would refuse the whole change at its end).
    """
    if len(name) > USER_LENGTH:
        raise PortfolioError(f"{source} '{name[:20]}...' is {len(name)} characters; at most {USER_LENGTH} are allowed")
    return name
