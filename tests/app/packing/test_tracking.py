"""Serials and lots at the counter: asked for, kept, unique across orders, and lots
checked for expiry by the warehouse's calendar."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select

from app import order_actions
from app.credentials import badge_hash
from app.db import unit_of_work
from app.models import (
    CodeKind,
    OrderStatus,
    PackedSerial,
    Product,
    ProductCode,
    ScanEvent,
    User,
)
from app.packing import Outcome, PackingEngine, PackingOptions
from app.packing.words import said
from tests.app.packing.conftest import (
    CUP_EAN,
    GS,
    HONEY_EAN,
    PHONE_EAN,
    Floor,
    add_order,
    lines,
    station,
    status,
)


def test_serial_is_required_and_unique_across_orders(floor: Floor) -> None:
    first = add_order(floor.engine, "A1", {"PHONE-X": 1})
    second = add_order(floor.engine, "B2", {"PHONE-X": 1})
    eng = station(floor)
    eng.scan("A1")
    asked = eng.scan(PHONE_EAN)
    assert asked.outcome is Outcome.SERIAL_REQUIRED
    again = eng.scan(CUP_EAN)  # an item is not a serial: a mis-scan, still awaited
    assert (again.outcome, again.sku) == (Outcome.INVALID_INPUT, "PHONE-X")
    assert again.words == said("item_not_tracking", "CUP-500", "PHONE-X")
    again = eng.scan("B2")  # nor is the slip of an order to pack
    assert (again.outcome, again.message) == (
        Outcome.INVALID_INPUT,
        "B2 is an order, not a serial or lot number: PHONE-X is not counted yet.",
    )
    assert lines(floor, first)["PHONE-X"] == (0, 0, 1)
    assert eng.scan("SN-0001").outcome is Outcome.ORDER_COMPLETE
    eng.scan("B2")
    # GS1 with the serial inside: no second scan needed, but the serial is taken
    dup = eng.scan(f"]C101{'0' + PHONE_EAN}21SN-0001")
    assert dup.outcome is Outcome.DUPLICATE_SERIAL
    assert eng.scan(f"]C101{'0' + PHONE_EAN}21SN-0002").outcome is Outcome.ORDER_COMPLETE
    assert status(floor, first) is status(floor, second) is OrderStatus.PACKED


PUMP_EAN = "6907777777774"  # an insulin pump: tracked by serial and by lot


def test_an_item_tracked_by_serial_and_lot_gets_both_asked_for_and_kept(floor: Floor) -> None:
    with unit_of_work(floor.engine) as s:
        s.add(
            Product(
                sku="PUMP",
                name="Pump",
                serial_tracked=True,
                lot_tracked=True,
                codes=[ProductCode(code="0" + PUMP_EAN, kind=CodeKind.GTIN, units=1)],
            )
        )
    add_order(floor.engine, "A1", {"PUMP": 4})
    eng = station(floor)
    eng.scan("A1")
    gtin = "0" + PUMP_EAN
    steps = [
        (PUMP_EAN, Outcome.SERIAL_REQUIRED),
        ("SN-1", Outcome.LOT_REQUIRED),
        ("LOT-9", Outcome.ACCEPTED),
        (f"]C101{gtin}21SN-2", Outcome.LOT_REQUIRED),  # the serial in the code, no lot
        ("LOT-9", Outcome.ACCEPTED),
        (PUMP_EAN, Outcome.SERIAL_REQUIRED),
        ("SN-1", Outcome.DUPLICATE_SERIAL),  # refused before a lot is asked for
        (f"]C101{gtin}10LOT-8", Outcome.SERIAL_REQUIRED),  # the lot in the code, no serial
        ("SN-2", Outcome.DUPLICATE_SERIAL),
        (f"]C101{gtin}10LOT-8", Outcome.SERIAL_REQUIRED),
        (f"]C101{gtin}21SN-3", Outcome.ACCEPTED),  # each number on a GS1 label of its own
        (f"]C101{gtin}21SN-4", Outcome.LOT_REQUIRED),
        (f"]C101{gtin}10LOT-7", Outcome.ORDER_COMPLETE),
    ]
    assert [(code, eng.scan(code).outcome) for code, _ in steps] == steps
    with unit_of_work(floor.engine) as s:
        packed = s.execute(
            select(ScanEvent.serial, ScanEvent.lot)
            .where(ScanEvent.outcome.in_(("accepted", "order_complete")))
            .order_by(ScanEvent.id)
        ).all()
        serials = set(s.scalars(select(PackedSerial.serial)))
    assert packed == [("SN-1", "LOT-9"), ("SN-2", "LOT-9"), ("SN-3", "LOT-8"), ("SN-4", "LOT-7")]
    assert serials == {"SN-1", "SN-2", "SN-3", "SN-4"}


def test_a_cancelled_orders_serials_may_be_packed_again(floor: Floor) -> None:
    """The phone of a cancelled order goes back to the shelf and into another order."""
    first = add_order(floor.engine, "A1", {"PHONE-X": 1})
    add_order(floor.engine, "B2", {"PHONE-X": 1})
    eng = station(floor)
    eng.scan("A1")
    eng.scan(PHONE_EAN)
    assert eng.scan("SN-1").outcome is Outcome.ORDER_COMPLETE
    with unit_of_work(floor.engine) as s:
        boss = s.scalar(select(User.id).where(User.badge_hash == badge_hash(floor.supervisor)))
    assert boss is not None
    order_actions.cancel(floor.engine, first, user_id=boss, reason="customer cancelled")
    eng.scan("B2")
    eng.scan(PHONE_EAN)
    assert eng.scan("SN-1").outcome is Outcome.ORDER_COMPLETE
    with unit_of_work(floor.engine) as s:  # the log still says where SN-1 went first
        logged = s.scalars(select(ScanEvent.order_id).where(ScanEvent.serial == "SN-1")).all()
    assert first in logged and len(logged) == 2


def test_a_closed_orders_number_is_a_serial_only_where_the_product_says_serials_look_so(
    floor: Floor,
) -> None:
    """Numeric serials meet old order numbers: an order's number is refused at the
    prompt, unless the product's serial pattern says the code is one of its serials."""
    add_order(floor.engine, "123456", {"LID": 1}, status=OrderStatus.SHIPPED)
    add_order(floor.engine, "A1", {"PHONE-X": 1})
    eng = station(floor)
    eng.scan("A1")
    eng.scan(PHONE_EAN)
    refused = eng.scan("123456")
    assert (refused.outcome, refused.words) == (
        Outcome.INVALID_INPUT,
        said("order_not_tracking", "123456", "PHONE-X"),
    )
    _serials_look_like(floor, r"\d{6}")
    done = eng.scan("123456")
    assert done.outcome is Outcome.ORDER_COMPLETE
    with unit_of_work(floor.engine) as s:
        assert s.scalars(select(PackedSerial.serial)).all() == ["123456"]


def _serials_look_like(floor: Floor, pattern: str, sku: str = "PHONE-X") -> None:
    with unit_of_work(floor.engine) as s:
        s.scalars(select(Product).where(Product.sku == sku)).one().serial_pattern = pattern


def test_nothing_on_the_counter_but_the_number_is_taken_at_the_serial_prompt(
    floor: Floor,
) -> None:
    """The order's own slip (with or without its #), another order's, an item's
    code, another item's GS1 string, a lot label, a command or a badge: never the
    serial. Each is said, and the serial is still awaited."""
    order_id = add_order(floor.engine, "#10228", {"PHONE-X": 1, "CUP-500": 1})
    add_order(floor.engine, "#10229", {"LID": 1})
    eng = station(floor)
    eng.scan("#10228")
    assert eng.scan(PHONE_EAN).outcome is Outcome.SERIAL_REQUIRED
    unknown_gtin = "09501101530003"  # a valid GTIN of no product here
    for code, words in (
        ("#10228", said("order_not_tracking", "#10228", "PHONE-X")),
        ("10228", said("order_not_tracking", "10228", "PHONE-X")),  # the slip as typed
        ("#10229", said("order_not_tracking", "#10229", "PHONE-X")),
        (CUP_EAN, said("item_not_tracking", "CUP-500", "PHONE-X")),
        (PHONE_EAN, said("item_not_tracking", "PHONE-X", "PHONE-X")),
        (f"]d201{unknown_gtin}21SN9", said("gs1_no_serial", "PHONE-X")),
        (f"]C110LOT-7{GS}17301231", said("gs1_no_serial", "PHONE-X")),  # a lot label
    ):
        answer = eng.scan(code)
        assert (code, answer.outcome, answer.words) == (code, Outcome.INVALID_INPUT, words)
        assert eng.awaiting is not None and eng.awaiting.kind == "serial"
    assert eng.scan("CMD:UNDO").outcome is Outcome.COMMAND  # a command: no serial either
    assert eng.awaiting is None
    eng.scan(PHONE_EAN)
    assert eng.scan(floor.supervisor).outcome is Outcome.LOGIN  # a badge signs in
    assert lines(floor, order_id) == {"PHONE-X": (0, 0, 1), "CUP-500": (0, 0, 1)}
    with unit_of_work(floor.engine) as s:
        assert s.scalars(select(PackedSerial)).all() == []


def test_a_serial_that_does_not_match_the_products_pattern_is_refused(floor: Floor) -> None:
    _serials_look_like(floor, r"SN-\d{4}")
    order_id = add_order(floor.engine, "A1", {"PHONE-X": 1})
    eng = station(floor)
    eng.scan("A1")
    eng.scan(PHONE_EAN)
    for code in ("SN-12", "XSN-1234", "SN-12345", "sn-1234"):
        answer = eng.scan(code)
        assert (answer.outcome, answer.words) == (
            Outcome.INVALID_INPUT,
            said("serial_pattern", code, "PHONE-X"),
        )
    assert eng.scan("SN-1234").outcome is Outcome.ORDER_COMPLETE
    assert lines(floor, order_id) == {"PHONE-X": (1, 0, 1)}


def test_the_items_own_code_with_its_serial_answers_the_serial_request(floor: Floor) -> None:
    order_id = add_order(floor.engine, "A1", {"PHONE-X": 1})
    eng = station(floor)
    eng.scan("A1")
    assert eng.scan(PHONE_EAN).outcome is Outcome.SERIAL_REQUIRED
    done = eng.scan(f"]d201{'0' + PHONE_EAN}21SN-7")
    assert done.outcome is Outcome.ORDER_COMPLETE
    with unit_of_work(floor.engine) as s:
        assert s.scalars(select(PackedSerial.serial)).all() == ["SN-7"]
    assert lines(floor, order_id)["PHONE-X"] == (1, 0, 1)


def test_a_badge_cancels_what_was_awaited(floor: Floor) -> None:
    """SHORT, then a badge (another packer takes over): the next item is packed, not
    marked short; the same for an awaited serial."""
    order_id = add_order(floor.engine, "A1", {"CUP-500": 2, "PHONE-X": 1})
    eng = station(floor)
    eng.scan("A1")
    eng.scan("CMD:SHORT")
    signed = eng.scan(floor.badge)
    assert (signed.outcome, signed.words) == (
        Outcome.LOGIN,
        said("signed_in_short_off", "Packer Li"),
    )
    assert eng.scan(CUP_EAN).outcome is Outcome.ACCEPTED
    eng.scan(PHONE_EAN)
    signed = eng.scan(floor.supervisor)
    assert signed.message == (
        "Signed in: Sup Wang. PHONE-X is not counted: scan it again, then its number."
    )
    assert eng.scan("SN-1").outcome is Outcome.UNKNOWN_CODE  # the phone was not counted
    assert lines(floor, order_id) == {"CUP-500": (1, 0, 2), "PHONE-X": (0, 0, 1)}


def test_expired_lot_is_refused_or_warned(floor: Floor) -> None:
    add_order(floor.engine, "A1", {"HONEY": 2})
    eng = station(floor)
    eng.scan("A1")
    expired = f"01{'0' + HONEY_EAN}17251231{GS}10LOT-1"
    assert eng.scan(expired).outcome is Outcome.EXPIRED_LOT
    run_together = eng.scan(f"01{'0' + HONEY_EAN}10LOT-117251231")  # the GS lost
    assert (run_together.outcome, run_together.words) == (
        Outcome.EXPIRED_LOT,
        said("date_in_lot", "LOT-117251231", "2025-12-31"),
    )
    fresh = eng.scan(f"01{'0' + HONEY_EAN}17271231{GS}10LOT-2")
    assert fresh.outcome is Outcome.ACCEPTED
    assert eng.scan(HONEY_EAN).outcome is Outcome.LOT_REQUIRED
    assert eng.scan("LOT-3").outcome is Outcome.ORDER_COMPLETE

    add_order(floor.engine, "B2", {"HONEY": 1})
    lenient = station(floor, "counter-2", refuse_expired_lots=False)
    lenient.scan("B2")
    warned = lenient.scan(expired)
    assert warned.outcome is Outcome.ORDER_COMPLETE and warned.warning == "lot expired 2025-12-31"

    add_order(floor.engine, "C3", {"HONEY": 2})
    lenient.scan("C3")
    packed = lenient.scan(f"01{'0' + HONEY_EAN}10LOT-117251231")
    assert (packed.outcome, packed.words) == (
        Outcome.ACCEPTED,
        said("date_in_lot_packed", "LOT-117251231", "2025-12-31"),
    )
    assert packed.warning == "lot may hide expiry 2025-12-31"
    last = lenient.scan(f"01{'0' + HONEY_EAN}10LOT-117251231")  # the box is done: said too
    assert (last.outcome, last.words, last.warning) == (
        Outcome.ORDER_COMPLETE,
        said("date_in_lot_packed", "LOT-117251231", "2025-12-31"),
        "lot may hide expiry 2025-12-31",
    )


def test_a_lot_longer_than_the_log_keeps_is_refused_and_still_awaited(floor: Floor) -> None:
    order_id = add_order(floor.engine, "A1", {"HONEY": 1})
    eng = station(floor)
    eng.scan("A1")
    assert eng.scan(HONEY_EAN).outcome is Outcome.LOT_REQUIRED
    assert eng.scan("L" * 65).outcome is Outcome.INVALID_INPUT  # a QR code's URL, say
    assert lines(floor, order_id) == {"HONEY": (0, 0, 1)}
    assert eng.scan("L" * 64).outcome is Outcome.ORDER_COMPLETE


def test_a_lot_expires_by_the_warehouse_calendar_not_by_utc(floor: Floor) -> None:
    """At any moment it is at least a day later on Kiritimati (UTC+14) than in Pago
    Pago (UTC-11): a lot whose last day is Pago Pago's today has expired on Kiritimati."""
    last_day = datetime.now(ZoneInfo("Pacific/Pago_Pago")).date()
    code = f"01{'0' + HONEY_EAN}17{last_day:%y%m%d}{GS}10LOT-1"
    outcomes = {}
    for zone in ("Pacific/Kiritimati", "Pacific/Pago_Pago"):
        add_order(floor.engine, zone, {"HONEY": 1})
        options = PackingOptions(timezone=ZoneInfo(zone))
        eng = PackingEngine(floor.engine, station=zone, options=options)
        eng.scan(floor.badge)
        eng.scan(zone)
        outcomes[zone] = eng.scan(code).outcome
    assert outcomes == {
        "Pacific/Kiritimati": Outcome.EXPIRED_LOT,
        "Pacific/Pago_Pago": Outcome.ORDER_COMPLETE,
    }


def test_a_gs1_lot_label_scanned_for_the_lot_is_checked_for_expiry(floor: Floor) -> None:
    """The lot asked for, scanned from a GS1 lot label: its expiry counts, and a past
    date its run-together lot ends in too; a lot typed or printed plainly is a lot."""
    order_id = add_order(floor.engine, "A1", {"HONEY": 2})
    eng = station(floor)
    eng.scan("A1")
    assert eng.scan(HONEY_EAN).outcome is Outcome.LOT_REQUIRED
    assert eng.scan(f"]C110LOT-7{GS}17240101").outcome is Outcome.EXPIRED_LOT
    run_together = eng.scan("]C110LOT-717240101")
    assert run_together.words == said("date_in_lot", "LOT-717240101", "2024-01-01")
    assert eng.scan("LOT-717240101").outcome is Outcome.ACCEPTED  # no GS1: taken as written
    refused = eng.scan(f"01{'0' + HONEY_EAN}10LOT-917240101")
    assert refused.outcome is Outcome.EXPIRED_LOT
    assert eng.confirm_manually("HONEY").outcome is Outcome.LOT_REQUIRED  # what the words say:
    assert eng.scan("LOT-917240101").outcome is Outcome.ORDER_COMPLETE  # F8, type the lot
    with unit_of_work(floor.engine) as s:
        kept = s.execute(
            select(ScanEvent.lot, ScanEvent.manual)
            .where(ScanEvent.order_id == order_id, ScanEvent.units > 0)
            .order_by(ScanEvent.id)
        ).all()
    assert kept == [("LOT-717240101", False), ("LOT-917240101", True)]

    add_order(floor.engine, "B2", {"HONEY": 1})
    eng.scan("B2")
    eng.scan(HONEY_EAN)
    assert eng.scan(f"]C110LOT-8{GS}17271231").outcome is Outcome.ORDER_COMPLETE
    with unit_of_work(floor.engine) as s:
        expiry = s.scalar(select(ScanEvent.expiry).where(ScanEvent.lot == "LOT-8"))
    assert expiry == "2027-12-31"


def test_a_run_together_lot_ending_in_a_date_to_come_is_packed_as_read(floor: Floor) -> None:
    order_id = add_order(floor.engine, "A1", {"HONEY": 1})
    eng = station(floor)
    eng.scan("A1")
    done = eng.scan(f"01{'0' + HONEY_EAN}10LOT-117271231")
    assert done.outcome is Outcome.ORDER_COMPLETE
    with unit_of_work(floor.engine) as s:
        lot = s.scalar(
            select(ScanEvent.lot).where(ScanEvent.order_id == order_id, ScanEvent.units > 0)
        )
    assert lot == "LOT-117271231"
