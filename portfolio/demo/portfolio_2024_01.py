"""The reference report's portfolio (virksomhetsrapport pr. 31. januar 2024), as plain data.

Ratings are strings of six letters in dimension order (scope, finance, resources, schedule,
dependencies, benefits): G green, Y yellow, R red, N not assessed (the seed's ○). The seed lost
its colours; these are plausible ones. December differs from January exactly where the seed
prints an arrow, so January's trends are the seed's.
"""

from __future__ import annotations

from typing import NotRequired, TypedDict

PERIODS = ("2023-12", "2024-01")

PROGRAMS = (
    # code, number, name, owner
    ("HIS2", 1, "Helhetlig informasjonssikkerhet 2", "Sikkerhetssjef"),
    ("MODI", 2, "MoDI", "Direktør teknologi"),
)

PROJECTS = (
    # code, name, program, number, manager, phase
    ("RAF", "Regional applikasjonsforvaltning (RAF)", None, None, "Prosjektleder RAF", "gjennomføring"),
    ("HAF", "Helhetlig applikasjonsforvaltning", None, None, "Prosjektleder HAF", "gjennomføring"),
    ("SMB", "Sectra Message Broker", None, None, "Prosjektleder SMB", "gjennomføring"),
    ("TP2", "Tjenesteplattform 2.0", None, None, "Prosjektleder TP2", "gjennomføring"),
    ("DVH", "Plattform for Datavarehuset", None, None, "Prosjektleder DVH", "konsept"),
    ("NYESYK", "Nye UNN og Hammerfest sykehus", None, None, "Prosjektleder nye sykehus", "gjennomføring"),
    ("SIKTH", "Sikker IKT-Plattform for Kunstig Intelligens", None, None, "Prosjektleder SIKTH", "planlegging"),
    ("HTS", "Helhetlig Tjenestestyring i HN IKT", None, None, "Prosjektleder HTS", "gjennomføring"),
    ("IAM2", "IAM 2", "HIS2", "1.1", "Prosjektleder IAM2", "gjennomføring"),
    ("ITAM", "IT Asset Management", "HIS2", "1.2", "Prosjektleder ITAM", "gjennomføring"),
    ("SRVS", "Serversikring", "HIS2", "1.3", "Prosjektleder serversikring", "gjennomføring"),
    ("NAC", "NAC/Sonemodell", "HIS2", "1.4", "Prosjektleder NAC", "gjennomføring"),
    ("RSMA", "RSMA", "HIS2", "1.5", "Prosjektleder RSMA", "gjennomføring"),
    ("EPP", "EPP og ADP", "HIS2", "1.6", "Prosjektleder EPP", "gjennomføring"),
    ("FAF", "Framtidig arbeidsflate", "MODI", "2.1", "Prosjektleder FAF", "gjennomføring"),
    ("DPT", "Digital plattform Telekom", "MODI", "2.2", "Prosjektleder telekom", "gjennomføring"),
    ("SMT", "Sentral meldingstjener", "MODI", "2.3", "Prosjektleder SMT", "gjennomføring"),
    ("IFRONT", "iFront", "MODI", "2.4", "Prosjektleder iFront", "gjennomføring"),
    ("NETT2", "Nettverk 2.0", "MODI", "2.5", "Prosjektleder Nettverk 2.0", "gjennomføring"),
    ("M365", "Innføring av Microsoft 365", "MODI", "2.6", "Prosjektleder M365", "gjennomføring"),
    ("WIN7", "Win7/server 2008", None, None, "Prosjektleder Win7", "avslutning"),
)

# Finished in December: it reported that month, then was closed, so January's matrix leaves it out.
CLOSED_PROJECTS = ("WIN7",)

# code: (December 2023, January 2024)
STATUSES = {
    "RAF": ("GGYGYG", "GGYGGG"),
    "HAF": ("GGYGGG", "GGYYGG"),
    "SMB": ("GGGGGN", "GGGGGN"),
    "TP2": ("GGYGYG", "GGYGYG"),
    "DVH": ("GGGGGG", "GGGGGG"),
    "NYESYK": ("GGYYGN", "GGYGGN"),
    "SIKTH": ("GYGYGG", "GYGYGG"),
    "HTS": ("GGGGGN", "GGGGGN"),
    "HIS2": ("GGGGGG", "GGYGGG"),
    "IAM2": ("GGGGGG", "GGGGGG"),
    "ITAM": ("GGGGGN", "GYGGGN"),
    "SRVS": ("GGGGGN", "GGYGGN"),
    "NAC": ("GGYYGN", "GGYYGN"),
    "RSMA": ("GGGGGN", "GGGGGN"),
    "EPP": ("GGGGGN", "GGGGGN"),
    "MODI": ("GGGGNG", "GGGGNG"),
    "FAF": ("GGGGGN", "GGGGGN"),
    "DPT": ("GGGGGG", "GGGGGG"),
    "SMT": ("GGGYGG", "GGYYGG"),
    "IFRONT": ("GGYYNN", "GGRYNN"),
    "NETT2": ("GGGGGN", "GGGGGN"),
    "M365": ("GGGGYG", "GGGGYG"),
    "WIN7": ("GGGGGN", None),
}

STATUS_COMMENTS = {
    ("SMT", "2024-01"): {
        "resources": "Ressurser til innføring må deles med Nye UNN Narvik og Nye Hammerfest.",
        "schedule": "Innføringen kan fortsette etter at ny løsning for kobling mot internett er satt i produksjon.",
    },
    ("IFRONT", "2024-01"): {
        "resources": "For få ressurser til utstyrsbytte; ny metodikk piloteres på Helgelandssykehuset.",
    },
    ("HIS2", "2024-01"): {
        "resources": "Fravær av sentral intern ressurs påvirker NAC og Serversikring.",
    },
}

# Where a program's own rating is better than its projects' roll-up (the worst of them), the
# PMO's reason; the seed rates the programs by hand, and these are plausible reasons.
PROGRAM_JUSTIFICATIONS = {
    ("HIS2", "2024-01"): (
        "Avviket i ITAMs økonomi og NACs fremdrift dekkes av programmets reserve; programmets "
        "samlede budsjett og milepæler holder."
    ),
    ("MODI", "2024-01"): (
        "Ressursmangelen i iFront og forsinkelsen i SMT er avgrenset til utrullingen og påvirker "
        "ikke programmets hovedleveranser i 2024."
    ),
}


class SeedRisk(TypedDict):
    project: str
    description: str
    owner: str
    assessments: dict[str, tuple[int, int]]
    residual: NotRequired[dict[str, tuple[int, int]]]
    measures: tuple[tuple[str, str | None, str | None, str], ...]


# Each risk: project, description, owner, (probability, consequence) per month, measures, and
# for some the residual (probability, consequence) expected once the measures have worked.
# A measure: text, owner, due date (ISO) or None, status.
RISKS: tuple[SeedRisk, ...] = (
    {
        "project": "NAC",
        "description": (
            "1) Fravær av sentral intern ressurs kombinert med lav grad av vedlikeholdsvindu på UNN "
            "kan gjøre at prosjektet ikke når milepæler\n"
            "2) Sykehusprosjektene mangler operativ plan for nye sykehus, noe som kan påvirke "
            "fremdriften for NAC på nye sykehus"
        ),
        "owner": "Prosjektleder NAC",
        "assessments": {"2023-12": (4, 5), "2024-01": (4, 5)},
        "measures": (
            (
                "Risiko er kommunisert til UNN, CM, og HIS2-programmet som koordinerer arbeidet videre "
                "med ressurspersoner i HNIKT. Følgende tiltak er fortsatt aktuelle:\n"
                "- Koordinering mellom linje og prosjekt → herunder koordinere felles vedlikeholdsvindu "
                "innenfor en geografisk lokasjon/avdeling ved UNN\n"
                "- Koordinering mellom prosjekt og LAN, for mest mulig felles vedlikeholdsvinduer\n"
                "- Koordinering mellom HIS og iFront – i områder hvor det er mye teknisk gjeld\n"
                "- Koordinering mellom innføringsansvarlig og sikkerhetsleder ved UNN\n"
                "- Koordinering av endringsvindu mellom prosjekt og linje\n"
                "- Koordinering med iFRONT angående bytte av svitsjer ift. vedlikeholdsvindu",
                "Programleder HIS2",
                "2024-03-01",
                "in-progress",
            ),
            (
                "Prosjektet har bedt om en konkret operativ plan, med faktiske dato for gjennomføring, "
                "slik at videre planlegging kan utføres. Det er en uønsket risiko dersom dato med "
                "operasjonalisering av NAC på nye sykehus sammenfaller for tett mot closed mode UNN",
                "Prosjektleder NAC",
                "2024-02-15",
                "open",
            ),
        ),
    },
    {
        "project": "NAC",
        "description": (
            "1) Linjeorganisasjonens evne til å ta imot leveranser\n"
            "2) Feilsøking i verdikjedene mellom nettverk og PC-klient\n"
            "3) Identifisering av endepunkter hos foretakene"
        ),
        "owner": "Prosjektleder NAC",
        "assessments": {"2023-12": (4, 4), "2024-01": (4, 4)},
        "measures": (
            (
                "Koordineringsmøter med systemeier og seksjonsleder hver 14 dag",
                "Prosjektleder NAC",
                None,
                "in-progress",
            ),
            (
                "Feilsøking mellom PC-klient og NAC er krevende pga. manglende innsikt og forståelse av "
                "avhengigheter på begge sider, og hvor ansvaret for feilsøking bør plasseres",
                "Seksjonsleder nettverk",
                "2024-04-01",
                "open",
            ),
            (
                "Identifisering hos foretakene er mer tidkrevende enn forutsatt pga. deres manglende "
                "oversikt over registrerte eiendeler og systemeiere",
                "Prosjektleder NAC",
                "2024-04-01",
                "open",
            ),
        ),
    },
    {
        "project": "M365",
        "description": (
            "Ved overgang til skytjenester blir tilgang til internett en kritisk ressurs for tilgang "
            "til applikasjonene."
        ),
        "owner": "Prosjektleder M365",
        "assessments": {"2023-12": (3, 5), "2024-01": (3, 5)},
        "measures": (
            (
                "Ansvar for tilgang til skytjenester kan påvirkes av flere ressurs/avd/prosjekter. En rekke "
                "driftsavbrudd har skjedd den siste tiden og konsekvensen er at tilgangen til enkelte "
                "tjenester som innføres av prosjektet kan være utilgjengelige for brukerne i regionen. "
                "Analyse av nettverkstrafikk sammen med Microsoft lila så snart ny løsning for "
                "internettvask er etablert og trafikk er rutet over til denne.",
                "Prosjektleder M365",
                "2024-04-30",
                "open",
            ),
        ),
    },
    {
        "project": "RAF",
        "description": (
            "Risiko for at det kan være utfordrende å få plass de aktuelle ressursene og dermed den "
            "fremgangen som ønskes"
        ),
        "owner": "Prosjektleder RAF",
        "assessments": {"2023-12": (4, 4), "2024-01": (4, 4)},
        "measures": (("Tett dialog med ressurseiere hos foretaksgruppen", "Prosjektleder RAF", None, "in-progress"),),
    },
    {
        "project": "TP2",
        "description": (
            "Det er flere områder i ROS analysen som krever tiltak, presset på å komme i produksjon "
            "medfører lite tid til tiltak før produksjonsstart."
        ),
        "owner": "Prosjektleder TP2",
        "assessments": {"2023-12": (3, 4), "2024-01": (4, 4)},
        "residual": {"2024-01": (2, 4)},
        "measures": (
            (
                "Dette dreier seg i hovedsak om kompetansebehov, nødvendige oppgraderinger i "
                "infrastrukturen, kvalitet på leveranser fra DIPS og prioriteringer av oppgaver. "
                "Prosjektet arbeider aktivt med å redusere risiko innenfor områdene, men arbeidet krever "
                "bedre kommunikasjon og forståelse for hva overgang til Kubernetes betyr for HNIKT.",
                "Prosjektleder TP2",
                "2024-03-31",
                "in-progress",
            ),
        ),
    },
    {
        "project": "SIKTH",
        "description": "Manglende finansiering/uavklart finansieringsmodell mtp inntekter",
        "owner": "Prosjekteier SIKTH",
        "assessments": {"2023-12": (3, 5), "2024-01": (3, 5)},
        "measures": (
            (
                "Endringer ut over budsjettforslag må enten gis som tilleggsfinansiering til prosjektet, "
                "eller delfinansieres av tilvalgene.",
                "Prosjekteier SIKTH",
                "2024-02-29",
                "open",
            ),
        ),
    },
    {
        "project": "SIKTH",
        "description": "Prosjektene behov tar lengre tid enn ventet, og forsinket fremdriften.",
        "owner": "Prosjektleder SIKTH",
        "assessments": {"2024-01": (4, 4)},
        "residual": {"2024-01": (2, 3)},
        "measures": (
            (
                "Skaffe oversikt over behovene, samt identifisere og gjennomføre tiltak for å forhindre forsinkelser.",
                "Prosjektleder SIKTH",
                "2024-02-29",
                "open",
            ),
        ),
    },
    # Risks below the red zone, so the red-zone list is a real selection.
    {
        "project": "IAM2",
        "description": "Utrulling til de kliniske helseforetakene kan forsinkes av oppkobling mot fagsystemer.",
        "owner": "Prosjektleder IAM2",
        "assessments": {"2023-12": (2, 4), "2024-01": (2, 4)},
        "measures": (
            ("Tidlig avklaring av integrasjoner med systemeierne", "Prosjektleder IAM2", "2024-05-01", "open"),
        ),
    },
    {
        "project": "DVH",
        "description": "Valg av teknologiplattform kan trekke ut dersom skytjenester må utredes grundigere.",
        "owner": "Prosjektleder DVH",
        "assessments": {"2024-01": (2, 2)},
        "measures": (),
    },
    {
        "project": "FAF",
        "description": "Utrulling av VDI-plattformen er avhengig av framdriften for elektronisk kurve.",
        "owner": "Prosjektleder FAF",
        "assessments": {"2023-12": (3, 3), "2024-01": (2, 3)},
        "measures": (
            ("Felles plan for utrulling med kurveprosjektet", "Prosjektleder FAF", "2024-06-30", "in-progress"),
        ),
    },
)

NARRATIVE_PERIOD = "2024-01"

# scope -> paragraphs; "portfolio" opens the section, a program code follows, "standalone" closes it.
NARRATIVES = {
    "portfolio": (
        "Ved inngangen til 2024 er statusen i prosjektporteføljen tilfredsstillende. Framdriften "
        "fortsetter å være noe lavere enn planlagt for flere prosjekter, der den største "
        "fellesnevneren er lavere tilgang på ressurser. I porteføljestyremøtet i desember ble flere "
        "nye prosjektfaser behandlet for oppstart. Kun de tiltakene som ble vurdert som nødvendig å "
        "starte opp ble prioritert, og flere ønskede tiltak ble utsatt til senere tidspunkt. Omfanget "
        "forventes likevel økt i 2024 med ca. 20% sammenliknet med 2023 med bakgrunn i forventet "
        "effekt av økt rekruttering.",
    ),
    "HIS2": (
        "I programmet *Helhetlig informasjonssikkerhet (HIS2)* planlegger de fleste prosjektene å "
        "ferdigstille til sommeren. Fokus fremover er å sikre en god overlevering til "
        "linjeorganisasjonen, og sette den i stand til å forvalte løsningene som er innført. Selv om "
        "programmet sannsynligvis vil avvikles i løpet av 2024 vil behovet for kontinuerlig "
        "investeringer i informasjonssikkerhet vedvare. Det eneste prosjektet i programmet som vil "
        "ha varighet utover 2024 er *Innføring av regional tilgangsstyring (IAM2)*. Her vil "
        "grunnfunksjonaliteten rulles ut til de kliniske helseforetakene i løpet av året, for så å "
        "koble opp løsningen mot ulike fagsystemer.",
    ),
    "MODI": (
        "Prosjektene i *MoDI-programmet* har i hovedsak framdrift i tråd med planer. I *Framtidig "
        "arbeidsflate* pågår utrulling av VDI-plattformen i alle helseforetak. Framdriften her følger "
        "utrulling av løsning for elektronisk kurve, og forventes ferdigstilt til sommeren. I "
        "prosjektet *Digital plattform telekom* er migreringen av UNN Narvik nå gjennomført. "
        "Utviklingsarbeidet for å tilpasse brukeropplevelsen til Teams for klinisk bruk er "
        "ferdigstilt og pilotering startes opp i mars måned. Framdriften på *Sentral meldingstjener* "
        "har vært stillestående i lang tid i påvente av innføring av ny løsning for kobling mot "
        "internett. Denne er nå satt i produksjon og innføringen kan fortsette. For *Innføring av "
        "Microsoft 365* ble alle brukere i Sykehusapotek Nord (SANO) migrert i desember, og RHF ble "
        "gjennomført i februar. Neste i rekka er Finnmark og så Helgeland. En "
        "forvaltningsorganisasjon som blant annet skal vurdere videre bredning av plattformen med ny "
        "funksjonalitet er også nå etablert sammen med helseforetakene.",
        "I prosjektet *iFront* skal ny metodikk for bytte av nettverksutstyr piloteres på "
        "Helgelandssykehuset i løpet av vinteren og våren. Forventingen er at nye prosesser, "
        "arbeidsverktøy og flere ressurser vil føre til betydelig økt hastighet i utstyrsbyttet. For "
        "*Nettverk 2.0* er planfasen nå fullført og prosjektet har utarbeidet et helhetlig målbilde "
        "for nettverksområdet de kommende årene. Målbildet tar innover seg endringer i brukermønster "
        "som følge av økt mobilitet, og et endret trafikkmønster der kobling mot omverdenen blir "
        "stadig viktigere for flere og flere tjenester. Økte krav til sikkerhet og beredskap har også "
        "påvirket målbildet på sentrale områder. I gjennomføringsfasen vil prosjektet jobbe med de "
        "tiltakene som skal hjelpe Helse Nord i å realisere det langsiktige målbildet.",
    ),
    "standalone": (
        "Prosjektet som har den høyeste prioriteten ved inngangen til året er *Nye UNN Narvik og Nye "
        "Hammerfest sykehus*. Leveransene av medisin-teknisk utstyr kommer på løpende bånd utover "
        "våren og da må IKT-leveransene være på plass. Framdriften ved inngangen til mars måned er "
        "tilfredsstillende, men det totale omfanget er stort og kommer i tillegg til annen pågående "
        "aktivitet. Konsekvensen vil i hovedsak være at øvrige oppdrag som håndteres i prosessen *Nye "
        "tjenester* vil måtte utsettes og flyttes bakover i køen.",
        "Av de nye prosjektene som ble vedtatt i porteføljestyret i desember er noen få startet opp, "
        "og de resterende er forventet bemannet i løpet av første tertial. En konseptfase skal utrede "
        "hvilken teknologiplattform Helse Nord's datavarehus skal kjøre på de kommende årene. Sentralt "
        "i vurderingen står spørsmålet om fortsatt lokal driftsmodell, eller om deler av "
        "arbeidslastene skal flyttes til en skytjeneste. Konseptfasen forventes ferdigstilt i løpet "
        "av april måned.",
        "De neste prosjektene som startes opp er innenfor *RPA*-området (robotic process automation) "
        "og etablering av en plattform i *allmenn sky for Helse Nord*. Disse forventes startet opp i "
        "løpet av mars måned. Det siste prosjektet som ble vedtatt før jul var innenfor testområdet, "
        "der det er behov for økt kapasitet nye funksjoner for å understøtte innføring av nye "
        "tjenester.",
        "Siden forrige rapportering har prosjektet *Win7/server 2008* avsluttet sin aktivitet. De få "
        "gjenstående enhetene er under kontroll og har fastsatte planer for avvikling. Når det "
        "gjelder øvrige operativsystemer som har behov for oppgradering (for eksempel server 2012) så "
        "vil disse håndteres i *RAF-prosjektet* som behandles i egen styresak.",
        "Helse Nord IKT bidrar også med ressursutleie til et titalls regionale IKT-prosjekter eid av Helse Nord RHF.",
    ),
}

# Section 1 of the seed, the chief executive's assessment.
ASSESSMENT = (
    "Status for virksomheten er samlet sett tilfredsstillende. Regnskapet pr. januar viser et "
    "positivt budsjettavvik på 0,8 mill. kr, mens prognostisert årsresultatet er balanse.",
    "Grunndriften har for perioden november til desember vært stabil, og hendelser er godt "
    "håndtert. I januar har det vært to beredskapshendelser knyttet til treghet i kliniske "
    "systemer. Hendelsene er godt håndtert, men har hatt konsekvenser for de kliniske miljøene. "
    "Rapporter for disse hendelsene legges fram for styret som referatsak i dette møtet.",
    "Sykefraværet er noe høyere enn målsettingen på 5%, og antall AML-brudd var i januar høyere enn foregående måned.",
    "Ved inngangen til 2024 er statusen i prosjektporteføljen tilfredsstillende. Kapasiteten til "
    "gjennomføring er imidlertid vedvarende utfordret. Streng prioritering og god oppfølging og "
    "styring av ressursene i virksomheten har derfor høy prioritet.",
)
