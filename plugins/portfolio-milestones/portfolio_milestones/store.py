"""Writing milestones: add, edit, a month's forecast, the date reached. Each write that belongs
to a month is refused when that month is closed (``ensure_open``); a milestone's name, baseline
and tolerance show in every report from its first month, so they are edited only while that
month is open.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from sqlmodel import Session, col, select

from portfolio.api import ConflictError, NotFoundError, Period, PortfolioError, ensure_open, get_project, suggestion
from portfolio_milestones.config import Tolerance
from portfolio_milestones.models import KEY_LENGTH, MilestonesForecast, MilestonesMilestone

_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
UNSET = object()  # an option not given: keep what is stored


def check_key(key: str) -> str:
    key = key.strip()
    if not _KEY.match(key) or len(key) > KEY_LENGTH:
        raise PortfolioError(
            f"milestone key '{key}' must be 1-{KEY_LENGTH} letters, digits, '.', '_' or '-', "
            "starting with a letter or digit"
        )
    return key


def check_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise PortfolioError("a milestone needs a name")
    return name


def find(session: Session, project: str, key: str) -> MilestonesMilestone:
    """The milestone ``key`` of ``project``, or a NotFoundError suggesting the nearest key."""
    row = get_project(session, project)
    milestone = session.exec(
        select(MilestonesMilestone).where(
            col(MilestonesMilestone.project_id) == row.id, col(MilestonesMilestone.key) == key
        )
    ).first()
    if milestone is None:
        known = session.exec(select(MilestonesMilestone.key).where(col(MilestonesMilestone.project_id) == row.id)).all()
        raise NotFoundError(f"project {project} has no milestone '{key}'{suggestion(key, known)}")
    return milestone


def _tolerance_columns(tolerance: Tolerance | None) -> dict[str, Any]:
    if tolerance is None:
        return {"tolerance_days": None, "tolerance_percent": None}
    return {"tolerance_days": tolerance.days, "tolerance_percent": tolerance.percent}


def add(
    session: Session,
    project: str,
    key: str,
    name: str,
    baseline: dt.date,
    period: Period,
    tolerance: Tolerance | None = None,
    forecast: dt.date | None = None,
) -> MilestonesMilestone:
    """A new milestone first reported in ``period``, with that month's forecast (the baseline
    unless another date is given)."""
    key, name = check_key(key), check_name(name)
    ensure_open(session, period)
    row = get_project(session, project)
    exists = session.exec(
        select(MilestonesMilestone).where(
            col(MilestonesMilestone.project_id) == row.id, col(MilestonesMilestone.key) == key
        )
    ).first()
    if exists is not None:
        raise ConflictError(
            f"project {project} already has a milestone '{key}'; change it with 'portfolio milestone edit'"
        )
    milestone = MilestonesMilestone(
        project_id=row.id or 0,
        key=key,
        name=name,
        baseline=baseline,
        period=str(period),
        **_tolerance_columns(tolerance),
    )
    session.add(milestone)
    session.flush()
    session.add(MilestonesForecast(period=str(period), milestone_id=milestone.id or 0, forecast=forecast or baseline))
    session.flush()
    return milestone


def edit(
    session: Session,
    milestone: MilestonesMilestone,
    *,
    name: str | None = None,
    baseline: dt.date | None = None,
    tolerance: object = UNSET,
) -> None:
    """Change a milestone's name, baseline or tolerance (None: back to the default)."""
    ensure_open(session, Period.parse(milestone.period))
    if name is not None:
        milestone.name = check_name(name)
    if baseline is not None:
        milestone.baseline = baseline
    if tolerance is not UNSET:
        for column, value in _tolerance_columns(tolerance).items():  # type: ignore[arg-type]
            setattr(milestone, column, value)
    session.add(milestone)
    session.flush()


def _reports(session: Session, milestone: MilestonesMilestone) -> list[MilestonesForecast]:
    return list(
        session.exec(
            select(MilestonesForecast)
            .where(col(MilestonesForecast.milestone_id) == milestone.id)
            .order_by(col(MilestonesForecast.period))
        ).all()
    )


def _label(session: Session, milestone: MilestonesMilestone) -> str:
    from portfolio.api import Project

    project = session.get(Project, milestone.project_id)
    return f"{project.code if project else milestone.project_id} {milestone.key}"


def _check_month(session: Session, milestone: MilestonesMilestone, period: Period) -> None:
    ensure_open(session, period)
    first = Period.parse(milestone.period)
    if period < first:
        raise PortfolioError(f"{_label(session, milestone)} is reported from {first}; {period} is before it")
    for report in _reports(session, milestone):
        if report.actual is not None and Period.parse(report.period) < period:
            raise ConflictError(
                f"{_label(session, milestone)} was reached on {report.actual.isoformat()} "
                f"(reported in {report.period}); it has no forecast after that"
            )


def set_forecast(session: Session, milestone: MilestonesMilestone, period: Period, forecast: dt.date) -> None:
    """The month's forecast date; it replaces what the month had (a date reached included)."""
    _check_month(session, milestone, period)
    _put(session, milestone, period, forecast, None)


def reach(session: Session, milestone: MilestonesMilestone, period: Period, actual: dt.date) -> None:
    """The milestone was reached on ``actual``, reported in ``period`` (not after its last day)."""
    if actual > period.last_day:
        raise PortfolioError(
            f"date reached {actual.isoformat()} is after {period}; it cannot be reported as reached then"
        )
    _check_month(session, milestone, period)
    later = [r.period for r in _reports(session, milestone) if Period.parse(r.period) > period]
    if later:
        raise ConflictError(
            f"{_label(session, milestone)} has forecasts after {period} ({', '.join(later)}); "
            f"report it reached in the latest month"
        )
    _put(session, milestone, period, actual, actual)


def _put(
    session: Session, milestone: MilestonesMilestone, period: Period, forecast: dt.date, actual: dt.date | None
) -> None:
    row = session.get(MilestonesForecast, (str(period), milestone.id))
    if row is None:
        row = MilestonesForecast(period=str(period), milestone_id=milestone.id or 0, forecast=forecast)
    row.forecast, row.actual = forecast, actual
    session.add(row)
    session.flush()
