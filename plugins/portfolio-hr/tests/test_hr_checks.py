"""``portfolio check``: the hr plugin's findings name the month and the offending values."""

from __future__ import annotations

import json

from portfolio.testing import Runner, fails, ok


def findings(run: Runner, period: str) -> list[dict[str, str]]:
    result = run("check", "--period", period, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    return [f for f in json.loads(result.stdout) if f["plugin"] == "hr"]


def test_demo_month_has_no_hr_findings(hr_demo: Runner) -> None:
    assert findings(hr_demo, "2024-01") == []


def test_short_and_long_term_not_adding_up_is_an_error(hr_demo: Runner) -> None:
    # 2023-06: 1.8 + 3.6 = 5.4; 3.8 makes 5.6, 0.2 more than the total
    ok(hr_demo("hr", "set", "sick-leave", "--period", "2023-06", "--long-term", "3,8"))
    found = findings(hr_demo, "2024-01")
    assert found == [
        {
            "severity": "error",
            "plugin": "hr",
            "code": "hr-sick-leave-sum",
            "message": ("2023-06: short_term + long_term = 5.6 but total is 5.4 (more than 0.15 apart)"),
        }
    ]
    result = fails(hr_demo("check", "--period", "2024-01"))
    assert "hr-sick-leave-sum" in result.output


def test_a_difference_within_rounding_is_no_finding(hr_demo: Runner) -> None:
    ok(
        hr_demo(
            "hr",
            "set",
            "sick-leave",
            "--period",
            "2023-06",
            "--long-term",
            "3,75",
            "--doctor-certified",
            "4,35",
        )
    )
    assert findings(hr_demo, "2024-01") == []


def test_self_and_doctor_certified_not_adding_up_is_an_error(hr_demo: Runner) -> None:
    ok(hr_demo("hr", "set", "sick-leave", "--period", "2024-01", "--self-certified", "2"))
    (found,) = findings(hr_demo, "2024-01")
    assert found["code"] == "hr-sick-leave-sum"
    assert found["message"].startswith("2024-01: self_certified + doctor_certified = 6.9 but total is 6.3")


def test_tolerance_is_configurable(hr_demo: Runner, portfolio_isolated) -> None:  # type: ignore[no-untyped-def]
    ok(hr_demo("hr", "set", "sick-leave", "--period", "2023-06", "--long-term", "3,7"))
    assert findings(hr_demo, "2024-01") == []
    (portfolio_isolated / "portfolio.toml").write_text("[plugins.hr]\nrounding_tolerance = 0.05\n")
    (found,) = findings(hr_demo, "2024-01")
    assert found["message"] == "2023-06: short_term + long_term = 5.5 but total is 5.4 (more than 0.05 apart)"


def test_missing_months_and_counts_are_warnings(hr_demo: Runner) -> None:
    found = findings(hr_demo, "2024-03")
    messages = {f["code"]: f["message"] for f in found if f["severity"] == "warning"}
    assert len(found) == len(messages) == 3
    assert messages["hr-sick-leave-missing"].startswith("no sick-leave figures for 2024-03")
    assert messages["hr-sick-leave-gap"] == ("the sick-leave charts for 2024-03 have no figures for 2024-02, 2024-03")
    assert messages["hr-aml-missing"].startswith("no AML breaches recorded for 2024-03")


def test_stored_types_no_longer_configured_are_named(hr_demo: Runner, portfolio_isolated) -> None:  # type: ignore[no-untyped-def]
    (portfolio_isolated / "portfolio.toml").write_text(
        '[plugins.hr]\nbreach_types = [{key = "weekly_rest", nb = "Ukentlig arbeidsfri"}]\n'
    )
    found = findings(hr_demo, "2024-01")
    assert {f["code"] for f in found} == {"hr-aml-unknown-type"}
    assert (
        "2023-10: breach type 'hours_per_4_weeks' is not in [plugins.hr] breach_types; the report shows it by its key"
    ) in [f["message"] for f in found]


def test_bad_configuration_is_an_error_finding(hr_demo: Runner, portfolio_isolated) -> None:  # type: ignore[no-untyped-def]
    (portfolio_isolated / "portfolio.toml").write_text("[plugins.hr]\ntarget = 5\n")
    (found,) = findings(hr_demo, "2024-01")
    assert found["code"] == "hr-config"
    assert "unknown setting 'target'" in found["message"]
