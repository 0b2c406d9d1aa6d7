"""What changed between two months: ratings, risks, measures and the report's key figures.

Ratings, risks and measures come from the core's tables; figures from both months' reports: the
KeyFigures blocks, matched by each figure's key (or its section and label when it has none), and
the numbers in the section plugins' tables, matched by table, row and column.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlmodel import Session

    from portfolio.context import AppContext
    from portfolio.period import Period
    from portfolio.report.blocks import Report, Table
    from portfolio.risk_zones import RiskMatrix
    from portfolio.services.risks import RiskView

KINDS = ("rating", "risk", "measure", "figure")


@dataclass(frozen=True)
class Change:
    """One thing that differs: ``before`` and ``after`` are None where it did not exist."""

    kind: str  # rating, risk, measure, figure
    subject: str  # a project or program code, or a report section's key for figures
    item: str  # the dimension, the risk, the measure or the figure
    before: Any
    after: Any


def rating_changes(session: Session, before: Period, after: Period, dimensions: Iterable[str]) -> list[Change]:
    """Every stored rating that differs, appeared or went away, per subject and dimension."""
    from sqlalchemy import select
    from sqlmodel import col

    from portfolio.models import Program, Project, StatusRating, StatusReport

    query = (
        select(
            col(StatusReport.period),
            col(Project.code),
            col(Program.code),
            col(StatusRating.dimension),
            col(StatusRating.rating),
        )
        .join(StatusRating, col(StatusRating.report_id) == col(StatusReport.id))
        .outerjoin(Project, col(Project.id) == col(StatusReport.project_id))
        .outerjoin(Program, col(Program.id) == col(StatusReport.program_id))
        .where(col(StatusReport.period).in_([str(before), str(after)]))
    )
    ratings: dict[tuple[str, str], dict[str, str]] = {}
    for period, project, program, dimension, rating in session.connection().execute(query):
        ratings.setdefault((project or program, dimension), {})[period] = rating
    order = {key: index for index, key in enumerate(dimensions)}
    changes = []
    for (subject, dimension), by_period in sorted(
        ratings.items(), key=lambda item: (item[0][0], order.get(item[0][1], len(order)), item[0][1])
    ):
        old, new = by_period.get(str(before)), by_period.get(str(after))
        if old != new:
            changes.append(Change("rating", subject, dimension, old, new))
    return changes


def _assessment(view: RiskView) -> str | None:
    if view.probability is None:
        return None
    zone = view.zone.value if view.zone is not None and hasattr(view.zone, "value") else view.zone
    return f"P{view.probability} C{view.consequence} {zone}"


def risk_changes(session: Session, before: Period, after: Period, matrix: RiskMatrix) -> list[Change]:
    """Risks opened or closed between the months, and risks whose assessment or zone moved.

    Measures are listed with the risks they belong to: a measure is new when its risk is, gone when
    its risk is, and falls due when its due date passed between the two months while still open.
    """
    from portfolio.services.risks import risk_views

    # stored rows: an id is never None (SQLModel's int | None is for unsaved objects)
    old = {v.risk.id or 0: v for v in risk_views(session, before, matrix)}
    new = {v.risk.id or 0: v for v in risk_views(session, after, matrix)}
    changes: list[Change] = []
    measures: list[Change] = []
    for risk_id in sorted(old.keys() | new.keys()):
        view = new.get(risk_id) or old[risk_id]
        item = f"#{risk_id} {_short(view.risk.description)}"
        was, now = (
            (_assessment(old[risk_id]) if risk_id in old else None),
            (_assessment(new[risk_id]) if risk_id in new else None),
        )
        if risk_id not in old:
            changes.append(Change("risk", view.project_code, item, None, now or "open"))
        elif risk_id not in new:
            changes.append(Change("risk", view.project_code, item, was or "open", None))
        elif was != now:
            changes.append(Change("risk", view.project_code, item, was, now))
        old_measures = {m.id or 0: m for m in old[risk_id].measures} if risk_id in old else {}
        new_measures = {m.id or 0: m for m in new[risk_id].measures} if risk_id in new else {}
        for measure_id in sorted(old_measures.keys() | new_measures.keys()):
            measure = new_measures.get(measure_id) or old_measures[measure_id]
            label = f"#{risk_id}.{measure_id} {_short(measure.text)}"
            if measure_id not in old_measures:
                measures.append(Change("measure", view.project_code, label, None, measure.status))
            elif measure_id not in new_measures:
                measures.append(Change("measure", view.project_code, label, measure.status, None))
            elif (
                measure.status == "open" and measure.due is not None and before.last_day < measure.due <= after.last_day
            ):
                measures.append(Change("measure", view.project_code, label, f"due {measure.due}", "overdue"))
    return changes + measures


def _short(text: str, width: int = 60) -> str:
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1] + "…"


def figure_values(report: Report) -> dict[tuple[str, str], tuple[str, Any]]:
    """(section, key) -> (label, value) for every key figure in the report."""
    from portfolio.report.blocks import KeyFigures

    values: dict[tuple[str, str], tuple[str, Any]] = {}
    for section in report.sections:
        for block in section.blocks:
            if isinstance(block, KeyFigures):
                for figure in block.figures:
                    values[(section.key, figure.key or figure.label)] = (figure.label, figure.value)
    return values


CORE_SECTION = "portfolio"  # its tables are ratings and risks, which the stored data compares
NUMERIC_KINDS = ("integer", "amount", "decimal", "percent")


def table_values(report: Report) -> tuple[dict[tuple[str, str], tuple[str, Any]], set[tuple[str, str]]]:
    """The numbers in the section plugins' tables (finance's lines, sick leave, AML breaches, open
    deviations, support and order figures) as (section, key) -> (label, value), and the columns
    each month's tables have, as (section, column id).

    A cell is keyed by its table's place in the section, its row's label and its column: the
    column's heading when the table's headings are all different (a series of dates or months, so
    the same date compares with the same date), else its key (Faktisk under this month and under
    the year to date). The label reads 'row: column'.
    """
    from portfolio.report.blocks import Table

    values: dict[tuple[str, str], tuple[str, Any]] = {}
    columns: set[tuple[str, str]] = set()
    for section in report.sections:
        if section.key == CORE_SECTION:
            continue
        tables = [block for block in section.blocks if isinstance(block, Table)]
        for number, table in enumerate(tables, start=1):
            labels = [column.label for column in table.columns]
            by_label = len(set(labels)) == len(labels)
            headings = _headings(table)
            ids = [f"table {number}: {c.label if by_label else c.key}" for c in table.columns]
            columns.update((section.key, column_id) for column_id in ids)
            latest = _latest_column(table) if by_label else None
            if latest is not None:  # a series: its newest column against the other month's newest
                columns.add((section.key, f"table {number}: latest"))
            for row in table.rows:
                label = row.cells[0] if row.cells and isinstance(row.cells[0], str) else None
                if not label:
                    continue
                for column, column_id, heading, cell in zip(table.columns, ids, headings, row.cells, strict=False):
                    if column.kind in NUMERIC_KINDS and cell is not None and not isinstance(cell, str):
                        values[(section.key, f"{column_id}: {label}")] = (f"{label}: {heading}", cell)
                if latest is not None and isinstance(row.cells[latest], int | Decimal):
                    heading = headings[latest]
                    values[(section.key, f"table {number}: latest: {label}")] = (
                        f"{label}: {heading}",
                        row.cells[latest],
                    )
    return values, columns


def _latest_column(table: Table) -> int | None:
    """The last numeric column of a table whose columns are a series (dates or months), if any."""
    numeric = [index for index, column in enumerate(table.columns) if column.kind in NUMERIC_KINDS]
    return numeric[-1] if len(numeric) > 1 else None


def _headings(table: Table) -> list[str]:
    """Each column's heading with the group above it: 'Hittil i år Faktisk', not just 'Faktisk'."""
    above: list[str] = []
    for group in table.groups:
        above += [group.label] * group.span
    above += [""] * (len(table.columns) - len(above))
    return [f"{group} {column.label}".strip() for group, column in zip(above, table.columns, strict=False)]


def figure_changes(before: Report, after: Report) -> list[Change]:
    old_tables, old_columns = table_values(before)
    new_tables, new_columns = table_values(after)
    changes = _changes(figure_values(before), figure_values(after))
    # a table cell counts where its column is in both months: not a date the other month's series lacks
    both = old_columns & new_columns
    old = {k: v for k, v in old_tables.items() if (k[0], k[1].rsplit(": ", 1)[0]) in both}
    new = {k: v for k, v in new_tables.items() if (k[0], k[1].rsplit(": ", 1)[0]) in both}
    return changes + _changes(old, new)


def _changes(old: dict[tuple[str, str], tuple[str, Any]], new: dict[tuple[str, str], tuple[str, Any]]) -> list[Change]:
    changes = []
    for key in sorted(old.keys() | new.keys()):
        was, now = old.get(key), new.get(key)
        if was is None or now is None or was[1] != now[1]:
            label = (now or was)[0]  # type: ignore[index]
            changes.append(Change("figure", key[0], label, was[1] if was else None, now[1] if now else None))
    return changes


def changes_between(app: AppContext, session: Session, before: Period, after: Period, lang: str) -> list[Change]:
    """Everything that changed from ``before`` to ``after``, ratings first, then risks, measures, figures."""
    from portfolio.report.archive import report_for

    settings = app.settings
    result = rating_changes(session, before, after, settings.dimension_keys())
    risks = risk_changes(session, before, after, settings.risk_matrix)
    result += [c for c in risks if c.kind == "risk"] + [c for c in risks if c.kind == "measure"]
    # a closed month's: archived; an open month's without its fingerprint, which no figure needs
    reports = [report_for(app, session, period, lang, fingerprint=False) for period in (before, after)]
    return result + figure_changes(*reports)
