"""The scan log and the order history are hash chains too: scans chained per counter,
history per counter that made it (or central); tampering with either is found by
``packdesk audit verify`` and said where (table, chain, number, row id)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, text

from app.audit.verify import verify
from app.db import unit_of_work
from app.importing.intake import import_orders
from app.models import OrderHistory, ScanEvent, Station
from tests.app.importing.files import first_row, write_shopify
from tests.app.packing.conftest import CUP_EAN, Floor, add_order, floor, station

__all__ = ["floor"]  # (the packing floor fixture, used here too)


@dataclass(frozen=True)
class Packed:
    engine: Engine
    scans: str  # the first counter's scan chain
    history: str  # its history chain


def _ids(engine: Engine, table: type[ScanEvent] | type[OrderHistory], chain: str) -> list[int]:
    with unit_of_work(engine, read_only=True) as s:
        return list(s.scalars(select(table.id).where(table.chain == chain).order_by(table.seq)))


@pytest.fixture
def packed(floor: Floor, tmp_path: Path) -> Packed:
    """Two counters packing (an UNDO, an order completed) and an import's births."""
    add_order(floor.engine, "A1", {"CUP-500": 4, "LID": 1})
    add_order(floor.engine, "B1", {"CUP-500": 2})
    one, two = station(floor, "counter-1"), station(floor, "counter-2")
    for raw in ("A1", CUP_EAN, CUP_EAN, "CMD:UNDO", CUP_EAN, "LID", CUP_EAN, CUP_EAN):
        one.scan(raw)  # (the last unit counted under the order's lock, the others not)
    for raw in ("B1", CUP_EAN, "nonsense"):
        two.scan(raw)
    for counter in (one, two):
        counter.close_connection()
    path = tmp_path / "orders.csv"
    write_shopify(path, [first_row(f"#{n}", "X", "1") for n in (7, 8, 9)])
    import_orders(floor.engine, path)
    with unit_of_work(floor.engine, read_only=True) as s:
        counter = s.scalars(select(Station.id).where(Station.name == "counter-1")).one()
    return Packed(floor.engine, f"scans-station-{counter}", f"history-station-{counter}")


def _sql(engine: Engine, statement: str, **values: object) -> None:
    with engine.begin() as conn:
        conn.execute(text(statement), values)


def _where(engine: Engine) -> list[tuple[str, str, str, int | None, int | None]]:
    return [(b.table, b.kind, b.chain, b.seq, b.event_id) for b in verify(engine).breaks]


def test_packing_and_importing_leave_every_chain_whole(packed: Packed) -> None:
    engine = packed.engine
    report = verify(engine)
    assert report.ok, report.breaks
    heads = {h.chain: h.seq for h in report.heads}
    with unit_of_work(engine, read_only=True) as s:
        scans = s.scalar(select(ScanEvent.id).where(ScanEvent.chain == packed.scans).limit(1))
        undone = s.scalar(select(ScanEvent.id).where(ScanEvent.undone_by_id.is_not(None)))
        assert scans is not None and undone is not None  # (an UNDO marks a scan: no break)
        for table in (ScanEvent, OrderHistory):
            for chain, n in s.execute(
                select(table.chain, table.seq).order_by(table.chain, table.seq)
            ):
                assert heads[chain] >= n
    assert heads[packed.scans] == len(_ids(engine, ScanEvent, packed.scans)) >= 9
    assert heads[packed.history] == 2  # ready -> packing -> packed
    assert heads["history-central"] == 3  # the births of #7, #8 and #9
    assert report.events == sum(heads.values())


def test_a_scan_edited_by_hand_is_found(packed: Packed) -> None:
    engine, chain = packed.engine, packed.scans
    ids = _ids(engine, ScanEvent, chain)
    _sql(engine, "UPDATE scan_events SET units = 6 WHERE id = :id", id=ids[2])
    assert _where(engine) == [("scan_events", "changed", chain, 3, ids[2])]
    said = verify(engine).breaks[0].message
    assert said.startswith(f"scan_events, chain {chain}: #3 (id {ids[2]}) is not what")


def test_a_history_row_rewritten_is_found(packed: Packed) -> None:
    engine, chain = packed.engine, packed.history
    ids = _ids(engine, OrderHistory, chain)
    _sql(engine, "UPDATE order_history SET to_status = 'cancelled' WHERE id = :id", id=ids[1])
    assert _where(engine) == [("order_history", "changed", chain, 2, ids[1])]


def test_a_history_row_deleted_is_found(packed: Packed) -> None:
    engine = packed.engine
    ids = _ids(engine, OrderHistory, "history-central")
    _sql(engine, "DELETE FROM order_history WHERE id = :id", id=ids[1])
    assert _where(engine) == [("order_history", "missing", "history-central", 3, ids[2])]
    last = _ids(engine, OrderHistory, packed.history)[-1]
    _sql(engine, "DELETE FROM order_history WHERE id = :id", id=last)
    found = verify(engine).breaks
    assert ("end", packed.history) in {(b.kind, b.chain) for b in found}
    assert any("event #2 missing at the end" in b.message for b in found)


def test_a_scan_deleted_is_found(packed: Packed) -> None:
    engine, chain = packed.engine, packed.scans
    ids = _ids(engine, ScanEvent, chain)
    _sql(engine, "DELETE FROM scan_events WHERE id = :id", id=ids[5])
    assert _where(engine) == [("scan_events", "missing", chain, 7, ids[6])]


def test_two_scans_swapped_are_found(packed: Packed) -> None:
    engine, chain = packed.engine, packed.scans
    ids = _ids(engine, ScanEvent, chain)
    _sql(engine, "UPDATE scan_events SET seq = -1 WHERE id = :id", id=ids[1])
    _sql(engine, "UPDATE scan_events SET seq = 2 WHERE id = :id", id=ids[4])
    _sql(engine, "UPDATE scan_events SET seq = 5 WHERE id = :id", id=ids[1])
    found = _where(engine)
    assert ("scan_events", "moved", chain, 2, ids[4]) in found
    assert ("scan_events", "moved", chain, 5, ids[1]) in found


def test_two_history_rows_swapped_whole_are_found(packed: Packed) -> None:
    """Everything but their ids swapped: each link holds, their storing order does not."""
    engine = packed.engine
    a, b = _ids(engine, OrderHistory, "history-central")[:2]
    _sql(engine, "UPDATE order_history SET id = -1 WHERE id = :a", a=a)
    _sql(engine, "UPDATE order_history SET id = :a WHERE id = :b", a=a, b=b)
    _sql(engine, "UPDATE order_history SET id = :b WHERE id = -1", b=b)
    assert _where(engine) == [("order_history", "out_of_order", "history-central", 2, a)]


def test_a_scan_put_in_is_found(packed: Packed) -> None:
    """A scan copied in at the end of its chain, under the head's number: the head
    says the chain ended before it."""
    engine, chain = packed.engine, packed.scans
    last = len(_ids(engine, ScanEvent, chain))
    _sql(
        engine,
        "INSERT INTO scan_events (scan_uid, at, station_id, user_id, order_id, line_id, "
        "raw_input, code, outcome, units, short_units, manual, chain, seq, prev_hash, hash) "
        "SELECT 'forged', at, station_id, user_id, order_id, line_id, raw_input, code, "
        "outcome, units, short_units, manual, chain, seq + 1, hash, hash FROM scan_events "
        "WHERE chain = :c AND seq = :s",
        c=chain,
        s=last,
    )
    found = _where(engine)
    assert ("scan_events", "changed", chain, last + 1) in [f[:4] for f in found]
    assert ("scan_events", "end", chain, None, None) in found


def _links(engine: Engine) -> list[tuple[object, ...]]:
    with engine.connect() as conn:
        return [
            tuple(row)
            for table in ("scan_events", "order_history")
            for row in conn.execute(
                text(f"SELECT '{table}', id, chain, seq, prev_hash, hash FROM {table} ORDER BY id")
            )
        ]


def test_upgrade_to_0021_chains_the_rows_written_before(packed: Packed) -> None:
    """Down to 0020 (the links gone) and up again: the scans and history rows are
    chained in the order they were written, as they were when written; twice."""
    from alembic import command

    from app import db

    engine = packed.engine
    written = _links(engine)
    heads = verify(engine).heads
    for _ in range(2):
        command.downgrade(db.alembic_config(engine), "0020")
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM scan_events")).scalar() == 13
            left = conn.execute(text("SELECT chain FROM audit_chains")).scalars().all()
            assert not [c for c in left if c.startswith(("scans-", "history-"))]
        db.upgrade(engine, backup_first=False)
        assert _links(engine) == written
        report = verify(engine)
        assert report.ok and report.heads == heads
    station(Floor(engine), "counter-1").scan("nonsense")  # the next scan follows on
    assert verify(engine).ok


def test_counters_packing_at_once_keep_every_chain_whole(floor: Floor) -> None:
    """Four counters scanning at the same time (on PostgreSQL each in its own
    transactions on one server), while the central history chain takes moves: each
    counter's chain is numbered without gap or fork, and every chain verifies."""
    import threading

    from app import lifecycle
    from app.models import Order, OrderStatus

    engine = floor.engine
    for n in range(4):
        add_order(engine, f"P{n}", {"CUP-500": 6})
    held = [add_order(engine, f"H{n}", {"LID": 1}) for n in range(6)]
    counters = [station(floor, f"counter-{n}") for n in range(4)]
    start, failed = threading.Barrier(5), []

    def pack(n: int) -> None:
        try:
            start.wait()
            for raw in (f"P{n}", *[CUP_EAN] * 6):
                counters[n].scan(raw)
        except Exception as exc:  # (said by the assertion below)
            failed.append(exc)

    threads = [threading.Thread(target=pack, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    start.wait()
    for order_id in held:  # the board's moves, from no counter
        with unit_of_work(engine) as s:
            lifecycle.transition(s, s.get_one(Order, order_id), OrderStatus.ON_HOLD, reason="x")
    for t in threads:
        t.join()
    for counter in counters:
        counter.close_connection()
    assert not failed, failed
    report = verify(engine)
    assert report.ok, report.breaks
    heads = {h.chain: h.seq for h in report.heads}
    with unit_of_work(engine, read_only=True) as s:
        for n in range(4):
            chain = s.scalars(
                select(ScanEvent.chain).join(Order).where(Order.external_number == f"P{n}")
            ).first()
            assert chain is not None
            seqs = list(s.scalars(select(ScanEvent.seq).where(ScanEvent.chain == chain)))
            assert sorted(seqs) == list(range(1, heads[chain] + 1)) and len(seqs) == 8
    assert heads["history-central"] == 6
