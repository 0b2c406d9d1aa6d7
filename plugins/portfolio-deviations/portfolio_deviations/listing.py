"""Finding deviations for the list and show commands: by status on a date, age, handler, place."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from portfolio.api import NotFoundError, PortfolioError, suggestion
from portfolio_deviations.config import DeviationSettings
from portfolio_deviations.counting import (
    OWN,
    TRUSTS,
    at_place,
    handler_group,
    is_open_on,
    latest_export,
    same_name,
)
from portfolio_deviations.models import Deviation, DeviationImport


@dataclass(frozen=True)
class DeviationFilter:
    """Which deviations ``deviations list`` shows."""

    status: str = "all"  # open, closed or all, judged on ``on``
    on: dt.date | None = None  # default: the latest export's date, else today
    min_age: int | None = None
    handler: str | None = None  # own, trusts or a unit's name
    place: str | None = None


def as_of(session: Session, on: dt.date | None) -> dt.date:
    """The date open/closed and age are judged on: given, else what the records describe."""
    return on or latest_export(session) or dt.date.today()


def age_days(row: Deviation, day: dt.date) -> int:
    """Days open: to the closing date if closed by ``day``, else to ``day``."""
    end = row.closed if row.closed is not None and row.closed < day else day
    return max((end - row.opened).days, 0)


def _status(row: Deviation, day: dt.date) -> str:
    if row.opened > day:
        return "not yet opened"
    return "open" if is_open_on(row.opened, row.closed, day) else "closed"


def _handler_matches(row: Deviation, wanted: str, cfg: DeviationSettings) -> bool:
    key = wanted.strip().casefold()
    if key in (OWN, TRUSTS):
        return handler_group(row.handler, cfg.organisation) == key
    return same_name(row.handler, wanted)


def list_deviations(session: Session, wanted: DeviationFilter, cfg: DeviationSettings) -> list[dict[str, Any]]:
    day = as_of(session, wanted.on)
    rows = session.exec(select(Deviation).order_by(col(Deviation.opened), col(Deviation.external_id))).all()
    if wanted.handler is not None:
        if wanted.handler.strip().casefold() in (OWN, TRUSTS) and cfg.organisation is None:
            raise PortfolioError(
                f"--handler {wanted.handler.strip().casefold()} needs the own organisation: set organisation in "
                "[plugins.deviations], or give a unit's name"
            )
        units = {row.handler for row in rows}
        if wanted.handler.strip().casefold() not in (OWN, TRUSTS) and not any(
            same_name(unit, wanted.handler) for unit in units
        ):
            hint = suggestion(wanted.handler, sorted(units))
            raise PortfolioError(
                f"no deviation is handled by '{wanted.handler}'; use own, trusts or a unit's name{hint}"
            )
    result = []
    for row in rows:
        status = _status(row, day)
        if wanted.status == "open" and status != "open":
            continue
        if wanted.status == "closed" and status != "closed":
            continue
        age = age_days(row, day)
        if wanted.min_age is not None and (status != "open" or age < wanted.min_age):
            continue
        if wanted.handler is not None and not _handler_matches(row, wanted.handler, cfg):
            continue
        if wanted.place is not None and not same_name(row.place, wanted.place):
            continue
        result.append(
            {
                "id": row.external_id,
                "title": row.title,
                "place": row.place,
                "handler": row.handler,
                "category": row.category,
                "opened": row.opened,
                "closed": row.closed,
                "status": status,
                "age_days": age if status != "not yet opened" else None,
            }
        )
    return result


def deviation_record(session: Session, external_id: str, cfg: DeviationSettings) -> list[tuple[str, str, Any]]:
    """(key, label, value) of one deviation, for ``show``."""
    row = session.exec(select(Deviation).where(Deviation.external_id == external_id)).first()
    if row is None:
        ids = session.exec(select(Deviation.external_id)).all()
        hint = suggestion(external_id, list(ids))
        raise NotFoundError(f"no deviation '{external_id}' (see 'portfolio deviation list'){hint}")
    day = as_of(session, None)
    log = session.get(DeviationImport, row.import_id) if row.import_id is not None else None
    group = handler_group(row.handler, cfg.organisation)
    return [
        ("id", "ID", row.external_id),
        ("title", "Title", row.title),
        ("place", "Place", row.place),
        ("handler", "Handled by", row.handler),
        ("handler_group", "Counted as", {OWN: "own organisation", TRUSTS: "health trusts"}.get(group or "")),
        ("counted", "In the section", at_place(row.place, cfg.place)),
        ("category", "Category", row.category),
        ("opened", "Opened", row.opened),
        ("closed", "Closed", row.closed),
        ("status", f"Status on {day.isoformat()}", _status(row, day)),
        ("age_days", "Days open", age_days(row, day)),
        ("source", "Last changed by import of", log.source if log else None),
        ("exported_on", "Export taken", log.exported_on if log else None),
    ]
