"""Orders as a JSON array, in the shape ``packdesk orders --json`` prints.

``[{"number": "000123", "channel": "tmall", "status": "ready", "ship_to": {...},
"lines": [{"sku": "CUP-500", "quantity": 2}], ...}]`` (``{"orders": [...]}`` too).
A bad order is reported by its position in the array (1 = the first order).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

from app.importing.common import (
    BadFile,
    FileFacts,
    parse_decimal,
    parse_quantity,
    parse_time,
)
from app.importing.records import Address, LineRecord, OrderRecord, RowError
from app.importing.tabular import parse_priority, parse_status


def _text(value: Any, what: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ValueError(f"{what} must be text, not {type(value).__name__}")
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value).strip()


def _opt(value: Any, what: str) -> str | None:
    return _text(value, what) or None


class JsonOrders:
    def __init__(self, facts: FileFacts, *, channel: str, tz: ZoneInfo) -> None:
        self.name = facts.path.name
        self.channel = channel
        self.tz = tz
        try:
            with facts.path.open(encoding=facts.encoding) as fh:
                data = json.load(fh)
        except json.JSONDecodeError as exc:
            raise BadFile(
                f"{self.name} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})."
            ) from exc
        except RecursionError:
            raise BadFile(
                f"{self.name} nests arrays or objects too deeply to be a list of orders."
            ) from None
        if isinstance(data, dict) and isinstance(data.get("orders"), list):
            data = data["orders"]
        if not isinstance(data, list):
            raise BadFile(f"{self.name} must hold a JSON array of orders.")
        if not data:
            raise BadFile(f"{self.name} holds no orders (an empty array).")
        self.items: list[Any] = data
        self.orders = len(data)

    def __iter__(self) -> Iterator[OrderRecord | RowError]:
        seen: dict[tuple[str, str], int] = {}
        for position, item in enumerate(self.items, start=1):
            try:
                record = self._record(item, position)
            except ValueError as exc:
                yield RowError(position, str(exc))
                continue
            key = (record.channel, record.external_number)
            if key in seen:
                yield RowError(position, f"order {key[1]} is also order {seen[key]} of the array")
                continue
            seen[key] = position
            yield record

    def _record(self, item: Any, position: int) -> OrderRecord:
        if not isinstance(item, dict):
            raise ValueError("is not a JSON object")
        number = _text(item.get("number", item.get("order_number")), "number")
        if not number:
            raise ValueError("has no 'number'")
        raw_lines = item.get("lines")
        if not isinstance(raw_lines, list) or not raw_lines:
            raise ValueError(f"order {number} has no 'lines'")
        lines = []
        for i, line in enumerate(raw_lines, start=1):
            if not isinstance(line, dict):
                raise ValueError(f"order {number}, line {i} is not a JSON object")
            sku = _text(line.get("sku"), "sku")
            if not sku:
                raise ValueError(f"order {number}, line {i} has no SKU")
            try:
                quantity = parse_quantity(_text(line.get("quantity", line.get("ordered")), "q"))
                price = parse_decimal(_text(line.get("unit_price"), "unit_price"), "unit_price")
            except ValueError as exc:
                raise ValueError(f"order {number}, line {i}: {exc}") from None
            lines.append(LineRecord(sku, quantity, _text(line.get("name"), "name"), price))
        to = item.get("ship_to") or {}
        if not isinstance(to, dict):
            raise ValueError(f"order {number}: 'ship_to' is not a JSON object")
        street = to.get("lines") or []
        if isinstance(street, str):
            street = [street]
        if not isinstance(street, list):
            raise ValueError(f"order {number}: 'ship_to.lines' is not a list")
        street = [_text(x, "ship_to.lines") for x in street]
        status = item.get("status")
        return OrderRecord(
            channel=_text(item.get("channel"), "channel") or self.channel,
            external_number=number,
            status=parse_status(_text(status, "status")),
            lines=tuple(lines),
            ship_to=Address(
                name=_text(to.get("name"), "ship_to.name"),
                company=_opt(to.get("company"), "ship_to.company"),
                line1=street[0] if street else "",
                line2=", ".join(street[1:]) or None,
                city=_text(to.get("city"), "ship_to.city"),
                region=_opt(to.get("region"), "ship_to.region"),
                postal_code=_text(to.get("postal_code"), "ship_to.postal_code"),
                country=_text(to.get("country"), "ship_to.country"),
                phone=_opt(to.get("phone"), "ship_to.phone"),
            ),
            customer_name=_text(item.get("customer"), "customer")
            or _text(to.get("name"), "ship_to.name"),
            email=_opt(item.get("email"), "email"),
            carrier=_opt(item.get("carrier"), "carrier"),
            service=_opt(item.get("service"), "service"),
            tracking_number=_opt(item.get("tracking_number"), "tracking_number"),
            priority=parse_priority(_text(item.get("priority"), "priority")),
            ordered_at=parse_time(
                _text(item.get("ordered_at"), "ordered_at"), self.tz, "ordered_at"
            ),
            ship_by=parse_time(_text(item.get("ship_by"), "ship_by"), self.tz, "ship_by"),
            gift_note=_opt(item.get("gift_note"), "gift_note"),
            cod_amount=parse_decimal(_text(item.get("cod_amount"), "cod_amount"), "cod_amount"),
            currency=_opt(item.get("currency"), "currency"),
            source_row=position,
        )
