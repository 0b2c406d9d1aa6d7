"""Open counts entered by hand, for dates the imported records do not cover."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, col, select

from portfolio.api import NotFoundError, PortfolioError, ensure_open_on
from portfolio_deviations.models import DeviationSnapshot


def check_split(total: int | None, own: int | None, trusts: int | None) -> tuple[int, int | None, int | None]:
    """(total, own, trusts) made consistent: the split is both parts or neither, adding up."""
    for name, value in (("total", total), ("own", own), ("trusts", trusts)):
        if value is not None and value < 0:
            raise PortfolioError(f"the {name} count {value} is negative; counts are 0 or more")
    if (own is None) != (trusts is None):
        raise PortfolioError("give both --own and --trusts, or neither: the split has two parts")
    if own is not None and trusts is not None:
        if total is None:
            total = own + trusts
        elif own + trusts != total:
            raise PortfolioError(f"own {own} + trusts {trusts} = {own + trusts}, not the total {total}")
    if total is None:
        raise PortfolioError("give the total, or --own and --trusts")
    return total, own, trusts


def set_snapshot(
    session: Session,
    day: dt.date,
    total: int | None,
    own: int | None = None,
    trusts: int | None = None,
) -> DeviationSnapshot:
    """Enter or replace the count for ``day``; refused when ``day`` is in a closed month."""
    total, own, trusts = check_split(total, own, trusts)
    ensure_open_on(session, day)
    row = session.get(DeviationSnapshot, day) or DeviationSnapshot(day=day, total=total)
    row.total, row.own, row.trusts = total, own, trusts
    session.add(row)
    session.flush()
    return row


def remove_snapshot(session: Session, day: dt.date) -> None:
    ensure_open_on(session, day)
    row = session.get(DeviationSnapshot, day)
    if row is None:
        raise NotFoundError(f"no snapshot count for {day.isoformat()}; see 'portfolio deviation snapshot list'")
    session.delete(row)
    session.flush()


def all_snapshots(session: Session) -> list[DeviationSnapshot]:
    return list(session.exec(select(DeviationSnapshot).order_by(col(DeviationSnapshot.day))).all())
