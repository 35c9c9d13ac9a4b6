"""The Shopify orders export (Orders -> Export -> CSV).

One row per line item; the order's own fields (status, address, times) are filled
only on its first row. Lines that do not require shipping are left out; orders that
Shopify has already fulfilled are skipped and counted; paid or authorized orders
arrive ``ready``, pending ones ``new``, cancelled, refunded or voided ones
``cancelled``. Header names are matched case-insensitively and the variants Shopify
has used over the years are accepted.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from app.importing.common import (
    BadFile,
    HeaderMap,
    Row,
    check_width,
    header_width,
    parse_decimal,
    parse_quantity,
    parse_time,
)
from app.importing.records import Address, LineRecord, OrderRecord, RowError
from app.importing.tabular import Table
from app.models import OrderStatus

ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("Name", "Order Name", "Order Number"),
    "email": ("Email",),
    "financial": ("Financial Status",),
    "fulfillment": ("Fulfillment Status",),
    "currency": ("Currency",),
    "shipping_method": ("Shipping Method", "Shipping Line Title"),
    "created_at": ("Created at", "Created At", "Processed at"),
    "quantity": ("Lineitem quantity", "Lineitem qty"),
    "line_name": ("Lineitem name",),
    "price": ("Lineitem price",),
    "sku": ("Lineitem sku", "Lineitem SKU"),
    "requires_shipping": ("Lineitem requires shipping",),
    "line_fulfillment": ("Lineitem fulfillment status",),
    "billing_name": ("Billing Name",),
    "ship_name": ("Shipping Name",),
    "ship_company": ("Shipping Company",),
    "ship_line1": ("Shipping Address1", "Shipping Street"),
    "ship_line2": ("Shipping Address2",),
    "ship_city": ("Shipping City",),
    "ship_zip": ("Shipping Zip", "Shipping Postal Code"),
    "ship_province": ("Shipping Province Name", "Shipping Province"),
    "ship_country": ("Shipping Country",),
    "ship_phone": ("Shipping Phone",),
    "phone": ("Phone", "Billing Phone"),
    "notes": ("Notes", "Note"),
    "cancelled_at": ("Cancelled at", "Canceled at"),
    "tags": ("Tags",),
}
REQUIRED = {"name": "Name", "quantity": "Lineitem quantity", "sku": "Lineitem sku"}
_LINE_FIELDS = frozenset(
    {"quantity", "line_name", "price", "sku", "requires_shipping", "line_fulfillment"}
)
#: Headers that mark a file as a Shopify orders export (for --format auto).
SIGNATURE = ("name", "quantity", "financial")

READY = frozenset({"paid", "authorized", "partially_paid", "partially_refunded"})
CANCELLED = frozenset({"refunded", "voided"})
EXPRESS_WORDS = ("express", "expedited", "overnight", "priority", "next day", "加急", "顺丰")


def looks_like_shopify_orders(header: list[str]) -> bool:
    found = HeaderMap(header, ALIASES)
    return all(found.has(f) for f in SIGNATURE)


def order_status(financial: str, cancelled_at: str) -> OrderStatus:
    """paid/authorized -> ready; refunded/voided or a cancel time -> cancelled; else new
    (pending, expired or a status this program does not know: it waits for a person)."""
    value = financial.strip().lower().replace(" ", "_")
    if cancelled_at or value in CANCELLED:
        return OrderStatus.CANCELLED
    if value in READY:
        return OrderStatus.READY
    return OrderStatus.NEW


@dataclass
class ShopifyCounts:
    fulfilled_orders: int = 0
    nothing_to_ship: int = 0
    lines_not_shipped: int = 0
    fulfilled_lines: int = 0
    orders: int = 0
    notes: list[str] = field(default_factory=list)


@dataclass
class _Group:
    number: str
    first: Row
    rows: list[Row]


class ShopifyOrders:
    """Reads the export row by row and yields order records or row errors."""

    def __init__(self, table: Table, *, channel: str, tz: ZoneInfo) -> None:
        self.table = table
        self.channel = channel
        self.tz = tz
        self.cols = HeaderMap(table.header, ALIASES)
        self.cols.require(table.name, REQUIRED)
        self.width = header_width(table.header)
        self.counts = ShopifyCounts()
        # positions of the fields; a column the file lacks reads the "" appended to rows
        at = {f: self.cols.index.get(f, self.width) for f in ALIASES}
        self._order_at = tuple((f, i) for f, i in at.items() if f not in _LINE_FIELDS)
        self._line_at = tuple(
            at[f]
            for f in ("quantity", "sku", "line_name", "price", "requires_shipping",
                      "line_fulfillment")
        )  # fmt: skip

    def __iter__(self) -> Iterator[OrderRecord | RowError]:
        seen: dict[str, int] = {}
        group: _Group | None = None
        any_rows = False
        width = self.width
        name_at = self.cols.index["name"]
        for row in self.table.rows():
            any_rows = True
            cells = row.cells
            if len(cells) != width:
                width_error = check_width(row, width)
                if width_error:
                    yield width_error
                    continue
            cells.append("")  # where columns the file lacks are read from
            number = cells[name_at].strip()
            if not number:
                yield RowError(row.number, "no order number (the 'Name' column is empty)")
                continue
            if group is not None and number == group.number:
                group.rows.append(row)
                continue
            if group is not None:
                yield from self._order(group)
            if number in seen:
                yield RowError(
                    row.number,
                    f"order {number} already appeared at row {seen[number]}; "
                    "an order's rows must be together",
                )
                group = None
                continue
            seen[number] = row.number
            group = _Group(number, row, [row])
        if group is not None:
            yield from self._order(group)
        if not any_rows:
            raise BadFile(f"{self.table.name} has a header but no orders.")

    def _order(self, group: _Group) -> Iterator[OrderRecord | RowError]:
        first = {f: group.first.cells[i].strip() for f, i in self._order_at}
        self.counts.orders += 1
        if first["fulfillment"].lower() == "fulfilled":
            self.counts.fulfilled_orders += 1
            return
        errors: list[RowError] = []
        lines: list[LineRecord] = []
        q_at, sku_at, name_at, price_at, ship_at, done_at = self._line_at
        for row in group.rows:
            cells = row.cells
            if cells[ship_at].strip().lower() == "false":
                self.counts.lines_not_shipped += 1
                continue
            if cells[done_at].strip().lower() == "fulfilled":
                self.counts.fulfilled_lines += 1
                continue
            sku = cells[sku_at].strip()
            try:
                quantity = parse_quantity(cells[q_at])
                price = parse_decimal(cells[price_at], "price")
            except ValueError as exc:
                errors.append(RowError(row.number, str(exc)))
                continue
            name = cells[name_at].strip()
            if not sku:
                errors.append(
                    RowError(
                        row.number,
                        f"line '{name}' has no SKU; give the product a SKU in Shopify",
                    )
                )
                continue
            if len(sku) > 64:
                errors.append(RowError(row.number, f"SKU {sku[:20]!r}... is over 64 characters"))
                continue
            lines.append(LineRecord(sku, quantity, name[:255], price, source_row=row.number))
        try:
            ordered_at = parse_time(first["created_at"], self.tz, "'Created at'")
        except ValueError as exc:
            errors.append(RowError(group.first.number, str(exc)))
            ordered_at = None
        if errors:
            yield from errors
            return
        if not lines:
            self.counts.nothing_to_ship += 1
            return
        yield self._record(group.number, group.first.number, first, lines, ordered_at)

    def _record(
        self,
        number: str,
        row: int,
        f: dict[str, str],
        lines: list[LineRecord],
        ordered_at: datetime | None,
    ) -> OrderRecord:
        method = f["shipping_method"]
        lowered = method.lower()
        return OrderRecord(
            channel=self.channel,
            external_number=number,
            status=order_status(f["financial"], f["cancelled_at"]),
            lines=tuple(lines),
            ship_to=Address(
                name=f["ship_name"],
                company=f["ship_company"] or None,
                line1=f["ship_line1"],
                line2=f["ship_line2"] or None,
                city=f["ship_city"],
                region=f["ship_province"] or None,
                postal_code=f["ship_zip"].lstrip("'"),
                country=f["ship_country"],
                phone=f["ship_phone"] or f["phone"] or None,
            ),
            customer_name=f["billing_name"] or f["ship_name"],
            email=f["email"] or None,
            service=method[:64] or None,
            priority=1 if any(w in lowered for w in EXPRESS_WORDS) else 0,
            ordered_at=ordered_at,
            gift_note=f["notes"] or None,
            currency=f["currency"][:3] or None,
            source_row=row,
        )
