"""Writing validated order records: one transaction, keyed by (channel, number).

``OrderWriter`` is fed records one by one inside a unit of work and writes them in
chunks with bulk statements. An order is matched to the database by channel and
external number; the content hash (``orders.source_hash``) decides cheaply whether it
changed. New orders are inserted with their birth in the history; changed ones are
updated only while nobody has started packing them (``lifecycle.EDITABLE`` and nothing
packed), and every status change goes through ``app.lifecycle``. The caller commits or
rolls back the whole file. The catalogue has its own writer
(``app.importing.catalogue_writer``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Table, delete, func, select, update
from sqlalchemy.orm import Session

from app import lifecycle
from app.audit import tables as chained
from app.audit.chain import LINK, seal_rows
from app.dbclock import db_now
from app.importing.records import LineRecord, OrderRecord
from app.models import (
    AuditEvent,
    ImportBatch,
    Order,
    OrderHistory,
    OrderLine,
    OrderStatus,
    Product,
)
from app.timeutil import utcnow

CHUNK = 2_000
_MAX_NOTES = 50

# the Core tables, for bulk statements without the ORM's per-row bookkeeping
_ORDERS: Table = Order.__table__  # type: ignore[assignment]
_LINES: Table = OrderLine.__table__  # type: ignore[assignment]
_HISTORY: Table = OrderHistory.__table__  # type: ignore[assignment]


#: SQLite page cache for a large import (KiB): its indexes stay in memory instead of
#: being re-read for every few rows; given back when the import ends.
IMPORT_CACHE_KIB = 131_072


@contextmanager
def roomy_cache(s: Session) -> Iterator[None]:
    conn = s.connection()
    if conn.dialect.name != "sqlite":
        yield
        return
    before = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size = {int(before or -2000)}")


_ORDER_COLUMNS = (
    "customer_name", "email", "ship_to_name", "ship_to_company", "ship_to_line1",
    "ship_to_line2", "ship_to_city", "ship_to_region", "ship_to_postal_code",
    "ship_to_country", "ship_to_phone", "carrier", "service", "priority", "ordered_at",
    "ship_by", "gift_note", "cod_amount", "currency", "tracking_number",  # as _order_values
    "channel", "external_number", "status", "source_hash", "import_batch_id", "version",
)  # fmt: skip
_LINE_COLUMNS = (
    "order_id", "line_no", "sku", "product_id", "name", "quantity", "packed", "short",
    "unit_price",
)  # fmt: skip
#: an order's birth in its history, as ``lifecycle.record_creation`` writes it, and
#: its link in its history chain (``app.audit.tables``)
_BIRTH_FIELDS = tuple(lifecycle.record_creation(0, OrderStatus.NEW, datetime.now(UTC), ""))
_BIRTH_COLUMNS = _BIRTH_FIELDS + LINK


def bulk_insert(s: Session, table: Table, names: tuple[str, ...], rows: list[list[Any]]) -> None:
    """INSERT many rows (lists of values in the order of ``names``) in one executemany.

    Values go through each column type's own bind processor, so they are stored
    exactly as SQLAlchemy stores them, but without its per-row statement bookkeeping,
    which costs more than SQLite itself on hundreds of thousands of rows.
    """
    if not rows:
        return
    conn = s.connection()
    dialect = conn.dialect
    processors = [
        (i, p)
        for i, n in enumerate(names)
        if (p := table.c[n].type.dialect_impl(dialect).bind_processor(dialect)) is not None
    ]
    for row in rows:
        for i, process in processors:
            row[i] = process(row[i])
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    quote = dialect.identifier_preparer.quote
    sql = (
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(n) for n in names)}) "
        f"VALUES ({', '.join([mark] * len(names))})"
    )
    conn.exec_driver_sql(sql, [tuple(row) for row in rows])


def _iso(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat() if value else None


def content_hash(record: OrderRecord) -> str:
    """A fingerprint of everything an order's content holds (not its key or row)."""
    a = record.ship_to
    parts = [
        record.status.value,
        record.customer_name,
        record.email,
        a.name,
        a.company,
        a.line1,
        a.line2,
        a.city,
        a.region,
        a.postal_code,
        a.country,
        a.phone,
        record.carrier,
        record.service,
        record.priority,
        _iso(record.ordered_at),
        _iso(record.ship_by),
        record.gift_note,
        record.cod_amount,
        record.currency,
    ]
    if record.tracking_number:  # (only when given: the digests of older files stay the same)
        parts.append("tracking:" + record.tracking_number)
    for ln in record.lines:
        parts += (ln.sku, ln.quantity, ln.name, ln.unit_price)
    # repr keeps None apart from "" and numbers apart from text; \x1f cannot be typed
    text = "\x1f".join(map(repr, parts))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def merge_duplicate_skus(record: OrderRecord) -> tuple[OrderRecord, str | None]:
    """One line per SKU: a SKU listed twice in one order has its quantities added
    (never counted twice silently); the note says so."""
    if len({line.sku for line in record.lines}) == len(record.lines):
        return record, None
    seen: dict[str, int] = {}
    merged: list[LineRecord] = []
    repeats: dict[str, list[int]] = {}
    for line in record.lines:
        at = seen.get(line.sku)
        if at is None:
            seen[line.sku] = len(merged)
            merged.append(line)
            continue
        repeats.setdefault(line.sku, [merged[at].quantity]).append(line.quantity)
        merged[at] = replace(merged[at], quantity=merged[at].quantity + line.quantity)
    if not repeats:
        return record, None
    said = "; ".join(
        f"{sku} listed {len(q)} times, merged into one line of {'+'.join(map(str, q))}={sum(q)}"
        for sku, q in repeats.items()
    )
    return replace(record, lines=tuple(merged)), f"order {record.external_number}: {said}"


def _order_values(record: OrderRecord) -> dict[str, Any]:
    a = record.ship_to
    return {
        "customer_name": record.customer_name,
        "email": record.email,
        "ship_to_name": a.name,
        "ship_to_company": a.company,
        "ship_to_line1": a.line1,
        "ship_to_line2": a.line2,
        "ship_to_city": a.city,
        "ship_to_region": a.region,
        "ship_to_postal_code": a.postal_code,
        "ship_to_country": a.country,
        "ship_to_phone": a.phone,
        "carrier": record.carrier,
        "service": record.service,
        "priority": record.priority,
        "ordered_at": record.ordered_at,
        "ship_by": record.ship_by,
        "gift_note": record.gift_note,
        "cod_amount": record.cod_amount,
        "currency": record.currency,
        "tracking_number": record.tracking_number,
    }


@dataclass
class WriteCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    not_updated: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    notes_left_off: int = 0
    unknown_skus: set[str] = field(default_factory=set)

    def note(self, text: str) -> None:
        if len(self.notes) < _MAX_NOTES:
            self.notes.append(text)
        else:
            self.notes_left_off += 1


class OrderWriter:
    """Upserts order records in chunks inside the caller's session (one transaction)."""

    def __init__(
        self, session: Session, *, batch_id: int | None, source: str, user_id: int | None = None
    ) -> None:
        self.s = session
        self.batch_id = batch_id
        self.source = source  # said in history reasons, e.g. "import of orders.csv"
        self.user_id = user_id  # who imports: in the history of every order it moves
        self.counts = WriteCounts()
        self.now = db_now(session)  # the server's clock: the board compares it
        self._pending: list[OrderRecord] = []
        self._history: list[dict[str, Any]] = []  # written by ``finish``
        self._products: dict[str, int] = dict(
            session.execute(select(Product.sku, Product.id)).all()
        )

    def add(self, record: OrderRecord) -> None:
        record, note = merge_duplicate_skus(record)
        if note:
            self.counts.note(note)
        self._pending.append(record)
        if len(self._pending) >= CHUNK:
            self.flush()

    def add_all(self, records: Iterable[OrderRecord]) -> None:
        for record in records:
            self.add(record)

    def finish(self) -> None:
        """The records still pending written, then the history of every order the
        writer created or moved, chained last: the history chain's head is locked
        (to the commit) only once every order the import changes is locked, the order
        in which a board action takes them too (an order, then the head), so the two
        cannot wait for each other (a deadlock on PostgreSQL)."""
        self.flush()
        history, self._history = self._history, []
        if not history:
            return
        links = seal_rows(self.s.connection(), chained.HISTORY, history)
        rows = [[*row.values(), *(linked[name] for name in LINK)]
                for row, linked in zip(history, links, strict=True)]  # fmt: skip
        bulk_insert(self.s, _HISTORY, _BIRTH_COLUMNS, rows)

    def flush(self) -> None:
        records, self._pending = self._pending, []
        if not records:
            return
        existing = self._existing(records)
        fresh: list[tuple[OrderRecord, str]] = []
        for record in records:
            digest = content_hash(record)
            found = existing.get((record.channel, record.external_number))
            if found is None:
                fresh.append((record, digest))
            elif found[2] == digest:
                self.counts.unchanged += 1
            else:
                self._update(found[0], OrderStatus(found[1]), record, digest)
        if fresh:
            self._insert(fresh)

    def _existing(self, records: list[OrderRecord]) -> dict[tuple[str, str], tuple[int, str, Any]]:
        by_channel: dict[str, list[str]] = {}
        for r in records:
            by_channel.setdefault(r.channel, []).append(r.external_number)
        found: dict[tuple[str, str], tuple[int, str, Any]] = {}
        for channel, numbers in by_channel.items():
            rows = self.s.execute(
                select(Order.id, Order.external_number, Order.status, Order.source_hash).where(
                    Order.channel == channel, Order.external_number.in_(numbers)
                )
            )
            for oid, number, status, digest in rows:
                found[(channel, number)] = (oid, status, digest)
        return found

    def _line_rows(self, order_id: int, record: OrderRecord) -> list[list[Any]]:
        rows = []
        for no, line in enumerate(record.lines, start=1):
            product_id = self._products.get(line.sku)
            if product_id is None:
                self.counts.unknown_skus.add(line.sku)
            rows.append(
                [order_id, no, line.sku, product_id, line.name, line.quantity, 0, 0,
                 line.unit_price]
            )  # fmt: skip
        return rows

    def _insert(self, fresh: list[tuple[OrderRecord, str]]) -> None:
        # created_at and updated_at: the database's own clock, as for any order
        rows = [
            [*_order_values(record).values(), record.channel, record.external_number,
             record.status, digest, self.batch_id, 1]
            for record, digest in fresh
        ]  # fmt: skip
        bulk_insert(self.s, _ORDERS, _ORDER_COLUMNS, rows)
        # the new ids by key (RETURNING in parameter order makes SQLite insert one row
        # per statement, many times slower)
        ids: dict[tuple[str, str], int] = {}
        found = self.s.execute(
            select(Order.id, Order.channel, Order.external_number).where(
                Order.external_number.in_([r.external_number for r, _ in fresh]),
                Order.channel.in_({r.channel for r, _ in fresh}),
            )
        )
        for order_id, channel, number in found:
            ids[(channel, number)] = order_id
        lines: list[list[Any]] = []
        history: list[list[Any]] = []
        for record, _digest in fresh:
            order_id = ids[(record.channel, record.external_number)]
            lines.extend(self._line_rows(order_id, record))
            birth = lifecycle.record_creation(
                order_id, record.status, self.now, self.source, self.user_id
            )
            history.append(list(birth.values()))
        bulk_insert(self.s, _LINES, _LINE_COLUMNS, lines)
        self._history.extend(dict(zip(_BIRTH_FIELDS, row, strict=True)) for row in history)
        self.counts.created += len(fresh)

    def _not_editable(self, status: OrderStatus, record: OrderRecord) -> bool:
        """Refuse the file's change to an order in ``status`` if that is past editing."""
        if status in lifecycle.EDITABLE:
            return False
        if record.status is OrderStatus.CANCELLED and status is not OrderStatus.CANCELLED:
            why = f"the file cancels it but it is already {status.value}; stop it by hand"
        else:
            why = f"it is already {status.value} (changes are taken only before packing)"
        self._refuse(record, why)
        return True

    def _refuse(self, record: OrderRecord, why: str) -> None:
        self.counts.not_updated.append(f"order {record.external_number}: not updated, {why}")

    def _update(
        self, order_id: int, looked_up: OrderStatus, record: OrderRecord, digest: str
    ) -> None:
        # An order past editing is refused as looked up (no lock held on it till the
        # file's end). Any other is decided on as it is now, under its row lock: a
        # counter may have opened it since, and its lines are then its to count.
        if self._not_editable(looked_up, record):
            return
        order = self.s.get_one(Order, order_id, with_for_update=True, populate_existing=True)
        status = OrderStatus(order.status)
        if self._not_editable(status, record):
            return
        wanted = record.status
        packed = self.s.scalar(
            select(func.coalesce(func.sum(OrderLine.packed + OrderLine.short), 0)).where(
                OrderLine.order_id == order_id
            )
        )
        if packed:
            self._refuse(record, f"packing has started ({packed} items already packed)")
            return
        if wanted is not status:
            target = wanted
            if status is OrderStatus.ON_HOLD and wanted is not OrderStatus.CANCELLED:
                target = status  # a hold is lifted by a person, not by a file
                self.counts.note(
                    f"order {record.external_number}: updated but kept on hold "
                    f"(the file says {wanted.value})"
                )
            if target is not status:
                if not lifecycle.can_transition(status, target):
                    self._refuse(record, f"it cannot go from {status.value} to {target.value}")
                    return
                self._history.append(
                    lifecycle.move(
                        order, target, self.now, reason=self.source, user_id=self.user_id
                    )
                )
        for key, value in _order_values(record).items():
            setattr(order, key, value)
        order.source_hash = digest
        order.import_batch_id = self.batch_id
        self.s.flush()
        self.s.execute(delete(_LINES).where(_LINES.c.order_id == order_id))
        bulk_insert(self.s, _LINES, _LINE_COLUMNS, self._line_rows(order_id, record))
        self.counts.updated += 1


def start_batch(
    s: Session,
    *,
    filename: str,
    fmt: str,
    sha256: str,
) -> int:
    """The ``import_batches`` row for a file, filled in by ``finish_batch``."""
    batch = ImportBatch(
        at=utcnow(),
        filename=filename[-500:],
        format=fmt[:16],
        file_sha256=sha256,
        rows_in_file=0,
        orders_in_file=0,
    )
    s.add(batch)
    s.flush()
    return batch.id


def finish_batch(s: Session, batch_id: int, user_id: int | None = None, **counts: int) -> None:
    """The batch's counts, and the import in the audit (``import.file``: who, which
    file, what it changed)."""
    s.execute(update(ImportBatch).where(ImportBatch.id == batch_id).values(**counts))
    batch = s.get_one(ImportBatch, batch_id)
    s.add(
        AuditEvent(
            at=db_now(s),
            user_id=user_id,
            action="import.file",
            entity="import_batch",
            entity_id=batch_id,
            details={
                "file": batch.filename,
                "format": batch.format,
                "sha256": batch.file_sha256,
                **counts,
            },
        )
    )
