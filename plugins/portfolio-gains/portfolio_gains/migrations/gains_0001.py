"""gains: benefits per project or program and their realised value per month

Revision ID: gains_0001
Revises:
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString

revision = "gains_0001"
down_revision = None
branch_labels = ("gains",)
depends_on = "0002_versions_audit"


def upgrade() -> None:
    op.create_table(
        "gains_benefit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=True),
        sa.Column("program_id", sa.Integer(), nullable=True),
        sa.Column("key", AutoString(length=32), nullable=False),
        sa.Column("measure", AutoString(), nullable=False),
        sa.Column("owner", AutoString(), nullable=False),
        sa.Column("unit", AutoString(length=32), nullable=False),
        sa.Column("baseline", sa.Numeric(18, 4), nullable=False),
        sa.Column("target", sa.Numeric(18, 4), nullable=False),
        sa.Column("target_date", sa.Date(), nullable=False),
        sa.Column("period", AutoString(length=7), nullable=False),
        sa.CheckConstraint("(project_id IS NULL) <> (program_id IS NULL)", name=op.f("ck_gains_benefit_one_subject")),
        sa.CheckConstraint("target <> baseline", name=op.f("ck_gains_benefit_target_not_baseline")),
        sa.ForeignKeyConstraint(
            ["project_id"], ["project.id"], name=op.f("fk_gains_benefit_project_id_project"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["program_id"], ["program.id"], name=op.f("fk_gains_benefit_program_id_program"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_gains_benefit")),
        sa.UniqueConstraint("project_id", "key", name="uq_gains_benefit_project_id_key"),
        sa.UniqueConstraint("program_id", "key", name="uq_gains_benefit_program_id_key"),
    )
    op.create_index(op.f("ix_gains_benefit_project_id"), "gains_benefit", ["project_id"], unique=False)
    op.create_index(op.f("ix_gains_benefit_program_id"), "gains_benefit", ["program_id"], unique=False)
    op.create_table(
        "gains_value",
        sa.Column("period", AutoString(length=7), nullable=False),
        sa.Column("benefit_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.Numeric(18, 4), nullable=False),
        sa.ForeignKeyConstraint(
            ["benefit_id"],
            ["gains_benefit.id"],
            name=op.f("fk_gains_value_benefit_id_gains_benefit"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("period", "benefit_id", name=op.f("pk_gains_value")),
    )


def downgrade() -> None:
    op.drop_table("gains_value")
    op.drop_index(op.f("ix_gains_benefit_program_id"), table_name="gains_benefit")
    op.drop_index(op.f("ix_gains_benefit_project_id"), table_name="gains_benefit")
    op.drop_table("gains_benefit")
