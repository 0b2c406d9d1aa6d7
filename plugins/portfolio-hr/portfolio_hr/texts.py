"""Free text per month: what only a person knows, placed where the section discusses it."""

from __future__ import annotations

from sqlmodel import Session

from portfolio.api import Period, TextKind
from portfolio_hr.models import HrText
from portfolio_hr.parts import PARTS

HR_TEXT: TextKind[HrText] = TextKind(HrText, keys=("part",))


def set_text(session: Session, period: Period, part: str, text: str) -> HrText | None:
    """Store one part's text for a month; empty text removes it."""
    return HR_TEXT.save(session, period, text, part=part)


def texts(session: Session, period: Period) -> dict[str, str]:
    """The month's texts by part, in the section's order."""
    stored = HR_TEXT.month(session, period)
    return {part: stored[part] for part in PARTS if part in stored}
