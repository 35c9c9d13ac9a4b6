"""What kind of problem a print job's ``last_error`` is, stored in ``PrintJob.problem``
for a screen to say it in its own language (``last_error`` keeps the English words,
for the command line and the logs): a ``JobProblem``, and for a waybill the waybill
rule refused (``app.shipping.waybill_rule``), the order's status when it was refused
after a colon (``waybill_refused:on_hold``), which the words name."""

from __future__ import annotations

from app.models import JobProblem, OrderStatus
from app.shipping.carrier_api import CarrierRefused
from app.shipping.parcel_labels import NoTrackingNumber
from app.shipping.waybill_rule import WaybillRefused


def of_failure(exc: Exception) -> str | None:
    """The problem stored for a job that failed with ``exc`` (None: its words say it)."""
    if isinstance(exc, CarrierRefused):
        return JobProblem.CARRIER_REFUSED.value
    if isinstance(exc, NoTrackingNumber):
        return JobProblem.NO_TRACKING_NUMBERS.value
    if isinstance(exc, WaybillRefused) and len(exc.refused) == 1:  # (a job has one order)
        return f"{JobProblem.WAYBILL_REFUSED.value}:{exc.refused[0][1].value}"
    return None


def withheld(status: OrderStatus) -> str:
    """The problem stored for a waybill not sent because its order became ``status``
    (held, cancelled or reopened): ``label_withheld:on_hold``."""
    return f"{JobProblem.LABEL_WITHHELD.value}:{status.value}"


def read(stored: str | None) -> tuple[JobProblem | None, OrderStatus | None]:
    """A stored problem's kind and, for a refused waybill, the order's status then;
    (None, None) for none, or for a kind this program does not know (a newer one's)."""
    kind, _, fact = (stored or "").partition(":")
    try:
        problem = JobProblem(kind) if kind else None
    except ValueError:
        return None, None
    try:
        status = OrderStatus(fact) if fact else None
    except ValueError:
        status = None
    return problem, status
