"""The look-ups a scan needs, each one indexed query: inside the scan's transaction,
or, for a scan decided without the order's lock (``app.packing.item_scan``), outside any."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Connection,
    bindparam,
    case,
    func,
    literal,
    null,
    select,
    true,
    union_all,
)
from sqlalchemy.orm import Session, aliased

from app import credentials
from app.barcodes import NormalisedScan, to_gtin14
from app.direct_sql import DirectStatement
from app.models import (
    BoxType,
    Order,
    OrderLine,
    OrderStatus,
    PackedSerial,
    Product,
    ProductCode,
    ScanEvent,
    User,
)


@dataclass(frozen=True)
class ItemMatch:
    product_id: int
    sku: str
    name: str
    units: int  # how many items one scan of this code counts (case packs > 1)
    serial_tracked: bool
    lot_tracked: bool


# The hot-path statements are built once; a scan only binds its values.
_ITEM_COLUMNS = (
    Product.id,
    Product.sku,
    Product.name,
    Product.serial_tracked,
    Product.lot_tracked,
)
_ITEM_WIDTH = len(_ITEM_COLUMNS) + 1  # and the units one scan of the code counts
# a product by one of its codes (a GTIN match before any other), else by its SKU: one
# statement, so a scan that is no item (an order, a badge) costs one round trip
_ITEM_BY_CODE = select(
    *_ITEM_COLUMNS,
    ProductCode.units,
    case((ProductCode.code == bindparam("text"), 1), else_=0).label("rank"),
).join(ProductCode, ProductCode.product_id == Product.id)
_ITEM = (
    union_all(
        _ITEM_BY_CODE.where(
            ProductCode.code.in_((bindparam("gtin"), bindparam("text"))), Product.active
        ),
        select(*_ITEM_COLUMNS, literal(1), literal(2)).where(
            Product.sku == bindparam("text"), Product.active
        ),
    )
    .order_by("rank")
    .limit(1)
)
_ORDER_LINES = (
    select(
        OrderLine.id,
        OrderLine.product_id,
        OrderLine.sku,
        OrderLine.quantity,
        OrderLine.packed,
        OrderLine.short,
    )
    .where(OrderLine.order_id == bindparam("order_id"))
    .order_by(OrderLine.line_no)
)
# the open order, row-locked for the scan (FOR UPDATE on PostgreSQL; on SQLite the
# scan's BEGIN IMMEDIATE already holds the database's write lock), read together with
# its lines in one round trip. Its version is read twice: from the locked row, which
# is the newest, and from the statement's snapshot. They differ only when another
# transaction changed the order while this one waited for the lock; PostgreSQL then
# returns the newest order row but the lines as the snapshot had them, so the lines
# are read again (every change to an order's lines also moves its version).
_SNAPSHOT = aliased(Order, name="snapshot")
_LOCKED_COLUMNS = (
    Order.external_number,
    Order.status,
    Order.claimed_by_station_id,
    Order.version,
    select(_SNAPSHOT.version).where(_SNAPSHOT.id == bindparam("order_id")).scalar_subquery(),
    *_ORDER_LINES.selected_columns,
)
_LOCK_ORDER_AND_LINES = DirectStatement(
    select(*_LOCKED_COLUMNS)
    .outerjoin(OrderLine, OrderLine.order_id == Order.id)
    .where(Order.id == bindparam("order_id"))
    .order_by(OrderLine.line_no)
    .with_for_update(of=Order)
)
# an item scanned while an order is open: the item, and the order locked and read as
# above, in one statement; the order is locked only when the scan is an item
_FOUND = _ITEM.subquery("found")
_ITEM_WITH_ORDER = (
    select(*list(_FOUND.c)[:_ITEM_WIDTH], *_LOCKED_COLUMNS)
    .join_from(Order, _FOUND, true())
    .outerjoin(OrderLine, OrderLine.order_id == Order.id)
    .where(Order.id == bindparam("order_id"))
    .order_by(OrderLine.line_no)
)
_ITEM_AND_LOCKED_ORDER = DirectStatement(_ITEM_WITH_ORDER.with_for_update(of=Order))
# the same without the lock, for a scan that may not need it (``app.packing.item_scan``),
# outside any transaction: the order and its lines from one snapshot
_ITEM_AND_ORDER = DirectStatement(_ITEM_WITH_ORDER)
_ORDERS_BY_NUMBER = (
    select(Order.id, Order.external_number, Order.status, Order.claimed_by_station_id)
    .where(Order.external_number == bindparam("text"))
    .order_by(Order.id)
    .limit(10)
)
# a badge is looked up by its keyed hash (``app.credentials``), never by its text
_USER_BY_BADGE = select(User).where(User.badge_hash == bindparam("badge_hash"), User.active)
# a code that is no item of the open order: an order's number or a badge, asked in one
# statement (an order opened by its slip costs one look-up)
_ORDERS_OR_BADGE = DirectStatement(
    union_all(
        select(
            literal("order").label("kind"),
            Order.id,
            Order.external_number,
            Order.status,
            Order.claimed_by_station_id,
        ).where(Order.external_number == bindparam("text")),
        # a disabled user's badge too (extra 0): refused as theirs, and never logged
        select(literal("user"), User.id, User.name, null(), case((User.active, 1), else_=0)).where(
            User.badge_hash == bindparam("badge_hash")
        ),
        select(literal("box"), BoxType.id, BoxType.name, null(), BoxType.tare_g).where(
            BoxType.code == bindparam("text"), BoxType.active
        ),
    )
)


def _codes(scan: NormalisedScan) -> dict[str, str]:
    # fixed parameters (not an expanding IN), so the statement's SQL never changes and
    # the server keeps it prepared
    gtin = scan.gs1.gtin14 if scan.gs1 else to_gtin14(scan.text) or _typed_gtin(scan.text)
    return {"gtin": gtin or scan.text, "text": scan.text}


def _typed_gtin(text: str) -> str | None:
    """A GTIN typed as printed under its bars, in groups ("690 1234 56780", "6-901234-
    567892"): the digits without the spaces and dashes, if their check digit holds."""
    if not _GROUPED_DIGITS.fullmatch(text):
        return None
    return to_gtin14(_GROUP_SEPARATORS.sub("", text))


_GROUPED_DIGITS = re.compile(r"\d+(?:[ -]+\d+)+")
_GROUP_SEPARATORS = re.compile(r"[ -]+")


Reader = Session | Connection  # a scan's transaction, or a connection in none


def _connection(reader: Reader) -> Connection:
    return reader.connection() if isinstance(reader, Session) else reader


def find_item(reader: Reader, scan: NormalisedScan) -> ItemMatch | None:
    """A product by GTIN (any length), alias, case-pack code or SKU."""
    row = _connection(reader).execute(_ITEM, _codes(scan)).first()
    return None if row is None else _item(row)


# a SKU in another case than the catalogue's ("cable-1m" typed for CABLE-1M): asked
# only of a code that is nothing else, so no other scan pays for the unindexed compare
_ITEM_BY_SKU_ANY_CASE = (
    select(*_ITEM_COLUMNS, literal(1))
    .where(func.upper(Product.sku) == bindparam("upper_text"), Product.active)
    .order_by(Product.id)
    .limit(2)
)


def find_item_any_case(reader: Reader, scan: NormalisedScan) -> ItemMatch | None:
    """The product whose SKU is the scanned text in another case; None when none is,
    or when two SKUs differ only in case (which one was meant is not known)."""
    rows = (
        _connection(reader).execute(_ITEM_BY_SKU_ANY_CASE, {"upper_text": scan.text.upper()}).all()
    )
    return _item(rows[0]) if len(rows) == 1 else None


def _item(row: Sequence[Any]) -> ItemMatch:
    """The item from a row that begins with ``_ITEM``'s columns."""
    product_id, sku, name, serial_tracked, lot_tracked, units = row[:_ITEM_WIDTH]
    return ItemMatch(product_id, sku, name, units, bool(serial_tracked), bool(lot_tracked))


def find_item_locking_order(
    conn: Connection, scan: NormalisedScan, order_id: int
) -> tuple[ItemMatch, OrderAsRead] | None:
    """``find_item`` and then ``lock_order`` in one statement (and a second one in
    the rare case of ``_locked``); None, and nothing locked, when the scan is no item."""
    rows = _ITEM_AND_LOCKED_ORDER.rows(conn, _codes(scan) | {"order_id": order_id})
    if not rows:
        return None
    return _item(rows[0]), _locked(conn, order_id, [r[_ITEM_WIDTH:] for r in rows])


def find_item_with_order(
    conn: Connection, scan: NormalisedScan, order_id: int
) -> tuple[ItemMatch, OrderAsRead] | None:
    """``find_item_locking_order`` without the lock, on a connection in no transaction
    (the order as it was when read; a write decided on it checks it is unchanged)."""
    rows = _ITEM_AND_ORDER.rows(conn, _codes(scan) | {"order_id": order_id})
    if not rows:
        return None
    return _item(rows[0]), _order(order_id, [r[_ITEM_WIDTH:] for r in rows])


@dataclass(frozen=True)
class OrderMatch:
    id: int
    number: str
    status: OrderStatus
    claimed_by_station_id: int | None


def find_orders(reader: Reader, text: str) -> list[OrderMatch]:
    """Orders whose number is the scanned text, packable ones first."""
    rows = _connection(reader).execute(_ORDERS_BY_NUMBER, {"text": text}).all()
    return _packable_first([OrderMatch(r[0], r[1], OrderStatus(r[2]), r[3]) for r in rows])


def _packable_first(matches: list[OrderMatch]) -> list[OrderMatch]:
    packable = (OrderStatus.READY, OrderStatus.PACKING)
    return sorted(matches, key=lambda m: (m.status not in packable, m.id))


@dataclass(frozen=True)
class UserMatch:
    id: int
    name: str


@dataclass(frozen=True)
class BoxMatch:
    id: int
    code: str
    name: str
    tare_g: int


@dataclass(frozen=True)
class CodeMatches:
    """What a code that is no item of the open order is: orders, a badge, a box."""

    orders: list[OrderMatch]
    user: UserMatch | None  # an active user's badge
    box: BoxMatch | None
    disabled_badge: bool = False  # a disabled user's badge


def find_orders_badge_or_box(reader: Reader, text: str) -> CodeMatches:
    """``find_orders``, ``find_user_by_badge`` and ``find_box`` in one statement: the
    orders whose number is the text (packable first), the active user whose badge it
    is, and the box whose barcode it is."""
    orders, user, box, disabled = [], None, None, False
    params = {"text": text, "badge_hash": credentials.badge_hash(text)}
    for kind, id_, name, status, extra in _ORDERS_OR_BADGE.rows(_connection(reader), params):
        if kind == "user" and extra:
            user = UserMatch(id_, name)
        elif kind == "user":
            disabled = True
        elif kind == "box":
            box = BoxMatch(id_, text, name, int(extra))
        else:
            orders.append(OrderMatch(id_, name, OrderStatus(status), extra))
    return CodeMatches(_packable_first(orders)[:10], user, box, disabled)


def find_box(reader: Reader, text: str) -> BoxMatch | None:
    """The active box whose barcode is the text."""
    row = (
        _connection(reader)
        .execute(
            select(BoxType.id, BoxType.name, BoxType.tare_g).where(
                BoxType.code == text, BoxType.active
            )
        )
        .first()
    )
    return None if row is None else BoxMatch(row[0], text, row[1], row[2])


_OTHER_OPEN_ORDER_WITH = (
    select(Order.external_number)
    .join(OrderLine, OrderLine.order_id == Order.id)
    .where(
        OrderLine.product_id == bindparam("product_id"),
        Order.id != bindparam("exclude_order_id"),
        Order.status.in_((OrderStatus.READY, OrderStatus.PACKING)),
        OrderLine.packed + OrderLine.short < OrderLine.quantity,
    )
    .order_by(Order.priority.desc(), Order.ship_by)
    .limit(1)
)


def other_open_order_with(reader: Reader, product_id: int, exclude_order_id: int) -> str | None:
    """The number of another open order that wants this product, if any."""
    return _connection(reader).scalar(
        _OTHER_OPEN_ORDER_WITH, {"product_id": product_id, "exclude_order_id": exclude_order_id}
    )


@dataclass(slots=True)
class LineCounts:
    """One order line's counts as a scan decides with them (see ``OrderAsRead``)."""

    id: int
    product_id: int | None
    sku: str
    quantity: int
    packed: int
    short: int


@dataclass(frozen=True, slots=True)
class OrderAsRead:
    """The few columns of the open order a scan decides with, and its lines' counts,
    as one statement read them: under the order's row lock, or without it by a scan
    whose write checks they are unchanged (an accepted scan updates its line's count
    in place)."""

    id: int
    external_number: str
    status: OrderStatus
    claimed_by_station_id: int | None
    version: int
    lines: list[LineCounts]


def order_lines(conn: Connection, order_id: int) -> list[LineCounts]:
    """All lines of an order (a dozen at most), as they are now."""
    return [LineCounts(*row) for row in conn.execute(_ORDER_LINES, {"order_id": order_id})]


def lock_order(conn: Connection, order_id: int) -> OrderAsRead | None:
    """Lock the order's row for the rest of the scan's transaction, and read it with
    its lines as they are once the lock is held; None if there is no such order."""
    rows = _LOCK_ORDER_AND_LINES.rows(conn, {"order_id": order_id})
    return _locked(conn, order_id, rows) if rows else None


def _locked(conn: Connection, order_id: int, rows: Sequence[Sequence[Any]]) -> OrderAsRead:
    """The order from the rows of a statement that locked it (``_LOCKED_COLUMNS``)."""
    version, seen_version = rows[0][3:5]
    if seen_version != version:  # the order changed while this scan waited for it
        return _order(order_id, rows, order_lines(conn, order_id))  # so may have its lines
    return _order(order_id, rows)


def _order(
    order_id: int, rows: Sequence[Sequence[Any]], lines: list[LineCounts] | None = None
) -> OrderAsRead:
    """The order from rows of ``_LOCKED_COLUMNS`` (and its lines from them too, unless
    given)."""
    number, status, claimed_by, version = rows[0][:4]
    if lines is None:
        lines = [LineCounts(*row[5:]) for row in rows if row[5] is not None]
    return OrderAsRead(order_id, number, OrderStatus(status), claimed_by, version, lines)


def line_for(lines: list[LineCounts], item: ItemMatch) -> LineCounts | None:
    """The order's line for this item: one with room for all the units the code counts
    first (a case pack), then one with room at all, then one the units fit once units
    marked short there turn up, then by line number."""
    mine = [ln for ln in lines if ln.product_id == item.product_id or ln.sku == item.sku]
    with_room = [ln for ln in mine if ln.packed + ln.short < ln.quantity]
    fits = [ln for ln in with_room if ln.packed + ln.short + item.units <= ln.quantity]
    fits_found = [ln for ln in mine if ln.packed + item.units <= ln.quantity]
    return (fits or with_room or fits_found or mine)[0] if mine else None


def remaining(lines: list[LineCounts]) -> int:
    return sum(ln.quantity - ln.packed - ln.short for ln in lines)


_UNITS_LEFT = func.coalesce(func.sum(OrderLine.quantity - OrderLine.packed - OrderLine.short), 0)
_NUMBER_AND_REMAINING = select(
    Order.external_number,
    select(_UNITS_LEFT).where(OrderLine.order_id == Order.id).scalar_subquery(),
).where(Order.id == bindparam("order_id"))


def number_and_remaining(s: Session, order_id: int) -> tuple[str, int] | None:
    """An order's number and its units still to pack; None if there is no such order."""
    row = s.execute(_NUMBER_AND_REMAINING, {"order_id": order_id}).first()
    return None if row is None else (row[0], int(row[1] or 0))


def serial_pattern(reader: Reader, product_id: int) -> str | None:
    """What the product's serials look like (a regular expression), if it says."""
    return _connection(reader).scalar(
        select(Product.serial_pattern).where(Product.id == product_id)
    )


def packed_serials(reader: Reader, product_id: int, serials: set[str]) -> frozenset[str]:
    """Which of these serials of the product are packed already (in any order)."""
    if not serials:
        return frozenset()
    taken = select(PackedSerial.serial).where(
        PackedSerial.product_id == product_id, PackedSerial.serial.in_(sorted(serials))
    )
    return frozenset(_connection(reader).scalars(taken))


def event_by_uid(s: Session, uid: str) -> ScanEvent | None:
    """The scan logged under this scan id, if any."""
    return s.scalar(select(ScanEvent).where(ScanEvent.scan_uid == uid))


def find_user_by_badge(s: Session, badge: str) -> User | None:
    """The active user whose badge this is (a SQL string is just a badge nobody has)."""
    hashed = credentials.badge_hash(badge)
    return s.scalar(_USER_BY_BADGE, {"badge_hash": hashed}) if hashed else None
