"""The demo data: benefits for the nine projects and two programs the reference portfolio rates
on benefits, with values from October 2023 to January 2024. The reference report has no
benefits register; all of these are invented, to fit each project and its ratings:

- every project rated on benefits has a benefit, so the demo raises no "no benefit registered";
- every benefit is within the default 10 percentage points of its planned curve in December and
  January (SMT's, the message broker's share of messages, lags its curve by 7 points, as its
  schedule does), so the demo's checks and its other sections stay as they were; the scenario
  test in ``tests/test_gains_scenario.py`` shows the evidence rules at work.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlmodel import Session

from portfolio.api import NotFoundError, Period
from portfolio_gains import store

DEMO_SETTINGS: dict[str, object] = {"tolerance": 10}  # the reference organisation keeps the default

MONTHS = ("2023-10", "2023-11", "2023-12", "2024-01")

# subject, key, measure, owner, unit, baseline, target, target date, baseline month,
# then the value realised in each month of MONTHS ("" for none)
BENEFITS: tuple[tuple[str, str, str, str, str, str, str, str, str, tuple[str, ...]], ...] = (
    ("HIS2", "SIKKER", "Servere med oppdatert sikkerhetsnivå", "Sikkerhetssjef", "%", "40", "95", "2024-12-31",
     "2023-06", ("52", "55", "58", "61")),
    ("MODI", "LEVTID", "Leveransetid for nye tjenester", "Direktør teknologi", "dager", "60", "30", "2025-06-30",
     "2023-09", ("59", "58", "56", "54")),
    ("RAF", "KOST", "Lisens- og driftskostnad for applikasjoner", "Fagdirektør", "MNOK", "48", "42", "2024-12-31",
     "2023-06", ("47", "46.5", "46", "45.6")),
    ("HAF", "APPS", "Applikasjoner i porteføljen", "Leder applikasjonsforvaltning", "stk", "1450", "1100",
     "2025-12-31", "2023-06", ("1420", "1400", "1385", "1370")),
    ("TP2", "NEDETID", "Uplanlagt nedetid per måned", "Driftssjef", "minutter", "240", "60", "2024-09-30",
     "2023-09", ("230", "215", "195", "178")),
    ("DVH", "RAPP", "Rapporter levert fra ny plattform", "Leder analyse", "stk", "0", "120", "2024-12-31",
     "2023-09", ("6", "14", "22", "30")),
    ("SIKTH", "MODELL", "Kliniske KI-modeller i sikker drift", "Forskningssjef", "stk", "0", "6", "2024-12-31",
     "2023-10", ("", "0", "1", "1")),
    ("IAM2", "TILGANG", "Tid fra ansettelse til tilgang", "HR-direktør", "timer", "72", "8", "2024-12-31",
     "2023-06", ("60", "55", "50", "46")),
    ("DPT", "TELEFONI", "Telefonikostnad per måned", "Økonomisjef", "kNOK", "820", "610", "2024-12-31",
     "2023-06", ("790", "770", "755", "740")),
    ("SMT", "MELD", "Meldinger over ny meldingstjener", "Fagsjef integrasjon", "%", "0", "100", "2024-10-31",
     "2023-09", ("8", "15", "20", "24")),
    ("M365", "TEAMS", "Ansatte som bruker Teams daglig", "Kommunikasjonsdirektør", "%", "35", "90", "2024-06-30",
     "2023-06", ("55", "60", "64", "68")),
)  # fmt: skip


def load_demo(session: Session) -> None:
    """Add or update every benefit and its months; running it twice changes nothing."""
    for subject, key, measure, owner, unit, baseline, target, target_date, first, values in BENEFITS:
        plan = {
            "measure": measure,
            "owner": owner,
            "unit": unit,
            "baseline": Decimal(baseline),
            "target": Decimal(target),
            "target_date": dt.date.fromisoformat(target_date),
        }
        try:
            benefit = store.find(session, subject, key)
            store.edit(session, benefit, **plan)  # type: ignore[arg-type]
        except NotFoundError:
            benefit = store.add(session, subject, key, period=Period.parse(first), **plan)  # type: ignore[arg-type]
        for month, value in zip(MONTHS, values, strict=True):
            if value:
                store.set_value(session, benefit, Period.parse(month), Decimal(value))
