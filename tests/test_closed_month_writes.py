"""A closed month never changes: writes whose change belongs to a closed month are refused.

A risk's description, owner and measures are not kept per month; a change to them is recorded for
the latest month the risk is shown in (``portfolio.services.risks.recorded_for``). Registry edits
(names, numbers, managers, closing a project) are allowed: the closed month's report is archived.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from portfolio.config import Settings
from portfolio.errors import ClosedPeriodError
from portfolio.services.reporting_months import (
    ensure_open_for_dates,
    ensure_open_on,
    is_closed_on,
)
from tests.helpers import fails, ok

pytestmark = pytest.mark.usefixtures("core_only")

CLOSED_MARCH = (
    "Error: period 2024-03 is closed by alice; reopen it with 'portfolio period open 2024-03 --reason \"...\"'\n"
)


def as_json(result):  # type: ignore[no-untyped-def]
    return json.loads(ok(result).stdout)


@pytest.fixture
def march(migrated):  # type: ignore[no-untyped-def]
    """Risk 1 lived January to March 2024 (closed in April); risk 2 is open still. March is closed."""
    ok(migrated("program", "add", "HIS2", "Helhetlig informasjonssikkerhet 2", "--number", "1"))
    ok(migrated("project", "add", "IAM2", "IAM 2", "--program", "HIS2", "--number", "1.1"))
    ok(migrated("risk", "add", "IAM2", "Leverandør", "-p", "4", "-c", "5", "--period", "2024-01"))
    ok(migrated("measure", "add", "1", "Ny avtale"))
    ok(migrated("risk", "close", "1", "--period", "2024-04"))
    ok(migrated("risk", "add", "IAM2", "Kompetanse", "-p", "3", "-c", "3", "--period", "2024-03"))
    ok(migrated("measure", "add", "2", "Opplæring"))
    ok(migrated("period", "close", "2024-03", user="alice"))
    return migrated


def snapshot(run) -> dict:  # type: ignore[no-untyped-def]
    return {
        "risks": as_json(run("risk", "list", "--period", "2024-03", "--all", "--format", "json")),
        "measures": as_json(run("measure", "list", "--format", "json")),
    }


INTO_MARCH = {
    "measure add": ("measure", "add", "1", "Nytt tiltak"),
    "measure edit --text": ("measure", "edit", "1", "--text", "Endret"),
    "measure edit --status": ("measure", "edit", "1", "--status", "cancelled"),
    "measure close": ("measure", "close", "1"),
    "risk edit --description": ("risk", "edit", "1", "--description", "Endret"),
    "risk edit --owner": ("risk", "edit", "1", "--owner", "Ola"),
}


@pytest.mark.parametrize("write", list(INTO_MARCH.values()), ids=list(INTO_MARCH))
def test_a_change_to_a_risk_whose_last_month_is_closed_is_refused(march, write: tuple[str, ...]) -> None:
    before = snapshot(march)
    result = fails(march(*write))
    assert result.stderr == CLOSED_MARCH
    assert snapshot(march) == before
    ok(march("period", "open", "2024-03", "--reason", "a late correction"))
    ok(march(*write))


LATER = {
    "measure add": ("measure", "add", "2", "Nytt tiltak"),
    "measure edit --text": ("measure", "edit", "2", "--text", "Endret"),
    "measure close": ("measure", "close", "2"),
    "risk edit --description": ("risk", "edit", "2", "--description", "Endret"),
    "risk edit --owner": ("risk", "edit", "2", "--owner", "Ola"),
    "risk assess April": ("risk", "assess", "2", "--period", "2024-04", "-p", "1", "-c", "1"),
    "risk close April": ("risk", "close", "2", "--period", "2024-04"),
}


@pytest.mark.parametrize("write", list(LATER.values()), ids=list(LATER))
def test_a_risk_that_goes_on_into_an_open_month_can_be_worked_on(march, write: tuple[str, ...]) -> None:
    before = snapshot(march)
    ok(march(*write))
    if write[0] == "measure" or write[1] == "edit":  # shown in every month of the risk: March too
        assert snapshot(march) != before


def test_a_risk_closed_in_an_open_month_reopens(march) -> None:
    ok(march("risk", "reopen", "1"))  # closed in April: March showed it already
    ok(march("risk", "close", "2", "--period", "2024-05"))
    ok(march("risk", "reopen", "2"))


def test_a_risk_closed_in_a_closed_month_stays_closed(march) -> None:
    ok(march("period", "open", "2024-03", "--reason", "a late correction"))
    ok(march("risk", "close", "2", "--period", "2024-03"))
    ok(march("period", "close", "2024-03", user="alice"))
    before = snapshot(march)
    assert fails(march("risk", "reopen", "2")).stderr == CLOSED_MARCH
    assert fails(march("measure", "add", "2", "Nytt")).stderr == CLOSED_MARCH
    assert snapshot(march) == before


REGISTRY = {
    "project edit --name": ("project", "edit", "IAM2", "--name", "IAM to"),
    "project edit --manager": ("project", "edit", "IAM2", "--manager", "Kari"),
    "project edit --number": ("project", "edit", "IAM2", "--number", "1.2"),
    "program edit --name": ("program", "edit", "HIS2", "--name", "HIS to"),
    "project close": ("project", "close", "IAM2"),
}


@pytest.mark.parametrize("write", list(REGISTRY.values()), ids=list(REGISTRY))
def test_registry_edits_are_allowed(march, write: tuple[str, ...]) -> None:
    ok(march(*write))


def test_the_date_helpers(march, db_url: str) -> None:
    from portfolio.context import AppContext
    from portfolio.plugins import load_plugins

    app = AppContext(Settings(), load_plugins(), db_url, "tester")
    with app.reading() as session:
        assert is_closed_on(session, dt.date(2024, 3, 31))
        assert not is_closed_on(session, dt.date(2024, 4, 1))
        assert not is_closed_on(session, dt.date(2024, 2, 29))
        ensure_open_on(session, dt.date(2024, 4, 1))
        with pytest.raises(ClosedPeriodError) as refused:
            ensure_open_on(session, dt.date(2024, 3, 15))
        assert str(refused.value) == (
            "2024-03-15 is in period 2024-03, which is closed by alice; "
            "reopen it with 'portfolio period open 2024-03 --reason \"...\"'"
        )
        ensure_open_for_dates(session, [dt.date(2024, 2, 1), None, dt.date(2024, 4, 30)])
        ensure_open_for_dates(session, [])
        with pytest.raises(ClosedPeriodError, match=r"^2024-03-02 is in period 2024-03, which is closed"):
            ensure_open_for_dates(session, [dt.date(2024, 4, 1), dt.date(2024, 3, 9), None, dt.date(2024, 3, 2)])
