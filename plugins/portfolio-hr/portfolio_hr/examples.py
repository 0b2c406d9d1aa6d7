"""The examples at the end of each ``portfolio hr`` command's --help, by command path.

Registered in ``portfolio_register_commands``; a core test runs them in this order against
the demo data, from a folder holding this plugin's examples/ files.
"""

from __future__ import annotations

from portfolio.api import Example as E

EXAMPLES: dict[str, tuple[E, ...]] = {
    "hr import sick-leave": (
        E("Import sick leave, one row per month", "portfolio hr import sick-leave sick-leave-2023.csv"),
        E(
            "...or days per unit from the HR system, weighted by days",
            "portfolio hr import sick-leave sick-days-2024-q1.csv --profile hr-sick-days",
        ),
    ),
    "hr import aml": (
        E("Import the month's AML breaches in the report's layout", "portfolio hr import aml aml-2024-01.csv"),
        E(
            "...or one row per employee and breach",
            "portfolio hr import aml aml-breaches-2024-01.csv --profile hr-aml-rows",
        ),
    ),
    "hr set sick-leave": (
        E(
            "Record February's sick leave in per cent",
            "portfolio hr set sick-leave --period 2024-02 --total 5,9 --short-term 2,8 --long-term 3,1",
        ),
    ),
    "hr set aml": (
        E(
            "Record February's breaches of one type",
            'portfolio hr set aml --period 2024-02 --type "Søndager på rad" --count 3',
        ),
    ),
    "hr set text": (
        E(
            "February's HMS introduction",
            'portfolio hr set text --period 2024-02 --part intro --text "HMS-systemet er vedlikeholdt."',
        ),
    ),
    "hr show sick-leave": (E("A year's sick leave month by month", "portfolio hr show sick-leave --year 2023"),),
    "hr show aml": (E("January's AML breaches by type", "portfolio hr show aml --period 2024-01"),),
    "hr show text": (E("January's HMS texts", "portfolio hr show text --period 2024-01"),),
    "hr types": (E("The AML breach types", "portfolio hr types"),),
}
