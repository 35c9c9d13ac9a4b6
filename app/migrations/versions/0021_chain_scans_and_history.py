"""chain scans and history: the scan log and the order history as hash chains

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-06 10:30:00

Every scan becomes a link of its counter's scan chain (``scans-station-ID``) and every
history row a link of the history chain of the counter that made it
(``history-station-ID``, or ``history-central``), as audit events are of theirs
(``app.audit.tables``); their heads are rows of ``audit_chains``. Rows written before
are chained in the order they were written (by id), so ``packdesk audit verify``
vouches for them from now on.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from app.audit.stored import chain_written
from app.audit.tables import HISTORY, SCANS

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TABLES = ("scan_events", "order_history")
_LINK = ("chain", "seq", "prev_hash", "hash")


def upgrade() -> None:
    for table in _TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("chain", sa.String(length=64), nullable=True))
            batch_op.add_column(sa.Column("seq", sa.BigInteger(), nullable=True))
            batch_op.add_column(sa.Column("prev_hash", sa.String(length=64), nullable=True))
            batch_op.add_column(sa.Column("hash", sa.String(length=64), nullable=True))
    conn = op.get_bind()
    chain_written(conn, SCANS)
    chain_written(conn, HISTORY)
    for table in _TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            for name in _LINK:
                batch_op.alter_column(name, nullable=False)
            batch_op.create_unique_constraint(f"uq_{table}_chain_seq", ["chain", "seq"])


def downgrade() -> None:
    for table in _TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(f"uq_{table}_chain_seq", type_="unique")
            for name in reversed(_LINK):
                batch_op.drop_column(name)
    op.execute(
        sa.text(
            "DELETE FROM audit_chains WHERE chain LIKE :scans OR chain LIKE :history"
        ).bindparams(scans=SCANS.prefix + "%", history=HISTORY.prefix + "%")
    )
