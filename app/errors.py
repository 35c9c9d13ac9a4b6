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
    """An order was asked to move between two states the lifecycle does not connect."""

    def __init__(self, order: str, from_status: str, to_status: str) -> None:
        super().__init__(f"Order {order} cannot go from '{from_status}' to '{to_status}'.")
        self.order = order
        self.from_status = from_status
        self.to_status = to_status


class NotFound(PackdeskError):
    """A named thing (order, product, printer, user) does not exist."""


class DatabaseProblem(PackdeskError):
    """The database cannot be reached, opened, written or upgraded."""
