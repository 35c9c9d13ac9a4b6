"""audit chain: each audit event a link of its source's hash chain

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-06 09:30:00

Every audit event gets its chain (its counter's, or ``central``), its number in it,
the SHA-256 of the event before and its own (``app.audit.chain``); ``audit_chains``
holds each chain's newest link. Events recorded before are chained in the order they
were written (by id), so ``packdesk audit verify`` vouches for them from now on.
"""

from collections import defaultdict
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from app.audit.chain import GENESIS, chain_of
from app.audit.stored import reseal

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_EVENTS = sa.table(
    "audit_events",
    sa.column("id", sa.Integer()),
    sa.column("station_id", sa.Integer()),
    sa.column("chain", sa.String()),
    sa.column("seq", sa.BigInteger()),
    sa.column("prev_hash", sa.String()),
    sa.column("hash", sa.String()),
)
_CHAINS = sa.table(
    "audit_chains",
    sa.column("chain", sa.String()),
    sa.column("seq", sa.BigInteger()),
    sa.column("hash", sa.String()),
    sa.column("prev_hash", sa.String()),
)


def upgrade() -> None:
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("chain", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("seq", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("prev_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("hash", sa.String(length=64), nullable=True))
    op.create_table(
        "audit_chains",
        sa.Column("chain", sa.String(length=64), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("chain", name=op.f("pk_audit_chains")),
    )
    _chain_recorded_events(op.get_bind())
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        for name in ("chain", "seq", "prev_hash", "hash"):
            batch_op.alter_column(name, nullable=False)
        batch_op.create_unique_constraint("uq_audit_events_chain_seq", ["chain", "seq"])


def _chain_recorded_events(conn: sa.Connection) -> None:
    """The events already recorded, chained per source in the order of their ids."""
    counts: dict[str, int] = defaultdict(int)
    numbered = []
    for key, station in conn.execute(
        sa.select(_EVENTS.c.id, _EVENTS.c.station_id).order_by(_EVENTS.c.id)
    ):
        chain = chain_of(station)
        counts[chain] += 1
        numbered.append({"key": key, "c": chain, "s": counts[chain]})
    if not numbered:
        return
    conn.execute(
        _EVENTS.update()
        .where(_EVENTS.c.id == sa.bindparam("key"))
        .values(chain=sa.bindparam("c"), seq=sa.bindparam("s"), prev_hash="", hash=""),
        numbered,
    )
    conn.execute(
        _CHAINS.insert(),
        [{"chain": c, "seq": n, "hash": GENESIS, "prev_hash": GENESIS} for c, n in counts.items()],
    )
    for chain in counts:
        reseal(conn, chain, 1)


def downgrade() -> None:
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_constraint("uq_audit_events_chain_seq", type_="unique")
        batch_op.drop_column("hash")
        batch_op.drop_column("prev_hash")
        batch_op.drop_column("seq")
        batch_op.drop_column("chain")
    op.drop_table("audit_chains")
