"""A parcel's weight and box at the counter, through the engine's shell: the facts
read (the open order row-locked, what is in its box, the unit weights the catalogue
knows, the box's tare), decided by ``app.packing.weight_rules``, written by
``app.packing.scan_writer``."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import BoxType, Parcel, Product
from app.packing import item_facts, lookup, scan_writer
from app.packing.scan_log import Step
from app.packing.scan_station import ScanStation
from app.packing.station_state import Awaiting, Committed
from app.packing.weight_rules import (
    WeightFacts,
    decide_box,
    decide_weight,
    decide_weight_accepted,
)
from app.shipping.weight_check import Packed


def weigh(eng: ScanStation, step: Step, grams: int) -> Committed:
    """A settled weight of the open order's parcel."""
    s = step.s
    order, gone = item_facts.open_order(s.connection(), eng.open_order_id, eng.station_id)
    packed = _packed(s, order) if order is not None else ()
    rules = eng.options.weighing
    tare = _box_tare(s, order.id) if order is not None else None
    if tare is not None:  # the box scanned for this parcel, not the station's default
        rules = replace(rules, tare_g=tare)
    facts = WeightFacts(grams, order, gone, packed, rules)
    return scan_writer.write(eng, step, decide_weight(facts))


def choose_box(eng: ScanStation, step: Step, box: lookup.BoxMatch) -> Committed:
    """A box's barcode scanned: the open order's current parcel goes into it."""
    order, gone = item_facts.open_order(step.s.connection(), eng.open_order_id, eng.station_id)
    return scan_writer.write(eng, step, decide_box(order, gone, box))


def accept(eng: ScanStation, step: Step, check: Awaiting, supervisor: str) -> Committed:
    """A supervisor's badge at a weight that did not match: accepted, the order closed."""
    s = step.s
    order, _gone = item_facts.open_order(s.connection(), check.order_id, eng.station_id)
    return scan_writer.write(eng, step, decide_weight_accepted(order, check, supervisor))


def _box_tare(s: Session, order_id: int) -> int | None:
    """The tare of the box the order's current parcel went into, if one was scanned."""
    return s.scalar(
        select(BoxType.tare_g)
        .join(Parcel, Parcel.box_type_id == BoxType.id)
        .where(Parcel.order_id == order_id)
        .order_by(Parcel.seq.desc())
        .limit(1)
    )


def _packed(s: Session, order: lookup.OrderAsRead) -> tuple[Packed, ...]:
    """What is in the order's box, line by line, with its products' unit weights."""
    ids = {line.product_id for line in order.lines if line.product_id is not None}
    weighed = select(Product.id, Product.unit_weight_g).where(Product.id.in_(ids))
    weights = {product_id: grams for product_id, grams in s.execute(weighed)}
    return tuple(
        Packed(line.sku, line.packed, weights.get(line.product_id) if line.product_id else None)
        for line in order.lines
        if line.packed
    )
