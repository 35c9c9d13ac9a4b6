"""An accepted scan's count: units added to the order's line (and as many taken off
its short mark as the scan found of its missing units), and the order touched (its
``version`` and ``updated_at`` move, so the board sees the scan).

Both are checked against the version of the order the scan read (and the line
against the count read): under the order's row lock, or, for a scan decided without
it (``app.packing.item_scan``), by the write itself, which then writes nothing if either
changed. The table's CHECK constraint would refuse a count past the ordered quantity.
On PostgreSQL they go out in the same statement as the scan's event (``scan_log.log``);
SQLite (RETURNING only from 3.35) runs them as two statements.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, bindparam, exists, select, update
from sqlalchemy.orm.exc import StaleDataError

from app import lifecycle
from app.models import Order, OrderLine

_COUNT_UNITS = (
    update(OrderLine)
    .where(
        OrderLine.id == bindparam("count_line"),
        OrderLine.packed == bindparam("count_packed_before"),
    )
    .values(
        packed=OrderLine.packed + bindparam("count_units"),
        short=OrderLine.short - bindparam("count_found"),
    )
)
# for statements that embed the count: the line's new count and the order's new
# version come back, or nothing when the order is no longer at the version read
COUNTED = _COUNT_UNITS.returning(OrderLine.packed).cte("counted")
TOUCHED = lifecycle.TOUCH_LOCKED.returning(Order.version).cte("touched")
# for a scan decided without the order's lock (``app.packing.item_scan``): the order is
# touched only at the version read and with the line (in the statement's snapshot) at
# the count read; the line is counted only if the order was touched, and only if it
# is still at that count once its row is locked. (A line changed by a writer that left
# the version alone and committed in that instant leaves the order touched, uncounted.)
_LINE_AS_READ = exists(
    select(OrderLine.id).where(
        OrderLine.id == bindparam("count_line"),
        OrderLine.packed == bindparam("count_packed_before"),
    )
)
TOUCHED_IF_AS_READ = (
    lifecycle.TOUCH_LOCKED.where(_LINE_AS_READ).returning(Order.version).cte("touched")
)
COUNTED_IF_TOUCHED = (
    _COUNT_UNITS.where(exists(select(TOUCHED_IF_AS_READ.c.version)))
    .returning(OrderLine.packed)
    .cte("counted")
)


@dataclass(frozen=True)
class Count:
    """``units`` more on line ``line_id`` of order ``order_id``, read at ``seen_version``
    with the line at ``packed_before``; ``found`` of them were marked short."""

    order_id: int
    seen_version: int
    line_id: int
    packed_before: int
    units: int
    found: int = 0

    @property
    def params(self) -> dict[str, Any]:
        return {
            "count_line": self.line_id,
            "count_units": self.units,
            "count_found": self.found,
            "count_packed_before": self.packed_before,
            "touch_order": self.order_id,
            "touch_seen": self.seen_version,
        }

    def check(self, packed: int | None, version: int | None) -> None:
        """Raise ``StaleDataError`` unless the embedded count wrote what was decided."""
        if version is None or packed != self.packed_before + self.units:
            raise StaleDataError(
                f"order {self.order_id} or its line {self.line_id} changed meanwhile"
            )

    def write(self, conn: Connection) -> None:
        """The count as statements of its own (SQLite)."""
        if conn.execute(_COUNT_UNITS, self.params).rowcount != 1:
            raise StaleDataError(f"line {self.line_id} of order {self.order_id} changed or is gone")
        lifecycle.touch_locked(conn, self.order_id, self.seen_version)
