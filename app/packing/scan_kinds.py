"""What kind of scan a code is (a command, a weight, a badge, a serial or lot, an item,
an order, a box, nothing known), as a pure function of the code, the station's state
and what the look-ups asked so far found.

``classify`` answers either the kind, or the one look-up it needs next
(``Look``); the engine's shell asks the database that, and calls it again with what
was found, until it has the kind. The look-ups are asked in the order that costs
the fewest round trips: a command or a weight needs none; at a serial or lot prompt
(or a weight awaiting a supervisor), a badge is looked for first; with an order open,
an item of the catalogue is looked up together with the order, locked (one
statement, the scan a packer makes most); then orders by number, a badge and a box in
one statement; and only a code that is none of those is looked up as an item with no
order open, and last as a SKU typed in another case.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import Enum
from typing import TypeAlias

from app import permissions
from app.packing import command_codes
from app.packing.command_codes import Command
from app.packing.lookup import (
    BoxMatch,
    CodeMatches,
    ItemMatch,
    OrderAsRead,
    OrderMatch,
    UserMatch,
)
from app.packing.weight_rules import weight_in_code


class Look(Enum):
    """A look-up the shell makes for ``classify``: one statement each."""

    BADGE = "badge"  # an active user's badge
    ITEM_IN_ORDER = "item_in_order"  # an item, with the open order locked and read
    ORDER_BADGE_OR_BOX = "order_badge_or_box"  # orders by number, a badge, a box
    ITEM = "item"  # an item (no order open)
    ITEM_ANY_CASE = "item_any_case"  # a SKU in another case than the catalogue's


@dataclass(frozen=True)
class Code:
    """A normalised scan's text, and what it says by itself: a command, a weight."""

    text: str
    command: Command | None = None
    grams: int | None = None
    bad_weight: str | None = None  # a weight code that says no weight: why, in words


def read_code(text: str) -> Code:
    command = command_codes.parse(text)
    if command is not None:
        return Code(text, command=command)
    try:
        return Code(text, grams=weight_in_code(text))
    except ValueError as exc:
        return Code(text, bad_weight=f"{exc}.")


@dataclass(frozen=True)
class Station:
    """What the station is doing when the scan comes."""

    signed_in: bool
    order_open: bool
    awaiting: str | None = None  # the kind of what it awaits (``Awaiting.kind``)


@dataclass(frozen=True)
class Badge:
    """An active user by badge, with what their role allows here."""

    id: int
    name: str
    role: str


@dataclass(frozen=True)
class Found:
    """What the look-ups asked so far found (``asked``: which were asked)."""

    asked: frozenset[Look] = frozenset()
    badge: Badge | None = None
    item_in_order: tuple[ItemMatch, OrderAsRead] | None = None
    matches: CodeMatches = field(default_factory=lambda: CodeMatches([], None, None))
    item: ItemMatch | None = None
    item_any_case: ItemMatch | None = None

    def having(self, look: Look, **found: object) -> Found:
        """These findings, and ``found``, the answer to ``look``."""
        return replace(self, asked=self.asked | {look}, **found)  # type: ignore[arg-type]


# --- the kinds -----------------------------------------------------------------------


@dataclass(frozen=True)
class RunCommand:
    command: Command


@dataclass(frozen=True)
class BadWeight:
    why: str


@dataclass(frozen=True)
class Weight:
    grams: int


@dataclass(frozen=True)
class AcceptWeight:
    """A supervisor's badge at a weight that did not match."""

    supervisor: str
    supervisor_id: int | None = field(default=None, compare=False)  # (for the audit)


@dataclass(frozen=True)
class SignIn:
    user: UserMatch


@dataclass(frozen=True)
class DisabledBadge:
    """A disabled user's badge: it signs nobody in."""


@dataclass(frozen=True)
class SerialOrLot:
    """The scan at a serial or lot prompt (whatever it turns out to be)."""


@dataclass(frozen=True)
class Item:
    """An item scanned into the open order (``locked``: the order as the look-up
    locked and read it)."""

    item: ItemMatch
    locked: OrderAsRead | None = None


@dataclass(frozen=True)
class ItemWithNoOrder:
    item: ItemMatch


@dataclass(frozen=True)
class OpenOrder:
    order: OrderMatch


@dataclass(frozen=True)
class ChooseBox:
    box: BoxMatch


@dataclass(frozen=True)
class NotSignedIn:
    pass


@dataclass(frozen=True)
class Unknown:
    pass


Kind: TypeAlias = (
    RunCommand
    | BadWeight
    | Weight
    | AcceptWeight
    | SignIn
    | DisabledBadge
    | SerialOrLot
    | Item
    | ItemWithNoOrder
    | OpenOrder
    | ChooseBox
    | NotSignedIn
    | Unknown
)


def classify(code: Code, station: Station, found: Found) -> Kind | Look:
    """The kind of scan ``code`` is at ``station``, or the look-up that tells it next."""
    if code.command is not None:
        return RunCommand(code.command)
    if code.bad_weight is not None:
        return BadWeight(code.bad_weight)
    if code.grams is not None:  # a weight is never a serial or lot, whatever is awaited
        return Weight(code.grams) if station.signed_in else NotSignedIn()
    asked, awaiting = found.asked, station.awaiting
    if awaiting == "weight_check":  # a supervisor's badge accepts it
        if Look.BADGE not in asked:
            return Look.BADGE
        badge = found.badge
        if badge is not None and permissions.may(badge.role, permissions.Action.ACCEPT_WEIGHT):
            return AcceptWeight(badge.name, badge.id)
        # another badge signs in as always (below); the weight still waits
    if station.signed_in and awaiting in ("serial", "lot"):
        if Look.BADGE not in asked:
            return Look.BADGE
        badge = found.badge
        return SignIn(UserMatch(badge.id, badge.name)) if badge is not None else SerialOrLot()
    if station.signed_in and station.order_open:
        if Look.ITEM_IN_ORDER not in asked:
            return Look.ITEM_IN_ORDER
        if found.item_in_order is not None:
            return Item(*found.item_in_order)
    if Look.ORDER_BADGE_OR_BOX not in asked:
        return Look.ORDER_BADGE_OR_BOX
    matches = found.matches
    if matches.user is not None:
        return SignIn(matches.user)
    if matches.disabled_badge:  # signs nobody in; whoever is signed in stays
        return DisabledBadge()
    if not station.signed_in:
        return NotSignedIn()
    if matches.orders:
        return OpenOrder(matches.orders[0])
    if matches.box is not None:
        return ChooseBox(matches.box)
    # an item with no order open (with one open, the look-up with the order found none)
    if not station.order_open:
        if Look.ITEM not in asked:
            return Look.ITEM
        if found.item is not None:
            return ItemWithNoOrder(found.item)
    if Look.ITEM_ANY_CASE not in asked:  # a SKU typed in another case: an item all the same
        return Look.ITEM_ANY_CASE
    if found.item_any_case is not None:
        item = found.item_any_case
        return Item(item) if station.order_open else ItemWithNoOrder(item)
    return Unknown()
