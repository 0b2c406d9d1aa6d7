"""Status over time: one subject's months, or one dimension of the whole portfolio month by month."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import pairwise

from sqlmodel import Session

from portfolio.period import Period
from portfolio.ratings import Rating
from portfolio.services.month_scope import subjects_in_month
from portfolio.services.registry import ProgramRow, ProjectRow, program_rows, project_rows
from portfolio.services.status_matrix import CELLS, Cell, MatrixRow, effective_ratings
from portfolio.services.status_window import StatusWindow, window_for


def last_months(period: Period, count: int) -> list[Period]:
    """The ``count`` months ending with ``period``, oldest first."""
    return period.shift(1 - count).range_to(period)


@dataclass(frozen=True)
class GridRow:
    """One matrix row with its rating of one dimension in each month (programs rolled up)."""

    row: MatrixRow
    cells: tuple[Cell, ...]


def status_grid(
    session: Session, period: Period, dimension: str, months: int, window: StatusWindow | None = None
) -> tuple[list[Period], list[GridRow]]:
    """The rows of ``period``'s matrix with ``dimension`` in each of the last ``months`` months.

    Each cell's trend is against the month before it; the ratings come from ``window`` when it
    holds them (a report's shared read), else one query reads every month.
    """
    periods = last_months(period, months)
    read = [periods[0].previous(), *periods]
    window = window_for(session, period, read, [dimension], window, texts=False)
    all_projects = project_rows(session, include_closed=True)
    _own, _rolled, ratings = effective_ratings(window, read, [dimension], all_projects, only_these=True)
    scope = subjects_in_month(session, period)  # the rows of the month's matrix
    programs = [p for p in program_rows(session, include_closed=True) if scope.has("program", p.id)]
    projects = [p for p in all_projects if scope.has("project", p.id)]
    texts = [str(p) for p in [periods[0].previous(), *periods]]  # each month and, first, the one before
    nothing: dict[str, Rating] = {}

    def cells(kind: str, row_id: int | None) -> tuple[Cell, ...]:
        ids = row_id or 0
        values = [ratings.get((kind, ids, text), nothing).get(dimension) for text in texts]
        return tuple(CELLS[now, before] for before, now in pairwise(values))

    def project_row(project: ProjectRow, program: ProgramRow | None) -> GridRow:
        row = MatrixRow("project", project.code, project.number, project.name, program.code if program else None, {})
        return GridRow(row, cells("project", project.id))

    by_program: dict[int | None, list[ProjectRow]] = defaultdict(list)
    for project in projects:
        by_program[project.program_id].append(project)
    rows = [project_row(p, None) for p in by_program[None]]
    for program in programs:
        number = str(program.number) if program.number is not None else None
        rows.append(
            GridRow(MatrixRow("program", program.code, number, program.name, None, {}), cells("program", program.id))
        )
        rows.extend(project_row(p, program) for p in by_program[program.id])
    return periods, rows
