"""recovery actions: a yellow or red dimension's way back to green (what, owner, due date)

Revision ID: 0010_recovery_actions
Revises: 0009_access
Create Date: 2026-12-06

Three columns of ``status_rating``, kept with the rating and its comment: versioned with the
status, audited, refused in a closed month. All three or none (``action_complete``).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0010_recovery_actions"
down_revision: str | Sequence[str] | None = "0009_access"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("status_rating", schema=None) as batch_op:
        batch_op.add_column(sa.Column("action", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
        batch_op.add_column(sa.Column("action_owner", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
        batch_op.add_column(sa.Column("action_due", sa.Date(), nullable=True))
        batch_op.create_check_constraint(
            op.f("ck_status_rating_action_complete"),
            "(action IS NULL) = (action_owner IS NULL) AND (action IS NULL) = (action_due IS NULL)",
        )


def downgrade() -> None:
    with op.batch_alter_table("status_rating", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_status_rating_action_complete"), type_="check")
        batch_op.drop_column("action_due")
        batch_op.drop_column("action_owner")
        batch_op.drop_column("action")
