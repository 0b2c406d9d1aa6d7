"""A month's row of a finance table, updated or inserted in one place: staffing, the credit line,
the investment rows and the project budgets all find the row for the month (and key), refuse a
closed month, and set the values given over what is stored or over a new row's starting values."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from sqlmodel import Session, select

from portfolio.api import Period, ensure_open

Row = TypeVar("Row", bound=Any)


def upsert_month(
    session: Session,
    model: type[Row],
    period: Period,
    values: Mapping[str, object | None],
    *,
    keys: Mapping[str, object] | None = None,
    check: Callable[[], None] | None = None,
    new: Callable[[], Mapping[str, object]] | None = None,
) -> Row:
    """Set ``values`` (None: keep what is stored) on ``model``'s row for the month and ``keys``,
    inserting the row when there is none.

    In this order: a closed month is refused; for a month with no row ``new`` gives its starting
    values (e.g. carried from earlier months), raising when one cannot be had; ``check`` refuses
    bad values; the values given are set over the row's. Returns the stored row."""
    ensure_open(session, period)
    key = dict(keys or {})
    query = select(model).where(model.period == str(period))
    for name, value in key.items():
        query = query.where(getattr(model, name) == value)
    row = session.exec(query).first()
    if row is None:
        row = model(period=str(period), **key, **(new() if new is not None else {}))
    if check is not None:
        check()
    for name, value in values.items():
        if value is not None:
            setattr(row, name, value)
    session.add(row)
    session.flush()
    return row
