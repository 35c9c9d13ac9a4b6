"""A PostgreSQL server checked before a command or the window uses it: reachable,
letting this computer and user in, holding the database, new enough; each problem
in one line of words with what to check (not a traceback)."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from app.db import describe_url
from app.errors import DatabaseProblem

#: the oldest PostgreSQL the project still supports (its 14, as of late 2026); the tests
#: run on 15
OLDEST_POSTGRES = (14, "14")


def check_server(engine: Engine) -> str | None:
    """A PostgreSQL server checked before anything else is asked of it: that it can be
    reached, lets this computer and user in, has the database, and is new enough;
    its version, or one ``DatabaseProblem`` in words for each way it is not. None for
    SQLite (nothing to reach)."""
    if engine.dialect.name != "postgresql":
        return None
    try:
        with engine.connect() as conn:
            number = int(conn.exec_driver_sql("SHOW server_version_num").scalar() or 0)
            version = str(conn.exec_driver_sql("SHOW server_version").scalar())
    except OperationalError as exc:
        raise DatabaseProblem(describe_server_problem(engine, exc)) from exc
    if number // 10000 < OLDEST_POSTGRES[0]:
        raise DatabaseProblem(
            f"The PostgreSQL server at {describe_url(engine)} runs version {version}; "
            f"Packdesk needs PostgreSQL {OLDEST_POSTGRES[1]} or newer."
        )
    return version


def describe_server_problem(engine: Engine, exc: SQLAlchemyError) -> str:
    """Why a PostgreSQL server could not be used, in words, with what to check."""
    text = str(getattr(exc, "orig", exc))
    lowered, where = text.lower(), describe_url(engine)
    user, name = engine.url.username or "", engine.url.database or ""
    if "password authentication failed" in lowered or "no password supplied" in lowered:
        return (
            f"The PostgreSQL server at {where} refused user {user!r}: check the user and "
            "password in the database URL."
        )
    if "does not exist" in lowered and "database" in lowered:
        return (
            f"There is no database {name!r} on the PostgreSQL server at {where}: create it "
            f"(createdb {name}) or correct the database URL."
        )
    if "pg_hba.conf" in lowered:
        return (
            f"The PostgreSQL server at {where} does not let this computer in as "
            f"{user!r}: allow it in the server's pg_hba.conf."
        )
    first = text.strip().splitlines()[0] if text.strip() else type(exc).__name__
    return (
        f"The PostgreSQL server at {where} cannot be reached ({first}). Check the address "
        "and port, that the server is running, and that it listens on the network "
        "(listen_addresses), then try again."
    )
