"""Waking the board when orders change: PostgreSQL LISTEN/NOTIFY, or SQLite polling.

The board's worker thread loops ``listener.wait(timeout)`` then ``changes_since``;
``wait`` returns True as soon as something may have changed and False on timeout (a
refresh on timeout is still wise: ages and late flags move with the clock).

On PostgreSQL the schema's trigger on ``orders`` sends one ``pg_notify`` on channel
``packdesk_orders`` per writing transaction (delivered when it commits). On SQLite,
another connection's commit changes ``PRAGMA data_version``, which is polled.
A listener belongs to one thread; ``close`` it when the board goes away.
"""

from __future__ import annotations

import time
from types import TracebackType
from typing import Any, Protocol

from sqlalchemy import Engine

from app.errors import DatabaseProblem

CHANNEL = "packdesk_orders"
POLL_SECONDS = 0.25


class ChangeListener(Protocol):
    def wait(self, timeout: float) -> bool:
        """Block up to ``timeout`` seconds; True if orders may have changed."""

    def close(self) -> None: ...


class _Closing:
    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Any:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class NotifyListener(_Closing):
    """LISTEN on ``packdesk_orders`` over its own autocommit connection."""

    def __init__(self, engine: Engine) -> None:
        import psycopg

        url = engine.url.set(drivername="postgresql")
        try:
            self._conn = psycopg.connect(
                url.render_as_string(hide_password=False), autocommit=True, connect_timeout=10
            )
            self._conn.execute(f"LISTEN {CHANNEL}")
        except psycopg.OperationalError as exc:
            raise DatabaseProblem(
                "The database server cannot be reached for live updates; "
                "the board keeps refreshing on its own."
            ) from exc

    def wait(self, timeout: float) -> bool:
        import psycopg

        try:
            got = False
            for _ in self._conn.notifies(timeout=max(timeout, 0.0), stop_after=1):
                got = True
            if got:  # drain what else has arrived: one refresh covers it all
                for _ in self._conn.notifies(timeout=0.0):
                    pass
            return got
        except psycopg.OperationalError as exc:
            raise DatabaseProblem("The connection for live updates was lost.") from exc

    def close(self) -> None:
        self._conn.close()


class PollingListener(_Closing):
    """Polls SQLite's ``data_version`` (changes when another connection commits)."""

    def __init__(self, engine: Engine, *, interval: float = POLL_SECONDS) -> None:
        self._conn = engine.raw_connection()
        self._interval = interval
        self._version = self._read()

    def _read(self) -> int:
        cur = self._conn.cursor()
        try:
            cur.execute("PRAGMA data_version")
            row = cur.fetchone()
        finally:
            cur.close()
        return int(row[0]) if row else 0

    def wait(self, timeout: float) -> bool:
        deadline = time.monotonic() + max(timeout, 0.0)
        while True:
            version = self._read()
            if version != self._version:
                self._version = version
                return True
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            time.sleep(min(self._interval, left))

    def close(self) -> None:
        self._conn.close()


def open_listener(engine: Engine) -> NotifyListener | PollingListener:
    """The best way this database has to say that orders changed."""
    if engine.dialect.name == "postgresql":
        return NotifyListener(engine)
    return PollingListener(engine)
