"""The import profiles the hr plugin ships: its own formats, and the real-shaped exports in
examples/ (a time register's AML breaches per employee, sick-leave days per unit)."""

from __future__ import annotations

from typing import Any

from portfolio.api import ImportProfile

TABLES: dict[str, dict[str, Any]] = {
    "hr-sick-leave": {
        "for": "hr.sick-leave",
        "description": "period,total[,short_term,long_term,self_certified,doctor_certified]",
    },
    "hr-aml": {"for": "hr.aml", "description": "period,type,count"},
    "hr-aml-rows": {
        "for": "hr.aml",
        "description": "a time register's breaches, one row per employee and breach: "
        "Ansattnr;Navn;Avdeling;Dato;Bruddtype",
        "columns": {"ansattnr": "employee", "dato": "date", "bruddtype": "type"},
        "ignore": ["navn", "avdeling"],
        "dates": "day-first",
    },
    "hr-sick-days": {
        "for": "hr.sick-leave",
        "description": "sick-leave days per unit and month: "
        "Måned;Enhet;Fraværsdager;Mulige dagsverk;Korttid;Langtid;Egenmeldt;Legemeldt",
        "columns": {
            "måned": "period",
            "enhet": "unit",
            "fraværsdager": "sick_days",
            "mulige dagsverk": "possible_days",
            "korttid": "short_term_days",
            "langtid": "long_term_days",
            "egenmeldt": "self_certified_days",
            "legemeldt": "doctor_certified_days",
        },
        "decimal": "comma",
    },
}


def shipped_profiles() -> list[ImportProfile]:
    return [ImportProfile.from_table(name, table, origin="hr") for name, table in TABLES.items()]
