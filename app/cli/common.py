"""What the command modules share: ``--db`` on every sub-command, opening the database."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Engine


def add_db_option(parser: argparse.ArgumentParser) -> None:
    """``--db URL`` is accepted after the sub-command too (``packdesk orders --db X``)."""
    parser.add_argument(
        "--db",
        metavar="URL",
        default=argparse.SUPPRESS,
        help="database URL (default: PACKDESK_DB_URL, then the local file)",
    )


def open_database(args: argparse.Namespace, *, upgrade: bool = True) -> Engine:
    """The engine for ``--db``; the schema is brought up to date first (with a backup
    of a SQLite file) unless ``upgrade`` is false."""
    from app import db

    engine = db.make_engine(getattr(args, "db", None))
    if upgrade:
        db.upgrade(engine)
    return engine
