"""The examples at the end of each ``portfolio milestone`` command's --help, by command path.

Registered in ``portfolio_register_commands``; a core test runs them in this order against
the demo data, from a folder holding this plugin's examples/ files.
"""

from __future__ import annotations

from portfolio.api import Example as E

EXAMPLES: dict[str, tuple[E, ...]] = {
    "milestone add": (
        E(
            "A milestone of a project with its baseline date",
            'portfolio milestone add DVH PILOT --name "Pilot in production" --baseline 2024-06-30 --period 2024-01',
        ),
    ),
    "milestone edit": (
        E("Let it slip 10 % before it is flagged", "portfolio milestone edit DVH PILOT --tolerance 10%"),
    ),
    "milestone forecast": (
        E("February's forecast date", "portfolio milestone forecast DVH PILOT --period 2024-02 --date 2024-07-15"),
    ),
    "milestone reach": (
        E("The day a milestone was reached", "portfolio milestone reach TP2 MIGR --period 2024-01 --date 2024-01-30"),
    ),
    "milestone list": (
        E("January's open milestones and their slip", "portfolio milestone list --period 2024-01"),
        E("One project's, the reached ones too", "portfolio milestone list --period 2024-01 --project TP2 --all"),
    ),
    "milestone show": (E("One milestone's forecasts month by month", "portfolio milestone show SMT NETT"),),
    "milestone import": (
        E("The projects the file names must exist", 'portfolio project add ALPHA "Prosjekt Alpha"'),
        E("...both of them", 'portfolio project add BETA "Prosjekt Beta"'),
        E("Import milestones and their monthly forecasts", "portfolio milestone import milestones.csv"),
    ),
}
