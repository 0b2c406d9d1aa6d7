"""Programs and projects: adding, editing, closing and listing them in report order."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy import case, func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from portfolio.database import streamed
from portfolio.errors import ConflictError, PortfolioError
from portfolio.models import Program, Project
from portfolio.read_once import read_once
from portfolio.services.lookup import check_code, code_in_use, get_program

if TYPE_CHECKING:
    from sqlalchemy import Row

PROJECT_NUMBER = re.compile(r"^\d+(\.\d+)*$")


def _ensure_new_code(session: Session, code: str) -> None:
    check_code(code)
    if code_in_use(session, code):
        raise ConflictError(f"code '{code}' is already used by a project or program")


def add_program(
    session: Session,
    code: str,
    name: str,
    *,
    number: int | None = None,
    owner: str | None = None,
    owner_login: str | None = None,
) -> Program:
    _ensure_new_code(session, code)
    if number is not None:
        _ensure_free_program_number(session, number)
    program = Program(
        code=code, name=_required(name, "name"), number=number, owner=owner, manager_login=manager_login(owner_login)
    )
    session.add(program)
    session.flush()
    return program


def _ensure_free_program_number(session: Session, number: int, *, except_id: int | None = None) -> None:
    if number < 1:
        raise PortfolioError(f"program number {number} must be 1 or more")
    clash = session.exec(select(Program).where(Program.number == number)).first()
    if clash is not None and clash.id != except_id:
        raise ConflictError(f"program number {number} is already used by {clash.code}")


def edit_program(session: Session, program: Program, **changes: object) -> Program:
    if changes.get("number") is not None:
        _ensure_free_program_number(session, int(changes["number"]), except_id=program.id)  # type: ignore[call-overload]
    if "name" in changes and changes["name"] is not None:
        changes["name"] = _required(str(changes["name"]), "name")
    login = changes.pop("owner_login", None)
    if login is not None:
        program.manager_login = manager_login(str(login))
    _apply(program, changes)
    session.add(program)
    session.flush()
    return program


def program_order(program: Program | ProgramRow | Row) -> tuple:
    """Report order of programs: by number, then the unnumbered ones by code."""
    return (program.number is None, program.number or 0, program.code.lower())


def list_programs(session: Session, *, include_closed: bool = False) -> list[Program]:
    query = select(Program)
    if not include_closed:
        query = query.where(Program.active == True)  # noqa: E712
    programs = session.exec(query).all()
    return sorted(programs, key=program_order)


@dataclass(frozen=True)
class ProjectFields:
    """The optional fields of a project, as given on the command line."""

    number: str | None = None
    program: str | None = None
    manager: str | None = None
    phase: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    manager_login: str | None = None  # "" unlinks


LOGIN_LENGTH = 63  # PostgreSQL's longest role name


def manager_login(value: str | None) -> str | None:
    """A manager's database login as given: an empty one unlinks (None); one PostgreSQL could not
    name is refused in one line."""
    if value is None or not value.strip():
        return None
    login = value.strip()
    if len(login) > LOGIN_LENGTH or any(ord(c) < 32 for c in login):
        raise PortfolioError(
            f"login '{login[:20]}' is not a database login; at most {LOGIN_LENGTH} characters, no control characters"
        )
    return login


def add_project(session: Session, code: str, name: str, fields: ProjectFields) -> Project:
    _ensure_new_code(session, code)
    program = get_program(session, fields.program) if fields.program else None
    number = _check_number(session, fields.number, program, None)
    _check_dates(fields.start, fields.end)
    position = (session.exec(select(func.max(Project.position))).one() or 0) + 1
    project = Project(
        code=code,
        name=_required(name, "name"),
        number=number,
        program_id=program.id if program else None,
        manager=fields.manager,
        phase=fields.phase,
        start_date=fields.start,
        end_date=fields.end,
        position=position,
        manager_login=manager_login(fields.manager_login),
    )
    session.add(project)
    session.flush()
    return project


def edit_project(
    session: Session, project: Project, name: str | None, fields: ProjectFields, *, standalone: bool = False
) -> Project:
    program_id = project.program_id
    if standalone:
        program_id = None
    elif fields.program is not None:
        program_id = get_program(session, fields.program).id
    program = session.get(Program, program_id) if program_id else None
    number = fields.number if fields.number is not None else project.number
    if standalone and fields.number is None:
        number = None
    number = _check_number(session, number, program, project.id)
    start = fields.start or project.start_date
    end = fields.end or project.end_date
    _check_dates(start, end)
    project.program_id = program_id
    project.number = number
    if name is not None:
        project.name = _required(name, "name")
    for attr in ("manager", "phase"):
        value = getattr(fields, attr)
        if value is not None:
            setattr(project, attr, value)
    if fields.manager_login is not None:
        project.manager_login = manager_login(fields.manager_login)
    project.start_date, project.end_date = start, end
    session.add(project)
    session.flush()
    return project


def _check_number(session: Session, number: str | None, program: Program | None, project_id: int | None) -> str | None:
    """A project number like 1.1 belongs to a program and starts with its number."""
    if number is None:
        return None
    if not PROJECT_NUMBER.match(number):
        raise PortfolioError(f"project number '{number}' is not like 1.1")
    if program is None:
        raise PortfolioError(f"project number '{number}' needs --program: only program projects are numbered")
    if program.number is not None and not number.startswith(f"{program.number}."):
        raise PortfolioError(f"project number '{number}' does not belong to program {program.number} ({program.code})")
    clash = session.exec(select(Project).where(Project.number == number)).first()
    if clash is not None and clash.id != project_id:
        raise ConflictError(f"project number {number} is already used by {clash.code}")
    return number


def _check_dates(start: dt.date | None, end: dt.date | None) -> None:
    if start and end and end < start:
        raise PortfolioError(f"end date {end} is before start date {start}")


def _required(value: str, what: str) -> str:
    if not value or not value.strip():
        raise PortfolioError(f"{what} must not be empty")
    return value.strip()


def _apply(row: object, changes: dict[str, object]) -> None:
    for key, value in changes.items():
        if value is not None:
            setattr(row, key, value)


def number_key(number: str | None) -> tuple[int, ...]:
    """Sort 1.10 after 1.9."""
    return tuple(int(part) for part in number.split(".")) if number else ()


def list_projects(session: Session, *, program: Program | None = None, include_closed: bool = False) -> list[Project]:
    """Projects in report order: standalone ones by position, then each program's by number."""
    query = select(Project)
    if program is not None:
        query = query.where(Project.program_id == program.id)
    if not include_closed:
        query = query.where(Project.active == True)  # noqa: E712
    projects = list(session.exec(query).all())
    return sorted(projects, key=_project_order(session))


class ProjectRow(NamedTuple):
    """The fields of a project that grids and matrices show: a tuple, not an ORM object, as a
    portfolio of thousands of projects is read whole for every report."""

    id: int
    code: str
    number: str | None
    name: str
    program_id: int | None
    position: int
    active: bool


class ProgramRow(NamedTuple):
    id: int
    code: str
    number: int | None
    name: str
    active: bool


def project_rows(session: Session, *, include_closed: bool = False) -> list[ProjectRow]:
    """Every project as a ProjectRow, in the order of :func:`list_projects` (read once per
    read-only session: a report's sections each ask)."""
    rows = read_once(session, ("project_rows", include_closed), lambda: _read_project_rows(session, include_closed))
    return list(rows)


def _read_project_rows(session: Session, include_closed: bool) -> tuple[ProjectRow, ...]:
    columns = [getattr(Project, name) for name in ProjectRow._fields]
    query = sa_select(*columns)
    if not include_closed:
        query = query.where(col(Project.active).is_(True))
    rows = [ProjectRow(*row) for row in session.connection().execute(query).all()]
    return tuple(sorted(rows, key=_project_order(session)))


def program_rows(session: Session, *, include_closed: bool = False) -> list[ProgramRow]:
    """Every program as a ProgramRow, in the order of :func:`list_programs` (read once per
    read-only session)."""
    rows = read_once(session, ("program_rows", include_closed), lambda: _read_program_rows(session, include_closed))
    return list(rows)


def _read_program_rows(session: Session, include_closed: bool) -> tuple[ProgramRow, ...]:
    query = sa_select(*[getattr(Program, name) for name in ProgramRow._fields])
    if not include_closed:
        query = query.where(col(Program.active).is_(True))
    return tuple(sorted((ProgramRow(*row) for row in session.connection().execute(query)), key=program_order))


def _project_order(session: Session) -> Callable[[Project | ProjectRow], tuple]:
    """Sort key: standalone projects first by position, then each program's (in program order) by number."""
    programs = session.connection().execute(sa_select(col(Program.id), col(Program.number), col(Program.code)))
    ordered = sorted(programs, key=program_order)
    program_rank = {p.id: rank for rank, p in enumerate(ordered)}

    def key(project: Project | ProjectRow) -> tuple:
        if project.program_id is None:
            return (0, 0, (), project.position)
        rank = program_rank.get(project.program_id, 0)
        return (1, rank, number_key(project.number), project.position)

    return key


class ProjectListing(NamedTuple):
    """A project as ``project list`` shows it, with its program's code."""

    code: str
    number: str | None
    name: str
    program: str | None
    manager: str | None
    phase: str | None
    start_date: dt.date | None
    end_date: dt.date | None
    active: bool
    manager_login: str | None


def project_listing(
    session: Session, *, program: Program | None = None, include_closed: bool = False
) -> Iterator[ProjectListing]:
    """The projects of :func:`list_projects`, in its order, as they are read (``streamed``).

    The database orders them by program (in :func:`program_order`) and standalone ones by
    position; a project number's order (1.10 after 1.9) is not SQL's, so each program's projects,
    a few dozen, are put in order here. Memory holds one program's projects, not the portfolio.
    """
    query = (
        sa_select(
            col(Project.code),
            col(Project.number),
            col(Project.name),
            col(Program.code),
            col(Project.manager),
            col(Project.phase),
            col(Project.start_date),
            col(Project.end_date),
            col(Project.active),
            col(Project.manager_login),
            col(Project.program_id),
        )
        .select_from(Project)
        .outerjoin(Program, col(Program.id) == col(Project.program_id))
        .order_by(*program_order_by(), col(Project.position), col(Project.id))
    )
    if program is not None:
        query = query.where(col(Project.program_id) == program.id)
    if not include_closed:
        query = query.where(col(Project.active).is_(True))
    rows = streamed(session, query)
    for program_id, members in itertools.groupby(rows, key=lambda row: row[-1]):
        listed = (ProjectListing._make(row[:-1]) for row in members)
        if program_id is None:  # standalone: in the database's order, by position
            yield from listed
        else:  # stable: equal numbers keep the order by position
            yield from sorted(listed, key=lambda p: number_key(p.number))


class ProgramListing(NamedTuple):
    """A program as ``program list`` shows it, with the number of its active projects."""

    code: str
    number: int | None
    name: str
    owner: str | None
    projects: int
    active: bool
    manager_login: str | None


def program_listing(
    session: Session, *, include_closed: bool = False, code: str | None = None
) -> Iterator[ProgramListing]:
    """The programs of :func:`list_programs`, in its order, as they are read (``streamed``), each
    with the number of its active projects counted by the database in the same query; with
    ``code``, that program alone (closed or not)."""
    members = (
        sa_select(col(Project.program_id), func.count().label("projects"))
        .where(col(Project.active).is_(True), col(Project.program_id).is_not(None))
        .group_by(col(Project.program_id))
        .subquery()
    )
    query = (
        sa_select(
            col(Program.code),
            col(Program.number),
            col(Program.name),
            col(Program.owner),
            func.coalesce(members.c.projects, 0),
            col(Program.active),
            col(Program.manager_login),
        )
        .outerjoin(members, members.c.program_id == col(Program.id))
        .order_by(*program_order_by()[1:])
    )
    if code is not None:
        query = query.where(col(Program.code) == code)
    elif not include_closed:
        query = query.where(col(Program.active).is_(True))
    for row in streamed(session, query):
        yield ProgramListing._make(row)


def listed_project(session: Session, project: Project) -> ProjectListing:
    """One project as :func:`project_listing` gives it (``project show``)."""
    program = session.get(Program, project.program_id) if project.program_id is not None else None
    return ProjectListing(
        project.code,
        project.number,
        project.name,
        program.code if program is not None else None,
        project.manager,
        project.phase,
        project.start_date,
        project.end_date,
        project.active,
        project.manager_login,
    )


def program_order_by() -> list[Any]:
    """ORDER BY terms for :func:`program_order` over a join with ``program`` (standalone first).

    Codes are ASCII (``check_code``), so SQL's ``lower`` agrees with Python's. The first term
    is the project's; a list of programs alone leaves it out.
    """
    return [
        case((col(Project.program_id).is_(None), 0), else_=1),
        case((col(Program.number).is_(None), 1), else_=0),
        col(Program.number),
        func.lower(col(Program.code)),
        col(Program.id),
    ]


def set_active(session: Session, row: Program | Project, active: bool) -> None:
    what = "program" if isinstance(row, Program) else "project"
    if row.active == active:
        state = "active" if active else "closed"
        raise PortfolioError(f"{what} {row.code} is already {state}")
    if isinstance(row, Program) and not active:
        # a closed program leaves the matrix, and its active projects would vanish with it
        members = [p.code for p in list_projects(session, program=row)]
        if members:
            raise PortfolioError(
                f"program {row.code} still has active projects: {', '.join(members)}; close or move them first"
            )
    row.active = active
    session.add(row)
    session.flush()
