"""Writing real import files for the tests: Shopify exports and generic tables."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

SHOPIFY_HEADER = [
    "Name",
    "Email",
    "Financial Status",
    "Paid at",
    "Fulfillment Status",
    "Fulfilled at",
    "Accepts Marketing",
    "Currency",
    "Subtotal",
    "Shipping",
    "Taxes",
    "Total",
    "Discount Code",
    "Discount Amount",
    "Shipping Method",
    "Created at",
    "Lineitem quantity",
    "Lineitem name",
    "Lineitem price",
    "Lineitem compare at price",
    "Lineitem sku",
    "Lineitem requires shipping",
    "Lineitem taxable",
    "Lineitem fulfillment status",
    "Billing Name",
    "Billing Street",
    "Billing Address1",
    "Billing Address2",
    "Billing Company",
    "Billing City",
    "Billing Zip",
    "Billing Province",
    "Billing Country",
    "Billing Phone",
    "Shipping Name",
    "Shipping Street",
    "Shipping Address1",
    "Shipping Address2",
    "Shipping Company",
    "Shipping City",
    "Shipping Zip",
    "Shipping Province",
    "Shipping Country",
    "Shipping Phone",
    "Notes",
    "Note Attributes",
    "Cancelled at",
    "Payment Method",
    "Payment Reference",
    "Refunded Amount",
    "Vendor",
    "Id",
    "Tags",
    "Risk Level",
    "Source",
    "Lineitem discount",
    "Phone",
]

SAMPLES = Path(__file__).resolve().parents[3] / "resources" / "sample-data"


def shopify_row(header: Sequence[str] = SHOPIFY_HEADER, **values: str) -> list[str]:
    """One export row; keyword names are headings with spaces as underscores."""
    by_name = {k.replace("_", " ").lower(): v for k, v in values.items()}
    return [by_name.get(h.lower(), "") for h in header]


def first_row(name: str, sku: str, qty: str = "1", **values: str) -> dict[str, str]:
    base = {
        "Name": name,
        "Email": "a@example.com",
        "Financial_Status": "paid",
        "Currency": "USD",
        "Shipping_Method": "Standard",
        "Created_at": "2026-01-15 09:00:00 +0800",
        "Lineitem_quantity": qty,
        "Lineitem_name": f"Item {sku}",
        "Lineitem_price": "9.90",
        "Lineitem_sku": sku,
        "Lineitem_requires_shipping": "true",
        "Billing_Name": "Ann Lee",
        "Shipping_Name": "Ann Lee",
        "Shipping_Address1": "5 Queen St",
        "Shipping_City": "Manchester",
        "Shipping_Zip": "M2 5HX",
        "Shipping_Country": "GB",
    }
    base.update(values)
    return base


def line_row(name: str, sku: str, qty: str = "1", **values: str) -> dict[str, str]:
    base = {
        "Name": name,
        "Lineitem_quantity": qty,
        "Lineitem_name": f"Item {sku}",
        "Lineitem_price": "1.00",
        "Lineitem_sku": sku,
        "Lineitem_requires_shipping": "true",
    }
    base.update(values)
    return base


def write_shopify(
    path: Path,
    rows: Sequence[dict[str, str]],
    *,
    header: Sequence[str] = SHOPIFY_HEADER,
    encoding: str = "utf-8",
) -> Path:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    for values in rows:
        writer.writerow(shopify_row(header, **values))
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def write_csv(
    path: Path, header: Sequence[str], rows: Sequence[Sequence[Any]], encoding: str = "utf-8"
) -> Path:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path
