"""carriers' shipments to cancel: a label voided or an order cancelled after a carrier's
API made its shipment

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-09 07:00:00

Each row is one shipment to cancel at the carrier that made it, asked until the
carrier says it is gone, or given up (with why) for a person to see.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    now = sa.text("(CURRENT_TIMESTAMP)")
    op.create_table(
        "carrier_cancellations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("carrier_id", sa.Integer(), nullable=False),
        sa.Column("parcel_id", sa.Integer(), nullable=True),
        sa.Column("tracking_number", sa.String(length=64), nullable=False),
        sa.Column("why", sa.String(length=64), nullable=False),
        sa.Column("tries", sa.Integer(), nullable=False),
        sa.Column("next_try_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_error", sa.String(length=500), nullable=True),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("given_up_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=now, nullable=False),
        sa.ForeignKeyConstraint(
            ["carrier_id"],
            ["carriers.id"],
            name=op.f("fk_carrier_cancellations_carrier_id_carriers"),
        ),
        sa.ForeignKeyConstraint(
            ["parcel_id"],
            ["parcels.id"],
            name=op.f("fk_carrier_cancellations_parcel_id_parcels"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_carrier_cancellations")),
        sa.UniqueConstraint(
            "carrier_id", "tracking_number", name="uq_carrier_cancellations_carrier_number"
        ),
    )
    op.create_index(
        op.f("ix_carrier_cancellations_next_try_at"),
        "carrier_cancellations",
        ["next_try_at"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_carrier_cancellations_next_try_at"), table_name="carrier_cancellations")
    op.drop_table("carrier_cancellations")
