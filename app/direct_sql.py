"""Statements a scan runs hundreds of times a minute, run on the driver's own cursor.

SQLAlchemy compiles such a statement once per back-end; each run then binds its
values (through the column types' bind processors, e.g. ``UTCDateTime``) and goes to
the driver directly. This skips SQLAlchemy's per-execution work (its execution
context, result metadata and row processing), about 0.2 ms of CPU per statement,
which with eight counters and a server sharing two cores was most of a scan's cost.

Every direct statement returns rows (a SELECT, or RETURNING), and they come back as
the driver returns them, unconverted: integers and text as they are, a boolean as 0
or 1 on SQLite, an enum as its stored text; so no direct statement selects a
``UTCDateTime``. Values are bound by name, each one given (a missing one is an
error, not a NULL), and lists are not expanded (each value has a name of its own).
Driver errors are raised as SQLAlchemy raises them (``OperationalError``, ...), a
dropped connection invalidated, and the pool's others closed, so callers handle
them as ever.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Connection
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler


@dataclass(frozen=True)
class _Compiled:
    sql: str
    positions: tuple[str, ...] | None  # the order of the values for a positional driver
    fixed: dict[str, Any]  # values compiled into the statement (its literals)
    required: frozenset[str]  # the names a run must give values for
    processors: dict[str, Callable[[Any], Any]]


class DirectStatement:
    """One prebuilt statement, run on a connection's driver cursor."""

    def __init__(self, statement: ClauseElement) -> None:
        self.statement = statement
        self._compiled: dict[str, _Compiled] = {}

    def _for(self, dialect: Dialect) -> _Compiled:
        found = self._compiled.get(dialect.name)
        if found is None:
            compiled = cast(SQLCompiler, self.statement.compile(dialect=dialect))
            if "POSTCOMPILE" in compiled.string:  # an IN of a list: SQLAlchemy's own work
                raise ValueError("a direct statement binds no lists; give each value its name")
            processors: dict[str, Callable[[Any], Any]] = {}
            for bind, name in compiled.bind_names.items():
                processor = bind.type.dialect_impl(dialect).bind_processor(dialect)
                if processor is not None:
                    processors[name] = processor
            positions = tuple(compiled.positiontup or ()) if compiled.positional else None
            required = frozenset(n for b, n in compiled.bind_names.items() if b.required)
            found = _Compiled(
                compiled.string, positions, dict(compiled.params), required, processors
            )
            self._compiled[dialect.name] = found
        return found

    def rows(self, conn: Connection, values: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        """Run the statement with ``values`` (by bind name) on ``conn``'s driver
        connection, outside any transaction SQLAlchemy would begin, and return every
        row it gives."""
        compiled = self._for(conn.dialect)
        if not compiled.required.issubset(values):  # SQLAlchemy binds no NULL for them either
            raise ValueError(f"no value for {sorted(compiled.required.difference(values))}")
        bound = compiled.fixed | dict(values)
        for name, processor in compiled.processors.items():
            bound[name] = processor(bound[name])
        params: Any = (
            bound if compiled.positions is None else [bound[n] for n in compiled.positions]
        )
        driver = conn.connection.dbapi_connection
        assert driver is not None
        cursor = None
        try:
            cursor = driver.cursor()
            cursor.execute(compiled.sql, params)
            return list(cursor.fetchall())
        except conn.dialect.loaded_dbapi.Error as exc:
            lost = conn.dialect.is_disconnect(exc, driver, cursor)
            if lost:  # as SQLAlchemy does: the pool's other connections are suspect too
                conn.invalidate(exc)
                conn.engine.pool.dispose()
            raise DBAPIError.instance(
                compiled.sql,
                params,
                exc,
                conn.dialect.loaded_dbapi.Error,
                connection_invalidated=lost,
                dialect=conn.dialect,
            ) from exc
        finally:
            if cursor is not None:
                with contextlib.suppress(Exception):  # a dropped connection's cursor
                    cursor.close()
