"""Backups that still hold badges in clear: those of a SQLite file taken before
migration 0018 hashed its badges (the backup ``db upgrade`` makes just before it, and
any older), which keep every user's badge as it was scanned. ``packdesk check`` names
each one (``clear_badges_in_backup``) until it is deleted: once the upgrade is
checked, it is a copy of every badge no one needs."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Engine

from app.backups import backups_of


def holding_clear_badges(engine: Engine) -> list[Path]:
    """The backups of ``engine``'s SQLite file (in the backups folder, oldest first)
    whose users keep their badges in clear; none for PostgreSQL (its dumps are made
    and kept on the server)."""
    return [path for path in backups_of(engine) if _clear_badges(path)]


def _clear_badges(path: Path) -> bool:
    """Whether the SQLite file ``path`` has users with a clear ``badge`` column (read
    only; a file that cannot be read is not said to)."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        columns = {row[1] for row in conn.execute("PRAGMA table_info(users)")}
        if "badge" not in columns:
            return False
        return bool(conn.execute("SELECT count(*) FROM users WHERE badge != ''").fetchone()[0])
    except sqlite3.Error:
        return False
    finally:
        conn.close()
