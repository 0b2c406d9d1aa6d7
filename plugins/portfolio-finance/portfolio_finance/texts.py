"""Free text per month and topic: the explanations only a person knows, printed as entered."""

from __future__ import annotations

from sqlmodel import Session

from portfolio.api import Period, PortfolioError, TextKind
from portfolio_finance.models import FinanceText
from portfolio_finance.topics import TOPICS

FINANCE_TEXT: TextKind[FinanceText] = TextKind(FinanceText, keys=("topic",))


def check_topic(topic: str) -> str:
    if topic not in TOPICS:
        raise PortfolioError(f"topic '{topic}' is not known; allowed: {', '.join(TOPICS)}")
    return topic


def set_text(session: Session, period: Period, topic: str, text: str) -> FinanceText | None:
    """Store the text (an empty text removes it); returns the row, or None when removed."""
    return FINANCE_TEXT.save(session, period, text, topic=check_topic(topic))


def texts_for(session: Session, period: Period) -> dict[str, str]:
    """The month's texts by topic."""
    return FINANCE_TEXT.month(session, period)
