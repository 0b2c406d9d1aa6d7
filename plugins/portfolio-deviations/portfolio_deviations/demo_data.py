"""The demo's deviations: the reference report's figures, as snapshots and as generated records.

The reference report (January 2024) shows the open count on eight dates: 183, 211, 257, 181,
227, 215, 223, 252. The demo tells this story: the PMO entered the counts of its earlier reports
for 1 April - 1 October 2023 as snapshots, and from then on the section is computed from a DocMap
export taken on 1 February 2024. The export's records are generated here so that their computed
open counts on 1 November 2023 - 1 February 2024 are exactly the report's; the split between the
own organisation and the health trusts is the demo's own (the report gives totals only).

The generation is deterministic (a seeded random generator only picks titles, units and days);
the counts hold by construction, whatever it picks.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from portfolio_deviations.counting import OWN, TRUSTS, is_open_on

ORGANISATION = "Helse Nord IKT"
# The reference organisation's settings, which ``portfolio demo`` stores in the database (the
# plugin's own defaults are neutral): its name, whose deviations form the first row and whose
# place of the event is counted, and the reference report's extra column, 1 April 2023.
DEMO_SETTINGS: dict[str, object] = {"organisation": ORGANISATION, "extra_dates": ["2023-04-01"]}
EXPORT_SOURCE = "docmap-eksport-2024-02-01.csv"
EXPORTED_ON = dt.date(2024, 2, 1)
IMPORTED_AT = dt.datetime(2024, 2, 1, 8, 0, tzinfo=dt.UTC)

# The reference report's row, by date.
SEED_TOTALS: dict[dt.date, int] = {
    dt.date(2023, 4, 1): 183,
    dt.date(2023, 8, 1): 211,
    dt.date(2023, 9, 1): 257,
    dt.date(2023, 10, 1): 181,
    dt.date(2023, 11, 1): 227,
    dt.date(2023, 12, 1): 215,
    dt.date(2024, 1, 1): 223,
    dt.date(2024, 2, 1): 252,
}
# Entered counts (own, trusts) for the dates before the export is used.
SNAPSHOTS: dict[dt.date, tuple[int, int]] = {
    dt.date(2023, 4, 1): (112, 71),
    dt.date(2023, 8, 1): (129, 82),
    dt.date(2023, 9, 1): (158, 99),
    dt.date(2023, 10, 1): (110, 71),
}
# What the generated records must give (own, trusts) on the later dates.
RECORD_TARGETS: dict[dt.date, tuple[int, int]] = {
    dt.date(2023, 11, 1): (139, 88),
    dt.date(2023, 12, 1): (131, 84),
    dt.date(2024, 1, 1): (134, 89),
    dt.date(2024, 2, 1): (151, 101),
}

TEXT_2024_01 = (
    "Helse Nord IKT har et høyt antall åpne avvik, og det er utfordrende å behandle disse raskt "
    "nok. Dette gjelder både internt i Helse Nord IKT og ute i helseforetakene. Det er krevende å "
    "framskaffe aggregerte data knyttet til avvikshåndtering, men det arbeides kontinuerlig med å "
    "lukke avvik som ligger til behandling i Helse Nord IKT."
)

TRUSTS_UNITS = (
    "UNN",
    "Nordlandssykehuset",
    "Helgelandssykehuset",
    "Finnmarkssykehuset",
    "Sykehusapotek Nord",
)
TITLES: dict[str, tuple[str, ...]] = {
    "Informasjonssikkerhet": (
        "E-post med helseopplysninger sendt til feil mottaker",
        "Lenke i phishing-e-post klikket",
        "Ulåst PC i pasientområde",
        "Passord delt i e-post",
        "Oppslag i journal uten tjenstlig behov",
    ),
    "Tilgangsstyring": (
        "Tilgang ikke fjernet ved sluttdato",
        "Feil tilgangsnivå tildelt",
        "Forsinket tilgang for nyansatt",
    ),
    "Drift": (
        "Treghet i DIPS Arena",
        "Utskrift til feil skriver",
        "Nettverksbrudd på sengepost",
        "Ustabil innlogging i mobilt kontor",
        "Integrasjon mot laboratoriesystem stoppet",
    ),
    "Endring": (
        "Endring gjennomført uten godkjenning",
        "Endring utenfor avtalt vedlikeholdsvindu",
        "Manglende varsel om planlagt nedetid",
    ),
    "Brukerstøtte": (
        "Henvendelse ikke besvart innen frist",
        "Sak lukket uten løsning",
    ),
    "Medisinsk-teknisk utstyr": (
        "Kurveløsning utilgjengelig ved vaktskifte",
        "Overføring fra medisinsk-teknisk utstyr feilet",
    ),
}

# The long-open deviations: written out, so the demo's oldest-open table reads like a real one.
OLD_OPEN: tuple[tuple[str, str, str, str, dt.date], ...] = (
    (
        "DM-2021-0142",
        "Manglende logging av oppslag i eldre fagsystem",
        ORGANISATION,
        "Informasjonssikkerhet",
        dt.date(2021, 3, 15),
    ),
    (
        "DM-2021-0388",
        "Delte brukerkontoer på laboratorium",
        "UNN",
        "Tilgangsstyring",
        dt.date(2021, 6, 2),
    ),
    (
        "DM-2021-0611",
        "Usikret fjerntilgang for leverandør",
        ORGANISATION,
        "Informasjonssikkerhet",
        dt.date(2021, 9, 20),
    ),
    (
        "DM-2021-0795",
        "Sikkerhetskopi av fagsystem ikke testet",
        ORGANISATION,
        "Drift",
        dt.date(2021, 11, 8),
    ),
    (
        "DM-2022-0057",
        "Utdatert operativsystem på medisinsk-teknisk utstyr",
        "Nordlandssykehuset",
        "Medisinsk-teknisk utstyr",
        dt.date(2022, 1, 24),
    ),
    (
        "DM-2022-0213",
        "Manglende rutine for fjerning av tilganger ved omorganisering",
        ORGANISATION,
        "Tilgangsstyring",
        dt.date(2022, 3, 7),
    ),
    (
        "DM-2022-0364",
        "Printere uten autentisering på poliklinikk",
        "Helgelandssykehuset",
        "Informasjonssikkerhet",
        dt.date(2022, 4, 19),
    ),
    (
        "DM-2022-0470",
        "Uavklart ansvar for integrasjon mot kommunene",
        ORGANISATION,
        "Endring",
        dt.date(2022, 5, 30),
    ),
    (
        "DM-2022-0598",
        "Gjentatte brudd i linje til distriktsmedisinsk senter",
        ORGANISATION,
        "Drift",
        dt.date(2022, 6, 27),
    ),
    (
        "DM-2022-0702",
        "Journaldokumenter lagret på felles filområde",
        "Finnmarkssykehuset",
        "Informasjonssikkerhet",
        dt.date(2022, 8, 15),
    ),
    (
        "DM-2022-0815",
        "Manglende varsling ved feil i meldingsflyt",
        ORGANISATION,
        "Drift",
        dt.date(2022, 9, 12),
    ),
    (
        "DM-2022-0903",
        "Gamle tilganger til røntgensystem ikke ryddet",
        "UNN",
        "Tilgangsstyring",
        dt.date(2022, 10, 3),
    ),
)
GENERATED_FROM = dt.date(2022, 11, 1)  # generated records open later than every written-out one
OTHER_PLACES = ("UNN", "Nordlandssykehuset", "Finnmarkssykehuset")
CLOSING_SHARE = 0.3  # of the open deviations, the share closed in a month
PASSING = 25  # deviations opened and closed within a month, per group


@dataclass(frozen=True)
class DemoRecord:
    """One invented deviation of the demo data set."""

    external_id: str
    title: str
    place: str
    handler: str
    opened: dt.date
    closed: dt.date | None
    category: str


@dataclass
class _Draft:
    """One demo deviation as drafted, before it becomes a DemoRecord."""

    group: str
    opened: dt.date
    closed: dt.date | None = None
    place: str = ORGANISATION
    fixed: tuple[str, str, str, str, dt.date] | None = None


def _day_between(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, (last - first).days))


def _drafts(rng: random.Random) -> list[_Draft]:
    dates = sorted(RECORD_TARGETS)
    drafts: list[_Draft] = []
    for index, group in enumerate((OWN, TRUSTS)):
        targets = [RECORD_TARGETS[day][index] for day in dates]
        fixed = [_Draft(group, item[4], fixed=item) for item in OLD_OPEN if (item[2] == ORGANISATION) == (group == OWN)]
        start = dates[0] - dt.timedelta(days=1)
        opened = [_Draft(group, _day_between(rng, GENERATED_FROM, start)) for _ in range(targets[0] - len(fixed))]
        drafts += fixed + opened
        still_open = list(opened)  # the written-out old ones stay open
        for k in range(len(dates) - 1):
            first, last = dates[k] + dt.timedelta(days=1), dates[k + 1] - dt.timedelta(days=1)
            closing = max(round(CLOSING_SHARE * targets[k]), targets[k] - targets[k + 1])
            closing = min(closing, len(still_open))
            for draft in rng.sample(still_open, closing):
                draft.closed = _day_between(rng, first, last)
                still_open.remove(draft)
            new = [_Draft(group, _day_between(rng, first, last)) for _ in range(closing + targets[k + 1] - targets[k])]
            still_open += new
            drafts += new
            for _ in range(PASSING):
                day = _day_between(rng, first, last)
                drafts.append(_Draft(group, day, _day_between(rng, day, last)))
        # a history of closed deviations, for the list command
        for _ in range(PASSING * 2):
            day = _day_between(rng, dt.date(2023, 1, 2), dt.date(2023, 9, 30))
            drafts.append(_Draft(group, day, _day_between(rng, day, dt.date(2023, 10, 31))))
    for _ in range(30):  # events elsewhere: in the export, but not counted
        day = _day_between(rng, dt.date(2023, 1, 2), dt.date(2024, 1, 31))
        closed = _day_between(rng, day, dt.date(2024, 1, 31)) if rng.random() < 0.5 else None
        group = rng.choice((OWN, TRUSTS))
        drafts.append(_Draft(group, day, closed, place=rng.choice(OTHER_PLACES)))
    return drafts


def demo_records() -> list[DemoRecord]:
    """Every record of the demo export, ids numbered per year in order of opening."""
    rng = random.Random(20240201)
    drafts = _drafts(rng)
    drafts.sort(key=lambda d: (d.opened, d.fixed is None, d.group, d.place, d.closed or dt.date.max))
    numbers: dict[int, int] = {}
    records = []
    categories = sorted(TITLES)
    for draft in drafts:
        if draft.fixed is not None:
            external_id, title, handler, category, opened = draft.fixed
            records.append(DemoRecord(external_id, title, ORGANISATION, handler, opened, None, category))
            continue
        year = draft.opened.year
        numbers[year] = numbers.get(year, 1000) + 1
        external_id = f"DM-{year}-{numbers[year]:04d}"  # from 1001: clear of the written-out ids
        category = rng.choice(categories)
        handler = ORGANISATION if draft.group == OWN else rng.choice(TRUSTS_UNITS)
        records.append(
            DemoRecord(
                external_id,
                rng.choice(TITLES[category]),
                draft.place,
                handler,
                draft.opened,
                draft.closed,
                category,
            )
        )
    return records


def record_counts(records: list[DemoRecord], day: dt.date) -> tuple[int, int]:
    """(own, trusts) open on ``day`` at the own organisation: the demo's own cross-check."""
    own = trusts = 0
    for record in records:
        if record.place == ORGANISATION and is_open_on(record.opened, record.closed, day):
            if record.handler == ORGANISATION:
                own += 1
            else:
                trusts += 1
    return own, trusts
