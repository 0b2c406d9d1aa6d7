"""The free text of each part of the section, per month: what only a person can explain."""

from __future__ import annotations

from sqlmodel import Session

from portfolio.api import Period, PortfolioError, TextKind
from portfolio_services.choices import TEXT_PARTS
from portfolio_services.models import ServicesText

SERVICES_TEXT: TextKind[ServicesText] = TextKind(ServicesText, keys=("part",))


def check_part(part: str) -> str:
    if part not in TEXT_PARTS:
        raise PortfolioError(f"'{part}' is not a part of the section; use {', '.join(TEXT_PARTS)}")
    return part


def set_text(session: Session, period: Period, part: str, text: str) -> bool:
    """Store the text (True), or remove it when empty (False)."""
    return SERVICES_TEXT.save(session, period, text, part=check_part(part)) is not None


def texts_for(session: Session, period: Period) -> dict[str, str]:
    """The month's texts by part."""
    return SERVICES_TEXT.month(session, period)
