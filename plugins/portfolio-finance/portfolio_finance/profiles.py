"""The import profiles the finance plugin ships: its own format and a general ledger by account."""

from __future__ import annotations

from portfolio.api import ImportProfile

FINANCE = {
    "for": "finance",
    "description": "monthly figures per line: period;line;actual;budget;annual_budget;forecast;unit",
}
LEDGER = {
    "for": "finance",
    "description": "general ledger by account: konto;kontonavn;periode;regnskap;budsjett, in kr",
    "columns": {
        "konto": "account",
        "kontonavn": "account_name",
        "periode": "period",
        "regnskap": "actual",
        "budsjett": "budget",
    },
    "decimal": "comma",
    "thousands": "space",
    "brackets": True,
    "dates": "day-first",
    "unit": "kr",
}


def shipped_profiles() -> list[ImportProfile]:
    return [
        ImportProfile.from_table("finance", FINANCE, origin="finance"),
        ImportProfile.from_table("ledger", LEDGER, origin="finance"),
    ]
