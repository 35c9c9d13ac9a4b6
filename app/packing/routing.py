"""A scan on its way to the part that answers it, through the engine's shell: its kind
asked of the pure rule (``app.packing.scan_kinds``), which says what to look up next
until it knows; each look-up one statement here. The scan is then read, decided and
written by its kind's part: a command in ``commands``, a weight or a box in
``weighing``, an item or the serial or lot after it in ``item_scan``, an order in
``opening``, a badge here (``badge_rules``); what changes nothing is said here."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy.orm import Session

from app import credentials
from app.barcodes import NormalisedScan
from app.models import User
from app.packing import commands, item_scan, lookup, opening, override, scan_writer, weighing
from app.packing import scan_kinds as kinds
from app.packing.badge_rules import BadgeFacts, decide_badge
from app.packing.command_rules import SIGN_IN_FIRST
from app.packing.item_rules import SCAN_ORDER_FIRST
from app.packing.scan_log import Facts, Step
from app.packing.scan_station import ScanStation
from app.packing.station_state import Committed
from app.packing.verdict import Outcome
from app.packing.words import said


def route(eng: ScanStation, step: Step, switch_to: int | None) -> Committed:
    """The scan (normalised) classified and carried out; ``switch_to``: the order a
    refused switch named, which this scan of it again confirms."""
    assert step.scan is not None
    return _carry_out(eng, step, classified(eng, step.s, step.scan), switch_to)


def classified(eng: ScanStation, s: Session, scan: NormalisedScan) -> kinds.Kind:
    """What kind of scan this is at the station, looking up what the rule asks for,
    one statement at a time."""
    code = kinds.read_code(scan.text)
    station = kinds.Station(
        eng.user_id is not None,
        eng.open_order_id is not None,
        eng.awaiting.kind if eng.awaiting is not None else None,
    )
    found = kinds.Found()
    while isinstance(kind := kinds.classify(code, station, found), kinds.Look):
        found = _look(eng, s, scan, kind, found)
    return kind


def _look(
    eng: ScanStation, s: Session, scan: NormalisedScan, look: kinds.Look, found: kinds.Found
) -> kinds.Found:
    """``found``, and the answer to ``look``."""
    if look is kinds.Look.BADGE:
        user = lookup.find_user_by_badge(s, scan.text)
        badge = kinds.Badge(user.id, user.name, user.role) if user is not None else None
        return found.having(look, badge=badge)
    if look is kinds.Look.ITEM_IN_ORDER:
        assert eng.open_order_id is not None
        in_order = lookup.find_item_locking_order(s.connection(), scan, eng.open_order_id)
        return found.having(look, item_in_order=in_order)
    if look is kinds.Look.ORDER_BADGE_OR_BOX:
        return found.having(look, matches=lookup.find_orders_badge_or_box(s, scan.text))
    if look is kinds.Look.ITEM:
        return found.having(look, item=lookup.find_item(s, scan))
    return found.having(look, item_any_case=lookup.find_item_any_case(s, scan))


def _carry_out(eng: ScanStation, step: Step, kind: kinds.Kind, switch_to: int | None) -> Committed:
    """The scan of this ``kind`` read, decided and written by its own part."""
    match kind:
        case kinds.RunCommand(command):
            return commands.run(eng, step, command)
        case kinds.BadWeight(why):
            return eng.say(step, Outcome.INVALID_INPUT, why)
        case kinds.Weight(grams):
            return weighing.weigh(eng, step, grams)
        case kinds.AcceptWeight(supervisor, supervisor_id):
            check = eng.awaiting
            assert check is not None
            # the supervisor's badge accepts this one weight; the packer stays signed in
            accepted = weighing.accept(eng, as_badge(step), check, supervisor)
            by = (supervisor_id, supervisor, "badge")
            override.record_accepted(eng, step.s, by, check, accepted.verdict)
            return accepted
        case kinds.SignIn(user):
            return login(eng, step, user)
        case kinds.DisabledBadge():
            facts = replace(open_order_facts(eng, step.s), order_id=None)
            return eng.say(as_badge(step), Outcome.UNKNOWN_CODE, said("badge_disabled"), facts)
        case kinds.SerialOrLot():
            assert eng.awaiting is not None
            return item_scan.scan_number(eng, step, eng.awaiting)
        case kinds.Item(item, locked):
            return item_scan.scan_item(eng, step, item, locked=locked)
        case kinds.OpenOrder(order):
            return opening.open_order(eng, step, order, switch_to=switch_to)
        case kinds.ChooseBox(box):
            return weighing.choose_box(eng, step, box)
        case kinds.ItemWithNoOrder(item):
            return eng.say(step, Outcome.NO_OPEN_ORDER, SCAN_ORDER_FIRST, Facts(sku=item.sku))
        case kinds.NotSignedIn():
            return eng.say(step, Outcome.NOT_SIGNED_IN, SIGN_IN_FIRST)
    assert step.scan is not None
    return eng.say(
        step,
        Outcome.UNKNOWN_CODE,
        f"Unknown code {step.scan.text}: not an order, item or badge.",
        # logged as no order's (an order's history shows it among the codes that
        # matched nothing while it was open)
        replace(open_order_facts(eng, step.s), order_id=None),
    )


def login(eng: ScanStation, step: Step, user: User | lookup.UserMatch) -> Committed:
    """A badge signs its user in (the event is logged as theirs): the facts read,
    decided by ``app.packing.badge_rules``."""
    s = step.s
    before = s.get(User, eng.user_id) if eng.user_id not in (None, user.id) else None
    facts = BadgeFacts(
        user.id,
        user.name,
        before.name if before is not None else None,
        eng.awaiting,
        open_order_facts(eng, s),
    )
    return scan_writer.write(eng, as_badge(step), decide_badge(facts))


def open_order_facts(eng: ScanStation, s: Session) -> Facts:
    """The open order's number and units left, for an answer that leaves it open
    (a badge, an unknown code): a script reading the answers knows it still is."""
    if eng.open_order_id is None:
        return Facts()
    found = lookup.number_and_remaining(s, eng.open_order_id)
    if found is None:
        return Facts(order_id=eng.open_order_id)
    return Facts(order_id=eng.open_order_id, order=found[0], remaining=found[1])


def as_badge(step: Step) -> Step:
    """A badge's scan as it is logged and answered: its mark, never the badge (the
    scan log is an order's history, and backups and exports carry it)."""
    assert step.scan is not None
    mark = credentials.badge_mark(step.scan.text)
    return replace(step, raw=mark, scan=replace(step.scan, raw=mark, text=mark))
