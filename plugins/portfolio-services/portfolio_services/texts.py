"""The free text of each part of the section, per month: what only a person can explain."""

from __future__ import annotations

from sqlmodel import Session, select

from portfolio.api import Period, PortfolioError, ensure_open, save_text
from portfolio_services.choices import TEXT_PARTS
from portfolio_services.models import ServicesText


def check_part(part: str) -> str:
    if part not in TEXT_PARTS:
        raise PortfolioError(f"'{part}' is not a part of the section; use {', '.join(TEXT_PARTS)}")
    return part


def set_text(session: Session, period: Period, part: str, text: str) -> bool:
    """Store the text (True), or remove it when empty (False)."""
    ensure_open(session, period)
    row = session.get(ServicesText, (str(period), check_part(part)))
    stored = save_text(session, row, text, lambda body: ServicesText(period=str(period), part=part, text=body))
    return stored is not None


def texts_for(session: Session, period: Period) -> dict[str, str]:
    """The month's texts by part."""
    rows = session.exec(select(ServicesText).where(ServicesText.period == str(period))).all()
    return {row.part: row.text for row in rows}
