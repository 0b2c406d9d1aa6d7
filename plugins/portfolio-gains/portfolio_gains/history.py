"""Reading benefits as a month's report sees them: each benefit with its realised values up to
the month, and what follows from them.

- **Realised** is the month's value, or the latest one reported before it when the month has
  none (``portfolio check`` names the gap); the baseline until a value is reported.
- **Realisation** is how far the realised value has come from the baseline towards the target, in
  percent: 0 at the baseline, 100 at the target (a target below the baseline works the same way).
- **Planned** is where the benefit should be on a straight line from 0 % at the end of its
  baseline month to 100 % on its target date, taken at the end of the month read (0-100).
- **Behind** is planned minus realisation, in percentage points.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property
from typing import NamedTuple

from sqlmodel import Session, col, select

from portfolio.api import Period, Program, Project, read_once
from portfolio_gains.models import GainsBenefit, GainsValue

ONE_DECIMAL = Decimal("0.1")
HUNDRED = Decimal(100)


def _round(value: Decimal) -> Decimal:
    return value.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def planned_share(first: Period, target_date: dt.date, day: dt.date) -> Decimal:
    """Percent of the way from baseline to target the plan expects on ``day``."""
    start = first.last_day
    if day <= start:
        return Decimal(0)
    if day >= target_date:
        return HUNDRED
    return _round(HUNDRED * (day - start).days / (target_date - start).days)


@dataclass(frozen=True)
class BenefitView:
    """A benefit and its values up to the month read, oldest first."""

    id: int
    subject: str  # the project's or program's code
    is_program: bool
    program: str | None  # the program it is reported under: its own, or its project's; None when standalone
    key: str
    measure: str
    owner: str
    unit: str
    baseline: Decimal
    target: Decimal
    target_date: dt.date
    first: Period
    values: dict[Period, Decimal] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"{self.subject} {self.key}"

    def value(self, period: Period) -> Decimal | None:
        """The realised value as of ``period``: its own, or the latest before it; the baseline
        when nothing is reported since the baseline month; None before the baseline month."""
        if period < self.first:
            return None
        before = bisect_right(self._months, period)
        return self.values[self._months[before - 1]] if before else self.baseline

    @cached_property
    def _months(self) -> list[Period]:
        """The months with a value, sorted once: the section, its evidence and the checks ask
        for a benefit's value in several months (a list scan each time cost a large report 0.2 s)."""
        return sorted(self.values)

    def change(self, period: Period) -> Decimal | None:
        """The realised value's change since last month, when both months have one."""
        now, before = self.value(period), self.value(period.previous())
        if now is None or before is None:
            return None
        return now - before

    def realisation(self, period: Period) -> Decimal | None:
        value = self.value(period)
        if value is None:
            return None
        return _round(HUNDRED * (value - self.baseline) / (self.target - self.baseline))

    def planned(self, period: Period) -> Decimal:
        return planned_share(self.first, self.target_date, period.last_day)

    def behind(self, period: Period) -> Decimal | None:
        """Percentage points the realisation lags the plan (negative: ahead); None without a value."""
        realised = self.realisation(period)
        return None if realised is None else self.planned(period) - realised

    def behind_beyond(self, period: Period, tolerance: Decimal) -> bool:
        lag = self.behind(period)
        return lag is not None and lag > tolerance


@dataclass(frozen=True)
class Group:
    """A program with its own and its projects' benefits, or the standalone projects (``code`` None)."""

    code: str | None
    name: str | None
    benefits: list[BenefitView]


class _Program(NamedTuple):
    id: int
    code: str
    number: int | None


class _Project(NamedTuple):
    id: int
    code: str
    program_id: int | None
    position: int


def benefits_as_of(session: Session, period: Period) -> list[BenefitView]:
    """Every benefit measured from ``period`` or before, programs first (by number), each program's
    own benefits before its projects', then the standalone projects; values up to ``period``.

    Read once per read-only session (a report's section, its evidence beside the matrix and the
    checks ask alike): the list is shared, so callers make new lists rather than change it.
    """
    return read_once(session, ("gains", "as_of", str(period)), lambda: _read_benefits(session, period))


def _read_benefits(session: Session, period: Period) -> list[BenefitView]:
    """The rows of :func:`benefits_as_of`."""
    # the fields the order and the subjects need, as rows: every project of a large portfolio is
    # read, and an ORM object each costs several times its row
    program_rows = session.exec(select(col(Program.id), col(Program.code), col(Program.number))).all()
    programs = {row[0]: _Program._make(row) for row in program_rows}
    project_rows = session.exec(
        select(col(Project.id), col(Project.code), col(Project.program_id), col(Project.position))
    ).all()
    projects = {row[0]: _Project._make(row) for row in project_rows}
    measured = col(GainsBenefit.period) <= str(period)
    rows = session.exec(select(GainsBenefit).where(measured)).all()
    values: dict[int, dict[Period, Decimal]] = {}
    if rows:
        # the benefits as a subquery, not a list of their ids: a list is a bound parameter an id,
        # and a statement takes at most 32,766 on SQLite (most builds) or 65,535 on PostgreSQL
        chosen = select(col(GainsBenefit.id)).where(measured)
        for benefit_id, month, value in session.execute(
            select(col(GainsValue.benefit_id), col(GainsValue.period), col(GainsValue.value)).where(
                col(GainsValue.benefit_id).in_(chosen), col(GainsValue.period) <= str(period)
            )
        ):  # as rows: a value a benefit a month
            values.setdefault(benefit_id, {})[Period.parse(month)] = Decimal(value)
    views = []
    for row in rows:
        if row.program_id is not None:
            program = programs[row.program_id]
            subject, program_code, order = program.code, program.code, (0, program.number or 0, program.code, 0, 0, "")
        else:
            project = projects[row.project_id]
            parent = programs.get(project.program_id) if project.program_id is not None else None
            subject = project.code
            if parent is not None:
                program_code = parent.code
                order = (0, parent.number or 0, parent.code, 1, project.position, project.code)
            else:
                program_code = None
                order = (1, 0, "", 1, project.position, project.code)
        view = BenefitView(
            id=row.id or 0,
            subject=subject,
            is_program=row.program_id is not None,
            program=program_code,
            key=row.key,
            measure=row.measure,
            owner=row.owner,
            unit=row.unit,
            baseline=Decimal(row.baseline),
            target=Decimal(row.target),
            target_date=row.target_date,
            first=Period.parse(row.period),
            values=dict(sorted(values.get(row.id or 0, {}).items())),
        )
        views.append((order, row.key, view))
    views.sort(key=lambda item: (item[0], item[1]))
    return [view for _order, _key, view in views]


def groups(session: Session, views: list[BenefitView]) -> list[Group]:
    """The views by program, in their order, the standalone projects last."""
    names = {p.code: p.name for p in session.exec(select(Program)).all()}
    found: dict[str | None, list[BenefitView]] = {}
    for view in views:
        found.setdefault(view.program, []).append(view)
    return [Group(code, names.get(code) if code else None, items) for code, items in found.items()]
