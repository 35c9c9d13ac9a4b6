"""Alembic environment: the engine comes from ``app.db.alembic_config``.

On SQLite, batch mode changes a table by copying it, and dropping the old copy deletes
its rows first, which foreign keys that point into the table (a reprint's original)
refuse. SQLite's own procedure for such changes is followed: foreign keys off for the
migration (a pragma that works only outside a transaction), every foreign key checked
before the commit, and on again afterwards.
"""

from typing import Any

from alembic import context
from sqlalchemy import Connection

from app.models import Base

config = context.config
engine = config.attributes["engine"]


def _migrate(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    context.run_migrations()


def _sqlite_pragma(connection: Connection, sql: str) -> None:
    raw: Any = connection.connection.driver_connection  # autocommit: no transaction open
    raw.execute(sql)


if engine.dialect.name == "sqlite":
    with engine.connect() as connection:
        _sqlite_pragma(connection, "PRAGMA foreign_keys = OFF")
        try:
            with connection.begin():
                _migrate(connection)
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(f"the migration broke foreign keys: {broken[:5]}")
        finally:
            _sqlite_pragma(connection, "PRAGMA foreign_keys = ON")
else:
    with engine.begin() as connection:
        _migrate(connection)
