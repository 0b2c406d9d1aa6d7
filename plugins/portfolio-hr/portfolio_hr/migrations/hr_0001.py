"""hr: sick leave, AML breaches and free text per month

Revision ID: hr_0001
Revises:
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "hr_0001"
down_revision = None
branch_labels = ("hr",)
depends_on = "0002_versions_audit"

PERCENT_FIELDS = ("total", "short_term", "long_term", "self_certified", "doctor_certified")


def upgrade() -> None:
    op.create_table(
        "hr_sick_leave",
        sa.Column("period", sqlmodel.sql.sqltypes.AutoString(length=7), nullable=False),
        sa.Column("total", sa.Numeric(5, 2), nullable=False),
        sa.Column("short_term", sa.Numeric(5, 2), nullable=True),
        sa.Column("long_term", sa.Numeric(5, 2), nullable=True),
        sa.Column("self_certified", sa.Numeric(5, 2), nullable=True),
        sa.Column("doctor_certified", sa.Numeric(5, 2), nullable=True),
        *(
            sa.CheckConstraint(f"{name} BETWEEN 0 AND 100", name=op.f(f"ck_hr_sick_leave_{name}_range"))
            for name in PERCENT_FIELDS
        ),
        sa.PrimaryKeyConstraint("period", name=op.f("pk_hr_sick_leave")),
    )
    op.create_table(
        "hr_aml_breach",
        sa.Column("period", sqlmodel.sql.sqltypes.AutoString(length=7), nullable=False),
        sa.Column("breach_type", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.CheckConstraint("count >= 0", name=op.f("ck_hr_aml_breach_count_not_negative")),
        sa.PrimaryKeyConstraint("period", "breach_type", name=op.f("pk_hr_aml_breach")),
    )
    op.create_table(
        "hr_text",
        sa.Column("period", sqlmodel.sql.sqltypes.AutoString(length=7), nullable=False),
        sa.Column("part", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint("period", "part", name=op.f("pk_hr_text")),
    )


def downgrade() -> None:
    op.drop_table("hr_text")
    op.drop_table("hr_aml_breach")
    op.drop_table("hr_sick_leave")
