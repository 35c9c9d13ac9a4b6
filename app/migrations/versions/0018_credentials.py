"""credentials: badges kept as keyed hashes, PINs as argon2id hashes, PIN lock-out

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-06 09:30:00

Every badge stored in clear becomes its keyed hash (HMAC-SHA256 with the badge key
kept outside the database, ``app.credentials``); the database keeps a check value of
that key. A user may have a PIN (its argon2id hash), and wrong PINs in a row lock
them out until ``locked_until``. Going back cannot bring the badges back: the users
keep their hashes in the ``badge`` column and need their badges set again.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    from app import credentials

    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        # the pages the clear badges were on are zeroed, not left in the file's free space
        conn.exec_driver_sql("PRAGMA secure_delete = ON")
    now = sa.text("(CURRENT_TIMESTAMP)")
    op.create_table(
        "credential_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("badge_key_check", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=now, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_credential_keys")),
    )
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("badge_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("pin_hash", sa.String(length=200), nullable=True))
        batch_op.add_column(
            sa.Column("failed_pins", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True))
    users = conn.execute(sa.text("SELECT id, badge FROM users")).all()
    if users:
        key = credentials.badge_key(create=True)
        assert key is not None
        for user_id, badge in users:
            conn.execute(
                sa.text("UPDATE users SET badge_hash = :hashed, badge = :blank WHERE id = :id"),
                {"hashed": credentials.badge_hash(badge), "blank": f"#{user_id}", "id": user_id},
            )
        conn.execute(
            sa.text("INSERT INTO credential_keys (id, badge_key_check) VALUES (1, :check)"),
            {"check": credentials.key_check(key)},
        )
        _scrub_scans(conn, [badge for _, badge in users])
        _scrub_audit(conn)
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_constraint("uq_users_badge", type_="unique")
        batch_op.drop_column("badge")
        batch_op.alter_column("badge_hash", existing_type=sa.String(length=64), nullable=False)
        batch_op.create_unique_constraint(op.f("uq_users_badge_hash"), ["badge_hash"])


def _scrub_scans(conn: sa.Connection, badges: list[str]) -> None:
    """Badges scanned at counters (sign-ins, a supervisor's badge accepting a weight)
    are logged as their marks from now on; the scans logged before become marks too."""
    from app import credentials

    scans = sa.table(
        "scan_events", sa.column("id"), sa.column("raw_input"), sa.column("code"),
        sa.column("message"),
    )  # fmt: skip
    known = set(badges)
    found = conn.execute(
        sa.select(scans.c.id, scans.c.code, scans.c.raw_input, scans.c.message).where(
            sa.or_(scans.c.code.in_(badges), scans.c.raw_input.in_(badges))
        )
    ).all()
    for event_id, code, raw, message in found:
        badge = code if code in known else raw
        mark = credentials.badge_mark(badge)
        conn.execute(
            scans.update()
            .where(scans.c.id == event_id)
            .values(raw_input=mark, code=mark, message=(message or "").replace(badge, mark))
        )


def _scrub_audit(conn: sa.Connection) -> None:
    """Users added before the audit stopped naming badges: their events lose them."""
    audit = sa.table(
        "audit_events", sa.column("id"), sa.column("action"), sa.column("details", sa.JSON)
    )
    added = sa.select(audit.c.id, audit.c.details).where(audit.c.action == "user.add")
    for event_id, details in conn.execute(added).all():
        if isinstance(details, dict) and "badge" in details:
            kept = {k: v for k, v in details.items() if k != "badge"}
            conn.execute(audit.update().where(audit.c.id == event_id).values(details=kept))


def downgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("badge", sa.String(length=64), nullable=True))
    op.execute("UPDATE users SET badge = badge_hash")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_constraint("uq_users_badge_hash", type_="unique")
        batch_op.drop_column("badge_hash")
        batch_op.drop_column("pin_hash")
        batch_op.drop_column("failed_pins")
        batch_op.drop_column("locked_until")
        batch_op.alter_column("badge", existing_type=sa.String(length=64), nullable=False)
        batch_op.create_unique_constraint(op.f("uq_users_badge"), ["badge"])
    op.drop_table("credential_keys")
