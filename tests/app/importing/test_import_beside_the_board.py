"""An import and board actions on the same orders at the same time, on PostgreSQL:
the import locks orders while it runs and the board locks an order, then the history
chain's head (``history-central``); the import takes that head only once all its
orders are locked, so neither waits for the other in a circle (a deadlock, which
PostgreSQL would break by failing one of them)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from app import db, lifecycle, order_actions, users
from app.audit.verify import verify
from app.db import unit_of_work
from app.importing import upsert
from app.importing.intake import import_orders
from app.models import Order, OrderStatus
from tests.app.importing.files import first_row, write_shopify

TIMEOUT = 30


@pytest.fixture
def pg(pg_url: str) -> Iterator[Engine]:
    engine = db.make_engine(pg_url)
    yield engine
    engine.dispose()


def test_an_import_and_a_hold_on_its_orders_both_finish(
    pg: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    boss = users.add_user(pg, name="Sup", badge="S-9", role="supervisor", trusted=True).id
    first = write_shopify(tmp_path / "first.csv", [first_row(f"#{n}", "CUP", "1") for n in (1, 2)])
    import_orders(pg, first)
    with unit_of_work(pg, read_only=True) as s:
        ids = dict(s.execute(select(Order.external_number, Order.id)).all())
    # the second file: two new orders (their births, a chunk of their own), then the
    # two orders of the first file changed (each locked as it is updated)
    rows = [first_row(f"#{n}", "CUP", "1") for n in (3, 4)]
    rows += [first_row(f"#{n}", "CUP", "2") for n in (1, 2)]
    second = write_shopify(tmp_path / "second.csv", rows)
    monkeypatch.setattr(upsert, "CHUNK", 2)
    import_at, errors = threading.Event(), []
    updating = upsert.OrderWriter._update

    def update_then_tell(self: upsert.OrderWriter, order_id: int, *args: object) -> None:
        import_at.set()  # (about to lock the order the board holds)
        updating(self, order_id, *args)  # type: ignore[arg-type]

    moving = lifecycle.transition

    def move_when_the_import_waits(*args: object, **kwargs: object) -> object:
        import_at.wait(TIMEOUT)
        time.sleep(0.5)  # the import now waits for the order the board holds
        return moving(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(upsert.OrderWriter, "_update", update_then_tell)
    monkeypatch.setattr(lifecycle, "transition", move_when_the_import_waits)

    def run(name: str, work: object) -> threading.Thread:
        def target() -> None:
            try:
                work()  # type: ignore[operator]
            except Exception as error:  # (said by the test)
                errors.append((name, error))

        thread = threading.Thread(target=target, name=name, daemon=True)
        thread.start()
        return thread

    board = run("board", lambda: order_actions.hold(pg, ids["#1"], user_id=boss, reason="check"))
    time.sleep(0.2)  # the board holds #1 first
    importing = run("import", lambda: import_orders(pg, second))
    for thread in (board, importing):
        thread.join(TIMEOUT)
        assert not thread.is_alive(), f"{thread.name} still waiting after {TIMEOUT} s"
    assert errors == []
    with unit_of_work(pg, read_only=True) as s:
        statuses = dict(s.execute(select(Order.external_number, Order.status)).all())
    assert statuses["#1"] == OrderStatus.ON_HOLD and len(statuses) == 4
    assert verify(pg).ok
