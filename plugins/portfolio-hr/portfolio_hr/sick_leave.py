"""Sick leave per month: storing a month's figures, reading a span of months, averaging them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal

from sqlmodel import Session, select

from portfolio.api import Period, PortfolioError, ensure_open
from portfolio_hr.models import PERCENT_FIELDS, HrSickLeave
from portfolio_hr.values import not_in_future

# (total, part, part) pairs that must add up: every absence is short- or long-term, and
# self- or doctor-certified.
SUMS = (("short_term", "long_term"), ("self_certified", "doctor_certified"))


def store(session: Session, period: Period, values: Mapping[str, Decimal | None], *, replace: bool) -> HrSickLeave:
    """Save a month's figures. ``replace`` sets every field (absent ones to empty), else only
    the fields given; a new month needs its total."""
    try:
        not_in_future(period)
    except ValueError as exc:
        raise PortfolioError(str(exc)) from None
    unknown = sorted(set(values) - {*PERCENT_FIELDS, "possible_days"})
    if unknown:
        raise PortfolioError(f"'{unknown[0]}' is not a sick-leave figure")
    ensure_open(session, period)
    row = session.get(HrSickLeave, str(period))
    if row is None:
        total = values.get("total")
        if total is None:
            raise PortfolioError(f"{period} has no sick-leave figures yet; give its total")
        row = HrSickLeave(period=str(period), total=total)
    for name in (*PERCENT_FIELDS, "possible_days"):
        if name in values or replace:
            value = values.get(name)
            if name == "total" and value is None:
                raise PortfolioError(f"the total of {period} cannot be removed")
            setattr(row, name, value)
    session.add(row)
    session.flush()
    return row


def months(session: Session, periods: Iterable[Period]) -> dict[Period, HrSickLeave]:
    """The stored months among ``periods``; months without figures are absent."""
    wanted = [str(p) for p in periods]
    rows = session.exec(select(HrSickLeave).where(HrSickLeave.period.in_(wanted))).all()  # type: ignore[attr-defined]
    return {Period.parse(row.period): row for row in rows}


def series(rows: Mapping[Period, HrSickLeave], periods: Sequence[Period], name: str) -> tuple:
    """One figure for each of ``periods``, None where a month or its figure is missing."""
    return tuple(_exact(getattr(rows[p], name)) if p in rows else None for p in periods)


def average(values: Iterable[Decimal | None], weights: Iterable[Decimal | None] | None = None) -> Decimal | None:
    """The mean of the months that have the figure: weighted by ``weights`` (each month's possible
    working days) when every such month has one, else plain (each month weighs the same)."""
    pairs = [(v, w) for v, w in zip(values, weights if weights is not None else _none(), strict=False) if v is not None]
    if not pairs:
        return None
    if weights is not None and all(w is not None and w > 0 for _v, w in pairs):
        total = sum((Decimal(w) for _v, w in pairs), Decimal(0))  # type: ignore[arg-type]
        return sum((Decimal(v) * Decimal(w) for v, w in pairs), Decimal(0)) / total  # type: ignore[arg-type]
    return sum((Decimal(v) for v, _w in pairs), Decimal(0)) / len(pairs)


def _none() -> Iterator[None]:
    while True:
        yield None


def mismatches(row: HrSickLeave, tolerance: Decimal) -> list[tuple[str, str, Decimal]]:
    """Each pair of parts whose sum differs from the total by more than ``tolerance``."""
    found = []
    for first, second in SUMS:
        a, b = getattr(row, first), getattr(row, second)
        if a is None or b is None:
            continue
        total = Decimal(a) + Decimal(b)
        if abs(total - Decimal(row.total)) > tolerance:
            found.append((first, second, total))
    return found


def plain(value: Decimal | int) -> str:
    """A figure for a message: 5.40 -> '5.4', 6.00 -> '6'."""
    return format(Decimal(value).normalize(), "f")


def _exact(value: Decimal | None) -> Decimal | None:
    """Drop the trailing zeros a NUMERIC column adds, so 6.00 prints as 6."""
    if value is None:
        return None
    value = Decimal(value)
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
