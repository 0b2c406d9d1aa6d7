"""A general ledger by account, read through the shipped `ledger` profile and summed into the
chart's lines by the account mapping; the figures are checked against sums made here, from the
example export, without the importer's code."""

from __future__ import annotations

import json
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from portfolio.testing import fails, ok, table_rows

TABLES = ("finance_figure", "finance_annual_budget")
LEDGER = Path(__file__).resolve().parent.parent / "examples" / "ledger-2024-q1.csv"
# NS 4102 as docs/sections/finance.md documents the default, written out again here
RANGES = {
    "sales": [(3000, 3399), (3600, 3699)],
    "grants": [(3400, 3499)],
    "other_revenue": [(3500, 3599), (3700, 3999)],
    "other_costs": [(4000, 4999), (6100, 7999)],
    "personnel": [(5000, 5999)],
    "depreciation": [(6000, 6099)],
    "financial": [(8000, 8199)],
}
CREDIT_LINES = {"sales", "grants", "other_revenue", "financial"}  # shown with the ledger's sign turned


def kroner(text: str) -> Decimal:
    """'(185 705,89)' -> -185705.89, the way a person reads the export."""
    negative = text.startswith("(")
    digits = text.strip("()").replace(" ", "").replace("\u00a0", "").replace(",", ".")
    return -Decimal(digits) if negative else Decimal(digits)


def summed_by_hand(path: Path = LEDGER) -> dict[tuple[str, str], tuple[Decimal, Decimal]]:
    """(month, line) -> (actual, budget) in kr, summed from the file's rows."""
    sums: dict[tuple[str, str], tuple[Decimal, Decimal]] = {}
    for row in path.read_text(encoding="utf-8").splitlines()[1:]:
        account, _name, period, actual, budget, _unit = row.split(";")
        line = next(key for key, ranges in RANGES.items() if any(a <= int(account) <= b for a, b in ranges))
        sign = -1 if line in CREDIT_LINES else 1
        month = f"{period[:4]}-{period[4:]}"
        old = sums.get((month, line), (Decimal(0), Decimal(0)))
        sums[(month, line)] = (old[0] + sign * kroner(actual), old[1] + sign * kroner(budget))
    return sums


def shown(run, period: str) -> dict[str, dict]:
    rows = json.loads(ok(run("finance", "show", "--period", period, "--format", "json")).stdout)
    return {row["key"]: row for row in rows}


def test_a_ledger_by_account_gives_the_lines_summed_by_hand(portfolio_migrated):
    result = ok(portfolio_migrated("finance", "import", str(LEDGER), "--profile", "ledger"))
    assert "81 row(s), 27 account(s) summed into 7 line(s) for 2024-01..2024-03 in kr." in result.stdout
    assert "Imported 21 line figure(s) for 2024-01..2024-03." in result.stdout
    assert (
        result.stderr.startswith("notice: ") and "ignored column this import does not read: avdeling" in result.stderr
    )
    expected = summed_by_hand()
    for month in ("2024-01", "2024-02", "2024-03"):
        rows = shown(portfolio_migrated, month)
        for line in RANGES:
            actual, budget = expected[(month, line)]
            assert Decimal(str(rows[line]["actual_kr"])) == actual, (month, line)
            assert Decimal(str(rows[line]["budget_kr"])) == budget, (month, line)
        revenue = sum(expected[(month, k)][0] for k in ("grants", "sales", "other_revenue"))
        costs = sum(expected[(month, k)][0] for k in ("personnel", "other_costs", "depreciation"))
        assert Decimal(str(rows["result"]["actual_kr"])) == revenue - costs + expected[(month, "financial")][0]
    march = shown(portfolio_migrated, "2024-03")["personnel"]
    ytd = sum(expected[(m, "personnel")][0] for m in ("2024-01", "2024-02", "2024-03"))
    assert Decimal(str(march["ytd_actual_kr"])) == ytd


def test_a_dry_run_shows_the_lines_as_the_report_will_and_stores_nothing(portfolio_migrated, portfolio_db_url):
    before = table_rows(portfolio_db_url, TABLES)
    result = ok(portfolio_migrated("finance", "import", str(LEDGER), "--profile", "ledger", "--dry-run", "--explain"))
    assert table_rows(portfolio_db_url, TABLES) == before
    assert result.stdout.rstrip().endswith("Dry run: nothing stored.")
    january = result.stdout.split("2024-02")[0]
    personnel = summed_by_hand()[("2024-01", "personnel")][0]
    thousands = f"{(personnel / 1000).quantize(Decimal(1), rounding=ROUND_HALF_UP):,}".replace(",", "\u00a0")
    assert re.search(rf"Lønnskostnader\s+{thousands}\s", january), january
    assert "· 5000 Lønn til ansatte" in january and "· 5990 Aktiverte lønnskostnader" in january
    assert "new" in january and "Amounts in 1000 kr." in january


def test_a_second_import_shows_what_changes_against_what_is_stored(portfolio_migrated, tmp_path):
    ok(portfolio_migrated("finance", "import", str(LEDGER), "--profile", "ledger"))
    again = ok(portfolio_migrated("finance", "import", str(LEDGER), "--profile", "ledger", "--dry-run")).stdout
    assert "unchanged" in again and " new" not in again
    changed = tmp_path / "ledger.csv"
    text = LEDGER.read_text(encoding="utf-8").replace("5000;Lønn til ansatte;202401;", "5000;Lønn til ansatte;202401;1")
    changed.write_text(text, encoding="utf-8")
    preview = ok(portfolio_migrated("finance", "import", str(changed), "--profile", "ledger", "--dry-run")).stdout
    assert "changes; was actual" in preview.split("2024-02")[0]


def test_the_file_may_name_its_profile_in_a_header_line(portfolio_migrated, tmp_path):
    path = tmp_path / "ledger.csv"
    path.write_text("# profile: ledger\n" + LEDGER.read_text(encoding="utf-8"), encoding="utf-8")
    result = ok(portfolio_migrated("finance", "import", str(path), "--dry-run"))
    assert "(profile 'ledger')" in result.stdout
    clash = fails(portfolio_migrated("finance", "import", str(path), "--profile", "finance"))
    assert f"Error: {path}: line 1 names profile 'ledger', but --profile says 'finance'" in clash.output


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "ledger.csv"
    path.write_text("konto;kontonavn;periode;regnskap;budsjett\n" + body, encoding="utf-8")
    return path


def test_an_account_no_line_claims_is_refused_listing_the_accounts(portfolio_migrated, portfolio_db_url, tmp_path):
    path = write(
        tmp_path,
        "5000;Lønn;202401;100;100\n8300;Skattekostnad;202401;50;50\n1920;Bank;202401;9;9\n8300;Skatt;202402;1;1\n",
    )
    before = table_rows(portfolio_db_url, TABLES)
    result = fails(portfolio_migrated("finance", "import", str(path), "--profile", "ledger"))
    assert result.output == (
        f"Error: {path}: 1 problem, nothing imported\n"
        f"{path}: accounts no line claims: 8300 (line 3); map them in [plugins.finance] accounts, "
        "or name a line for the rest with accounts_other\n"
    )
    assert table_rows(portfolio_db_url, TABLES) == before  # 1920 is on the balance sheet: ignored


def test_accounts_other_takes_every_account_no_line_claims(portfolio_migrated, write_config, tmp_path):
    write_config(
        '[plugins.finance]\naccounts = { personnel = ["5000-5999"], financial = [8050, "8150"] }\n'
        'accounts_other = "other_costs"\naccounts_ignored = ["1000-2999"]\n'
    )
    path = write(
        tmp_path, "5000;Lønn;202401;100;100\n7100;Bil;202401;20;10\n6300;Leie;202401;5;5\n1920;Bank;202401;9;9\n"
    )
    ok(portfolio_migrated("finance", "import", str(path), "--profile", "ledger"))
    rows = shown(portfolio_migrated, "2024-01")
    assert (rows["personnel"]["actual_kr"], rows["other_costs"]["actual_kr"]) == (100, 25)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "5000;Lønn;202401;1.234,5;100\n",
            "line 2, column regnskap: '1.234,5' is not a number as this export writes them "
            "(decimal comma, thousands grouped by spaces, e.g. 1 137 600,5, (3 420) for -3420)",
        ),
        ("50A0;Lønn;202401;100;100\n", "line 2, column konto: '50A0' is not an account number (digits, e.g. 5000)"),
        ("5000;Lønn;januar;100;100\n", "line 2, column periode: 'januar' is not a month; write YYYY-MM, e.g. 2024-01"),
        ("5000;Lønn;202401;(-100);100\n", "line 2, column regnskap: '(-100)' is not a number as this export"),
        ("5000;Lønn;202401;100;0,001\n", "line 2, column budsjett: '0.001' has more decimals than whole øre allow"),
    ],
)
def test_a_bad_value_is_named_by_file_line_and_column(
    portfolio_migrated, portfolio_db_url, tmp_path, body, message
) -> None:
    path = write(tmp_path, "5000;Lønn;202401;100;100\n".replace("202401", "202402") + body)
    before = table_rows(portfolio_db_url, TABLES)
    result = fails(portfolio_migrated("finance", "import", str(path), "--profile", "ledger"))
    assert f"{path}: {message.replace('line 2', 'line 3')}" in result.output, result.output
    assert table_rows(portfolio_db_url, TABLES) == before


def test_a_bad_amount_on_an_account_and_month_read_before_is_refused_too(
    portfolio_migrated, portfolio_db_url, tmp_path
) -> None:
    """A row for an account and month already read takes a shorter way (only its amounts are
    read); a bad amount there is named like any other, and nothing of the file is stored."""
    path = write(tmp_path, "5000;Lønn;202401;100;100\n5000;Lønn;202401;200;1.5.0\n5000;Lønn;202401;(3 000,50);7\n")
    before = table_rows(portfolio_db_url, TABLES)
    result = fails(portfolio_migrated("finance", "import", str(path), "--profile", "ledger"))
    assert f"{path}: line 3, column budsjett: '1.5.0' is not a number" in result.output, result.output
    assert "line 4" not in result.output
    assert table_rows(portfolio_db_url, TABLES) == before


def test_rows_of_an_account_and_month_read_before_add_up_with_their_sign(portfolio_migrated, tmp_path) -> None:
    path = write(tmp_path, "3000;Salg;202401;(100,50);(10)\n3000;Salg;202401;(1 000,25);\n5000;Lønn;202401;7;\n")
    ok(portfolio_migrated("finance", "import", str(path), "--profile", "ledger"))
    rows = shown(portfolio_migrated, "2024-01")
    assert Decimal(str(rows["sales"]["actual_kr"])) == Decimal("1100.75")
    assert rows["sales"]["budget_kr"] == 10
    assert rows["personnel"]["actual_kr"] == 7


def test_strict_columns_refuses_a_column_the_import_does_not_read(portfolio_migrated, portfolio_db_url):
    before = table_rows(portfolio_db_url, TABLES)
    result = fails(portfolio_migrated("finance", "import", str(LEDGER), "--profile", "ledger", "--strict-columns"))
    assert result.output == (
        f"Error: {LEDGER}: unknown column 'avdeling'; allowed: account, account_name, period, actual, budget, unit "
        "(profile 'ledger'; list it under ignore to drop it)\n"
    )
    assert table_rows(portfolio_db_url, TABLES) == before


def test_a_profile_that_does_not_exist_or_is_for_another_import_is_refused(portfolio_migrated):
    unknown = fails(portfolio_migrated("finance", "import", str(LEDGER), "--profile", "ledgr"))
    assert unknown.output == (
        "Error: no import profile 'ledgr'; profiles for finance: finance, ledger ('portfolio import profiles')\n"
    )


def test_a_profile_for_a_misspelt_import_stops_every_command(portfolio_migrated, write_config):
    """`for = "finans"` would make the profile unusable for finance imports; it is refused at once."""
    from portfolio.api import PortfolioError

    config = write_config('[import.profiles.visma]\nfor = "finans"\n')
    with pytest.raises(PortfolioError) as refused:
        portfolio_migrated("import", "profiles")
    message = str(refused.value)
    assert message.startswith(f"{config}: import.profiles.visma.for: 'finans' is not an import; allowed: ")
    assert "finance" in message.rsplit("allowed: ", 1)[1].split(", ")


def test_a_configured_profile_with_its_own_conventions(portfolio_migrated, write_config, tmp_path):
    write_config(
        "[import.profiles.visma]\n"
        'for = "finance"\ncolumns = { Kontonr = "account", "Regnskap hittil" = "actual", Periode = "period" }\n'
        'ignore = ["Prosjekt"]\ndecimal = "comma"\nthousands = "dot"\nunit = "kr"\n'
    )
    path = tmp_path / "visma.csv"
    path.write_text("Kontonr;Periode;Regnskap hittil;Prosjekt\n5000;2024-01;1.137.600,50;P1\n", encoding="utf-8")
    result = ok(portfolio_migrated("finance", "import", str(path), "--profile", "visma"))
    assert result.stderr == ""  # the ignored column is listed, so no notice
    assert shown(portfolio_migrated, "2024-01")["personnel"]["actual_kr"] == 1137600.5
    listing = json.loads(ok(portfolio_migrated("import", "profiles", "--format", "json")).stdout)
    visma = next(row for row in listing if row["name"] == "visma")
    assert (visma["for"], visma["origin"]) == ("finance", "portfolio.toml")
    assert "thousands dot" in visma["conventions"]


def test_the_default_mapping_needs_the_default_chart(portfolio_migrated, examples, write_config):
    write_config((examples / "portfolio.toml").read_text(encoding="utf-8"))
    result = fails(portfolio_migrated("finance", "import", str(LEDGER), "--profile", "ledger"))
    assert result.output == (
        "Error: no account mapping: the default (NS 4102) maps to the default chart's line 'sales', which your "
        "chart lacks; map your lines to accounts in [plugins.finance] accounts (docs/sections/finance.md)\n"
    )


@pytest.mark.parametrize(
    ("accounts", "message"),
    [
        ('{ wages = ["5000-5999"] }', "[plugins.finance] accounts.wages: 'wages' is not a line of the chart"),
        (
            '{ costs = ["5000-5999"] }',
            "[plugins.finance] accounts.costs: 'costs' is a subtotal, computed from its lines",
        ),
        (
            '{ personnel = ["5000-5999"], other_costs = ["5900-6999"] }',
            "[plugins.finance] accounts: account 5900 is claimed by both 'personnel' and 'other_costs'",
        ),
        ('{ personnel = ["5999-5000"] }', "[plugins.finance] accounts.personnel: '5999-5000' runs backwards"),
        ('{ personnel = ["lønn"] }', "[plugins.finance] accounts.personnel: 'lønn' is not an account or a range"),
    ],
)
def test_a_mistake_in_the_account_mapping_is_refused_naming_the_key(
    portfolio_migrated, write_config, accounts, message
):
    write_config(f"[plugins.finance]\naccounts = {accounts}\n")
    result = fails(portfolio_migrated("finance", "lines"))
    assert result.output.startswith(f"Error: {message}"), result.output


def test_a_label_matches_without_its_leading_dash_and_case(portfolio_migrated, examples, write_config, tmp_path):
    write_config((examples / "portfolio.toml").read_text(encoding="utf-8"))
    path = tmp_path / "figures.csv"
    path.write_text("period;line;actual;unit\n2024-01;AKTIVERTE LØNNSUTG.  Prosjekter;(3 109);1000 kr\n", "utf-8")
    refused = fails(portfolio_migrated("finance", "import", str(path)))
    assert "line 2, column actual: '(3 109)' is not a number: brackets mean a negative number only" in refused.output
    ok(portfolio_migrated("finance", "import", str(path), "--profile", "ledger"))
    assert shown(portfolio_migrated, "2024-01")["capitalised"]["actual_kr"] == -3_109_000
