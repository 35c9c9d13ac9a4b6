"""scan tallies per quarter hour and user; order history by state and time

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 16:40:00

The KPIs over 30 days of a busy floor (a million scan events) must answer in well
under a second; SQLite alone needs several seconds to group that many rows. The
packing engine now keeps ``scan_tallies`` up to date in each scan's transaction;
this revision creates the table and fills it from the scan events already stored.
The index on ``order_history (to_status, at)`` serves "packed / shipped between
these times"; the one on ``orders (carrier, status)`` the backlog by carrier.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REJECTED = (
    "'wrong_item', 'over_scan', 'unknown_code', 'invalid_input', 'duplicate_serial', "
    "'expired_lot', 'not_packable', 'order_claimed_elsewhere', 'no_open_order', "
    "'not_signed_in'"
)
_PERIOD = {
    "sqlite": "substr(at, 1, 14) || printf('%02d', (CAST(substr(at, 15, 2) AS INTEGER) / 15) "
    "* 15) || ':00.000000'",
    "postgresql": "to_timestamp(floor(extract(epoch FROM at) / 900) * 900)",
}


def upgrade() -> None:
    op.create_table(
        "scan_tallies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("scans", sa.Integer(), nullable=False),
        sa.Column("rejected", sa.Integer(), nullable=False),
        sa.Column("manual", sa.Integer(), nullable=False),
        sa.Column("items", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scan_tallies")),
        sa.UniqueConstraint("period", "user_id", name="uq_scan_tallies_period_user"),
    )
    with op.batch_alter_table("order_history", schema=None) as batch_op:
        batch_op.create_index("ix_order_history_to_status_at", ["to_status", "at"], unique=False)
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.create_index("ix_orders_carrier_status", ["carrier", "status"], unique=False)
    period = _PERIOD[op.get_bind().dialect.name]
    # driver SQL: no bind parameters, so ":00" and "%02d" stay as written
    op.get_bind().exec_driver_sql(
        f"""
        INSERT INTO scan_tallies (period, user_id, scans, rejected, manual, items)
        SELECT {period}, COALESCE(user_id, 0), count(*),
               sum(CASE WHEN outcome IN ({REJECTED}) THEN 1 ELSE 0 END),
               sum(CASE WHEN manual THEN 1 ELSE 0 END),
               sum(CASE WHEN outcome IN ('accepted', 'order_complete')
                         AND undone_by_id IS NULL THEN units ELSE 0 END)
        FROM scan_events
        WHERE outcome NOT IN ('login', 'command')
        GROUP BY 1, 2
        """
    )


def downgrade() -> None:
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.drop_index("ix_orders_carrier_status")
    with op.batch_alter_table("order_history", schema=None) as batch_op:
        batch_op.drop_index("ix_order_history_to_status_at")
    op.drop_table("scan_tallies")
