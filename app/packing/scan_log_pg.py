"""The scan log's writes on PostgreSQL, each one statement (one round trip): the
scan's event inserted with its link in its counter's scan chain (``head``: the
chain's head moved on in the same statement, ``app.audit.tables.head``), its quarter
hour's tally, and an accepted scan's count.

Built from a ``head``, so that the benchmark can build them with a head that does not
chain (the scan log as it was before it was chained) and measure the two side by side.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import ColumnElement, bindparam, exists, insert, select
from sqlalchemy.sql.selectable import CTE

from app import scan_tally
from app.audit.chain import LINK
from app.direct_sql import DirectStatement
from app.models import ScanEvent
from app.packing import count

EVENT_COLUMNS = [c for c in ScanEvent.__table__.c if not c.primary_key and c.name not in LINK]


@dataclass(frozen=True)
class Writes:
    log: DirectStatement  # the event alone (a scan not tallied)
    log_and_tally: DirectStatement  # the event and its tally
    log_tally_and_count: DirectStatement  # and an accepted scan's count
    # an accepted scan decided without the order's lock, written only if its order
    # and line are as read (see ``scan_log.log_unless_changed``)
    unless_changed: DirectStatement


def _logged(head: CTE) -> CTE:
    """The event's INSERT, its link from ``head``, as a data-modifying CTE returning
    its id (none when ``head`` gives no row)."""
    return (
        insert(ScanEvent)
        .from_select(
            [c.name for c in EVENT_COLUMNS] + list(LINK),
            select(
                *(bindparam(f"ev_{c.name}", type_=c.type) for c in EVENT_COLUMNS),
                *(head.c[name] for name in LINK),
            ),
        )
        .returning(ScanEvent.id)
        .cte("logged")
    )


def written_with(head: Callable[[ColumnElement[bool] | None], CTE]) -> Writes:
    """The four writes, each scan's link made by ``head(when)``."""
    moved = head(None)
    logged = _logged(moved)
    # a counted scan's event and its tally in one round trip: the event's INSERT as
    # a data-modifying CTE of the tally's upsert, which returns the event's id
    log_and_tally = (
        scan_tally.upsert("postgresql")
        .add_cte(moved, logged)
        .returning(select(logged.c.id).scalar_subquery())
    )
    # and an accepted scan's count in the same statement
    log_tally_and_count = (
        scan_tally.upsert("postgresql")
        .add_cte(moved, logged)
        .add_cte(count.COUNTED)
        .add_cte(count.TOUCHED)
        .returning(
            select(logged.c.id).scalar_subquery(),
            select(count.COUNTED.c.packed).scalar_subquery(),
            select(count.TOUCHED.c.version).scalar_subquery(),
        )
    )
    # decided without the order's lock: the order touched only as read, the line
    # counted only then (``count.COUNTED_IF_TOUCHED``), the chain moved on, the event
    # logged and tallied only if it was counted. One row (the event's id) when
    # counted, none when not.
    moved_if = head(exists(select(count.COUNTED_IF_TOUCHED.c.packed)))
    logged_if = _logged(moved_if)
    unless_changed = select(logged_if.c.id).add_cte(
        count.TOUCHED_IF_AS_READ,
        count.COUNTED_IF_TOUCHED,
        moved_if,
        logged_if,
        scan_tally.upsert_pg_when(exists(select(logged_if.c.id))).cte("tallied"),
    )
    return Writes(
        DirectStatement(select(logged.c.id).add_cte(moved, logged)),
        DirectStatement(log_and_tally),
        DirectStatement(log_tally_and_count),
        DirectStatement(unless_changed),
    )
