"""The key figures of New services, counted from the order records for any day of any year.

An order counts as received, offered or delivered in a span when that date falls in it; hours
count by the day the work was done. "Delivered" is split by category.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from portfolio_services.choices import CATEGORIES
from portfolio_services.models import OrderHours, ServiceOrder
from portfolio_services.spans import ComparisonSpans, Span, comparison_spans


@dataclass(frozen=True)
class SpanFigures:
    """What happened in New services in one span."""

    received: int
    offers_sent: int
    delivered: int
    delivered_by_category: dict[str, int]
    hours: Decimal

    def value(self, key: str) -> int | Decimal:
        """A figure by its key in ``figure_keys``: a category's key gives its deliveries."""
        if key in FIGURES:
            return getattr(self, key)  # type: ignore[no-any-return]
        return self.delivered_by_category.get(key, 0)


CENT = Decimal("0.01")

# The seven figures in the seed's order: received, offers, delivered, per category, hours.
FIGURES = ("received", "offers_sent", "delivered", "hours")


def figure_keys(categories: tuple[str, ...] = CATEGORIES) -> tuple[str, ...]:
    """The figures in the report's order, with one 'of which' per configured category."""
    return ("received", "offers_sent", "delivered", *categories, "hours")


@dataclass(frozen=True)
class KeyFigureSet:
    """A month's order figures: so far this year, the same span last year and all of last year."""

    spans: ComparisonSpans
    so_far_this_year: SpanFigures
    same_span_last_year: SpanFigures
    last_year: SpanFigures


def _count(session: Session, column: Any, span: Span) -> int:
    statement = select(func.count()).select_from(ServiceOrder).where(col(column).between(span.start, span.end))
    return int(session.exec(statement).one())


def span_figures(session: Session, span: Span, categories: tuple[str, ...] = CATEGORIES) -> SpanFigures:
    """The span's figures; deliveries counted per category (a stored category no longer
    configured still counts in the total)."""
    by_category = dict.fromkeys(categories, 0)
    statement = (
        select(ServiceOrder.category, func.count())
        .where(col(ServiceOrder.delivered).between(span.start, span.end))
        .group_by(ServiceOrder.category)
    )
    for category, number in session.exec(statement).all():
        by_category[category] = int(number)
    hours = session.exec(
        select(func.coalesce(func.sum(OrderHours.hours), 0)).where(
            col(OrderHours.work_date).between(span.start, span.end)
        )
    ).one()
    return SpanFigures(
        received=_count(session, ServiceOrder.received, span),
        offers_sent=_count(session, ServiceOrder.offer_sent, span),
        delivered=sum(by_category.values()),
        delivered_by_category=by_category,
        hours=Decimal(str(hours)).quantize(CENT),  # SQLite sums as float
    )


def key_figures(session: Session, as_of: dt.date, categories: tuple[str, ...] = CATEGORIES) -> KeyFigureSet:
    """So far this year up to ``as_of``, the same span last year and last year's total."""
    spans = comparison_spans(as_of)
    return KeyFigureSet(
        spans,
        span_figures(session, spans.so_far_this_year, categories),
        span_figures(session, spans.same_span_last_year, categories),
        span_figures(session, spans.last_year, categories),
    )


def has_orders(session: Session) -> bool:
    return session.exec(select(ServiceOrder.id).limit(1)).first() is not None
