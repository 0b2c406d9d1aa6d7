"""Loading the demo through the same services the commands use, after storing the reference
organisation's settings in the database; loading twice changes nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlmodel import Session

from portfolio.api import Period, Settings, store_settings
from portfolio_services import PLUGIN_NAME
from portfolio_services import demo_data as seed
from portfolio_services.inputs import OperationsFigures, ReadinessInput, SupportFigures
from portfolio_services.months import save_months
from portfolio_services.orders import save_hours, save_orders
from portfolio_services.readiness import save_events
from portfolio_services.texts import set_text


def load_demo(session: Session, settings: Settings | None = None) -> None:
    store_settings(session, PLUGIN_NAME, seed.DEMO_SETTINGS, settings=settings)
    support = [
        SupportFigures(Period.parse(month), contacts, Decimal(phone), Decimal(answered), Decimal(first))
        for month, contacts, phone, answered, first in seed.SUPPORT
    ]
    operations = [
        OperationsFigures(Period.parse(month), incidents, changes) for month, incidents, changes in seed.OPERATIONS
    ]
    save_months(session, [*support, *operations], replace=True)
    save_events(
        session,
        [ReadinessInput(dt.date.fromisoformat(day), level, description) for day, level, description in seed.READINESS],
    )
    orders, hours = seed.demo_records()
    save_orders(session, orders)
    save_hours(session, hours)
    for part, text in seed.TEXTS.items():
        set_text(session, seed.PERIOD, part, text)
