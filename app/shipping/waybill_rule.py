"""When a waybill may be printed: only for an order that is packed or shipped
(``MAY_LEAVE``). A waybill is what lets a parcel leave: one printed for an order still
being packed, on hold or new would put a label on a box that is not finished, and one
for a cancelled order would ship what must stay.

The counter prints the first waybill when the order is packed; a lead may print one
again by hand (``packdesk print --doc waybill``, ``packdesk printers reprint``, the
board's reprint of an order's documents): that is refused for an order that may not
leave, in words that say what to do, and the refusal is recorded in the audit
(``waybill.refused``), committed on its own. The label's own check
(``parcel_labels.ensure_tracking``) words its refusal the same way. Both raise
``WaybillRefused``, which names each order refused and its status.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Engine, select

from app.db import unit_of_work
from app.dbclock import db_now
from app.errors import PackdeskError
from app.models import AuditEvent, Order, OrderStatus

S = OrderStatus
MAY_LEAVE = frozenset({S.PACKED, S.SHIPPED})


class WaybillRefused(PackdeskError):
    """No waybill for the orders ``refused`` (number and status each), which may not
    leave; the message is ``refusal``'s English words for each."""

    def __init__(self, refused: Iterable[tuple[str, OrderStatus]]) -> None:
        self.refused = tuple((number, S(status)) for number, status in refused)
        super().__init__(" ".join(refusal(n, status) or "" for n, status in self.refused))


def refusal(number: str, status: OrderStatus) -> str | None:
    """Why no waybill is printed for order ``number`` in ``status``, and what to do;
    None when it may be."""
    if status in MAY_LEAVE:
        return None
    if status is S.CANCELLED:
        return (
            f"Order {number} is cancelled: no waybill is printed for it; its parcels must "
            "not leave. Take them off the shipping shelf."
        )
    return (
        f"Order {number} is {status.value}, not packed yet: no waybill is printed for it "
        "until it is packed. Finish packing it at a counter (its waybill prints there "
        "when it is packed), then print it again here if needed."
    )


def refuse_unless_packed(
    engine: Engine,
    order_ids: Iterable[int],
    *,
    user_id: int | None,
    how: str,
    station_id: int | None = None,
) -> None:
    """Raise ``WaybillRefused`` (``refusal``'s words) if an order of ``order_ids``
    may not leave, the refusal recorded in the audit (one event an order), committed
    on its own; ``how`` says how the waybill was asked for. Asked before the printing's
    own unit of work (on SQLite a refusal written while that held the write lock would
    wait for itself)."""
    ids = sorted(set(order_ids))
    with unit_of_work(engine, read_only=True) as s:
        rows = s.execute(
            select(Order.id, Order.external_number, Order.status).where(Order.id.in_(ids))
        ).all()
    refused = [(key, number, S(status), said) for key, number, status in rows
               if (said := refusal(number, S(status))) is not None]  # fmt: skip
    if not refused:
        return
    with unit_of_work(engine) as s:
        for key, number, _, said in refused:
            s.add(
                AuditEvent(
                    at=db_now(s),
                    user_id=user_id,
                    station_id=station_id,
                    action="waybill.refused",
                    entity="order",
                    entity_id=key,
                    details={"order": number, "how": how, "message": said},
                )
            )
    raise WaybillRefused((number, status) for _, number, status, _ in refused)
