"""test plugin: notes

Revision ID: notes_0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "notes_0001"
down_revision = None
branch_labels = ("notes",)
depends_on = "0002_versions_audit"


def upgrade() -> None:
    op.create_table(
        "test_note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("amount", sa.Numeric(12, 2), nullable=False),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"], name=op.f("fk_test_note_project_id_project")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_test_note")),
    )


def downgrade() -> None:
    op.drop_table("test_note")
