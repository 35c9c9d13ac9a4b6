"""products say what their serials look like

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 02:30:00

A product tracked by serial may carry a pattern (a regular expression a whole
serial must match); the counter refuses a code that does not match it at the serial
prompt. Products without one are checked as before.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("products", schema=None) as batch_op:
        batch_op.add_column(sa.Column("serial_pattern", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("products", schema=None) as batch_op:
        batch_op.drop_column("serial_pattern")
