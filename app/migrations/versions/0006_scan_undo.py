"""scan events: what UNDO takes back besides packed items

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04 14:00:00

The item scanned after SHORT (or NOT-FOUND, DAMAGED) marks its line's missing units
short: ``scan_events.short_units`` keeps how many. NEXT-PARCEL begins a parcel:
``scan_events.began_parcel`` keeps which (its number in the order). UNDO takes
either back as it takes back a packed item. Scans logged before this revision
marked nothing and began nothing UNDO can find (0, NULL); their marks stay in the
audit events.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # ALTER TABLE ... ADD COLUMN on both back-ends: copying scan_events on SQLite would
    # take as long as the table is big, and it refers to itself (undone_by_id)
    with op.batch_alter_table("scan_events", schema=None, recreate="never") as batch_op:
        batch_op.add_column(
            sa.Column("short_units", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(sa.Column("began_parcel", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("scan_events", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("began_parcel")
        batch_op.drop_column("short_units")
