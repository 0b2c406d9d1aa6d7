"""The deviations as stored, before and after an import: the preview's two sides, per month opened."""

from __future__ import annotations

from collections.abc import Hashable

from sqlmodel import Session, select

from portfolio.api import Period
from portfolio_deviations.models import Deviation


def deviations(session: Session) -> dict[Hashable, tuple[str, object]]:
    """Deviations by id, in the month they were opened, with what an import may change."""
    session.flush()
    return {
        d.external_id: (str(Period.of(d.opened)), (d.title, d.place, d.handler, d.opened, d.closed, d.category))
        for d in session.exec(select(Deviation))
    }
