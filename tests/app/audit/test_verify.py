"""The audit chains: each way of tampering with the log is found and said where."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, text

from app.audit.chain import chain_of
from app.audit.verify import verify
from app.db import unit_of_work
from app.models import AuditEvent, Station

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def _station(engine: Engine, name: str) -> int:
    with unit_of_work(engine) as s:
        station = Station(name=name)
        s.add(station)
        s.flush()
        return station.id


def _record(engine: Engine, n: int, station_id: int | None = None) -> list[int]:
    ids = []
    with unit_of_work(engine) as s:
        for i in range(n):
            event = AuditEvent(
                at=T0 + timedelta(seconds=i),
                station_id=station_id,
                action="order.hold",
                entity="order",
                entity_id=i,
                details={"order": f"#{i}", "reason": "wait, 等一下", "weights": (1.5, 2)},
            )
            s.add(event)
            s.flush()
            ids.append(event.id)
    return ids


@pytest.fixture
def log(engine: Engine) -> tuple[Engine, str, list[int]]:
    """Ten events on one counter's chain, three on the central chain."""
    counter = _station(engine, "counter-1")
    _record(engine, 3)
    return engine, chain_of(counter), _record(engine, 10, counter)


def _sql(engine: Engine, statement: str, **values: object) -> None:
    with engine.begin() as conn:
        conn.execute(text(statement), values)


def _where(engine: Engine) -> list[tuple[str, str, int | None, int | None]]:
    report = verify(engine)
    return [(b.kind, b.chain, b.seq, b.event_id) for b in report.breaks]


def test_an_untouched_log_verifies_and_names_its_chains(log: tuple[Engine, str, list[int]]) -> None:
    engine, chain, _ids = log
    report = verify(engine)
    assert report.ok and report.events == 13
    assert [(h.chain, h.seq) for h in report.heads] == [("central", 3), (chain, 10)]


def test_an_event_edited_by_hand_is_found(log: tuple[Engine, str, list[int]]) -> None:
    engine, chain, ids = log
    _sql(engine, "UPDATE audit_events SET action = 'order.release' WHERE id = :id", id=ids[4])
    assert _where(engine) == [("changed", chain, 5, ids[4])]
    said = verify(engine).breaks[0].message
    assert f"chain {chain}: #5 (id {ids[4]}) is not what was written" in said


def test_an_edit_hashed_again_breaks_the_next_link(log: tuple[Engine, str, list[int]]) -> None:
    engine, chain, ids = log
    _sql(engine, "UPDATE audit_events SET hash = :h WHERE id = :id", h="f" * 64, id=ids[4])
    found = _where(engine)
    assert ("changed", chain, 5, ids[4]) in found
    assert ("link", chain, 6, ids[5]) in found


def test_the_last_event_deleted_is_found(log: tuple[Engine, str, list[int]]) -> None:
    engine, chain, ids = log
    _sql(engine, "DELETE FROM audit_events WHERE id = :id", id=ids[-1])
    report = verify(engine)
    assert [(b.kind, b.chain) for b in report.breaks] == [("end", chain)]
    assert "event #10 missing at the end" in report.breaks[0].message


def test_an_event_deleted_in_the_middle_is_found(log: tuple[Engine, str, list[int]]) -> None:
    engine, chain, ids = log
    _sql(engine, "DELETE FROM audit_events WHERE id = :id", id=ids[3])
    assert _where(engine) == [("missing", chain, 5, ids[4])]


def test_two_events_swapped_are_found(log: tuple[Engine, str, list[int]]) -> None:
    """Their numbers swapped: each is intact, written with the other's number."""
    engine, chain, ids = log
    _sql(engine, "UPDATE audit_events SET seq = -1 WHERE id = :id", id=ids[2])
    _sql(engine, "UPDATE audit_events SET seq = 3 WHERE id = :id", id=ids[6])
    _sql(engine, "UPDATE audit_events SET seq = 7 WHERE id = :id", id=ids[2])
    found = _where(engine)
    assert ("moved", chain, 3, ids[6]) in found and ("moved", chain, 7, ids[2]) in found
    assert all(seq in (3, 4, 7, 8) for _k, _c, seq, _i in found), found
    moved = next(b for b in verify(engine).breaks if b.seq == 7)
    assert "was written as #3" in moved.message


def test_two_rows_swapped_whole_are_found(log: tuple[Engine, str, list[int]]) -> None:
    """Everything but the ids swapped: the chain holds, their storing order does not."""
    engine, chain, ids = log
    a, b = ids[1], ids[2]
    _sql(engine, "UPDATE audit_events SET id = -1 WHERE id = :a", a=a)
    _sql(engine, "UPDATE audit_events SET id = :a WHERE id = :b", a=a, b=b)
    _sql(engine, "UPDATE audit_events SET id = :b WHERE id = -1", b=b)
    assert _where(engine) == [("out_of_order", chain, 3, a)]


def test_an_event_inserted_is_found(log: tuple[Engine, str, list[int]]) -> None:
    """One put in after #4, the later ones numbered on to make room."""
    engine, chain, ids = log
    with engine.begin() as conn:
        for seq in range(10, 4, -1):
            conn.execute(
                text("UPDATE audit_events SET seq = seq + 1 WHERE chain = :c AND seq = :s"),
                {"c": chain, "s": seq},
            )
        forged = conn.execute(
            text("SELECT at, prev_hash, hash FROM audit_events WHERE id = :id"), {"id": ids[3]}
        ).one()
        conn.execute(
            text(
                "INSERT INTO audit_events (at, action, details, chain, seq, prev_hash, hash) "
                "VALUES (:at, 'order.cancel', '{}', :c, 5, :p, :h)"
            ),
            {"at": forged.at, "c": chain, "p": forged.hash, "h": "e" * 64},
        )
    found = _where(engine)
    assert found[0][:3] == ("changed", chain, 5)
    assert ("moved", chain, 6, ids[4]) in found
    assert ("end", chain, None, None) in found


def test_a_chain_put_in_from_outside_is_found(engine: Engine) -> None:
    _record(engine, 2)
    _sql(engine, "UPDATE audit_events SET chain = 'station-99'")
    kinds = {(b.kind, b.chain) for b in verify(engine).breaks}
    assert kinds == {("changed", "station-99"), ("unrecorded", "station-99"), ("end", "central")}


def test_an_empty_log_verifies(engine: Engine) -> None:
    report = verify(engine)
    assert report.ok and report.events == 0


def test_upgrade_to_0020_chains_the_events_recorded_before(engine: Engine) -> None:
    """Events written before the chains are chained per counter in the order they
    were written; down and up again keeps them."""
    from alembic import command

    from app import db

    counter = _station(engine, "counter-1")
    command.downgrade(db.alembic_config(engine), "0019")
    rows = [
        ("2026-03-02 08:00:00", None, "user.add", '{"name": "Ann"}'),
        ("2026-03-02 08:01:00.250000", counter, "print.requested", '{"documents": ["slip"]}'),
        ("2026-03-02 08:02:00", None, "order.hold", '{"reason": "等一下"}'),
        ("2026-03-02 08:03:00", counter, "order.cancel", "{}"),
    ]
    with engine.begin() as conn:
        for at, station, action, details in rows:
            conn.execute(
                text(
                    "INSERT INTO audit_events (at, station_id, action, details) "
                    "VALUES (:at, :st, :action, :details)"
                ),
                {"at": at, "st": station, "action": action, "details": details},
            )
    db.upgrade(engine, backup_first=False)
    report = verify(engine)
    assert report.ok and report.events == 4
    assert [(h.chain, h.seq) for h in report.heads] == [("central", 2), (chain_of(counter), 2)]
    _record(engine, 1, counter)  # the next event follows on
    assert verify(engine).ok
    command.downgrade(db.alembic_config(engine), "0019")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM audit_events")).scalar() == 5
    db.upgrade(engine, backup_first=False)
    assert verify(engine).ok


def test_the_hash_is_the_documented_one() -> None:
    """SHA-256 of ``PREV:SEQ:CONTENT``, CONTENT the SHA-256 of the JSON array of what
    the event says, the details' text as stored."""
    import hashlib
    import json

    from app.audit.chain import digest

    said = ["central", "2026-03-02T08:00:00.000000Z", None, 3, "order.hold", "order", 12]
    details = '{"reason": "等 \\"x\\"\\n"}'
    head = json.dumps([1, *said], ensure_ascii=False, separators=(",", ":"))
    written = f"{head[:-1]},{details}]"
    assert json.loads(written) == [1, *said, json.loads(details)]
    content = hashlib.sha256(written.encode()).hexdigest()
    expected = hashlib.sha256(f"{'a' * 64}:7:{content}".encode()).hexdigest()
    assert digest(said[0], 7, "a" * 64, *said[1:], details) == expected


def test_postgresql_links_an_event_as_python_does(pg_url: str) -> None:
    """The one-statement append on PostgreSQL (the server computes the link) and
    the ORM's (Python computes it) make one chain that verifies."""
    from app import db
    from app.audit import chain

    engine = db.make_engine(pg_url)
    with engine.begin() as conn:
        for n in range(3):
            chain.append(conn, at=T0, action="print.requested", entity_id=n, details={"n": n})
    _record(engine, 2)
    with engine.begin() as conn:
        chain.append(conn, at=T0, action="print.requested", details={"x": "等"})
    report = verify(engine)
    assert report.ok and [(h.chain, h.seq) for h in report.heads] == [("central", 6)]
    engine.dispose()


def test_the_daily_check_names_each_break(log: tuple[Engine, str, list[int]]) -> None:
    from app import consistency

    engine, chain, ids = log
    assert consistency.check(engine).count("audit_broken") == 0
    _sql(engine, "DELETE FROM audit_events WHERE id = :id", id=ids[-1])
    report = consistency.check(engine)
    (broken,) = [p for p in report.problems if p.kind == "audit_broken"]
    assert broken.message.startswith(f"chain {chain}: event #10 missing at the end")
