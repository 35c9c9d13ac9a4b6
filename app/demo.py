"""A demo warehouse: a bilingual catalogue, realistic orders and the people to pack them.

Deterministic: order ``i`` is always the same order (its own seeded random stream),
only its times follow the clock so that some orders are late and most are due soon.
Records are written through the importer's upsert, the same code a real file takes.
The orders that are packed (or shipped) are packed at two counters through the
packing engine, scan by scan, as packers would (a mis-scan now and then, a serial or
lot where the item asks for one, a case code for a whole case, a unit confirmed by
hand), so their scans, the scan tallies and the KPIs agree with their counts; other
states are reached through the lifecycle, so every order has a true history.
Running it again tops up: numbering continues.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine, func, select, update

from app import demo_dock, lifecycle, scan_tally, users
from app.audit import stored as audit_stored
from app.audit import tables as chained
from app.audit.chain import AUDIT, Kind
from app.barcodes import check_digit
from app.db import unit_of_work
from app.dbclock import db_now
from app.importing.intake import write_order_records, write_product_records
from app.importing.records import Address, CodeRecord, LineRecord, OrderRecord, ProductRecord
from app.models import (
    AuditEvent,
    Order,
    OrderHistory,
    OrderStatus,
    Parcel,
    Role,
    ScanEvent,
)
from app.packing import Outcome, PackingEngine, Verdict
from app.timeutil import utcnow

S = OrderStatus
CHANNELS = ("shopify", "tmall", "jd")

# name (zh), name (en), variants, grams, price, tracking ("serial", "lot" or ""), case units
_ITEMS: tuple[tuple[str, str, tuple[str, ...], int, str, str, int], ...] = (
    ("保温杯", "Thermos Cup", ("350ml", "500ml", "750ml"), 320, "24.90", "", 6),
    ("陶瓷马克杯", "Ceramic Mug", ("White", "Blue", "Black"), 380, "12.00", "", 12),
    ("西湖龙井", "Longjing Green Tea", ("100g", "250g", "500g"), 260, "38.00", "lot", 0),
    ("野花蜂蜜", "Wildflower Honey", ("250g", "500g", "1kg"), 560, "22.00", "lot", 12),
    ("挂耳咖啡", "Drip Coffee", ("10 bags", "20 bags", "50 bags"), 150, "15.00", "lot", 0),
    ("无线耳机", "Wireless Earbuds", ("White", "Black", "Pro"), 85, "59.00", "serial", 0),
    ("移动电源", "Power Bank", ("10000mAh", "20000mAh", "MagSafe"), 240, "29.00", "serial", 0),
    ("智能手表", "Smart Watch", ("40mm", "44mm", "LTE"), 60, "129.00", "serial", 0),
    ("数据线", "USB-C Cable", ("1m", "2m", "Braided 1m"), 40, "6.00", "", 12),
    ("棉袜三双装", "Cotton Socks 3-pack", ("S", "M", "L"), 120, "9.50", "", 6),
    ("笔记本", "Notebook", ("A5 Lined", "A5 Dot", "A4 Lined"), 210, "4.50", "", 12),
    ("中性笔", "Gel Pen 0.5mm", ("Black", "Blue", "Red"), 12, "1.20", "", 12),
    ("竹制砧板", "Bamboo Cutting Board", ("S", "M", "L"), 900, "18.00", "", 0),
    ("瑜伽垫", "Yoga Mat", ("Purple", "Grey", "Green"), 1200, "25.00", "", 0),
    ("洗发水", "Shampoo", ("200ml", "400ml", "750ml"), 450, "8.90", "lot", 6),
    ("面霜", "Face Cream", ("30ml", "50ml", "Travel"), 110, "32.00", "lot", 0),
    ("帆布包", "Canvas Tote", ("Natural", "Black", "Navy"), 180, "11.00", "", 0),
    ("雨伞", "Folding Umbrella", ("Black", "Red", "Clear"), 350, "14.00", "", 0),
    ("蓝牙音箱", "Bluetooth Speaker", ("Mini", "Standard", "Outdoor"), 500, "45.00", "serial", 0),
    ("拼图", "Jigsaw Puzzle", ("500 pcs", "1000 pcs", "Kids 100"), 700, "16.00", "", 0),
)

_SKU_STEMS = (
    "CUP", "MUG", "TEA-LJ", "HONEY", "COFFEE", "EARBUDS", "PWRBANK", "WATCH", "CABLE", "SOCKS",
    "NOTEBOOK", "PEN", "BOARD", "YOGAMAT", "SHAMPOO", "CREAM", "TOTE", "UMBRELLA", "SPEAKER",
    "PUZZLE",
)  # fmt: skip

_CN_PLACES = (
    (
        "上海",
        "上海",
        ("浦东新区世纪大道100号", "徐汇区漕溪北路88号", "静安区南京西路1266号"),
        "200120",
    ),
    (
        "北京",
        "北京",
        ("朝阳区建国路87号", "海淀区中关村大街27号", "东城区王府井大街138号"),
        "100022",
    ),
    ("广东", "广州", ("天河区体育西路191号", "越秀区北京路328号", "海珠区新港中路397号"), "510620"),
    (
        "广东",
        "深圳",
        ("南山区科技园科苑路15号", "福田区深南大道6008号", "罗湖区人民南路3002号"),
        "518057",
    ),
    ("浙江", "杭州", ("西湖区文三路478号", "滨江区网商路699号", "上城区解放路185号"), "310012"),
    ("江苏", "南京", ("鼓楼区中山北路30号", "秦淮区中山南路1号", "建邺区江东中路98号"), "210008"),
    (
        "四川",
        "成都",
        ("武侯区人民南路四段1号", "锦江区春熙路99号", "高新区天府大道北段1700号"),
        "610041",
    ),
    ("湖北", "武汉", ("江汉区解放大道690号", "武昌区中南路99号", "洪山区珞喻路1037号"), "430022"),
)
_CN_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
_CN_GIVEN = (
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "强",
    "磊",
    "洋",
    "艳",
    "勇",
    "军",
    "杰",
    "婷",
    "欣怡",
    "子轩",
)
_EN_FIRST = ("Emily", "Oliver", "Ava", "James", "Sophie", "Liam", "Grace", "Noah", "Mia", "Jack")
_EN_LAST = ("Carter", "Bennett", "Smith", "Johnson", "Taylor", "Brown", "Wilson", "Evans")
_DE_FIRST = ("Lena", "Jonas", "Mia", "Felix", "Hannah", "Lukas")
_DE_LAST = ("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Becker")
_US_PLACES = (
    ("1450 Mission St", "San Francisco", "CA", "94103"),
    ("350 5th Ave", "New York", "NY", "10118"),
    ("233 S Wacker Dr", "Chicago", "IL", "60606"),
    ("1600 Pike Pl", "Seattle", "WA", "98101"),
)
_UK_PLACES = (
    ("22 Baker Street", "London", "NW1 6XE"),
    ("5 Queen Street", "Manchester", "M2 5HX"),
    ("18 Princes Street", "Edinburgh", "EH2 2AN"),
)
_DE_PLACES = (
    ("Friedrichstraße 123", "Berlin", "10117"),
    ("Marienplatz 8", "München", "80331"),
    ("Jungfernstieg 7", "Hamburg", "20354"),
)
_CN_CARRIERS = (
    ("SF Express", ("顺丰标快", "顺丰特快")),
    ("ZTO Express", ("中通标准快递",)),
    ("YTO Express", ("圆通标准快递",)),
    ("JD Logistics", ("京东特惠送", "京东特快送")),
)
_INTL_CARRIERS = (
    ("DHL", ("Express Worldwide", "Paket")),
    ("UPS", ("Ground", "Express Saver")),
)
_HOLD_REASONS = ("address to be confirmed", "payment under review", "customer asked to wait")
_CANCEL_REASONS = ("customer cancelled", "out of stock", "duplicate order")

PACKER_BADGES = (("P1001", "李娜 Li Na", "packer"), ("P1002", "Emma Wilson", "packer"))
SUPERVISOR_BADGE = ("S9001", "王强 Wang Qiang", "supervisor")
ADMIN_BADGE = ("A9001", "赵敏 Zhao Min", "admin")


def ean13(n: int) -> str:
    payload = f"690{n:09d}"
    return payload + str(check_digit(payload))


def gtin14_case(n: int) -> str:
    payload = f"1690{n:09d}"
    return payload + str(check_digit(payload))


def catalogue() -> list[ProductRecord]:
    """Sixty products: three variants of twenty items, with EAN-13s and bins."""
    records = []
    for i, (zh, en, variants, grams, _price, tracking, case) in enumerate(_ITEMS):
        for j, variant in enumerate(variants):
            n = i * 10 + j + 1
            codes = [CodeRecord(ean13(n))]
            if case and j < 2:
                codes.append(CodeRecord(gtin14_case(n), case))
            sku = f"{_SKU_STEMS[i]}-{variant.upper().replace(' ', '')}"
            records.append(
                ProductRecord(
                    sku=sku,
                    name=f"{zh} {en} {variant}",
                    codes=tuple(codes),
                    unit_weight_g=grams,
                    bin_location=f"{'ABCDE'[i % 5]}-{i // 5 + 1:02d}-{j + 1:02d}",
                    serial_tracked=tracking == "serial",
                    lot_tracked=tracking == "lot",
                )
            )
    return records


def order_number(i: int) -> tuple[str, str]:
    """Channel and number of demo order ``i`` (1-based): Tmall numbers keep zeros."""
    channel = CHANNELS[i % len(CHANNELS)]
    if channel == "shopify":
        return channel, f"#{10000 + i}"
    if channel == "tmall":
        return channel, f"{i:012d}"
    return channel, f"JD{88000000 + i}"


def _address(rng: random.Random) -> tuple[Address, str, bool]:
    """A ship-to address, the customer's name, and whether it is in China."""
    kind = rng.choices(("cn", "us", "uk", "de"), weights=(60, 15, 15, 10))[0]
    if kind == "cn":
        province, city, streets, postal = rng.choice(_CN_PLACES)
        name = rng.choice(_CN_SURNAMES) + rng.choice(_CN_GIVEN)
        phone = f"+86 1{rng.randint(30, 99)} {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}"
        line2 = f"{rng.randint(2, 30)}楼{rng.randint(1, 20):02d}室" if rng.random() < 0.6 else None
        addr = Address(name, None, rng.choice(streets), line2, city, province, postal, "CN", phone)
        return addr, name, True
    if kind == "us":
        street, city, state, zip_code = rng.choice(_US_PLACES)
        name = f"{rng.choice(_EN_FIRST)} {rng.choice(_EN_LAST)}"
        phone = f"+1 {rng.randint(200, 989)} 555 {rng.randint(1000, 9999)}"
        line2 = f"Apt {rng.randint(1, 40)}{rng.choice('ABCD')}" if rng.random() < 0.4 else None
        return Address(name, None, street, line2, city, state, zip_code, "US", phone), name, False
    if kind == "uk":
        street, city, postcode = rng.choice(_UK_PLACES)
        name = f"{rng.choice(_EN_FIRST)} {rng.choice(_EN_LAST)}"
        phone = f"+44 20 7946 {rng.randint(1000, 9999)}"
        return Address(name, None, street, None, city, None, postcode, "GB", phone), name, False
    street, city, plz = rng.choice(_DE_PLACES)
    name = f"{rng.choice(_DE_FIRST)} {rng.choice(_DE_LAST)}"
    phone = f"+49 30 {rng.randint(100000, 999999)}"
    return Address(name, None, street, None, city, None, plz, "DE", phone), name, False


def _fate(rng: random.Random) -> OrderStatus:
    return rng.choices(
        (S.READY, S.NEW, S.ON_HOLD, S.PACKED, S.SHIPPED, S.CANCELLED),
        weights=(62, 10, 6, 8, 8, 6),
    )[0]


def demo_order(
    i: int, products: list[ProductRecord], now: datetime
) -> tuple[OrderRecord, OrderStatus]:
    """Demo order ``i`` as the channel would send it, and the state it should reach."""
    rng = random.Random(f"packdesk-demo-{i}")
    channel, number = order_number(i)
    ship_to, customer, in_china = _address(rng)
    carrier, services = rng.choice(_CN_CARRIERS if in_china else _INTL_CARRIERS)
    count = rng.choices(range(1, 13), weights=(30, 22, 14, 9, 6, 5, 4, 3, 2, 2, 1, 1))[0]
    lines = []
    for product in rng.sample(products, count):
        price = Decimal(_ITEMS[products.index(product) // 3][4])
        if product.serial_tracked:
            quantity = rng.choice((1, 1, 1, 2))
        elif any(c.units > 1 for c in product.codes) and rng.random() < 0.25:
            quantity = max(c.units for c in product.codes) * rng.choice((1, 1, 2))
        else:
            quantity = rng.choice((1, 1, 1, 2, 2, 3, 4))
        lines.append(LineRecord(product.sku, quantity, product.name, price))
    fate = _fate(rng)
    ship_by = (now + timedelta(hours=rng.uniform(-6, 48))).replace(microsecond=0, second=0)
    record = OrderRecord(
        channel=channel,
        external_number=number,
        status=S.NEW if fate is S.NEW else S.READY,
        lines=tuple(lines),
        ship_to=ship_to,
        customer_name=customer,
        email=None if in_china else f"{customer.split()[0].lower()}{i}@example.com",
        carrier=carrier,
        service=rng.choice(services),
        priority=1 if rng.random() < 0.15 else 0,
        ordered_at=min(ship_by, now) - timedelta(hours=rng.uniform(4, 30)),  # never ahead
        ship_by=ship_by,
        gift_note="生日快乐!" if in_china and rng.random() < 0.05 else None,
        currency="CNY" if in_china else "USD",
    )
    return record, fate


@dataclass(frozen=True)
class DemoResult:
    products_created: int
    orders_created: int
    first_number: str | None
    last_number: str | None
    by_status: dict[str, int]
    people: tuple[users.UserRow, ...]
    badges: tuple[str, ...]  # each person's demo badge (the database keeps only hashes)
    existing_orders: int


def count_demo_orders(engine: Engine) -> int:
    with unit_of_work(engine, read_only=True) as s:
        return int(
            s.scalar(select(func.count()).select_from(Order).where(Order.channel.in_(CHANNELS)))
            or 0
        )


def _taken_numbers(engine: Engine) -> set[tuple[str, str]]:
    with unit_of_work(engine, read_only=True) as s:
        rows = s.execute(
            select(Order.channel, Order.external_number).where(Order.channel.in_(CHANNELS))
        )
        return {(channel, number) for channel, number in rows}


def _people(engine: Engine) -> tuple[users.UserRow, ...]:
    found = []
    for badge, name, role in (*PACKER_BADGES, SUPERVISOR_BADGE, ADMIN_BADGE):
        user = users.find_by_badge(engine, badge) or users.add_user(
            engine, name=name, badge=badge, role=role, trusted=True
        )
        found.append(user)
    return tuple(found)


def _move(engine: Engine, fates: Mapping[tuple[str, str], OrderStatus], user_id: int) -> None:
    """Hold or cancel orders through the lifecycle, as a supervisor would."""
    with unit_of_work(engine) as s:
        for (channel, number), fate in fates.items():
            order = s.scalars(
                select(Order).where(Order.channel == channel, Order.external_number == number)
            ).one()
            if fate is S.ON_HOLD:
                reason = _HOLD_REASONS[len(number) % len(_HOLD_REASONS)]
                lifecycle.transition(s, order, S.ON_HOLD, user_id=user_id, reason=reason)
            elif fate is S.CANCELLED:
                reason = _CANCEL_REASONS[len(number) % len(_CANCEL_REASONS)]
                lifecycle.transition(s, order, S.CANCELLED, user_id=user_id, reason=reason)


class DemoPackingFailed(RuntimeError):
    """The packing engine refused a demo scan it should have taken (a bug)."""


def _counter(engine: Engine, first: int) -> tuple[PackingEngine, int]:
    """A packing engine at the first counter from ``counter-{first}`` on that has no
    order open (someone may be packing at counter-1 while the demo tops up)."""
    number = first
    while True:
        counter = PackingEngine(engine, station=f"counter-{number}")
        if counter.open_order_id is None:
            return counter, number
        counter.close_connection()
        number += 1


def _pack(
    counter: PackingEngine, i: int, record: OrderRecord, products: Mapping[str, ProductRecord]
) -> None:
    """Pack demo order ``i`` at ``counter``, scan by scan, until it is complete."""

    def answered(code: str, verdict: Verdict, want: Outcome) -> Verdict:
        counted = want is Outcome.ACCEPTED and verdict.outcome is Outcome.ORDER_COMPLETE
        if verdict.outcome is not want and not counted:
            raise DemoPackingFailed(
                f"demo order {record.external_number}: {code!r} was answered "
                f"{verdict.outcome.value} ({verdict.message})"
            )
        return verdict

    def scan(code: str, *, want: Outcome = Outcome.ACCEPTED) -> Verdict:
        return answered(code, counter.scan(code), want)

    scan(record.external_number, want=Outcome.ORDER_OPENED)
    wanted = {line.sku for line in record.lines}
    if i % 5 == 0:  # now and then the packer picks up the wrong item first
        stray = next(p for sku, p in products.items() if sku not in wanted)
        scan(stray.codes[0].code, want=Outcome.WRONG_ITEM)
    verdict: Verdict | None = None
    for line_no, line in enumerate(record.lines, start=1):
        product = products[line.sku]
        case = next((c for c in product.codes if c.units > 1), None)
        if case is not None and line.quantity % case.units == 0:
            scans = [(case.code, case.units)] * (line.quantity // case.units)
        else:
            scans = [(product.codes[0].code, 1)] * line.quantity
        for unit, (code, units) in enumerate(scans, start=1):
            if product.serial_tracked:
                scan(code, want=Outcome.SERIAL_REQUIRED)
                verdict = scan(f"SN{i:06d}{line_no:02d}{unit:03d}")
            elif product.lot_tracked:
                scan(code, want=Outcome.LOT_REQUIRED)
                verdict = scan(f"LOT{i:06d}{'ABCDEFGHJK'[line_no % 10]}")
            elif i % 7 == 0 and unit == 1 and units == 1:  # a label that will not scan (F8)
                verdict = answered(
                    product.sku, counter.confirm_manually(product.sku), Outcome.ACCEPTED
                )
            else:
                verdict = scan(code)
    if verdict is None or verdict.outcome is not Outcome.ORDER_COMPLETE:
        raise DemoPackingFailed(f"demo order {record.external_number} was not complete")


def _pack_at_counters(
    engine: Engine,
    orders: list[tuple[int, OrderRecord]],
    products: list[ProductRecord],
    badges: tuple[str, ...],
) -> None:
    """Pack the orders at two counters, one packer each, taking turns; then spread
    what they did over the last minutes at a packer's pace (``_at_a_packers_pace``)
    and count the scans into the tallies again."""
    by_sku = {p.sku: p for p in products}
    with unit_of_work(engine, read_only=True) as s:
        marks = _Marks(*(int(s.scalar(select(func.max(t.id))) or 0) for t in _MARKED))
    counters: list[PackingEngine] = []
    try:
        station = 1
        for badge in badges:
            counter, station = _counter(engine, station)
            counters.append(counter)
            station += 1
            counter.sign_in(badge)
        for k, (i, record) in enumerate(orders):
            _pack(counters[k % len(counters)], i, record, by_sku)
    finally:
        for counter in counters:
            counter.close_connection()
    if orders:
        _at_a_packers_pace(engine, [c.station_id for c in counters], marks)
        scan_tally.rebuild(engine)


@dataclass(frozen=True)
class _Marks:
    """The last rows before the demo packed: what it wrote comes after them."""

    scan: int
    history: int
    audit: int
    parcel: int


_MARKED = (ScanEvent, OrderHistory, AuditEvent, Parcel)
PACE_SECONDS = (3.0, 11.0)  # from one scan to the next at the counter
BOX_SECONDS = (25.0, 80.0)  # closing a box and taking the next order
DONE_BEFORE_NOW = timedelta(minutes=2)


def _at_a_packers_pace(engine: Engine, stations: list[int], marks: _Marks) -> None:
    """The engine packs a demo order in milliseconds; a packer takes a minute or two.
    Each counter's scans are spread over the minutes before now at a packer's pace
    (each order's history, boxes and print requests with them, and the orders
    arrive a little before their first scan), so pack times, the hourly KPIs and
    the idle time of a counter look like a real morning's. Only rows the demo wrote
    (after ``marks``) move; their order stays as it was."""
    rechain: dict[tuple[Kind, str], int] = {}  # a chain -> the first of its rows moved
    with unit_of_work(engine) as s:
        now = db_now(s)
        when: dict[int, list[datetime]] = {}  # order -> its scans' new times
        for station_id in stations:
            rng = random.Random(f"packdesk-demo-counter-{station_id}")
            events = s.scalars(
                select(ScanEvent)
                .where(ScanEvent.id > marks.scan, ScanEvent.station_id == station_id)
                .order_by(ScanEvent.id)
            ).all()
            steps = [
                0.0
                if e.outcome == Outcome.LOGIN.value
                else rng.uniform(*BOX_SECONDS)
                if e.outcome == Outcome.ORDER_OPENED.value
                else rng.uniform(*PACE_SECONDS)
                for e in events
            ]
            at = now - DONE_BEFORE_NOW - timedelta(seconds=sum(steps))
            for event, step in zip(events, steps, strict=True):
                at += timedelta(seconds=step)
                event.at = at
                _first_moved(rechain, chained.SCANS, event)
                if event.order_id is not None:
                    when.setdefault(event.order_id, []).append(at)
        for entry in s.scalars(
            select(OrderHistory).where(
                OrderHistory.id > marks.history, OrderHistory.order_id.in_(when)
            )
        ):
            entry.at = when[entry.order_id][0 if entry.to_status == S.PACKING.value else -1]
            _first_moved(rechain, chained.HISTORY, entry)
        for parcel in s.scalars(
            select(Parcel).where(Parcel.id > marks.parcel, Parcel.order_id.in_(when))
        ):
            parcel.created_at = when[parcel.order_id][-1]
        for audit in s.scalars(
            select(AuditEvent).where(
                AuditEvent.id > marks.audit,
                AuditEvent.entity == "order",
                AuditEvent.entity_id.in_(when),
            )
        ):
            assert audit.entity_id is not None
            audit.at = when[audit.entity_id][-1]
            _first_moved(rechain, AUDIT, audit)
        arrived = min(times[0] for times in when.values()) - timedelta(minutes=30)
        for birth in s.scalars(
            select(OrderHistory).where(
                OrderHistory.order_id.in_(when), OrderHistory.from_status.is_(None)
            )
        ):
            if birth.at > arrived:
                birth.at = arrived
                _first_moved(rechain, chained.HISTORY, birth)
        s.flush()
        for (kind, chain), first in rechain.items():
            audit_stored.reseal(s.connection(), chain, first, kind)
        s.execute(
            update(Order)
            .where(Order.id.in_(when), Order.created_at > arrived)
            .values(created_at=arrived)
        )


def _first_moved(rechain: dict[tuple[Kind, str], int], kind: Kind, row: Any) -> None:
    """Note that ``row`` (a chained row) changed, for its chain to be sealed again."""
    key = (kind, row.chain)
    rechain[key] = min(rechain.get(key, row.seq), row.seq)


_AT_A_COUNTER = (S.NEW, S.READY, S.PACKED)  # (shipped orders are packed there first)


def create_demo(engine: Engine, *, orders: int = 200, if_empty: bool = False) -> DemoResult:
    """Create (or top up with ``orders`` more) the demo catalogue, orders and people."""
    if orders < 0:
        raise ValueError("orders must be 0 or more")
    existing = count_demo_orders(engine)
    if if_empty:
        with unit_of_work(engine, read_only=True) as s:
            any_orders = int(s.scalar(select(func.count()).select_from(Order)) or 0)
        if any_orders:
            return DemoResult(0, 0, None, None, {}, (), (), any_orders)
    people = _people(engine)
    products = catalogue()
    made = write_product_records(engine, products, source="demo catalogue")
    now = utcnow()
    taken = _taken_numbers(engine)
    planned: list[tuple[int, OrderRecord, OrderStatus]] = []
    i = existing
    while len(planned) < orders:
        i += 1
        if order_number(i) not in taken:  # never overwrite an order already there
            planned.append((i, *demo_order(i, products, now)))
    write_order_records(engine, (r for _, r, _ in planned), source="demo data")
    packed = [(i, r) for i, r, f in planned if f in (S.PACKED, S.SHIPPED)]
    packers = tuple(badge for badge, _, role in PACKER_BADGES if role == Role.PACKER.value)
    _pack_at_counters(engine, packed, products, packers)
    moves = {
        (r.channel, r.external_number): f
        for _, r, f in planned
        if f not in _AT_A_COUNTER and f is not S.SHIPPED
    }
    supervisor = next(p for p in people if p.role is Role.SUPERVISOR)
    _move(engine, moves, supervisor.id)
    admin = next(p for p in people if p.role is Role.ADMIN)
    demo_dock.set_up_carriers(engine, admin.id)
    shipped = [(r.channel, r.external_number) for _, r, f in planned if f is S.SHIPPED]
    demo_dock.hand_over(engine, shipped, packers[0])
    return DemoResult(
        products_created=made.created,
        orders_created=len(planned),
        first_number=planned[0][1].external_number if planned else None,
        last_number=planned[-1][1].external_number if planned else None,
        by_status=dict(Counter(f.value for _, _, f in planned)),
        people=people,
        badges=tuple(badge for badge, _, _ in (*PACKER_BADGES, SUPERVISOR_BADGE, ADMIN_BADGE)),
        existing_orders=existing,
    )
