"""one narrative per month, scope and program: duplicates merged, then a unique key

Revision ID: 0008_one_narrative
Revises: 0007_schema_owners
Create Date: 2026-12-06

Concurrent ``narrative set`` calls on PostgreSQL could each find no text and each insert one. Of
each group of duplicates the row written last is kept: the one the audit trail names last, else
the newest row. The others are deleted (and the deletion is audited), then the key is made.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0008_one_narrative"
down_revision: str | Sequence[str] | None = "0007_schema_owners"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

WITHOUT_PROGRAM = sa.text("program_id IS NULL")
AUDIT = sa.table(
    "audit_log",
    sa.column("at", sqlmodel.sql.sqltypes.UTCDateTime()),
    *(sa.column(name, sa.String()) for name in ("user", "action", "table_name", "row_key", "subject", "period")),
    *(sa.column(name, sa.String()) for name in ("field", "old_value", "new_value")),
)


def upgrade() -> None:
    connection = op.get_bind()
    rows = connection.execute(
        sa.text("SELECT id, period, scope, coalesce(program_id, 0), text FROM narrative ORDER BY id")
    ).all()
    groups: dict[tuple[str, str, int], list[tuple[int, str]]] = {}
    for id_, period, scope, program, body in rows:
        groups.setdefault((period, scope, program), []).append((id_, body))
    last_written = dict(
        connection.execute(
            sa.text("SELECT row_key, max(id) FROM audit_log WHERE table_name = 'narrative' GROUP BY row_key")
        ).all()
    )
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    for (period, scope, _program), members in groups.items():
        if len(members) < 2:
            continue
        keep = max(members, key=lambda member: (last_written.get(str(member[0]), 0), member[0]))
        for id_, body in members:
            if id_ == keep[0]:
                continue
            connection.execute(sa.text("DELETE FROM narrative WHERE id = :id"), {"id": id_})
            connection.execute(
                AUDIT.insert(),
                {
                    "at": now,
                    "user": "migration 0007",
                    "action": "delete",
                    "table_name": "narrative",
                    "row_key": str(id_),
                    "subject": None,
                    "period": period,
                    "field": f"{scope} text",
                    "old_value": body,
                    "new_value": None,
                },
            )
    with op.batch_alter_table("narrative") as batch_op:
        batch_op.create_unique_constraint("uq_narrative_period_scope_program", ["period", "scope", "program_id"])
    op.create_index(
        "uq_narrative_period_scope",
        "narrative",
        ["period", "scope"],
        unique=True,
        sqlite_where=WITHOUT_PROGRAM,
        postgresql_where=WITHOUT_PROGRAM,
    )


def downgrade() -> None:
    op.drop_index("uq_narrative_period_scope", table_name="narrative")
    with op.batch_alter_table("narrative") as batch_op:
        batch_op.drop_constraint("uq_narrative_period_scope_program", type_="unique")
