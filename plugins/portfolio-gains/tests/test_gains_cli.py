"""``portfolio gain``: add, edit, a month's value and the listing; bad input is one line and
changes nothing."""

from __future__ import annotations

import pytest

from portfolio.testing import Runner, fails, ok, table_rows

from .conftest import add_benefit, listing

TABLES = ("gains_benefit", "gains_value")


def test_a_benefit_and_its_values_month_by_month(project: Runner) -> None:
    result = ok(add_benefit(project))
    assert result.stdout == "Added benefit ALPHA CALLS: 1200 to 800 calls by 2024-12-31, measured from 2024-01.\n"
    out = ok(project("gain", "value", "ALPHA", "CALLS", "--period", "2024-04", "--value", "1 100")).stdout
    # 100 of 400 calls: 25 %; the plan is 90 of 335 days from 31 January to 31 December
    assert out == "Realised ALPHA CALLS for 2024-04: 1100 calls, 25.0% of the way to the target (26.9% planned).\n"
    ok(project("gain", "value", "ALPHA", "CALLS", "--period", "2024-05", "--value", "1020,5"))
    (row,) = listing(project, "2024-05")
    assert row == {
        "subject": "ALPHA",
        "benefit": "CALLS",
        "measure": "Support calls per month",
        "owner": "Head of service desk",
        "unit": "calls",
        "baseline": 1200,
        "target": 800,
        "target_date": "2024-12-31",
        "value": 1020.5,
        "change": -79.5,
        "realisation_percent": 44.9,
        "planned_percent": 36.1,
    }
    (march,) = listing(project, "2024-03")  # no value yet: the baseline
    assert (march["value"], march["change"], march["realisation_percent"]) == (1200, 0, 0)
    assert listing(project, "2023-12") == []  # before its baseline month


def test_a_program_has_benefits_too_and_edit_changes_them(project: Runner) -> None:
    ok(project("program", "add", "PROG", "Programmet"))
    ok(add_benefit(project, "PROG", "SAVE", measure="Savings", unit="MNOK", baseline="0", target="12"))
    ok(project("gain", "edit", "PROG", "SAVE", "--target", "15", "--owner", "CFO"))
    ok(project("gain", "value", "PROG", "SAVE", "--period", "2024-07", "--value", "6"))
    (row,) = listing(project, "2024-07", "--subject", "PROG")
    assert (row["owner"], row["target"], row["realisation_percent"]) == ("CFO", 15, 40)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("gain", "add", "NOPE", "K"), "Error: no project or program 'NOPE'\n"),
        (("gain", "add", "ALPHA", "bad key!"), "Error: benefit key 'bad key!' must be 1-32 letters"),
        (("gain", "add", "ALPHA", "K", "--target", "1200"), "Error: target 1200 equals the baseline"),
        (("gain", "add", "ALPHA", "K", "--target-date", "2024-01-15"), "Error: target date 2024-01-15 must be after"),
        (("gain", "add", "ALPHA", "K", "--baseline", "12x"), "Invalid value for '--baseline'"),
        (("gain", "add", "ALPHA", "K", "--owner", " "), "Error: a benefit needs an owner\n"),
        (("gain", "value", "ALPHA", "CALLS", "--period", "2023-12", "--value", "1"), "is measured from 2024-01"),
        (("gain", "value", "ALPHA", "CALLX", "--period", "2024-02", "--value", "1"), "ALPHA has no benefit 'CALLX'"),
        (("gain", "value", "ALPHA", "CALLS", "--period", "2099-01", "--value", "1"), "2099-01 has not begun yet"),
        (("gain", "value", "ALPHA", "CALLS", "--period", "2024-13", "--value", "1"), "Invalid value for '--period'"),
        (("gain", "value", "ALPHA", "CALLS", "--period", "2024-02", "--value", "1e20"), "Invalid value for '--value'"),
        (("gain", "edit", "ALPHA", "CALLS"), "nothing to change"),
        (("gain", "edit", "ALPHA", "CALLS", "--baseline", "800"), "Error: target 800 equals the baseline"),
    ],
)
def test_bad_input_is_one_line_and_changes_nothing(
    project: Runner, portfolio_db_url: str, args: tuple[str, ...], message: str
) -> None:
    ok(add_benefit(project))
    before = table_rows(portfolio_db_url, TABLES)
    if args[1] == "add" and len(args) > 2 and args[2] not in ("NOPE",) and "--owner" not in args:
        defaults = {"--measure": "m", "--owner": "o", "--unit": "u", "--baseline": "1200", "--target": "800",
                    "--target-date": "2024-12-31", "--period": "2024-01"}  # fmt: skip
        given = dict(zip(args[4::2], args[5::2], strict=True))
        args = (*args[:4], *[item for name, value in (defaults | given).items() for item in (name, value)])
    elif args[:3] == ("gain", "add", "NOPE") or "--owner" in args:
        defaults = {"--measure": "m", "--owner": "o", "--unit": "u", "--baseline": "1", "--target": "2",
                    "--target-date": "2024-12-31", "--period": "2024-01"}  # fmt: skip
        given = dict(zip(args[4::2], args[5::2], strict=True))
        args = (*args[:4], *[item for name, value in (defaults | given).items() for item in (name, value)])
    usage = "Invalid value" in message or "nothing" in message or "not begun" in message
    result = fails(project(*args), code=2 if usage else 1)
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert len([line for line in result.stderr.splitlines() if line.startswith("Error")]) == 1
    assert table_rows(portfolio_db_url, TABLES) == before


def test_a_second_benefit_with_the_same_key_is_refused(project: Runner) -> None:
    ok(add_benefit(project))
    assert "already has a benefit 'CALLS'" in fails(add_benefit(project)).stderr
