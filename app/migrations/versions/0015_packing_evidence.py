"""packing evidence: clips of each order's parcels, their timeline, a station's camera

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-08 07:00:00

A station may have a camera (its SOURCE). Each order's parcel recorded at a counter is
one clip: its file, figures and SHA-256, whether its video is whole, partial or
missing (and the camera's problem), and the scans' moments in it. An order under a
customer's or a carrier's dispute keeps its clips whatever the retention rule says.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    now = sa.text("(CURRENT_TIMESTAMP)")
    with op.batch_alter_table("stations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("camera_source", sa.String(length=500), nullable=True))
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.add_column(sa.Column("disputed_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "evidence_clips",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("clip_uid", sa.String(length=32), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=True),
        sa.Column("order_number", sa.String(length=64), nullable=False),
        sa.Column("parcel_seq", sa.Integer(), nullable=False),
        sa.Column("station", sa.String(length=64), nullable=False),
        sa.Column("packer", sa.String(length=128), nullable=False),
        sa.Column("path", sa.String(length=1000), nullable=False),
        sa.Column("photo_path", sa.String(length=1000), nullable=True),
        sa.Column("photo_sha256", sa.String(length=64), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("duration_s", sa.Float(), nullable=False),
        sa.Column("frames", sa.Integer(), nullable=False),
        sa.Column("bytes", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.Column("codec", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("camera_problem", sa.String(length=500), nullable=True),
        sa.Column("stop_reason", sa.String(length=64), nullable=True),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=now, nullable=False),
        sa.CheckConstraint(
            "status IN ('ok', 'partial', 'no_video')",
            name=op.f("ck_evidence_clips_status_known"),
        ),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["orders.id"],
            name=op.f("fk_evidence_clips_order_id_orders"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_clips")),
        sa.UniqueConstraint("clip_uid", name=op.f("uq_evidence_clips_clip_uid")),
    )
    op.create_index(
        op.f("ix_evidence_clips_order_id"), "evidence_clips", ["order_id"], unique=False
    )
    op.create_index(
        op.f("ix_evidence_clips_order_number"), "evidence_clips", ["order_number"], unique=False
    )
    op.create_index(
        "ix_evidence_clips_station_started_at",
        "evidence_clips",
        ["station", "started_at"],
        unique=False,
    )
    op.create_table(
        "evidence_marks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("clip_id", sa.Integer(), nullable=False),
        sa.Column("offset_s", sa.Float(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("text", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(
            ["clip_id"],
            ["evidence_clips.id"],
            name=op.f("fk_evidence_marks_clip_id_evidence_clips"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_marks")),
    )
    op.create_index(op.f("ix_evidence_marks_clip_id"), "evidence_marks", ["clip_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_evidence_marks_clip_id"), table_name="evidence_marks")
    op.drop_table("evidence_marks")
    op.drop_index("ix_evidence_clips_station_started_at", table_name="evidence_clips")
    op.drop_index(op.f("ix_evidence_clips_order_number"), table_name="evidence_clips")
    op.drop_index(op.f("ix_evidence_clips_order_id"), table_name="evidence_clips")
    op.drop_table("evidence_clips")
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.drop_column("disputed_at")
    with op.batch_alter_table("stations", schema=None) as batch_op:
        batch_op.drop_column("camera_source")
