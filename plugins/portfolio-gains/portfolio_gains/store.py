"""Writing benefits: add, edit and a month's realised value. Each write that belongs to a month
is refused when that month is closed (``ensure_open``); a benefit's owner, measure, baseline and
target show in every report from its baseline month, so they are edited only while that month is
open.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from sqlalchemy import ColumnElement
from sqlmodel import Session, col, select

from portfolio.api import (
    ConflictError,
    NotFoundError,
    Period,
    PortfolioError,
    Program,
    Project,
    ensure_open,
    get_subject,
    suggestion,
)
from portfolio_gains.models import KEY_LENGTH, GainsBenefit, GainsValue

_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
UNIT_LENGTH = 32
LIMIT = Decimal("1e14")  # the columns hold 14 digits before the point


def check_key(key: str) -> str:
    key = key.strip()
    if not _KEY.match(key) or len(key) > KEY_LENGTH:
        raise PortfolioError(
            f"benefit key '{key}' must be 1-{KEY_LENGTH} letters, digits, '.', '_' or '-', "
            "starting with a letter or digit"
        )
    return key


def check_text(what: str, text: str, length: int | None = None) -> str:
    text = text.strip()
    if not text:
        raise PortfolioError(f"a benefit needs {what}")
    if length is not None and len(text) > length:
        raise PortfolioError(f"{what} '{text}' is longer than {length} characters")
    return text


def check_value(what: str, value: Decimal) -> Decimal:
    if not value.is_finite() or abs(value) >= LIMIT:
        raise PortfolioError(f"{what} '{value}' must be a number below {LIMIT:,.0f}")
    return value.quantize(Decimal("0.0001"))


def plain(value: Decimal) -> Decimal:
    """12.5000 -> 12.5, 20.0000 -> 20 (never 2E+1)."""
    normal = value.normalize()
    return normal.quantize(Decimal(1)) if normal == normal.to_integral() else normal


def check_plan(baseline: Decimal, target: Decimal, target_date: dt.date, period: Period) -> None:
    if target == baseline:
        raise PortfolioError(f"target {plain(target)} equals the baseline; a benefit must move the measure")
    if target_date <= period.last_day:
        raise PortfolioError(
            f"target date {target_date.isoformat()} must be after the baseline month {period} (after "
            f"{period.last_day.isoformat()})"
        )


def subject_of(benefit: GainsBenefit, session: Session) -> str:
    if benefit.project_id is not None:
        project = session.get(Project, benefit.project_id)
        return project.code if project else str(benefit.project_id)
    program = session.get(Program, benefit.program_id)
    return program.code if program else str(benefit.program_id)


def _where(subject: Project | Program) -> ColumnElement[bool]:
    if isinstance(subject, Project):
        return col(GainsBenefit.project_id) == subject.id
    return col(GainsBenefit.program_id) == subject.id


def find(session: Session, code: str, key: str) -> GainsBenefit:
    """The benefit ``key`` of project or program ``code``, or a NotFoundError suggesting the nearest key."""
    subject = get_subject(session, code)
    benefit = session.exec(select(GainsBenefit).where(_where(subject), col(GainsBenefit.key) == key)).first()
    if benefit is None:
        known = session.exec(select(GainsBenefit.key).where(_where(subject))).all()
        raise NotFoundError(f"{code} has no benefit '{key}'{suggestion(key, known)}")
    return benefit


def add(
    session: Session,
    code: str,
    key: str,
    *,
    measure: str,
    owner: str,
    unit: str,
    baseline: Decimal,
    target: Decimal,
    target_date: dt.date,
    period: Period,
) -> GainsBenefit:
    """A new benefit of a project or a program, measured from ``period`` (its baseline month)."""
    key = check_key(key)
    measure, owner = check_text("a measure", measure), check_text("an owner", owner)
    unit = check_text("a unit", unit, UNIT_LENGTH)
    baseline, target = check_value("baseline", baseline), check_value("target", target)
    check_plan(baseline, target, target_date, period)
    ensure_open(session, period)
    subject = get_subject(session, code)
    exists = session.exec(select(GainsBenefit).where(_where(subject), col(GainsBenefit.key) == key)).first()
    if exists is not None:
        raise ConflictError(f"{code} already has a benefit '{key}'; change it with 'portfolio gain edit'")
    benefit = GainsBenefit(
        project_id=subject.id if isinstance(subject, Project) else None,
        program_id=subject.id if isinstance(subject, Program) else None,
        key=key,
        measure=measure,
        owner=owner,
        unit=unit,
        baseline=baseline,
        target=target,
        target_date=target_date,
        period=str(period),
    )
    session.add(benefit)
    session.flush()
    return benefit


def edit(
    session: Session,
    benefit: GainsBenefit,
    *,
    measure: str | None = None,
    owner: str | None = None,
    unit: str | None = None,
    baseline: Decimal | None = None,
    target: Decimal | None = None,
    target_date: dt.date | None = None,
) -> None:
    """Change what is given; the baseline month must be open."""
    first = Period.parse(benefit.period)
    ensure_open(session, first)
    new_baseline = check_value("baseline", baseline) if baseline is not None else benefit.baseline
    new_target = check_value("target", target) if target is not None else benefit.target
    check_plan(new_baseline, new_target, target_date or benefit.target_date, first)
    if measure is not None:
        benefit.measure = check_text("a measure", measure)
    if owner is not None:
        benefit.owner = check_text("an owner", owner)
    if unit is not None:
        benefit.unit = check_text("a unit", unit, UNIT_LENGTH)
    benefit.baseline, benefit.target = new_baseline, new_target
    if target_date is not None:
        benefit.target_date = target_date
    session.add(benefit)
    session.flush()


def set_value(session: Session, benefit: GainsBenefit, period: Period, value: Decimal) -> None:
    """The month's realised value; it replaces what the month had."""
    value = check_value("value", value)
    ensure_open(session, period)
    first = Period.parse(benefit.period)
    if period < first:
        raise PortfolioError(
            f"{subject_of(benefit, session)} {benefit.key} is measured from {first}; {period} is before it"
        )
    row = session.get(GainsValue, (str(period), benefit.id))
    if row is None:
        row = GainsValue(period=str(period), benefit_id=benefit.id or 0, value=value)
    row.value = value
    session.add(row)
    session.flush()
