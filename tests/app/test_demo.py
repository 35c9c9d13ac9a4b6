"""The demo generator: deterministic, realistic, written through the importer."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, func, select

from app import orders, products
from app.barcodes import to_gtin14
from app.cli import main
from app.db import unit_of_work
from app.demo import catalogue, create_demo, demo_order
from app.models import OrderHistory, OrderStatus


def test_catalogue_is_sixty_valid_products() -> None:
    items = catalogue()
    assert len(items) == 60 and len({p.sku for p in items}) == 60
    codes = [c for p in items for c in p.codes]
    assert all(to_gtin14(c.code) for c in codes)  # every EAN-13 and case GTIN-14 is valid
    assert {c.units for c in codes} >= {1, 6, 12}
    assert any(p.serial_tracked for p in items) and any(p.lot_tracked for p in items)
    assert any(any("\u4e00" <= ch <= "\u9fff" for ch in p.name) for p in items)
    assert all(p.bin_location for p in items)


def test_orders_are_deterministic_apart_from_the_clock() -> None:
    items = catalogue()
    now = datetime(2026, 1, 15, 12, tzinfo=UTC)
    assert demo_order(7, items, now) == demo_order(7, items, now)
    assert demo_order(7, items, now)[0] != demo_order(8, items, now)[0]
    numbers = {demo_order(i, items, now)[0].external_number for i in range(1, 301)}
    assert len(numbers) == 300
    assert "000000000001" in numbers  # Tmall-style numbers keep their zeros
    line_counts = {len(demo_order(i, items, now)[0].lines) for i in range(1, 301)}
    assert min(line_counts) == 1 and max(line_counts) <= 12 and len(line_counts) > 6


def test_demo_database_has_a_spread_of_states_and_history(engine: Engine) -> None:
    result = create_demo(engine, orders=120)
    assert result.orders_created == 120 and result.products_created == 60
    assert {p.role.value for p in result.people} == {"packer", "supervisor", "admin"}
    rows = orders.list_orders(engine)
    assert len(rows) == 120
    states = {r.status for r in rows}
    assert {OrderStatus.READY, OrderStatus.NEW, OrderStatus.PACKED, OrderStatus.SHIPPED} <= states
    assert {OrderStatus.ON_HOLD, OrderStatus.CANCELLED} <= states
    assert {r.carrier for r in rows} >= {"SF Express", "DHL", "UPS"}
    now = datetime.now(UTC)
    assert any(r.ship_by and r.ship_by < now for r in rows)  # some are late
    assert any(r.ship_by and r.ship_by > now for r in rows)
    for r in rows:
        if r.status in (OrderStatus.PACKED, OrderStatus.SHIPPED):
            assert r.packed_units == r.units
    with unit_of_work(engine, read_only=True) as s:
        births = s.scalar(
            select(func.count()).select_from(OrderHistory).where(OrderHistory.from_status.is_(None))
        )
        moves = s.scalar(
            select(func.count())
            .select_from(OrderHistory)
            .where(OrderHistory.from_status.is_not(None))
        )
    assert births == 120 and moves
    assert len(products.list_products(engine)) == 60


def test_top_up_continues_numbering_and_if_empty_does_nothing(
    sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["demo", "--orders", "10", "--db", sqlite_url]) == 0
    out = capsys.readouterr().out
    assert "10 orders added" in out and "P1001" in out and "S9001" in out
    assert main(["demo", "--orders", "5", "--db", sqlite_url]) == 0
    assert "0 new products" in capsys.readouterr().out
    assert main(["demo", "--if-empty", "--db", sqlite_url]) == 0
    assert "already holds 15 orders" in capsys.readouterr().out
    from app import db

    engine = db.make_engine(sqlite_url)
    numbers = {r.number for r in orders.list_orders(engine)}
    engine.dispose()
    assert len(numbers) == 15 and "#10015" in numbers and "000000000016" not in numbers


def test_demo_never_overwrites_an_existing_order(sqlite_engine: Engine) -> None:
    from app.importing.intake import write_order_records
    from app.importing.records import LineRecord, OrderRecord

    real = OrderRecord("shopify", "#10003", OrderStatus.READY, (LineRecord("X", 1),))
    write_order_records(sqlite_engine, [real], source="a real import")
    create_demo(sqlite_engine, orders=3)
    got = {(r.channel, r.number): r for r in orders.list_orders(sqlite_engine)}
    assert len(got) == 4 and got[("shopify", "#10003")].units == 1  # demo order 3 skipped


def test_packed_demo_orders_were_scanned_and_their_kpis_add_up(
    engine: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    """The demo packs its orders at the counters, scan by scan, so the KPIs report
    items, scans and pack times that agree with the orders' own counts."""
    from app import settings
    from app.kpi import kpi_report
    from app.models import Order, OrderLine, ScanEvent, ScanTally
    from app.scan_tally import rebuild

    create_demo(engine, orders=120)
    from app.audit.verify import verify

    audit = verify(engine)  # its print requests moved to a packer's pace, chained again
    assert audit.ok and audit.events, audit.breaks[:3]
    done = (OrderStatus.PACKED, OrderStatus.SHIPPED)
    with unit_of_work(engine, read_only=True) as s:
        now = s.scalar(select(func.max(OrderHistory.at)))
        units = s.scalar(
            select(func.sum(OrderLine.packed)).join(Order).where(Order.status.in_(done))
        )
        packed_orders = s.scalar(select(func.count()).where(Order.status.in_(done)))
        first, last = s.execute(select(func.min(ScanEvent.at), func.max(ScanEvent.at))).one()
        tallied = select(*(c for c in ScanTally.__table__.c if c.name != "id"))
        tallies = sorted(s.execute(tallied).all())
        order_ids = s.scalars(select(Order.id).where(Order.status.in_(done))).all()
        for order_id in order_ids:
            history = s.execute(
                select(OrderHistory.to_status, OrderHistory.at)
                .where(OrderHistory.order_id == order_id)
                .order_by(OrderHistory.id)
            ).all()
            scans = s.scalars(select(ScanEvent.at).where(ScanEvent.order_id == order_id)).all()
            times = dict(history)
            assert [st for st, _ in history][:3] == ["ready", "packing", "packed"]
            assert times["ready"] < times["packing"] <= min(scans) <= max(scans)
            assert max(scans) == times["packed"] < now  # the last scan closed the box
    assert packed_orders and units
    rebuild(engine)  # the tallies were already what the scan events say
    with unit_of_work(engine, read_only=True) as s:
        assert sorted(s.execute(tallied).all()) == tallies

    tz = settings.load().timezone
    days = [first.astimezone(tz).date(), last.astimezone(tz).date()]
    report = kpi_report(engine, days[0], days[1], tz=tz)
    assert report.orders_packed == packed_orders
    assert report.items_packed == units
    assert report.scans > report.rejected_scans > 0 and report.manual_confirmations > 0
    median = report.pack_times.median_order
    assert median is not None and median.total_seconds() > 10  # a packer's pace
    assert {p.name for p in report.packers} == {"李娜 Li Na", "Emma Wilson"}

    url = engine.url.render_as_string(hide_password=False)
    span = ["--from", days[0].isoformat(), "--to", days[1].isoformat()]
    assert main(["kpi", *span, "--json", "--db", url]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert (shown["orders packed"], shown["items packed"]) == (packed_orders, units)
