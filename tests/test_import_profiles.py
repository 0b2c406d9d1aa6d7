"""Import profiles: read from [import.profiles.NAME] (every mistake refused naming its key),
listed with the plugins' shipped ones, and applied to a file's header the one way every import
uses (renames, ignored columns, a notice for extra ones, --strict-columns)."""

from __future__ import annotations

import datetime as dt
import json
import types
from decimal import Decimal
from pathlib import Path

import pytest

from portfolio import hookimpl
from portfolio.config import load_settings
from portfolio.errors import PortfolioError
from portfolio.import_profile import ImportProfile, column_key, label_key
from portfolio.importers.profiles import map_columns, named_in
from portfolio.parsing import Conventions, parse_date, parse_datetime, parse_decimal
from tests.helpers import ok

LEDGER = """
[import.profiles.ledger-nb]
for = "finance"
description = "Our ledger"
columns = { Konto = "account", "Regnskap hittil" = "actual" }
ignore = ["Avdeling"]
decimal = "comma"
thousands = "dot"
brackets = true
dates = "day-first"
times = false
unit = "kr"
strict_columns = true
"""


def settings_from(tmp_path: Path, text: str):
    path = tmp_path / "portfolio.toml"
    path.write_text(text, encoding="utf-8")
    return load_settings(path)


def test_a_configured_profile_is_read_with_every_key(tmp_path):
    profile = settings_from(tmp_path, LEDGER).import_profiles["ledger-nb"]
    assert (profile.target, profile.description, profile.unit, profile.strict_columns) == (
        "finance",
        "Our ledger",
        "kr",
        True,
    )
    assert dict(profile.columns) == {"konto": "account", "regnskap_hittil": "actual"}
    assert profile.ignore == {"avdeling"}
    assert profile.conventions == Conventions("comma", "dot", True, "day-first", False)
    assert profile.number("(1.137.600,50)") == Decimal("-1137600.50")
    assert profile.date("31/01/2024") == dt.date(2024, 1, 31)
    with pytest.raises(ValueError, match="has a time of day"):
        profile.date("31.01.2024 14:32")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('decimals = "comma"', "import.profiles.x: unknown key 'decimals'; allowed: for, description, columns"),
        ('decimal = "koma"', "import.profiles.x.decimal: 'koma' is not one of either, comma, point"),
        ('thousands = "apostrophe"', "import.profiles.x.thousands: 'apostrophe' is not one of space, nbsp, dot"),
        (
            'thousands = "dot"\ndecimal = "point"',
            "import.profiles.x.thousands: thousands 'dot' needs decimal = \"comma\"",
        ),
        ('dates = "month-first"', "import.profiles.x.dates: 'month-first' is not one of either, day-first, iso"),
        ('brackets = "yes"', "import.profiles.x.brackets must be true or false, not 'yes'"),
        ('for = "Finance!"', "import.profiles.x.for: 'Finance!' is not an import"),
        ('columns = ["konto"]', "import.profiles.x.columns must be a table of export column = column read"),
        ("columns = { konto = 5 }", "import.profiles.x.columns.konto: '5' is not a column name in quotes"),
        (
            'columns = { a = "account", b = "account" }',
            "import.profiles.x.columns: two export columns map to 'account'",
        ),
        ('ignore = "avdeling"', "import.profiles.x.ignore must be a list of column names"),
        ('columns = { a = "account" }\nignore = ["A"]', "import.profiles.x.ignore: column 'a' is also in columns"),
        ("unit = 1000", 'import.profiles.x.unit must be text in quotes, e.g. "kr"'),
    ],
)
def test_a_mistake_in_a_profile_is_refused_naming_the_key(tmp_path, body, message):
    with pytest.raises(PortfolioError) as info:
        settings_from(tmp_path, f"[import.profiles.x]\n{body}\n")
    assert str(info.value) == f"{tmp_path / 'portfolio.toml'}: {message}" or str(info.value).startswith(
        f"{tmp_path / 'portfolio.toml'}: {message}"
    ), str(info.value)


def test_import_takes_only_profiles(tmp_path):
    with pytest.raises(PortfolioError, match=r"unknown setting 'import.formats'; allowed: profiles"):
        settings_from(tmp_path, "[import.formats]\n")


def test_import_profiles_lists_the_shipped_and_the_configured(migrated, tmp_path, monkeypatch):
    (tmp_path / "portfolio.toml").write_text(LEDGER + '\n[import.profiles.ledger]\nfor = "finance"\n', "utf-8")
    monkeypatch.chdir(tmp_path)
    rows = {r["name"]: r for r in json.loads(ok(migrated("import", "profiles", "--format", "json")).stdout)}
    assert rows["ledger-nb"]["origin"] == "portfolio.toml"
    assert (
        (rows["ledger-nb"]["conventions"])
        == "decimal comma, thousands dot, dates day-first, brackets negative, no times, unit kr"
    )
    assert rows["ledger-nb"]["columns"] == "konto -> account, regnskap_hittil -> actual"


LEDGER_PLUGIN = types.SimpleNamespace(portfolio_import_kinds=hookimpl(lambda: ["ledger", "ledger.months"]))


def test_a_profile_for_an_import_no_plugin_has_is_refused(core_only, tmp_path, monkeypatch):
    """A misspelt `for` would make the profile unusable by every import; it stops every command,
    naming the file, the profile and the imports the loaded plugins declare."""
    from portfolio.cli import build_cli

    config = tmp_path / "portfolio.toml"
    monkeypatch.setenv("PORTFOLIO_CONFIG", str(config))
    config.write_text('[import.profiles.visma]\nfor = "ledgr"\n', encoding="utf-8")
    with pytest.raises(PortfolioError) as refused:
        build_cli(extra_plugins=[("ledgers", LEDGER_PLUGIN)])
    assert str(refused.value) == (
        f"{config}: import.profiles.visma.for: 'ledgr' is not an import; allowed: ledger, ledger.months"
    )
    config.write_text('[import.profiles.visma]\nfor = "ledger.months"\n[import.profiles.any]\n', encoding="utf-8")
    with pytest.raises(PortfolioError, match=r"'ledger.months' is not an import; allowed: none \(no loaded plugin"):
        build_cli()  # the plugin that has the import is not there
    cli = build_cli(extra_plugins=[("ledgers", LEDGER_PLUGIN)])
    assert cli.settings.import_profiles["visma"].target == "ledger.months"


def test_every_shipped_profile_is_for_an_import_its_plugin_declares():
    """What the plugins ship passes the check a user's profile gets."""
    from portfolio.plugins import load_plugins

    host = load_plugins()
    kinds = {c.plugin: set(c.value) for c in host.call("portfolio_import_kinds")}
    for contribution in host.call("portfolio_import_profiles"):
        for profile in contribution.value:
            assert profile.target is None or profile.target in kinds.get(contribution.plugin, set()), profile


def test_the_header_is_mapped_through_the_profile():
    profile = ImportProfile.from_table(
        "p", {"columns": {"Konto": "account", "Beløp": "actual"}, "ignore": ["Avdeling"]}, origin="test"
    )
    known = ("account", "actual", "period")
    header = ["KONTO", "Periode ", "Beløp", "Avdeling", "Status", "Kunde"]
    columns = map_columns("x.csv", header, profile, known, required=("account",), aliases={"periode": "period"})
    assert dict(columns.columns) == {"account": "KONTO", "period": "Periode ", "actual": "Beløp"}
    assert columns.notice == (
        "x.csv: ignored columns this import does not read: Status, Kunde (--strict-columns refuses them)"
    )
    with pytest.raises(PortfolioError, match=r"^x.csv: unknown column 'Status'; allowed: account, actual, period"):
        map_columns("x.csv", header, profile, known, aliases={"periode": "period"}, strict=True)
    with pytest.raises(PortfolioError, match=r"^x.csv: missing column 'period'; required: account, period"):
        map_columns("x.csv", ["Konto"], profile, known, required=("account", "period"))
    with pytest.raises(PortfolioError, match=r"^x.csv: columns 'Konto' and 'account' both give account"):
        map_columns("x.csv", ["Konto", "account"], profile, known)
    bad = ImportProfile.from_table("q", {"columns": {"Konto": "acount"}})
    with pytest.raises(PortfolioError, match=r"profile 'q' maps column 'Konto' to 'acount', which this import"):
        map_columns("x.csv", ["Konto"], bad, known)


def test_without_a_profile_the_native_columns_stay_strict():
    with pytest.raises(PortfolioError, match=r"^x.csv: unknown column 'Status'; allowed: account$"):
        map_columns("x.csv", ["account", "Status"], None, ("account",))


def test_names_and_labels_compare_leniently():
    assert column_key(" Behandles  av ") == column_key("behandles_av") == column_key("BEHANDLES-AV") == "behandles_av"
    assert label_key("- Aktiverte lønnsutg. Prosjekter") == label_key("aktiverte  LØNNSUTG. prosjekter")
    assert named_in([(1, "# Profile: ledger"), (2, "# period: 2024-01")]) == ("ledger", 1)
    assert named_in([(1, "# period: 2024-01")]) is None


@pytest.mark.parametrize(
    ("text", "conventions", "value"),
    [
        ("(3 420)", Conventions(brackets=True), Decimal(-3420)),
        ("1.137.600,5", Conventions(decimal="comma", thousands="dot"), Decimal("1137600.5")),
        ("1,137,600.5", Conventions(decimal="point", thousands="comma"), Decimal("1137600.5")),
        ("1\u00a0137\u00a0600,50", Conventions(decimal="comma", thousands="nbsp"), Decimal("1137600.50")),
        ("1137600,5", Conventions(decimal="comma", thousands="none"), Decimal("1137600.5")),
        ("\u22123 109", Conventions(decimal="comma"), Decimal(-3109)),
    ],
)
def test_numbers_by_an_exports_conventions(text, conventions, value):
    assert parse_decimal(text, conventions) == value


@pytest.mark.parametrize(
    ("text", "conventions", "reason"),
    [
        ("1.5", Conventions(decimal="comma"), "not a number as this export writes them (decimal comma"),
        ("1 137 600", Conventions(decimal="comma", thousands="dot"), "not a number as this export writes"),
        ("1.13.600,5", Conventions(decimal="comma", thousands="dot"), "not a number as this export writes"),
        ("(3 420)", Conventions(decimal="comma"), "this export's profile does not say brackets mean negative"),
        ("1 137 600", Conventions(decimal="comma", thousands="nbsp"), "not a number as this export writes"),
    ],
)
def test_numbers_against_an_exports_conventions_are_refused(text, conventions, reason):
    with pytest.raises(ValueError, match=reason.replace("(", r"\(")):
        parse_decimal(text, conventions)


@pytest.mark.parametrize(
    ("text", "moment"),
    [
        ("31.01.2024 14:32", dt.datetime(2024, 1, 31, 14, 32)),
        ("2024-01-31 14:32:05", dt.datetime(2024, 1, 31, 14, 32, 5)),
        ("2024-01-31T14:32:05.123+01:00", dt.datetime(2024, 1, 31, 14, 32, 5)),
        ("2024-01-31T14:32Z", dt.datetime(2024, 1, 31, 14, 32)),
        ("2024-01-31", dt.datetime(2024, 1, 31)),
    ],
)
def test_date_times_are_read_by_default_where_they_are_clear(text, moment):
    assert parse_datetime(text) == moment
    assert parse_date(text) == moment.date()


def test_day_first_dates_need_the_convention():
    with pytest.raises(ValueError, match="ambiguous"):
        parse_date("01/02/2024 14:32")
    assert parse_date("01/02/2024 14:32", Conventions(dates="day-first")) == dt.date(2024, 2, 1)
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_date("31.01.2024", Conventions(dates="iso"))
    with pytest.raises(ValueError, match="not a time of day"):
        parse_date("31.01.2024 24:00")
