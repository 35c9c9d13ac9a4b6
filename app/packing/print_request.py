"""A request to print an order's documents, and the spool interface it is handed to.

The engine (an order closed, REPRINT) and the supervisor's actions (ship short,
reprint) each make one ``PrintRequest``; the printing service implements
``PrintSpool``. Until a station has printers, the ``RecordingSpool`` keeps each
request as an audit event in the same transaction as the order's closing, so
nothing asked for is lost.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy.orm import Session

from app.audit import chain
from app.timeutil import utcnow

DOCUMENTS_ON_COMPLETE = ("slip", "waybill")


class Occasion(enum.Enum):
    """What a print request is for, as a spool decides by it (the ``reason`` is for
    people: the audit keeps it)."""

    ORDER_CLOSED = "order_closed"  # the order's last item, COMPLETE or its weight closed it
    REPRINT = "reprint"  # REPRINT at the counter, or a supervisor's reprint
    SHIPPED_SHORT = "shipped_short"  # a supervisor let a held short order ship
    OTHER = "other"


@dataclass(frozen=True)
class PrintRequest:
    """Print these documents of an order: asked at a station (None: from no counter)
    by a user, on an ``occasion``, for a reason the audit keeps ("order complete",
    "reprint: smudged", ...)."""

    order_id: int
    documents: tuple[str, ...]
    station_id: int | None
    user_id: int | None
    reason: str
    occasion: Occasion = Occasion.OTHER


class PrintSpool(Protocol):
    def submit(self, s: Session, request: PrintRequest) -> None:
        """Queue the request's documents inside the caller's transaction."""


class RecordingSpool:
    """Records print requests as audit events (``print.requested``)."""

    def submit(self, s: Session, request: PrintRequest) -> None:
        record_request(s, request)


def record_request(s: Session, request: PrintRequest) -> None:
    """The audit event of a print request (every spool writes one), as a plain INSERT
    on the session's connection: nothing pending in the session is flushed for it."""
    chain.append(
        s.connection(),
        at=utcnow(),
        station_id=request.station_id,
        user_id=request.user_id,
        action="print.requested",
        entity="order",
        entity_id=request.order_id,
        details={
            "documents": list(request.documents),
            "reason": request.reason,
            "occasion": request.occasion.value,
        },
    )
