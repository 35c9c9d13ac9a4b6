"""The text of imported records holds no control characters.

A control character in a name or an address is never meant: it is a NUL that
PostgreSQL cannot store, a stray escape that would recolour or clear the terminal
that lists the order, a line break that breaks a label's line. A tab becomes a space
(spreadsheets leave them in cells); a gift note keeps its line breaks (as LF); any
other control character (C0, DEL, C1) is a row error naming the field and the
character, and, like every row error, keeps the whole file out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import fields, replace
from typing import Any

from app.importing.records import Address, OrderRecord, ProductRecord, RowError

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_LINE_BREAK = re.compile("\r\n|\r")
_NAMES = {
    0x00: "NUL",
    0x07: "BEL",
    0x08: "backspace",
    0x0A: "line break",
    0x0D: "carriage return",
    0x1B: "ESC",
    0x7F: "DEL",
    0x9B: "CSI",
}
#: the fields whose text may run over several lines
MULTI_LINE = frozenset({"gift_note"})


def describe(ch: str) -> str:
    """A control character for people: ``ESC, U+001B``."""
    code = ord(ch)
    name = _NAMES.get(code)
    return f"{name}, U+{code:04X}" if name else f"U+{code:04X}"


def _clean(value: str, field: str, shown: str) -> tuple[str, str | None]:
    """The text with tabs as spaces (and line breaks as LF where allowed), or the
    reason it is refused (the field ``shown`` by the name the person knows)."""
    text = value.replace("\t", " ")
    if field in MULTI_LINE:
        text = _LINE_BREAK.sub("\n", text)
        found = next((m for m in _CONTROL.finditer(text) if m.group() != "\n"), None)
    else:
        found = _CONTROL.search(text)
    if found is None:
        return text, None
    return text, f"{shown} holds a control character ({describe(found.group())}): {value!r}"


def _cleaned_fields(
    obj: Any, names: Mapping[str, str], prefix: str = ""
) -> tuple[dict[str, Any], list[str]]:
    changed: dict[str, Any] = {}
    problems: list[str] = []
    for f in fields(obj):
        value = getattr(obj, f.name)
        if not isinstance(value, str):
            continue
        key = prefix + f.name
        text, problem = _clean(value, key, names.get(key, key))
        if problem:
            problems.append(problem)
        elif text != value:
            changed[f.name] = text
    return changed, problems


#: what the person calls each field, per kind of file (a record field, ``ship_to_`` and
#: ``line_`` for the address's and the lines' fields); a field not named is its own name
GENERIC_NAMES: dict[str, str] = {
    "external_number": "order_number",
    "line_sku": "sku",
    "line_name": "item_name",
}
JSON_NAMES: dict[str, str] = {
    "external_number": "number",
    "customer_name": "customer",
    "line_sku": "sku",
    "line_name": "name",
    **{f"ship_to_{f.name}": f"ship_to.{f.name}" for f in fields(Address)},
    "ship_to_line1": "ship_to.lines",
    "ship_to_line2": "ship_to.lines",
}
SHOPIFY_NAMES: dict[str, str] = {
    "external_number": "Name",
    "customer_name": "Billing Name",
    "email": "Email",
    "service": "Shipping Method",
    "gift_note": "Notes",
    "currency": "Currency",
    "ship_to_name": "Shipping Name",
    "ship_to_company": "Shipping Company",
    "ship_to_line1": "Shipping Address1",
    "ship_to_line2": "Shipping Address2",
    "ship_to_city": "Shipping City",
    "ship_to_region": "Shipping Province",
    "ship_to_postal_code": "Shipping Zip",
    "ship_to_country": "Shipping Country",
    "ship_to_phone": "Shipping Phone",
    "line_sku": "Lineitem sku",
    "line_name": "Lineitem name",
}


def cleaned_order(
    record: OrderRecord, names: Mapping[str, str] = GENERIC_NAMES
) -> tuple[OrderRecord, list[RowError]]:
    """``record`` with tabs as spaces, and the row errors of its control characters
    (each on the row its value came from, its field called by ``names``)."""
    row = record.source_row or 0
    # the address first: a customer's name may be the recipient's, said once
    address, problems = _cleaned_fields(record.ship_to, names, "ship_to_")
    changed, more = _cleaned_fields(record, names)
    errors = [RowError(row, p) for p in _once(problems + more)]
    lines = []
    for number, line in enumerate(record.lines, start=1):
        line_changed, problems = _cleaned_fields(line, names, "line_")
        # a line of a table is a row of its own; in JSON, a line of the order's
        where, said = (line.source_row, "") if line.source_row else (row, f"line {number}: ")
        errors += [RowError(where, said + p) for p in problems]
        lines.append(replace(line, **line_changed))
    if errors:
        return record, errors
    ship_to: Address = replace(record.ship_to, **address)
    return replace(record, **changed, ship_to=ship_to, lines=tuple(lines)), []


def _once(problems: list[str]) -> list[str]:
    """Each bad value told once, in the first field that holds it."""
    seen: set[str] = set()
    kept = []
    for problem in problems:
        value = problem.partition(": ")[2]
        if value not in seen:
            seen.add(value)
            kept.append(problem)
    return kept


def cleaned_product(record: ProductRecord) -> tuple[ProductRecord, list[RowError]]:
    """As ``cleaned_order``, for a catalogue record and its barcodes."""
    row = record.source_row or 0
    changed, problems = _cleaned_fields(record, {})
    errors = [RowError(row, p) for p in problems]
    codes = []
    for code in record.codes:
        code_changed, problems = _cleaned_fields(code, {"code": "barcode"})
        errors += [RowError(row, p) for p in problems]
        codes.append(replace(code, **code_changed))
    if errors:
        return record, errors
    return replace(record, **changed, codes=tuple(codes)), []
