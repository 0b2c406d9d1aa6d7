"""status history index: a project's months without scanning every report

Revision ID: 0003_status_history_index
Revises: 0002_versions_audit
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0003_status_history_index"
down_revision: str | Sequence[str] | None = "0002_versions_audit"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("status_report", schema=None) as batch_op:
        batch_op.create_index("ix_status_report_project_period", ["project_id", "period"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("status_report", schema=None) as batch_op:
        batch_op.drop_index("ix_status_report_project_period")
