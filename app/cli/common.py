"""What the command modules share: ``--db`` on every sub-command, opening the database."""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy import Engine


def whole_number(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number from ``low`` to ``high``."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = None
        if value is None or not low <= value <= high:
            raise argparse.ArgumentTypeError(
                f"{text!r} is not a whole number from {low} to {high:,}"
            )
        return value

    return parse


def seconds(text: str) -> float:
    """An argparse type: a time to wait for something, more than 0, at most an hour."""
    value = wait_seconds(text)
    if value == 0:
        raise argparse.ArgumentTypeError("a time to wait for an answer must be more than 0")
    return value


def wait_seconds(text: str) -> float:
    """An argparse type: a time to wait, from 0 (not at all) to an hour."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not 0 <= value <= 3600:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds (0 to 3600)")
    return value


def label_size(text: str) -> str:
    """An argparse type: a label's WIDTHxHEIGHT in mm, each from 20 to 500."""
    width, sep, height = text.lower().partition("x")
    if not (sep and width.isdigit() and height.isdigit()) or not (
        20 <= int(width) <= 500 and 20 <= int(height) <= 500
    ):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a label size WIDTHxHEIGHT in mm (20 to 500), such as 100x150"
        )
    return text


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
    args: argparse.Namespace, *, upgrade: bool = True, create: bool = False, check_key: bool = True
) -> Engine:
    """The engine for ``--db``; the schema is brought up to date first (with a backup
    of a SQLite file) unless ``upgrade`` is false.

    A SQLite file named with ``--db``, ``PACKDESK_DB_URL`` or the settings must exist
    unless ``create`` (``db upgrade``, ``demo``): a mistyped path is refused, naming
    it, instead of becoming a new empty database. The local file in the data folder
    is created when first needed."""
    from sqlalchemy.exc import DatabaseError, OperationalError

    from app import db, server_check
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
        if path is None:
            server_check.check_server(engine)  # (a server's problems said in words, first)
        if path is not None and path.exists():
            with engine.connect():
                pass  # a file that is no SQLite database fails here, in the pragmas
        if upgrade:
            db.upgrade(engine, check_key=check_key)
    except OperationalError as exc:  # (upgrade says these in words itself)
        engine.dispose()
        raise DatabaseProblem(db.describe_operational_error(exc)) from exc
    except DatabaseProblem:
        engine.dispose()
        raise
    except DatabaseError as exc:
        if path is None:
            raise
        engine.dispose()
        raise DatabaseProblem(f"{path} is not a Packdesk database (not an SQLite file).") from exc
    return engine


AS_ENVIRONMENT = "PACKDESK_AS"  # the acting user's badge or name, for scripts
PIN_ENVIRONMENT = "PACKDESK_PIN"  # with a name in --as: that user's PIN, for scripts


def add_as_option(parser: argparse.ArgumentParser) -> None:
    """``--as BADGE|NAME``: who acts (default: ``PACKDESK_AS``), checked and recorded;
    with a name, the PIN is asked for (or read from ``PACKDESK_PIN``)."""
    parser.add_argument(
        "--as",
        dest="as_badge",
        metavar="BADGE|NAME",
        default=None,
        help=f"the acting user's badge, or name and then PIN (default: {AS_ENVIRONMENT})",
    )


def acting_user_id(engine: Engine, args: argparse.Namespace) -> int | None:
    """The id of the user ``--as`` (or ``PACKDESK_AS``) names: the active user with
    that badge, else the user with that name once their PIN is given (prompted, or
    ``PACKDESK_PIN``); None when it names nobody (the service refuses and records)."""
    import os

    from app import users

    who = getattr(args, "as_badge", None) or os.environ.get(AS_ENVIRONMENT, "")
    if not who.strip():
        return None
    found = users.find_by_badge(engine, who)
    if found is not None:
        return found.id
    from app.db import unit_of_work
    from app.sign_in import users_named

    with unit_of_work(engine, read_only=True) as s:
        named = [u.id for u in users_named(s, who) if u.active and u.pin_hash]
    if not named:
        return None
    pin = os.environ.get(PIN_ENVIRONMENT) or _ask_pin(who.strip())
    return users.sign_in_with_pin(engine, who, pin).id


def _ask_pin(name: str) -> str:
    """The PIN typed at the terminal, not shown; none without a terminal."""
    import getpass
    import sys

    from app.errors import PackdeskError

    if not sys.stdin.isatty():
        raise PackdeskError(
            f"--as {name}: give the PIN in {PIN_ENVIRONMENT} (no terminal to type it in)."
        )
    return getpass.getpass(f"PIN for {name}: ")


def acting_user(engine: Engine, args: argparse.Namespace, action: Any) -> Any:
    """The user acting on the command line (``--as`` or ``PACKDESK_AS``), if their
    role allows ``action`` (an ``app.permissions.Action``); else one clear error, and
    the refused attempt recorded."""
    from app import permissions

    return permissions.require(engine, acting_user_id(engine, args), action)


def acting_on_database(engine: Engine, args: argparse.Namespace) -> int | None:
    """The admin acting on the database itself (``db upgrade``, ``db restore``), by
    ``--as`` or ``PACKDESK_AS``; None when the database has no users yet (nobody to
    ask). On a schema older than this Packdesk's, by badge only (``app.db_acting``)."""
    import os

    from app import db, db_acting
    from app.permissions import Action

    if not db_acting.has_users(engine):
        return None
    if db.current_revision(engine) == db.head_revision():
        return int(acting_user(engine, args, Action.MANAGE_DATABASE).user_id)
    who = getattr(args, "as_badge", None) or os.environ.get(AS_ENVIRONMENT, "")
    return db_acting.require_on_older_schema(engine, who, Action.MANAGE_DATABASE)
