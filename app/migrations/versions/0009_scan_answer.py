"""the scan log keeps the rest of each answer

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 03:00:00

A retried scan id is answered with the verdict it was first given; the log kept its
counts and message, but not the item of a wrong-item answer, the order it belongs to,
a warning or the command. They are kept in one JSON column now; events logged before
keep answering as they did.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("scan_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("answer", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("scan_events", schema=None) as batch_op:
        batch_op.drop_column("answer")
