"""What a decision intends to change, as plain values that a writer carries out
(``app.packing.scan_writer``): the rules decide, the writer writes.

A counted unit is a ``Count`` (``app.packing.count``, which also knows how to write
itself in either dialect); the others are here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeAlias

from app.models import OrderStatus
from app.packing.count import Count
from app.packing.lookup import OrderAsRead


@dataclass(frozen=True)
class SerialPacked:
    """This serial of this product went into the order's box (recorded with the scan)."""

    product_id: int
    serial: str
    order_id: int
    line_id: int


@dataclass(frozen=True)
class ShortFound:
    """Units of a line marked short turned up and were counted (audited on the line)."""

    order_number: str
    line_id: int
    sku: str
    units: int


@dataclass(frozen=True)
class OrderEnds:
    """The open order leaves ``packing`` for ``to`` (packed, or on hold when something
    is short) at the version the scan's own count left it; a packed order's documents
    go to the spool in the same transaction."""

    order: OrderAsRead
    seen_version: int
    to: OrderStatus
    reason: str


Change: TypeAlias = Count | SerialPacked | ShortFound | OrderEnds
