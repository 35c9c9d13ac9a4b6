"""the tracking number a print job's bytes carry

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-06 15:45:00

A waybill job keeps its bytes (a reprint, or a retry of an interrupted job, sends them
again); when the order is reopened its label's number is voided, and those bytes must
not be sent any more. The job now says which number its bytes carry (None for a label
that carries the order's number), so the spool can compare it with the parcel's live
number before it sends them (``app.printing.job_gate``). A waybill job still waiting
or interrupted when this revision runs is given its parcel's number when its bytes
carry it (their text holds it: ZPL, TSPL); any other job made before says None, so
its bytes are sent again only for a parcel with no number (a reprint of one is refused
once the parcel has one: a fresh waybill is printed instead).

The downgrade clears the problems the code of revision 0023 does not know (it reads a
job's problem as a plain ``JobProblem`` and fails on any other): a withheld label
("label_withheld:...", this revision's) and a refused waybill with its order's status
("waybill_refused:on_hold", added earlier today with no revision of its own). Their
English words stay in ``last_error``.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0024"
down_revision: str | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


_JOBS = sa.table(
    "print_jobs",
    sa.column("id", sa.Integer),
    sa.column("order_id", sa.Integer),
    sa.column("parcel_id", sa.Integer),
    sa.column("document", sa.String),
    sa.column("status", sa.String),
    sa.column("payload", sa.LargeBinary),
    sa.column("tracking_number", sa.String),
    sa.column("problem", sa.String),
)
_PARCELS = sa.table(
    "parcels",
    sa.column("id", sa.Integer),
    sa.column("order_id", sa.Integer),
    sa.column("seq", sa.Integer),
    sa.column("tracking_number", sa.String),
)


def upgrade() -> None:
    with op.batch_alter_table("print_jobs") as batch:
        batch.add_column(sa.Column("tracking_number", sa.String(64), nullable=True))
    _numbers_of_waiting_waybills(op.get_bind())


def _numbers_of_waiting_waybills(conn: sa.Connection) -> None:
    """Waiting or interrupted waybills whose bytes carry their parcel's number: it."""
    waiting = conn.execute(
        sa.select(_JOBS.c.id, _JOBS.c.order_id, _JOBS.c.parcel_id, _JOBS.c.payload).where(
            _JOBS.c.document == "waybill",
            _JOBS.c.status.in_(("pending", "interrupted")),
            _JOBS.c.payload.is_not(None),
            _JOBS.c.order_id.is_not(None),
        )
    ).all()
    for job_id, order_id, parcel_id, payload in waiting:
        parcel = sa.select(_PARCELS.c.tracking_number)
        parcel = (
            parcel.where(_PARCELS.c.id == parcel_id)
            if parcel_id is not None
            else parcel.where(_PARCELS.c.order_id == order_id).order_by(_PARCELS.c.seq).limit(1)
        )
        number = conn.execute(parcel).scalar()
        if number and number.encode() in bytes(payload):
            conn.execute(
                sa.update(_JOBS).where(_JOBS.c.id == job_id).values(tracking_number=number)
            )


def downgrade() -> None:
    op.get_bind().execute(
        sa.update(_JOBS)
        .where(
            sa.or_(
                _JOBS.c.problem.startswith("waybill_refused", autoescape=True),
                _JOBS.c.problem.startswith("label_withheld", autoescape=True),
            )
        )
        .values(problem=None)
    )
    with op.batch_alter_table("print_jobs") as batch:
        batch.drop_column("tracking_number")
