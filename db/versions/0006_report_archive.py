"""report archive: the board's copy of each closed month, and why a month was reopened

Revision ID: 0006_report_archive
Revises: 0005_stored_settings
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0006_report_archive"
down_revision: str | Sequence[str] | None = "0005_stored_settings"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "report_archive",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period", sqlmodel.sql.sqltypes.AutoString(length=7), nullable=False),
        sa.Column("lang", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("content", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("archived_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("archived_by", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("superseded_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("superseded_by", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("superseded_because", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_archive")),
        sa.UniqueConstraint("period", "lang", "version", name="uq_report_archive_period_lang_version"),
    )
    op.create_index(op.f("ix_report_archive_period"), "report_archive", ["period"], unique=False)
    # Adding a nullable column needs no table rebuild, so SQLite keeps every row of the table.
    op.add_column("reporting_period", sa.Column("reopen_reason", sqlmodel.sql.sqltypes.AutoString(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("reporting_period") as batch_op:
        batch_op.drop_column("reopen_reason")
    op.drop_index(op.f("ix_report_archive_period"), table_name="report_archive")
    op.drop_table("report_archive")
