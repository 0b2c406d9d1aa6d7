"""program justification and residual risk: a program's reason to differ from its projects, a risk after measures

Revision ID: 0004_rollup_residual
Revises: 0003_status_history_index
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0004_rollup_residual"
down_revision: str | Sequence[str] | None = "0003_status_history_index"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("status_report", schema=None) as batch_op:
        batch_op.add_column(sa.Column("justification", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
    with op.batch_alter_table("risk_assessment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("residual_probability", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("residual_consequence", sa.Integer(), nullable=True))
        batch_op.create_check_constraint(
            op.f("ck_risk_assessment_residual_probability_range"), "residual_probability BETWEEN 1 AND 5"
        )
        batch_op.create_check_constraint(
            op.f("ck_risk_assessment_residual_consequence_range"), "residual_consequence BETWEEN 1 AND 5"
        )
        batch_op.create_check_constraint(
            op.f("ck_risk_assessment_residual_pair"), "(residual_probability IS NULL) = (residual_consequence IS NULL)"
        )


def downgrade() -> None:
    with op.batch_alter_table("risk_assessment", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_risk_assessment_residual_pair"), type_="check")
        batch_op.drop_constraint(op.f("ck_risk_assessment_residual_consequence_range"), type_="check")
        batch_op.drop_constraint(op.f("ck_risk_assessment_residual_probability_range"), type_="check")
        batch_op.drop_column("residual_consequence")
        batch_op.drop_column("residual_probability")
    with op.batch_alter_table("status_report", schema=None) as batch_op:
        batch_op.drop_column("justification")
