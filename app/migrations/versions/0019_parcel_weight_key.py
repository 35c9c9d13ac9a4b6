"""a weighed parcel names the profile its weight was learned into

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-09 07:00:00

A parcel's closing weight is folded into the profile of its contents and box
(``weight_profiles``); the parcel keeps that profile's key (``weight_key``), so an
UNDO that takes the weight back takes it out of the same profile. Empty for parcels
not weighed, or weighed before this revision (their weights are left as learned).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("parcels", schema=None) as batch_op:
        batch_op.add_column(sa.Column("weight_key", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("parcels", schema=None) as batch_op:
        batch_op.drop_column("weight_key")
