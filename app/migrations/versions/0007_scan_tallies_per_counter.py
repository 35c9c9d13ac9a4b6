"""scan tallies per quarter hour, user and counter

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04 19:30:00

Eight counters with one badge signed in (or with nobody signed in) all added every
scan to the same tally row, so each scan waited for the others' to commit. A tally
is now kept per counter as well; the KPIs add a user's tallies up as before. The
tallies kept before this revision stay as they are, under counter 0.

A counter still running an older Packdesk cannot add to the tallies once this runs
(its upsert names the old key): on a shared PostgreSQL database, update every
counter together.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COUNTED = "scans, rejected, manual, items"


def upgrade() -> None:
    with op.batch_alter_table("scan_tallies", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("station_id", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.drop_constraint("uq_scan_tallies_period_user", type_="unique")
        batch_op.create_unique_constraint(
            "uq_scan_tallies_period_user_station", ["period", "user_id", "station_id"]
        )


def downgrade() -> None:
    # a user's tallies at several counters become one again: the sums go in at counter
    # -1 (no counter's), the rows summed go, and -1 becomes 0
    bind = op.get_bind()
    bind.exec_driver_sql(
        f"INSERT INTO scan_tallies (period, user_id, station_id, {_COUNTED}) "
        "SELECT period, user_id, -1, sum(scans), sum(rejected), sum(manual), sum(items) "
        "FROM scan_tallies GROUP BY period, user_id"
    )
    bind.exec_driver_sql("DELETE FROM scan_tallies WHERE station_id <> -1")
    bind.exec_driver_sql("UPDATE scan_tallies SET station_id = 0")
    with op.batch_alter_table("scan_tallies", schema=None) as batch_op:
        batch_op.drop_constraint("uq_scan_tallies_period_user_station", type_="unique")
        batch_op.create_unique_constraint("uq_scan_tallies_period_user", ["period", "user_id"])
        batch_op.drop_column("station_id")
