"""the tracking number a print job's bytes carry

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-06 15:45:00

A waybill job keeps its bytes (a reprint, or a retry of an interrupted job, sends them
again); when the order is reopened its label's number is voided, and those bytes must
not be sent any more. The job now says which number its bytes carry (None for a label
that carries the order's number), so the spool can compare it with the parcel's live
number before it sends them (``app.printing.job_gate``). Jobs rendered before this
revision say None.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0024"
down_revision: str | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("print_jobs") as batch:
        batch.add_column(sa.Column("tracking_number", sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("print_jobs") as batch:
        batch.drop_column("tracking_number")
