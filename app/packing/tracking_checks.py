"""What a code scanned at a serial or lot prompt may not be.

A serial or lot is asked for after its item; the packer then scans whatever is on
the counter, and a wrong code taken as the number counts the unit with a number that
is no one's (the order's own slip was once accepted as a watch's serial). So, at the
prompt, these are never the number, and the number is asked for again:

- an item's code: another item's, or the item's own without the number in it;
- a GS1 element string of an item not in the catalogue, or one that carries no
  number of the kind asked for (a lot label when the serial is asked);
- the number of an order still to be packed here or elsewhere (with or without its
  leading ``#``), the open order's own slip among them;
- the number of any other order, unless the product says what its serials look like
  (``Product.serial_pattern``) and the code matches: numeric serials meet old order
  numbers;
- for a product with a serial pattern, a code that does not match it;
- a box's barcode.

Badges and command barcodes never get here: the engine takes them first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from app import lifecycle
from app.barcodes import NormalisedScan
from app.packing.lookup import ItemMatch, OrderMatch
from app.packing.words import Words, said


def why_not_the_number(
    scan: NormalisedScan,
    item: ItemMatch,
    kind: str,
    value: str,
    found: ItemMatch | None,
    orders: Sequence[OrderMatch],
    serial_pattern: str | None,
    is_box: bool = False,
) -> Words | None:
    """Why ``scan`` (``value``, the number it would give) is no ``kind`` ("serial" or
    "lot") of ``item``; None when it may be. ``found`` is the item its code is, if any;
    ``orders`` those whose number it is, with or without a leading ``#``;
    ``serial_pattern`` what the item's serials look like, if its product says;
    ``is_box``, whether the code is a box's barcode."""
    if is_box:
        return said("box_not_tracking", scan.text, item.sku)
    gs1 = scan.gs1
    carried = (gs1.serial if kind == "serial" else gs1.lot) if gs1 else None
    if found is not None:
        own = found.product_id == item.product_id
        return None if own and carried else said("item_not_tracking", found.sku, item.sku)
    if gs1 is not None and (gs1.gtin14 is not None or not carried):
        return said("gs1_no_serial" if kind == "serial" else "gs1_no_lot", item.sku)
    pattern = re.compile(serial_pattern) if kind == "serial" and serial_pattern else None
    matches = pattern is not None and pattern.fullmatch(value) is not None
    for order in orders:
        if order.status in lifecycle.PACKABLE or not matches:
            return said("order_not_tracking", scan.text, item.sku)
    if pattern is not None and not matches:
        return said("serial_pattern", value, item.sku)
    return None


def numbers_like(text: str) -> tuple[str, ...]:
    """The order numbers a code scanned at the prompt may be: itself, and itself with
    or without a leading ``#`` (a slip's barcode, or a number typed as the packer reads
    it on the slip)."""
    other = text[1:] if text.startswith("#") else f"#{text}"
    return (text, other) if other else (text,)


def check_pattern(pattern: str) -> str:
    """A serial pattern as given (a regular expression the whole serial must match),
    or ValueError in words when it is none."""
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"not a regular expression ({exc}): {pattern!r}") from None
    return pattern
