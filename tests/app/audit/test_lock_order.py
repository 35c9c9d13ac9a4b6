"""Chain heads of one source are locked in one order, on PostgreSQL: a transaction
appending to ``central`` then ``history-central`` (a board action's flush) and one
appending to ``history-central`` then ``central`` (an import) at the same time both
finish, one after the other, instead of failing on a deadlock."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import Connection, Engine

from app import db
from app.audit import chain
from app.audit.lock_order import family
from app.audit.tables import HISTORY

TIMEOUT = 30
_AT = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)


@pytest.fixture
def pg(pg_url: str) -> Iterator[Engine]:
    engine = db.make_engine(pg_url)
    yield engine
    engine.dispose()


def _audit(conn: Connection) -> None:
    chain.append(conn, at=_AT, action="test.event", details={})


def _history(conn: Connection, many: bool) -> None:
    row = {"order_id": 1, "from_status": None, "to_status": "new", "at": _AT, "reason": "t"}
    if many:
        chain.seal_rows(conn, HISTORY, [row, row])
    else:
        chain.seal_row(conn, HISTORY, row)


def test_a_source_s_heads_are_one_family_locked_in_name_order() -> None:
    assert family("central") == family("history-central") == ("central", "history-central")
    assert family("station-3") == ("history-station-3", "station-3")
    assert family("scans-station-3") == ()


def test_two_transactions_taking_central_s_heads_in_opposite_orders_both_finish(
    pg: Engine,
) -> None:
    with pg.begin() as conn:  # (both heads exist, as in any database in use)
        _audit(conn)
        _history(conn, many=False)
    first_taken, second_trying = threading.Event(), threading.Event()
    errors: list[tuple[str, BaseException]] = []

    def board() -> None:  # central, then history-central
        with pg.begin() as conn:
            _audit(conn)
            first_taken.set()
            second_trying.wait(TIMEOUT)
            time.sleep(0.5)  # the import now waits for what it wants next
            _history(conn, many=False)

    def importing() -> None:  # history-central, then central
        first_taken.wait(TIMEOUT)
        with pg.begin() as conn:
            second_trying.set()
            _history(conn, many=True)
            _audit(conn)

    threads = [_run(name, work, errors) for name, work in (("board", board), ("import", importing))]
    for thread in threads:
        thread.join(TIMEOUT)
        assert not thread.is_alive(), f"{thread.name} still waiting after {TIMEOUT} s"
    assert errors == []
    with pg.connect() as conn:
        rows = conn.exec_driver_sql("SELECT chain, seq FROM audit_chains")
        heads = {str(chain): int(seq) for chain, seq in rows}
    assert heads == {"central": 3, "history-central": 4}


def _run(
    name: str, work: Callable[[], None], errors: list[tuple[str, BaseException]]
) -> threading.Thread:
    def target() -> None:
        try:
            work()
        except Exception as error:  # (said by the test)
            errors.append((name, error))

    thread = threading.Thread(target=target, name=name, daemon=True)
    thread.start()
    return thread
