"""Loading the demo portfolio through the same services the CLI uses; running it twice changes nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from sqlmodel import Session, col, select

from portfolio.config import Settings
from portfolio.demo import portfolio_2024_01 as seed
from portfolio.models import Measure, Program, Project, Risk
from portfolio.period import Period
from portfolio.ratings import Rating
from portfolio.services.narratives import set_assessment, set_narrative
from portfolio.services.risks import add_measure, assess
from portfolio.services.statuses import StatusInput, set_status

DEMO_USER = "demo"
_LETTERS = {"G": Rating.GREEN, "Y": Rating.YELLOW, "R": Rating.RED, "N": Rating.NA}
# The seed's order of the six dimensions, by their default keys.
SEED_DIMENSIONS = ("scope", "finance", "resources", "schedule", "dependencies", "benefits")


def load_demo(session: Session, settings: Settings) -> None:
    programs = _programs(session)
    projects = _projects(session, programs)
    _statuses(session, settings, {**programs, **projects})
    _risks(session, projects)
    _narratives(session, programs)
    for code in seed.CLOSED_PROJECTS:
        projects[code].active = False
        session.add(projects[code])
    session.flush()


_Coded = TypeVar("_Coded", Program, Project)


def _upsert(session: Session, model: type[_Coded], code: str, **values: Any) -> _Coded:
    row = session.exec(select(model).where(col(model.code) == code)).first()
    if row is None:
        row = model(code=code, **values)
    for key, value in values.items():
        setattr(row, key, value)
    session.add(row)
    session.flush()
    return row


def _programs(session: Session) -> dict[str, Program]:
    return {
        code: _upsert(session, Program, code, number=number, name=name, owner=owner, active=True)
        for code, number, name, owner in seed.PROGRAMS
    }


def _projects(session: Session, programs: dict[str, Program]) -> dict[str, Project]:
    result = {}
    for position, (code, name, program, number, manager, phase) in enumerate(seed.PROJECTS, start=1):
        result[code] = _upsert(
            session,
            Project,
            code,
            name=name,
            program_id=programs[program].id if program else None,
            number=number,
            manager=manager,
            phase=phase,
            active=True,
            position=position,
        )
    return result


def _statuses(session: Session, settings: Settings, subjects: dict[str, Program | Project]) -> None:
    keys = settings.dimension_keys()
    for code, months in seed.STATUSES.items():
        for period_text, letters in zip(seed.PERIODS, months, strict=True):
            if letters is None:
                continue
            ratings = {
                key: _LETTERS[letter] for key, letter in zip(SEED_DIMENSIONS, letters, strict=True) if key in keys
            }
            comments = seed.STATUS_COMMENTS.get((code, period_text), {})
            set_status(
                session,
                subjects[code],
                Period.parse(period_text),
                StatusInput(
                    ratings,
                    {k: v for k, v in comments.items() if k in keys},
                    justification=seed.PROGRAM_JUSTIFICATIONS.get((code, period_text)),
                ),
                user=DEMO_USER,
                dimension_keys=keys,
                replace=True,
            )


def _risks(session: Session, projects: dict[str, Project]) -> None:
    for item in seed.RISKS:
        project = projects[item["project"]]
        assert project.id is not None  # _upsert flushed it
        assessments = item["assessments"]
        risk = session.exec(
            select(Risk).where(Risk.project_id == project.id, Risk.description == item["description"])
        ).first()
        if risk is None:
            risk = Risk(project_id=project.id, description=item["description"], opened=min(assessments))
        risk.owner, risk.status, risk.closed = item["owner"], "open", None
        session.add(risk)
        session.flush()
        for period_text, (probability, consequence) in assessments.items():
            residual = item.get("residual", {}).get(period_text)
            assess(
                session,
                risk,
                Period.parse(period_text),
                probability=probability,
                consequence=consequence,
                residual=residual,
            )
        for text, owner, due, status in item["measures"]:
            measure = session.exec(select(Measure).where(Measure.risk_id == risk.id, Measure.text == text)).first()
            due_date = dt.date.fromisoformat(due) if due else None
            if measure is None:
                add_measure(session, risk, text, owner=owner, due=due_date, status=status)
            else:
                measure.owner, measure.due, measure.status = owner, due_date, status
                session.add(measure)


def _narratives(session: Session, programs: dict[str, Program]) -> None:
    period = Period.parse(seed.NARRATIVE_PERIOD)
    set_assessment(session, period, "\n\n".join(seed.ASSESSMENT))
    for scope, paragraphs in seed.NARRATIVES.items():
        text = "\n\n".join(paragraphs)
        if scope == "portfolio":
            set_narrative(session, period, text)
        elif scope == "standalone":
            set_narrative(session, period, text, standalone=True)
        else:
            set_narrative(session, period, text, program=programs[scope])
