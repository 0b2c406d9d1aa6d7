"""Stale and copied statuses: projects that reported nothing this month, or the same as before.

A status copied forward month after month tells the board nothing; it is found by comparing a
project's ratings and comments over the last months, read in one query for all projects.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select as sa_select
from sqlmodel import Session, col

from portfolio.models import Project, stored_id
from portfolio.period import Period
from portfolio.services.grid import last_months
from portfolio.services.status_window import StatusWindow, window_for


@dataclass(frozen=True)
class Unchanged:
    """A project whose status has been the same from ``since`` to the month checked."""

    code: str
    name: str
    since: Period
    months: int


def unchanged_statuses(
    session: Session, period: Period, months: int, window: StatusWindow | None = None
) -> list[Unchanged]:
    """Active projects whose ratings and comments are identical in each of the last ``months`` months.

    The statuses come from ``window`` when it holds those months (a report's shared read).
    """
    periods = last_months(period, months)
    unchanged = window_for(session, period, periods, None, window).unchanged(periods)
    projects = session.connection().execute(
        sa_select(stored_id(Project.id), col(Project.code), col(Project.name))
        .where(col(Project.active).is_(True))
        .order_by(col(Project.code))
    )
    found = []
    for project_id, code, name in projects:
        if project_id in unchanged:
            found.append(Unchanged(code, name, periods[0], months))
    return found
