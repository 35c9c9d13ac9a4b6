"""The database schema as SQLAlchemy 2.0 typed models.

Services in ``app/`` use these inside one unit of work and hand plain dataclasses to
their callers; ORM objects never leave a session. Every timestamp column is
timezone-aware UTC (see ``UTCDateTime``).
"""

from __future__ import annotations

import enum
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    Dialect,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Stores aware datetimes as UTC and always returns aware UTC datetimes.

    SQLite has no time zones, so the value is stored as naive UTC there; PostgreSQL
    uses ``timestamp with time zone``. A naive datetime is refused: it is a bug.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime cannot be stored; use timezone-aware UTC")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSON()}


class OrderStatus(enum.StrEnum):
    NEW = "new"
    READY = "ready"
    PACKING = "packing"
    PACKED = "packed"
    SHIPPED = "shipped"
    ON_HOLD = "on_hold"
    CANCELLED = "cancelled"


class CodeKind(enum.StrEnum):
    GTIN = "gtin"  # stored as GTIN-14, so GTIN-8/12/13/14 of one item match
    ALIAS = "alias"  # any other code printed on the item (supplier code, old SKU)
    CASE = "case"  # a case-pack code counting ``units`` items per scan


class Role(enum.StrEnum):
    PACKER = "packer"
    LEAD = "lead"  # a packer who may do a supervisor's everyday tasks (app.permissions)
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


class JobStatus(enum.StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"
    # the program stopped while sending it: it may have printed; a person decides
    INTERRUPTED = "interrupted"


class JobProblem(enum.StrEnum):
    """Why a job did not print when its printer is not the reason (``PrintJob.problem``)."""

    CARRIER_UNAVAILABLE = "carrier_unavailable"  # its API gave no usable answer
    CARRIER_REFUSED = "carrier_refused"  # its API said no (an address, a key)
    NO_TRACKING_NUMBERS = "no_tracking_numbers"  # the carrier's pool is empty
    # the waybill rule said no: the order may not leave (stored with its status then,
    # "waybill_refused:on_hold": ``app.printing.job_problem``)
    WAYBILL_REFUSED = "waybill_refused"
    # its bytes were not sent: the order may no longer leave ("label_withheld:packing")
    # or the label's tracking number was voided ("label_withheld:voided")
    LABEL_WITHHELD = "label_withheld"


def _enum(cls: type[enum.StrEnum], name: str) -> Enum:
    return Enum(
        cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=16,
        values_callable=lambda members: [m.value for m in members],
    )


def _now_default() -> Any:
    return func.current_timestamp()


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(server_default=_now_default())
    updated_at: Mapped[datetime] = mapped_column(
        server_default=_now_default(), onupdate=_now_default()
    )


class Product(TimestampMixin, Base):
    __tablename__ = "products"

    id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    unit_weight_g: Mapped[int | None] = mapped_column(Integer)
    bin_location: Mapped[str | None] = mapped_column(String(64))
    serial_tracked: Mapped[bool] = mapped_column(Boolean, default=False)
    lot_tracked: Mapped[bool] = mapped_column(Boolean, default=False)
    # what its serials look like: a regular expression a whole serial must match (a
    # length, a prefix), checked at the counter; None: any code that is no other thing
    serial_pattern: Mapped[str | None] = mapped_column(String(200))
    image_path: Mapped[str | None] = mapped_column(String(500))
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    codes: Mapped[list[ProductCode]] = relationship(
        back_populates="product", cascade="all, delete-orphan"
    )


class ProductCode(Base):
    __tablename__ = "product_codes"
    __table_args__ = (CheckConstraint("units >= 1", name="units_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    product_id: Mapped[int] = mapped_column(
        ForeignKey("products.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[CodeKind] = mapped_column(_enum(CodeKind, "code_kind"))
    units: Mapped[int] = mapped_column(Integer, default=1)

    product: Mapped[Product] = relationship(back_populates="codes")


class Station(Base):
    __tablename__ = "stations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    label_printer_id: Mapped[int | None] = mapped_column(ForeignKey("printers.id"))
    document_printer_id: Mapped[int | None] = mapped_column(ForeignKey("printers.id"))
    last_seen_at: Mapped[datetime | None]
    # the camera that records its boxes: a SOURCE (app/evidence/cameras.py), or None
    camera_source: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(server_default=_now_default())


class User(Base):
    """A person at the counters. The badge is kept only as its keyed hash and the PIN
    only as a salted argon2id hash (``app.credentials``); ``User(badge="B-1")`` stores
    the badge's hash."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(128))
    badge_hash: Mapped[str] = mapped_column(String(64), unique=True)
    pin_hash: Mapped[str | None] = mapped_column(String(200))
    failed_pins: Mapped[int] = mapped_column(Integer, server_default="0")
    locked_until: Mapped[datetime | None]
    role: Mapped[Role] = mapped_column(_enum(Role, "user_role"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(server_default=_now_default())

    def _set_badge(self, badge: str) -> None:
        from app import credentials

        hashed = credentials.badge_hash(badge, create=True)
        assert hashed is not None
        self.badge_hash = hashed

    # write-only: a badge given is hashed; none can be read back
    badge = property(fset=_set_badge, doc="the badge, stored as its keyed hash")


class CredentialKey(Base):
    """A check value of the badge key this database's badges were hashed with (one
    row): a computer holding another key is told so instead of finding no badge."""

    __tablename__ = "credential_keys"

    id: Mapped[int] = mapped_column(primary_key=True)
    badge_key_check: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(server_default=_now_default())


class Order(TimestampMixin, Base):
    __tablename__ = "orders"
    __table_args__ = (
        UniqueConstraint("channel", "external_number", name="uq_orders_channel_number"),
        Index("ix_orders_status_ship_by", "status", "ship_by"),
        Index("ix_orders_external_number", "external_number"),  # a scanned slip
        Index("ix_orders_updated_at", "updated_at"),
        Index("ix_orders_carrier_status", "carrier", "status"),  # backlog by carrier
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(64))
    external_number: Mapped[str] = mapped_column(String(64))
    status: Mapped[OrderStatus] = mapped_column(_enum(OrderStatus, "order_status"))
    customer_name: Mapped[str] = mapped_column(String(255), default="")
    email: Mapped[str | None] = mapped_column(String(255))
    ship_to_name: Mapped[str] = mapped_column(String(255), default="")
    ship_to_company: Mapped[str | None] = mapped_column(String(255))
    ship_to_line1: Mapped[str] = mapped_column(String(500), default="")
    ship_to_line2: Mapped[str | None] = mapped_column(String(500))
    ship_to_city: Mapped[str] = mapped_column(String(128), default="")
    ship_to_region: Mapped[str | None] = mapped_column(String(128))
    ship_to_postal_code: Mapped[str] = mapped_column(String(32), default="")
    ship_to_country: Mapped[str] = mapped_column(String(64), default="")
    ship_to_phone: Mapped[str | None] = mapped_column(String(64))
    carrier: Mapped[str | None] = mapped_column(String(64))
    service: Mapped[str | None] = mapped_column(String(64))
    tracking_number: Mapped[str | None] = mapped_column(String(64))  # as imported: parcel 1's
    priority: Mapped[int] = mapped_column(Integer, default=0)  # 0 normal, 1 expedited
    ordered_at: Mapped[datetime | None]
    ship_by: Mapped[datetime | None]
    gift_note: Mapped[str | None] = mapped_column(Text)
    cod_amount: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    currency: Mapped[str | None] = mapped_column(String(3))
    source_hash: Mapped[str | None] = mapped_column(String(64))
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batches.id"))
    claimed_by_station_id: Mapped[int | None] = mapped_column(ForeignKey("stations.id"))
    claimed_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    claimed_at: Mapped[datetime | None]
    # a customer's or a carrier's claim about it is open: its packing video is kept
    # whatever the retention rule says (who and why: the audit's order.disputed)
    disputed_at: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(Integer, default=1)

    lines: Mapped[list[OrderLine]] = relationship(
        back_populates="order", cascade="all, delete-orphan", order_by="OrderLine.line_no"
    )

    __mapper_args__ = {"version_id_col": version}


class OrderLine(Base):
    __tablename__ = "order_lines"
    __table_args__ = (
        UniqueConstraint("order_id", "line_no", name="uq_order_lines_order_line_no"),
        CheckConstraint("quantity >= 1", name="quantity_positive"),
        CheckConstraint("packed >= 0 AND packed <= quantity", name="packed_in_range"),
        CheckConstraint("short >= 0 AND packed + short <= quantity", name="short_in_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    sku: Mapped[str] = mapped_column(String(64), index=True)
    product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id"), index=True)
    name: Mapped[str] = mapped_column(String(255), default="")
    quantity: Mapped[int] = mapped_column(Integer)
    packed: Mapped[int] = mapped_column(Integer, default=0)
    short: Mapped[int] = mapped_column(Integer, default=0)
    short_reason: Mapped[str | None] = mapped_column(String(500))
    unit_price: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))

    order: Mapped[Order] = relationship(back_populates="lines")


class OrderHistory(Base):
    """One row per lifecycle transition: from, to, when (UTC), who, where, why."""

    __tablename__ = "order_history"
    __table_args__ = (
        Index("ix_order_history_to_status_at", "to_status", "at"),
        Index("ix_order_history_order_state_at", "order_id", "to_status", "at"),
        UniqueConstraint("chain", "seq", name="uq_order_history_chain_seq"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # its link in its station's history chain (``app.audit.tables``), set when inserted
    chain: Mapped[str] = mapped_column(String(64))
    seq: Mapped[int] = mapped_column(BigInteger)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(16))
    to_status: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime]
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    station_id: Mapped[int | None] = mapped_column(ForeignKey("stations.id"))
    reason: Mapped[str | None] = mapped_column(String(500))


class ScanEvent(Base):
    """Every scan or manual confirmation at a counter, accepted or not."""

    __tablename__ = "scan_events"
    __table_args__ = (
        Index("ix_scan_events_at", "at"),
        Index(  # the KPIs' weight exceptions: those scans alone, by time
            "ix_scan_events_weight_mismatch",
            "at",
            sqlite_where=text("outcome = 'weight_mismatch'"),
            postgresql_where=text("outcome = 'weight_mismatch'"),
        ),
        UniqueConstraint("chain", "seq", name="uq_scan_events_chain_seq"),
    )

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    # its link in its counter's scan chain (``app.audit.tables``), set when inserted
    chain: Mapped[str] = mapped_column(String(64))
    seq: Mapped[int] = mapped_column(BigInteger)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    scan_uid: Mapped[str] = mapped_column(String(64), unique=True)
    at: Mapped[datetime]
    station_id: Mapped[int | None] = mapped_column(ForeignKey("stations.id"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"), index=True)
    line_id: Mapped[int | None] = mapped_column(ForeignKey("order_lines.id"))
    raw_input: Mapped[str] = mapped_column(String(300))
    code: Mapped[str | None] = mapped_column(String(300))
    outcome: Mapped[str] = mapped_column(String(32))
    units: Mapped[int] = mapped_column(Integer, default=0)
    # units this scan marked short (the item scanned after SHORT), for UNDO to take back;
    # negative: units marked short that this scan found (counted them after all)
    short_units: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # the parcel (its number in the order) this scan began: NEXT-PARCEL, for UNDO
    began_parcel: Mapped[int | None] = mapped_column(Integer)
    serial: Mapped[str | None] = mapped_column(String(128), index=True)
    lot: Mapped[str | None] = mapped_column(String(64))
    expiry: Mapped[str | None] = mapped_column(String(10))
    manual: Mapped[bool] = mapped_column(Boolean, default=False)
    message: Mapped[str | None] = mapped_column(String(500))
    # the line's and the order's counts right after this scan, to answer a retried scan
    # with the verdict it was first given
    packed_after: Mapped[int | None] = mapped_column(Integer)
    ordered: Mapped[int | None] = mapped_column(Integer)
    remaining_after: Mapped[int | None] = mapped_column(Integer)
    undone_by_id: Mapped[int | None] = mapped_column(ForeignKey("scan_events.id"))
    # what else the answer said (sku, other_order, warning, command), to say it again
    answer: Mapped[dict[str, Any] | None]


class ScanTally(Base):
    """Scans counted per quarter hour (UTC), user and counter, kept in the scan's
    transaction, so the KPIs read a few thousand tallies instead of a million scan
    events. (Per counter too, so that counters never wait for each other's tally:
    one badge signed in at several counters, or nobody signed in at any.)"""

    __tablename__ = "scan_tallies"
    __table_args__ = (
        UniqueConstraint(
            "period", "user_id", "station_id", name="uq_scan_tallies_period_user_station"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    period: Mapped[datetime]  # start of the quarter hour
    user_id: Mapped[int] = mapped_column(Integer)  # 0: nobody signed in (so no foreign key)
    # 0: a scan at no counter, or counted before tallies were kept per counter (0007)
    station_id: Mapped[int] = mapped_column(Integer, server_default="0")
    scans: Mapped[int] = mapped_column(Integer, default=0)  # scans of goods and orders
    rejected: Mapped[int] = mapped_column(Integer, default=0)
    manual: Mapped[int] = mapped_column(Integer, default=0)
    items: Mapped[int] = mapped_column(Integer, default=0)  # units packed, less undone ones


class PackedSerial(Base):
    """A serial number packed into an order; unique per product across all orders."""

    __tablename__ = "packed_serials"
    __table_args__ = (
        UniqueConstraint("product_id", "serial", name="uq_packed_serials_product_serial"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    serial: Mapped[str] = mapped_column(String(128))
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    line_id: Mapped[int] = mapped_column(ForeignKey("order_lines.id", ondelete="CASCADE"))
    scan_event_id: Mapped[int] = mapped_column(ForeignKey("scan_events.id"))


class BoxType(TimestampMixin, Base):
    """A box or bag the counter packs into: its barcode, name, inner size and tare."""

    __tablename__ = "box_types"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)  # its barcode, e.g. BOX-M3
    name: Mapped[str] = mapped_column(String(255))
    inner_length_mm: Mapped[int | None] = mapped_column(Integer)
    inner_width_mm: Mapped[int | None] = mapped_column(Integer)
    inner_height_mm: Mapped[int | None] = mapped_column(Integer)
    tare_g: Mapped[int] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Parcel(Base):
    __tablename__ = "parcels"
    __table_args__ = (UniqueConstraint("order_id", "seq", name="uq_parcels_order_seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    # unique: a number on two parcels would let the dock load one box for the other
    tracking_number: Mapped[str | None] = mapped_column(String(64), index=True, unique=True)
    sscc: Mapped[str | None] = mapped_column(String(18), unique=True)
    # the carrier its label was made for (the order's may change after: interception),
    # the carrier's sort code (大头笔/三段码), and the carrier's own label when it sent one
    carrier: Mapped[str | None] = mapped_column(String(64))
    routing_code: Mapped[str | None] = mapped_column(String(64))
    carrier_label: Mapped[bytes | None] = mapped_column(LargeBinary)
    carrier_label_format: Mapped[str | None] = mapped_column(String(8))
    # scanned out at the dock onto a carrier's load: by whom, where, when
    load_id: Mapped[int | None] = mapped_column(ForeignKey("loads.id"), index=True)
    handed_over_at: Mapped[datetime | None] = mapped_column(index=True)
    handed_over_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    handed_over_station_id: Mapped[int | None] = mapped_column(ForeignKey("stations.id"))
    weight_g: Mapped[int | None] = mapped_column(Integer)
    # what its items and box should weigh, when it was weighed and that is known
    expected_weight_g: Mapped[int | None] = mapped_column(Integer)
    # the box it was packed into, when one was scanned (else the station's default)
    box_type_id: Mapped[int | None] = mapped_column(ForeignKey("box_types.id"))
    # the profile (weight_profiles.key) its weight was learned into, for an UNDO to
    # take it out again; None when it was not learned (or before migration 0019)
    weight_key: Mapped[str | None] = mapped_column(String(64))

    def weighed(self, grams: int | None, expected_g: int | None, key: str | None) -> None:
        self.weight_g, self.expected_weight_g, self.weight_key = grams, expected_g, key

    created_at: Mapped[datetime] = mapped_column(server_default=_now_default())


class WeightProfile(Base):
    """What parcels of the same contents in the same box have weighed when they were
    closed: their count, mean and the sum of squared differences from the mean
    (Welford's running form, so one parcel more is one UPDATE), and what the
    catalogue's unit weights made of them at the last one."""

    __tablename__ = "weight_profiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)  # weight_check.contents_key
    contents: Mapped[str] = mapped_column(String(500))  # "CUP-500 x2, LID x1 in BOX-M"
    parcels: Mapped[int] = mapped_column(Integer)
    mean_g: Mapped[float] = mapped_column(Float)
    m2: Mapped[float] = mapped_column(Float)
    catalogue_g: Mapped[int | None] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(server_default=_now_default())


class Carrier(Base):
    """A carrier's profile, by the name orders give it (``orders.carrier``): where its
    tracking numbers come from, how they are checked, and when its truck leaves."""

    __tablename__ = "carriers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    tracking_source: Mapped[str] = mapped_column(String(8), default="pool")  # pool, api, order
    check_rule: Mapped[str] = mapped_column(String(8), default="none")  # tracking_numbers.CheckRule
    api_url: Mapped[str | None] = mapped_column(String(500))
    api_key: Mapped[str | None] = mapped_column(String(200))
    cutoff: Mapped[str | None] = mapped_column(String(5))  # "17:30", the warehouse's local time
    pool_low_at: Mapped[int] = mapped_column(Integer, default=100)  # warn below this many left
    created_at: Mapped[datetime] = mapped_column(server_default=_now_default())


class CarrierCancellation(Base):
    """A shipment a carrier's API made that must be cancelled there (its label voided,
    or its order cancelled), so that no parcel goes out under it and the carrier bills
    none. Asked until the carrier says it is gone; given up after a number of tries (or
    at once when the carrier refuses), for a person to see in ``packdesk check``."""

    __tablename__ = "carrier_cancellations"
    __table_args__ = (
        UniqueConstraint(
            "carrier_id", "tracking_number", name="uq_carrier_cancellations_carrier_number"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    carrier_id: Mapped[int] = mapped_column(ForeignKey("carriers.id"))
    parcel_id: Mapped[int | None] = mapped_column(ForeignKey("parcels.id", ondelete="SET NULL"))
    tracking_number: Mapped[str] = mapped_column(String(64))
    why: Mapped[str] = mapped_column(String(64))  # "order cancelled", "order reopened", ...
    tries: Mapped[int] = mapped_column(Integer, default=0)
    # not asked before this time: the next try after a failure, or a claim by the
    # program asking now (so that two programs never ask for the same one at once)
    next_try_at: Mapped[datetime] = mapped_column(index=True)
    last_error: Mapped[str | None] = mapped_column(String(500))
    done_at: Mapped[datetime | None]
    given_up_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(server_default=_now_default())


class PoolNumber(Base):
    """A tracking number the carrier allocated in advance; given to one parcel, once:
    ``used_at`` set means used, also after its label was voided (``parcel_id`` then
    cleared, so the parcel can take another carrier's number)."""

    __tablename__ = "tracking_pool"
    __table_args__ = (Index("ix_tracking_pool_carrier_free", "carrier_id", "used_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    carrier_id: Mapped[int] = mapped_column(ForeignKey("carriers.id"))
    number: Mapped[str] = mapped_column(String(64), unique=True)
    parcel_id: Mapped[int | None] = mapped_column(ForeignKey("parcels.id"), unique=True)
    imported_at: Mapped[datetime] = mapped_column(server_default=_now_default())
    used_at: Mapped[datetime | None]


class Load(Base):
    """One carrier's parcels handed over at the dock; closed, it is the day's manifest."""

    __tablename__ = "loads"

    id: Mapped[int] = mapped_column(primary_key=True)
    carrier: Mapped[str] = mapped_column(String(64), index=True)
    number: Mapped[str] = mapped_column(String(64), unique=True)  # the manifest's number
    opened_at: Mapped[datetime] = mapped_column(server_default=_now_default())
    closed_at: Mapped[datetime | None]
    closed_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class Printer(Base):
    __tablename__ = "printers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    uri: Mapped[str] = mapped_column(String(500))
    language: Mapped[str] = mapped_column(String(8))  # zpl, tspl, pdf, png
    dpi: Mapped[int] = mapped_column(Integer, default=203)
    label_width_mm: Mapped[int | None] = mapped_column(Integer)
    label_height_mm: Mapped[int | None] = mapped_column(Integer)
    darkness: Mapped[int | None] = mapped_column(Integer)
    options: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(server_default=_now_default())
    # the print spool's lease: which running program drives this printer, and until
    # when (the database server's time); see app/printing/spool.py
    lease_holder: Mapped[str | None] = mapped_column(String(100))
    lease_expires_at: Mapped[datetime | None]


class PrintJob(Base):
    """A document on its way to a printer: a row before it is bytes on a wire."""

    __tablename__ = "print_jobs"
    __table_args__ = (Index("ix_print_jobs_printer_status", "printer_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    printer_id: Mapped[int] = mapped_column(ForeignKey("printers.id"))
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"), index=True)
    parcel_id: Mapped[int | None] = mapped_column(ForeignKey("parcels.id"))
    document: Mapped[str] = mapped_column(String(16))  # slip, waybill, picklist, commands
    format: Mapped[str] = mapped_column(String(8))
    status: Mapped[JobStatus] = mapped_column(_enum(JobStatus, "job_status"))
    payload: Mapped[bytes | None] = mapped_column(LargeBinary)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(String(500))
    # what kind of problem last_error is, when a screen words it itself (JobProblem,
    # with a fact after a colon where the words need one: app.printing.job_problem)
    problem: Mapped[str | None] = mapped_column(String(32))
    reprint_of_id: Mapped[int | None] = mapped_column(ForeignKey("print_jobs.id"))
    # the tracking number its bytes carry (a waybill; None when they carry the order's
    # number): they are sent only while it is still the parcel's (``job_gate``)
    tracking_number: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(server_default=_now_default())
    sent_at: Mapped[datetime | None]
    # a waybill's parcel, which may be added in the same transaction as its job
    parcel: Mapped[Parcel | None] = relationship()


class AuditEvent(Base):
    """Who did what, when, where: anything not captured by history or scans.

    Each event is the next link of its chain (``app.audit.chain``): its number in the
    chain, the SHA-256 of the event before it and its own, set when it is inserted."""

    __tablename__ = "audit_events"
    __table_args__ = (UniqueConstraint("chain", "seq", name="uq_audit_events_chain_seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    chain: Mapped[str] = mapped_column(String(64))
    seq: Mapped[int] = mapped_column(BigInteger)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime]
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    station_id: Mapped[int | None] = mapped_column(ForeignKey("stations.id"))
    action: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str | None] = mapped_column(String(32))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)


class AuditChain(Base):
    """The newest link of each audit chain: its number and hash, and the hash before
    it (so removing a chain's last events, or adding events after it, is seen; and the
    next event is appended from this row alone)."""

    __tablename__ = "audit_chains"

    chain: Mapped[str] = mapped_column(String(64), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger)
    hash: Mapped[str] = mapped_column(String(64))
    prev_hash: Mapped[str] = mapped_column(String(64))


class EvidenceClip(Base):
    """A packing video: one order's parcel recorded at a counter, its file sealed by
    its SHA-256 (also in the audit trail, ``evidence.sealed``)."""

    __tablename__ = "evidence_clips"
    __table_args__ = (
        CheckConstraint("status IN ('ok', 'partial', 'no_video')", name="status_known"),
        Index("ix_evidence_clips_station_started_at", "station", "started_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    clip_uid: Mapped[str] = mapped_column(String(32), unique=True)
    # the order, when this database knows it; its number as recorded in any case
    order_id: Mapped[int | None] = mapped_column(
        ForeignKey("orders.id", ondelete="SET NULL"), index=True
    )
    order_number: Mapped[str] = mapped_column(String(64), index=True)
    parcel_seq: Mapped[int] = mapped_column(Integer, default=1)
    station: Mapped[str] = mapped_column(String(64))
    packer: Mapped[str] = mapped_column(String(128), default="")
    path: Mapped[str] = mapped_column(String(1000))  # on the recording counter's disk
    photo_path: Mapped[str | None] = mapped_column(String(1000))
    photo_sha256: Mapped[str | None] = mapped_column(String(64))
    started_at: Mapped[datetime]
    ended_at: Mapped[datetime]
    duration_s: Mapped[float] = mapped_column(Float)
    frames: Mapped[int] = mapped_column(Integer)
    bytes: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str | None] = mapped_column(String(64))  # None: no video
    codec: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))  # ok, partial, no_video
    camera_problem: Mapped[str | None] = mapped_column(String(500))
    stop_reason: Mapped[str | None] = mapped_column(String(64))
    # its files were removed by the retention rule (the row stays: it existed)
    deleted_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(server_default=_now_default())

    marks: Mapped[list[EvidenceMark]] = relationship(
        back_populates="clip", cascade="all, delete-orphan", order_by="EvidenceMark.offset_s"
    )


class EvidenceMark(Base):
    """A moment of a clip: a scan, a parcel begun; seconds from the clip's start."""

    __tablename__ = "evidence_marks"

    id: Mapped[int] = mapped_column(primary_key=True)
    clip_id: Mapped[int] = mapped_column(
        ForeignKey("evidence_clips.id", ondelete="CASCADE"), index=True
    )
    offset_s: Mapped[float] = mapped_column(Float)
    at: Mapped[datetime]
    text: Mapped[str] = mapped_column(String(300))

    clip: Mapped[EvidenceClip] = relationship(back_populates="marks")


class ImportBatch(Base):
    """One imported file: what it held and what it changed (for the consistency check)."""

    __tablename__ = "import_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime]
    filename: Mapped[str] = mapped_column(String(500))
    format: Mapped[str] = mapped_column(String(16))
    file_sha256: Mapped[str] = mapped_column(String(64))
    rows_in_file: Mapped[int] = mapped_column(Integer)
    orders_in_file: Mapped[int] = mapped_column(Integer)
    created: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    skipped: Mapped[int] = mapped_column(Integer, default=0)


class MappingProfile(Base):
    """A saved column mapping for generic CSV/XLSX imports, reused by name."""

    __tablename__ = "mapping_profiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(16))  # orders or products
    mapping: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(server_default=_now_default())
