"""a parcel keeps the weight it should have had

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 04:30:00

A parcel weighed at the counter keeps its measured weight (``weight_g``, as before)
and what its items and box should weigh (``expected_weight_g``; empty when an item
has no unit weight, or for parcels not weighed).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("parcels", schema=None) as batch_op:
        batch_op.add_column(sa.Column("expected_weight_g", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("parcels", schema=None) as batch_op:
        batch_op.drop_column("expected_weight_g")
