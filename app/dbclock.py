"""The database server's clock: the one "now" every counter agrees on.

A station's own clock may be minutes off; anything compared across stations (state
ages, late and at-risk cards, history times) uses the server's time instead. SQLite's
``CURRENT_TIMESTAMP`` has whole seconds only, so there the time is read with
milliseconds through ``strftime``.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import text
from sqlalchemy.orm import Session

_SQLITE_NOW = text("SELECT strftime('%Y-%m-%d %H:%M:%f', 'now')")
_PG_NOW = text("SELECT CURRENT_TIMESTAMP")


def db_now(session: Session) -> datetime:
    """The database server's current time, timezone-aware UTC.

    On PostgreSQL this is the start of the current transaction, so every comparison in
    one unit of work uses the same instant.
    """
    if session.get_bind().dialect.name == "sqlite":
        raw = session.execute(_SQLITE_NOW).scalar_one()
        return datetime.fromisoformat(str(raw)).replace(tzinfo=UTC)
    value = session.execute(_PG_NOW).scalar_one()
    assert isinstance(value, datetime)
    return value.astimezone(UTC)
