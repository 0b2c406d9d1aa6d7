"""benefits: the entry table

Revision ID: benefits_0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (autogenerate writes sqlmodel.sql.sqltypes.AutoString)
from alembic import op

revision = "benefits_0001"
down_revision = None
branch_labels = ("benefits",)
depends_on = "0002_versions_audit"


def upgrade() -> None:
    op.create_table(
        "benefits_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("period", sqlmodel.sql.sqltypes.AutoString(length=7), nullable=False),
        sa.Column("description", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("value", sa.Numeric(14, 2), nullable=False),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"], name=op.f("fk_benefits_entry_project_id_project")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_benefits_entry")),
    )
    with op.batch_alter_table("benefits_entry") as batch_op:
        batch_op.create_index(batch_op.f("ix_benefits_entry_period"), ["period"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("benefits_entry") as batch_op:
        batch_op.drop_index(batch_op.f("ix_benefits_entry_period"))
    op.drop_table("benefits_entry")
