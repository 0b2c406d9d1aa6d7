"""``deviation import`` counts per month opened what it will store against what is stored, and
``--dry-run`` stops there: the same preview, nothing written."""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

from portfolio.testing import ok, table_rows

EXAMPLE = Path(__file__).parents[1] / "examples" / "deviations.csv"
TABLES = ("deviations_deviation", "deviations_import", "deviations_snapshot", "audit_log")


def _preview(output: str) -> str:
    lines = output[output.index("Month ") :].splitlines()
    return "\n".join(line for line in lines if line.startswith("20") or line.startswith(("Month", "---")))


def _dry_then_real(run, db_url, *args):
    before = table_rows(db_url, TABLES)
    dry = ok(run(*args, "--dry-run")).output
    assert table_rows(db_url, TABLES) == before
    assert "\nDry run: nothing stored.\n" in dry, dry
    real = ok(run(*args)).output
    assert table_rows(db_url, TABLES) != before
    assert "Dry run" not in real and _preview(real) == _preview(dry)
    return dry, real


def test_a_deviation_export_is_counted_per_month_opened(portfolio_migrated, portfolio_db_url, tmp_path):
    run = portfolio_migrated
    with EXAMPLE.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    by_month = Counter(row["opened"][:7] for row in rows)
    dry, real = _dry_then_real(run, portfolio_db_url, "deviation", "import", str(EXAMPLE))
    for month, count in by_month.items():
        assert re.search(rf"^{month}\s+deviations\s+0\s+{count}\s+{count} new\s*$", dry, re.M), dry
    assert f"Imported {len(rows)} deviations" in real
    first = rows[0]
    changed = tmp_path / "again.csv"
    changed.write_text(
        "id,title,place,handler,opened,closed,category\n"
        f"{first['id']},{first['title']},{first['place']},{first['handler']},{first['opened']},"
        f"{first['opened']},{first['category']}\n",
        encoding="utf-8",
    )
    dry, _real = _dry_then_real(run, portfolio_db_url, "deviation", "import", str(changed))
    month, count = first["opened"][:7], by_month[first["opened"][:7]]
    unchanged = f", {count - 1} unchanged" if count > 1 else ""
    assert re.search(rf"^{month}\s+deviations\s+{count}\s+{count}\s+1 changed{unchanged}\s*$", dry, re.M), dry
