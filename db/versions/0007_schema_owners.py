"""schema owners: which revision the core or which plugin applied, so an uninstalled plugin's
tables can stay unused instead of making the database unreadable

Revision ID: 0007_schema_owners
Revises: 0006_report_archive
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0007_schema_owners"
down_revision: str | Sequence[str] | None = "0006_report_archive"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Filled by portfolio.schema after every upgrade and downgrade: only it knows the owners.
    op.create_table(
        "schema_revision",
        sa.Column("revision", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
        sa.Column("owner", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("builds_on", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint("revision", name=op.f("pk_schema_revision")),
    )


def downgrade() -> None:
    op.drop_table("schema_revision")
