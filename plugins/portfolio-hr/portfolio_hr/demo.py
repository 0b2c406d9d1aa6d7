"""The demo data: the reference report's HR/HMS section for January 2024.

The AML counts are the seed's table exactly. The seed's sick-leave charts were lost, so the
2023 months are made up to follow what its text says about them, with the monthly totals
averaging exactly 6.05 %:

- short-term absence is under 2.5 % from April to the end of August and rises in autumn/winter;
- long-term absence is well above 2.5 % early in the year, falls towards summer, goes up in
  June-August, falls markedly in September and October and rises again in winter;
- self-certified absence is stable with a rise in the winter months; doctor-certified absence
  is high all year.

Every month's short + long and self + doctor equal its total exactly.
"""

from __future__ import annotations

from decimal import Decimal

from sqlmodel import Session

from portfolio.api import Period, Settings, store_settings
from portfolio_hr import PLUGIN_NAME, aml, sick_leave
from portfolio_hr.texts import set_text

# The reference organisation's settings, which the demo stores in the database (the plugin's own
# defaults name no organisation and set no target): its name, its sick-leave targets in percent,
# and its report's empty cells for zero AML breaches.
DEMO_SETTINGS: dict[str, object] = {
    "organisation": "Helse Nord IKT",
    "target_total": 5,
    "target_short_term": 2.5,
    "target_long_term": 2.5,
    "blank_zero_cells": True,
}

# month: (total, short-term, long-term, self-certified, doctor-certified), in percent
SICK_LEAVE: dict[str, tuple[str, str, str, str, str]] = {
    "2023-01": ("7.4", "2.9", "4.5", "1.3", "6.1"),
    "2023-02": ("7.0", "2.8", "4.2", "1.2", "5.8"),
    "2023-03": ("6.4", "2.6", "3.8", "1.0", "5.4"),
    "2023-04": ("5.7", "2.2", "3.5", "0.9", "4.8"),
    "2023-05": ("5.3", "2.0", "3.3", "0.9", "4.4"),
    "2023-06": ("5.4", "1.8", "3.6", "0.9", "4.5"),
    "2023-07": ("5.5", "1.5", "4.0", "0.8", "4.7"),
    "2023-08": ("6.0", "2.1", "3.9", "0.9", "5.1"),
    "2023-09": ("5.6", "2.7", "2.9", "1.0", "4.6"),
    "2023-10": ("5.2", "2.8", "2.4", "1.0", "4.2"),
    "2023-11": ("6.3", "3.0", "3.3", "1.2", "5.1"),
    "2023-12": ("6.8", "3.2", "3.6", "1.4", "5.4"),
    "2024-01": ("6.3", "3.1", "3.2", "1.4", "4.9"),
}

# The seed's table "AML-brudd", October 2023 - January 2024; its empty cells are zero.
AML_COUNTS: dict[str, dict[str, int]] = {
    "2023-10": {
        "total_per_day": 10,
        "hours_per_week": 6,
        "hours_per_4_weeks": 1,
        "sundays_in_row": 2,
        "weekly_rest": 7,
        "total_per_week": 0,
    },
    "2023-11": {
        "total_per_day": 10,
        "hours_per_week": 7,
        "hours_per_4_weeks": 0,
        "sundays_in_row": 4,
        "weekly_rest": 11,
        "total_per_week": 0,
    },
    "2023-12": {
        "total_per_day": 4,
        "hours_per_week": 4,
        "hours_per_4_weeks": 3,
        "sundays_in_row": 5,
        "weekly_rest": 10,
        "total_per_week": 0,
    },
    "2024-01": {
        "total_per_day": 9,
        "hours_per_week": 9,
        "hours_per_4_weeks": 2,
        "sundays_in_row": 4,
        "weekly_rest": 11,
        "total_per_week": 0,
    },
}

# The seed's own words for January 2024. Sentences the section generates from the figures
# (the 6,05 % against the target, short-term absence under target from April to August) are
# left out so they are not said twice.
TEXTS: dict[str, str] = {
    "intro": "HMS-systemet er vedlikeholdt i henhold til gjeldende regelverk.",
    "sick-leave": (
        "Det arbeides kontinuerlig med oppfølging og det er iverksatt tiltak både på individ og "
        "organisasjonsnivå. Erfaring viser at ledelsesfokus og målrettet oppfølging på individnivå "
        "er avgjørende for å redusere eller nå mål på sykefravær. Samhandlingen mellom HR enheten, "
        "ledernivåene i Helse Nord IKT, bedriftshelse-tjenesten og NAV er god. Iverksatte tiltak "
        "vil følges opp fremover og nye tiltak vil vurderes iverksatt fortløpende."
    ),
    "certification": (
        "Egenmeldt fravær ligger stort sett stabilt gjennom året, med en økning i vintermånedene "
        "som er forventet, med mange virus i omløp.\n\n"
        "Legemeldt fravær ligger høyere enn tidligere gjennom hele året."
    ),
    "short-term": (
        "Økningen i korttidsfraværet i høst/vintermånedene, antas å ha en sammenheng med omløp av virus i samfunnet."
    ),
    "long-term": (
        "Langtidsfraværet var i begynnelsen av året godt over måltallet, og hadde en synkende "
        "trend frem mot sommeren. I perioden juni til august var det en økning, men dette er "
        "naturlig i hovedferieperioden. Vi ser en markant nedgang i langtidsfraværet i september "
        "og oktober, noe som er svært positivt, mens det øker igjen i vintermånedene."
    ),
    "aml": "AML-bruddene i januar er i stort knyttet til beredskapshendelser og sykefravær.",
}
TEXT_PERIOD = Period(2024, 1)
FIELDS = ("total", "short_term", "long_term", "self_certified", "doctor_certified")


def load_demo(session: Session, settings: Settings | None = None) -> None:
    """Store the reference organisation's settings and write the demo months; the same values
    again change nothing."""
    store_settings(session, PLUGIN_NAME, DEMO_SETTINGS, settings=settings)
    for month, figures in SICK_LEAVE.items():
        values = {name: Decimal(text) for name, text in zip(FIELDS, figures, strict=True)}
        sick_leave.store(session, Period.parse(month), values, replace=True)
    aml.replace_months(session, {Period.parse(m): counts for m, counts in AML_COUNTS.items()})
    for part, text in TEXTS.items():
        set_text(session, TEXT_PERIOD, part, text)
