"""access: the login that manages a project or program, and the login of each audit row

Revision ID: 0009_access
Revises: 0008_one_narrative
Create Date: 2026-12-06

``project.manager_login`` and ``program.manager_login`` link a project or program to the
database login of its manager: on PostgreSQL the row-level security that ``portfolio access
setup`` installs lets a manager write only the statuses, risks, measures and texts of what they
manage. ``audit_log.login`` names who made a change as the server knows them: on PostgreSQL its
default is ``session_user``, filled by the server, so no client can write another name there
(``user`` stays the display name a client gives with ``--as``).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0009_access"
down_revision: str | Sequence[str] | None = "0008_one_narrative"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LOGIN = 64


def upgrade() -> None:
    for table in ("project", "program"):
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(
                sa.Column("manager_login", sqlmodel.sql.sqltypes.AutoString(length=LOGIN), nullable=True)
            )
    with op.batch_alter_table("audit_log") as batch_op:
        batch_op.add_column(sa.Column("login", sqlmodel.sql.sqltypes.AutoString(length=LOGIN), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        # Set after the column is added, so the rows already there keep no login rather than
        # the name of whoever runs the migration.
        op.alter_column("audit_log", "login", server_default=sa.text("session_user"))


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        # the policies 'portfolio access setup' made on the trail read its login
        for policy in ("portfolio_insert", "portfolio_stamp"):
            op.execute(f"DROP POLICY IF EXISTS {policy} ON audit_log")
    with op.batch_alter_table("audit_log") as batch_op:
        batch_op.drop_column("login")
    for table in ("program", "project"):
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_column("manager_login")
