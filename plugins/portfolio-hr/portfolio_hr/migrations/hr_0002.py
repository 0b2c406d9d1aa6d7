"""hr: the possible working days behind a month's sick leave, to weigh the year's average by them

Revision ID: hr_0002
Revises: hr_0001
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "hr_0002"
down_revision = "hr_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("hr_sick_leave", schema=None) as batch_op:
        batch_op.add_column(sa.Column("possible_days", sa.Numeric(11, 2), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("hr_sick_leave", schema=None) as batch_op:
        batch_op.drop_column("possible_days")
