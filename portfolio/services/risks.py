"""Risks, their monthly assessment and the measures taken against them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import Select, func
from sqlalchemy import select as sa_select
from sqlalchemy.orm.attributes import flag_modified
from sqlmodel import Session, col, select

from portfolio.choices import MEASURE_STATUSES
from portfolio.database import streamed
from portfolio.errors import NotFoundError, PortfolioError
from portfolio.models import Measure, Project, Risk, RiskAssessment
from portfolio.period import Period
from portfolio.read_once import locks_rows, read_once
from portfolio.risk_zones import RiskMatrix, Zone, score
from portfolio.services.locking import ensure_version
from portfolio.services.month_scope import measures_added_after
from portfolio.services.reporting_months import ensure_open


def ensure_risk_version(risk: Risk, expected: int | None) -> None:
    if expected is not None:
        ensure_version(
            f"risk {risk.id}",
            risk.version,
            expected,
            risk.updated_by,
            risk.updated_at,
            f"portfolio risk show {risk.id}",
        )


def ensure_measure_version(measure: Measure, expected: int | None) -> None:
    if expected is not None:
        ensure_version(
            f"measure {measure.id}",
            measure.version,
            expected,
            measure.updated_by,
            measure.updated_at,
            f"portfolio measure show {measure.id}",
        )


def _for_change(session: Session) -> dict[str, Any]:
    """In a write, the row is read afresh and locked until the commit (``locks_rows``)."""
    return {"with_for_update": True, "populate_existing": True} if locks_rows(session) else {}


def get_risk(session: Session, risk_id: int) -> Risk:
    risk = session.get(Risk, risk_id, **_for_change(session))
    if risk is None:
        raise NotFoundError(f"no risk {risk_id}; 'portfolio risk list' shows their numbers")
    return risk


def get_measure(session: Session, measure_id: int) -> Measure:
    measure = session.get(Measure, measure_id, **_for_change(session))
    if measure is None:
        raise NotFoundError(f"no measure {measure_id}; 'portfolio measure list' shows their numbers")
    return measure


def recorded_for(risk: Risk) -> Period:
    """The month a change to ``risk``'s description, owner or measures is recorded for.

    They are not kept per month: every month the risk is shown in shows them as they are now.
    So a change belongs to the latest month the risk is shown in: this month (or the month it was
    opened, if later) while it is open; the month before it was closed once it is closed (it is
    not shown in the month it was closed in). A risk that goes on into an open month can be
    worked on; one whose last month is closed cannot.
    """
    opened = Period.parse(risk.opened)
    last = Period.current() if risk.closed is None else Period.parse(risk.closed).previous()
    return max(opened, last)


def ensure_risk_open(session: Session, risk: Risk) -> None:
    """Refuse a change to ``risk``'s description, owner or measures when its month is closed."""
    ensure_open(session, recorded_for(risk))


def _check_scale(name: str, value: int) -> int:
    if not 1 <= value <= 5:
        raise PortfolioError(f"{name} {value} is not allowed; use 1 to 5")
    return value


def add_risk(
    session: Session,
    project: Project,
    description: str,
    *,
    probability: int,
    consequence: int,
    period: Period,
    owner: str | None = None,
    residual: tuple[int, int] | None = None,
) -> Risk:
    if not description.strip():
        raise PortfolioError("a risk needs a description")
    if not project.active:
        raise PortfolioError(f"project {project.code} is closed; reopen it before adding a risk")
    risk = Risk(
        project_id=project.id or 0,
        description=description.strip(),
        owner=owner,
        opened=str(period),
    )
    session.add(risk)
    session.flush()
    assess(session, risk, period, probability=probability, consequence=consequence, residual=residual)
    return risk


def assess(
    session: Session,
    risk: Risk,
    period: Period,
    *,
    probability: int,
    consequence: int,
    expected_version: int | None = None,
    residual: tuple[int, int] | None = None,
) -> RiskAssessment:
    """Record (or correct) the month's probability and consequence for a risk.

    ``residual`` is (probability, consequence) expected once the measures have worked; without
    it a correction keeps the month's residual, if it had one. The risk itself is touched too,
    so its version moves and a concurrent edit is noticed.
    """
    ensure_open(session, period)
    ensure_risk_version(risk, expected_version)
    if risk.status == "closed":
        raise PortfolioError(f"risk {risk.id} is closed; reopen it to assess it")
    if str(period) < risk.opened:  # it would be stored but never shown
        raise PortfolioError(f"risk {risk.id} was opened in {risk.opened}; it cannot be assessed for {period}")
    _check_scale("probability", probability)
    _check_scale("consequence", consequence)
    if residual is not None:
        _check_scale("residual probability", residual[0])
        _check_scale("residual consequence", residual[1])
    row = session.get(RiskAssessment, (risk.id, str(period)))
    if row is None:
        row = RiskAssessment(risk_id=risk.id or 0, period=str(period), probability=probability, consequence=consequence)
    row.probability, row.consequence = probability, consequence
    if residual is not None:
        row.residual_probability, row.residual_consequence = residual
    session.add(row)
    flag_modified(risk, "updated_at")  # an UPDATE even within the same second: the version moves
    session.add(risk)
    session.flush()
    return row


def set_risk_status(session: Session, risk: Risk, *, closed: bool, period: Period) -> None:
    if closed and risk.status == "closed":
        raise PortfolioError(f"risk {risk.id} is already closed")
    if not closed and risk.status == "open":
        raise PortfolioError(f"risk {risk.id} is already open")
    if closed and str(period) < risk.opened:  # it would vanish from every month
        raise PortfolioError(f"risk {risk.id} was opened in {risk.opened}; it cannot be closed in {period}")
    ensure_open(session, period)
    if not closed and risk.closed is not None:  # it would be shown again from the month it was closed in
        ensure_open(session, Period.parse(risk.closed))
    risk.status = "closed" if closed else "open"
    risk.closed = str(period) if closed else None
    session.add(risk)
    session.flush()


class RiskRow(NamedTuple):
    """A risk as read for a month's views: the fields of :class:`~portfolio.models.Risk`, as a
    plain row (a report reads thousands; an ORM object each costs several times the row)."""

    id: int
    project_id: int
    description: str
    owner: str | None
    status: str
    opened: str
    closed: str | None
    updated_by: str | None
    updated_at: dt.datetime | None
    version: int


class MeasureRow(NamedTuple):
    """A measure as read for a month's views: the fields of :class:`~portfolio.models.Measure`."""

    id: int
    risk_id: int
    text: str
    owner: str | None
    due: dt.date | None
    status: str
    position: int
    updated_by: str | None
    updated_at: dt.datetime | None
    version: int


@dataclass(frozen=True)
class RiskView:
    """A risk as it stood in one month."""

    risk: RiskRow
    project_code: str
    project_name: str
    period: Period | None  # the month of the assessment in force
    probability: int | None
    consequence: int | None
    score: int | None
    zone: Zone | None
    measures: list[MeasureRow]
    residual_probability: int | None = None
    residual_consequence: int | None = None

    @property
    def residual_score(self) -> int | None:
        """The score expected once the measures have worked, when the month's assessment gives one."""
        if self.residual_probability is None or self.residual_consequence is None:
            return None
        return score(self.residual_probability, self.residual_consequence)


def risk_views(
    session: Session,
    period: Period,
    matrix: RiskMatrix,
    *,
    zone: Zone | None = None,
    project: Project | None = None,
    include_closed: bool = False,
) -> list[RiskView]:
    """Risks open in ``period`` with the latest assessment made in or before it; with
    ``include_closed``, also those closed by then.

    A report asks for the month's risks several times (the red risks, the movement, the map);
    in a read-only session they are read once and each call filters them.
    """
    project_id = project.id if project is not None else None
    views = read_once(
        session,
        ("risk_views", str(period), matrix, project_id),
        lambda: _read_risk_views(session, period, matrix, project_id),
    )
    month = str(period)
    return [
        view
        for view in views
        if (include_closed or view.risk.closed is None or view.risk.closed > month)
        and (zone is None or view.zone == zone)
    ]


def _read_risk_views(session: Session, period: Period, matrix: RiskMatrix, project_id: int | None) -> list[RiskView]:
    """Every risk opened by ``period`` (closed or not), of one project or all, in three queries,
    as plain rows."""
    if session.autoflush:  # as a query of ORM objects would: a write session's changes count
        session.flush()
    risk, project = Risk.__table__.c, Project.__table__.c  # type: ignore[attr-defined]
    query = sa_select(*(risk[name] for name in RiskRow._fields), project.code, project.name).join(
        Project.__table__,  # type: ignore[attr-defined]
        project.id == risk.project_id,
    )
    chosen = sa_select(risk.id).where(risk.opened <= str(period))
    query = query.where(risk.opened <= str(period))
    if project_id is not None:
        query = query.where(risk.project_id == project_id)
        chosen = chosen.where(risk.project_id == project_id)
    rows = [(RiskRow._make(row[:-2]), row[-2], row[-1]) for row in session.connection().execute(query)]
    latest = _latest_assessments(session, chosen, period) if rows else {}
    measures = _measures_by_risk(session, chosen, measures_added_after(session, period)) if rows else {}
    views = []
    for risk, code, name in rows:
        assessment = latest.get(risk.id)
        if assessment is None:
            views.append(RiskView(risk, code, name, None, None, None, None, None, measures.get(risk.id, [])))
            continue
        month, probability, consequence, residual_probability, residual_consequence = assessment
        views.append(
            RiskView(
                risk=risk,
                project_code=code,
                project_name=name,
                period=Period.parse(month),
                probability=probability,
                consequence=consequence,
                score=score(probability, consequence),
                zone=matrix.zone(probability, consequence),
                measures=measures.get(risk.id, []),
                residual_probability=residual_probability,
                residual_consequence=residual_consequence,
            )
        )
    return views


class RiskListing(NamedTuple):
    """A risk as ``risk list`` shows it in one month: its assessment in force and how many
    measures it has, not the measures themselves."""

    id: int
    project_code: str
    description: str
    owner: str | None
    closed: str | None
    version: int
    period: Period | None  # the month of the assessment in force
    probability: int | None
    consequence: int | None
    score: int | None
    zone: Zone | None
    measures: int
    residual_probability: int | None
    residual_consequence: int | None

    @property
    def residual_score(self) -> int | None:
        if self.residual_probability is None or self.residual_consequence is None:
            return None
        return score(self.residual_probability, self.residual_consequence)

    @classmethod
    def of(cls, view: RiskView) -> RiskListing:
        """A :class:`RiskView` as listed (``risk show`` reads its measures too)."""
        risk = view.risk
        return cls(
            risk.id,
            view.project_code,
            risk.description,
            risk.owner,
            risk.closed,
            risk.version,
            view.period,
            view.probability,
            view.consequence,
            view.score,
            view.zone,
            len(view.measures),
            view.residual_probability,
            view.residual_consequence,
        )


def risk_listing(
    session: Session,
    period: Period,
    matrix: RiskMatrix,
    *,
    zone: Zone | None = None,
    project: Project | None = None,
    include_closed: bool = False,
) -> Iterator[RiskListing]:
    """The risks of :func:`risk_views`, highest score first (then by id), as they are read.

    One query, ordered by the database and read through a server-side cursor (``streamed``):
    each risk's latest assessment in or before ``period`` and its number of measures (but for
    those added after the month was closed) are joined in, so no list of every risk is held.
    """
    month = str(period)
    # Correlated subqueries, each a seek in an index per risk: the month of the assessment in
    # force ((risk_id, period) key) and the number of measures (ix_measure_risk_id). A join with
    # grouped subqueries instead made SQLite scan one for every risk (44 s at 100,000 projects).
    earlier = RiskAssessment.__table__.alias("earlier")  # type: ignore[attr-defined]
    in_force = (
        sa_select(func.max(earlier.c.period))
        .where(earlier.c.risk_id == col(Risk.id), earlier.c.period <= month)
        .correlate(Risk)
        .scalar_subquery()
    )
    counted = sa_select(func.count()).where(col(Measure.risk_id) == col(Risk.id)).correlate(Risk)
    later = measures_added_after(session, period)
    if later:
        counted = counted.where(col(Measure.id).not_in(sorted(later)))
    query = (
        sa_select(
            col(Risk.id),
            col(Project.code),
            col(Risk.description),
            col(Risk.owner),
            col(Risk.closed),
            col(Risk.version),
            col(RiskAssessment.period),
            col(RiskAssessment.probability),
            col(RiskAssessment.consequence),
            counted.scalar_subquery(),
            col(RiskAssessment.residual_probability),
            col(RiskAssessment.residual_consequence),
        )
        .select_from(Risk)
        .join(Project, col(Project.id) == col(Risk.project_id))
        .outerjoin(
            RiskAssessment, (col(RiskAssessment.risk_id) == col(Risk.id)) & (col(RiskAssessment.period) == in_force)
        )
        .where(col(Risk.opened) <= month)
        .order_by(
            func.coalesce(col(RiskAssessment.probability) * col(RiskAssessment.consequence), 0).desc(), col(Risk.id)
        )
    )
    if project is not None:
        query = query.where(col(Risk.project_id) == project.id)
    if not include_closed:
        query = query.where(col(Risk.closed).is_(None) | (col(Risk.closed) > month))
    for row in streamed(session, query):
        risk_id, code, text, owner, closed, version, assessed, p, c, count, rp, rc = tuple(row)
        in_zone = matrix.zone(p, c) if p is not None and c is not None else None
        if zone is not None and in_zone != zone:
            continue
        yield RiskListing(
            risk_id,
            code,
            text,
            owner,
            closed,
            version,
            Period.parse(assessed) if assessed is not None else None,
            p,
            c,
            score(p, c) if p is not None and c is not None else None,
            in_zone,
            count,
            rp,
            rc,
        )


def _latest_assessments(
    session: Session, risk_ids: Select[Any], period: Period
) -> dict[int, tuple[str, int, int, int | None, int | None]]:
    """risk id -> (month, probability, consequence, residual probability, residual consequence) of
    its latest assessment in or before ``period``, for the risks ``risk_ids`` selects, as plain rows.

    The risks come as a subquery, not a list of ids: a list is a bound parameter an id, and
    SQLite takes at most 32,766 of them in a statement (a portfolio of some 160,000 projects)."""
    latest = (
        select(RiskAssessment.risk_id, func.max(RiskAssessment.period).label("period"))
        .where(col(RiskAssessment.risk_id).in_(risk_ids), RiskAssessment.period <= str(period))
        .group_by(col(RiskAssessment.risk_id))
        .subquery()
    )
    query = sa_select(
        col(RiskAssessment.risk_id),
        col(RiskAssessment.period),
        col(RiskAssessment.probability),
        col(RiskAssessment.consequence),
        col(RiskAssessment.residual_probability),
        col(RiskAssessment.residual_consequence),
    ).join(
        latest,
        (col(RiskAssessment.risk_id) == latest.c.risk_id) & (col(RiskAssessment.period) == latest.c.period),
    )
    return {
        risk_id: (month, probability, consequence, residual_probability, residual_consequence)
        for risk_id, month, probability, consequence, residual_probability, residual_consequence in (
            session.connection().execute(query).all()
        )
    }


def _measures_by_risk(
    session: Session, risk_ids: Select[Any], later: frozenset[int] = frozenset()
) -> dict[int, list[MeasureRow]]:
    """risk id -> its measures in order, for the risks ``risk_ids`` selects (a subquery, as for
    the assessments), but for those in ``later`` (added after the month was closed), as plain rows."""
    result: dict[int, list[MeasureRow]] = {}
    measure = Measure.__table__.c  # type: ignore[attr-defined]
    query = (
        sa_select(*(measure[name] for name in MeasureRow._fields))
        .where(measure.risk_id.in_(risk_ids))
        .order_by(measure.risk_id, measure.position, measure.id)
    )
    make = MeasureRow._make
    for row in session.connection().execute(query):
        if row[0] in later:
            continue
        result.setdefault(row[1], []).append(make(row))
    return result


def add_measure(
    session: Session,
    risk: Risk,
    text: str,
    *,
    owner: str | None = None,
    due: dt.date | None = None,
    status: str = "open",
) -> Measure:
    if not text.strip():
        raise PortfolioError("a measure needs a text")
    _check_measure_status(status)
    ensure_risk_open(session, risk)
    position = (session.exec(select(func.max(Measure.position)).where(Measure.risk_id == risk.id)).one() or 0) + 1
    measure = Measure(risk_id=risk.id or 0, text=text.strip(), owner=owner, due=due, status=status, position=position)
    session.add(measure)
    session.flush()
    return measure


def _check_measure_status(status: str) -> str:
    if status not in MEASURE_STATUSES:
        raise PortfolioError(f"measure status '{status}' is not allowed; use {', '.join(MEASURE_STATUSES)}")
    return status


def edit_measure(
    session: Session, measure: Measure, *, expected_version: int | None = None, **changes: object
) -> Measure:
    ensure_measure_version(measure, expected_version)
    ensure_risk_open(session, get_risk(session, measure.risk_id))
    if changes.get("status") is not None:
        _check_measure_status(str(changes["status"]))
    if changes.get("text") is not None and not str(changes["text"]).strip():
        raise PortfolioError("a measure needs a text")
    for key, value in changes.items():
        if value is not None:
            setattr(measure, key, value)
    session.add(measure)
    session.flush()
    return measure


class MeasureListing(NamedTuple):
    """A measure as ``measure list`` shows it."""

    id: int
    risk_id: int
    status: str
    owner: str | None
    due: dt.date | None
    text: str
    version: int


def measure_listing(
    session: Session, risk: Risk | None = None, *, status: str | None = None
) -> Iterator[MeasureListing]:
    """Measures, of one risk or all (with one status or any), by risk and position, as they are
    read (``streamed``)."""
    query = sa_select(
        col(Measure.id),
        col(Measure.risk_id),
        col(Measure.status),
        col(Measure.owner),
        col(Measure.due),
        col(Measure.text),
        col(Measure.version),
    )
    if risk is not None:
        query = query.where(col(Measure.risk_id) == risk.id)
    if status is not None:
        query = query.where(col(Measure.status) == _check_measure_status(status))
    for row in streamed(session, query.order_by(col(Measure.risk_id), col(Measure.position), col(Measure.id))):
        yield MeasureListing._make(row)


def red_risk_rows(session: Session, period: Period, matrix: RiskMatrix, zone: Zone) -> list[tuple[str, str, str]]:
    """(project label, description, measures) for the report's risk table, in the seed's order.

    Program projects come first by program and project number, then standalone projects; a
    program project is labelled 'Program – Project'; several measures are numbered 1), 2), ...
    """
    from portfolio.services.registry import number_key, program_order, program_rows, project_rows

    views = risk_views(session, period, matrix, zone=zone)
    projects = {p.id: p for p in project_rows(session, include_closed=True)}
    programs = {p.id: p for p in program_rows(session, include_closed=True)}

    def order(view: RiskView) -> tuple:
        project = projects[view.risk.project_id]
        program = programs.get(project.program_id) if project.program_id else None
        if program is None:
            return (1, 0, (), project.position, view.risk.id)
        order_key = (program_order(program), number_key(project.number), project.position)
        return (0, *order_key, view.risk.id)

    rows = []
    for view in sorted(views, key=order):
        project = projects[view.risk.project_id]
        program = programs.get(project.program_id) if project.program_id else None
        label = f"{program.name} – {project.name}" if program else project.name
        texts = [m.text for m in view.measures if m.status != "cancelled"]
        if len(texts) > 1:
            measures = "\n".join(f"{n}) {text}" for n, text in enumerate(texts, start=1))
        else:
            measures = texts[0] if texts else ""
        rows.append((label, view.risk.description, measures))
    return rows
