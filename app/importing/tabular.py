"""Generic order tables: CSV or XLSX with one row per order line and a column mapping.

The columns are named after the fields below (``order_number``, ``sku``,
``quantity``, ...); common English and Chinese headings are recognised too, and a
mapping (``{"order_number": "订单号", ...}``) names the column for any field whose
heading is different. Mappings are saved as named profiles (``mapping_profiles``) and
reused by name. An order's rows need not be next to each other; its order-level values
come from its first row and may be left empty on the others.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from app.importing.common import (
    BadFile,
    FileFacts,
    HeaderMap,
    Row,
    cut_off,
    header_width,
    none_if_empty,
    parse_decimal,
    parse_quantity,
    parse_time,
)
from app.importing.records import Address, LineRecord, OrderRecord, RowError
from app.models import OrderStatus


class Table(Protocol):
    """A header and a stream of rows: a CSV file or an Excel sheet."""

    header: list[str]
    row_count: int

    @property
    def name(self) -> str: ...

    def rows(self) -> Iterator[Row]: ...

    def close(self) -> None: ...


# --- XLSX ---------------------------------------------------------------------------


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    return str(value)


class XlsxTable:
    """The first worksheet of an Excel workbook, read row by row (read-only mode)."""

    def __init__(self, facts: FileFacts) -> None:
        from openpyxl import load_workbook

        self.facts = facts
        self.row_count = 0
        try:
            self._book = load_workbook(facts.path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises zipfile, KeyError, XML errors ...
            raise BadFile(f"{facts.path.name} is not a readable Excel .xlsx workbook.") from exc
        sheet = self._book.worksheets[0]
        self._rows = sheet.iter_rows(values_only=True)
        first = next(self._rows, None)
        self.header = [_cell_text(v).strip() for v in first] if first else []
        while self.header and not self.header[-1]:
            self.header.pop()
        if not self.header:
            self.close()
            raise BadFile(f"{facts.path.name} is empty (its first sheet has no header row).")

    @property
    def name(self) -> str:
        return self.facts.path.name

    def close(self) -> None:
        self._book.close()

    def rows(self) -> Iterator[Row]:
        pending: Row | None = None
        for number, values in enumerate(self._rows, start=2):
            cells = [_cell_text(v) for v in values]
            if not any(c.strip() for c in cells):
                continue
            if pending is not None:
                self.row_count += 1
                yield pending
            pending = Row(number, cells, False)
        if pending is not None:
            self.row_count += 1
            yield Row(pending.number, pending.cells, True)


# --- the generic order fields ------------------------------------------------------

#: field -> headings recognised without a mapping (case and spacing ignored)
ORDER_FIELDS: dict[str, tuple[str, ...]] = {
    "order_number": ("order_number", "order number", "order", "order no", "订单号", "订单编号"),
    "sku": ("sku", "item sku", "商品编码", "货号", "商家编码"),
    "quantity": ("quantity", "qty", "数量"),
    "item_name": ("item_name", "item name", "product name", "商品名称"),
    "unit_price": ("unit_price", "price", "单价"),
    "channel": ("channel", "platform", "渠道", "平台"),
    "status": ("status", "order status", "订单状态", "状态"),
    "customer_name": ("customer_name", "customer", "买家", "客户"),
    "email": ("email", "e-mail", "邮箱"),
    "ship_to_name": ("ship_to_name", "recipient", "收件人", "收货人"),
    "ship_to_company": ("ship_to_company", "company", "公司"),
    "ship_to_line1": ("ship_to_line1", "address", "address1", "收货地址", "详细地址"),
    "ship_to_line2": ("ship_to_line2", "address2"),
    "ship_to_city": ("ship_to_city", "city", "城市", "市"),
    "ship_to_region": ("ship_to_region", "region", "province", "state", "省份", "省"),
    "ship_to_postal_code": ("ship_to_postal_code", "postal_code", "zip", "postcode", "邮编"),
    "ship_to_country": ("ship_to_country", "country", "国家"),
    "ship_to_phone": ("ship_to_phone", "phone", "手机", "电话", "联系电话"),
    "carrier": ("carrier", "快递公司", "物流公司", "快递"),
    "service": ("service", "shipping service", "服务"),
    "tracking_number": ("tracking_number", "tracking", "tracking number", "运单号", "快递单号"),
    "priority": ("priority", "优先级"),
    "ordered_at": ("ordered_at", "order date", "created at", "下单时间"),
    "ship_by": ("ship_by", "ship by", "最晚发货时间", "发货截止时间"),
    "gift_note": ("gift_note", "note", "备注"),
    "cod_amount": ("cod_amount", "cod", "代收货款"),
    "currency": ("currency", "币种"),
}
REQUIRED_ORDER_FIELDS = ("order_number", "sku", "quantity")
_LINE_FIELDS = frozenset({"order_number", "sku", "quantity", "item_name", "unit_price"})

STATUS_WORDS: dict[str, OrderStatus] = {
    "new": OrderStatus.NEW,
    "pending": OrderStatus.NEW,
    "待审核": OrderStatus.NEW,
    "待付款": OrderStatus.NEW,
    "ready": OrderStatus.READY,
    "paid": OrderStatus.READY,
    "authorized": OrderStatus.READY,
    "已确认": OrderStatus.READY,
    "已付款": OrderStatus.READY,
    "待发货": OrderStatus.READY,
    "on_hold": OrderStatus.ON_HOLD,
    "on hold": OrderStatus.ON_HOLD,
    "hold": OrderStatus.ON_HOLD,
    "暂停": OrderStatus.ON_HOLD,
    "挂起": OrderStatus.ON_HOLD,
    "cancelled": OrderStatus.CANCELLED,
    "canceled": OrderStatus.CANCELLED,
    "refunded": OrderStatus.CANCELLED,
    "已取消": OrderStatus.CANCELLED,
}
PRIORITY_WORDS: dict[str, int] = {
    "": 0,
    "0": 0,
    "normal": 0,
    "no": 0,
    "普通": 0,
    "1": 1,
    "yes": 1,
    "high": 1,
    "urgent": 1,
    "express": 1,
    "expedited": 1,
    "加急": 1,
}


def parse_status(text: str) -> OrderStatus:
    """An order's state as a file may say it; empty means ``ready``."""
    raw = text.strip().lower()
    if not raw:
        return OrderStatus.READY
    found = STATUS_WORDS.get(raw)
    if found is None:
        raise ValueError(
            f"status {text.strip()!r} is not one of new, ready, on_hold, cancelled "
            "(or paid, pending)"
        )
    return found


def parse_priority(text: str) -> int:
    found = PRIORITY_WORDS.get(text.strip().lower())
    if found is None:
        raise ValueError(f"priority {text.strip()!r} is not 0/1, normal/express")
    return found


def columns_for(
    fields: Mapping[str, tuple[str, ...]], mapping: Mapping[str, str] | None, filename: str
) -> dict[str, tuple[str, ...]]:
    """The headings to look for per field: a mapping's column replaces the defaults."""
    if not mapping:
        return dict(fields)
    unknown = sorted(set(mapping) - set(fields))
    if unknown:
        raise BadFile(
            f"The mapping names unknown fields {', '.join(unknown)}; "
            f"known fields: {', '.join(fields)}."
        )
    return {f: ((mapping[f],) if f in mapping else names) for f, names in fields.items()}


def require_mapped(
    cols: HeaderMap, mapping: Mapping[str, str] | None, required: tuple[str, ...], filename: str
) -> None:
    for field_name, column in (mapping or {}).items():
        if not cols.has(field_name):
            raise BadFile(
                f"{filename} has no column '{column}' (the mapping's column for {field_name})."
            )
    cols.require(filename, {f: f for f in required})


@dataclass
class _Order:
    channel: str
    number: str
    first: Row
    rows: list[Row]


class GenericOrders:
    """Yields an order record per order number (or the errors of its rows)."""

    def __init__(
        self,
        table: Table,
        *,
        channel: str,
        tz: ZoneInfo,
        mapping: Mapping[str, str] | None = None,
    ) -> None:
        self.table = table
        self.channel = channel
        self.tz = tz
        self.cols = HeaderMap(table.header, columns_for(ORDER_FIELDS, mapping, table.name))
        require_mapped(self.cols, mapping, REQUIRED_ORDER_FIELDS, table.name)
        self.width = header_width(table.header)
        self.orders = 0

    def __iter__(self) -> Iterator[OrderRecord | RowError]:
        get = self.cols.get
        orders: dict[str, _Order] = {}
        any_rows = False
        for row in self.table.rows():
            any_rows = True
            if len(row.cells) > self.width and any(c.strip() for c in row.cells[self.width :]):
                yield RowError(row.number, f"has more columns than the header ({self.width})")
                continue
            if row.last and len(row.cells) < self.width:
                # earlier rows may leave empty cells out, but a short last row is what a
                # file cut off in its last line looks like
                yield cut_off(row, self.width)
                continue
            number = get(row.cells, "order_number")
            if not number:
                yield RowError(row.number, "no order number")
                continue
            entry = orders.get(number)
            if entry is None:
                channel = get(row.cells, "channel") or self.channel
                orders[number] = _Order(channel, number, row, [row])
            else:
                entry.rows.append(row)
        if not any_rows:
            raise BadFile(f"{self.table.name} has a header but no orders.")
        self.orders = len(orders)
        for entry in orders.values():
            yield from self._order(entry)

    def _order(self, entry: _Order) -> Iterator[OrderRecord | RowError]:
        get = self.cols.get
        errors: list[RowError] = []
        lines: list[LineRecord] = []
        first = entry.first.cells
        order_fields = [f for f in self.cols.index if f not in _LINE_FIELDS]
        for row in entry.rows:
            try:
                quantity = parse_quantity(get(row.cells, "quantity"))
                price = parse_decimal(get(row.cells, "unit_price"), "unit_price")
            except ValueError as exc:
                errors.append(RowError(row.number, str(exc)))
                continue
            sku = get(row.cells, "sku")
            if not sku:
                errors.append(RowError(row.number, "no SKU"))
                continue
            name = get(row.cells, "item_name")
            lines.append(LineRecord(sku, quantity, name, price, source_row=row.number))
            if row is entry.first:
                continue
            for f in order_fields:
                mine, theirs = get(row.cells, f), get(first, f)
                if mine and theirs and mine != theirs:
                    errors.append(
                        RowError(
                            row.number,
                            f"order {entry.number}: {f} is {mine!r} here but {theirs!r} on "
                            f"row {entry.first.number}",
                        )
                    )
        record: OrderRecord | None = None
        try:
            record = self._record(entry, tuple(lines))
        except ValueError as exc:
            errors.append(RowError(entry.first.number, str(exc)))
        if errors or record is None:
            yield from errors
            return
        yield record

    def _record(self, entry: _Order, lines: tuple[LineRecord, ...]) -> OrderRecord:
        get = self.cols.get
        c = entry.first.cells
        return OrderRecord(
            channel=entry.channel,
            external_number=entry.number,
            status=parse_status(get(c, "status")),
            lines=lines,
            ship_to=Address(
                name=get(c, "ship_to_name"),
                company=none_if_empty(get(c, "ship_to_company")),
                line1=get(c, "ship_to_line1"),
                line2=none_if_empty(get(c, "ship_to_line2")),
                city=get(c, "ship_to_city"),
                region=none_if_empty(get(c, "ship_to_region")),
                postal_code=get(c, "ship_to_postal_code"),
                country=get(c, "ship_to_country"),
                phone=none_if_empty(get(c, "ship_to_phone")),
            ),
            customer_name=get(c, "customer_name") or get(c, "ship_to_name"),
            email=none_if_empty(get(c, "email")),
            carrier=none_if_empty(get(c, "carrier")),
            service=none_if_empty(get(c, "service")),
            tracking_number=none_if_empty(get(c, "tracking_number")),
            priority=parse_priority(get(c, "priority")),
            ordered_at=parse_time(get(c, "ordered_at"), self.tz, "ordered_at"),
            ship_by=parse_time(get(c, "ship_by"), self.tz, "ship_by"),
            gift_note=none_if_empty(get(c, "gift_note")),
            cod_amount=parse_decimal(get(c, "cod_amount"), "cod_amount"),
            currency=none_if_empty(get(c, "currency").upper()),
            source_row=entry.first.number,
        )


def is_xlsx(path: Path) -> bool:
    return path.suffix.lower() in (".xlsx", ".xlsm")
