"""A rule's answer to a scan: what to say, what the station awaits next, and what to
change, as plain values that a writer carries out (``app.packing.scan_writer``): the
rules decide, the writer writes.

A counted unit is a ``Count`` (``app.packing.count``, which also knows how to write
itself in either dialect); the other changes are here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeAlias

from app.models import OrderStatus
from app.packing.count import Count
from app.packing.lookup import OrderAsRead
from app.packing.print_request import Occasion
from app.packing.scan_log import Facts
from app.packing.station_state import Awaiting
from app.packing.verdict import Outcome
from app.packing.words import Words


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
    """The open order leaves ``packing`` for ``to`` (packed; or on hold, short of
    something or held at the counter) at ``seen_version``: as read, or as this scan's
    own count or short mark left it. A packed order's documents go to the spool in the
    same transaction."""

    order: OrderAsRead
    seen_version: int
    to: OrderStatus
    reason: str


@dataclass(frozen=True)
class ClaimOrder:
    """The order scanned, as read under its row lock, claimed for this station (from
    ``ready`` it moves to ``packing``)."""

    order: OrderAsRead


@dataclass(frozen=True)
class ReopenShortHold:
    """UNDO of the scan that put the order on hold for being short, right after it:
    the order (read under its row lock, on hold) packed at this station again, from
    ``on_hold`` through ``ready`` to ``packing``, claimed for it (two versions on)."""

    order: OrderAsRead
    reason: str


@dataclass(frozen=True)
class ReturnToQueue:
    """The order this station had open (read under its row lock) back to ``ready``,
    its box emptied: units, short marks and serials taken back, its scans undone."""

    order: OrderAsRead
    reason: str


@dataclass(frozen=True)
class ShortMarked:
    """A line's missing ``units`` marked short, and why; the order, read under its row
    lock at ``seen_version``, moves one version on (audited on the line)."""

    order_number: str
    order_id: int
    seen_version: int
    line_id: int
    sku: str
    units: int
    reason: str


@dataclass(frozen=True)
class PrintDocuments:
    """The order's ``documents`` asked of the station's printers, on ``occasion``, and
    why."""

    order_id: int
    documents: tuple[str, ...]
    reason: str
    occasion: Occasion = Occasion.OTHER


@dataclass(frozen=True)
class LearnWeight:
    """A closed parcel's weight added to what parcels of its contents and box weigh
    (``weight_check.contents_key``); ``catalogue_g`` what the catalogue makes of them."""

    key: str
    contents: str
    catalogue_g: int | None
    # the parcel's earlier weight and the profile it went into, taken out first: a
    # parcel weighed again (its box reopened) counts once, with its last weight
    replacing: tuple[int, str] | None = None


@dataclass(frozen=True)
class ParcelWeighed:
    """The order's current parcel weighed: ``grams`` on the scale, ``expected_g`` what
    it should weigh (None: not known, some item has no unit weight); ``learn`` where
    the weight is learned (a parcel closed with it), None when it is not."""

    order_id: int
    grams: int
    expected_g: int | None
    learn: LearnWeight | None = None


@dataclass(frozen=True)
class WeightTakenBack:
    """UNDO of the weight that closed parcel ``parcel_id``: the parcel is unweighed
    again, and its ``grams`` leave the profile it was learned into (``key``; None: it
    was not learned)."""

    parcel_id: int
    grams: int
    key: str | None


@dataclass(frozen=True)
class BoxChosen:
    """The order's current parcel goes into box type ``box_type_id``."""

    order_id: int
    box_type_id: int


@dataclass(frozen=True)
class TakeBackUnits:
    """UNDO of a packed item: its ``units`` off the line, off the tallies and its serial
    free again (those of scan ``event_id``); the ``found`` units it counted of those
    marked short are marked short again (audited on the line)."""

    order_number: str
    line_id: int
    sku: str
    event_id: int
    units: int
    found: int


@dataclass(frozen=True)
class UnmarkShort:
    """UNDO of a short mark: its ``units`` are to pack again (audited on the line)."""

    order_number: str
    line_id: int
    sku: str
    units: int


@dataclass(frozen=True)
class ParcelTakenBack:
    """UNDO of a NEXT-PARCEL: the parcel it began, still empty and unprinted, goes."""

    parcel_id: int


@dataclass(frozen=True)
class BeginParcel:
    """Parcel ``number`` begun for the rest of the order (and the first, the box packed
    so far, if the order had none yet)."""

    order_id: int
    number: int


@dataclass(frozen=True)
class TouchOrder:
    """The order, read under its row lock at ``seen_version``, marked changed (its
    version moves on, so the board sees its lines or parcels change)."""

    order_id: int
    seen_version: int


@dataclass(frozen=True)
class EventUndone:
    """The scan ``event_id`` is marked undone by the scan that answers this."""

    event_id: int


Change: TypeAlias = (
    Count
    | SerialPacked
    | ShortFound
    | ShortMarked
    | OrderEnds
    | ClaimOrder
    | ReopenShortHold
    | ReturnToQueue
    | PrintDocuments
    | ParcelWeighed
    | BoxChosen
    | TakeBackUnits
    | UnmarkShort
    | ParcelTakenBack
    | WeightTakenBack
    | BeginParcel
    | TouchOrder
    | EventUndone
)


@dataclass(frozen=True)
class Answer:
    """A decision: the verdict's outcome, words and facts, what the station awaits after
    it, whether the station keeps its open order, and the changes to write."""

    outcome: Outcome
    said: str | Words
    facts: Facts
    awaiting: Awaiting | None
    keeps_order: bool = True
    changes: tuple[Change, ...] = ()
    signs_out: bool = False  # the packer signed in leaves the counter
    signs_in: int | None = None  # the user whose badge this was signs in
    opens: int | None = None  # the order the station has open after, if another

    @property
    def count(self) -> Count | None:
        return next((c for c in self.changes if isinstance(c, Count)), None)

    @property
    def only_counts(self) -> bool:
        """Whether all this answer writes is one count of units with room on their line
        (no unit marked short found, no serial, the order not ending): a change that
        may be written without the order's lock, if the order is still as read."""
        return (
            self.outcome is Outcome.ACCEPTED
            and self.keeps_order
            and len(self.changes) == 1
            and isinstance(self.changes[0], Count)
            and self.changes[0].found == 0
        )
