"""The dock's words: a key and an English template with ``%1``, ``%2``... for its
values, like the packing engine's (``app.packing.words``). The CLI prints the English;
the Dock page translates the same template by its key before filling it in."""

from __future__ import annotations

from dataclasses import dataclass

from app.packing.words import fill

TEMPLATES: dict[str, str] = {
    "loaded_missing": "Loaded: %1, order %2, parcel %3. Still missing: parcel %4.",
    "shipped_one": "Shipped: order %1 (%2) is on the %3 truck. On this load: %4.",
    "shipped": "Shipped: order %1, its %2 parcels are all on the %3 truck. On this load: %4.",
    "already_loaded": "Scanned twice: %1 was loaded at %2 onto %3. It is on the truck already.",
    "unknown_label": "Unknown label %1: no parcel has this number. Keep it off the truck.",
    "wrong_carrier": "Wrong truck: %1 is a %2 parcel, this load is %3. Keep it off.",
    "intercepted": "STOP: order %1 is %2. This parcel must not leave: take it off the truck.",
    "carrier_changed": (
        "STOP: order %1 now goes with %2, its label is for %3. Print its label again."
    ),
    "no_tracking": "Order %1's parcel %2 has no tracking number yet: print its waybill first.",
    "no_waybill": "Order %1 has no waybill yet: print its waybill first.",
    "scan_tracking_number": "%1 is the order's number: scan the tracking number on its waybill.",
    "intercepted_loaded": (
        "STOP: order %1 is %2 but its parcel %3 is on load %4: take it off the truck."
    ),
    "scan_each_parcel": "Order %1 has %2 parcels: scan each parcel's own label, not the order.",
    "not_a_label": "%1 is not a label: %2",
}


@dataclass(frozen=True)
class DockWords:
    key: str
    values: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.key not in TEMPLATES:
            raise KeyError(f"no dock words {self.key!r}")

    def english(self) -> str:
        return fill(TEMPLATES[self.key], self.values)


def said(key: str, *values: object) -> DockWords:
    return DockWords(key, tuple(str(v) for v in values))
