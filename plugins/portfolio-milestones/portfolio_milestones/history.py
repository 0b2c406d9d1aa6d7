"""Reading milestones as a month's report sees them: each milestone with its monthly forecasts up
to the month, and what follows from them (slip since baseline and since last month, the
tolerance in days, reached, missed or due).

Slips are whole days: the forecast (or the actual date once reached) minus the baseline, and
this month's forecast minus last month's. A month without a forecast of its own keeps the latest
one reported before it (``portfolio check`` names the gap).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal
from functools import cached_property
from typing import Literal

from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from portfolio.api import Period, Project, read_once
from portfolio_milestones.config import Tolerance
from portfolio_milestones.models import MilestonesForecast, MilestonesMilestone

State = Literal["open", "missed", "reached"]


@dataclass(frozen=True)
class Report:
    """One month's report of a milestone: the forecast date, and the actual date when reached."""

    forecast: dt.date
    actual: dt.date | None = None


@dataclass(frozen=True)
class MilestoneView:
    """A milestone and its reports up to the month read, oldest first."""

    id: int
    project: str
    key: str
    name: str
    baseline: dt.date
    first: Period
    own_tolerance: Tolerance | None
    reports: dict[Period, Report] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"{self.key} {self.name}"

    # The report asks each milestone for its date in every month of its trend chart, and the
    # evidence and the tables ask again: the months are sorted, and the month it was reached
    # found, once per milestone, not on every question (at 1,000 milestones that was seconds).
    @cached_property
    def _months(self) -> list[Period]:
        return sorted(self.reports)

    @cached_property
    def _first_reached(self) -> Period | None:
        return next((month for month in self._months if self.reports[month].actual is not None), None)

    def reached_in(self, period: Period) -> Period | None:
        """The month the milestone was reported reached in, if that is ``period`` or before."""
        reached = self._first_reached
        return reached if reached is not None and reached <= period else None

    def actual(self, period: Period) -> dt.date | None:
        month = self.reached_in(period)
        return None if month is None else self.reports[month].actual

    def latest(self, period: Period) -> tuple[Period, Report] | None:
        """The latest report in ``period`` or before it."""
        before = bisect_right(self._months, period)
        if before == 0:
            return None
        month = self._months[before - 1]
        return month, self.reports[month]

    def forecast(self, period: Period) -> dt.date | None:
        """The date as ``period`` sees it: the actual date once reached, else the latest forecast."""
        actual = self.actual(period)
        if actual is not None:
            return actual
        latest = self.latest(period)
        return None if latest is None else latest[1].forecast

    def slip(self, period: Period) -> int | None:
        """Days past the baseline (negative: ahead of it)."""
        date = self.forecast(period)
        return None if date is None else (date - self.baseline).days

    def slip_since_last_month(self, period: Period) -> int | None:
        """How many days the date moved since the month before; None without a date then."""
        before = period.previous()
        if self.reached_in(before) is not None or period < self.first:
            return None
        now, then = self.forecast(period), self.forecast(before)
        return None if now is None or then is None else (now - then).days

    def state(self, period: Period) -> State:
        if self.reached_in(period) is not None:
            return "reached"
        return "missed" if self.baseline <= period.last_day else "open"

    def is_open(self, period: Period) -> bool:
        return self.reached_in(period) is None

    def tolerance(self, default: Tolerance) -> Tolerance:
        return self.own_tolerance or default

    def tolerance_days(self, period: Period, default: Tolerance) -> int:
        """The tolerance in days for ``period``: a percentage is of the days left to the baseline."""
        tolerance = self.tolerance(default)
        if tolerance.days is not None:
            return tolerance.days
        remaining = max(0, (self.baseline - period.last_day).days)
        share = Decimal(remaining) * (tolerance.percent or Decimal(0)) / 100
        return int(share.to_integral_value(rounding=ROUND_FLOOR))

    def beyond_tolerance(self, period: Period, default: Tolerance) -> bool:
        """Open, and slipped past the baseline by more than its tolerance."""
        slip = self.slip(period)
        return self.is_open(period) and slip is not None and slip > self.tolerance_days(period, default)


def _tolerance(days: int | None, percent: Decimal | None) -> Tolerance | None:
    if days is not None:
        return Tolerance(days=days)
    if percent is not None:
        return Tolerance(percent=Decimal(percent))
    return None


def milestones_as_of(session: Session, period: Period, project: str | None = None) -> list[MilestoneView]:
    """Every milestone first reported in ``period`` or before, with its reports up to ``period``;
    ordered by project (as the portfolio lists them), baseline and key. Two queries, once per
    read-only session (a report's section, its evidence beside the matrix and the checks ask
    alike): the list is shared, so callers make new lists rather than change it.
    """
    return read_once(
        session, ("milestones", "as_of", str(period), project), lambda: _read_milestones(session, period, project)
    )


def _read_milestones(session: Session, period: Period, project: str | None) -> list[MilestoneView]:
    """The rows of :func:`milestones_as_of`, in two queries.

    Both read plain rows (an ORM object costs several times its row, and a large portfolio's
    report reads tens of thousands of forecasts), and the forecasts are chosen by a subquery of
    the milestones, not a list of their ids, which past some 32,000 (SQLite) or 65,000
    (PostgreSQL) ids the database refuses.
    """
    milestone, forecast = MilestonesMilestone, MilestonesForecast
    chosen = col(milestone.period) <= str(period)
    if project is not None:
        chosen = chosen & (col(Project.code) == project)
    on_project = col(Project.id) == col(milestone.project_id)
    rows = session.execute(
        sa_select(  # nine columns: sqlmodel's select is typed for at most four
            col(milestone.id),
            col(milestone.key),
            col(milestone.name),
            col(milestone.baseline),
            col(milestone.period),
            col(milestone.tolerance_days),
            col(milestone.tolerance_percent),
            col(Project.code),
            col(Project.position),
        )
        .join(Project, on_project)
        .where(chosen)
    ).all()
    if not rows:
        return []
    ids = select(col(milestone.id)).join(Project, on_project).where(chosen)
    reports: dict[int, dict[Period, Report]] = defaultdict(dict)
    for milestone_id, month, date, actual in session.execute(
        select(col(forecast.milestone_id), col(forecast.period), col(forecast.forecast), col(forecast.actual)).where(
            col(forecast.milestone_id).in_(ids), col(forecast.period) <= str(period)
        )
    ):
        reports[milestone_id][Period.parse(month)] = Report(date, actual)
    views = [
        (
            (position, code, baseline, key),
            MilestoneView(
                id=milestone_id,
                project=code,
                key=key,
                name=name,
                baseline=baseline,
                first=Period.parse(first),
                own_tolerance=_tolerance(days, percent),
                reports=dict(sorted(reports[milestone_id].items())),
            ),
        )
        for milestone_id, key, name, baseline, first, days, percent, code, position in rows
    ]
    return [view for _, view in sorted(views, key=lambda pair: pair[0])]


def shown(views: list[MilestoneView], period: Period) -> list[MilestoneView]:
    """The milestones a month's report lists: those still open and those reached in the month."""
    return [v for v in views if v.is_open(period) or v.reached_in(period) == period]
