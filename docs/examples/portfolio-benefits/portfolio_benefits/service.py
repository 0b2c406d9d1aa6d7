"""Reading and writing entries, through the core's public API only."""

from __future__ import annotations

from decimal import Decimal
from portfolio.api import Period, PortfolioError, Project, ensure_open, get_project
from sqlmodel import Session, col, select

from portfolio_benefits.models import Entry


def add_entry(session: Session, code: str, period: Period, value: Decimal, description: str) -> Entry:
    ensure_open(session, period)  # a closed month is read-only
    if not description.strip():
        raise PortfolioError("an entry needs a description")
    entry = Entry(project_id=get_project(session, code).id, period=str(period), description=description, value=value)
    session.add(entry)
    session.flush()
    return entry


def entries(session: Session, period: Period) -> list[tuple[Entry, str]]:
    """The month's entries with their project codes, in a stable order."""
    query = (
        select(Entry, Project.code)
        .join(Project, col(Project.id) == col(Entry.project_id))
        .where(Entry.period == str(period))
        .order_by(col(Project.code), col(Entry.id))
    )
    return [(entry, code) for entry, code in session.exec(query).all()]


def load_demo(session: Session) -> None:
    """One entry for the demo month; running it twice adds nothing."""
    period = Period(2024, 1)
    for code, description, value in (("IAM2", "Færre manuelle tilgangsendringer", Decimal("1250")),):
        project = session.exec(select(Project).where(Project.code == code)).first()
        if project is None:
            continue
        exists = session.exec(
            select(Entry).where(Entry.project_id == project.id, Entry.period == str(period), Entry.description == description)
        ).first()
        if exists is None:
            session.add(Entry(project_id=project.id, period=str(period), description=description, value=value))
    session.flush()
