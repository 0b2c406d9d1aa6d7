"""Loading the seed's January 2024 finance figures through the same services the CLI uses.

The reference organisation's chart of lines and investment rows are stored first, as the plugin's
settings in the database; the figures are then loaded against the settings in force (a
``[plugins.finance]`` table in portfolio.toml still wins). Every write is an upsert by natural key
(month and line, month and item, month), so loading the demo twice changes nothing. Lines and
items the configured chart lacks are left out.
"""

from __future__ import annotations

from decimal import Decimal

from sqlmodel import Session

from portfolio.api import Period, Settings, store_settings
from portfolio_finance import demo_data as seed
from portfolio_finance.figures import FigureInput, save_figures
from portfolio_finance.investments import set_investment
from portfolio_finance.liquidity import set_liquidity
from portfolio_finance.settings import PLUGIN, finance_settings
from portfolio_finance.staffing import set_staffing
from portfolio_finance.texts import set_text
from portfolio_finance.units import to_ore


def _ore(text: str) -> int:
    return to_ore(Decimal(text), seed.UNIT)


def load_demo(session: Session, settings: Settings) -> None:
    store_settings(session, PLUGIN, seed.DEMO_SETTINGS, settings=settings)
    fs = finance_settings(settings)
    period = Period.parse(seed.PERIOD)
    start_month = fs.fiscal_year_start
    inputs = [
        FigureInput(period, key, seed.UNIT, _ore(actual), _ore(budget), None, _ore(annual))
        for key, (actual, budget, annual) in seed.FIGURES.items()
        if fs.chart.get(key) is not None
    ]
    save_figures(session, inputs, start_month)
    items = {item.key for item in fs.items if not item.of}
    for key, (annual, to_date) in seed.INVESTMENTS.items():
        if key in items:
            set_investment(
                session,
                fs.items,
                period,
                key,
                annual_budget=_ore(annual),
                to_date=_ore(to_date),
                start_month=start_month,
            )
    opening, closing, limit = (_ore(v) for v in seed.LIQUIDITY)
    set_liquidity(session, period, closing=closing, opening=opening, limit=limit, start_month=start_month)
    fte, year_start_fte = (Decimal(v) for v in seed.STAFFING)
    set_staffing(session, period, fte=fte, year_start_fte=year_start_fte, start_month=start_month)
    for topic, text in seed.TEXTS.items():
        set_text(session, period, topic, text)
    load_project_budgets(session)


def load_project_budgets(session: Session) -> None:
    """The invented per-project figures; projects the core's demo lacks are left out."""
    from portfolio.api import NotFoundError
    from portfolio_finance.project_budgets import set_budget

    for month, projects in seed.PROJECT_BUDGETS.items():
        for code, (budget, actual) in projects.items():
            try:
                set_budget(session, code, Period.parse(month), _ore(budget), _ore(actual))
            except NotFoundError:
                continue
