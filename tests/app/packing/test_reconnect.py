"""A counter on PostgreSQL keeps scanning when the server drops its connections
(a restart, a network blip): pooled connections are not pinged before every scan, so
the scan that finds its connection dead is tried once more, and counted once."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import Engine, create_engine, func, select, text

from app import db
from app.db import unit_of_work
from app.models import ScanEvent
from app.packing import Outcome, PackingEngine
from tests.app.packing.conftest import (
    CUP_EAN,
    HONEY_EAN,
    PHONE_EAN,
    Floor,
    _products,
    add_order,
    lines,
    station,
)


@pytest.fixture
def pg_floor(pg_url: str) -> Iterator[Floor]:
    from app.models import User

    engine = db.make_engine(pg_url)
    with unit_of_work(engine) as s:
        s.add_all(_products())
        s.add(User(name="Packer Li", badge="B-100", role="packer"))
    yield Floor(engine)
    engine.dispose()


def drop_connections(admin_url: str, engine: Engine) -> int:
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            return len(
                conn.execute(
                    text(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE datname = :n AND pid <> pg_backend_pid()"
                    ),
                    {"n": engine.url.database},
                ).all()
            )
    finally:
        admin.dispose()


def test_a_scan_on_a_dropped_connection_is_tried_again_and_counted_once(
    pg_floor: Floor, pg_admin_url: str
) -> None:
    order_id = add_order(pg_floor.engine, "R-1", {"CUP-500": 3})
    eng = station(pg_floor)
    assert eng.scan("R-1").outcome is Outcome.ORDER_OPENED
    assert eng.scan(CUP_EAN).outcome is Outcome.ACCEPTED
    assert drop_connections(pg_admin_url, pg_floor.engine) >= 1  # the pooled one
    verdict = eng.scan(CUP_EAN)
    assert (verdict.outcome, verdict.packed, verdict.replayed) == (Outcome.ACCEPTED, 2, False)
    assert lines(pg_floor, order_id)["CUP-500"] == (2, 0, 3)
    with unit_of_work(pg_floor.engine) as s:
        accepted = select(func.count()).where(ScanEvent.outcome == "accepted")
        assert s.scalar(accepted) == 2


def _lose_the_next_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    """The next scan commits, then its connection dies before the station takes the
    answer in (as the COMMIT is acknowledged); the station then tries it again."""
    from sqlalchemy.exc import OperationalError

    from app.errors import DatabaseProblem
    from app.packing import PackingEngine

    real_adopt = PackingEngine._adopt
    lost = [True]

    def adopt_or_lose(self: PackingEngine, decision: object) -> object:
        if lost:
            lost.clear()
            cause = OperationalError(
                "COMMIT", {}, Exception("server closed"), connection_invalidated=True
            )
            raise DatabaseProblem("The database server cannot be reached.") from cause
        return real_adopt(self, decision)  # type: ignore[arg-type]

    monkeypatch.setattr(PackingEngine, "_adopt", adopt_or_lose)


def test_a_scan_whose_commit_landed_before_the_line_dropped_is_answered_once(
    floor: Floor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The connection can die as the COMMIT is acknowledged: the order is open in the
    database, but the station never heard. The scan, tried again under its id, is
    answered with its first verdict, and the station knows its open order again."""
    order_id = add_order(floor.engine, "R-2", {"CUP-500": 2})
    eng = station(floor)
    _lose_the_next_answer(monkeypatch)
    opened = eng.scan("R-2")
    assert (opened.outcome, opened.replayed) == (Outcome.ORDER_OPENED, True)
    assert eng.open_order_id == order_id
    assert eng.scan(CUP_EAN).outcome is Outcome.ACCEPTED  # not "scan an order first"
    assert lines(floor, order_id)["CUP-500"] == (1, 0, 2)


def test_a_short_whose_answer_was_lost_still_awaits_the_missing_item(
    floor: Floor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SHORT committed, its answer lost: the packer heard (on the retry) "scan the item
    that is missing", so the item scanned next is marked short, never packed."""
    order_id = add_order(floor.engine, "R-3", {"CUP-500": 2, "LID": 1})
    eng = station(floor)
    eng.scan("R-3")
    eng.scan(CUP_EAN)
    _lose_the_next_answer(monkeypatch)
    short = eng.scan("CMD:SHORT")
    assert short.replayed and short.message == "Scan the item that is missing (UNDO to cancel)."
    assert eng.scan(CUP_EAN).message == "CUP-500: 1 marked short."
    assert lines(floor, order_id)["CUP-500"] == (1, 1, 2)


def test_a_serial_asked_for_in_a_lost_answer_is_still_awaited(
    floor: Floor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The packer heard "scan the serial" on the retry: the serial scanned next is
    taken as the phone's, not looked up as a code."""
    order_id = add_order(floor.engine, "R-4", {"PHONE-X": 1, "LID": 1})
    eng = station(floor)
    eng.scan("R-4")
    _lose_the_next_answer(monkeypatch)
    asked = eng.scan(PHONE_EAN)
    assert (asked.outcome, asked.replayed) == (Outcome.SERIAL_REQUIRED, True)
    packed = eng.scan("SN-0001")
    assert (packed.outcome, packed.packed) == (Outcome.ACCEPTED, 1)
    assert lines(floor, order_id)["PHONE-X"] == (1, 0, 1)


def test_a_restarted_station_sent_its_last_ask_again_awaits_it(floor: Floor) -> None:
    """``packdesk scan --ids`` killed after the lot was asked for, started again, and
    sent the last line again: the lot asked for (with the expiry the item's code gave)
    is awaited by the new process too."""
    order_id = add_order(floor.engine, "R-5", {"HONEY": 2})
    first = station(floor)
    first.scan("R-5", scan_uid="id-1")
    honey = f"]C101{'0' + HONEY_EAN}17261231"  # GS1: the GTIN and an expiry, no lot
    assert first.scan(honey, scan_uid="id-2").outcome is Outcome.LOT_REQUIRED
    again = PackingEngine(floor.engine, station="counter-1", options=first.options)
    again.sign_in(floor.badge)  # the same counter, a new process, signed in as it starts
    assert again.scan(honey, scan_uid="id-2").replayed
    lot = again.scan("LOT-77", scan_uid="id-3")
    assert (lot.outcome, lot.packed, lot.expiry) == (Outcome.ACCEPTED, 1, date(2026, 12, 31))
    assert lines(floor, order_id)["HONEY"] == (1, 0, 2)


def test_an_ask_a_badge_ended_sent_again_asks_for_nothing(floor: Floor) -> None:
    """A badge scanned after "scan the serial" ended the ask (the item is scanned
    again): the ask's line sent again later does not start it again."""
    add_order(floor.engine, "R-7", {"PHONE-X": 1, "LID": 1})
    eng = station(floor)
    eng.scan("R-7", scan_uid="id-1")
    eng.scan(PHONE_EAN, scan_uid="id-2")
    assert eng.scan(floor.badge, scan_uid="id-3").outcome is Outcome.LOGIN
    assert eng.scan(PHONE_EAN, scan_uid="id-2").replayed
    assert eng.scan("LID", scan_uid="id-4").outcome is Outcome.ACCEPTED  # not a serial


def test_an_older_answer_sent_again_asks_for_nothing_now(floor: Floor) -> None:
    """The ask was answered (the serial came) before its line was sent again: the
    station awaits nothing, and the next scan is an item again."""
    order_id = add_order(floor.engine, "R-6", {"PHONE-X": 1, "LID": 1})
    eng = station(floor)
    eng.scan("R-6", scan_uid="id-1")
    eng.scan(PHONE_EAN, scan_uid="id-2")
    eng.scan("SN-0002", scan_uid="id-3")
    assert eng.scan(PHONE_EAN, scan_uid="id-2").replayed
    assert eng.scan("LID", scan_uid="id-4").outcome is Outcome.ORDER_COMPLETE
    assert lines(floor, order_id) == {"PHONE-X": (1, 0, 1), "LID": (1, 0, 1)}
