"""Writing a validated product catalogue: products keyed by SKU, with their codes.

Runs in the caller's unit of work, like the order upsert; a code that already belongs
to another SKU is a row error, and the whole file is written or nothing is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.barcodes import to_gtin14
from app.importing.records import CodeRecord, ProductRecord, RowError
from app.importing.upsert import WriteCounts
from app.models import CodeKind, Product, ProductCode


@dataclass(frozen=True)
class StoredCode:
    code: str
    kind: CodeKind
    units: int


def stored_code(code: CodeRecord) -> tuple[StoredCode, str | None]:
    """How a code is kept: GTINs of any length as GTIN-14 (so every form of one item
    matches), other codes as written. The note warns of a GTIN with a bad check digit."""
    gtin = to_gtin14(code.code)
    if gtin:
        kind = CodeKind.CASE if code.units > 1 else CodeKind.GTIN
        return StoredCode(gtin, kind, code.units), None
    note = None
    if code.code.isdigit() and len(code.code) in (8, 12, 13, 14):
        note = f"barcode {code.code} has a wrong check digit for a GTIN; kept as an alias"
    kind = CodeKind.CASE if code.units > 1 else CodeKind.ALIAS
    return StoredCode(code.code, kind, code.units), note


class ProductWriter:
    """Validates a whole catalogue against the database, then creates or updates it.

    Products are keyed by SKU. Barcodes are added or corrected, never taken from
    another product: a code that already belongs to a different SKU is a row error.
    A value the file leaves empty keeps what the database has.
    """

    def __init__(self, session: Session, *, keeps_flags: bool) -> None:
        self.s = session
        self.keeps_flags = keeps_flags
        self.counts = WriteCounts()

    def write(self, records: list[ProductRecord]) -> list[RowError]:
        ids: dict[str, int] = dict(self.s.execute(select(Product.sku, Product.id)).all())
        owners: dict[str, int] = dict(
            self.s.execute(select(ProductCode.code, ProductCode.product_id)).all()
        )
        errors: list[RowError] = []
        seen: dict[str, int] = {}
        file_codes: dict[str, str] = {}
        plans: list[tuple[ProductRecord, list[StoredCode]]] = []
        for record in records:
            row = record.source_row or 0
            if len(record.sku) > 64:
                errors.append(RowError(row, f"SKU {record.sku[:20]!r}... is over 64 characters"))
                continue
            if record.sku in seen:
                errors.append(RowError(row, f"SKU {record.sku} is also on row {seen[record.sku]}"))
                continue
            seen[record.sku] = row
            codes: list[StoredCode] = []
            for code in record.codes:
                if len(code.code) > 64:
                    errors.append(RowError(row, f"barcode {code.code[:20]!r}... is too long"))
                    continue
                stored, note = stored_code(code)
                if note:
                    self.counts.note(f"row {row}: {note}")
                other_sku = file_codes.setdefault(stored.code, record.sku)
                owner = owners.get(stored.code)
                if other_sku != record.sku:
                    errors.append(
                        RowError(row, f"barcode {code.code} is also given to SKU {other_sku}")
                    )
                elif owner is not None and owner != ids.get(record.sku):
                    theirs = self.s.scalar(select(Product.sku).where(Product.id == owner))
                    errors.append(
                        RowError(row, f"barcode {code.code} already belongs to SKU {theirs}")
                    )
                else:
                    codes.append(stored)
            plans.append((record, codes))
        if errors:
            return errors
        existing = {p.sku: p for p in self.s.scalars(select(Product).where(Product.sku.in_(seen)))}
        for record, codes in plans:
            self._write_one(existing.get(record.sku), record, codes)
        return []

    def _write_one(
        self, product: Product | None, record: ProductRecord, codes: list[StoredCode]
    ) -> None:
        if product is None:
            product = Product(
                sku=record.sku,
                name=record.name,
                unit_weight_g=record.unit_weight_g,
                bin_location=record.bin_location,
                serial_tracked=record.serial_tracked,
                lot_tracked=record.lot_tracked,
                serial_pattern=record.serial_pattern,
                image_path=record.image_path,
                active=True,
                codes=[ProductCode(code=c.code, kind=c.kind, units=c.units) for c in codes],
            )
            self.s.add(product)
            self.counts.created += 1
            return
        wanted: dict[str, Any] = {"name": record.name}
        for key in ("unit_weight_g", "bin_location", "image_path", "serial_pattern"):
            if getattr(record, key) is not None:
                wanted[key] = getattr(record, key)
        if not self.keeps_flags:
            wanted["serial_tracked"] = record.serial_tracked
            wanted["lot_tracked"] = record.lot_tracked
        changed = False
        for key, value in wanted.items():
            if getattr(product, key) != value:
                setattr(product, key, value)
                changed = True
        have = {c.code: c for c in product.codes}
        for c in codes:
            mine = have.get(c.code)
            if mine is None:
                product.codes.append(ProductCode(code=c.code, kind=c.kind, units=c.units))
                changed = True
            elif (mine.kind, mine.units) != (c.kind, c.units):
                mine.kind, mine.units = c.kind, c.units
                changed = True
        if changed:
            self.counts.updated += 1
        else:
            self.counts.unchanged += 1
