"""Where the engine hands a closed order's documents: the print spool interface.

The printing service implements ``PrintSpool``; until a station has printers, the
``RecordingSpool`` keeps each request as an audit event in the same transaction as
the order's closing, so nothing asked for is lost.
"""

from __future__ import annotations

from typing import Protocol

from sqlalchemy import insert
from sqlalchemy.orm import Session

from app.models import AuditEvent
from app.timeutil import utcnow

DOCUMENTS_ON_COMPLETE = ("slip", "waybill")
_RECORD = insert(AuditEvent)


class PrintSpool(Protocol):
    def submit(
        self,
        s: Session,
        *,
        order_id: int,
        documents: tuple[str, ...],
        station_id: int | None,
        user_id: int | None,
        reason: str,
    ) -> None:
        """Queue documents for an order inside the caller's transaction."""


class RecordingSpool:
    """Records print requests as audit events (``print.requested``)."""

    def submit(
        self,
        s: Session,
        *,
        order_id: int,
        documents: tuple[str, ...],
        station_id: int | None,
        user_id: int | None,
        reason: str,
    ) -> None:
        record_request(
            s,
            order_id=order_id,
            documents=documents,
            station_id=station_id,
            user_id=user_id,
            reason=reason,
        )


def record_request(
    s: Session,
    *,
    order_id: int,
    documents: tuple[str, ...],
    station_id: int | None,
    user_id: int | None,
    reason: str,
) -> None:
    """The audit event of a print request (every spool writes one), as a plain INSERT
    on the session's connection: nothing pending in the session is flushed for it."""
    s.connection().execute(
        _RECORD,
        {
            "at": utcnow(),
            "station_id": station_id,
            "user_id": user_id,
            "action": "print.requested",
            "entity": "order",
            "entity_id": order_id,
            "details": {"documents": list(documents), "reason": reason},
        },
    )
