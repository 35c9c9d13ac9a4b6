"""The order a person's action on a print job locks in (``job_locked``): the job's
order, then the central chain heads, then the job, as a supervisor's action on the
order does (its reopen or cancel takes the order, then those heads, then cancels the
order's waiting waybills). Taken in the opposite order, the two waited for each other
and PostgreSQL failed one of them on a deadlock.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.chain import chain_of
from app.audit.lock_order import family_locked
from app.models import Order, PrintJob


def job_locked(s: Session, job_id: int) -> PrintJob | None:
    """Print job ``job_id`` locked for a person's action on it (cancel, retry), after
    its order and the central chain heads its audit event moves: the order first, as a
    supervisor's action on the order locks it (its reopen then takes those heads and
    updates the order's waiting jobs), so the two never wait for each other."""
    order_id = s.scalar(select(PrintJob.order_id).where(PrintJob.id == job_id))
    if order_id is not None:
        s.execute(select(Order.id).where(Order.id == order_id).with_for_update())
    family_locked(s.connection(), chain_of(None))
    return s.get(PrintJob, job_id, with_for_update=True, populate_existing=True)
