"""The demo data: milestones for five of the reference portfolio's projects, October 2023 to
January 2024. The reference report has no milestones; all of these are invented, to fit each
project's ratings and comments in the demo:

- SMT (yellow on schedule): the new internet connection the rollout waits for (see its schedule
  comment in January) and the rollout at Nye UNN Narvik slip month by month; both have passed
  their baseline without being reached.
- IFRONT (yellow on schedule): the pilot slips two months; go-live follows it.
- FAF (green): wave 1 reached in November, wave 2 a week behind its baseline.
- TP2 (green): architecture approved in December, migration on its baseline.
- NYESYK (yellow in December, green in January): slipped a month, then won back most of it.

With the demo's tolerance of 14 days no project rated green on schedule has a milestone slipped
past it in January, so the demo's checks stay as they were; the scenario test in
``tests/test_milestones_scenario.py`` shows the evidence rule at work.
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session

from portfolio.api import NotFoundError, Period
from portfolio_milestones import store

DEMO_SETTINGS: dict[str, object] = {"tolerance": 14}

MONTHS = ("2023-10", "2023-11", "2023-12", "2024-01")

# project, key, name, baseline, then per month of MONTHS the forecast ("" before it is
# reported; "=DATE" for the date reached, reported in that month; nothing after)
MILESTONES: tuple[tuple[str, str, str, str, tuple[str, ...]], ...] = (
    (
        "SMT",
        "NETT",
        "Ny internettkobling i produksjon",
        "2023-11-30",
        ("2023-11-30", "2023-12-20", "2024-01-31", "2024-02-29"),
    ),
    (
        "SMT",
        "NARVIK",
        "Innført ved Nye UNN Narvik",
        "2023-12-15",
        ("2023-12-15", "2024-01-15", "2024-02-15", "2024-03-15"),
    ),
    ("IFRONT", "PILOT", "Pilot ved UNN", "2024-02-29", ("2024-02-29", "2024-03-15", "2024-04-15", "2024-04-30")),
    ("IFRONT", "DRIFT", "Alle foretak i drift", "2024-09-30", ("2024-09-30", "2024-09-30", "2024-10-31", "2024-11-30")),
    ("FAF", "BOLGE1", "Utrulling bølge 1", "2023-11-30", ("2023-11-30", "=2023-11-28")),
    ("FAF", "BOLGE2", "Utrulling bølge 2", "2024-03-31", ("2024-03-31", "2024-03-31", "2024-04-07", "2024-04-07")),
    ("TP2", "ARK", "Arkitektur godkjent", "2023-12-15", ("2023-12-15", "2023-12-15", "=2023-12-12")),
    ("TP2", "MIGR", "Første tjenester migrert", "2024-05-31", ("", "2024-05-31", "2024-05-31", "2024-05-31")),
    (
        "NYESYK",
        "HFEST",
        "IKT klar i nye Hammerfest sykehus",
        "2024-03-31",
        ("2024-03-31", "2024-03-31", "2024-04-30", "2024-04-10"),
    ),
)


def load_demo(session: Session) -> None:
    """Add or update every milestone and its months; running it twice changes nothing."""
    for project, key, name, baseline_text, forecasts in MILESTONES:
        baseline = dt.date.fromisoformat(baseline_text)
        reported = [(Period.parse(m), f) for m, f in zip(MONTHS, forecasts, strict=False) if f]
        first = reported[0][0]
        try:
            milestone = store.find(session, project, key)
            store.edit(session, milestone, name=name, baseline=baseline, tolerance=None)
        except NotFoundError:
            milestone = store.add(session, project, key, name, baseline, first)
        for period, text in reported:
            if text.startswith("="):
                store.reach(session, milestone, period, dt.date.fromisoformat(text[1:]))
            else:
                store.set_forecast(session, milestone, period, dt.date.fromisoformat(text))
