"""The examples at the end of each ``portfolio gain`` command's --help, by command path.

Registered in ``portfolio_register_commands``; a core test runs them in this order against
the demo data, from a folder holding this plugin's examples/ files.
"""

from __future__ import annotations

from portfolio.api import Example as E

EXAMPLES: dict[str, tuple[E, ...]] = {
    "gain add": (
        E(
            "A benefit of a project: what is measured, by whom, from what to what by when",
            'portfolio gain add SMT CALLS --measure "Support calls per month" --owner "Head of service desk" '
            "--unit calls --baseline 1200 --target 800 --target-date 2024-12-31 --period 2024-01",
        ),
    ),
    "gain edit": (E("Change a benefit's target", "portfolio gain edit HIS2 SIKKER --target 98"),),
    "gain value": (E("The value realised in January", "portfolio gain value SMT CALLS --period 2024-01 --value 1150"),),
    "gain list": (
        E("Every benefit in January, realised against plan", "portfolio gain list --period 2024-01"),
        E("One program's benefits", "portfolio gain list --period 2024-01 --subject MODI"),
    ),
    "gain import": (
        E("The project the file names must exist", 'portfolio project add ALPHA "Prosjekt Alpha"'),
        E("Import benefits and their monthly values", "portfolio gain import gains.csv"),
    ),
}
