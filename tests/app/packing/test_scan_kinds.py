"""What kind of scan a code is (``app.packing.scan_kinds``), as plain values: driven
the way the engine's shell drives it (asking each look-up it names, one at a time) it
gives the kind a plain reading of the rules gives with everything known, asks no
look-up twice, none it does not need, and never more than the look-ups' order allows.
"""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given
from hypothesis import strategies as st

from app import permissions
from app.models import OrderStatus
from app.packing.command_codes import Command
from app.packing.lookup import (
    BoxMatch,
    CodeMatches,
    ItemMatch,
    LineCounts,
    OrderAsRead,
    OrderMatch,
    UserMatch,
)
from app.packing.scan_kinds import (
    AcceptWeight,
    Badge,
    BadWeight,
    ChooseBox,
    Code,
    DisabledBadge,
    Found,
    Item,
    ItemWithNoOrder,
    Kind,
    Look,
    NotSignedIn,
    OpenOrder,
    RunCommand,
    SerialOrLot,
    SignIn,
    Station,
    Unknown,
    Weight,
    classify,
    read_code,
)

CUP = ItemMatch(1, "CUP-500", "Cup", 1, False, False)
LID = ItemMatch(2, "LID", "Lid", 1, False, False)
OPEN = OrderAsRead(100, "A-1", OrderStatus.PACKING, 1, 3, [LineCounts(10, 1, "CUP-500", 2, 0, 0)])


@dataclass(frozen=True)
class World:
    """What the database holds for one code: every look-up's answer."""

    badge: Badge | None
    item: ItemMatch | None
    orders: tuple[OrderMatch, ...]
    box: BoxMatch | None
    item_any_case: ItemMatch | None
    disabled: bool = False  # a disabled user's badge (when no active user's is)


def _answer(world: World, look: Look, found: Found) -> Found:
    """The shell's look-up, as the database would answer it."""
    if look is Look.BADGE:
        return found.having(look, badge=world.badge)
    if look is Look.ITEM_IN_ORDER:
        in_order = (world.item, OPEN) if world.item is not None else None
        return found.having(look, item_in_order=in_order)
    if look is Look.ORDER_BADGE_OR_BOX:
        user = UserMatch(world.badge.id, world.badge.name) if world.badge else None
        disabled = world.disabled and world.badge is None
        matches = CodeMatches(list(world.orders), user, world.box, disabled)
        return found.having(look, matches=matches)
    if look is Look.ITEM:
        return found.having(look, item=world.item)
    return found.having(look, item_any_case=world.item_any_case)


def _drive(code: Code, station: Station, world: World) -> tuple[Kind, list[Look]]:
    found, asked = Found(), []
    while isinstance(next_ := classify(code, station, found), Look):
        assert next_ not in found.asked, f"{next_} asked twice"
        asked.append(next_)
        found = _answer(world, next_, found)
    return next_, asked


def _reference(code: Code, station: Station, world: World) -> Kind:
    """The rules read plainly, with every look-up's answer known."""
    badge, signed_in, order_open = world.badge, station.signed_in, station.order_open
    if code.command is not None:
        return RunCommand(code.command)
    if code.bad_weight is not None:
        return BadWeight(code.bad_weight)
    if code.grams is not None:
        return Weight(code.grams) if signed_in else NotSignedIn()
    if (
        station.awaiting == "weight_check"
        and badge is not None
        and permissions.may(badge.role, permissions.Action.ACCEPT_WEIGHT)
    ):
        return AcceptWeight(badge.name)
    if signed_in and station.awaiting in ("serial", "lot"):
        return SignIn(UserMatch(badge.id, badge.name)) if badge else SerialOrLot()
    if signed_in and order_open and world.item is not None:
        return Item(world.item, OPEN)
    if badge is not None:
        return SignIn(UserMatch(badge.id, badge.name))
    if world.disabled:
        return DisabledBadge()
    if not signed_in:
        return NotSignedIn()
    if world.orders:
        return OpenOrder(world.orders[0])
    if world.box is not None:
        return ChooseBox(world.box)
    item = world.item if not order_open else None
    item = item or world.item_any_case
    if item is not None:
        return Item(item) if order_open else ItemWithNoOrder(item)
    return Unknown()


_codes = st.one_of(
    st.sampled_from([c.barcode for c in Command]),
    st.sampled_from(["WEIGHT:1234g", "WEIGHT:1.2kg", "weight: 80 g"]),
    st.sampled_from(["WEIGHT:", "WEIGHT:heavy", "WEIGHT:5000kg"]),
    st.sampled_from(["6901234567892", "A-1", "B-100", "BOX-M", "cup-500", "#10228"]),
).map(read_code)
_stations = st.builds(
    Station,
    st.booleans(),
    st.booleans(),
    st.sampled_from([None, "serial", "lot", "short", "weight_check", "parcel_weight"]),
)
_worlds = st.builds(
    World,
    st.none()
    | st.builds(
        Badge,
        st.integers(1, 3),
        st.just("Li"),
        st.sampled_from([r.value for r in permissions.Role]),
    ),
    st.none() | st.sampled_from([CUP, LID]),
    st.lists(
        st.builds(
            OrderMatch, st.integers(1, 9), st.just("A-1"), st.sampled_from(OrderStatus), st.none()
        ),
        max_size=2,
    ).map(tuple),
    st.none() | st.just(BoxMatch(7, "BOX-M", "Medium", 120)),
    st.none() | st.just(CUP),
    st.booleans(),
)


@given(_codes, _stations, _worlds)
def test_asked_one_look_up_at_a_time_it_gives_what_the_rules_say(
    code: Code, station: Station, world: World
) -> None:
    kind, asked = _drive(code, station, world)
    assert kind == _reference(code, station, world)
    assert len(asked) <= 4
    if code.command is not None or code.grams is not None or code.bad_weight is not None:
        assert asked == []  # a command or a weight says itself what it is
    if not station.signed_in:  # nobody signed in: nothing is looked up as an item
        assert not {Look.ITEM_IN_ORDER, Look.ITEM, Look.ITEM_ANY_CASE} & set(asked)
        allowed = RunCommand | BadWeight | NotSignedIn | SignIn | AcceptWeight | DisabledBadge
        assert isinstance(kind, allowed)
    if Look.ITEM_IN_ORDER in asked:  # the order is locked only with one open
        assert station.signed_in and station.order_open
    if Look.ITEM_ANY_CASE in asked:  # the unindexed compare: a code that is nothing else
        assert world.badge is None and not world.orders and world.box is None
        assert not world.disabled


@given(_stations, _worlds)
def test_an_item_of_the_open_order_costs_one_look_up(station: Station, world: World) -> None:
    if not station.signed_in or not station.order_open or world.item is None:
        return
    if station.awaiting in ("serial", "lot", "weight_check"):
        return
    kind, asked = _drive(read_code("6901234567892"), station, world)
    assert (kind, asked) == (Item(world.item, OPEN), [Look.ITEM_IN_ORDER])


def test_an_order_opened_or_a_badge_costs_one_look_up_with_no_order_open() -> None:
    station = Station(signed_in=True, order_open=False)
    order = OrderMatch(5, "A-1", OrderStatus.READY, None)
    world = World(None, None, (order,), None, None)
    assert _drive(read_code("A-1"), station, world) == (OpenOrder(order), [Look.ORDER_BADGE_OR_BOX])
    badge = World(Badge(2, "Wang", "supervisor"), None, (), None, None)
    assert _drive(read_code("S-1"), station, badge) == (
        SignIn(UserMatch(2, "Wang")),
        [Look.ORDER_BADGE_OR_BOX],
    )


def test_a_supervisor_accepts_a_weight_a_packer_s_badge_signs_in() -> None:
    station = Station(signed_in=True, order_open=True, awaiting="weight_check")
    boss = World(Badge(2, "Wang", "supervisor"), None, (), None, None)
    assert _drive(read_code("S-1"), station, boss) == (AcceptWeight("Wang"), [Look.BADGE])
    packer = World(Badge(3, "Li", "packer"), None, (), None, None)
    kind, asked = _drive(read_code("B-2"), station, packer)
    assert kind == SignIn(UserMatch(3, "Li"))
    assert asked == [Look.BADGE, Look.ITEM_IN_ORDER, Look.ORDER_BADGE_OR_BOX]


def test_a_weight_code_that_says_no_weight_is_said_so() -> None:
    assert read_code("WEIGHT:heavy").bad_weight is not None
    assert read_code("WEIGHT:1.5kg").grams == 1500
    assert read_code("CMD:UNDO").command is Command.UNDO
