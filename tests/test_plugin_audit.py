"""Every write command of the section plugins leaves audit rows naming who made the change (--as),
timed when it committed."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import create_engine, text

from tests.helpers import ok

FILES = {
    "finance.csv": "period,line,actual,unit\n2024-03,sla,200,kr\n",
    "budgets.csv": "project,period,budget_to_date,actual_to_date\nRAF,2024-04,100,60\n",
    "aml.csv": "period,type,count\n2024-03,total_per_day,2\n",
    "sick.csv": "period,total\n2024-04,5\n",
    "incidents.csv": "month,incidents,changes\n2024-04,1,1\n",
    "orders.csv": "reference,category,received\nIMP-1,advisory,2024-03-04\n",
    "hours.csv": "reference,date,hours\nIMP-1,2024-03-05,3\n",
    "readiness.csv": "date,level,description\n2024-03-06,yellow,Øvelse\n",
    "support.csv": "month,contacts,phone_share,answered_share,first_line_share\n2024-04,10,50,50,50\n",
    "deviations.csv": None,  # the example export
}

COMMANDS = [
    ("finance", "set", "--period", "2024-03", "--line", "sla", "--actual", "100", "--unit", "kr"),
    ("finance", "import", "{finance.csv}"),
    ("finance", "text", "set", "--period", "2024-03", "--topic", "result", "--text", "Resultat."),
    (
        "finance",
        "investment",
        "set",
        "--period",
        "2024-03",
        "--item",
        "project_costs",
        "--to-date",
        "10",
        "--unit",
        "kr",
    ),
    ("finance", "liquidity", "set", "--period", "2024-03", "--closing", "-100", "--unit", "kr"),
    ("finance", "staffing", "set", "--period", "2024-03", "--fte", "100"),
    (
        "finance",
        "project-budget",
        "set",
        "RAF",
        "--period",
        "2024-03",
        "--budget-to-date",
        "100",
        "--actual-to-date",
        "50",
        "--unit",
        "kr",
    ),
    ("finance", "project-budget", "tolerance", "RAF", "10"),
    ("finance", "project-budget", "import", "{budgets.csv}", "--unit", "kr"),
    ("hr", "set", "sick-leave", "--period", "2024-01", "--self-certified", "2"),
    ("hr", "set", "aml", "--period", "2024-03", "--type", "total_per_day", "--count", "1"),
    ("hr", "set", "text", "--period", "2024-03", "--part", "intro", "--text", "HMS."),
    ("hr", "import", "aml", "{aml.csv}"),
    ("hr", "import", "sick-leave", "{sick.csv}"),
    ("service", "record", "incidents", "--period", "2024-03", "--incidents", "1", "--changes", "2"),
    ("service", "record", "order", "NEW-1", "--category", "advisory", "--received", "2024-03-01", "--title", "T"),
    ("service", "record", "hours", "NEW-1", "--date", "2024-03-05", "--hours", "2"),
    ("service", "record", "readiness", "--date", "2024-03-02", "--level", "green", "--description", "Test"),
    (
        *("service", "record", "support", "--period", "2024-03", "--contacts", "10"),
        *("--phone-share", "50", "--answered-share", "50", "--first-line-share", "50"),
    ),
    ("service", "record", "text", "--period", "2024-03", "--part", "intro", "--text", "Tjenester."),
    ("service", "import", "incidents", "{incidents.csv}"),
    ("service", "import", "orders", "{orders.csv}"),
    ("service", "import", "hours", "{hours.csv}"),
    ("service", "import", "readiness", "{readiness.csv}"),
    ("service", "import", "support", "{support.csv}"),
    ("deviation", "import", "{deviations.csv}"),
    ("deviation", "snapshot", "set", "2024-03-01", "40"),
    ("deviation", "snapshot", "remove", "2024-03-01"),
    ("deviation", "text", "set", "--period", "2024-03", "--text", "Avvik."),
]


@pytest.fixture
def files(tmp_path):
    from pathlib import Path

    examples = Path(__file__).parent.parent / "plugins" / "portfolio-deviations" / "examples"
    paths = {}
    for name, body in FILES.items():
        path = tmp_path / name
        path.write_text(body if body is not None else (examples / "deviations.csv").read_text(encoding="utf-8"))
        paths[name] = str(path)
    return paths


def test_every_plugin_write_command_is_audited_as_the_acting_user(demo, db_url, files):
    engine = create_engine(db_url)
    try:
        for number, command in enumerate(COMMANDS):
            user = f"auditor-{number}"
            args = [files[a[1:-1]] if a.startswith("{") else a for a in command]
            started = dt.datetime.now(dt.UTC).replace(microsecond=0)
            ok(demo(*args, user=user))
            with engine.connect() as connection:
                rows = connection.execute(
                    text('SELECT at, table_name FROM audit_log WHERE "user" = :user'), {"user": user}
                ).all()
            assert rows, f"{' '.join(command)} wrote no audit row as {user}"
            times = {row[0] if isinstance(row[0], dt.datetime) else dt.datetime.fromisoformat(row[0]) for row in rows}
            assert len(times) == 1, f"{' '.join(command)}: one time per transaction, not {times}"
            at = times.pop()
            at = at if at.tzinfo else at.replace(tzinfo=dt.UTC)
            assert started <= at <= dt.datetime.now(dt.UTC), f"{' '.join(command)} is dated {at}, not its commit"
    finally:
        engine.dispose()
