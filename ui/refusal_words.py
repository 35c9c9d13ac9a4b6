"""A service's refusal in the window's language: the one place that turns a
``PackdeskError`` into words for people on screen.

The core raises structured refusals with English messages (for the command line and
the logs); the facts they carry (who, their role, the action; the order, its status)
are said here again in the screen's words, through ``QCoreApplication.translate`` (safe
on a worker thread: ``TaskQueue`` words a refusal where it is caught). A refusal this
does not know is said in the core's own words.

Known: ``NotAllowed`` (in the words the pages use to say who may:
``permission_words``), ``WaybillRefused``, ``LabelVoided`` (a print job's old label),
``IllegalTransition``,
``OrderActionRefused`` (a board's action on one order), ``NotFound`` (an order),
``SignInRefused`` (a name and PIN that sign nobody in: the sign-in strip, the board),
``OverrideRefused`` (a supervisor's name and PIN at a counter, which authorise
nothing) and ``CameraProblem`` (its words' own table, ``ui.pack.evidence_words``).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app import credentials
from app.errors import IllegalTransition, NotFound, OrderActionRefused, PackdeskError
from app.evidence.words import EvidenceWords
from app.models import OrderStatus
from app.packing.override import OverrideRefused
from app.permissions import NotAllowed
from app.printing.job_gate import LabelVoided
from app.shipping.waybill_rule import WaybillRefused
from app.sign_in import SignInRefused
from ui.pack import evidence_words
from ui.permission_words import action_words, who_may_line
from ui.words import filled, status_words

S = OrderStatus
log = logging.getLogger(__name__)

# an order action's refusal by its kind: %1 the order, %2 its status, %3 a count
_ORDER_ACTION: dict[str, str] = {
    "no_reason": str(
        QT_TRANSLATE_NOOP(
            "Refusal", "Give a reason for this action; it is kept in the order's history."
        )
    ),
    "no_documents": str(QT_TRANSLATE_NOOP("Refusal", "Choose at least one document to reprint.")),
    "not_on_hold": str(
        QT_TRANSLATE_NOOP(
            "Refusal", "Order %1 is not on hold (it is %2); there is nothing to release."
        )
    ),
    "not_packed": str(
        QT_TRANSLATE_NOOP("Refusal", "Only a packed order can be reopened; order %1 is %2.")
    ),
    "not_being_packed": str(
        QT_TRANSLATE_NOOP("Refusal", "Order %1 is %2, not being packed; no station holds it.")
    ),
    "not_held": str(
        QT_TRANSLATE_NOOP(
            "Refusal",
            "Order %1 is %2, not on hold; only a held order short of some items can ship short.",
        )
    ),
    "nothing_short": str(
        QT_TRANSLATE_NOOP(
            "Refusal",
            "Order %1 has no items marked short; there is no short shipment to approve "
            "(release it to pack it).",
        )
    ),
    "closed": str(QT_TRANSLATE_NOOP("Refusal", "Order %1 is %2; its priority cannot change.")),
    "already_expedited": str(QT_TRANSLATE_NOOP("Refusal", "Order %1 is already expedited.")),
    "not_expedited": str(QT_TRANSLATE_NOOP("Refusal", "Order %1 is not expedited.")),
    "not_printed_yet": str(
        QT_TRANSLATE_NOOP("Refusal", "Order %1 is %2; its documents are printed when it is packed.")
    ),
}


# a name and PIN refused, by kind: signing in (the strip, the board) ...
_SIGN_IN: dict[str, str] = {
    "empty": str(QT_TRANSLATE_NOOP("Refusal", "Type your PIN: an empty PIN signs nobody in.")),
    "several": str(
        QT_TRANSLATE_NOOP("Refusal", "Several users have that name: scan your badge instead.")
    ),
    "wrong": str(QT_TRANSLATE_NOOP("Refusal", "Wrong name or PIN.")),
}
# ... and a supervisor's at a counter, for what they would accept (nothing is)
_OVERRIDE: dict[str, str] = {
    "empty": str(QT_TRANSLATE_NOOP("Refusal", "Type the PIN: an empty PIN accepts nothing.")),
    "several": str(
        QT_TRANSLATE_NOOP(
            "Refusal", "Several users have that name: scan the supervisor's badge instead."
        )
    ),
    "role": str(QT_TRANSLATE_NOOP("Refusal", "Not a supervisor's name and PIN: nothing accepted.")),
    "nothing": str(QT_TRANSLATE_NOOP("Refusal", "No weight waits for a supervisor now.")),
    "wrong": str(QT_TRANSLATE_NOOP("Refusal", "Wrong name or PIN: nothing accepted.")),
}


def refusal_words(exc: PackdeskError) -> str:
    """What ``exc`` says to the person at the window, in the window's language; the
    core's own words if saying it fails (a bug, logged). It never raises: a task's
    refusal is said on its worker thread, and a raise there would leave the screen
    waiting for an answer that never comes."""
    try:
        return _said(exc)
    except Exception:
        log.exception("no words for %r", exc)
        return str(exc)


def _said(exc: PackdeskError) -> str:
    if isinstance(exc, NotAllowed):
        who = (exc.name, exc.role) if exc.name is not None and exc.role is not None else None
        return who_may_line(who, exc.action, action_words(exc.action))
    if isinstance(exc, WaybillRefused):
        return " ".join(_no_waybill(number, status) for number, status in exc.refused)
    if isinstance(exc, LabelVoided):
        voided = QCoreApplication.translate(
            "Refusal",
            "Print job %1's waybill for order %2 carries tracking number %3, which was "
            "voided (the order was reopened, or its carrier changed): it must not be "
            "printed again. Print a fresh waybill for the order (reprint its waybill from "
            "the board).",
        )
        if exc.tracking_number is None:  # (made before its parcel had its number now)
            voided = QCoreApplication.translate(
                "Refusal",
                "Print job %1's waybill for order %2 carries no tracking number that is "
                "still its parcel's (it was made before the parcel had its number now, or "
                "before jobs recorded their numbers): it must not be printed again. Print a "
                "fresh waybill for the order (reprint its waybill from the board).",
            )
        return filled(voided, exc.job_id, exc.order, exc.tracking_number or "")
    if isinstance(exc, IllegalTransition):
        return _illegal(exc)
    if isinstance(exc, OrderActionRefused):
        return _order_action(exc) or str(exc)
    if isinstance(exc, SignInRefused | OverrideRefused):
        return _pin_refused(exc)
    if isinstance(exc, NotFound):
        return _not_found(exc) or str(exc)
    words = getattr(exc, "words", None)  # a CameraProblem (not imported: it needs PyAV)
    if isinstance(words, EvidenceWords):
        return evidence_words.in_ui_language(words)
    return str(exc)


def _state(status: str | OrderStatus) -> str:
    """A status mid-sentence: the board's word for it, in lower case (as English
    writes it there; Chinese has no case)."""
    try:
        return status_words(S(status)).lower()
    except ValueError:  # (not a status this program knows: as the core wrote it)
        return str(status)


def _no_waybill(number: str, status: OrderStatus) -> str:
    if status is S.CANCELLED:
        words = QCoreApplication.translate(
            "Refusal",
            "Order %1 is cancelled: no waybill is printed for it; its parcels must not "
            "leave. Take them off the shipping shelf.",
        )
        return filled(words, number)
    words = QCoreApplication.translate(
        "Refusal",
        "Order %1 is %2, not packed yet: no waybill is printed for it until it is packed. "
        "Finish packing it at a counter (its waybill prints there when it is packed), "
        "then print it again here if needed.",
    )
    return filled(words, number, _state(status))


def _illegal(exc: IllegalTransition) -> str:
    words = (
        QCoreApplication.translate("Refusal", "Order %1 cannot go from %2 to %3 without a reason.")
        if exc.needs_reason
        else QCoreApplication.translate("Refusal", "Order %1 cannot go from %2 to %3.")
    )
    return filled(words, exc.order, _state(exc.from_status), _state(exc.to_status))


def _order_action(exc: OrderActionRefused) -> str | None:
    if exc.kind == "items_left":  # (the count's noun in its number, as around)
        words = (
            QCoreApplication.translate(
                "Refusal",
                "Order %1 still has %3 item neither packed nor marked short; pack it or "
                "mark it short at a counter first.",
            )
            if exc.count == 1
            else QCoreApplication.translate(
                "Refusal",
                "Order %1 still has %3 items neither packed nor marked short; pack them or "
                "mark them short at a counter first.",
            )
        )
    elif exc.kind in _ORDER_ACTION:
        words = QCoreApplication.translate("Refusal", _ORDER_ACTION[exc.kind])
    else:
        return None
    return filled(words, exc.order, _state(exc.status) if exc.status else "", exc.count)


def _pin_refused(exc: SignInRefused | OverrideRefused) -> str:
    """A name and PIN refused; a locked-out user is told the same at every page (the
    wrong PIN that locked them counted wherever it was typed)."""
    if exc.kind == "locked":
        words = QCoreApplication.translate(
            "Refusal", "Locked out after %1 wrong PINs: try later, or ask an admin."
        )
        return filled(words, credentials.PIN_TRIES)
    table = _OVERRIDE if isinstance(exc, OverrideRefused) else _SIGN_IN
    return QCoreApplication.translate("Refusal", table.get(exc.kind, table["wrong"]))


def _not_found(exc: NotFound) -> str | None:
    """An order that is not there, by its number; or one gone since a screen listed
    it (its detail read, an action on it), known there by the database's id only."""
    if exc.thing != "order" or not exc.key:
        return None
    words = (
        QCoreApplication.translate("Refusal", "That order is no longer in the database (id %1).")
        if exc.by_id
        else QCoreApplication.translate("Refusal", "There is no order %1.")
    )
    return filled(words, exc.key)
