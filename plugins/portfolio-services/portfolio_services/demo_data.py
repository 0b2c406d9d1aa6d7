"""The seed report's section 3 (January 2024) as data: monthly figures, readiness events, free
text, and New services orders generated so that the records give exactly the seed's key figures.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from portfolio.api import Period
from portfolio_services.inputs import HoursInput, OrderInput

PERIOD = Period(2024, 1)

# The reference organisation's settings, which the demo stores in the database (the plugin's own
# defaults set no target): its support desk's targets, in percent.
DEMO_SETTINGS: dict[str, object] = {"answered_target": 70, "first_line_target": 70}

# month, contacts, phone share, answered within one minute, resolved at the first line (%)
SUPPORT = (
    ("2023-07", 5651, 56, 81, 69),
    ("2023-08", 9263, 46, 84, 73),
    ("2023-09", 10601, 49, 76, 72),
    ("2023-10", 10398, 49, 79, 72),
    ("2023-11", 8883, 51, 84, 68),
    ("2023-12", 8416, 42, 83, 77),
    ("2024-01", 12044, 45, 75, 69),
)

# month, registered incidents and events, changes
OPERATIONS = (
    ("2023-07", 440, 156),
    ("2023-08", 667, 239),
    ("2023-09", 827, 300),
    ("2023-10", 1029, 336),
    ("2023-11", 974, 406),
    ("2023-12", 853, 234),
    ("2024-01", 1066, 332),
)

# The seed names January's two events; the earlier ones are described plausibly.
READINESS = (
    ("2023-07-18", "green", "ustabil pålogging til Citrix-miljøet"),
    ("2023-08-22", "green", "nettverksbrudd ved UNN Harstad"),
    ("2023-10-11", "yellow", "driftsavbrudd i lagringsløsningen for kliniske systemer"),
    ("2024-01-16", "green", "treghet i DIPS Arena"),
    ("2024-01-24", "yellow", "generell treghet i systemet"),
)

# The seed's free text for January 2024. The sentences the plugin generates from the records
# (the New services summary, the readiness events of the month) are not repeated here.
TEXTS = {
    "intro": "Nedenfor gjengis noen nøkkeltall for tjenesteleveransene i Helse Nord IKT.",
    "support": (
        "Antall henvendelser til brukerstøtte er stabilt høyt og for perioden november til "
        "januar skyldes henvendelsene automatisk varsel om uønsket epost, feil med mobilt kontor "
        "og utstyrsfeil.\n\n"
        "I desember 2023 var det en phishing-kampanje som var årsak til det høye antallet "
        "incidents. Disse varslingene kommer inn elektronisk. Det er også noe av forklaringen på "
        "hvorfor andel telefonhenvendelser nå går ned i forhold til normalen.\n\n"
        "I perioden har brukerstøtte klart målsettingen om å besvare 70% av telefonsamtalene "
        "innen 60 sekund. Løsningsgraden i førstelinje har gått noe ned fra normalen, men i "
        "desember er den over målsettingen på 70%."
    ),
    "orders": (
        "Nye tjenester er prosessen i Helse Nord IKT hvor helseforetakene henvender seg med "
        "forespørsler om leveranse av nye tjenester og oppdrag som ikke inngår i løpende "
        "SLA-drift.\n\n"
        "I tabellen inngår tjenesteleveranser, rådgivning og nettverksleveranser."
    ),
    "incidents": (
        "Det registreres en økende andel feil. Dette skyldes primært høy endringstakt og "
        "innføring av nye systemer.\n\n"
        "Beredskapshendelsene ble håndtert i tråd med våre beredskapsrutiner."
    ),
}


# ---------------------------------------------------------------- New services orders


def spread(total: int, parts: int) -> list[int]:
    """``total`` split into ``parts`` whole numbers that differ by at most one."""
    base, extra = divmod(total, parts)
    return [base + (1 if index < extra else 0) for index in range(parts)]


@dataclass
class MonthPlan:
    """What happens in New services in one month of the demo."""

    received: int = 0
    offers: int = 0
    delivered: dict[str, int] = field(default_factory=dict)
    hours: int = 0


def _plan() -> dict[Period, MonthPlan]:
    """Monthly quotas that add up to the seed: 2023 as a whole, January 2023 and January 2024.

    Orders received from September 2022 make the backlog January 2023's offers and deliveries
    are drawn from.
    """
    plan = {Period(2022, m): MonthPlan(received=16) for m in range(9, 13)}
    plan[Period(2023, 1)] = MonthPlan(
        received=13,
        offers=23,
        hours=757,
        delivered={"new-service": 2, "advisory": 1, "network": 16},
    )
    rest = [Period(2023, m) for m in range(2, 13)]
    columns = zip(
        spread(166 - 13, 11),
        spread(108 - 23, 11),
        spread(49 - 2, 11),
        spread(20 - 1, 11),
        spread(45 - 16, 11),
        spread(7618 - 757, 11),
        strict=True,
    )
    for period, (received, offers, new, advisory, network, hours) in zip(rest, columns, strict=True):
        delivered = {"new-service": new, "advisory": advisory, "network": network}
        plan[period] = MonthPlan(received, offers, delivered, hours)
    plan[Period(2024, 1)] = MonthPlan(received=28, offers=8, hours=730, delivered={"advisory": 1})
    return plan


# Categories of incoming orders, in turn: about two in five are new services.
CATEGORY_CYCLE = ("network", "new-service", "network", "advisory", "new-service", "network",
                  "new-service", "advisory", "new-service", "network")  # fmt: skip


@dataclass
class _Order:
    """One invented order of the demo data set."""

    reference: str
    category: str
    received: dt.date
    offer_sent: dt.date | None = None
    delivered: dt.date | None = None


def _day(period: Period, day: int) -> dt.date:
    return dt.date(period.year, period.month, day)


def demo_records() -> tuple[list[OrderInput], list[HoursInput]]:
    """Orders and hours month by month: receipts, then offers to the oldest orders without one,
    then deliveries of the oldest orders of each category, then the month's hours spread over
    the open orders. Offers and deliveries only go to orders received in an earlier month, and
    an offer (days 3-14) always comes before a delivery in the same month (days 15-28)."""
    orders: list[_Order] = []
    hours: list[HoursInput] = []
    sequence: dict[int, int] = {}
    for period, month in sorted(_plan().items()):
        earlier = [o for o in orders if o.received < period.first_day]
        for index in range(month.received):
            sequence[period.year] = sequence.get(period.year, 0) + 1
            category = CATEGORY_CYCLE[len(orders) % len(CATEGORY_CYCLE)]
            received = _day(period, 1 + (index * 5) % 27)
            orders.append(_Order(f"NT-{period.year}-{sequence[period.year]:03d}", category, received))
        waiting = [o for o in earlier if o.offer_sent is None and o.delivered is None]
        if len(waiting) < month.offers:
            raise AssertionError(f"{period}: {month.offers} offers, {len(waiting)} orders waiting")
        for index, order in enumerate(waiting[: month.offers]):
            order.offer_sent = _day(period, 3 + index % 12)
        for category, number in month.delivered.items():
            open_orders = [o for o in earlier if o.category == category and o.delivered is None]
            if len(open_orders) < number:
                raise AssertionError(f"{period}: {number} {category} deliveries, {len(open_orders)} open")
            for index, order in enumerate(open_orders[:number]):
                order.delivered = _day(period, 15 + index % 14)
        hours += _month_hours(period, month.hours, orders)
    records = [OrderInput(o.reference, o.category, o.received, o.offer_sent, o.delivered) for o in orders]
    return records, hours


def _month_hours(period: Period, total: int, orders: list[_Order]) -> Iterator[HoursInput]:
    """``total`` hours over up to twelve orders open in the month, dated on the 15th or, for an
    order received later in the month, on the day it came in."""
    if not total:
        return
    open_orders = [
        o for o in orders if o.received <= period.last_day and (o.delivered is None or o.delivered >= period.first_day)
    ]
    step = max(1, len(open_orders) // 12)
    chosen = open_orders[::step][:12]
    for order, amount in zip(chosen, spread(total, len(chosen)), strict=True):
        yield HoursInput(order.reference, max(order.received, _day(period, 15)), Decimal(amount))
