"""Monthly figures (support desk, operations): one row per month, replaced only when asked."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict
from typing import Any

from sqlmodel import Session, select

from portfolio.api import ConflictError, Period, ensure_open
from portfolio_services.inputs import OperationsFigures, SupportFigures
from portfolio_services.models import OperationsMonth, SupportMonth

MonthFigures = SupportFigures | OperationsFigures
MODELS: dict[type, Any] = {SupportFigures: SupportMonth, OperationsFigures: OperationsMonth}
WHAT = {SupportMonth: "support-desk figures", OperationsMonth: "incident figures"}


def stored_periods(session: Session, model: Any, periods: Iterable[Period]) -> set[Period]:
    """Which of ``periods`` already have a row in ``model``'s table."""
    texts = sorted({str(p) for p in periods})
    if not texts:
        return set()
    found = session.exec(select(model.period).where(model.period.in_(texts))).all()
    return {Period.parse(text) for text in found}


def already_recorded(model: Any, period: Period) -> str:
    return f"{period} already has {WHAT[model]}; add --replace to overwrite them"


def save_months(session: Session, figures: Sequence[MonthFigures], *, replace: bool) -> int:
    """Store each month's figures; a month already stored is refused unless ``replace``.

    Returns how many months were replaced. Every month must be open.
    """
    replaced = 0
    for item in figures:
        model = MODELS[type(item)]
        ensure_open(session, item.period)
        values = {**asdict(item), "period": str(item.period)}
        row = session.get(model, str(item.period))
        if row is not None and not replace:
            raise ConflictError(already_recorded(model, item.period))
        if row is None:
            row = model(**values)
        else:
            replaced += 1
            for key, value in values.items():
                setattr(row, key, value)
        session.add(row)
    session.flush()
    return replaced


def months_by_period(session: Session, model: Any, periods: Sequence[Period]) -> dict[Period, Any]:
    """The stored rows for ``periods``, by period; months without a row are left out."""
    texts = [str(p) for p in periods]
    rows = session.exec(select(model).where(model.period.in_(texts))).all()
    return {Period.parse(row.period): row for row in rows}


def window(period: Period, months: int) -> list[Period]:
    """The ``months`` months ending with ``period``, oldest first."""
    return period.shift(-(months - 1)).range_to(period)
