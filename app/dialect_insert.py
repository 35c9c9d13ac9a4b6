"""An INSERT that can say ``ON CONFLICT ...``, for the back-end at hand: PostgreSQL and
SQLite share the syntax, but SQLAlchemy builds it from each dialect's own ``insert``."""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite

_INSERTS: dict[str, Any] = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


def insert_for(dialect: str, table: Any) -> Any:
    """``insert(table)`` of the dialect named ``dialect`` ("postgresql" or "sqlite"),
    with ``on_conflict_do_nothing`` and ``on_conflict_do_update``."""
    return _INSERTS[dialect](table)
