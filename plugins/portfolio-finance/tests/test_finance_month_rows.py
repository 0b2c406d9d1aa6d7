"""upsert_month: the one update-or-insert of a finance table's month, with its order of refusals."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlmodel import Session, select

from portfolio.api import ClosedPeriodError, Period, PortfolioError, ReportingPeriod
from portfolio.testing import make_engine
from portfolio_finance.models import FinanceInvestment, FinanceStaffing
from portfolio_finance.month_rows import upsert_month

MARCH = Period.parse("2024-03")


@pytest.fixture
def session(portfolio_migrated, portfolio_db_url: str) -> Iterator[Session]:  # type: ignore[no-untyped-def]
    engine = make_engine(portfolio_db_url)
    with Session(engine) as session:
        yield session
    engine.dispose()


def test_a_new_month_starts_from_new_and_takes_the_values_given(session: Session) -> None:
    values = {"to_date_ore": 500, "annual_budget_ore": None}
    new = {"annual_budget_ore": 1200, "to_date_ore": 0}
    row = upsert_month(session, FinanceInvestment, MARCH, values, keys={"item_key": "project_costs"}, new=lambda: new)
    assert (row.period, row.item_key, row.annual_budget_ore, row.to_date_ore) == ("2024-03", "project_costs", 1200, 500)


def test_a_stored_month_keeps_what_is_not_given_and_new_is_not_asked(session: Session) -> None:
    upsert_month(session, FinanceStaffing, MARCH, {"fte": 10, "fte_year_start": 9})

    def never() -> dict[str, object]:
        raise AssertionError("the row is there")

    row = upsert_month(session, FinanceStaffing, MARCH, {"fte": 11, "fte_year_start": None}, new=never)
    assert (row.fte, row.fte_year_start) == (11, 9)
    assert len(session.exec(select(FinanceStaffing)).all()) == 1


def test_each_key_has_its_own_row(session: Session) -> None:
    for key, amount in (("project_costs", 1), ("project_investments", 2), ("project_costs", 3)):
        values = {"annual_budget_ore": amount, "to_date_ore": amount}
        upsert_month(session, FinanceInvestment, MARCH, values, keys={"item_key": key})
    rows = session.exec(select(FinanceInvestment).order_by(FinanceInvestment.item_key)).all()  # type: ignore[arg-type]
    assert [(r.item_key, r.to_date_ore) for r in rows] == [("project_costs", 3), ("project_investments", 2)]


def test_a_closed_month_is_refused_first_then_new_then_check(session: Session) -> None:
    def refuse() -> None:
        raise PortfolioError("bad value")

    def lacking() -> dict[str, object]:
        raise PortfolioError("give --fte")

    with pytest.raises(PortfolioError, match="give --fte"):
        upsert_month(session, FinanceStaffing, MARCH, {"fte": None}, check=refuse, new=lacking)
    with pytest.raises(PortfolioError, match="bad value"):
        upsert_month(session, FinanceStaffing, MARCH, {"fte": 1}, check=refuse, new=lambda: {"fte_year_start": 1})
    assert session.exec(select(FinanceStaffing)).all() == []
    session.add(ReportingPeriod(period=str(MARCH), closed=True, closed_by="tester"))  # the month closed
    session.flush()
    with pytest.raises(ClosedPeriodError, match="period 2024-03 is closed"):
        upsert_month(session, FinanceStaffing, MARCH, {"fte": 1}, check=refuse, new=lacking)
