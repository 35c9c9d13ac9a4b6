"""A parcel's weight and box at the counter, through the engine's shell: the facts
read (the open order row-locked, what is in its box, the unit weights the catalogue
knows, the box's tare, what parcels of the same contents in the same box weighed),
decided by ``app.packing.weight_rules``, written by ``app.packing.scan_writer``."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import BoxType, Parcel, Product, ScanEvent
from app.packing import item_facts, lookup, parcels, scan_writer, weight_profiles
from app.packing.answer import LearnWeight
from app.packing.scan_log import Step
from app.packing.scan_station import ScanStation
from app.packing.station_state import Awaiting, Committed
from app.packing.verdict import PACKED_OUTCOMES
from app.packing.weight_rules import (
    WeightFacts,
    decide_box,
    decide_weight,
    decide_weight_accepted,
)
from app.shipping.weight_check import (
    Packed,
    WeighingRules,
    contents_key,
    contents_words,
    expected_weight,
)


def weigh(eng: ScanStation, step: Step, grams: int) -> Committed:
    """A settled weight of the open order's parcel."""
    s = step.s
    order, gone = item_facts.locked_open_order(s.connection(), eng.open_order_id, eng.station_id)
    if order is None:
        facts = WeightFacts(grams, None, gone, (), eng.options.weighing, eng.still_awaited())
        return scan_writer.write(eng, step, decide_weight(facts))
    box = _contents(s, order, eng.options.weighing)
    facts = WeightFacts(
        grams,
        order,
        gone,
        box.packed,
        box.rules,
        eng.still_awaited(),
        max(1, _parcels(s, order.id)),
        learned=weight_profiles.learned(s.connection(), box.learn.key),
        learn=box.learn,
    )
    return scan_writer.write(eng, step, decide_weight(facts))


def choose_box(eng: ScanStation, step: Step, box: lookup.BoxMatch) -> Committed:
    """A box's barcode scanned: the open order's current parcel goes into it."""
    order, gone = item_facts.locked_open_order(
        step.s.connection(), eng.open_order_id, eng.station_id
    )
    return scan_writer.write(eng, step, decide_box(order, gone, box))


def accept(eng: ScanStation, step: Step, check: Awaiting, supervisor: str) -> Committed:
    """A supervisor's badge at a weight that did not match: accepted, and the order
    closed (or the next parcel begun)."""
    s = step.s
    order, gone = item_facts.locked_open_order(s.connection(), check.order_id, eng.station_id)
    learn = _contents(s, order, eng.options.weighing).learn if order is not None else None
    return scan_writer.write(
        eng, step, decide_weight_accepted(order, gone, check, supervisor, learn)
    )


@dataclass(frozen=True)
class _Box:
    """The open order's current parcel: what is in it, the rules with its box's tare,
    and where its weight is learned."""

    packed: tuple[Packed, ...]
    rules: WeighingRules
    learn: LearnWeight


def _contents(s: Session, order: lookup.OrderAsRead, rules: WeighingRules) -> _Box:
    packed = _packed(s, order)
    box = _box(s, order.id)
    if box is not None:  # the box scanned for this parcel, not the station's default
        rules = replace(rules, tare_g=box[1])
    code = box[0] if box is not None else ""
    catalogue = expected_weight(packed, rules.tare_g).grams
    learn = LearnWeight(
        contents_key(packed, code),
        contents_words(packed, code),
        catalogue,
        _learned_before(s, order.id),
    )
    return _Box(packed, rules, learn)


def _learned_before(s: Session, order_id: int) -> tuple[int, str] | None:
    """The weight the order's current (newest) parcel was closed with before, and the
    profile it went into, if it was (a box reopened since)."""
    found = s.execute(
        select(Parcel.weight_g, Parcel.weight_key)
        .where(Parcel.order_id == order_id)
        .order_by(Parcel.seq.desc())
        .limit(1)
    ).first()
    if found is None or found.weight_g is None or found.weight_key is None:
        return None
    return found.weight_g, found.weight_key


def _parcels(s: Session, order_id: int) -> int:
    """How many parcels the order has."""
    return s.scalar(select(func.count()).where(Parcel.order_id == order_id)) or 0


def _box(s: Session, order_id: int) -> tuple[str, int] | None:
    """The code and tare of the box the order's current (newest) parcel went into, if a
    box was scanned for it."""
    found = s.execute(
        select(BoxType.code, BoxType.tare_g)
        .select_from(Parcel)
        .join(BoxType, Parcel.box_type_id == BoxType.id)
        .where(Parcel.order_id == order_id)
        .where(
            Parcel.seq
            == select(func.max(Parcel.seq)).where(Parcel.order_id == order_id).scalar_subquery()
        )
    ).first()
    return (found.code, found.tare_g) if found is not None else None


def _packed(s: Session, order: lookup.OrderAsRead) -> tuple[Packed, ...]:
    """What is in the order's current parcel, line by line, with its products' unit
    weights: the units packed since the last NEXT-PARCEL that still stands (all the
    order's units, when it has one parcel)."""
    ids = {line.product_id for line in order.lines if line.product_id is not None}
    weighed = select(Product.id, Product.unit_weight_g).where(Product.id.in_(ids))
    weights = {product_id: grams for product_id, grams in s.execute(weighed)}
    units = _units_since_last_parcel(s, order)
    return tuple(
        Packed(line.sku, units[line.id], weights.get(line.product_id) if line.product_id else None)
        for line in order.lines
        if units[line.id]
    )


def _units_since_last_parcel(s: Session, order: lookup.OrderAsRead) -> dict[int, int]:
    """Units per line in the order's current parcel."""
    standing = (ScanEvent.order_id == order.id, ScanEvent.undone_by_id.is_(None))
    began = s.scalar(select(func.max(ScanEvent.id)).where(*standing, parcels.BEGAN_PARCEL))
    if began is None:
        return defaultdict(int, {line.id: line.packed for line in order.lines})
    since = (
        select(ScanEvent.line_id, func.sum(ScanEvent.units))
        .where(*standing, ScanEvent.id > began, ScanEvent.outcome.in_(sorted(PACKED_OUTCOMES)))
        .group_by(ScanEvent.line_id)
    )
    return defaultdict(int, {line: int(n or 0) for line, n in s.execute(since) if line is not None})
