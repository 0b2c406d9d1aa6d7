"""stored settings: a plugin's settings kept in the database, used when portfolio.toml has none

Revision ID: 0005_stored_settings
Revises: 0004_rollup_residual
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0005_stored_settings"
down_revision: str | Sequence[str] | None = "0004_rollup_residual"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "stored_setting",
        sa.Column("scope", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.Column("updated_by", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("scope", name=op.f("pk_stored_setting")),
    )


def downgrade() -> None:
    op.drop_table("stored_setting")
