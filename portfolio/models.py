"""The core's tables. The schema itself is made only by the Alembic migrations in db/."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    Connection,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    UniqueConstraint,
    event,
    text,
)
from sqlalchemy.orm import Mapped
from sqlmodel import Field, SQLModel, col

# Named constraints let Alembic alter SQLite tables in batch mode and drop them by name.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
SQLModel.metadata.naming_convention = NAMING_CONVENTION
# Table classes are rows for SQLAlchemy, never validated by pydantic: building each class's validator
# at import is a third of what defining the core's and the plugins' tables costs every command, so it
# is deferred to the first use, which never comes. Set before any table class, the plugins' included.
SQLModel.model_config["defer_build"] = True
metadata: MetaData = SQLModel.metadata

# Partial indexes by name: the condition of the rows each covers (SQLite and PostgreSQL alike).
# The condition is given to a dialect only when a schema is made for it (``partial_where``):
# SQLAlchemy checks an option such as ``postgresql_where`` by importing that dialect, and
# PostgreSQL's (with its four drivers) cost every SQLite command some 10-20 ms at import.
PARTIAL_INDEXES: dict[str, str] = {"uq_narrative_period_scope": "program_id IS NULL"}
PARTIAL_INDEX_DIALECTS = ("sqlite", "postgresql")


def partial_where(index: Index, dialect: str) -> None:
    """Give ``index`` its condition from PARTIAL_INDEXES for ``dialect``, as ``<dialect>_where``
    would have; nothing for an index that covers every row or a dialect without partial indexes."""
    condition = PARTIAL_INDEXES.get(str(index.name))
    if condition is not None and dialect in PARTIAL_INDEX_DIALECTS:
        index.dialect_options[dialect]["where"] = text(condition)


@event.listens_for(Index, "before_create")
def _partial_where_when_created(index: Index, connection: Connection, **_kw: Any) -> None:
    """``create_all`` gives a partial index its condition for the database it creates it in (the
    schema itself is made by the migrations, which state it; ``schema.full_metadata`` has both)."""
    partial_where(index, connection.dialect.name)


CODE_LENGTH = 32
PERIOD_LENGTH = 7  # 'YYYY-MM'
LOGIN_LENGTH = 64  # a database login, as PostgreSQL names roles (at most 63 bytes)


def version_column() -> Column:
    """A row version for optimistic locking: an UPDATE that finds another version is refused.

    Declared once as a Column and named again in ``__mapper_args__`` (SQLModel has no
    built-in support); the server default lets the migration add it to tables with rows.
    """
    return Column("version", Integer, nullable=False, server_default="1")


_STATUS_VERSION = version_column()
_RISK_VERSION = version_column()
_MEASURE_VERSION = version_column()


class Program(SQLModel, table=True):
    """A group of projects reported together, with its own status row."""

    __tablename__ = "program"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=CODE_LENGTH, unique=True)
    number: int | None = None
    name: str
    owner: str | None = None
    active: bool = True
    # The database login of whoever manages the program (PostgreSQL's row-level security: docs/team.md).
    manager_login: str | None = Field(default=None, max_length=LOGIN_LENGTH)


class Project(SQLModel, table=True):
    """A project, inside a program (numbered like 1.1) or standalone."""

    __tablename__ = "project"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=CODE_LENGTH, unique=True)
    number: str | None = Field(default=None, max_length=16)
    name: str
    program_id: int | None = Field(default=None, sa_column=Column(Integer, ForeignKey("program.id"), index=True))
    manager: str | None = None
    phase: str | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    active: bool = True
    position: int = 0
    # The database login of the project's manager (PostgreSQL's row-level security: docs/team.md).
    manager_login: str | None = Field(default=None, max_length=LOGIN_LENGTH)


class ReportingPeriod(SQLModel, table=True):
    """A month that has been opened or closed; a closed month is read-only."""

    __tablename__ = "reporting_period"

    period: str = Field(primary_key=True, max_length=PERIOD_LENGTH)
    closed: bool = False
    closed_at: dt.datetime | None = None
    closed_by: str | None = None
    reopen_reason: str | None = None  # why it was last reopened; the audit trail keeps every one


class StatusReport(SQLModel, table=True):
    """One project's or program's status for one month."""

    __tablename__ = "status_report"
    __table_args__ = (
        Index("ix_status_report_project_period", "project_id", "period"),
        UniqueConstraint("period", "project_id", name="uq_status_report_period_project"),
        UniqueConstraint("period", "program_id", name="uq_status_report_period_program"),
        CheckConstraint("(project_id IS NULL) <> (program_id IS NULL)", name="one_subject"),
    )

    id: int | None = Field(default=None, primary_key=True)
    period: str = Field(max_length=PERIOD_LENGTH)
    project_id: int | None = Field(default=None, sa_column=Column(Integer, ForeignKey("project.id"), nullable=True))
    program_id: int | None = Field(default=None, sa_column=Column(Integer, ForeignKey("program.id"), nullable=True))
    comment: str | None = None
    # A program's own rating may differ from its projects' roll-up; the PMO says why here.
    justification: str | None = None
    reported_by: str | None = None
    reported_at: dt.datetime | None = None
    version: int = Field(default=1, sa_column=_STATUS_VERSION)

    __mapper_args__ = {"version_id_col": _STATUS_VERSION}


class StatusRating(SQLModel, table=True):
    """The rating of one dimension in one status report."""

    __tablename__ = "status_rating"
    __table_args__ = (
        CheckConstraint("rating IN ('green', 'yellow', 'red', 'na')", name="rating_value"),
        CheckConstraint(
            "(action IS NULL) = (action_owner IS NULL) AND (action IS NULL) = (action_due IS NULL)",
            name="action_complete",
        ),
    )

    report_id: int = Field(
        sa_column=Column(Integer, ForeignKey("status_report.id", ondelete="CASCADE"), primary_key=True)
    )
    dimension: str = Field(primary_key=True, max_length=CODE_LENGTH)
    rating: str = Field(max_length=8)
    comment: str | None = None
    # A yellow or red dimension's recovery action: what, who owns it, due when; all three or none.
    # Last of the columns: the fingerprint digests a rating without one as it did before they came.
    action: str | None = None
    action_owner: str | None = None
    action_due: dt.date | None = None


class Risk(SQLModel, table=True):
    """A project's risk; its probability and consequence are assessed per month."""

    __tablename__ = "risk"

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(sa_column=Column(Integer, ForeignKey("project.id"), nullable=False, index=True))
    description: str
    owner: str | None = None
    status: str = Field(default="open", max_length=8)
    opened: str = Field(max_length=PERIOD_LENGTH)
    closed: str | None = Field(default=None, max_length=PERIOD_LENGTH)
    updated_by: str | None = None
    updated_at: dt.datetime | None = None
    version: int = Field(default=1, sa_column=_RISK_VERSION)

    __mapper_args__ = {"version_id_col": _RISK_VERSION}


class RiskAssessment(SQLModel, table=True):
    """A risk's probability and consequence as assessed in one month.

    The residual pair is the same risk as expected once its measures have worked; optional,
    and given together or not at all.
    """

    __tablename__ = "risk_assessment"
    __table_args__ = (
        CheckConstraint("probability BETWEEN 1 AND 5", name="probability_range"),
        CheckConstraint("consequence BETWEEN 1 AND 5", name="consequence_range"),
        CheckConstraint("residual_probability BETWEEN 1 AND 5", name="residual_probability_range"),
        CheckConstraint("residual_consequence BETWEEN 1 AND 5", name="residual_consequence_range"),
        CheckConstraint("(residual_probability IS NULL) = (residual_consequence IS NULL)", name="residual_pair"),
    )

    risk_id: int = Field(sa_column=Column(Integer, ForeignKey("risk.id", ondelete="CASCADE"), primary_key=True))
    period: str = Field(primary_key=True, max_length=PERIOD_LENGTH)
    probability: int
    consequence: int
    residual_probability: int | None = None
    residual_consequence: int | None = None


class Measure(SQLModel, table=True):
    """An action taken against a risk."""

    __tablename__ = "measure"

    id: int | None = Field(default=None, primary_key=True)
    risk_id: int = Field(
        sa_column=Column(Integer, ForeignKey("risk.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    text: str
    owner: str | None = None
    due: dt.date | None = None
    status: str = Field(default="open", max_length=16)
    position: int = 0
    updated_by: str | None = None
    updated_at: dt.datetime | None = None
    version: int = Field(default=1, sa_column=_MEASURE_VERSION)

    __mapper_args__ = {"version_id_col": _MEASURE_VERSION}


class Narrative(SQLModel, table=True):
    """Free text for a month: the portfolio's introduction, a program's, or the standalone projects'."""

    __tablename__ = "narrative"
    # One text per month, scope and program. NULLs are never equal in a key, so the texts without a
    # program have a key of their own, on the rows it covers.
    __table_args__ = (
        UniqueConstraint("period", "scope", "program_id", name="uq_narrative_period_scope_program"),
        # partial: WHERE program_id IS NULL (PARTIAL_INDEXES)
        Index("uq_narrative_period_scope", "period", "scope", unique=True),
    )

    id: int | None = Field(default=None, primary_key=True)
    period: str = Field(max_length=PERIOD_LENGTH, index=True)
    scope: str = Field(max_length=16)
    program_id: int | None = Field(default=None, sa_column=Column(Integer, ForeignKey("program.id"), nullable=True))
    text: str


class AuditEntry(SQLModel, table=True):
    """One changed field: who changed what, when, from which value to which."""

    __tablename__ = "audit_log"

    id: int | None = Field(default=None, primary_key=True)
    at: dt.datetime
    user: str = Field(max_length=64)
    action: str = Field(max_length=8)  # insert, update, delete
    table_name: str = Field(max_length=64)
    row_key: str = Field(max_length=64)
    subject: str | None = Field(default=None, max_length=CODE_LENGTH, index=True)
    period: str | None = Field(default=None, max_length=PERIOD_LENGTH)
    field: str = Field(max_length=64)
    old_value: str | None = None
    new_value: str | None = None
    # Who made the change as the database knows them: on PostgreSQL filled by the server
    # (DEFAULT session_user), never by the client; on SQLite the operating system's user.
    # ``user`` is the display name the client gives (--as).
    login: str | None = Field(default=None, max_length=LOGIN_LENGTH)


SCOPE_LENGTH = 64


class StoredSetting(SQLModel, table=True):
    """One plugin's settings stored in the database: the table ``[plugins.NAME]`` of portfolio.toml
    would hold, as JSON. ``scope`` is the plugin's name; portfolio.toml's table, when present, wins."""

    __tablename__ = "stored_setting"

    scope: str = Field(primary_key=True, max_length=SCOPE_LENGTH)
    value: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    updated_by: str | None = Field(default=None, max_length=64)
    updated_at: dt.datetime | None = None


class ReportArchive(SQLModel, table=True):
    """The board's copy of a closed month: its report as neutral blocks, in one language.

    ``period close`` stores one per language in the same transaction as the close; every later
    build of the month renders from it. Reopening marks it superseded (who, when, why) and a new
    close stores the next ``version``, so what the board saw before a correction stays on record.
    """

    __tablename__ = "report_archive"
    __table_args__ = (UniqueConstraint("period", "lang", "version", name="uq_report_archive_period_lang_version"),)

    id: int | None = Field(default=None, primary_key=True)
    period: str = Field(max_length=PERIOD_LENGTH, index=True)
    lang: str = Field(max_length=8)
    version: int
    fingerprint: str = Field(max_length=64)
    content: str  # the Report as JSON, exactly (portfolio.report.archive_codec)
    archived_at: dt.datetime
    archived_by: str = Field(max_length=64)
    superseded_at: dt.datetime | None = None
    superseded_by: str | None = Field(default=None, max_length=64)
    superseded_because: str | None = None


class SchemaRevision(SQLModel, table=True):
    """One applied schema revision, with who owns it: the core or a plugin by name.

    Alembic's own table stamps only the newest revision of each line, and a stamp this
    installation cannot read tells nothing: a newer portfolio or a plugin since uninstalled?
    This record tells, so the tables of an uninstalled plugin just stay unused instead of
    making every command refuse the database. ``builds_on`` (space-separated) keeps what each
    revision needs, so an upgrade can set a missing plugin's stamp aside and put it back.
    """

    __tablename__ = "schema_revision"

    revision: str = Field(primary_key=True, max_length=128)
    owner: str = Field(max_length=SCOPE_LENGTH)
    builds_on: str = ""


CORE_TABLES: tuple[type[SQLModel], ...] = (
    Program,
    Project,
    ReportingPeriod,
    StatusReport,
    StatusRating,
    Risk,
    RiskAssessment,
    Measure,
    Narrative,
    AuditEntry,
    StoredSetting,
    ReportArchive,
    SchemaRevision,
)


def stored_id(column: int | None) -> Mapped[int]:
    """A table's ``id`` in a query of stored rows, typed as what it reads: SQLModel types the field
    ``int | None``, as it is None until a new object is flushed, but a stored row always has one."""
    return cast("Mapped[int]", col(column))
