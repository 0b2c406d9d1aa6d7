"""The seed's finance figures for January 2024 (section 2 of the reference report), in 1000 kr.

The seed prints whole thousands but computes its deviations and totals from unrounded figures:
13 485 - 14 189 prints -705, and the revenue lines printed as 34 228 + 13 485 + 44 000 total
91 712. The decimals below are chosen so that every printed number - actual, budget,
deviation, subtotal and result - follows when rounded half up to whole thousands.
"""

from __future__ import annotations

from typing import Any

PERIOD = "2024-01"
UNIT = 1000


def _entry(key: str, nb: str, en: str, kind: str, of: str = "") -> dict[str, Any]:
    item: dict[str, Any] = {"key": key, "nb": nb, "en": en, "kind": kind}
    if of:
        item["of"] = of.split()
    return item


# The reference report's chart of lines (Resultatrapport 2024), top to bottom: the demo stores it
# as the finance plugin's setting ``lines`` (the plugin's default chart is a generic one).
DEMO_LINES: list[dict[str, Any]] = [
    _entry("revenue", "Driftsinntekter", "Operating revenue", "subtotal", "sla projects reinvoicing"),
    _entry("sla", "SLA (tjenesteavtaler)", "SLA (service agreements)", "revenue"),
    _entry("projects", "Prosjekt/oppdrag/annet", "Projects/assignments/other", "revenue"),
    _entry("reinvoicing", "Viderefakturering", "Re-invoicing", "revenue"),
    _entry(
        "costs",
        "Driftskostnader",
        "Operating costs",
        "subtotal",
        "personnel capitalised licences depreciation line_lease premises consultants other",
    ),
    _entry("personnel", "Personalkostnader", "Personnel costs", "cost"),
    _entry("capitalised", "- Aktiverte lønnsutg. Prosjekter", "- Capitalised project salaries", "cost"),
    _entry("licences", "Lisenser, service og support", "Licences, service and support", "cost"),
    _entry("depreciation", "Avskrivninger", "Depreciation", "cost"),
    _entry("line_lease", "Linjeleie", "Line lease", "cost"),
    _entry("premises", "Lokaler", "Premises", "cost"),
    _entry("consultants", "Konsulent", "Consultants", "cost"),
    _entry("other", "Annet", "Other", "cost"),
    _entry("operating_result", "DRIFTSRESULTAT", "OPERATING RESULT", "result", "revenue -costs"),
    _entry("financial", "Finansposter", "Financial items", "financial"),
    _entry("result", "RESULTAT", "NET RESULT", "result", "operating_result financial"),
]

# The reference report's rows of the project and investment budget (the setting ``investments``).
DEMO_INVESTMENTS: list[dict[str, Any]] = [
    {
        "key": "project_investments",
        "nb": "Prosjektinvesteringer HN IKT (aktiverbare utgifter)",
        "en": "Project investments HN IKT (capitalisable spend)",
    },
    {
        "key": "project_costs",
        "nb": "Prosjektkostnader HN IKT (ikke-aktiverbare utgifter)",
        "en": "Project costs HN IKT (non-capitalisable spend)",
    },
    {
        "key": "projects_total",
        "nb": "Sum prosjekter",
        "en": "Total projects",
        "of": ["project_investments", "project_costs"],
    },
    {
        "key": "operating_investments",
        "nb": "Ordinære driftsinvesteringer HN IKT",
        "en": "Ordinary operating investments HN IKT",
    },
    {
        "key": "asset_acquisitions",
        "nb": "Oppkjøp anlegg RHF, inkl FRESK",
        "en": "Acquisition of assets from the RHF, incl. FRESK",
    },
]

# What ``portfolio demo`` stores as the finance plugin's settings: the reference organisation's
# chart and investment rows; every other key keeps its default.
DEMO_SETTINGS: dict[str, Any] = {"lines": DEMO_LINES, "investments": DEMO_INVESTMENTS}

# line key: (actual, budget, annual budget)
FIGURES: dict[str, tuple[str, str, str]] = {
    "sla": ("34228.0", "35593.4", "427286"),
    "projects": ("13484.5", "14189.1", "153982"),
    "reinvoicing": ("43999.5", "46342.1", "556332"),
    "personnel": ("39962", "42130", "472741"),
    "capitalised": ("-3109", "-3349", "-40200"),
    "licences": ("20454.8", "22035.4", "274530"),
    "depreciation": ("19893", "19916", "239089"),
    "line_lease": ("2731", "2471", "29665"),
    "premises": ("2855.2", "3053.6", "36661"),
    "consultants": ("3086", "4325", "51921"),
    "other": ("4669", "5446.3", "55373"),
    "financial": ("-1799.7", "-1484.4", "-17820"),
}

# investment item: (annual budget, accounts to date)
INVESTMENTS: dict[str, tuple[str, str]] = {
    "project_investments": ("108000", "8700"),
    "project_costs": ("59000", "5700"),
    "operating_investments": ("95000", "1100"),
    "asset_acquisitions": ("250000", "0"),
}

# the credit line: opening balance 1.1.2024, closing balance 31.1.2024, limit
LIQUIDITY = ("-306490", "-419892", "640000")

# full-time equivalents at the end of January, and at the turn of the year
STAFFING = ("473", "470")

TEXTS: dict[str, str] = {
    "revenue": (
        "SLA-inntekter (drift og forvaltning) er 1,4 mill. kr. under budsjett. Dette skyldes "
        "periodiseringseffekter. Prosjektinntektene pr. januar ligger 0,7 mill. kr. under "
        "budsjett. "
        "Viderefaktureringsinntekter er 2,3 mill. kr. lavere enn budsjettert og må særlig ses i "
        "sammenheng med mindreforbruk på lisenser- og supportkostnader så langt i år."
    ),
    "personnel": (
        "Personalkostnadene ligger pr. januar 2,2 mill. kr. under budsjett. Det positive avviket "
        "skyldes:\n"
        "- Fast og variabel lønn, inkludert sosiale kostnader: +1,6 mill. kr.\n"
        "- Refusjoner: +0,3 mill. kr.\n"
        "- Annet: +0,3 mill. kr. (herunder kurs, seminarer og velferdstiltak)"
    ),
    "staffing": (
        "Tallet inkluderer 44 ansatte som ble overført fra UNN 1.1.24 som ledd i "
        "virksomhetsoverdragelsen av funksjonell forvaltning av kliniske systemer."
    ),
    "costs": (
        "Posten lisenser, service og support har mindreforbruk i forhold til budsjett. Det samme "
        "gjelder konsulentkostnader. Det positive avviket på posten annet skyldes mindreforbruk på "
        "reserverposter og andre mindre poster.\n\n"
        "Postene finanskostnadene (renter) og linjeleie har et merforbruk pr. januar i forhold til "
        "budsjett."
    ),
    "summary": (
        "Resultatet viser et mindre overskudd pr. januar. Avvik på enkeltposter må til dels ses i "
        "sammenheng med periodiseringseffekter. Prognosen for resultatet ved årsslutt er balanse i "
        "tråd med resultatkravet."
    ),
    "investments": (
        "Tabellen viser utgifter knyttet til vedtatte prosjekter i 2024 (både aktiverbare og "
        "ikke-aktiverbare utgifter). Videre vises ordinære driftsinvesteringer "
        "(reinvestering/utvidelser av IKT-infrastruktur).\n\n"
        "I tillegg kommer planlagte oppkjøp av anlegg/investeringer fra RHF/FRESK. Oppkjøp av "
        "anlegg vil normalt skje i desember."
    ),
    "liquidity": (
        "Helse Nord IKT fikk tilført 300 mill. kr. i egenkapitalinnskudd fra eier i desember 2023 "
        "som reduserte trekket på kassekreditten tilsvarende.\n\n"
        "Likviditetssituasjonen er tilfredsstillende."
    ),
}

# Budget and spend to date per project (1000 kr) at the end of the demo month and the two before,
# invented for the evidence rule: TP2 is rated green on finance but has spent 18 % past its budget
# to date in January (its tolerance is the default 10 %); ITAM, over budget too, is rated yellow.
PROJECT_BUDGETS: dict[str, dict[str, tuple[str, str]]] = {
    "2023-11": {"TP2": ("2200", "2310"), "ITAM": ("900", "960"), "IAM2": ("1500", "1480"), "FAF": ("3100", "3050")},
    "2023-12": {"TP2": ("2400", "2700"), "ITAM": ("1000", "1120"), "IAM2": ("1650", "1640"), "FAF": ("3400", "3380")},
    "2024-01": {"TP2": ("200", "236"), "ITAM": ("90", "104"), "IAM2": ("140", "138"), "FAF": ("280", "290")},
}
