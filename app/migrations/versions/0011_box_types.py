"""a catalogue of boxes, and the box each parcel went into

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 05:00:00

Boxes and bags (barcode, name, inner size, tare) are chosen at the counter by
scanning the box's barcode; a parcel keeps the box it went into, and its tare is
part of what the parcel should weigh.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    now = sa.text("(CURRENT_TIMESTAMP)")
    op.create_table(
        "box_types",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("inner_length_mm", sa.Integer(), nullable=True),
        sa.Column("inner_width_mm", sa.Integer(), nullable=True),
        sa.Column("inner_height_mm", sa.Integer(), nullable=True),
        sa.Column("tare_g", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=now, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=now, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_box_types")),
        sa.UniqueConstraint("code", name=op.f("uq_box_types_code")),
    )
    with op.batch_alter_table("parcels", schema=None) as batch_op:
        batch_op.add_column(sa.Column("box_type_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            op.f("fk_parcels_box_type_id_box_types"), "box_types", ["box_type_id"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("parcels", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("fk_parcels_box_type_id_box_types"), type_="foreignkey")
        batch_op.drop_column("box_type_id")
    op.drop_table("box_types")
