"""Who acts on the database itself (``packdesk db upgrade``, ``db restore``), whatever
its schema: an admin (``Action.MANAGE_DATABASE``), as any command that changes data
names who acts.

A database with no users yet (a new one, or one no user was ever added to) has nobody
to ask, so nobody is asked: that is how the first database is made. A database whose
schema is current is asked as every command asks (``app.permissions.require``). An
older one is asked with what its schema holds, read with plain SQL (the program's
model is the newest schema's): a badge, in clear before migration 0018 and as its
keyed hash after (a name and PIN need the newest schema: give the badge). A refusal
is recorded in its audit either way: chained from 0020 on, a plain row before (which
0020 chains with the rest).
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, inspect, text

from app import credentials
from app.models import Role
from app.permissions import WORDS, Action, NotAllowed, least_role, may


def has_users(engine: Engine) -> bool:
    """Whether the database holds a user (none: nobody to ask)."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("users"):
            return False
        return bool(conn.execute(text("SELECT count(*) FROM users")).scalar_one() > 0)


def name_of(engine: Engine, user_id: int | None) -> str | None:
    """The name of user ``user_id`` (any schema), None for nobody."""
    if user_id is None:
        return None
    with engine.connect() as conn:
        found = conn.execute(text("SELECT name FROM users WHERE id = :i"), {"i": user_id})
        return found.scalar()


def same_user(engine: Engine, user_id: int | None, name: str | None) -> int | None:
    """``user_id`` if that user, by that name, is in this database (a restored one may
    hold other people under the same ids); else None."""
    return user_id if user_id is not None and name_of(engine, user_id) == name else None


def require_on_older_schema(engine: Engine, badge: str, action: Action) -> int:
    """The id of the active user whose badge is ``badge``, if their role allows
    ``action``, on a database whose schema may be older than the program's; else the
    refusal is recorded and ``NotAllowed`` raised."""
    with engine.begin() as conn:
        found = _by_badge(conn, badge.strip()) if badge.strip() else None
        if found is not None and found[3] and may(found[2], action):
            return int(found[0])
        refused = _refusal(found, action)
        _record(conn, refused)
    raise refused


def _by_badge(conn: Connection, badge: str) -> tuple[int, str, str, bool] | None:
    columns = {c["name"] for c in inspect(conn).get_columns("users")}
    if "badge_hash" in columns:
        hashed = credentials.badge_hash(badge)
        if hashed is None:
            return None
        sql, value = "badge_hash = :b", hashed
    else:
        sql, value = "badge = :b", badge
    row = conn.execute(
        text(f"SELECT id, name, role, active FROM users WHERE {sql}"), {"b": value}
    ).first()
    return None if row is None else (int(row[0]), str(row[1]), str(row[2]), bool(row[3]))


def _refusal(found: tuple[int, str, str, bool] | None, action: Action) -> NotAllowed:
    least = least_role(action).value
    if found is None or not found[3]:
        said = (
            f"Only an active {least} or above may {WORDS[action]}: give --as BADGE "
            "(a badge: this database's schema is older than this Packdesk)."
        )
        return NotAllowed(said, action, None)
    said = f"{found[1]} ({found[2]}) may not {WORDS[action]}; ask a {least} or above."
    return NotAllowed(said, action, found[0], name=found[1], role=Role(found[2]))


def _record(conn: Connection, refused: NotAllowed) -> None:
    """``permission.refused`` in the audit as the schema holds it."""
    details = {"action": refused.action.value, "message": str(refused)}
    now = datetime.now(UTC)
    if inspect(conn).has_table("audit_chains"):
        from app.audit import chain

        chain.append(
            conn, at=now, user_id=refused.user_id, action="permission.refused", details=details
        )
        return
    import json

    sqlite = conn.dialect.name == "sqlite"  # (a time as SQLAlchemy writes it there)
    conn.execute(
        text(
            "INSERT INTO audit_events (at, user_id, action, details) VALUES (:at, :user_id, "
            f"'permission.refused', {':details' if sqlite else 'CAST(:details AS json)'})"
        ),
        {
            "at": now.strftime("%Y-%m-%d %H:%M:%S.%f") if sqlite else now,
            "user_id": refused.user_id,
            "details": json.dumps(details),
        },
    )
