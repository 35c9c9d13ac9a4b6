"""a print job's problem kind: the carrier's, not the printer's, worded by the screens

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-09 08:00:00

``last_error`` keeps the words for the print queue and the command line; ``problem``
names the kind (the carrier did not answer, refused, or has no numbers left) so that
a counter can say it in its own language and tell the packer what to do.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("print_jobs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("problem", sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("print_jobs", schema=None) as batch_op:
        batch_op.drop_column("problem")
