"""Loading the demo's deviations through the plugin's own services, after storing the reference
organisation's settings in the database; running it twice changes nothing."""

from __future__ import annotations

from sqlmodel import Session, select

from portfolio.api import Period, Settings, store_settings
from portfolio_deviations import demo_data as data
from portfolio_deviations.config import PLUGIN
from portfolio_deviations.importer import DeviationRow, apply, plan
from portfolio_deviations.models import DeviationImport
from portfolio_deviations.snapshots import set_snapshot
from portfolio_deviations.texts import set_text

DEMO_USER = "demo"
DEMO_PERIOD = Period(2024, 1)


def load_demo(session: Session, settings: Settings | None = None) -> None:
    store_settings(session, PLUGIN, data.DEMO_SETTINGS, settings=settings)
    for day, (own, trusts) in data.SNAPSHOTS.items():
        set_snapshot(session, day, own + trusts, own, trusts)
    _records(session)
    set_text(session, DEMO_PERIOD, data.TEXT_2024_01)


def _records(session: Session) -> None:
    records = data.demo_records()
    rows = [
        DeviationRow(
            line,
            r.external_id,
            r.title,
            r.place,
            r.handler,
            r.opened,
            r.closed,
            r.category,
        )
        for line, r in enumerate(records, start=2)
    ]
    work = plan(session, rows)
    log = session.exec(select(DeviationImport).where(DeviationImport.source == data.EXPORT_SOURCE)).first()
    if log is not None and not work.new and not work.changed:
        return
    if log is None:
        log = DeviationImport(
            source=data.EXPORT_SOURCE,
            exported_on=data.EXPORTED_ON,
            imported_at=data.IMPORTED_AT,
            imported_by=DEMO_USER,
            rows=len(rows),
            created=0,
            updated=0,
        )
    log.created, log.updated = len(work.new), len(work.changed)
    session.add(log)
    session.flush()
    apply(session, work, log)
