"""The product catalogue: the Shopify products export, or a generic CSV/XLSX.

Shopify: one row per variant; a product's first row carries its title, the rows of
its other variants carry only the handle and their options, so they take the title
from the first row. Image-only rows (no variant) are passed over.

Generic: one row per product with the columns in ``PRODUCT_FIELDS`` (or a mapping).
``barcodes`` holds one or more codes separated by spaces, commas or semicolons;
``case_barcodes`` holds case-pack codes with the units they count, ``CODE*12``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from app.importing.common import (
    BadFile,
    CsvTable,
    HeaderMap,
    check_width,
    cut_off,
    header_width,
    none_if_empty,
    parse_flag,
    parse_grams,
)
from app.importing.records import CodeRecord, ProductRecord, RowError
from app.importing.tabular import Table, columns_for, require_mapped
from app.packing.tracking_checks import check_pattern

PRODUCT_FIELDS: dict[str, tuple[str, ...]] = {
    "sku": ("sku", "商品编码", "货号", "商家编码"),
    "name": ("name", "product name", "title", "商品名称", "名称"),
    "barcodes": ("barcodes", "barcode", "ean", "gtin", "条码", "条形码"),
    "case_barcodes": ("case_barcodes", "case barcodes", "case barcode", "箱码"),
    "unit_weight_g": ("unit_weight_g", "weight_g", "weight", "grams", "重量"),
    "bin_location": ("bin_location", "bin", "location", "库位", "货位"),
    "serial_tracked": ("serial_tracked", "serial", "序列号"),
    "lot_tracked": ("lot_tracked", "lot", "批次"),
    "serial_pattern": ("serial_pattern", "serial pattern", "序列号规则"),
    "image_path": ("image_path", "image", "图片"),
}
REQUIRED_PRODUCT_FIELDS = ("sku", "name")

SHOPIFY_ALIASES: dict[str, tuple[str, ...]] = {
    "handle": ("Handle",),
    "title": ("Title",),
    "option1": ("Option1 Value",),
    "option2": ("Option2 Value",),
    "option3": ("Option3 Value",),
    "sku": ("Variant SKU",),
    "barcode": ("Variant Barcode",),
    "grams": ("Variant Grams",),
    "image": ("Variant Image", "Image Src"),
}

_SPLIT = re.compile(r"[\s,;|]+")
_CASE = re.compile(r"^(.+?)\s*[*x×X:]\s*(\d+)$")


def looks_like_shopify_products(header: list[str]) -> bool:
    found = HeaderMap(header, SHOPIFY_ALIASES)
    return found.has("handle") and found.has("sku")


def parse_codes(text: str) -> list[CodeRecord]:
    return [CodeRecord(code) for code in _SPLIT.split(text.strip()) if code]


def parse_case_codes(text: str) -> list[CodeRecord]:
    """``16901234567899*6; CASE-12x12`` -> codes counting 6 and 12 units."""
    found = []
    for entry in re.split(r"[,;|]+|\s{2,}", text.strip()):
        entry = entry.strip()
        if not entry:
            continue
        match = _CASE.match(entry.replace(" ", ""))
        if not match:
            raise ValueError(f"case barcode {entry!r} needs its units, e.g. {entry}*12")
        units = int(match.group(2))
        if not 2 <= units <= 10_000:
            raise ValueError(f"case barcode {entry!r} must count 2 to 10,000 units")
        found.append(CodeRecord(match.group(1), units))
    return found


@dataclass
class CatalogueCounts:
    rows: int = 0
    skipped: int = 0
    notes: list[str] = field(default_factory=list)


class ShopifyProducts:
    keeps_flags = True  # the export says nothing about serials or lots

    def __init__(self, table: CsvTable) -> None:
        self.table = table
        self.cols = HeaderMap(table.header, SHOPIFY_ALIASES)
        self.cols.require(table.name, {"handle": "Handle", "sku": "Variant SKU"})
        self.counts = CatalogueCounts()

    def __iter__(self) -> Iterator[ProductRecord | RowError]:
        get = self.cols.get
        titles: dict[str, str] = {}
        width = header_width(self.table.header)
        for row in self.table.rows():
            self.counts.rows += 1
            problem = check_width(row, width)
            if problem:
                yield problem
                continue
            cells = row.cells
            handle = get(cells, "handle")
            if not handle:
                yield RowError(row.number, "no Handle")
                continue
            title = get(cells, "title")
            if title:
                titles.setdefault(handle, title)
            sku = get(cells, "sku")
            barcode = get(cells, "barcode").lstrip("'")
            if not sku:
                if barcode or get(cells, "option1"):
                    self.counts.skipped += 1
                    self.counts.notes.append(f"row {row.number}: a variant of {handle} has no SKU")
                continue  # an image row, or a variant that cannot be packed by SKU
            base = titles.get(handle)
            if base is None:
                yield RowError(row.number, f"variant {sku} comes before its product's title row")
                continue
            options = [get(cells, f) for f in ("option1", "option2", "option3")]
            options = [o for o in options if o and o != "Default Title"]
            try:
                grams = parse_grams(get(cells, "grams"), "Variant Grams")
            except ValueError as exc:
                yield RowError(row.number, str(exc))
                continue
            yield ProductRecord(
                sku=sku,
                name=(f"{base} - {' / '.join(options)}" if options else base)[:255],
                codes=tuple(parse_codes(barcode)),
                unit_weight_g=grams,
                image_path=none_if_empty(get(cells, "image")),
                source_row=row.number,
            )
        if not self.counts.rows:
            raise BadFile(f"{self.table.name} has a header but no products.")


class GenericProducts:
    keeps_flags = False

    def __init__(self, table: Table, mapping: Mapping[str, str] | None = None) -> None:
        self.table = table
        self.cols = HeaderMap(table.header, columns_for(PRODUCT_FIELDS, mapping, table.name))
        require_mapped(self.cols, mapping, REQUIRED_PRODUCT_FIELDS, table.name)
        self.counts = CatalogueCounts()

    def __iter__(self) -> Iterator[ProductRecord | RowError]:
        get = self.cols.get
        width = header_width(self.table.header)
        for row in self.table.rows():
            self.counts.rows += 1
            c = row.cells
            if row.last and len(c) < width:  # a file cut off in its last line
                yield cut_off(row, width)
                continue
            sku, name = get(c, "sku"), get(c, "name")
            if not sku or not name:
                yield RowError(row.number, "a product needs both a SKU and a name")
                continue
            try:
                codes = parse_codes(get(c, "barcodes")) + parse_case_codes(get(c, "case_barcodes"))
                record = ProductRecord(
                    sku=sku,
                    name=name[:255],
                    codes=tuple(codes),
                    unit_weight_g=parse_grams(get(c, "unit_weight_g"), "unit_weight_g"),
                    bin_location=none_if_empty(get(c, "bin_location")),
                    serial_tracked=parse_flag(get(c, "serial_tracked"), "serial_tracked"),
                    lot_tracked=parse_flag(get(c, "lot_tracked"), "lot_tracked"),
                    image_path=none_if_empty(get(c, "image_path")),
                    source_row=row.number,
                    serial_pattern=_serial_pattern(get(c, "serial_pattern")),
                )
            except ValueError as exc:
                yield RowError(row.number, str(exc))
                continue
            yield record
        if not self.counts.rows:
            raise BadFile(f"{self.table.name} has a header but no products.")


def _serial_pattern(text: str) -> str | None:
    """What the product's serials look like (a regular expression a whole serial must
    match, checked at the counter's serial prompt); an error in words if it is none."""
    pattern = none_if_empty(text)
    if pattern is None:
        return None
    if len(pattern) > 200:
        raise ValueError("serial_pattern is longer than 200 characters")
    try:
        return check_pattern(pattern)
    except ValueError as exc:
        raise ValueError(f"serial_pattern is {exc}") from None
