"""An order's box emptied: what was counted into it taken back, for an order that
leaves its counter unfinished and goes back to the queue. Nothing it counted stays
(units, short marks, serials, the parcels begun for it while nothing was printed for
them), so whichever counter opens it next starts an empty box; the scans that did
them are marked undone, as UNDO marks one, and their units leave the tallies."""

from __future__ import annotations

from sqlalchemy import and_, delete, exists, or_, select
from sqlalchemy.orm import Session

from app import scan_tally
from app.models import Order, PackedSerial, Parcel, PrintJob, ScanEvent
from app.packing.verdict import PACKED_OUTCOMES


def empty(s: Session, order: Order) -> int:
    """Every line of ``order`` (loaded, locked) back to nothing packed and nothing
    marked short, and its serials free; returns the units taken back."""
    packed = sum(line.packed for line in order.lines)
    for line in order.lines:
        line.packed, line.short, line.short_reason = 0, 0, None
    s.execute(delete(PackedSerial).where(PackedSerial.order_id == order.id))
    printed_for = exists().where(PrintJob.parcel_id == Parcel.id)
    s.execute(  # (a parcel with a label out or a tracking number stays, and says so)
        delete(Parcel).where(
            Parcel.order_id == order.id,
            Parcel.tracking_number.is_(None),
            Parcel.sscc.is_(None),
            ~printed_for,
        )
    )
    return packed


def to_take_back(s: Session, order_id: int) -> list[int]:
    """The scans that counted units or marks into the order's box and still count
    (by id): those emptying it takes back (``taken_back``)."""
    return list(
        s.scalars(
            select(ScanEvent.id)
            .where(
                ScanEvent.order_id == order_id,
                ScanEvent.undone_by_id.is_(None),
                or_(
                    and_(ScanEvent.outcome.in_(sorted(PACKED_OUTCOMES)), ScanEvent.units > 0),
                    ScanEvent.short_units != 0,
                    ScanEvent.began_parcel.is_not(None),
                ),
            )
            .order_by(ScanEvent.id)
        )
    )


def taken_back(s: Session, event_ids: list[int], *, undone_by: int) -> None:
    """The scans ``event_ids`` (``to_take_back``'s) undone by the scan ``undone_by``
    that emptied the box, which names them; their units leave the tallies."""
    for event_id in event_ids:
        event = s.get_one(ScanEvent, event_id)
        scan_tally.take_back(s, event)
        event.undone_by_id = undone_by
