"""printers: the print spool's lease; print jobs: the "interrupted" status

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24 10:00:00

Two programs on one database (two windows, or a window and ``packdesk scan``) each
run a print worker per printer. ``printers.lease_holder`` and
``printers.lease_expires_at`` (the database server's time) say which one drives the
printer now; the others wait until it lets go or stops renewing. A job found
"sending" by a worker that takes over from a program that stopped mid-send becomes
"interrupted": it may have printed, so a person decides whether to send it again.

The job status is a VARCHAR with a CHECK constraint on both back-ends (not a native
PostgreSQL enum), so the new value means a new CHECK constraint.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHECK = "ck_print_jobs_job_status"
BEFORE = ("pending", "sending", "done", "failed", "cancelled")
AFTER = (*BEFORE, "interrupted")


def _status_in(values: tuple[str, ...]) -> str:
    return "status IN (" + ", ".join(f"'{v}'" for v in values) + ")"


def _replace_status_check(values: tuple[str, ...]) -> None:
    # SQLite copies the table to change a CHECK (env.py turns its foreign keys off
    # meanwhile: a reprint refers to its original); PostgreSQL alters it in place
    with op.batch_alter_table("print_jobs", schema=None) as batch_op:
        batch_op.drop_constraint(op.f(CHECK), type_="check")
        batch_op.create_check_constraint(op.f(CHECK), _status_in(values))


def upgrade() -> None:
    with op.batch_alter_table("printers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("lease_holder", sa.String(length=100), nullable=True))
        batch_op.add_column(
            sa.Column("lease_expires_at", sa.DateTime(timezone=True), nullable=True)
        )
    _replace_status_check(AFTER)


def downgrade() -> None:
    # an interrupted job goes back to the nearest older word: it waits for a person
    op.execute("UPDATE print_jobs SET status = 'failed' WHERE status = 'interrupted'")
    _replace_status_check(BEFORE)
    # ALTER TABLE ... DROP COLUMN (SQLite 3.35+): copying the table instead would drop
    # "printers", which the print jobs' foreign keys refer to
    with op.batch_alter_table("printers", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("lease_expires_at")
        batch_op.drop_column("lease_holder")
