"""Stale and copied statuses: projects that reported nothing this month, or the same as before.

A status copied forward month after month tells the board nothing; it is found by comparing a
project's ratings and comments over the last months, read in one query for all projects.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select as sa_select
from sqlmodel import Session, col

from portfolio.models import Project, StatusRating, StatusReport
from portfolio.period import Period
from portfolio.services.grid import last_months


@dataclass(frozen=True)
class Unchanged:
    """A project whose status has been the same from ``since`` to the month checked."""

    code: str
    name: str
    since: Period
    months: int


def _signatures(session: Session, periods: list[Period]) -> dict[int, dict[str, frozenset]]:
    """project id -> period -> everything the project reported that month (ratings and comments)."""
    query = (
        sa_select(
            StatusReport.project_id,
            StatusReport.period,
            StatusReport.comment,
            StatusRating.dimension,
            StatusRating.rating,
            StatusRating.comment,
        )
        .outerjoin(StatusRating, col(StatusRating.report_id) == col(StatusReport.id))
        .where(col(StatusReport.period).in_([str(p) for p in periods]), col(StatusReport.project_id).is_not(None))
    )
    parts: dict[tuple[int, str], list[tuple[str, str, str]]] = {}
    rows = session.connection().execute(query).all()  # one fetch: iterating fetches row by row
    for project_id, period, comment, dimension, rating, rating_comment in rows:
        found = parts.get((project_id, period))
        if found is None:
            found = parts[(project_id, period)] = [("", comment or "", "")]
        if dimension is not None:
            found.append((dimension, rating, rating_comment or ""))
    signatures: dict[int, dict[str, frozenset]] = defaultdict(dict)
    for (project_id, period), items in parts.items():
        signatures[project_id][period] = frozenset(items)
    return signatures


def unchanged_statuses(session: Session, period: Period, months: int) -> list[Unchanged]:
    """Active projects whose ratings and comments are identical in each of the last ``months`` months."""
    periods = last_months(period, months)
    signatures = _signatures(session, periods)
    projects = session.connection().execute(
        sa_select(Project.id, Project.code, Project.name)
        .where(col(Project.active).is_(True))
        .order_by(col(Project.code))
    )
    found = []
    texts = [str(p) for p in periods]
    for project_id, code, name in projects:
        by_month = signatures.get(project_id, {})
        values = [by_month.get(text) for text in texts]
        if values[0] is not None and all(v == values[0] for v in values):
            found.append(Unchanged(code, name, periods[0], months))
    return found
