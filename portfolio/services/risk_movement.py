"""How the risks moved since the last report: new, closed, into and out of the red zone.

Two months of risk views (three queries each), compared in memory: constant in the number of
projects and risks.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from portfolio.period import Period
from portfolio.risk_zones import RiskMatrix, Zone
from portfolio.services.risks import RiskView, risk_views

KINDS = ("new", "closed", "escalated", "de-escalated")


@dataclass(frozen=True)
class Movement:
    """One risk's change: ``kind`` is new, closed, escalated (into red) or de-escalated (out of red)."""

    kind: str
    view: RiskView  # as it stands this month (closed: as it stood when it was closed)
    before: RiskView | None  # as it stood the month before; None for a new risk


def risk_movement(session: Session, period: Period, matrix: RiskMatrix) -> list[Movement]:
    """The month's movements against the month before, new first, then closed, escalated, de-escalated."""
    now = {v.risk.id: v for v in risk_views(session, period, matrix, include_closed=True)}
    before = {v.risk.id: v for v in risk_views(session, period.previous(), matrix)}
    found = []
    for risk_id, view in now.items():
        closed = view.risk.closed is not None and view.risk.closed <= str(period)
        previous = before.get(risk_id)
        if view.risk.opened == str(period):
            found.append(Movement("new", view, None))
        elif closed and view.risk.closed == str(period):
            found.append(Movement("closed", view, previous))
        elif closed or previous is None:
            continue
        elif view.zone is Zone.RED and previous.zone is not Zone.RED:
            found.append(Movement("escalated", view, previous))
        elif previous.zone is Zone.RED and view.zone is not Zone.RED:
            found.append(Movement("de-escalated", view, previous))
    found.sort(key=lambda m: (KINDS.index(m.kind), m.view.project_code, m.view.risk.id or 0))
    return found


def heat_counts(views: list[RiskView]) -> dict[tuple[int, int], int]:
    """(probability, consequence) -> how many of the risks are assessed there."""
    counts: dict[tuple[int, int], int] = {}
    for view in views:
        if view.probability is not None and view.consequence is not None:
            key = (view.probability, view.consequence)
            counts[key] = counts.get(key, 0) + 1
    return counts
