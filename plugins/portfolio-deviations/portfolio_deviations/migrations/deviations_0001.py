"""deviations: records, imports, snapshot counts and text

Revision ID: deviations_0001
Revises:
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "deviations_0001"
down_revision = None
branch_labels = ("deviations",)
depends_on = "0002_versions_audit"


def upgrade() -> None:
    op.create_table(
        "deviations_import",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("exported_on", sa.Date(), nullable=False),
        sa.Column("imported_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("imported_by", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("created", sa.Integer(), nullable=False),
        sa.Column("updated", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deviations_import")),
    )
    op.create_table(
        "deviations_deviation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("external_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("place", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("handler", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("opened", sa.Date(), nullable=False),
        sa.Column("closed", sa.Date(), nullable=True),
        sa.Column("category", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("import_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "closed IS NULL OR closed >= opened",
            name=op.f("ck_deviations_deviation_closed_after_opened"),
        ),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["deviations_import.id"],
            name=op.f("fk_deviations_deviation_import_id_deviations_import"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deviations_deviation")),
        sa.UniqueConstraint("external_id", name=op.f("uq_deviations_deviation_external_id")),
    )
    with op.batch_alter_table("deviations_deviation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_deviations_deviation_opened"), ["opened"], unique=False)
    op.create_table(
        "deviations_snapshot",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("own", sa.Integer(), nullable=True),
        sa.Column("trusts", sa.Integer(), nullable=True),
        sa.CheckConstraint("total >= 0", name=op.f("ck_deviations_snapshot_total_not_negative")),
        sa.CheckConstraint(
            "(own IS NULL AND trusts IS NULL) OR (own >= 0 AND trusts >= 0 AND own + trusts = total)",
            name=op.f("ck_deviations_snapshot_split_adds_up"),
        ),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_deviations_snapshot")),
    )
    op.create_table(
        "deviations_text",
        sa.Column("period", sqlmodel.sql.sqltypes.AutoString(length=7), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint("period", name=op.f("pk_deviations_text")),
    )


def downgrade() -> None:
    op.drop_table("deviations_text")
    op.drop_table("deviations_snapshot")
    with op.batch_alter_table("deviations_deviation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_deviations_deviation_opened"))
    op.drop_table("deviations_deviation")
    op.drop_table("deviations_import")
