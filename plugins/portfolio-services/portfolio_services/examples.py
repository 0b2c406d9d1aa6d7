"""The examples at the end of each ``portfolio service`` command's --help, by command path.

Registered in ``portfolio_register_commands``; a core test runs them in this order against
the demo data, from a folder holding this plugin's examples/ files.
"""

from __future__ import annotations

from portfolio.api import Example as E

EXAMPLES: dict[str, tuple[E, ...]] = {
    "service import support": (
        E(
            "Import the support desk's monthly figures, replacing stored months",
            "portfolio service import support support.csv --replace",
        ),
    ),
    "service import calls": (
        E(
            "Check what a phone system's export of single calls gives per month, store nothing",
            "portfolio service import calls calls-2024-q1.csv --profile phone-calls --dry-run",
        ),
    ),
    "service import incidents": (
        E(
            "Import incidents and changes per month, replacing stored months",
            "portfolio service import incidents incidents.csv --replace",
        ),
    ),
    "service import readiness": (E("Import the readiness events", "portfolio service import readiness readiness.csv"),),
    "service import orders": (E("Import the orders for new services", "portfolio service import orders orders.csv"),),
    "service import hours": (
        E("Import the hours worked on orders (import the orders first)", "portfolio service import orders orders.csv"),
        E("...then the hours", "portfolio service import hours hours.csv"),
    ),
    "service record support": (
        E(
            "Record February's support desk figures",
            'portfolio service record support --period 2024-02 --contacts "12 044" --phone-share 45 '
            "--answered-share 80 --first-line-share 70",
        ),
    ),
    "service record incidents": (
        E(
            "Record February's incidents and changes",
            "portfolio service record incidents --period 2024-02 --incidents 1066 --changes 332",
        ),
    ),
    "service record readiness": (
        E(
            "Record a readiness event",
            'portfolio service record readiness --date 2024-01-16 --level green --description "treghet i DIPS Arena"',
        ),
    ),
    "service record order": (
        E(
            "Record an order received",
            "portfolio service record order NT-2024-901 --category new-service --received 2024-01-03",
        ),
        E(
            "...and, later, the offer sent; only what is given changes",
            "portfolio service record order NT-2024-901 --offer-sent 2024-01-22",
        ),
    ),
    "service record hours": (
        E(
            "Record the hours worked on an order one day",
            "portfolio service record hours NT-2024-001 --date 2024-01-15 --hours 7,5",
        ),
    ),
    "service record text": (
        E(
            "The support desk's text for January, from a file",
            "portfolio service record text --period 2024-01 --part support --file support-2024-01.md",
        ),
    ),
    "service show support": (
        E("The support desk's months, with the targets missed", "portfolio service show support --period 2024-01"),
    ),
    "service show incidents": (
        E("Incidents and changes of the last 3 months", "portfolio service show incidents --period 2024-01 --months 3"),
    ),
    "service show readiness": (E("January's readiness events", "portfolio service show readiness --period 2024-01"),),
    "service show orders": (
        E("The order key figures so far this year", "portfolio service show orders --period 2024-01"),
        E("...up to any day", "portfolio service show orders --as-of 2024-02-15"),
    ),
    "service show text": (E("January's texts", "portfolio service show text --period 2024-01"),),
}
