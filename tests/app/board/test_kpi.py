"""KPIs on a small data set whose every figure is worked out by hand.

The warehouse is in Asia/Shanghai (UTC+8): the local day 2 March 2026 runs from
1 March 16:00 UTC to 2 March 16:00 UTC.
"""

from __future__ import annotations

import csv
import itertools
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from sqlalchemy import Engine, select

from app import scan_tally
from app.db import unit_of_work
from app.kpi import hourly, kpi_report
from app.kpi_export import write_csv, write_xlsx
from app.models import Order, OrderHistory, OrderStatus, ScanEvent, ScanTally, User
from app.packing import Outcome, PackingEngine
from tests.app.board.conftest import CUP_EAN, LID_EAN, Floor, add_order, now_of

SHANGHAI = ZoneInfo("Asia/Shanghai")
DAY = date(2026, 3, 2)
S = OrderStatus
_uid = itertools.count()


def local(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=SHANGHAI).astimezone(UTC)


def feb(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 2, day, hour, minute, tzinfo=SHANGHAI).astimezone(UTC)


def moves(order_id: int, *steps: tuple[str | None, str, datetime, int | None]) -> list[object]:
    return [
        OrderHistory(order_id=order_id, from_status=a, to_status=b, at=at, user_id=u, reason="t")
        for a, b, at, u in steps
    ]


def scan(
    order_id: int | None,
    user_id: int,
    at: datetime,
    outcome: str,
    units: int = 0,
    *,
    manual: bool = False,
) -> ScanEvent:
    return ScanEvent(
        scan_uid=f"k{next(_uid)}",
        at=at,
        station_id=None,
        user_id=user_id,
        order_id=order_id,
        raw_input="x",
        outcome=outcome,
        units=units,
        manual=manual,
    )


@pytest.fixture
def worked(floor: Floor) -> Floor:
    e: Engine = floor.engine
    li = floor.packer_id
    o1 = add_order(e, "K1", {"CUP": 2}, status=S.SHIPPED, ship_by=local(2, 20))
    o2 = add_order(e, "K2", {"CUP": 4}, status=S.SHIPPED, ship_by=local(2, 20))
    o3 = add_order(e, "K3", {"CUP": 3}, status=S.PACKED, carrier="SF")
    add_order(e, "K4", status=S.READY, carrier="YTO")
    add_order(e, "K5", status=S.NEW, carrier=None)
    o6 = add_order(e, "K6", status=S.SHIPPED, ship_by=local(9, 12))
    o7 = add_order(e, "K7", status=S.SHIPPED, ship_by=local(9, 12))
    with unit_of_work(e) as s:
        zhao = User(name="Packer Zhao", badge="B-200", role="packer")
        s.add(zhao)
        s.flush()
        z = zhao.id
        for order_id, packed in ((o1, 2), (o2, 4), (o3, 3)):
            for line in s.get_one(Order, order_id).lines:
                line.packed = packed
        s.add_all(
            moves(
                o1,
                ("ready", "packing", local(2, 9), li),
                ("packing", "packed", local(2, 9, 10), li),
            )
            + moves(o1, ("packed", "shipped", local(2, 18), None))
            + moves(
                o2,
                ("ready", "packing", local(2, 10), z),
                ("packing", "packed", local(2, 10, 40), z),
            )
            + moves(o2, ("packed", "shipped", local(2, 21), None))  # after its ship-by: late
            + moves(
                o3,
                ("ready", "packing", feb(23, 9, 20), li),
                ("packing", "packed", feb(23, 9, 30), li),
            )
            + moves(o6, ("packed", "shipped", local(2, 0, 30), None))  # 1 March in UTC
            + moves(o7, ("packed", "shipped", local(3, 0, 30), None))  # 2 March in UTC
        )
        s.add_all(
            [
                scan(None, li, local(2, 8, 59), "login"),
                scan(o1, li, local(2, 9), "order_opened"),
                scan(o1, li, local(2, 9, 5), "accepted", 1),
                scan(o1, li, local(2, 9, 6), "wrong_item"),
                scan(o1, li, local(2, 9, 10), "order_complete", 1, manual=True),
                scan(o2, z, local(2, 10), "order_opened"),
                scan(o2, z, local(2, 10, 1), "accepted", 1),
                scan(o2, z, local(2, 10, 2), "accepted", 1),
                scan(o2, z, local(2, 10, 4), "command"),  # UNDO
                scan(o2, z, local(2, 10, 5), "accepted", 1),
                scan(o2, z, local(2, 10, 6), "unknown_code"),
                scan(o2, z, local(2, 10, 40), "order_complete", 1),
                scan(o3, li, feb(23, 9, 25), "accepted", 3),
            ]
        )
        undone = scan(o2, z, local(2, 10, 3), "accepted", 1)
        s.add(undone)
        s.flush()
        undone.undone_by_id = undone.id  # taken back (which event undid it does not matter)
    scan_tally.rebuild(e)  # the events were written here, not by the packing engine
    return floor


def test_kpis_for_one_local_day(worked: Floor) -> None:
    r = kpi_report(worked.engine, DAY, DAY, tz=SHANGHAI)
    assert (r.start, r.end) == (
        datetime(2026, 3, 1, 16, tzinfo=UTC),
        datetime(2026, 3, 2, 16, tzinfo=UTC),
    )
    assert (r.orders_packed, r.items_packed) == (2, 6)
    assert (r.scans, r.rejected_scans, r.manual_confirmations) == (11, 2, 1)
    assert r.accuracy == pytest.approx(1 - 2 / 11)
    t = r.pack_times
    assert (t.orders, t.median_order, t.p90_order) == (
        2,
        timedelta(minutes=10),
        timedelta(minutes=40),
    )
    assert (t.median_item, t.p90_item) == (timedelta(minutes=5), timedelta(minutes=10))
    assert (r.shipped, r.shipped_on_time) == (3, 2)  # K1 and K6 on time, K2 late; K7 next day
    assert r.on_time_rate == pytest.approx(2 / 3)
    rows = [
        (p.name, p.orders_packed, p.items_packed, p.scans, p.rejected, p.manual) for p in r.packers
    ]
    assert rows == [("Packer Zhao", 1, 4, 7, 1, 0), ("Packer Li", 1, 2, 4, 1, 1)]
    assert r.packers[0].median_order == timedelta(minutes=40)
    assert dict(r.backlog_by_state) == {
        S.NEW: 1,
        S.READY: 1,
        S.PACKING: 0,
        S.PACKED: 1,
        S.ON_HOLD: 0,
    }
    assert sorted(r.backlog_by_carrier) == [("", 1), ("SF", 1), ("YTO", 1)]


def test_a_range_of_days_and_an_empty_one(worked: Floor) -> None:
    r = kpi_report(worked.engine, date(2026, 2, 20), date(2026, 3, 3), tz=SHANGHAI)
    assert (r.orders_packed, r.items_packed, r.shipped) == (3, 9, 4)
    empty = kpi_report(worked.engine, date(2025, 1, 1), date(2025, 1, 31), tz=SHANGHAI)
    assert (empty.orders_packed, empty.scans, empty.accuracy, empty.on_time_rate) == (
        0,
        0,
        None,
        None,
    )
    assert empty.pack_times.median_order is None and empty.packers == ()


def test_per_hour_today_beside_the_same_weekday_last_week(worked: Floor) -> None:
    points = hourly(worked.engine, DAY, tz=SHANGHAI)
    assert len(points) == 24 and points[0].hour == datetime(2026, 3, 2, tzinfo=SHANGHAI)
    nine, ten = points[9], points[10]
    assert (nine.orders, nine.items, nine.orders_week_before, nine.items_week_before) == (
        1,
        2,
        1,
        3,
    )
    assert (ten.orders, ten.items, ten.orders_week_before, ten.items_week_before) == (1, 4, 0, 0)
    assert sum(p.orders for p in points) == 2


def test_export_to_csv_and_xlsx(worked: Floor, tmp_path: Path) -> None:
    r = kpi_report(worked.engine, DAY, DAY, tz=SHANGHAI)
    points = hourly(worked.engine, DAY, tz=SHANGHAI)
    write_csv(r, tmp_path / "kpi.csv", points)
    rows = list(csv.reader((tmp_path / "kpi.csv").open(encoding="utf-8-sig")))
    assert ["orders packed", "2"] in rows
    assert any(row[:3] == ["Packer Zhao", "1", "4"] for row in rows)
    write_xlsx(r, tmp_path / "kpi.xlsx", points)
    book = openpyxl.load_workbook(tmp_path / "kpi.xlsx")
    assert book.sheetnames == ["Summary", "Packers", "Hourly", "Backlog", "Parcels"]
    summary = {row[0]: row[1] for row in book["Summary"].iter_rows(values_only=True)}
    assert summary["orders packed"] == 2 and summary["shipped on time"] == 2
    packers = list(book["Packers"].iter_rows(values_only=True))
    assert packers[1][:3] == ("Packer Zhao", 1, 4)


def test_the_engine_keeps_the_tallies_in_step_with_the_scan_events(floor: Floor) -> None:
    e = floor.engine
    add_order(e, "TALLY", {"CUP": 3, "LID": 1})
    desk = PackingEngine(e, station="desk-t")
    desk.sign_in(floor.packer_badge)
    for code in ("TALLY", CUP_EAN, CUP_EAN, "CMD:UNDO", "nonsense-code", LID_EAN, "9999"):
        desk.scan(code)
    assert desk.confirm_manually("CUP").outcome is Outcome.ACCEPTED
    assert desk.scan(CUP_EAN).outcome is Outcome.ORDER_COMPLETE

    def tallies() -> list[tuple[object, ...]]:
        with unit_of_work(e, read_only=True) as s:
            rows = s.execute(
                select(
                    ScanTally.period,
                    ScanTally.user_id,
                    ScanTally.scans,
                    ScanTally.rejected,
                    ScanTally.manual,
                    ScanTally.items,
                ).order_by(ScanTally.period, ScanTally.user_id)
            )
            return [tuple(r) for r in rows]

    kept = tallies()
    scan_tally.rebuild(e)
    assert tallies() == kept
    today = now_of(e).astimezone(SHANGHAI).date()
    r = kpi_report(e, today, today, tz=SHANGHAI)
    # opened, cup, cup (undone), unknown x2, lid, manual cup, cup: 8 scans, 2 rejected
    assert (r.scans, r.rejected_scans, r.manual_confirmations, r.items_packed) == (8, 2, 1, 4)


def test_one_badge_at_two_counters_keeps_a_tally_at_each_and_counts_once(floor: Floor) -> None:
    """Counters never wait for each other's tally row: one badge signed in at two
    counters adds to two tallies, which the KPIs add up."""
    e = floor.engine
    add_order(e, "T-1", {"CUP": 2})
    add_order(e, "T-2", {"LID": 1})
    desks = [PackingEngine(e, station=name) for name in ("desk-a", "desk-b")]
    for desk in desks:
        desk.sign_in(floor.packer_badge)
    for desk, code in ((desks[0], "T-1"), (desks[1], "T-2"), (desks[0], CUP_EAN)):
        desk.scan(code)
    assert desks[1].scan(LID_EAN).outcome is Outcome.ORDER_COMPLETE
    assert desks[0].scan(CUP_EAN).outcome is Outcome.ORDER_COMPLETE
    with unit_of_work(e, read_only=True) as s:
        rows = s.execute(
            select(ScanTally.user_id, ScanTally.station_id, ScanTally.scans, ScanTally.items)
        ).all()
    assert sorted((scans, items) for _u, _s, scans, items in rows) == [(2, 1), (3, 2)]
    assert len({(user, station) for user, station, _n, _i in rows}) == 2
    assert len({user for user, _s, _n, _i in rows}) == 1
    kept = sorted(rows)
    scan_tally.rebuild(e)
    with unit_of_work(e, read_only=True) as s:
        rebuilt = s.execute(
            select(ScanTally.user_id, ScanTally.station_id, ScanTally.scans, ScanTally.items)
        ).all()
    assert sorted(rebuilt) == kept
    today = now_of(e).astimezone(SHANGHAI).date()
    r = kpi_report(e, today, today, tz=SHANGHAI)
    assert (r.scans, r.items_packed) == (5, 3)


def test_a_name_with_control_characters_still_exports(worked: Floor, tmp_path: Path) -> None:
    """A worksheet cannot hold an escape character: it is spelled out, as on screen."""
    with unit_of_work(worked.engine) as s:
        s.get_one(User, worked.packer_id).name = "Packer\x1b[31m Li"
    r = kpi_report(worked.engine, DAY, DAY, tz=SHANGHAI)
    write_xlsx(r, tmp_path / "kpi.xlsx")
    packers = list(openpyxl.load_workbook(tmp_path / "kpi.xlsx")["Packers"].values)
    assert ("Packer\\u001b[31m Li", 1, 2) in [row[:3] for row in packers]
