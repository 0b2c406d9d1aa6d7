"""The examples at the end of each ``portfolio finance`` command's --help, by command path.

Registered in ``portfolio_register_commands``; a core test runs them in this order against
the demo data, from a folder holding this plugin's examples/ files.
"""

from __future__ import annotations

from portfolio.api import Example as E

EXAMPLES: dict[str, tuple[E, ...]] = {
    "finance lines": (E("The lines of the income statement and their keys", "portfolio finance lines"),),
    "finance import": (
        E(
            "Import January's income statement, amounts in thousands",
            "portfolio finance import finance-2024-01.csv --unit 1000",
        ),
        E("...from the workbook, which states its unit", "portfolio finance import finance-2024-01.xlsx"),
        E(
            "Check February's file against what is stored, store nothing",
            "portfolio finance import finance-2024-02.csv --unit 1000 --dry-run",
        ),
    ),
    "finance set": (
        E(
            "Record one line of February's income statement",
            'portfolio finance set --period 2024-02 --line sla --actual "35 000" --budget "35 593,4" --unit 1000',
        ),
    ),
    "finance show": (E("January's income statement in the terminal", "portfolio finance show --period 2024-01"),),
    "finance text set": (
        E(
            "The comment on January's liquidity, from a file",
            "portfolio finance text set --period 2024-01 --topic liquidity --file liquidity-2024-01.md",
        ),
    ),
    "finance text show": (E("January's finance texts", "portfolio finance text show --period 2024-01"),),
    "finance investment set": (
        E(
            "January's project investments: the year's budget and what is spent so far",
            "portfolio finance investment set --period 2024-01 --item project_investments --annual-budget 108000 "
            "--to-date 8700 --unit 1000",
        ),
    ),
    "finance investment show": (E("January's investments", "portfolio finance investment show --period 2024-01"),),
    "finance liquidity set": (
        E(
            "January's liquidity: opening and closing balance and the credit limit",
            "portfolio finance liquidity set --period 2024-01 --opening=-306490 --closing=-419892 --limit 640000 "
            "--unit 1000",
        ),
    ),
    "finance liquidity show": (E("January's liquidity", "portfolio finance liquidity show --period 2024-01"),),
    "finance staffing set": (
        E(
            "January's FTE, and at the start of the year",
            "portfolio finance staffing set --period 2024-01 --fte 473 --year-start 470",
        ),
    ),
    "finance project-budget set": (
        E(
            "A project's budget and spending to the end of January",
            "portfolio finance project-budget set TP2 --period 2024-01 --budget-to-date 400 --actual-to-date 430 "
            "--unit 1000",
        ),
    ),
    "finance project-budget list": (
        E(
            "Every project's budget against its spending in January",
            "portfolio finance project-budget list --period 2024-01",
        ),
    ),
    "finance project-budget tolerance": (
        E("Let a project run 15 % over before it is flagged", "portfolio finance project-budget tolerance TP2 15"),
    ),
    "finance project-budget import": (
        E(
            "Write January's project budgets to a file",
            "portfolio finance project-budget list --period 2024-01 --format csv -o project-budgets-2024-01.csv",
        ),
        E(
            "Check the file against what is stored, store nothing",
            "portfolio finance project-budget import project-budgets-2024-01.csv --unit 1000 --dry-run",
        ),
    ),
}
