"""The carrier's handover manifest: what the driver signs for when a carrier's load is
closed at the dock, on A4 or Letter.

Every page is headed with the carrier, the manifest number and "Page n of m"; the first
page also carries the manifest number as Code 128. The table has one row per parcel
handed over, its tracking number printed and as a Code 128 for the driver's scanner;
then the totals; then the parcels packed for this carrier but not scanned out, listed
apart, marked on every row, and printed without a barcode, so that no scanner can take
one of them for a parcel on the truck; last, name, signature and time lines for the
driver and the dispatcher.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property, partial

from printers import fonts
from printers.documents.flow import Flow
from printers.documents.sizes import A4, PageSize
from printers.errors import BarcodeDataError, DocumentDataError, LayoutError
from printers.layout import QUIET_ZONE, Align, Barcode, Box, Document, Element, Line, Text
from printers.symbols import Symbology, encode

#: the narrowest bar a manifest's barcodes may have: 2 dots at 203 dpi, 3 at 300 dpi
MIN_MODULE = 0.254
TITLE = "交接清单 Handover manifest"
MISSING_TITLE = "未交接 Missing (packed, not handed over)"
NOT_HANDED_OVER = "NOT HANDED OVER 未交接"
NO_PARCELS = "No parcels · 无包裹"

MARGIN = 12.0
BODY = 9.0  # points
SMALL = 7.5
HEAD = 8.0
BAR_HEIGHT = 8.0  # mm: an easy aim for a handheld scanner, short enough for ~17 rows
MANIFEST_BAR_WIDTH = 80.0
PAGE_LABEL_WIDTH = 34.0


@dataclass(frozen=True)
class ManifestParcel:
    tracking_number: str
    order_number: str
    parcel: str  # "1/2"
    weight_g: int | None
    destination: str  # e.g. "Shenzhen 518000" or "上海市 200000"
    handed_over_at: str  # local time text, "" for a missing parcel


@dataclass(frozen=True)
class ManifestData:
    manifest_number: str  # also its own Code 128 on the first page
    carrier: str
    closed_at: str  # local time text
    closed_by: str
    sender: str = ""  # the warehouse's name and address, one line
    parcels: tuple[ManifestParcel, ...] = ()  # handed over, in the load
    missing: tuple[ManifestParcel, ...] = ()  # packed for this carrier, not scanned out


def kilograms(grams: int) -> str:
    """``1250`` -> ``"1.250"``: exact to the gram, so the rows add up to the total."""
    return f"{grams // 1000}.{grams % 1000:03d}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


@dataclass(frozen=True)
class _Grid:
    """The table's columns as (x, width) in mm, and the row heights."""

    left: float
    width: float

    @cached_property
    def spans(self) -> dict[str, tuple[float, float]]:
        # mm, each with a 1.5 mm gap on its right (the number's wider); the
        # destination takes what is left: 44 mm on A4, 50 on Letter
        widths = {"number": 11.0, "tracking": 65.0, "order": 35.5, "parcel": 15.5, "weight": 15.0}
        widths["destination"] = self.width - sum(widths.values())
        out, x = {}, self.left
        for key, w in widths.items():
            gap = 2.5 if key == "number" else 1.5
            out[key] = (x, w - gap)
            x += w
        return out

    @property
    def line(self) -> float:
        return fonts.line_height_mm(BODY)

    @property
    def row_height(self) -> float:
        return 0.8 + self.line + 0.3 + BAR_HEIGHT + 1.0

    @property
    def missing_row_height(self) -> float:
        return 0.8 + 2 * self.line + 0.8

    @property
    def head_height(self) -> float:
        return fonts.line_height_mm(HEAD) + 1.5

    def cell(
        self,
        key: str,
        y: float,
        text: str,
        size: float = BODY,
        *,
        name: str,
        bold: bool = False,
        align: Align = Align.LEFT,
        max_lines: int = 1,
        min_size: float = 6.0,
    ) -> Text:
        x, w = self.spans[key]
        return Text(x, y, w, text, size, bold, max_lines, min_size=min_size, align=align, name=name)

    def head(self, y: float) -> list[Element]:
        titles = {
            "number": "#",
            "tracking": "运单号 Tracking number",
            "order": "订单 Order · 交接 Time",
            "parcel": "件 Parcel",
            "weight": "重量 kg",
            "destination": "目的地 Destination",
        }
        els: list[Element] = [
            self.cell(
                key,
                y,
                title,
                HEAD,
                bold=True,
                min_size=4.5,
                name=title,
                align=Align.RIGHT if key in ("number", "weight") else Align.LEFT,
            )
            for key, title in titles.items()
        ]
        rule = y + fonts.line_height_mm(HEAD) + 0.5
        els.append(Line(self.left, rule, self.left + self.width, rule, 0.3))
        return els

    def _common(self, p: ManifestParcel, n: int, top: float, what: str) -> list[Element]:
        weight = "—" if p.weight_g is None else kilograms(p.weight_g)
        return [
            self.cell("number", top, str(n), align=Align.RIGHT, name=f"{what} {n} number"),
            self.cell("order", top, p.order_number, min_size=5, name=f"{what} {n} order"),
            self.cell("parcel", top, p.parcel, min_size=5, name=f"{what} {n} parcel"),
            self.cell("weight", top, weight, align=Align.RIGHT, name=f"{what} {n} weight"),
            self.cell(
                "destination",
                top,
                p.destination,
                max_lines=2,
                min_size=5,
                name=f"{what} {n} destination",
            ),
        ]

    def row(self, p: ManifestParcel, n: int, y: float) -> list[Element]:
        top = y + 0.8
        x, w = self.spans["tracking"]
        bottom = y + self.row_height
        return [
            *self._common(p, n, top, "row"),
            self.cell(
                "tracking", top, p.tracking_number, bold=True, name=f"row {n} tracking number"
            ),
            # left-aligned: the empty number column to its left is more than the quiet
            # zone, and the box holds both quiet zones' width on the right
            Barcode(
                x,
                top + self.line + 0.3,
                w,
                BAR_HEIGHT,
                Symbology.CODE128,
                p.tracking_number,
                module=0.375,
                min_module=MIN_MODULE,
                align=Align.LEFT,
                name=f"row {n} tracking barcode",
            ),
            self.cell(
                "order",
                top + self.line,
                p.handed_over_at,
                SMALL,
                min_size=5,
                name=f"row {n} scanned at",
            ),
            Line(self.left, bottom, self.left + self.width, bottom, 0.15),
        ]

    def missing_row(self, p: ManifestParcel, n: int, y: float) -> list[Element]:
        top = y + 0.8
        bottom = y + self.missing_row_height
        return [
            *self._common(p, n, top, "missing"),
            self.cell(
                "tracking",
                top,
                p.tracking_number or "—",
                bold=True,
                name=f"missing {n} tracking number",
            ),
            self.cell(
                "tracking",
                top + self.line,
                NOT_HANDED_OVER,
                SMALL,
                bold=True,
                name=f"missing {n} mark",
            ),
            Line(self.left, bottom, self.left + self.width, bottom, 0.15),
        ]


def _fits_code128(data: str, width: float, what: str) -> None:
    """A ``DocumentDataError`` unless ``data`` makes a Code 128 that fits ``width`` mm
    (quiet zones included) with bars no narrower than ``MIN_MODULE``."""
    try:
        symbol = encode(Symbology.CODE128, data)
    except BarcodeDataError as exc:
        raise DocumentDataError(f"{what}: {exc}") from None
    need = (symbol.width_modules + 2 * QUIET_ZONE) * MIN_MODULE
    if need > width:
        raise DocumentDataError(
            f"{what} {data!r} is too long for a barcode on the manifest: it needs "
            f"{need:.0f} mm and has {width:.0f} mm."
        )


def _check(data: ManifestData, grid: _Grid) -> None:
    if not data.manifest_number.strip():
        raise DocumentDataError("A manifest needs its manifest number.")
    _fits_code128(data.manifest_number, MANIFEST_BAR_WIDTH, "The manifest number")
    if not data.carrier.strip():
        raise DocumentDataError(f"Manifest {data.manifest_number} has no carrier.")
    seen: set[str] = set()
    for section, parcels in (("parcel", data.parcels), ("missing parcel", data.missing)):
        for n, p in enumerate(parcels, start=1):
            what = f"Manifest {data.manifest_number}, {section} {n}"
            handed_over = section == "parcel"
            if handed_over and not p.tracking_number.strip():
                raise DocumentDataError(f"{what} has no tracking number.")
            if handed_over:
                _fits_code128(p.tracking_number, grid.spans["tracking"][1], f"{what}: tracking")
            if p.tracking_number and p.tracking_number in seen:
                raise DocumentDataError(f"{what}: {p.tracking_number} is listed twice.")
            seen.add(p.tracking_number)
            if p.weight_g is not None and p.weight_g < 0:
                raise DocumentDataError(f"{what} has a negative weight ({p.weight_g} g).")


def manifest(data: ManifestData, size: PageSize = A4) -> Document:
    if size.width < 180:
        raise LayoutError(
            f"A manifest is printed on A4 or Letter paper; {size.name} is too narrow."
        )
    width = size.width - 2 * MARGIN
    grid = _Grid(MARGIN, width)
    _check(data, grid)

    def header(page: int) -> tuple[Sequence[Element], float]:
        heading_w = width - PAGE_LABEL_WIDTH - 2
        if page > 1:
            text = f"{TITLE} · {data.carrier} · {data.manifest_number}"
            used = fonts.line_height_mm(11) + 1.5
            return [
                Text(
                    MARGIN,
                    MARGIN,
                    heading_w,
                    text,
                    11,
                    bold=True,
                    min_size=6,
                    name="manifest heading",
                ),
                *grid.head(MARGIN + used),
            ], used + grid.head_height
        els: list[Element] = [
            Text(
                MARGIN, MARGIN, heading_w, TITLE, 16, bold=True, min_size=8, name="manifest title"
            ),
        ]
        top = MARGIN + fonts.line_height_mm(16) + 1
        closed_line = f"Closed {data.closed_at}" + (
            f" by {data.closed_by}" if data.closed_by.strip() else ""
        )
        facts = [
            (data.carrier, 12.0, True, 1),
            (f"Manifest {data.manifest_number}", 10.0, False, 1),
            (closed_line, BODY, False, 1),
        ]
        if data.sender.strip():
            facts.append((f"From {data.sender}", BODY, False, 2))
        y = top
        for text, pt, bold, lines in facts:
            els.append(
                Text(
                    MARGIN,
                    y,
                    width - MANIFEST_BAR_WIDTH - 4,
                    text,
                    pt,
                    bold=bold,
                    max_lines=lines,
                    min_size=5.5,
                    name="manifest facts",
                )
            )
            y += fonts.line_height_mm(pt) * lines
        bar_x = MARGIN + width - MANIFEST_BAR_WIDTH
        els += [
            Barcode(
                bar_x,
                top,
                MANIFEST_BAR_WIDTH,
                14,
                Symbology.CODE128,
                data.manifest_number,
                module=0.375,
                min_module=MIN_MODULE,
                name="manifest number barcode",
            ),
            Text(
                bar_x,
                top + 14.3,
                MANIFEST_BAR_WIDTH,
                data.manifest_number,
                10,
                bold=True,
                align=Align.CENTER,
                name="manifest number",
            ),
        ]
        bottom = max(y, top + 14.3 + fonts.line_height_mm(10)) + 2
        return [*els, *grid.head(bottom)], bottom - MARGIN + grid.head_height

    flow = Flow(size.width, size.height, MARGIN, header)
    if not data.parcels:
        flow.add(
            fonts.line_height_mm(12) + 6,
            lambda y: [Text(MARGIN, y + 3, width, NO_PARCELS, 12, bold=True, name="no parcels")],
            "no parcels",
        )
    for n, parcel in enumerate(data.parcels, start=1):
        flow.add(grid.row_height, partial(grid.row, parcel, n), f"row {n}")

    weighed = [p.weight_g for p in data.parcels if p.weight_g is not None]
    unweighed = len(data.parcels) - len(weighed)
    total = f"合计 Total: {_plural(len(data.parcels), 'parcel')} · {kilograms(sum(weighed))} kg"
    if unweighed:
        total += f" ({unweighed} without weight)"
    flow.add(
        fonts.line_height_mm(11) * 2 + 3,
        lambda y: [
            Line(MARGIN, y + 0.5, MARGIN + width, y + 0.5, 0.5),
            Text(
                MARGIN,
                y + 1.5,
                width,
                total,
                11,
                bold=True,
                max_lines=2,
                align=Align.RIGHT,
                name="totals",
            ),
        ],
        "totals",
    )

    if data.missing:
        heading = f"{MISSING_TITLE}: {_plural(len(data.missing), 'parcel')}"
        box_h = fonts.line_height_mm(12) + 3
        below = 2 + box_h + 1  # from the block's top to the missing table's head

        def missing_start(y: float) -> list[Element]:
            # the heading never ends a page on its own: it goes with the first row
            return [
                Box(MARGIN, y + 2, width, box_h, 0.8),
                Text(
                    MARGIN + 2,
                    y + 3.5,
                    width - 4,
                    heading,
                    12,
                    bold=True,
                    min_size=6,
                    name="missing heading",
                ),
                *grid.head(y + below),
                *grid.missing_row(data.missing[0], 1, y + below + grid.head_height),
            ]

        flow.add(below + grid.head_height + grid.missing_row_height, missing_start, "missing")
        for n, parcel in enumerate(data.missing[1:], start=2):
            flow.add(
                grid.missing_row_height,
                partial(grid.missing_row, parcel, n),
                f"missing {n}",
            )

    _signatures(flow, data, width)
    document = flow.document(
        f"Manifest {data.manifest_number}", f"{data.carrier} · {data.manifest_number}"
    )
    return _numbered(document, width)


def _signatures(flow: Flow, data: ManifestData, width: float) -> None:
    """The driver's statement, then name, signature and time for the driver and the
    dispatcher side by side, kept together on one page."""
    line = fonts.line_height_mm(BODY)
    count = len(data.parcels)
    statement = (
        f"司机确认收到以上 {count} 件 · The driver received the "
        f"{_plural(count, 'parcel')} listed above."
    )
    field_gap = 9.0
    column_w = (width - 8) / 2
    top = 4 + 2 * line + 2

    def block(y: float) -> list[Element]:
        els: list[Element] = [
            Text(
                MARGIN,
                y + 4,
                width,
                statement,
                BODY,
                max_lines=2,
                min_size=5.5,
                name="driver statement",
            ),
        ]
        for i, who in enumerate(("司机 Driver", "发货员 Dispatcher")):
            x = MARGIN + i * (column_w + 8)
            els.append(Text(x, y + top, column_w, who, BODY + 1, bold=True, name=who))
            for k, what in enumerate(("姓名 Name", "签名 Signature", "时间 Time")):
                base = y + top + line * 1.2 + (k + 1) * field_gap - 1.5
                els += [
                    Text(x, base - line, 26, what, BODY - 1, min_size=5, name=what),
                    Line(x + 27, base, x + column_w, base, 0.25),
                ]
        return els

    flow.add(top + line * 1.2 + 3 * field_gap + 2, block, "signatures")


def _numbered(document: Document, width: float) -> Document:
    """Each page with "Page n of m" at its top right."""
    total = len(document.pages)
    pages = tuple(
        replace(
            page,
            elements=(
                *page.elements,
                Text(
                    MARGIN + width - PAGE_LABEL_WIDTH,
                    MARGIN,
                    PAGE_LABEL_WIDTH,
                    f"Page {n} of {total}",
                    9,
                    bold=True,
                    align=Align.RIGHT,
                    name="page number",
                ),
            ),
        )
        for n, page in enumerate(document.pages, start=1)
    )
    return replace(document, pages=pages)
