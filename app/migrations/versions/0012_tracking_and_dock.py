"""carriers, pools of tracking numbers, and the loads parcels are handed over onto

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06 07:00:00

A carrier's profile says where its tracking numbers come from (the order import, a
pool it allocated in advance, or its API) and when its truck leaves. Each parcel
keeps the carrier its label was made for, the carrier's sort code and own label, and
when, where and by whom it was scanned out onto a load; a closed load is a manifest.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    now = sa.text("(CURRENT_TIMESTAMP)")
    op.create_table(
        "carriers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("tracking_source", sa.String(length=8), nullable=False),
        sa.Column("check_rule", sa.String(length=8), nullable=False),
        sa.Column("api_url", sa.String(length=500), nullable=True),
        sa.Column("api_key", sa.String(length=200), nullable=True),
        sa.Column("cutoff", sa.String(length=5), nullable=True),
        sa.Column("pool_low_at", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=now, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_carriers")),
        sa.UniqueConstraint("name", name=op.f("uq_carriers_name")),
    )
    op.create_table(
        "loads",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("carrier", sa.String(length=64), nullable=False),
        sa.Column("number", sa.String(length=64), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), server_default=now, nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_by_user_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["closed_by_user_id"], ["users.id"], name=op.f("fk_loads_closed_by_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_loads")),
        sa.UniqueConstraint("number", name=op.f("uq_loads_number")),
    )
    op.create_index(op.f("ix_loads_carrier"), "loads", ["carrier"], unique=False)
    with op.batch_alter_table("parcels", schema=None) as batch_op:
        # a tracking number is one parcel's: the dock finds a parcel by it
        batch_op.drop_index(batch_op.f("ix_parcels_tracking_number"))
        batch_op.create_index(
            batch_op.f("ix_parcels_tracking_number"), ["tracking_number"], unique=True
        )
        batch_op.add_column(sa.Column("carrier", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("routing_code", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("carrier_label", sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column("carrier_label_format", sa.String(length=8), nullable=True))
        batch_op.add_column(sa.Column("load_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("handed_over_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("handed_over_by_user_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("handed_over_station_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(op.f("fk_parcels_load_id_loads"), "loads", ["load_id"], ["id"])
        batch_op.create_foreign_key(
            op.f("fk_parcels_handed_over_by_user_id_users"),
            "users",
            ["handed_over_by_user_id"],
            ["id"],
        )
        batch_op.create_foreign_key(
            op.f("fk_parcels_handed_over_station_id_stations"),
            "stations",
            ["handed_over_station_id"],
            ["id"],
        )
        batch_op.create_index(batch_op.f("ix_parcels_load_id"), ["load_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_parcels_handed_over_at"), ["handed_over_at"], unique=False
        )
    op.create_table(
        "tracking_pool",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("carrier_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=64), nullable=False),
        sa.Column("parcel_id", sa.Integer(), nullable=True),
        sa.Column("imported_at", sa.DateTime(timezone=True), server_default=now, nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["carrier_id"], ["carriers.id"], name=op.f("fk_tracking_pool_carrier_id_carriers")
        ),
        sa.ForeignKeyConstraint(
            ["parcel_id"], ["parcels.id"], name=op.f("fk_tracking_pool_parcel_id_parcels")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tracking_pool")),
        sa.UniqueConstraint("number", name=op.f("uq_tracking_pool_number")),
        sa.UniqueConstraint("parcel_id", name=op.f("uq_tracking_pool_parcel_id")),
    )
    op.create_index(
        "ix_tracking_pool_carrier_free", "tracking_pool", ["carrier_id", "used_at"], unique=False
    )
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.add_column(sa.Column("tracking_number", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.drop_column("tracking_number")
    op.drop_index("ix_tracking_pool_carrier_free", table_name="tracking_pool")
    op.drop_table("tracking_pool")
    with op.batch_alter_table("parcels", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_parcels_tracking_number"))
        batch_op.create_index(
            batch_op.f("ix_parcels_tracking_number"), ["tracking_number"], unique=False
        )
        batch_op.drop_index(batch_op.f("ix_parcels_handed_over_at"))
        batch_op.drop_index(batch_op.f("ix_parcels_load_id"))
        batch_op.drop_constraint(
            op.f("fk_parcels_handed_over_station_id_stations"), type_="foreignkey"
        )
        batch_op.drop_constraint(
            op.f("fk_parcels_handed_over_by_user_id_users"), type_="foreignkey"
        )
        batch_op.drop_constraint(op.f("fk_parcels_load_id_loads"), type_="foreignkey")
        for column in (
            "handed_over_station_id",
            "handed_over_by_user_id",
            "handed_over_at",
            "load_id",
            "carrier_label_format",
            "carrier_label",
            "routing_code",
            "carrier",
        ):
            batch_op.drop_column(column)
    op.drop_index(op.f("ix_loads_carrier"), table_name="loads")
    op.drop_table("loads")
    op.drop_table("carriers")
