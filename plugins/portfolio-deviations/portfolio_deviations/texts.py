"""The month's own words about the deviations: what only a person knows about the figures."""

from __future__ import annotations

from sqlmodel import Session

from portfolio.api import Period, TextKind
from portfolio_deviations.models import DeviationText

DEVIATION_TEXT: TextKind[DeviationText] = TextKind(DeviationText)  # one text per month


def period_text(session: Session, period: Period) -> str | None:
    """The month's text, or None when it has none."""
    return DEVIATION_TEXT.read(session, period)


def set_text(session: Session, period: Period, text: str) -> DeviationText | None:
    """Store the text for ``period``; empty text removes it. A closed month is refused."""
    return DEVIATION_TEXT.save(session, period, text)
