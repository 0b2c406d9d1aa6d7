"""Free text per month: what only a person knows, placed where the section discusses it."""

from __future__ import annotations

from sqlmodel import Session, select

from portfolio.api import Period, ensure_open, save_text
from portfolio_hr.models import HrText
from portfolio_hr.parts import PARTS


def set_text(session: Session, period: Period, part: str, text: str) -> HrText | None:
    """Store one part's text for a month; empty text removes it."""
    ensure_open(session, period)
    row = session.get(HrText, (str(period), part))
    return save_text(session, row, text, lambda body: HrText(period=str(period), part=part, text=body))


def texts(session: Session, period: Period) -> dict[str, str]:
    """The month's texts by part, in the section's order."""
    rows = session.exec(select(HrText).where(HrText.period == str(period))).all()
    stored = {row.part: row.text for row in rows}
    return {part: stored[part] for part in PARTS if part in stored}
