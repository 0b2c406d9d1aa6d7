"""report diff with the section plugins: the numbers in their tables (finance, HR, services,
deviations) are compared month to month, and a table writes numbers as the language does."""

from __future__ import annotations

import json

from tests.helpers import ok


def test_the_section_tables_figures_are_compared_and_written_as_the_language_writes_them(demo):
    ok(
        demo(
            "finance",
            "set",
            "--period",
            "2024-02",
            "--line",
            "sla",
            "--actual",
            "5000",
            "--budget",
            "4800",
            "--unit",
            "1000",
        )
    )
    ok(demo("hr", "set", "aml", "--period", "2024-02", "--type", "total_per_day", "--count", "7"))
    rows = json.loads(ok(demo("report", "diff", "2024-01", "2024-02", "--kind", "figure", "--format", "json")).stdout)
    by_item = {(row["subject"], row["item"]): (row["before"], row["after"]) for row in rows}
    assert by_item[("finance", "SLA (tjenesteavtaler): Februar 2024 Faktisk")][1] == 5000
    assert by_item[("hr", "Samlet tid pr. dag: Antall brudd Feb 2024")] == (9, 7)
    assert by_item[("hr", "Total: Antall brudd Feb 2024")] == (35, 7)
    table = ok(demo("report", "diff", "2024-01", "2024-02", "--kind", "figure")).stdout
    sick = next(line for line in table.splitlines() if "Sykefravær samlet: Gjennomsnitt" in line)
    assert sick.split()[-2:] == ["6,05", "6,3"]  # a decimal comma in bokmål, no trailing zero added
    english = ok(demo("report", "diff", "2024-01", "2024-02", "--kind", "figure", "--lang", "en")).stdout
    assert any(line.split()[-2:] == ["6.05", "6.3"] for line in english.splitlines())
