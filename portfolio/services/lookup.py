"""Finding rows by code, with a 'did you mean' for typos."""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlmodel import Session, select

from portfolio.errors import NotFoundError, PortfolioError
from portfolio.models import Program, Project

CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$")


def check_code(code: str) -> str:
    """A code is 1-32 letters, digits, '.', '_' or '-', starting with a letter or digit."""
    if not CODE_PATTERN.match(code):
        raise PortfolioError(f"'{code}' is not a valid code; use 1-32 letters, digits, '.', '_' or '-'")
    return code


def suggestion(code: str, candidates: Iterable[str]) -> str:
    """'; did you mean X?' for the closest known code, ignoring case, or ''.

    A code the typed text begins (IAM for IAM2) is closest; otherwise difflib's best match.
    """
    by_lower = {c.lower(): c for c in candidates}
    typed = code.lower()
    started = sorted((c for c in by_lower if typed and c.startswith(typed) and c != typed), key=lambda c: (len(c), c))
    import difflib  # here: only a code not found needs it

    close = started[:1] or difflib.get_close_matches(typed, list(by_lower), n=1, cutoff=0.6)
    return f"; did you mean {by_lower[close[0]]}?" if close else ""


def get_program(session: Session, code: str) -> Program:
    program = session.exec(select(Program).where(Program.code == code)).first()
    if program is None:
        known = session.exec(select(Program.code)).all()
        raise NotFoundError(f"no program '{code}'{suggestion(code, known)}")
    return program


def get_project(session: Session, code: str) -> Project:
    project = session.exec(select(Project).where(Project.code == code)).first()
    if project is None:
        known = session.exec(select(Project.code)).all()
        raise NotFoundError(f"no project '{code}'{suggestion(code, known)}")
    return project


def get_subject(session: Session, code: str) -> Project | Program:
    """A project or a program by code; codes are unique across both."""
    project = session.exec(select(Project).where(Project.code == code)).first()
    if project is not None:
        return project
    program = session.exec(select(Program).where(Program.code == code)).first()
    if program is not None:
        return program
    known = [*session.exec(select(Project.code)).all(), *session.exec(select(Program.code)).all()]
    raise NotFoundError(f"no project or program '{code}'{suggestion(code, known)}")


def code_in_use(session: Session, code: str) -> bool:
    """True when a project or a program already has this code (codes are shared)."""
    return (
        session.exec(select(Project.id).where(Project.code == code)).first() is not None
        or session.exec(select(Program.id).where(Program.code == code)).first() is not None
    )
