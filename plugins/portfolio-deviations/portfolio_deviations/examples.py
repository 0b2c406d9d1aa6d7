"""The examples at the end of each ``portfolio deviation`` command's --help, by command path.

Registered in ``portfolio_register_commands``; a core test runs them in this order against
the demo data, from a folder holding this plugin's examples/ files.
"""

from __future__ import annotations

from portfolio.api import Example as E

EXAMPLES: dict[str, tuple[E, ...]] = {
    "deviation import": (
        E(
            "Check a DocMap export first, store nothing",
            "portfolio deviation import deviations.csv --exported 2024-02-01 --dry-run",
        ),
        E(
            "Import it, dated the day it was exported",
            "portfolio deviation import deviations.csv --exported 2024-02-01",
        ),
    ),
    "deviation imports": (E("The exports imported so far", "portfolio deviation imports"),),
    "deviation list": (
        E(
            "Open deviations older than a year that the trusts handle",
            "portfolio deviation list --status open --min-age 365 --handler trusts",
        ),
        E("Those closed on a day, as CSV", "portfolio deviation list --status closed --on 2024-01-01 --format csv"),
    ),
    "deviation show": (E("One deviation", "portfolio deviation show DM-2021-0142"),),
    "deviation counts": (
        E("The counts section 6 of January's report shows", "portfolio deviation counts --period 2024-01"),
    ),
    "deviation snapshot set": (
        E(
            "A count from before the exports, by who handles them",
            "portfolio deviation snapshot set 2023-04-01 183 --own 112 --trusts 71",
        ),
    ),
    "deviation snapshot list": (E("The counts kept from before the exports", "portfolio deviation snapshot list"),),
    "deviation snapshot remove": (E("Remove one", "portfolio deviation snapshot remove 2023-04-01"),),
    "deviation text set": (
        E("January's text, from a file", "portfolio deviation text set --period 2024-01 --file tekst-2024-01.md"),
    ),
    "deviation text show": (E("January's text", "portfolio deviation text show --period 2024-01"),),
}
