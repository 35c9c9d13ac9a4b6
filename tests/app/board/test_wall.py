"""The wall display's reads: every late or stuck order, stuck counted, and per carrier
what must still leave before its cut-off; on both back-ends, with ``now`` given."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from app import lifecycle
from app.board import BoardRules
from app.board.wall import (
    CarrierDeparture,
    Departure,
    carrier_departures,
    departure_standing,
    next_page,
    plan_pages,
    wall_snapshot,
)
from app.db import unit_of_work
from app.models import Carrier, Load, Order, OrderStatus, Parcel
from tests.app.board.conftest import Floor, add_order, now_of

S = OrderStatus
RULES = BoardRules()  # at risk 2 h; stuck: new 2 h, ready 4 h, packing 30 min, packed 4 h
SHANGHAI = ZoneInfo("Asia/Shanghai")
# 17:00 in Shanghai on a fixed day: no test here depends on today's date or the hour
NOW = datetime(2031, 5, 6, 9, 0, tzinfo=UTC)


def _enter(engine: Engine, order_id: int, status: OrderStatus, ago: timedelta) -> None:
    with unit_of_work(engine) as s:
        lifecycle.transition(
            s, s.get_one(Order, order_id), status, reason="t", at=now_of(engine) - ago
        )


def _carrier(engine: Engine, name: str, cutoff: str | None) -> None:
    with unit_of_work(engine) as s:
        s.add(Carrier(name=name, tracking_source="order", check_rule="none", cutoff=cutoff))


def _parcels(engine: Engine, order_id: int, *, loaded: int = 0, left: int = 1, carrier=None):  # type: ignore[no-untyped-def]
    with unit_of_work(engine) as s:
        load = Load(carrier=carrier or "SF", number=f"M-{order_id}")
        s.add(load)
        s.flush()
        for seq in range(1, loaded + left + 1):
            s.add(
                Parcel(
                    order_id=order_id,
                    seq=seq,
                    carrier=carrier,
                    load_id=load.id if seq <= loaded else None,
                )
            )


def test_each_carrier_counts_what_must_leave_before_its_cutoff(floor: Floor) -> None:
    e = floor.engine
    _carrier(e, "SF", "17:30")  # 09:30 UTC: half an hour after NOW
    _carrier(e, "YTO", "20:00")  # three hours after
    _carrier(e, "ZTO", "16:00")  # passed an hour ago
    _carrier(e, "JD", "16:30")  # passed, nothing left
    _carrier(e, "EMS", None)  # no cut-off: not on the strip
    p1 = add_order(e, "P1", status=S.PACKED, ship_by=NOW)
    _parcels(e, p1, loaded=1, left=1)
    p2 = add_order(e, "P2", status=S.PACKED, ship_by=NOW)
    _parcels(e, p2, left=1)
    p3 = add_order(e, "P3", status=S.PACKED, ship_by=NOW)  # its label made for YTO
    _parcels(e, p3, left=2, carrier="YTO")
    add_order(e, "P4", status=S.PACKED, ship_by=NOW)  # no parcel row: one box
    done = add_order(e, "DONE", status=S.SHIPPED, ship_by=NOW)
    _parcels(e, done, loaded=1, left=0)
    add_order(e, "R1", ship_by=NOW + timedelta(minutes=10))
    add_order(e, "R2", ship_by=NOW + timedelta(hours=2))  # after SF's cut-off: not due
    add_order(e, "R3", status=S.ON_HOLD, ship_by=NOW - timedelta(hours=1))  # held: not leaving
    add_order(e, "R4", status=S.PACKING, ship_by=NOW - timedelta(hours=3))
    add_order(e, "R5", status=S.NEW, carrier="sf", ship_by=NOW + timedelta(minutes=30))
    add_order(e, "R6", carrier="EMS", ship_by=NOW)
    z1 = add_order(e, "Z1", status=S.PACKED, carrier="ZTO", ship_by=NOW)
    _parcels(e, z1, left=1)

    found = carrier_departures(e, NOW, zone=SHANGHAI, rules=RULES)

    def at(hh: int, mm: int) -> datetime:
        return datetime(2031, 5, 6, hh, mm, tzinfo=UTC)

    assert found == (
        CarrierDeparture("ZTO", at(8, 0), 1, 1, 0, Departure.MISSED),
        CarrierDeparture("JD", at(8, 30), 0, 0, 0, Departure.CLEAR),
        CarrierDeparture("SF", at(9, 30), 3, 3, 3, Departure.NEAR),
        CarrierDeparture("YTO", at(12, 0), 1, 2, 0, Departure.OPEN),
    )
    assert found[2].left == 6
    # an hour earlier SF is not near yet; the same cut-off, the same counts
    earlier = carrier_departures(e, NOW - timedelta(hours=1), zone=SHANGHAI, rules=RULES)
    sf = next(d for d in earlier if d.carrier == "SF")
    assert (sf.standing, sf.packed_parcels, sf.due_orders) == (Departure.OPEN, 3, 3)


def test_no_carrier_with_a_cutoff_gives_an_empty_strip(floor: Floor) -> None:
    _carrier(floor.engine, "EMS", None)
    assert carrier_departures(floor.engine, NOW, zone=SHANGHAI, rules=RULES) == ()


def test_departure_standing_at_its_edges() -> None:
    cutoff = NOW
    hour = timedelta(hours=1)
    assert departure_standing(cutoff, NOW - 2 * hour, 3) is Departure.OPEN
    assert departure_standing(cutoff, NOW - hour, 3) is Departure.NEAR  # exactly an hour: near
    assert departure_standing(cutoff, NOW - timedelta(seconds=1), 1) is Departure.NEAR
    assert departure_standing(cutoff, NOW, 1) is Departure.MISSED  # at the cut-off: gone
    assert departure_standing(cutoff, NOW + hour, 0) is Departure.CLEAR
    assert departure_standing(cutoff, NOW - 2 * hour, 0) is Departure.CLEAR


def test_the_wall_reads_every_late_and_stuck_order_and_counts_stuck(floor: Floor) -> None:
    e = floor.engine
    for i in range(22):
        add_order(e, f"LATE-{i:02d}", ship_in=timedelta(hours=-1, minutes=-i))
    for i in range(5):
        add_order(e, f"OK-{i}", ship_in=timedelta(hours=10 + i))
    rush = add_order(e, "RUSH", ship_in=timedelta(hours=12), priority=1)
    slow = add_order(e, "SLOW", status=S.NEW, ship_in=timedelta(hours=12))
    _enter(e, slow, S.READY, timedelta(hours=5))  # stuck in ready (4 h), on time
    both = add_order(e, "BOTH", ship_in=timedelta(hours=-1))
    _enter(e, both, S.PACKING, timedelta(hours=1))  # late and stuck: counted once
    add_order(e, "FINE", status=S.PACKING, ship_in=timedelta(hours=5))

    snap = wall_snapshot(e, zone=SHANGHAI, rules=RULES)
    ready = next(c for c in snap.columns if c.status is S.READY)
    assert (ready.total, ready.late, ready.stuck, ready.urgent_total) == (29, 22, 1, 23)
    urgent = [c.number for c in ready.urgent]
    assert sorted(urgent) == sorted([f"LATE-{i:02d}" for i in range(22)] + ["SLOW"])
    assert urgent[:2] == ["LATE-21", "LATE-20"]  # the latest first; SLOW last (ship-by)
    assert [c.number for c in ready.others] == ["RUSH", *[f"OK-{i}" for i in range(5)]]
    assert rush not in {c.id for c in ready.urgent}
    packing = next(c for c in snap.columns if c.status is S.PACKING)
    assert (packing.total, packing.late, packing.stuck, packing.urgent_total) == (2, 1, 1, 1)
    assert [c.number for c in packing.urgent] == ["BOTH"]
    assert [c.status for c in snap.columns] == [S.NEW, S.READY, S.PACKING, S.PACKED, S.ON_HOLD]
    assert next(c for c in snap.columns if c.status is S.NEW).total == 0
    assert snap.departures == ()

    # a bound keeps a flood readable; the count stays whole
    capped = wall_snapshot(e, zone=SHANGHAI, rules=RULES, urgent_max=5, others=2)
    ready = next(c for c in capped.columns if c.status is S.READY)
    assert (len(ready.urgent), ready.urgent_total, len(ready.others)) == (5, 23, 2)


def test_a_round_pages_every_urgent_card_first_then_the_rest_skipping_empty_states(
    floor: Floor,
) -> None:
    e = floor.engine
    for i in range(22):
        add_order(e, f"LATE-{i:02d}", ship_in=timedelta(hours=-1, minutes=-i))
    for i in range(30):
        add_order(e, f"OK-{i:02d}", ship_in=timedelta(hours=10 + i))
    add_order(e, "PACKED-1", status=S.PACKED, ship_in=timedelta(hours=-2))
    add_order(e, "HELD-1", status=S.ON_HOLD, ship_in=timedelta(hours=9))
    snap = wall_snapshot(e, zone=SHANGHAI, rules=RULES)

    pages = plan_pages(snap, 8)
    shown = [(p.urgent, p.status, len(p.cards), p.first, p.of) for p in pages]
    assert shown == [
        (True, S.READY, 8, 0, 22),
        (True, S.READY, 8, 8, 22),
        (True, S.READY, 6, 16, 22),
        (True, S.PACKED, 1, 0, 1),
        (False, S.READY, 8, 0, 30),  # the most urgent of the rest; New and Packing: none
        (False, S.ON_HOLD, 1, 0, 1),
    ]
    late = [c.number for p in pages if p.urgent and p.status is S.READY for c in p.cards]
    assert sorted(late) == [f"LATE-{i:02d}" for i in range(22)]
    assert [p.number for p in pages[:3]] == [1, 2, 3]
    # the round goes on from where it was, and starts again after its end
    assert next_page(pages, None) is pages[0]
    assert next_page(pages, pages[1].place) is pages[2]
    assert next_page(pages, pages[-1].place) is pages[0]
    fewer = plan_pages(snap, 30)
    assert next_page(fewer, pages[1].place) is fewer[1]  # Packed's late page: Ready's is past
    assert len(plan_pages(snap, 8, rest_pages=2)) == 7
    assert next_page((), None) is None
