"""What an order's detail says about it (its state, ship-to, carrier, who packs it, why
it is held, what came of each scan in its history) and which actions its state allows:
plain functions of an ``OrderView``."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.models import OrderStatus
from app.order_detail import OrderView
from app.packing.verdict import Outcome
from ui import display_time
from ui.board.card_layout import in_state_words
from ui.board.model import timing_words
from ui.words import filled, status_words

S = OrderStatus


# what came of a scan, as the history lists it (the counter's banner says it louder)
_OUTCOMES: dict[Outcome, str] = {
    Outcome.ORDER_OPENED: str(QT_TRANSLATE_NOOP("ScanOutcome", "order opened")),
    Outcome.ACCEPTED: str(QT_TRANSLATE_NOOP("ScanOutcome", "accepted")),
    Outcome.ORDER_COMPLETE: str(QT_TRANSLATE_NOOP("ScanOutcome", "order complete")),
    Outcome.WRONG_ITEM: str(QT_TRANSLATE_NOOP("ScanOutcome", "wrong item")),
    Outcome.OVER_SCAN: str(QT_TRANSLATE_NOOP("ScanOutcome", "one too many")),
    Outcome.UNKNOWN_CODE: str(QT_TRANSLATE_NOOP("ScanOutcome", "unknown code")),
    Outcome.INVALID_INPUT: str(QT_TRANSLATE_NOOP("ScanOutcome", "not a barcode")),
    Outcome.NOT_PACKABLE: str(QT_TRANSLATE_NOOP("ScanOutcome", "not packable")),
    Outcome.NO_OPEN_ORDER: str(QT_TRANSLATE_NOOP("ScanOutcome", "no order open")),
    Outcome.ORDER_CLAIMED_ELSEWHERE: str(
        QT_TRANSLATE_NOOP("ScanOutcome", "open at another station")
    ),
    Outcome.SWITCH_REFUSED: str(QT_TRANSLATE_NOOP("ScanOutcome", "other order refused")),
    Outcome.SERIAL_REQUIRED: str(QT_TRANSLATE_NOOP("ScanOutcome", "serial number needed")),
    Outcome.LOT_REQUIRED: str(QT_TRANSLATE_NOOP("ScanOutcome", "lot number needed")),
    Outcome.DUPLICATE_SERIAL: str(QT_TRANSLATE_NOOP("ScanOutcome", "serial already packed")),
    Outcome.EXPIRED_LOT: str(QT_TRANSLATE_NOOP("ScanOutcome", "expired lot")),
    Outcome.WEIGHT_REQUIRED: str(QT_TRANSLATE_NOOP("ScanOutcome", "to be weighed")),
    Outcome.WEIGHT_MISMATCH: str(QT_TRANSLATE_NOOP("ScanOutcome", "wrong weight")),
    Outcome.PARCEL_COMPLETE: str(QT_TRANSLATE_NOOP("ScanOutcome", "parcel closed")),
    Outcome.BOX_CHOSEN: str(QT_TRANSLATE_NOOP("ScanOutcome", "box chosen")),
    Outcome.NOT_SIGNED_IN: str(QT_TRANSLATE_NOOP("ScanOutcome", "not signed in")),
    Outcome.COMMAND: str(QT_TRANSLATE_NOOP("ScanOutcome", "command")),
    Outcome.LOGIN: str(QT_TRANSLATE_NOOP("ScanOutcome", "signed in")),
}


def outcome_words(outcome: str) -> str:
    """What came of a scan (its stored outcome) in the window's language; an outcome
    this program does not know (a newer one's) as stored."""
    try:
        return QCoreApplication.translate("ScanOutcome", _OUTCOMES[Outcome(outcome)])
    except (ValueError, KeyError):
        return outcome.replace("_", " ")


def facts_html(view: OrderView) -> str:
    """State and standing (bold state), customer and place, carrier and ship-by, packer."""
    c = view.card
    to = view.ship_to
    place = ", ".join(x for x in (to.city, to.postal_code, to.country) if x)
    carrier = " ".join(x for x in (c.carrier, view.service) if x)
    rows = [
        f"{c.customer} · {place}",
        filled(
            QCoreApplication.translate(
                "OrderDetailPanel", "Carrier: %1 · Ship by: %2 · Channel: %3"
            ),
            carrier or "—",
            display_time.minutes(c.ship_by),
            c.channel,
        ),
    ]
    if c.packer or c.station:
        who = " · ".join(x for x in (c.packer, c.station) if x)
        rows.append(
            filled(QCoreApplication.translate("OrderDetailPanel", "Being packed by %1"), who)
        )
    standing = f"{in_state_words(c.age_in_state)} · {timing_words(c.timing, c.stuck)}"
    first = f"<b>{escape(status_words(c.status))}</b> · {escape(standing)}"
    return "<br>".join([first, *(escape(r) for r in rows)])


def held_words(view: OrderView) -> str:
    """Why the order is held, who held it (where) and when; "" when it is not on hold."""
    hold = view.hold
    if hold is None:
        return ""
    reason = view.held_because or QCoreApplication.translate("OrderDetailPanel", "no reason given")
    who = hold.user or QCoreApplication.translate("OrderDetailPanel", "someone unknown")
    if hold.station:
        who = filled(QCoreApplication.translate("OrderDetailPanel", "%1 at %2"), who, hold.station)
    return filled(
        QCoreApplication.translate("OrderDetailPanel", "⚠ On hold: %1 — held by %2, %3"),
        reason,
        who,
        display_time.minutes(hold.at),
    )


def allowed_actions(status: OrderStatus | None, view: OrderView | None) -> dict[str, bool]:
    """Each action of the detail, by name: whether the order's state allows it."""
    expedited = view is not None and view.card.expedited
    lines = view.lines if view is not None else ()
    only_short_left = any(ln.short for ln in lines) and not any(ln.remaining for ln in lines)
    open_ = status not in (None, S.SHIPPED, S.CANCELLED)
    return {
        "hold": status in (S.NEW, S.READY, S.PACKING, S.PACKED),
        "release": status is S.ON_HOLD,
        "cancel": open_,
        "expedite": open_ and not expedited,
        "unexpedite": open_ and expedited,
        "release claim": status is S.PACKING,
        "reopen": status is S.PACKED,
        "reprint": status in (S.PACKING, S.PACKED, S.SHIPPED),
        "ship short": status is S.ON_HOLD and only_short_left,
    }
