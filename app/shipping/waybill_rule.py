"""When a waybill may be printed: only for an order that is packed or shipped
(``MAY_LEAVE``). A waybill is what lets a parcel leave: one printed for an order still
being packed, on hold or new would put a label on a box that is not finished, and one
for a cancelled order would ship what must stay.

The counter prints the first waybill when the order is packed; a lead may print one
again by hand (``packdesk print --doc waybill``, ``packdesk printers reprint``, the
board's reprint of an order's documents): that is refused for an order that may not
leave, in words that say what to do, and the refusal is recorded in the audit
(``waybill.refused``), committed on its own. The order's status is read in the
transaction that writes the waybill's print job (or a file's record), with the order
locked (``require_may_leave``): a supervisor who reopens, holds or cancels it at that
moment is wholly before it (the waybill is refused) or wholly after (a reopen, a hold
or a cancel then cancels the job just written with the order's other waybills waiting
to print). Bytes made earlier are asked again just before they are sent
(``app.printing.job_gate``). The label's own check
(``parcel_labels.ensure_tracking``) words its refusal the same way. Both raise
``WaybillRefused``, which names each order refused and its status.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

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


class _Unrecorded(WaybillRefused):
    """A refusal ``require_may_leave`` raised in the printing's transaction, with what
    ``refusals_recorded`` writes in the audit once that transaction is rolled back."""

    def __init__(self, refused: list[tuple[int, str, OrderStatus, str]]) -> None:
        super().__init__((number, status) for _, number, status, _ in refused)
        self.said = refused  # (order id, number, status, refusal's words) each


def require_may_leave(s: Session, order_ids: Iterable[int]) -> None:
    """In the unit of work that writes the waybill (its print job, or its file's audit
    event), before it locks or writes anything else (as a supervisor's action locks
    the order first): the orders are locked (FOR UPDATE on PostgreSQL, in the order of
    their ids; on SQLite the transaction has held the one write lock since its BEGIN
    IMMEDIATE), their status read, and ``WaybillRefused`` raised if one may not leave.
    A supervisor's action on the order is then wholly before this or wholly after the
    commit. Asked inside ``refusals_recorded``, which records the refusal."""
    ids = sorted(set(order_ids))
    rows = s.execute(
        select(Order.id, Order.external_number, Order.status)
        .where(Order.id.in_(ids))
        .order_by(Order.id)
        .with_for_update()
    ).all()
    refused = [(key, number, S(status), said) for key, number, status in rows
               if (said := refusal(number, S(status))) is not None]  # fmt: skip
    if refused:
        raise _Unrecorded(refused)


@contextmanager
def refusals_recorded(
    engine: Engine, *, user_id: int | None, how: str, station_id: int | None = None
) -> Iterator[None]:
    """Around the printing's unit of work (outside it: ``with refusals_recorded(...),
    unit_of_work(engine) as s``): a refusal ``require_may_leave`` raised in it is
    recorded in the audit (``waybill.refused``, one event an order) once that unit of
    work is rolled back, committed on its own (on SQLite, written while the printing
    held the write lock it would wait for itself), then raised as ``WaybillRefused``;
    ``how`` says how the waybill was asked for."""
    try:
        yield
    except _Unrecorded as refused:
        with unit_of_work(engine) as s:
            for key, number, _, said in refused.said:
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
        raise WaybillRefused(refused.refused) from None
