"""Free text per month: the portfolio's introduction, each program's, and the standalone projects'."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from portfolio.errors import PortfolioError
from portfolio.models import Narrative, Program
from portfolio.period import Period
from portfolio.services.month_texts import TextKind
from portfolio.services.registry import program_order

SCOPES = ("portfolio", "program", "standalone", "assessment")
ASSESSMENT = "assessment"  # the chief executive's assessment, section 1 of the report

# A narrative is found by its scope and program; the assessment is the month's one text of its scope.
NARRATIVE: TextKind[Narrative] = TextKind(Narrative, keys=("scope", "program_id"))
ASSESSMENT_TEXT: TextKind[Narrative] = TextKind(Narrative, fixed={"scope": ASSESSMENT, "program_id": None})


@dataclass(frozen=True)
class NarrativeView:
    """A month's narrative text and the scope it belongs to."""

    scope: str
    program_code: str | None
    program_name: str | None
    text: str


def set_narrative(
    session: Session, period: Period, text: str, *, program: Program | None = None, standalone: bool = False
) -> Narrative | None:
    """Store the text for one scope and month; empty text removes it."""
    if program is not None and standalone:
        raise PortfolioError("a narrative is for a program or for the standalone projects, not both")
    return NARRATIVE.save(session, period, text, **narrative_key(program, standalone))


def narrative_key(program: Program | None, standalone: bool) -> dict[str, object]:
    """The key columns of a narrative: its scope, and its program's id when it has one."""
    scope = "program" if program is not None else ("standalone" if standalone else "portfolio")
    return {"scope": scope, "program_id": program.id if program is not None else None}


def set_assessment(session: Session, period: Period, text: str) -> Narrative | None:
    """Store the chief executive's assessment for a month; empty text removes it."""
    return ASSESSMENT_TEXT.save(session, period, text)


def assessment_text(session: Session, period: Period) -> str | None:
    """The month's assessment, or None when it has none."""
    return ASSESSMENT_TEXT.read(session, period)


def narratives(session: Session, period: Period) -> list[NarrativeView]:
    """The month's texts in report order: portfolio, programs by number, then standalone projects."""
    rows = session.exec(select(Narrative).where(Narrative.period == str(period), Narrative.scope != ASSESSMENT)).all()
    programs = {p.id: p for p in session.exec(select(Program)).all()}
    order = {"portfolio": 0, "program": 1, "standalone": 2}

    def key(row: Narrative) -> tuple:
        program = programs.get(row.program_id) if row.program_id else None
        return (order[row.scope], program_order(program) if program else ())

    result = []
    for row in sorted(rows, key=key):
        program = programs.get(row.program_id) if row.program_id else None
        result.append(
            NarrativeView(row.scope, program.code if program else None, program.name if program else None, row.text)
        )
    return result
