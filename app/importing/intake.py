"""Importing a file: pick the reader, validate every row, write in one transaction.

``import_orders`` and ``import_products`` are the services the CLI (and later the
window) call. A file with any bad row changes nothing and raises ``ImportRejected``
naming every bad row; a file that cannot be read at all raises ``BadFile`` with one
sentence. Each call returns an ``ImportSummary``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from app import settings as settings_mod
from app.db import unit_of_work
from app.importing import catalogue, shopify
from app.importing.catalogue_writer import ProductWriter
from app.importing.common import (
    BadFile,
    CsvTable,
    FileFacts,
    ImportRejected,
    inspect_file,
)
from app.importing.json_source import JsonOrders
from app.importing.plain_text import (
    GENERIC_NAMES,
    JSON_NAMES,
    SHOPIFY_NAMES,
    cleaned_order,
    cleaned_product,
)
from app.importing.profiles import load_profile
from app.importing.records import OrderRecord, ProductRecord, RowError
from app.importing.tabular import GenericOrders, Table, XlsxTable, is_xlsx
from app.importing.upsert import OrderWriter, finish_batch, roomy_cache, start_batch

ORDER_FORMATS = ("auto", "shopify", "csv", "xlsx", "json")
PRODUCT_FORMATS = ("auto", "shopify", "csv", "xlsx")

#: Longest text each field may hold (the columns' sizes); longer is a row error.
_LIMITS = {
    "channel": 64,
    "external_number": 64,
    "customer_name": 255,
    "email": 255,
    "carrier": 64,
    "service": 64,
    "tracking_number": 64,
    "currency": 3,
}
_ADDRESS_LIMITS = {
    "name": 255,
    "company": 255,
    "line1": 500,
    "line2": 500,
    "city": 128,
    "region": 128,
    "postal_code": 32,
    "country": 64,
    "phone": 64,
}


@dataclass(frozen=True)
class ImportSummary:
    kind: str  # "orders" or "products"
    filename: str
    format: str
    encoding: str | None
    rows: int  # data rows read (array items for JSON)
    in_file: int  # orders or products the file holds
    created: int
    updated: int
    unchanged: int
    skipped: int
    skipped_detail: tuple[str, ...]  # why, e.g. "2 already fulfilled"
    not_updated: tuple[str, ...]  # orders that changed in the file but were not updated
    notes: tuple[str, ...]  # merged duplicate SKUs, unknown SKUs, doubtful barcodes

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


_TOP_FIELDS = attrgetter(*_LIMITS)
_ADDRESS_FIELDS = attrgetter(*_ADDRESS_LIMITS)
_ALL_LIMITS = (*_LIMITS.items(), *(("ship_to_" + k, n) for k, n in _ADDRESS_LIMITS.items()))


def record_problems(record: OrderRecord) -> list[str]:
    """Values too long for the database, said in words."""
    values = (*_TOP_FIELDS(record), *_ADDRESS_FIELDS(record.ship_to))
    found = [
        f"{key} {value[:30]!r} is longer than {limit} characters"
        for value, (key, limit) in zip(values, _ALL_LIMITS, strict=True)
        if value and len(value) > limit
    ]
    for line in record.lines:
        if len(line.sku) > 64:
            found.append(f"SKU {line.sku[:30]!r} is longer than 64 characters")
    return found


def _format_for(path: Path, fmt: str, allowed: tuple[str, ...]) -> str:
    if fmt not in allowed:
        raise BadFile(f"Unknown format {fmt!r}; use one of: {', '.join(allowed)}.")
    suffix = path.suffix.lower()
    if fmt == "auto":
        if suffix == ".xls":
            raise BadFile(f"{path.name} is an old Excel .xls file; save it as .xlsx or CSV.")
        if is_xlsx(path):
            return "xlsx"
        if suffix == ".json":
            return "json" if "json" in allowed else "csv"
        return "csv"  # shopify or generic is decided from the header
    return fmt


def _open_table(path: Path, fmt: str, encoding: str | None) -> tuple[Table, FileFacts]:
    if fmt == "xlsx":
        if encoding is not None:
            raise BadFile(f"{path.name} is an Excel workbook: --encoding is for CSV and JSON.")
        facts = inspect_file(path, text=False)
        return XlsxTable(facts), facts
    facts = inspect_file(path, encoding=encoding)
    return CsvTable(facts), facts


def _mapping(
    engine: Engine, kind: str, profile: str | None, mapping: Mapping[str, str] | None
) -> dict[str, str] | None:
    merged: dict[str, str] = {}
    if profile:
        merged.update(load_profile(engine, profile, kind).mapping)
    if mapping:
        merged.update(mapping)
    return merged or None


def import_orders(
    engine: Engine,
    path: Path | str,
    *,
    fmt: str = "auto",
    mapping: Mapping[str, str] | None = None,
    profile: str | None = None,
    channel: str | None = None,
    tz: ZoneInfo | None = None,
    encoding: str | None = None,
    user_id: int | None = None,
) -> ImportSummary:
    """Import an orders file (Shopify export, generic CSV/XLSX, JSON) atomically;
    ``encoding`` reads a text file in that encoding instead of finding it. Who
    imports (``user_id``) is in the audit and in each order's history it moves."""
    path = Path(path)
    settings = settings_mod.load()
    tz = tz or settings.timezone
    columns = _mapping(engine, "orders", profile, mapping)
    auto = fmt == "auto"
    fmt = _format_for(path, fmt, ORDER_FORMATS)
    table: Table | None = None
    parser: shopify.ShopifyOrders | GenericOrders | JsonOrders
    try:
        if fmt == "json":
            facts = inspect_file(path, encoding=encoding, lines=True)
            parser = JsonOrders(facts, channel=channel or settings.default_channel, tz=tz)
        else:
            table, facts = _open_table(path, fmt, encoding)
            shopify_like = shopify.looks_like_shopify_orders(table.header)
            if fmt == "shopify" or (auto and shopify_like and not columns):
                # (a Shopify export opened and saved in Excel reads the same way)
                fmt = "shopify" if isinstance(table, CsvTable) else "shopify-xlsx"
                parser = shopify.ShopifyOrders(table, channel=channel or "shopify", tz=tz)
            else:
                if auto and catalogue.looks_like_shopify_products(table.header):
                    raise BadFile(
                        f"{path.name} is a Shopify products export; "
                        "import it with 'packdesk products import'."
                    )
                parser = GenericOrders(
                    table, channel=channel or settings.default_channel, tz=tz, mapping=columns
                )
        return _write_orders(engine, path, fmt, facts, parser, user_id)
    finally:
        if table is not None:
            table.close()


def _write_orders(
    engine: Engine,
    path: Path,
    fmt: str,
    facts: FileFacts,
    parser: shopify.ShopifyOrders | GenericOrders | JsonOrders,
    user_id: int | None,
) -> ImportSummary:
    errors: list[RowError] = []
    with unit_of_work(engine) as s, roomy_cache(s):
        batch_id = start_batch(s, filename=path.name, fmt=fmt, sha256=facts.sha256)
        writer = OrderWriter(
            s, batch_id=batch_id, source=f"imported from {path.name}", user_id=user_id
        )
        for item in parser:
            if isinstance(item, RowError):
                errors.append(item)
                continue
            item, text_errors = cleaned_order(item, _field_names(parser))
            if text_errors:
                errors.extend(text_errors)
                continue
            problems = record_problems(item)
            if problems:
                errors.extend(RowError(item.source_row or 0, p) for p in problems)
            elif not errors:
                writer.add(item)
        if errors:
            raise ImportRejected(path.name, errors)
        writer.finish()
        skipped, detail = _skips(parser)
        counts = writer.counts
        if counts.unknown_skus:
            shown = ", ".join(sorted(counts.unknown_skus)[:5])
            more = len(counts.unknown_skus) - 5
            counts.note(
                f"{len(counts.unknown_skus)} SKUs are not in the catalogue ({shown}"
                + (f" and {more} more" if more > 0 else "")
                + "); their lines can be packed only once the products are imported"
            )
        if counts.notes_left_off:
            counts.notes.append(f"... and {counts.notes_left_off} more notes")
        unended = _unended_note(parser)
        if unended:
            counts.notes.insert(0, unended)
        if facts.encoding_note:
            counts.notes.insert(0, facts.encoding_note)
        rows, in_file = _sizes(parser)
        finish_batch(
            s,
            batch_id,
            user_id,
            rows_in_file=rows,
            orders_in_file=in_file,
            created=counts.created,
            updated=counts.updated,
            unchanged=counts.unchanged,
            # every order of the file is accounted for (the daily consistency check
            # compares): one whose change was refused counts as skipped here
            skipped=skipped + len(counts.not_updated),
        )
    return ImportSummary(
        kind="orders",
        filename=path.name,
        format=fmt,
        encoding=facts.encoding_shown,
        rows=rows,
        in_file=in_file,
        created=counts.created,
        updated=counts.updated,
        unchanged=counts.unchanged,
        skipped=skipped,
        skipped_detail=detail,
        not_updated=tuple(counts.not_updated),
        notes=tuple(counts.notes),
    )


def _field_names(parser: object) -> Mapping[str, str]:
    """What the person calls the records' fields in the file ``parser`` reads."""
    if isinstance(parser, JsonOrders):
        return JSON_NAMES
    if isinstance(parser, shopify.ShopifyOrders):
        return SHOPIFY_NAMES
    return GENERIC_NAMES


def _unended_note(parser: object) -> str | None:
    """The warning for a CSV file whose last line has no line end (see ``CsvTable``)."""
    table = getattr(parser, "table", None)
    return table.unended_note() if isinstance(table, CsvTable) else None


def _skips(parser: object) -> tuple[int, tuple[str, ...]]:
    if not isinstance(parser, shopify.ShopifyOrders):
        return 0, ()
    c = parser.counts
    detail = []
    if c.fulfilled_orders:
        detail.append(f"{c.fulfilled_orders} already fulfilled")
    if c.nothing_to_ship:
        detail.append(f"{c.nothing_to_ship} with nothing to ship")
    if c.lines_not_shipped:
        needs = "needs" if c.lines_not_shipped == 1 else "need"
        detail.append(f"{_lines(c.lines_not_shipped)} that {needs} no shipping left out")
    if c.fulfilled_lines:
        detail.append(f"{_lines(c.fulfilled_lines)} already fulfilled left out")
    return c.fulfilled_orders + c.nothing_to_ship, tuple(detail)


def _lines(count: int) -> str:
    return "1 line" if count == 1 else f"{count} lines"


def _sizes(parser: shopify.ShopifyOrders | GenericOrders | JsonOrders) -> tuple[int, int]:
    if isinstance(parser, JsonOrders):
        return parser.orders, parser.orders
    if isinstance(parser, shopify.ShopifyOrders):
        return parser.table.row_count, parser.counts.orders
    return parser.table.row_count, parser.orders


def import_products(
    engine: Engine,
    path: Path | str,
    *,
    fmt: str = "auto",
    mapping: Mapping[str, str] | None = None,
    profile: str | None = None,
    encoding: str | None = None,
    user_id: int | None = None,
) -> ImportSummary:
    """Import a catalogue (Shopify products export or generic CSV/XLSX) atomically
    (who imports, ``user_id``, in the audit)."""
    path = Path(path)
    columns = _mapping(engine, "products", profile, mapping)
    auto = fmt == "auto"
    fmt = _format_for(path, fmt, PRODUCT_FORMATS)
    table, facts = _open_table(path, fmt, encoding)
    parser: catalogue.ShopifyProducts | catalogue.GenericProducts
    try:
        shopify_like = catalogue.looks_like_shopify_products(table.header)
        if fmt == "shopify" or (auto and shopify_like and not columns):
            if not isinstance(table, CsvTable):
                raise BadFile("A Shopify products export is a CSV file.")
            fmt = "shopify"
            parser = catalogue.ShopifyProducts(table)
        else:
            if auto and shopify.looks_like_shopify_orders(table.header):
                raise BadFile(
                    f"{path.name} is a Shopify orders export; import it with 'packdesk import'."
                )
            parser = catalogue.GenericProducts(table, columns)
        errors: list[RowError] = []
        records: list[ProductRecord] = []
        for item in parser:
            if isinstance(item, RowError):
                errors.append(item)
                continue
            item, text_errors = cleaned_product(item)
            errors.extend(text_errors)
            records.append(item)
        if errors:
            raise ImportRejected(path.name, errors)
        with unit_of_work(engine) as s:
            writer = ProductWriter(s, keeps_flags=parser.keeps_flags)
            problems = writer.write(records)
            if problems:
                raise ImportRejected(path.name, problems)
            batch_id = start_batch(
                s, filename=path.name, fmt=f"{fmt}-products", sha256=facts.sha256
            )
            c = writer.counts
            finish_batch(
                s,
                batch_id,
                user_id,
                rows_in_file=parser.counts.rows,
                orders_in_file=0,
                created=c.created,
                updated=c.updated,
                unchanged=c.unchanged,
                skipped=parser.counts.skipped,
            )
    finally:
        table.close()
    first = [n for n in (facts.encoding_note, _unended_note(parser)) if n]
    notes = first + list(parser.counts.notes) + c.notes
    return ImportSummary(
        kind="products",
        filename=path.name,
        format=fmt,
        encoding=facts.encoding_shown,
        rows=parser.counts.rows,
        in_file=len(records),
        created=c.created,
        updated=c.updated,
        unchanged=c.unchanged,
        skipped=parser.counts.skipped,
        skipped_detail=(f"{parser.counts.skipped} variants without a SKU",)
        if parser.counts.skipped
        else (),
        not_updated=(),
        notes=tuple(notes),
    )


def write_order_records(
    engine: Engine, records: Iterable[OrderRecord], *, source: str
) -> ImportSummary:
    """Write records made in code (the demo generator) through the same upsert."""
    with unit_of_work(engine) as s:
        writer = OrderWriter(s, batch_id=None, source=source)
        for record in records:
            problems = record_problems(record)
            if problems:
                raise BadFile(f"order {record.external_number}: {'; '.join(problems)}")
            writer.add(record)
        writer.finish()
        c = writer.counts
    return ImportSummary(
        "orders",
        source,
        "records",
        None,
        0,
        c.created + c.updated + c.unchanged,
        c.created,
        c.updated,
        c.unchanged,
        0,
        (),
        tuple(c.not_updated),
        tuple(c.notes),
    )


def write_product_records(
    engine: Engine, records: list[ProductRecord], *, source: str
) -> ImportSummary:
    """Write product records made in code (the demo catalogue) through the same upsert."""
    with unit_of_work(engine) as s:
        writer = ProductWriter(s, keeps_flags=False)
        problems = writer.write(records)
        if problems:
            raise ImportRejected(source, problems)
        c = writer.counts
    return ImportSummary(
        "products",
        source,
        "records",
        None,
        0,
        len(records),
        c.created,
        c.updated,
        c.unchanged,
        0,
        (),
        (),
        tuple(c.notes),
    )
