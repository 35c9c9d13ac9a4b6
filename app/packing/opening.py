"""Opening an order by its scanned number: the facts read (the order and the one the
station had open, both row-locked, so the claim is safe under concurrency), decided
by ``app.packing.opening_rules`` and written by ``app.packing.scan_writer``."""

from __future__ import annotations

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from app.models import OrderStatus, Station
from app.packing import lookup, scan_writer
from app.packing.opening_rules import OpeningFacts, decide_opening
from app.packing.scan_log import Step
from app.packing.scan_station import ScanStation
from app.packing.station_state import Committed


def open_order(
    eng: ScanStation, step: Step, match: lookup.OrderMatch, *, switch_to: int | None = None
) -> Committed:
    """An order scanned (``match``): opened here, or refused (see the rules);
    ``switch_to``, the order a refused switch named, which this scan may confirm."""
    s = step.s
    conn = s.connection()
    order = lookup.lock_order(conn, match.id)
    assert order is not None  # found in this transaction, and orders are never deleted
    facts = OpeningFacts(
        order=order,
        station_id=eng.station_id,
        claimed_by=_claimed_by(s, order, eng.station_id),
        before=_open_here(conn, eng, order.id),
        switch_to=switch_to,
        awaiting=eng.still_awaited(),
    )
    return scan_writer.write(eng, step, decide_opening(facts))


def _claimed_by(s: Session, order: lookup.OrderAsRead, station_id: int) -> str | None:
    """The name of the station packing ``order``, when it is another."""
    claimed = order.claimed_by_station_id
    if order.status is not OrderStatus.PACKING or claimed in (None, station_id):
        return None
    other = s.get(Station, claimed)
    return other.name if other else None


def _open_here(conn: Connection, eng: ScanStation, scanned: int) -> lookup.OrderAsRead | None:
    """The order this station has open, if another than the one ``scanned`` and still
    packed here: row-locked (after the one scanned) and read with its lines."""
    if eng.open_order_id in (None, scanned):
        return None
    order = lookup.lock_order(conn, eng.open_order_id)
    if (
        order is None
        or order.status is not OrderStatus.PACKING
        or order.claimed_by_station_id != eng.station_id
    ):
        return None
    return order
