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


def refuse_control_characters(args: argparse.Namespace, *options: str) -> None:
    """Text given on the command line that will be stored (a name, a badge, a channel)
    holds no control characters: one line names the option and the character."""
    import re

    from app.errors import PackdeskError
    from app.importing.plain_text import describe

    for option in options:
        values = getattr(args, option, None)
        for value in values if isinstance(values, list) else [values]:
            found = re.search("[\x00-\x1f\x7f-\x9f]", value) if isinstance(value, str) else None
            if found:
                flag = "--" + option.replace("_", "-")
                raise PackdeskError(
                    f"{flag} {value!r} holds a control character ({describe(found.group())})."
                )


def open_database(
    args: argparse.Namespace, *, upgrade: bool = True, create: bool = False
) -> Engine:
    """The engine for ``--db``; the schema is brought up to date first (with a backup
    of a SQLite file) unless ``upgrade`` is false.

    A SQLite file named with ``--db``, ``PACKDESK_DB_URL`` or the settings must exist
    unless ``create`` (``db upgrade``, ``demo``): a mistyped path is refused, naming
    it, instead of becoming a new empty database. The local file in the data folder
    is created when first needed."""
    from sqlalchemy.exc import DatabaseError, OperationalError

    from app import db
    from app.errors import DatabaseProblem

    url = db.resolve_url(getattr(args, "db", None))
    path = db.sqlite_path(url)
    if path is not None and not create and url != db.default_url():
        if path.is_dir():
            raise DatabaseProblem(f"{path} is a folder, not a database file; check --db.")
        if not path.exists():
            raise DatabaseProblem(
                f"There is no database file {path.absolute()}; check --db (or PACKDESK_DB_URL), "
                "or create it with 'packdesk db upgrade'."
            )
    engine = db.make_engine(url)
    try:
        if path is not None and path.exists():
            with engine.connect():
                pass  # a file that is no SQLite database fails here, in the pragmas
        if upgrade:
            db.upgrade(engine)
    except OperationalError as exc:  # (upgrade says these in words itself)
        engine.dispose()
        raise DatabaseProblem(db.describe_operational_error(exc)) from exc
    except DatabaseError as exc:
        if path is None:
            raise
        engine.dispose()
        raise DatabaseProblem(f"{path} is not a Packdesk database (not an SQLite file).") from exc
    return engine
