"""The plugin's settings (``[plugins.finance]`` of portfolio.toml, or those stored in the database).

The defaults are neutral: a generic chart of lines and investment rows (``chart.DEFAULT_LINES``,
``chart.DEFAULT_ITEMS``), calendar fiscal years, tables in 1000 kr. ``portfolio demo`` stores the
reference organisation's chart and rows (``demo_data.DEMO_SETTINGS``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from portfolio.api import PortfolioError
from portfolio_finance.accounts import SIGNS, AccountError, AccountMap, build_account_map, default_account_map
from portfolio_finance.chart import (
    DEFAULT_CHART,
    DEFAULT_INVESTMENT_ITEMS,
    Chart,
    ChartError,
    Item,
    build_chart,
    build_items,
)
from portfolio_finance.units import parse_unit

if TYPE_CHECKING:
    from portfolio.api import Settings

PLUGIN = "finance"
KNOWN_KEYS = (
    "fiscal_year_start",
    "unit",
    "lines",
    "investments",
    "revenue_total",
    "cost_total",
    "result_total",
    "line_threshold",
    "project_tolerance",
    "accounts",
    "accounts_other",
    "accounts_ignored",
    "ledger_signs",
)


@dataclass(frozen=True)
class FinanceSettings:
    """What the finance plugin is configured with."""

    chart: Chart = DEFAULT_CHART
    items: tuple[Item, ...] = DEFAULT_INVESTMENT_ITEMS
    fiscal_year_start: int = 1  # the month the fiscal year starts in
    unit: int = 1000  # the tables show amounts in this unit (1 = kr, 1000 = 1000 kr)
    revenue_total: str | None = "revenue"  # the totals the generated sentences speak of
    cost_total: str | None = "costs"
    result_total: str | None = "result"
    line_threshold: int = 0  # kr; lines deviating this much or more get a sentence (0: none)
    # percent of budget to date a project may overspend before a green finance rating is flagged
    project_tolerance: Decimal = Decimal(10)
    # ledger imports: accounts -> lines (None: the NS 4102 default, checked when a ledger is read)
    accounts: AccountMap | None = None
    ledger_signs: str = "credit-negative"  # revenue and financial lines negate the ledger's sums

    def account_map(self) -> AccountMap:
        """The configured mapping, else the NS 4102 default for the default chart."""
        if self.accounts is not None:
            return self.accounts
        try:
            return default_account_map(self.chart)
        except AccountError as exc:
            raise PortfolioError(str(exc)) from None


def finance_settings(settings: Settings) -> FinanceSettings:
    """Read and check ``[plugins.finance]``; a mistake is one error naming the key."""
    return parse_settings(settings.plugin_settings(PLUGIN))


def parse_settings(data: dict[str, Any]) -> FinanceSettings:
    where = f"[plugins.{PLUGIN}]"
    unknown = sorted(set(data) - set(KNOWN_KEYS))
    if unknown:
        raise PortfolioError(f"{where}: unknown setting '{unknown[0]}'; allowed: {', '.join(KNOWN_KEYS)}")
    start = data.get("fiscal_year_start", 1)
    if not isinstance(start, int) or isinstance(start, bool) or not 1 <= start <= 12:
        raise PortfolioError(f"{where}: fiscal_year_start '{start}' must be a month number, 1-12")
    try:
        unit = parse_unit(data.get("unit", "1000 kr"))
        chart = build_chart(data["lines"], f"{where} lines") if "lines" in data else DEFAULT_CHART
        items = (
            build_items(data["investments"], f"{where} investments")
            if "investments" in data
            else DEFAULT_INVESTMENT_ITEMS
        )
    except (ChartError, ValueError) as exc:
        message = str(exc)
        raise PortfolioError(message if message.startswith(where) else f"{where}: {message}") from None
    threshold = data.get("line_threshold", 0)
    if not isinstance(threshold, int) or isinstance(threshold, bool) or threshold < 0:
        raise PortfolioError(f"{where}: line_threshold '{threshold}' must be a whole number of kr, 0 or more")
    tolerance = data.get("project_tolerance", FinanceSettings.project_tolerance)
    try:
        tolerance = Decimal(str(tolerance)) if not isinstance(tolerance, bool) else Decimal(-1)
    except InvalidOperation:
        tolerance = Decimal(-1)
    if not tolerance.is_finite() or not 0 <= tolerance <= 1000:
        raise PortfolioError(
            f"{where}: project_tolerance '{data.get('project_tolerance')}' must be a percentage, 0-1000"
        )
    totals: dict[str, str | None] = {}
    for name in ("revenue_total", "cost_total", "result_total"):
        default = getattr(FinanceSettings, name)
        value = data.get(name, default if chart.get(default) else None)
        if value == "":
            value = None
        if value is not None and chart.get(str(value)) is None:
            raise PortfolioError(
                f"{where}: {name} '{value}' is not a key of the chart; allowed: {', '.join(chart.keys)}"
            )
        totals[name] = None if value is None else str(value)
    accounts = None
    if "accounts" in data:
        try:
            accounts = build_account_map(
                data["accounts"],
                chart,
                other=data.get("accounts_other"),
                ignored=_list(data.get("accounts_ignored", []), f"{where} accounts_ignored"),
                where=f"{where} accounts",
            )
        except AccountError as exc:
            raise PortfolioError(str(exc)) from None
    elif "accounts_other" in data or "accounts_ignored" in data:
        raise PortfolioError(f"{where}: accounts_other and accounts_ignored need accounts, the line = accounts table")
    signs = data.get("ledger_signs", "credit-negative")
    if signs not in SIGNS:
        raise PortfolioError(f"{where}: ledger_signs '{signs}' is not one of {', '.join(SIGNS)}")
    return FinanceSettings(
        chart,
        items,
        start,
        unit,
        **totals,
        line_threshold=threshold,
        project_tolerance=tolerance,
        accounts=accounts,
        ledger_signs=signs,
    )


def _list(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise PortfolioError(f'{where} must be a list of accounts and ranges, e.g. ["1000-2999"]')
    return value
