"""order history by order, state and time

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 16:05:00

"When did this order enter its current state" (the board's age in state and its
stuck alerts) looks up one order's history rows of one state. With only
``order_id`` and ``(to_status, at)`` indexes, SQLite without statistics (a database
never ANALYZEd) may pick the state index and read every row of that state for each
order; this index answers the look-up from the index alone.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("order_history", schema=None) as batch_op:
        batch_op.create_index(
            "ix_order_history_order_state_at", ["order_id", "to_status", "at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("order_history", schema=None) as batch_op:
        batch_op.drop_index("ix_order_history_order_state_at")
