"""The board's columns, urgency, thresholds, filters, search and paging, on both back-ends."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, func, select

from app import lifecycle
from app.board import (
    BoardFilter,
    BoardRules,
    DateField,
    Flag,
    SortKey,
    Timing,
    load_board,
    stuck_orders,
    table_page,
)
from app.db import unit_of_work
from app.models import Order, OrderStatus, Parcel
from app.packing import Outcome, PackingEngine
from tests.app.board.conftest import CUP_EAN, Floor, add_order, now_of

S = OrderStatus
RULES = BoardRules()  # at risk 2 h; stuck: new 2 h, ready 4 h, packing 30 min, packed 4 h


def numbers(cards: object) -> list[str]:
    return [c.number for c in cards]  # type: ignore[attr-defined]


def test_cards_are_ordered_expedited_then_late_then_at_risk_then_ship_by(floor: Floor) -> None:
    e = floor.engine
    add_order(e, "LATER", ship_in=timedelta(hours=30))
    add_order(e, "AT-RISK", ship_in=timedelta(hours=1))
    add_order(e, "LATE", ship_in=timedelta(hours=-3))
    add_order(e, "RUSH-LATER", ship_in=timedelta(hours=40), priority=1)
    add_order(e, "RUSH-LATE", ship_in=timedelta(hours=-1), priority=1)
    add_order(e, "SOON", ship_in=timedelta(hours=5))
    add_order(e, "NEW-ONE", status=S.NEW, ship_in=timedelta(hours=1))

    snap = load_board(e, rules=RULES)
    assert [c.status for c in snap.columns] == [S.NEW, S.READY, S.PACKING, S.PACKED, S.ON_HOLD]
    ready = snap.column(S.READY)
    assert numbers(ready.cards) == ["RUSH-LATE", "RUSH-LATER", "LATE", "AT-RISK", "SOON", "LATER"]
    assert (ready.count, ready.late, ready.at_risk) == (6, 2, 1)
    by_number = {c.number: c for c in ready.cards}
    assert by_number["RUSH-LATE"].expedited and by_number["RUSH-LATE"].late
    assert by_number["AT-RISK"].timing is Timing.AT_RISK
    assert by_number["LATER"].timing is Timing.ON_TIME
    assert snap.column(S.NEW).count == 1 and snap.column(S.PACKING).cards == ()
    assert sorted(ready.cards, key=lambda c: c.sort_key) == list(ready.cards)


def test_limited_columns_keep_the_full_count(floor: Floor) -> None:
    for i in range(7):
        add_order(floor.engine, f"N{i}", ship_in=timedelta(hours=i))
    ready = load_board(floor.engine, rules=RULES, cards_per_column=3).column(S.READY)
    assert ready.count == 7 and numbers(ready.cards) == ["N0", "N1", "N2"]


def test_timing_and_stuck_edges_exactly() -> None:
    now = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    tick = timedelta(microseconds=1)
    assert RULES.timing(S.READY, now, now) is Timing.AT_RISK  # due now: not yet late
    assert RULES.timing(S.READY, now - tick, now) is Timing.LATE
    assert RULES.timing(S.READY, now + timedelta(hours=2), now) is Timing.ON_TIME
    assert RULES.timing(S.READY, now + timedelta(hours=2) - tick, now) is Timing.AT_RISK
    assert RULES.timing(S.SHIPPED, now - timedelta(days=3), now) is Timing.ON_TIME
    assert not RULES.is_stuck(S.PACKING, timedelta(minutes=30))
    assert RULES.is_stuck(S.PACKING, timedelta(minutes=30) + tick)
    assert not RULES.is_stuck(S.SHIPPED, timedelta(days=30))


def test_late_and_at_risk_near_the_edges_in_sql_agree_with_the_cards(floor: Floor) -> None:
    e = floor.engine
    margin = timedelta(seconds=20)  # the database's clock moves while the test runs
    add_order(e, "JUST-LATE", ship_in=-margin)
    add_order(e, "JUST-DUE", ship_in=margin)
    add_order(e, "EDGE-OF-RISK", ship_in=timedelta(hours=2) - margin)
    add_order(e, "JUST-SAFE", ship_in=timedelta(hours=2) + margin)
    cards = {c.number: c.timing for c in table_page(e, rules=RULES).rows}
    assert cards == {
        "JUST-LATE": Timing.LATE,
        "JUST-DUE": Timing.AT_RISK,
        "EDGE-OF-RISK": Timing.AT_RISK,
        "JUST-SAFE": Timing.ON_TIME,
    }
    late = table_page(e, BoardFilter(flags=frozenset({Flag.LATE})), rules=RULES)
    risk = table_page(e, BoardFilter(flags=frozenset({Flag.AT_RISK})), rules=RULES)
    assert numbers(late.rows) == ["JUST-LATE"]
    assert numbers(risk.rows) == ["JUST-DUE", "EDGE-OF-RISK"]


def test_missing_ship_by_comes_from_the_channel_allowance(floor: Floor) -> None:
    e = floor.engine
    add_order(e, "SHOP", channel="shop")
    add_order(e, "WEB", channel="web")
    rules = BoardRules(allowance={"*": timedelta(hours=24), "shop": timedelta(hours=1)})
    cards = {c.number: c for c in table_page(e, rules=rules).rows}
    now = now_of(e)
    assert not cards["SHOP"].ship_by_given
    assert abs(cards["SHOP"].ship_by - (now + timedelta(hours=1))) < timedelta(minutes=1)
    assert abs(cards["WEB"].ship_by - (now + timedelta(hours=24))) < timedelta(minutes=1)
    assert cards["SHOP"].timing is Timing.AT_RISK
    assert numbers(table_page(e, rules=rules).rows) == ["SHOP", "WEB"]


def _enter(engine: Engine, order_id: int, status: OrderStatus, ago: timedelta) -> None:
    with unit_of_work(engine) as s:
        order = s.get_one(Order, order_id)
        at = now_of(engine) - ago
        lifecycle.transition(s, order, status, reason="test", at=at)


def test_stuck_orders_by_state_thresholds_at_the_edges(floor: Floor) -> None:
    e = floor.engine
    minute = timedelta(minutes=1)
    fresh = add_order(e, "NEW-FRESH", status=S.ON_HOLD)
    old = add_order(e, "NEW-OLD", status=S.ON_HOLD)
    _enter(e, fresh, S.NEW, timedelta(hours=2) - minute)
    _enter(e, old, S.NEW, timedelta(hours=2) + minute)
    packing = add_order(e, "PACKING-31", status=S.READY)
    _enter(e, packing, S.PACKING, timedelta(minutes=31))
    packing2 = add_order(e, "PACKING-29", status=S.READY)
    _enter(e, packing2, S.PACKING, timedelta(minutes=29))
    stuck = stuck_orders(e, rules=RULES)
    assert numbers(stuck) == ["NEW-OLD", "PACKING-31"]  # the longest-stuck first
    assert all(c.stuck for c in stuck)
    assert stuck[0].age_in_state > timedelta(hours=2)
    flagged = table_page(e, BoardFilter(flags=frozenset({Flag.STUCK})), rules=RULES)
    assert sorted(numbers(flagged.rows)) == ["NEW-OLD", "PACKING-31"]
    fresh_card = next(c for c in table_page(e, rules=RULES).rows if c.number == "NEW-FRESH")
    assert not fresh_card.stuck


def test_a_station_clock_minutes_off_changes_nothing(
    floor: Floor, monkeypatch: pytest.MonkeyPatch
) -> None:
    e = floor.engine
    order_id = add_order(e, "SKEW", {"CUP": 2}, ship_in=timedelta(minutes=150))
    ahead = datetime.now(UTC) + timedelta(minutes=45)
    for module in ("app.timeutil", "app.packing.engine", "app.packing.scan_log"):
        monkeypatch.setattr(f"{module}.utcnow", lambda: ahead, raising=False)
    packing = PackingEngine(e, station="skewed")
    packing.sign_in(floor.packer_badge)
    assert packing.scan("SKEW").outcome is Outcome.ORDER_OPENED
    assert packing.scan(CUP_EAN).outcome is Outcome.ACCEPTED
    card = next(c for c in load_board(e, rules=RULES).column(S.PACKING).cards if c.id == order_id)
    # entered packing by the server's clock: seconds ago, not 45 minutes in the future
    assert timedelta(0) <= card.age_in_state < timedelta(minutes=1)
    assert abs(card.entered_state_at - now_of(e)) < timedelta(minutes=1)
    assert card.claimed_at is not None and abs(card.claimed_at - now_of(e)) < timedelta(minutes=1)
    assert card.timing is Timing.ON_TIME and not card.stuck  # 150 min left, 120 min window
    assert card.station == "skewed" and card.packer == "Packer Li"
    assert (card.units, card.packed_units) == (2, 1)


SPECIAL = {
    "P-50%OFF": "Percent Shop",
    "P-A_B": "Under Score",
    "P-AXB": "Plain Letters",
    "P-QUOTE": 'O\'Brien "Bob"',
    "P-BACK": "C:\\temp\\x",
    "P-SQL": "x'); DROP TABLE orders; --",
}


@pytest.fixture
def special(floor: Floor) -> Floor:
    for number, customer in SPECIAL.items():
        add_order(floor.engine, number, customer=customer, ship_in=timedelta(hours=10))
    return floor


@pytest.mark.parametrize(
    ("needle", "expected"),
    [
        ("%", ["P-50%OFF"]),
        ("_", ["P-A_B"]),
        ("a_b", ["P-A_B"]),  # "_" is not "any character": P-AXB stays out
        ("'", ["P-QUOTE", "P-SQL"]),
        ('"bob"', ["P-QUOTE"]),
        ("\\", ["P-BACK"]),
        ("\\t", ["P-BACK"]),
        ("C:\\TEMP", ["P-BACK"]),
        ("'); DROP TABLE orders; --", ["P-SQL"]),
        ("o'brien", ["P-QUOTE"]),
        ("p-50%", ["P-50%OFF"]),
        ("%%", []),
        ("nothing like it", []),
    ],
)
def test_search_takes_every_character_literally(
    special: Floor, needle: str, expected: list[str]
) -> None:
    e = special.engine
    found = table_page(e, BoardFilter(search=needle), rules=RULES)
    assert sorted(numbers(found.rows)) == expected and found.total == len(expected)
    with unit_of_work(e, read_only=True) as s:
        assert s.scalar(select(func.count()).select_from(Order)) == len(SPECIAL)


def test_search_by_tracking_number_sku_and_scanned_item_code(special: Floor) -> None:
    e = special.engine
    lid_order = add_order(e, "P-LID", {"LID": 1})
    with unit_of_work(e) as s:
        s.add(Parcel(order_id=lid_order, seq=1, tracking_number="SF1234567890"))
    assert numbers(table_page(e, BoardFilter(search="sf12345"), rules=RULES).rows) == ["P-LID"]
    assert numbers(table_page(e, BoardFilter(search="lid"), rules=RULES).rows) == ["P-LID"]
    cup = table_page(e, BoardFilter(search=CUP_EAN), rules=RULES)  # EAN-13 of the cup
    assert sorted(numbers(cup.rows)) == sorted(SPECIAL)


def test_a_filter_that_matches_nothing(special: Floor) -> None:
    e = special.engine
    nothing = BoardFilter(channels=frozenset({"no-such-channel"}))
    snap = load_board(e, nothing, rules=RULES)
    assert all(c.count == 0 and c.cards == () for c in snap.columns)
    page = table_page(e, nothing, rules=RULES)
    assert (page.total, page.rows) == (0, ())
    assert stuck_orders(e, nothing, rules=RULES) == ()


def test_filters_by_state_channel_carrier_packer_priority_and_dates(floor: Floor) -> None:
    e = floor.engine
    add_order(e, "F1", channel="shop", carrier="SF", ship_in=timedelta(hours=3))
    add_order(e, "F2", channel="web", carrier="YTO", priority=1, ship_in=timedelta(hours=30))
    add_order(e, "F3", status=S.SHIPPED, ship_in=timedelta(hours=3))
    add_order(e, "F4", status=S.NEW, carrier=None, ship_in=timedelta(hours=50))
    packing = PackingEngine(e, station="desk-2")
    packing.sign_in(floor.packer_badge)
    packing.scan("F1")

    def found(**kw: object) -> list[str]:
        return sorted(numbers(table_page(e, BoardFilter(**kw), rules=RULES).rows))  # type: ignore[arg-type]

    assert found() == ["F1", "F2", "F4"]  # open states only by default
    assert found(states=frozenset({S.SHIPPED})) == ["F3"]
    assert found(channels=frozenset({"shop"})) == ["F1"]
    assert found(carriers=frozenset({"YTO", "SF"})) == ["F1", "F2"]
    assert found(packer_ids=frozenset({floor.packer_id})) == ["F1"]
    assert found(station_ids=frozenset({packing.station_id})) == ["F1"]
    assert found(expedited=True) == ["F2"]
    assert found(expedited=False) == ["F1", "F4"]
    now = now_of(e)
    window = {"date_from": now + timedelta(hours=20), "date_to": now + timedelta(hours=40)}
    assert found(date_field=DateField.SHIP_BY, **window) == ["F2"]
    packing_column = load_board(e, rules=RULES).column(S.PACKING)
    assert numbers(packing_column.cards) == ["F1"]


def test_table_pages_through_every_row_once(floor: Floor) -> None:
    e = floor.engine
    for i in range(23):
        add_order(e, f"T{i:02d}", ship_in=timedelta(minutes=10 * (i % 5)), priority=i % 3 == 0)
    seen: list[str] = []
    offset = 0
    while True:
        page = table_page(e, rules=RULES, offset=offset, limit=5)
        assert page.total == 23
        if not page.rows:
            break
        seen += numbers(page.rows)
        offset += 5
    assert sorted(seen) == [f"T{i:02d}" for i in range(23)] and len(seen) == 23
    by_number = table_page(e, rules=RULES, sort=SortKey.NUMBER, descending=True, limit=3)
    assert numbers(by_number.rows) == ["T22", "T21", "T20"]
