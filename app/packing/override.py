"""A supervisor's override at the counter by name and PIN (issue 17), beside their
badge: at a weight that did not match, a supervisor who types their name and PIN
accepts that one weight, as their badge does, and nothing else. The packer stays
signed in; the supervisor is not.

The PIN is checked first (argon2id: a few hundred milliseconds, so never on a GUI
thread), outside any transaction, by ``app.sign_in``: a wrong PIN counts toward the
user's lock-out and is in the audit, as at any other sign-in. A right PIN of a user
whose role may not accept a weight (a packer's own) is refused, and the refusal is in
the audit. The weight is then accepted by the same rule as the badge's
(``weighing.accept``); the scan log keeps the override as a line of its own, marked
with the supervisor's name (never the PIN), and the audit has who accepted which
weight of which order, at which counter, and how (``record_accepted``: the badge's
way too).
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from app import permissions
from app.barcodes import NormalisedScan
from app.errors import PackdeskError
from app.models import AuditEvent
from app.packing import weighing
from app.packing.scan_log import Step
from app.packing.scan_station import ScanStation
from app.packing.station_state import Awaiting, Committed
from app.packing.verdict import Outcome, Verdict
from app.sign_in import SignInRefused, sign_in_with_pin

#: the one action a supervisor's name and PIN authorises at the counter today
ACCEPT_WEIGHT = permissions.Action.ACCEPT_WEIGHT
#: what the override is logged as in the scan log ("%s": the supervisor's name)
PIN_MARK = "(PIN of %s)"


class OverrideRefused(PackdeskError):
    """A name and PIN that authorise nothing here; ``kind`` says why, for the
    screen's own words: "empty", "wrong", "locked", "several" (as ``SignInRefused``),
    "role" (not one who may accept a weight) or "nothing" (no weight waits for one)."""

    def __init__(self, message: str, kind: str, until: datetime | None = None) -> None:
        super().__init__(message)
        self.kind, self.until = kind, until


def awaited_check(check: Awaiting | None) -> Awaiting:
    """The weight that did not match and waits for a supervisor, or the refusal."""
    if check is None or check.kind != "weight_check":
        raise OverrideRefused("No weight here waits for a supervisor.", "nothing")
    return check


def supervisor(
    engine: Engine, station_id: int, check: Awaiting, name: str, pin: str
) -> permissions.Actor:
    """The active user ``name`` whose PIN this is, if their role may accept the
    weight ``check``; else ``OverrideRefused`` (a wrong PIN counted, a refused role
    recorded)."""
    try:
        user = sign_in_with_pin(engine, name, pin)
    except SignInRefused as refused:
        raise OverrideRefused(str(refused), refused.kind, refused.until) from None
    try:
        return permissions.require(
            engine,
            user.id,
            ACCEPT_WEIGHT,
            station_id=station_id,
            entity="order",
            entity_id=check.order_id,
        )
    except permissions.NotAllowed as refused:
        raise OverrideRefused(str(refused), "role") from None


def accept_weight(
    eng: ScanStation, s: Session, by: permissions.Actor, check: Awaiting, seq: int
) -> Committed:
    """The weight ``check`` accepted by ``by`` (their PIN checked), in ``s``: logged
    as a line of the scan log, and in the audit with who when it was accepted."""
    mark = PIN_MARK % by.name
    scan = NormalisedScan(raw=mark, text=mark, symbology=None, gs1=None)
    committed = weighing.accept(eng, Step(s, uuid.uuid4().hex, seq, mark, scan), check, by.name)
    record_accepted(eng, s, (by.user_id, by.name, "pin"), check, committed.verdict)
    return committed


def record_accepted(
    eng: ScanStation,
    s: Session,
    by: tuple[int | None, str, str],
    check: Awaiting,
    verdict: Verdict,
) -> None:
    """In the audit (in ``s``), when ``verdict`` says the weight ``check`` was
    accepted: who (``by``: their id, name, and "badge" or "pin"), which weight of
    which order, at which counter, for which packer."""
    if verdict.outcome not in (Outcome.ORDER_COMPLETE, Outcome.PARCEL_COMPLETE):
        return
    user_id, name, how = by
    s.add(
        AuditEvent(
            at=eng.server_time(s),
            user_id=user_id,
            station_id=eng.station_id,
            action="weight.accepted",
            entity="order",
            entity_id=check.order_id,
            details={
                "supervisor": name,
                "by": how,
                "order": verdict.order,
                "grams": check.grams,
                "expected_g": check.expected_g,
                "packer_id": eng.user_id,
            },
        )
    )
