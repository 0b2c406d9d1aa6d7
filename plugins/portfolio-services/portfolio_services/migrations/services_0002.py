"""services: order categories come from configuration ([plugins.services] categories)

The CHECK constraint that held an order's category to the three built-in ones is dropped: the
plugin checks the category against the configured list when an order is imported or recorded.
On SQLite the table is copied (batch mode); the hours that refer to its orders are kept aside
and put back, since dropping the old copy would otherwise delete them by their ON DELETE CASCADE.

Revision ID: services_0002
Revises: services_0001
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "services_0002"
down_revision = "services_0001"
branch_labels = None
depends_on = None

BUILT_IN = "category IN ('new-service', 'advisory', 'network')"
NAME = "ck_services_order_category_value"


def _recreating(change: str) -> None:
    """Run ``change`` on services_order, keeping services_order_hours' rows on SQLite."""
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        op.execute("CREATE TEMPORARY TABLE services_hours_kept AS SELECT * FROM services_order_hours")
    with op.batch_alter_table("services_order", schema=None) as batch_op:
        if change == "drop":
            batch_op.drop_constraint(op.f(NAME), type_="check")
        else:
            batch_op.create_check_constraint(op.f(NAME), BUILT_IN)
    if sqlite:
        op.execute("DELETE FROM services_order_hours")
        op.execute(
            "INSERT INTO services_order_hours (order_id, work_date, hours) "
            "SELECT order_id, work_date, hours FROM services_hours_kept"
        )
        op.execute("DROP TABLE services_hours_kept")


def upgrade() -> None:
    _recreating("drop")


def downgrade() -> None:
    others = (
        op.get_bind()
        .execute(
            sa.text(
                "SELECT DISTINCT category FROM services_order "
                "WHERE category NOT IN ('new-service', 'advisory', 'network') ORDER BY category"
            )
        )
        .scalars()
        .all()
    )
    if others:
        raise RuntimeError(
            f"services_order has orders of the categories {', '.join(others)}, which the previous schema "
            "does not allow; change or remove them before going back past services_0002"
        )
    _recreating("create")
