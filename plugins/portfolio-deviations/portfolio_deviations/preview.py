"""The deviations as stored, before and after an import: the preview's two sides, per month opened."""

from __future__ import annotations

from collections.abc import Hashable

from sqlmodel import Session, select

from portfolio.api import Period
from portfolio_deviations.models import Deviation


def deviations(session: Session) -> dict[Hashable, tuple[str, object]]:
    """Deviations by id, in the month they were opened, with what an import may change."""
    session.flush()
    rows = session.exec(
        select(
            Deviation.external_id,
            Deviation.title,
            Deviation.place,
            Deviation.handler,
            Deviation.opened,
            Deviation.closed,
            Deviation.category,
        )
    )
    return {row[0]: (str(Period.of(row[4])), tuple(row[1:])) for row in rows}
