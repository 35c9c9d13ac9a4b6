"""Sample data for document tests and benchmarks."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from printers.documents import (
    Address,
    CommandSheetData,
    ManifestData,
    ManifestParcel,
    PickItem,
    PickListData,
    SlipData,
    SlipLine,
    WaybillData,
)

RECIPIENT_CN = Address(
    name="张伟",
    phone="138 0013 8000",
    lines=("浦东新区世纪大道100号上海环球金融中心75楼7501室",),
    city="上海市",
    postal_code="200120",
    country="CN",
)
SENDER_CN = Address(
    name="Packdesk 仓库",
    phone="021-5555 0000",
    lines=("嘉定区安亭镇墨玉南路888号",),
    city="上海市",
    postal_code="201805",
    country="CN",
)
RECIPIENT_EN = Address(
    name="Jane Doe",
    company="Acme Ltd",
    lines=("Flat 12", "221B Baker Street"),
    city="London",
    postal_code="NW1 6XE",
    country="United Kingdom",
    phone="+44 20 7946 0000",
)


def waybill_data(**changes: object) -> WaybillData:
    base = WaybillData(
        order_number="#1001",
        tracking_number="SF1234567890123",
        carrier="顺丰速运 SF Express",
        service="标准快递 Standard",
        routing_code="021-PD-07",
        recipient=RECIPIENT_CN,
        sender=SENDER_CN,
        parcel_seq=1,
        parcel_count=2,
        weight_g=1250,
        cod_amount=Decimal("199.00"),
        sscc="106141412345678908",
        order_reference="packdesk:order:#1001",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def slip_data(lines: int = 8, **changes: object) -> SlipData:
    base = SlipData(
        order_number="SO-2026/11-0042",
        ship_to=RECIPIENT_EN,
        lines=tuple(
            SlipLine(
                f"SKU-{i:04d}",
                f"Cotton T-shirt 纯棉T恤 size {i}",
                2,
                2 if i % 5 else 1,
                0 if i % 5 else 1,
            )
            for i in range(1, lines + 1)
        ),
        channel="shopify",
        ordered_at="2026-11-23 09:14",
        shop_name="Acme Store",
        gift_note="Happy birthday! 生日快乐！ With love from all of us.",
        packed_by="Li Na",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def pick_data() -> PickListData:
    bins = ["B-1-10", "A-2-3", "A-10-1", "", "A-2-10", "B-1-2", "A-2-9"]
    items = tuple(
        PickItem(f"#10{i % 3}", f"SKU-{i}", f"Item {i} 商品", i % 3 + 1, bins[i % len(bins)])
        for i in range(14)
    )
    return PickListData("B-07", items, "2026-11-23 10:00")


COMMANDS = CommandSheetData(
    tuple(
        (name.replace("-", " ").title(), f"CMD:{name}")
        for name in ("COMPLETE", "UNDO", "SHORT", "HOLD", "REPRINT", "NEXT-PARCEL", "LOGOUT")
    ),
    station="Counter 1",
)


MANIFEST_NUMBER = "M-SF-20261206-1"
MANIFEST_CARRIER = "顺丰速运 SF Express"
MANIFEST_DESTINATIONS = ("上海市浦东新区 200120", "Shenzhen 518000", "广东省广州市天河区 510000")


def manifest_parcels(count: int, first: int = 0) -> tuple[ManifestParcel, ...]:
    return tuple(
        ManifestParcel(
            tracking_number=f"SF{1_000_000_000_000 + n * 7919:013d}",
            order_number=f"#{10_000 + n // 2}",
            parcel=f"{n % 2 + 1}/2",
            weight_g=None if n % 7 == 3 else 500 + 37 * n,
            destination=MANIFEST_DESTINATIONS[n % len(MANIFEST_DESTINATIONS)],
            handed_over_at=f"2026-12-06 17:{n % 60:02d}",
        )
        for n in range(first, first + count)
    )


MANIFEST_MISSING = (
    ManifestParcel("SF9999999999991", "#20001", "1/1", 820, "上海市 200000", ""),
    ManifestParcel("YT4455667788", "#20002", "2/3", None, "Chengdu 610000", ""),
)


def manifest_data(count: int = 36, **changes: object) -> ManifestData:
    base = ManifestData(
        manifest_number=MANIFEST_NUMBER,
        carrier=MANIFEST_CARRIER,
        closed_at="2026-12-06 18:30",
        closed_by="Li Na",
        sender="Packdesk 仓库 · 嘉定区安亭镇墨玉南路888号 上海市 201805",
        parcels=manifest_parcels(count),
        missing=MANIFEST_MISSING,
    )
    return replace(base, **changes)  # type: ignore[arg-type]
