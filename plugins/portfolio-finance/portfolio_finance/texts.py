"""Free text per month and topic: the explanations only a person knows, printed as entered."""

from __future__ import annotations

from sqlmodel import Session, select

from portfolio.api import Period, PortfolioError, ensure_open, save_text
from portfolio_finance.models import FinanceText
from portfolio_finance.topics import TOPICS


def check_topic(topic: str) -> str:
    if topic not in TOPICS:
        raise PortfolioError(f"topic '{topic}' is not known; allowed: {', '.join(TOPICS)}")
    return topic


def set_text(session: Session, period: Period, topic: str, text: str) -> FinanceText | None:
    """Store the text (an empty text removes it); returns the row, or None when removed."""
    check_topic(topic)
    ensure_open(session, period)
    row = session.exec(select(FinanceText).where(FinanceText.period == str(period), FinanceText.topic == topic)).first()
    return save_text(session, row, text, lambda body: FinanceText(period=str(period), topic=topic, text=body))


def texts_for(session: Session, period: Period) -> dict[str, str]:
    rows = session.exec(select(FinanceText).where(FinanceText.period == str(period)))
    return {row.topic: row.text for row in rows}
