"""Kinds of free text kept per month: the core's assessment and narratives and each plugin's texts.

A kind names its table and the columns that pick one text of a month besides the period; the
rule for all of them lives here once: a closed month is refused, an empty text removes the row,
another text replaces it (``portfolio.services.texts.save_text``), and reading finds the same row.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from sqlmodel import Session, select

from portfolio.period import Period
from portfolio.read_once import locks_rows
from portfolio.services.reporting_months import ensure_open
from portfolio.services.texts import save_text

Row = TypeVar("Row", bound=Any)


@dataclass(frozen=True, eq=False)
class TextKind(Generic[Row]):
    """One kind of text kept per month, so the core and every plugin store and read it alike.

    ``model`` is a table with ``period`` (YYYY-MM) and ``text`` columns. ``keys`` are its other
    columns that pick one text of a month (e.g. ``("part",)``; none when a month has one text);
    callers give them by name. ``fixed`` are column values every row of the kind has (e.g.
    ``{"scope": "assessment"}``), used both to find its rows and to make new ones.
    """

    model: type[Row]
    keys: tuple[str, ...] = ()
    fixed: Mapping[str, object] = field(default_factory=dict)

    def find(self, session: Session, period: Period, **key: object) -> Row | None:
        """The stored row of this month and key, or None: the one place that knows how to find it."""
        columns = {**self.fixed, **self._key(key)}
        query = select(self.model).where(self.model.period == str(period))
        for name, value in columns.items():
            query = query.where(getattr(self.model, name) == value)
        if locks_rows(session):  # a write holds the text it replaces until it commits
            query = query.with_for_update().execution_options(populate_existing=True)
        return session.exec(query).first()

    def read(self, session: Session, period: Period, **key: object) -> str | None:
        """The month's text for ``key``, or None when there is none."""
        row = self.find(session, period, **key)
        return row.text if row is not None else None

    def save(self, session: Session, period: Period, text: str, **key: object) -> Row | None:
        """Store the text (replacing what was there), or remove it when empty; a closed month is
        refused first. Returns the stored row, or None when the text was removed (or never there)."""
        ensure_open(session, period)
        row = self.find(session, period, **key)
        columns = {**self.fixed, **self._key(key)}
        return save_text(session, row, text, lambda body: self.model(period=str(period), **columns, text=body))

    def month(self, session: Session, period: Period) -> dict[Any, str]:
        """Every text of the month by key: the key column's value when the kind has one key,
        the tuple of them when it has several, None when it has none. In no particular order."""
        query = select(self.model).where(self.model.period == str(period))
        for name, value in self.fixed.items():
            query = query.where(getattr(self.model, name) == value)
        result: dict[Any, str] = {}
        for row in session.exec(query).all():
            values = tuple(getattr(row, name) for name in self.keys)
            result[values[0] if len(values) == 1 else (values or None)] = row.text
        return result

    def _key(self, key: Mapping[str, object]) -> dict[str, object]:
        """``key`` checked against the kind's key columns: a wrong name is a programming error."""
        if set(key) != set(self.keys):
            raise TypeError(
                f"{self.model.__name__} texts are found by {', '.join(self.keys) or 'the period alone'}, "
                f"not by {', '.join(key) or 'the period alone'}"
            )
        return dict(key)
