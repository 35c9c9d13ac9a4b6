"""Plain, validated records that every intake source produces and the upsert consumes.

A parser (Shopify, generic CSV/XLSX, JSON, the demo generator) turns its input into
these; ``app.importing.upsert`` writes them in one transaction. Nothing here touches
the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from app.models import OrderStatus


@dataclass(frozen=True)
class Address:
    name: str = ""
    company: str | None = None
    line1: str = ""
    line2: str | None = None
    city: str = ""
    region: str | None = None
    postal_code: str = ""
    country: str = ""
    phone: str | None = None


@dataclass(frozen=True)
class LineRecord:
    sku: str
    quantity: int
    name: str = ""
    unit_price: Decimal | None = None
    source_row: int | None = field(default=None, compare=False)  # its row, for messages


@dataclass(frozen=True)
class OrderRecord:
    """One order as a source states it. ``external_number`` is text as written."""

    channel: str
    external_number: str
    status: OrderStatus
    lines: tuple[LineRecord, ...]
    ship_to: Address = field(default_factory=Address)
    customer_name: str = ""
    email: str | None = None
    carrier: str | None = None
    service: str | None = None
    tracking_number: str | None = None  # the carrier's number, when the shop already has one
    priority: int = 0
    ordered_at: datetime | None = None
    ship_by: datetime | None = None
    gift_note: str | None = None
    cod_amount: Decimal | None = None
    currency: str | None = None
    source_row: int | None = None  # first row of the order in its file, for messages


@dataclass(frozen=True)
class CodeRecord:
    code: str
    units: int = 1  # > 1 for a case-pack code


@dataclass(frozen=True)
class ProductRecord:
    sku: str
    name: str
    codes: tuple[CodeRecord, ...] = ()
    unit_weight_g: int | None = None
    bin_location: str | None = None
    serial_tracked: bool = False
    lot_tracked: bool = False
    image_path: str | None = None
    source_row: int | None = None
    serial_pattern: str | None = None  # a regular expression a whole serial must match


@dataclass(frozen=True)
class RowError:
    row: int  # 1-based row number as a spreadsheet shows it (header = row 1)
    reason: str

    def __str__(self) -> str:
        return f"row {self.row}: {self.reason}"
