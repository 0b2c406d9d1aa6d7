"""The month's own words about the deviations: what only a person knows about the figures."""

from __future__ import annotations

from sqlmodel import Session

from portfolio.api import Period, ensure_open, save_text
from portfolio_deviations.models import DeviationText


def period_text(session: Session, period: Period) -> str | None:
    row = session.get(DeviationText, str(period))
    return row.text if row else None


def set_text(session: Session, period: Period, text: str) -> DeviationText | None:
    """Store the text for ``period``; empty text removes it. A closed month is refused."""
    ensure_open(session, period)
    row = session.get(DeviationText, str(period))
    return save_text(session, row, text, lambda body: DeviationText(period=str(period), text=body))
