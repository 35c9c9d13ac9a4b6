"""board: PostgreSQL notifies packdesk_orders when orders change

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 16:00:00

A statement-level trigger on ``orders`` calls ``pg_notify('packdesk_orders', '')``;
PostgreSQL folds identical notifications of one transaction into one and delivers it
at commit, so a busy counter or a large import wakes a listening board once per
transaction. SQLite has no notifications (the board polls); nothing changes there.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        """
        CREATE FUNCTION packdesk_notify_orders() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('packdesk_orders', '');
            RETURN NULL;
        END
        $$
        """
    )
    op.execute(
        """
        CREATE TRIGGER orders_notify_board
        AFTER INSERT OR UPDATE OR DELETE ON orders
        FOR EACH STATEMENT EXECUTE FUNCTION packdesk_notify_orders()
        """
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER IF EXISTS orders_notify_board ON orders")
    op.execute("DROP FUNCTION IF EXISTS packdesk_notify_orders()")
