"""what parcels of the same contents and box have weighed: expectations learned

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06 08:00:00

Each closed parcel's weight adds to the profile of its contents and box (count, mean,
Welford's sum of squares): once a few agree, the counter checks against what such
parcels really weigh, also for products the catalogue has no weight for.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    now = sa.text("(CURRENT_TIMESTAMP)")
    op.create_table(
        "weight_profiles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("contents", sa.String(length=500), nullable=False),
        sa.Column("parcels", sa.Integer(), nullable=False),
        sa.Column("mean_g", sa.Float(), nullable=False),
        sa.Column("m2", sa.Float(), nullable=False),
        sa.Column("catalogue_g", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=now, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_weight_profiles")),
        sa.UniqueConstraint("key", name=op.f("uq_weight_profiles_key")),
    )


def downgrade() -> None:
    op.drop_table("weight_profiles")
