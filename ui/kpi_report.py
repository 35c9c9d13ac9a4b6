"""The one-page daily KPI report as a PDF, built with the printers' layout model.

An A4 page of text and rules: the range, the summary figures, the per-hour counts
beside last week's, the packers and the backlog. The words are the window's
(translated); the PDF renderer embeds the CJK font, so Chinese names print.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication

from app.errors import PackdeskError
from app.kpi import HourPoint, KpiReport
from printers import pdf
from printers.layout import Align, Element, Line, Page, Text
from ui.words import status_words

A4 = (210.0, 297.0)
LEFT, RIGHT = 15.0, 195.0


def duration(value: timedelta | None) -> str:
    if value is None:
        return "—"
    seconds = int(value.total_seconds())
    minutes, secs = divmod(seconds, 60)
    return f"{minutes} min {secs:02d} s" if minutes else f"{secs} s"


def rate(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f} %"


def summary(r: KpiReport) -> list[tuple[str, str]]:
    t = r.pack_times
    return [
        (QCoreApplication.translate("KpiReport", "Orders packed"), f"{r.orders_packed:,}"),
        (QCoreApplication.translate("KpiReport", "Items packed"), f"{r.items_packed:,}"),
        (
            QCoreApplication.translate("KpiReport", "Scan accuracy"),
            f"{rate(r.accuracy)}  ({r.rejected_scans:,} / {r.scans:,})",
        ),
        (
            QCoreApplication.translate("KpiReport", "Manual confirmations"),
            f"{r.manual_confirmations:,}",
        ),
        (
            QCoreApplication.translate("KpiReport", "Pack time per order, median / p90"),
            f"{duration(t.median_order)} / {duration(t.p90_order)}",
        ),
        (
            QCoreApplication.translate("KpiReport", "Pack time per item, median / p90"),
            f"{duration(t.median_item)} / {duration(t.p90_item)}",
        ),
        (
            QCoreApplication.translate("KpiReport", "Shipped on time"),
            f"{rate(r.on_time_rate)}  ({r.shipped_on_time:,} / {r.shipped:,})",
        ),
    ]


def report_page(r: KpiReport, points: Sequence[HourPoint]) -> Page:
    els: list[Element] = []
    y = 15.0

    def text(x: float, width: float, words: str, size: float = 9, **kw: object) -> None:
        els.append(Text(x, y, width, words, size=size, **kw))  # type: ignore[arg-type]

    def rule() -> None:
        els.append(Line(LEFT, y, RIGHT, y, 0.2))

    text(LEFT, 180, QCoreApplication.translate("KpiReport", "Packdesk daily report"), 16, bold=True)
    y += 9
    span = r.first_day.isoformat()
    if r.last_day != r.first_day:
        span += " – " + r.last_day.isoformat()
    text(LEFT, 180, f"{span}  ({r.timezone})", 10)
    y += 8
    rule()
    y += 3
    for name, value in summary(r):
        text(LEFT, 90, name)
        text(110, 85, value, bold=True)
        y += 5.2
    y += 2
    rule()
    y += 3
    text(
        LEFT,
        180,
        QCoreApplication.translate("KpiReport", "Per hour: orders (items), and a week before"),
        10,
        bold=True,
    )
    y += 6
    busy = [p for p in points if p.orders or p.items or p.orders_week_before or p.items_week_before]
    for i, p in enumerate(busy[:24]):
        col, row = divmod(i, 12)
        yy = y + row * 4.6
        before = f"{p.orders_week_before} ({p.items_week_before})"
        words = f"{p.hour:%H}:00  {p.orders} ({p.items})   ·   {before}"
        els.append(Text(LEFT + col * 92, yy, 88, words, size=8.5))
    y += min(len(busy), 12) * 4.6 + 3
    if not busy:
        text(LEFT, 180, QCoreApplication.translate("KpiReport", "Nothing packed on this day."), 8.5)
        y += 5
    rule()
    y += 3
    text(LEFT, 180, QCoreApplication.translate("KpiReport", "Packers"), 10, bold=True)
    y += 6
    heads = [
        QCoreApplication.translate("KpiReport", "Packer"),
        QCoreApplication.translate("KpiReport", "Orders"),
        QCoreApplication.translate("KpiReport", "Items"),
        QCoreApplication.translate("KpiReport", "Accuracy"),
        QCoreApplication.translate("KpiReport", "Manual"),
        QCoreApplication.translate("KpiReport", "Median per order"),
    ]
    xs = [LEFT, 75, 97, 119, 143, 163]
    widths = [58, 20, 20, 22, 18, 32]
    for x, w, h in zip(xs, widths, heads, strict=True):
        els.append(Text(x, y, w, h, size=8.5, bold=True))
    y += 5
    for packer in r.packers[:14]:
        cells = [
            packer.name,
            f"{packer.orders_packed:,}",
            f"{packer.items_packed:,}",
            rate(packer.accuracy),
            f"{packer.manual:,}",
            duration(packer.median_order),
        ]
        for x, w, c in zip(xs, widths, cells, strict=True):
            els.append(Text(x, y, w, c, size=8.5))
        y += 4.6
    y += 2
    rule()
    y += 3
    text(LEFT, 180, QCoreApplication.translate("KpiReport", "Open orders now"), 10, bold=True)
    y += 6
    states = "   ".join(f"{status_words(s)} {n:,}" for s, n in r.backlog_by_state)
    text(LEFT, 180, states, 8.5, max_lines=2)
    y += 9
    carriers = "   ".join(f"{c or '—'} {n:,}" for c, n in r.backlog_by_carrier[:12])
    text(LEFT, 180, carriers, 8.5, max_lines=3)
    y = A4[1] - 12
    stamp = QCoreApplication.translate("KpiReport", "Made %1 (database time)").replace(
        "%1", r.now.astimezone(ZoneInfo(r.timezone)).strftime("%Y-%m-%d %H:%M")
    )
    text(LEFT, 180, stamp, 7, align=Align.RIGHT)
    return Page(A4[0], A4[1], tuple(els))


def write_pdf(r: KpiReport, points: Sequence[HourPoint], path: Path) -> Path:
    data = pdf.render(report_page(r, points))
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise PackdeskError(f"Cannot write {path}: {exc.strerror or exc}") from exc
    return path
