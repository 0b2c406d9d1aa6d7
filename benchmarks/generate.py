"""A synthetic portfolio of any size, written straight into a migrated database.

    python -m benchmarks.generate --db /tmp/big.db --projects 10000 --months 24

Programs of ten numbered projects each (a tenth of the projects stand alone), a status for every
project and program in every month on every dimension, a risk with an assessment per month and two
measures for every fifth project, and a narrative per program per month. Ratings drift slowly
so that trends appear. Two milestones with a forecast every month for every 20th project, and a
benefit with a value every month for every 20th project (another one), feed the milestones and
gains sections. Rows go in with SQLAlchemy Core in batches, in one transaction. The other section
plugins' demo data (the seed's finance, services, HR and deviations months) come last, so that
every section of the report has its tables.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import insert

from portfolio.config import DEFAULT_DIMENSIONS
from portfolio.database import make_engine
from portfolio.models import (
    Measure,
    Narrative,
    Program,
    Project,
    Risk,
    RiskAssessment,
    StatusRating,
    StatusReport,
)
from portfolio.period import Period
from portfolio.plugins import load_plugins
from portfolio.schema import upgrade
from portfolio.services.grid import last_months

RATINGS = ("green", "green", "green", "yellow", "yellow", "red", "na")
BATCH = 5000


def _batches(rows: Sequence[dict[str, Any]]) -> Iterator[Sequence[dict[str, Any]]]:
    for start in range(0, len(rows), BATCH):
        yield rows[start : start + BATCH]


def _insert(connection: Any, table: Any, rows: Sequence[dict[str, Any]], counts: dict[str, int]) -> None:
    """``rows`` into ``table`` in batches, counted under the table's name."""
    for batch in _batches(rows):
        connection.execute(insert(table), list(batch))
    counts[table.name] = counts.get(table.name, 0) + len(rows)


REPORT_MONTH = Period(2024, 1)


def generate(url: str, projects: int, months: int, last: Period = REPORT_MONTH, seed: int = 7) -> dict[str, int]:
    """Fill an empty database; returns the number of rows written per table."""
    rng = random.Random(seed)
    engine = make_engine(url)
    plugins = load_plugins()
    upgrade(engine, plugins)
    periods = last_months(last, months)
    keys = [d.key for d in DEFAULT_DIMENSIONS]
    counts: dict[str, int] = {}
    with engine.begin() as connection:

        def write(model: Any, rows: list[dict[str, Any]]) -> None:
            _insert(connection, model.__table__, rows, counts)

        standalone = max(1, projects // 10)
        program_count = max(1, (projects - standalone + 9) // 10)
        write(
            Program,
            [
                {"id": n, "code": f"PG{n}", "number": n, "name": f"Program {n}", "active": True}
                for n in range(1, program_count + 1)
            ],
        )
        project_rows = []
        for n in range(1, projects + 1):
            in_program = n > standalone
            program = (n - standalone - 1) // 10 + 1 if in_program else None
            number = f"{program}.{(n - standalone - 1) % 10 + 1}" if in_program else None
            project_rows.append(
                {
                    "id": n,
                    "code": f"P{n}",
                    "name": f"Prosjekt {n}",
                    "program_id": program,
                    "number": number,
                    "manager": f"Leder {n % 97}",
                    "active": True,
                    "position": n,
                }
            )
        write(Project, project_rows)

        subjects = [("project", n) for n in range(1, projects + 1)] + [
            ("program", n) for n in range(1, program_count + 1)
        ]
        state = {subject: [rng.choice(RATINGS) for _ in keys] for subject in subjects}
        report_id = 0
        reports, ratings = [], []
        at = dt.datetime(2024, 2, 5, 9, 0, tzinfo=dt.UTC)
        for period in periods:
            for subject in subjects:
                report_id += 1
                kind, subject_id = subject
                reports.append(
                    {
                        "id": report_id,
                        "period": str(period),
                        "project_id": subject_id if kind == "project" else None,
                        "program_id": subject_id if kind == "program" else None,
                        "reported_by": "generator",
                        "reported_at": at,
                        "version": 1,
                    }
                )
                values = state[subject]
                for index, key in enumerate(keys):
                    if rng.random() < 0.08:
                        values[index] = rng.choice(RATINGS)
                    ratings.append({"report_id": report_id, "dimension": key, "rating": values[index]})
            if len(ratings) > 200_000:
                write(StatusReport, reports)
                write(StatusRating, ratings)
                reports, ratings = [], []
        write(StatusReport, reports)
        write(StatusRating, ratings)

        risks: list[dict[str, Any]] = []
        assessments: list[dict[str, Any]] = []
        measures: list[dict[str, Any]] = []
        for n in range(1, projects + 1, 5):
            risk_id = len(risks) + 1
            risks.append(
                {
                    "id": risk_id,
                    "project_id": n,
                    "description": f"Risiko {risk_id}: ressurser og leveranser",
                    "status": "open",
                    "opened": str(periods[0]),
                    "version": 1,
                }
            )
            for period in periods:
                assessments.append(
                    {
                        "risk_id": risk_id,
                        "period": str(period),
                        "probability": rng.randint(1, 5),
                        "consequence": rng.randint(1, 5),
                    }
                )
            for position in (1, 2):
                measures.append(
                    {
                        "risk_id": risk_id,
                        "text": f"Tiltak {position} for risiko {risk_id}",
                        "status": "open",
                        "position": position,
                        "version": 1,
                    }
                )
        write(Risk, risks)
        write(RiskAssessment, assessments)
        write(Measure, measures)
        write(
            Narrative,
            [
                {
                    "period": str(p),
                    "scope": "program",
                    "program_id": n,
                    "text": f"Programmet *Program {n}* går etter planen.",
                }
                for p in periods
                for n in range(1, program_count + 1)
            ],
        )
    counts.update(_milestones_and_benefits(engine, plugins, projects, periods, rng))
    if engine.dialect.name == "postgresql":
        from portfolio.backup import _reset_sequences
        from portfolio.schema import full_metadata

        with engine.begin() as connection:
            _reset_sequences(connection, list(full_metadata(None).sorted_tables))
    engine.dispose()
    counts.update(load_plugin_data(url))
    return counts


MILESTONE_EVERY = 20  # every 20th project has two milestones
BENEFIT_EVERY = 20  # and every 20th (another one) a benefit


def _milestones_and_benefits(
    engine: Any, plugins: Any, projects: int, periods: Sequence[Period], rng: random.Random
) -> dict[str, int]:
    """The milestones and gains plugins' rows for projects of the generated portfolio.

    Their demo data name the demo's own projects and cannot load here; without these rows their
    sections would report no data at every size and the report's figures would leave out their
    cost. Two milestones for every 20th project, forecast every month (some slip, some are
    reached), and a benefit for every 20th project with a value every month. The tables are
    taken from the loaded plugins' metadata; a plugin that is not installed is skipped.
    """
    from portfolio.schema import full_metadata

    tables = full_metadata(plugins).tables
    first, last = periods[0], periods[-1]
    counts: dict[str, int] = {}
    with engine.begin() as connection:

        def write(name: str, rows: list[dict[str, Any]]) -> None:
            _insert(connection, tables[name], rows, counts)

        if "milestones_milestone" in tables:
            milestones, forecasts = [], []
            for project in range(MILESTONE_EVERY, projects + 1, MILESTONE_EVERY):
                for position in (1, 2):
                    milestone_id = len(milestones) + 1
                    baseline = last.first_day + dt.timedelta(days=rng.randint(-200, 300))
                    milestones.append(
                        {
                            "id": milestone_id,
                            "project_id": project,
                            "key": f"M{position}",
                            "name": f"Milepæl {position} for prosjekt {project}",
                            "baseline": baseline,
                            "period": str(first),
                        }
                    )
                    forecast, actual = baseline, None
                    for period in periods:
                        if actual is None and rng.random() < 0.15:
                            forecast += dt.timedelta(days=rng.choice((7, 14, 30)))
                        if actual is None and forecast <= period.last_day:
                            actual = forecast
                        row = {"period": str(period), "milestone_id": milestone_id, "forecast": forecast}
                        forecasts.append({**row, "actual": actual})
            write("milestones_milestone", milestones)
            write("milestones_forecast", forecasts)
        if "gains_benefit" in tables:
            benefits, values = [], []
            for project in range(BENEFIT_EVERY // 2, projects + 1, BENEFIT_EVERY):
                benefit_id = len(benefits) + 1
                benefits.append(
                    {
                        "id": benefit_id,
                        "project_id": project,
                        "key": "B1",
                        "measure": f"Spart tid i prosjekt {project}",
                        "owner": f"Eier {project % 89}",
                        "unit": "timer",
                        "baseline": Decimal(0),
                        "target": Decimal(1000),
                        "target_date": last.last_day + dt.timedelta(days=365),
                        "period": str(first),
                    }
                )
                value = Decimal(0)
                for period in periods:
                    value += Decimal(rng.randint(0, 40))
                    values.append({"period": str(period), "benefit_id": benefit_id, "value": value})
            write("gains_benefit", benefits)
            write("gains_value", values)
    return counts


GENERATED_PLUGINS = ("milestones", "gains")  # their rows come from generate(), not their demos


def load_plugin_data(url: str) -> dict[str, int]:
    """Every section plugin's demo data (finance, services, HR and deviations over the seed's
    months up to January 2024), so that each section of the report has its tables to build.

    A plugin whose demo fails here is named in a warning and left out. The milestones' and the
    gains' demos are not asked: they name the demo's own projects, and `generate` writes those
    plugins' rows for the generated ones.
    """
    import os
    from unittest.mock import patch

    from portfolio.config import load_settings
    from portfolio.context import AppContext
    from portfolio.demo.sets import load_demo_sets
    from portfolio.plugins import DISABLE_ENV

    # Without the built-in plugin: the generated portfolio stands in for the core's demo data.
    disabled = ",".join(filter(None, [os.environ.get(DISABLE_ENV), *GENERATED_PLUGINS]))
    with patch.dict(os.environ, {DISABLE_ENV: disabled}):  # as the user's own switch does, for this load only
        app = AppContext(load_settings(), load_plugins(builtins=()), url, "benchmark")
    with app.writing() as session:
        loaded = load_demo_sets(session, app)
    return {f"{name} demo": 1 for name in loaded}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="database file or URL (must be empty)")
    parser.add_argument("--projects", type=int, default=1000)
    parser.add_argument("--months", type=int, default=24)
    args = parser.parse_args()
    url = args.db if "://" in args.db else f"sqlite:///{args.db}"
    counts = generate(url, args.projects, args.months)
    print(", ".join(f"{table}: {count}" for table, count in counts.items()))


if __name__ == "__main__":
    main()
