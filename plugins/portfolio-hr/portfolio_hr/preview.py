"""What the HR imports store, read from the tables before and after them: the preview's two sides."""

from __future__ import annotations

from sqlmodel import Session, select

from portfolio_hr.models import PERCENT_FIELDS, HrAmlBreach, HrSickLeave


def sick_leave(session: Session) -> dict[tuple[str, str], object]:
    """Sick leave as stored: (month, figure) -> percent (figures not given are left out)."""
    session.flush()
    return {
        (row.period, name): getattr(row, name)
        for row in session.exec(select(HrSickLeave))
        for name in PERCENT_FIELDS
        if getattr(row, name) is not None
    }


def aml(session: Session) -> dict[tuple[str, str], object]:
    """AML breach counts as stored: (month, type) -> count."""
    session.flush()
    return {(row.period, row.breach_type): row.count for row in session.exec(select(HrAmlBreach))}
