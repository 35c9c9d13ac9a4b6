"""Errors the person at the counter sees in plain words.

Two kinds of error exist in Packdesk: problems of the environment or of the input
(a bad file, a locked database, an illegal request), which are subclasses of
``PackdeskError`` and are shown as one clear sentence; and the program's own bugs,
which are any other exception and are logged with a traceback.
"""

from __future__ import annotations


class PackdeskError(Exception):
    """A problem the user can act on; ``str(err)`` is the message for people."""


class IllegalTransition(PackdeskError):
    """An order was asked to move between two states the lifecycle does not connect
    (or, with ``needs_reason``, without the reason that move needs)."""

    def __init__(
        self, order: str, from_status: str, to_status: str, *, needs_reason: bool = False
    ) -> None:
        said = f"{to_status} without a reason" if needs_reason else to_status
        super().__init__(f"Order {order} cannot go from '{from_status}' to '{said}'.")
        self.order = order
        self.from_status = from_status
        self.to_status = to_status
        self.needs_reason = needs_reason


class OrderActionRefused(PackdeskError):
    """An action on one order (``app.order_actions``, ``app.short_shipment``) that its
    state does not allow, or that was asked without what it needs; ``kind`` says which,
    for a screen's own words, with the order's number, its status and a count where the
    words need them:

    ``no_reason``, ``no_documents``, ``not_on_hold`` (release), ``not_packed``
    (reopen), ``not_being_packed`` (release a claim), ``not_held`` (ship short),
    ``nothing_short``, ``items_left`` (``count`` neither packed nor short),
    ``closed`` (expedite a shipped or cancelled order), ``already_expedited``,
    ``not_expedited``, ``not_printed_yet`` (reprint before it is packing)."""

    def __init__(
        self, message: str, kind: str, order: str = "", status: str = "", count: int = 0
    ) -> None:
        super().__init__(message)
        self.kind, self.order, self.status, self.count = kind, order, status, count


class NotFound(PackdeskError):
    """A named thing (order, product, printer, user) does not exist; ``thing`` says
    what kind ("order") and ``key`` which (its number, or with ``by_id`` the
    database's id for it), for a screen's own words; the message is the English of
    the command line and the logs."""

    def __init__(self, message: str, thing: str = "", key: str = "", *, by_id: bool = False):
        super().__init__(message)
        self.thing, self.key, self.by_id = thing, key, by_id


class DatabaseProblem(PackdeskError):
    """The database cannot be reached, opened, written or upgraded."""
