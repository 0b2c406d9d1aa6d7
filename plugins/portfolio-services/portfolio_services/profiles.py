"""The import profiles the services plugin ships: each import's own format, and the real-shaped
exports in examples/ (a phone system's call records, a case system's order list, a time sheet)."""

from __future__ import annotations

from typing import Any

from portfolio.api import ImportProfile

NATIVE = {
    "support": "month,contacts,phone_share,answered_share,first_line_share",
    "calls": "received,answered_after,first_line[,channel]: one row per call",
    "incidents": "month,incidents,changes",
    "orders": "reference,category,received[,offer_sent,delivered,title]",
    "hours": "reference,date,hours",
    "readiness": "date,level,description",
}

EXPORTS: dict[str, dict[str, Any]] = {
    "phone-calls": {
        "for": "services.calls",
        "description": "a phone system's call records: Henvendelse;Mottatt;Kanal;Kø;Ventetid;Løst i førstelinje;Agent",
        "columns": {
            "mottatt": "received",
            "ventetid": "answered_after",
            "løst i førstelinje": "first_line",
            "kanal": "channel",
        },
        "ignore": ["henvendelse", "kø", "agent"],
        "dates": "day-first",
        "decimal": "comma",
    },
    "case-orders": {
        "for": "services.orders",
        "description": "a case system's order list: Saksnr;Tittel;Kategori;Status;Kunde;Mottatt;Tilbud sendt;Levert",
        "columns": {
            "saksnr": "reference",
            "tittel": "title",
            "kategori": "category",
            "mottatt": "received",
            "tilbud sendt": "offer_sent",
            "levert": "delivered",
        },
        "dates": "day-first",
    },
    "timesheet": {
        "for": "services.hours",
        "description": "a time sheet of all work: Ansatt;Dato;Sak;Aktivitet;Timer (rows of other work left out)",
        "columns": {"sak": "reference", "dato": "date", "timer": "hours"},
        "ignore": ["ansatt", "aktivitet"],
        "dates": "day-first",
        "decimal": "comma",
    },
}


def shipped_profiles() -> list[ImportProfile]:
    native = [
        ImportProfile.from_table(
            f"services-{kind}", {"for": f"services.{kind}", "description": text}, origin="services"
        )
        for kind, text in NATIVE.items()
    ]
    return native + [ImportProfile.from_table(name, table, origin="services") for name, table in EXPORTS.items()]
