"""What a pack station's screen shows: the signed-in packer and the open order.

Read in its own unit of work right after a scan (or on a timer, to notice an order
that was held or cancelled while open), and handed to the UI as plain values.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import Engine, select

from app.db import unit_of_work
from app.models import Order, OrderLine, OrderStatus, Product, User


@dataclass(frozen=True)
class PackLine:
    line_id: int
    sku: str
    name: str
    ordered: int
    packed: int
    short: int
    bin_location: str | None
    image_path: str | None
    serial_tracked: bool
    lot_tracked: bool

    @property
    def done(self) -> bool:
        return self.packed + self.short >= self.ordered


@dataclass(frozen=True)
class OpenOrder:
    id: int
    number: str
    status: OrderStatus
    customer: str
    carrier: str | None
    service: str | None
    ship_by: datetime | None
    priority: int
    gift_note: str | None
    lines: tuple[PackLine, ...]
    claimed_here: bool

    @property
    def remaining(self) -> int:
        return sum(max(0, ln.ordered - ln.packed - ln.short) for ln in self.lines)

    @property
    def total(self) -> int:
        return sum(ln.ordered for ln in self.lines)


@dataclass(frozen=True)
class StationView:
    user_name: str | None
    user_role: str | None
    order: OpenOrder | None
    # the order this station just finished (complete, or on hold short of some items),
    # its lines as they ended: the screen keeps them until the next order opens
    finished: OpenOrder | None = None


def with_count(view: StationView, order: str, line_id: int, packed: int) -> StationView | None:
    """The view after an accepted scan counted ``line_id`` of ``order`` up to ``packed``,
    without reading it again; None when the view does not show that order and line,
    or when the scan also changed what the line has marked short (a missing unit
    that turned up): then it must be read."""
    shown = view.order
    if (
        shown is None
        or shown.number != order
        or not shown.claimed_here
        or not any(ln.line_id == line_id and packed + ln.short <= ln.ordered for ln in shown.lines)
    ):
        return None
    lines = tuple(replace(ln, packed=packed) if ln.line_id == line_id else ln for ln in shown.lines)
    return replace(view, order=replace(shown, lines=lines))


def without_order(
    view: StationView, line_id: int | None = None, packed: int | None = None
) -> StationView:
    """The view after the open order's last item (``line_id`` counted up to
    ``packed``) completed it or put it on hold: none open, and that one finished."""
    shown = view.order
    if shown is not None and line_id is not None and packed is not None:
        lines = tuple(
            replace(ln, packed=packed) if ln.line_id == line_id else ln for ln in shown.lines
        )
        shown = replace(shown, lines=lines, claimed_here=False)
    return replace(view, order=None, finished=shown)


def read(
    engine: Engine, *, station_id: int, user_id: int | None, order_id: int | None
) -> StationView:
    """The screen's state for this station (one read-only unit of work)."""
    with unit_of_work(engine, read_only=True) as s:
        user = s.get(User, user_id) if user_id is not None else None
        order = s.get(Order, order_id) if order_id is not None else None
        open_order = None
        if order is not None:
            rows = s.execute(
                select(
                    OrderLine,
                    Product.bin_location,
                    Product.image_path,
                    Product.serial_tracked,
                    Product.lot_tracked,
                )
                .outerjoin(Product, Product.id == OrderLine.product_id)
                .where(OrderLine.order_id == order.id)
                .order_by(OrderLine.line_no)
            ).all()
            lines = tuple(
                PackLine(
                    line_id=ln.id,
                    sku=ln.sku,
                    name=ln.name,
                    ordered=ln.quantity,
                    packed=ln.packed,
                    short=ln.short,
                    bin_location=bin_location,
                    image_path=image_path,
                    serial_tracked=bool(serial),
                    lot_tracked=bool(lot),
                )
                for ln, bin_location, image_path, serial, lot in rows
            )
            open_order = OpenOrder(
                id=order.id,
                number=order.external_number,
                status=OrderStatus(order.status),
                customer=order.ship_to_name or order.customer_name,
                carrier=order.carrier,
                service=order.service,
                ship_by=order.ship_by,
                priority=order.priority,
                gift_note=order.gift_note,
                lines=lines,
                claimed_here=order.claimed_by_station_id == station_id
                and order.status == OrderStatus.PACKING,
            )
        return StationView(
            user_name=user.name if user else None,
            user_role=user.role.value if user else None,
            order=open_order,
        )
