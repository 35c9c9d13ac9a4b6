"""the tracking number a print job's bytes carry

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-06 15:45:00

A waybill job keeps its bytes (a reprint, or a retry of an interrupted job, sends them
again); when the order is reopened its label's number is voided, and those bytes must
not be sent any more. The job now says which number its bytes carry (None for a label
that carries the order's number), so the spool can compare it with the parcel's live
number before it sends them (``app.printing.job_gate``). A waybill job still waiting,
being sent or interrupted when this revision runs is given its parcel's number when its
bytes carry it: their text holds it (ZPL, TSPL), or, for bytes whose text never shows it
(PDF, PNG are compressed), no label of that parcel was voided after the job was made (a
parcel's number changes only when its label is voided, ``label.voided`` in the audit).
Any other job made before says None, so its bytes are sent again only for a parcel with
no number (a reprint of one is refused once the parcel has one: a fresh waybill is
printed instead).

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
    sa.column("format", sa.String),
    sa.column("created_at", sa.DateTime),
)
_PARCELS = sa.table(
    "parcels",
    sa.column("id", sa.Integer),
    sa.column("order_id", sa.Integer),
    sa.column("seq", sa.Integer),
    sa.column("tracking_number", sa.String),
)
_AUDIT = sa.table(
    "audit_events",
    sa.column("action", sa.String),
    sa.column("entity", sa.String),
    sa.column("entity_id", sa.Integer),
    sa.column("at", sa.DateTime),
)


def upgrade() -> None:
    with op.batch_alter_table("print_jobs") as batch:
        batch.add_column(sa.Column("tracking_number", sa.String(64), nullable=True))
    _numbers_of_waiting_waybills(op.get_bind())


def _numbers_of_waiting_waybills(conn: sa.Connection) -> None:
    """Waybills waiting, being sent or interrupted: their parcel's number (the job's
    parcel, else the order's first) when their bytes carry it. One read, streamed, and
    one update of them all."""
    first = _PARCELS.alias("first_parcel")
    first_of_order = (
        sa.select(first.c.id)
        .where(first.c.order_id == _JOBS.c.order_id)
        .order_by(first.c.seq)
        .limit(1)
        .scalar_subquery()
    )
    voided_since = (
        sa.exists()
        .where(
            _AUDIT.c.action == "label.voided",
            _AUDIT.c.entity == "parcel",
            _AUDIT.c.entity_id == _PARCELS.c.id,
            _AUDIT.c.at >= _JOBS.c.created_at,
        )
        .label("voided_since")
    )
    waiting = (
        sa.select(
            _JOBS.c.id, _JOBS.c.format, _JOBS.c.payload, _PARCELS.c.tracking_number, voided_since
        )
        .select_from(
            _JOBS.join(
                _PARCELS, _PARCELS.c.id == sa.func.coalesce(_JOBS.c.parcel_id, first_of_order)
            )
        )
        .where(
            _JOBS.c.document == "waybill",
            _JOBS.c.status.in_(("pending", "sending", "interrupted")),
            _JOBS.c.payload.is_not(None),
            _JOBS.c.order_id.is_not(None),
            _PARCELS.c.tracking_number.is_not(None),
        )
    )  # (yield_per streams the rows: a server-side cursor on PostgreSQL)
    found = [
        {"job_id": job_id, "number": number}
        for job_id, fmt, payload, number, voided in conn.execute(
            waiting.execution_options(yield_per=500)
        )
        if _carries(fmt, bytes(payload), number, voided)
    ]
    if found:
        conn.execute(
            sa.update(_JOBS)
            .where(_JOBS.c.id == sa.bindparam("job_id"))
            .values(tracking_number=sa.bindparam("number")),
            found,
        )


def _carries(fmt: str, payload: bytes, number: str, voided_since: bool) -> bool:
    """Whether a label's bytes carry the parcel's number: its text holds it (ZPL, TSPL);
    for compressed bytes (PDF, PNG), whose text never shows it, when no label of the
    parcel was voided after the job was made (a parcel's number changes only so)."""
    if fmt in ("zpl", "tspl"):
        return number.encode() in payload
    return not voided_since


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
