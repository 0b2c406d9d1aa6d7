"""The status matrix of one month: programs with their projects, every dimension with its trend."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from sqlmodel import Session

from portfolio.period import Period
from portfolio.ratings import Rating, Trend, trend
from portfolio.services.month_scope import subjects_in_month
from portfolio.services.registry import ProgramRow, ProjectRow, program_rows, project_rows
from portfolio.services.rollup import overrides, roll_up
from portfolio.services.status_window import RatingTable, StatusWindow, window_for


class Cell(NamedTuple):
    """A rating and its trend; a tuple, as a large matrix has many thousands of them."""

    rating: Rating | None
    trend: Trend | None


_TRENDS = {(now, before): trend(now, before) for now in [*Rating, None] for before in [*Rating, None]}
# every cell there can be, made once: a large matrix has tens of thousands of them
CELLS = {pair: Cell(pair[0], trend_) for pair, trend_ in _TRENDS.items()}


@dataclass(frozen=True)
class MatrixRow:
    """One line of the matrix; ``kind`` is 'program' or 'project'."""

    kind: str
    code: str
    number: str | None
    name: str
    program_code: str | None
    cells: dict[str, Cell]
    # A program's: its projects' roll-up, the dimensions it rated itself, and why it differs.
    rollup: dict[str, Rating] = field(default_factory=dict)
    own: frozenset[str] = frozenset()
    justification: str | None = None

    def overridden(self) -> list[str]:
        """The dimensions where a program's own rating contradicts its projects' roll-up."""
        return [
            key for key in self.cells if key in self.own and overrides(self.cells[key].rating, self.rollup.get(key))
        ]

    def label(self, program_word: str = "Program") -> str:
        """The row's title as the seed prints it: '1. Name – Program', '1.1 Name' or 'Name'."""
        if self.kind == "program":
            prefix = f"{self.number}. " if self.number else ""
            return f"{prefix}{self.name} – {program_word}"
        return f"{self.number} {self.name}" if self.number else self.name


def rollups(
    ratings: Mapping[tuple[str, int, str], Mapping[str, Rating]],
    members: Mapping[int, Sequence[int]],
    periods: Sequence[Period],
    dimension_keys: Sequence[str],
) -> RatingTable:
    """('program', id, period) -> the worst of its projects' ratings, for every month given."""
    result: RatingTable = {}
    for program_id, project_ids in members.items():
        for month in map(str, periods):
            reported = [ratings[key] for pid in project_ids if (key := ("project", pid, month)) in ratings]
            if not reported:
                continue
            rolled = {k: r for k in dimension_keys if (r := roll_up(x.get(k) for x in reported)) is not None}
            if rolled:
                result[("program", program_id, month)] = rolled
    return result


def effective_ratings(
    window: StatusWindow,
    periods: Sequence[Period],
    dimension_keys: Sequence[str],
    projects: Sequence[ProjectRow],
    *,
    only_these: bool = False,
) -> tuple[RatingTable, RatingTable, RatingTable]:
    """(own, roll-up, effective) ratings of the months: a program's own rating wins over the roll-up.

    ``only_these`` takes only the given dimensions' rows, e.g. one dimension over many months.
    """
    own = window.ratings(periods, dimension_keys if only_these else None)
    members: dict[int, list[int]] = defaultdict(list)
    for project in projects:
        if project.program_id is not None and project.id is not None:
            members[project.program_id].append(project.id)
    rolled = rollups(own, members, periods, dimension_keys)
    effective: RatingTable = dict(own)
    for key, values in rolled.items():
        effective[key] = {**values, **own.get(key, {})}
    return own, rolled, effective


def status_matrix(
    session: Session, period: Period, dimension_keys: Sequence[str], window: StatusWindow | None = None
) -> list[MatrixRow]:
    """Standalone projects first, then each program followed by its projects, as in the seed.

    A program's dimension it did not rate itself is its projects' roll-up (the worst of them).
    The ratings come from ``window`` when it holds the month and the one before (a report's
    shared read), else they are read now.
    """
    previous = period.previous()
    month, month_before = str(period), str(previous)
    window = window_for(session, period, [previous, period], None, window, texts=False)
    all_projects = project_rows(session, include_closed=True)
    own, rolled, ratings = effective_ratings(window, [period, previous], dimension_keys, all_projects)
    justifications = window.justifications()
    scope = subjects_in_month(session, period)
    programs = [p for p in program_rows(session, include_closed=True) if scope.has("program", p.id)]
    projects = [p for p in all_projects if scope.has("project", p.id)]
    nothing: dict[str, Rating] = {}

    def cells(kind: str, row_id: int | None) -> dict[str, Cell]:
        now = ratings.get((kind, row_id or 0, month), nothing)
        before = ratings.get((kind, row_id or 0, month_before), nothing)
        return {key: CELLS[now.get(key), before.get(key)] for key in dimension_keys}

    def project_row(project: ProjectRow, program: ProgramRow | None) -> MatrixRow:
        return MatrixRow(
            "project",
            project.code,
            project.number,
            project.name,
            program.code if program else None,
            cells("project", project.id),
        )

    by_program: dict[int | None, list[ProjectRow]] = defaultdict(list)
    for project in projects:
        by_program[project.program_id].append(project)
    rows = [project_row(p, None) for p in by_program[None]]
    for program in programs:
        rows.append(
            MatrixRow(
                "program",
                program.code,
                str(program.number) if program.number is not None else None,
                program.name,
                None,
                cells("program", program.id),
                rolled.get(("program", program.id or 0, month), {}),
                frozenset(own.get(("program", program.id or 0, month), {})),
                justifications.get(program.id or 0),
            )
        )
        rows.extend(project_row(p, program) for p in by_program[program.id])
    return rows
