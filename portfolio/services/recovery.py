"""The way back to green: every yellow or red rating of a month with its recovery action, or none.

A recovery action (what, owner, due date) is kept with the rating it answers (``status_rating``),
so it is versioned, audited and closed with the month's status. ``check`` and ``round`` list the
yellow or red ratings without one and the actions past due; the report lists the actions beside
the status matrix. Past due is measured against the month the status reports on, never today
(``RecoveryAction.past_due``), so a month says the same whenever it is looked at.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlmodel import Session, col

from portfolio.models import Program, Project, StatusRating, StatusReport
from portfolio.period import Period
from portfolio.ratings import NEEDS_RECOVERY, Rating, RecoveryAction

if TYPE_CHECKING:
    from portfolio.services.status_window import StatusWindow

_NEEDING = sorted(rating.value for rating in NEEDS_RECOVERY)
_RATINGS = {rating.value: rating for rating in Rating}


@dataclass(frozen=True)
class RecoveryItem:
    """One yellow or red rating of a project's or program's own status, with its action if any."""

    kind: str  # "project" or "program"
    code: str
    name: str
    dimension: str
    rating: Rating
    action: RecoveryAction | None

    def past_due(self, period: Period) -> bool:
        return self.action is not None and self.action.past_due(period)


def recovery_items(
    session: Session,
    period: Period,
    dimension_keys: Sequence[str],
    order: Sequence[tuple[str, str]] = (),
    window: StatusWindow | None = None,
) -> list[RecoveryItem]:
    """The month's yellow and red ratings (the subjects' own, not a program's roll-up) with their
    recovery actions: in ``order`` of (kind, code), as the matrix or the round lists them, then by
    code; within a subject in the order of the dimensions. One query, or none when ``window`` (a
    report's or a check's shared read) holds the month's ratings with their actions."""
    dimensions = {key: index for index, key in enumerate(dimension_keys)}
    if window is not None and window.scope.texts and window.covers([period]):
        items = _items_of_window(session, window, period, dimensions)
    else:
        items = _items_read(session, period, dimensions)
    position = {subject: index for index, subject in enumerate(order)}
    items.sort(key=lambda i: (position.get((i.kind, i.code), len(position)), i.code, dimensions[i.dimension]))
    return items


def _items_of_window(
    session: Session, window: StatusWindow, period: Period, dimensions: dict[str, int]
) -> list[RecoveryItem]:
    """The month's yellow and red ratings from the shared read, named by the projects and
    programs read once for the report."""
    from portfolio.services.registry import program_rows, project_rows

    projects = {p.id: (p.code, p.name) for p in project_rows(session, include_closed=True)}
    programs = {p.id: (p.code, p.name) for p in program_rows(session, include_closed=True)}
    items = []
    for row in window.rating_rows(str(period)):
        dimension, rating = row[6], row[7]
        if rating not in _NEEDING or dimension not in dimensions:
            continue
        kind = "project" if row[2] is not None else "program"
        code, name = projects[row[2]] if kind == "project" else programs[row[3]]
        what, owner, due = row[9:12]
        action = RecoveryAction(what, owner or "", due) if what is not None and due is not None else None
        items.append(RecoveryItem(kind, code, name, dimension, _RATINGS[rating], action))
    return items


def _items_read(session: Session, period: Period, dimensions: dict[str, int]) -> list[RecoveryItem]:
    """The month's yellow and red ratings, read with their subjects' codes and names."""
    query = (
        select(
            col(StatusReport.project_id),
            col(Project.code),
            col(Project.name),
            col(Program.code),
            col(Program.name),
            col(StatusRating.dimension),
            col(StatusRating.rating),
            col(StatusRating.action),
            col(StatusRating.action_owner),
            col(StatusRating.action_due),
        )
        .join(StatusReport, col(StatusReport.id) == col(StatusRating.report_id))
        .outerjoin(Project, col(Project.id) == col(StatusReport.project_id))
        .outerjoin(Program, col(Program.id) == col(StatusReport.program_id))
        .where(col(StatusReport.period) == str(period), col(StatusRating.rating).in_(_NEEDING))
    )
    items = []
    for (
        project_id,
        project_code,
        project_name,
        program_code,
        program_name,
        dimension,
        rating,
        what,
        owner,
        due,
    ) in session.connection().execute(query):
        if dimension not in dimensions:  # a dimension no longer configured is not shown anywhere
            continue
        kind = "project" if project_id is not None else "program"
        code, name = (project_code, project_name) if kind == "project" else (program_code, program_name)
        action = RecoveryAction(what, owner or "", due) if what is not None and due is not None else None
        items.append(RecoveryItem(kind, code, name, dimension, _RATINGS[rating], action))
    return items
