"""What an order's detail says about it (its state, ship-to, carrier, who packs it, why
it is held) and which actions its state allows: plain functions of an ``OrderView``."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication

from app.models import OrderStatus
from app.order_detail import OrderView
from ui import display_time
from ui.board.card_layout import in_state_words
from ui.board.model import timing_words
from ui.words import filled, status_words

S = OrderStatus


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
