"""Reading the product catalogue as plain rows."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, select

from app.db import unit_of_work
from app.models import CodeKind, Product, ProductCode


@dataclass(frozen=True)
class CodeRow:
    code: str
    kind: CodeKind
    units: int


@dataclass(frozen=True)
class ProductRow:
    id: int
    sku: str
    name: str
    unit_weight_g: int | None
    bin_location: str | None
    serial_tracked: bool
    lot_tracked: bool
    codes: tuple[CodeRow, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "sku": self.sku,
            "name": self.name,
            "unit_weight_g": self.unit_weight_g,
            "bin_location": self.bin_location,
            "serial_tracked": self.serial_tracked,
            "lot_tracked": self.lot_tracked,
            "codes": [{"code": c.code, "kind": c.kind.value, "units": c.units} for c in self.codes],
        }


def list_products(engine: Engine) -> list[ProductRow]:
    with unit_of_work(engine, read_only=True) as s:
        codes: dict[int, list[CodeRow]] = defaultdict(list)
        for c in s.execute(
            select(
                ProductCode.product_id, ProductCode.code, ProductCode.kind, ProductCode.units
            ).order_by(ProductCode.id)
        ):
            codes[c.product_id].append(CodeRow(c.code, CodeKind(c.kind), c.units))
        return [
            ProductRow(
                p.id,
                p.sku,
                p.name,
                p.unit_weight_g,
                p.bin_location,
                p.serial_tracked,
                p.lot_tracked,
                tuple(codes[p.id]),
            )
            for p in s.scalars(select(Product).order_by(Product.sku))
        ]
