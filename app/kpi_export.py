"""KPI reports as files: CSV (sections one after another) and XLSX (one sheet each).

Times are written in the warehouse's local time; durations in seconds; rates as
fractions (0.985), which a spreadsheet formats as it likes.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from app.errors import PackdeskError
from app.kpi import HourPoint, KpiReport

Table = list[list[Any]]


def _secs(value: timedelta | None) -> float | None:
    return None if value is None else round(value.total_seconds(), 1)


def _rate(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def summary_rows(r: KpiReport) -> Table:
    t = r.pack_times
    return [
        ["first day", r.first_day.isoformat()],
        ["last day", r.last_day.isoformat()],
        ["time zone", r.timezone],
        ["orders packed", r.orders_packed],
        ["items packed", r.items_packed],
        ["scans", r.scans],
        ["rejected scans", r.rejected_scans],
        ["scan accuracy", _rate(r.accuracy)],
        ["manual confirmations", r.manual_confirmations],
        ["median pack time per order (s)", _secs(t.median_order)],
        ["p90 pack time per order (s)", _secs(t.p90_order)],
        ["median pack time per item (s)", _secs(t.median_item)],
        ["p90 pack time per item (s)", _secs(t.p90_item)],
        ["shipped", r.shipped],
        ["shipped on time", r.shipped_on_time],
        ["on-time rate", _rate(r.on_time_rate)],
    ]


def packer_rows(r: KpiReport) -> Table:
    head = ["packer", "orders packed", "items packed", "scans", "rejected", "manual"]
    rows: Table = [[*head, "accuracy", "median pack time per order (s)", "weight exceptions"]]
    for p in r.packers:
        rows.append(
            [
                p.name,
                p.orders_packed,
                p.items_packed,
                p.scans,
                p.rejected,
                p.manual,
                _rate(p.accuracy),
                _secs(p.median_order),
                p.weight_exceptions,
            ]
        )
    return rows


def hourly_rows(points: Sequence[HourPoint], tz: ZoneInfo) -> Table:
    rows: Table = [["hour", "orders", "items", "orders a week before", "items a week before"]]
    for p in points:
        hour = p.hour.astimezone(tz).strftime("%Y-%m-%d %H:%M")
        rows.append([hour, p.orders, p.items, p.orders_week_before, p.items_week_before])
    return rows


def backlog_rows(r: KpiReport) -> Table:
    rows: Table = [["by", "name", "open orders"]]
    rows += [["state", st.value, n] for st, n in r.backlog_by_state]
    rows += [["carrier", c or "(none)", n] for c, n in r.backlog_by_carrier]
    return rows


def shipped_rows(r: KpiReport) -> Table:
    rows: Table = [["day", "carrier", "parcels handed over"]]
    rows += [[day.isoformat(), c or "(none)", n] for day, c, n in r.parcels_by_carrier_day]
    return rows


def _sections(r: KpiReport, points: Sequence[HourPoint]) -> list[tuple[str, Table]]:
    tz = ZoneInfo(r.timezone)
    return [
        ("Summary", summary_rows(r)),
        ("Packers", packer_rows(r)),
        ("Hourly", hourly_rows(points, tz)),
        ("Backlog", backlog_rows(r)),
        ("Parcels", shipped_rows(r)),
    ]


def write_csv(r: KpiReport, path: Path, points: Sequence[HourPoint] = ()) -> Path:
    """One CSV (UTF-8 with BOM, so spreadsheet programs read Chinese names right)."""
    try:
        with path.open("w", encoding="utf-8-sig", newline="") as f:
            out = csv.writer(f)
            for i, (name, rows) in enumerate(_sections(r, points)):
                if i:
                    out.writerow([])
                out.writerow([f"# {name}"])
                out.writerows([csv_cell(v) for v in row] for row in rows)
    except OSError as exc:
        raise PackdeskError(f"Cannot write {path}: {exc.strerror or exc}") from exc
    return path


def write_rows(rows: Table, path: Path) -> Path:
    """One table as CSV, as ``write_csv`` writes each of its sections."""
    try:
        with path.open("w", encoding="utf-8-sig", newline="") as f:
            csv.writer(f).writerows([csv_cell(v) for v in row] for row in rows)
    except OSError as exc:
        raise PackdeskError(f"Cannot write {path}: {exc.strerror or exc}") from exc
    return path


def csv_cell(value: Any) -> Any:
    """A value as a CSV file holds it: text that a spreadsheet would run as a formula
    (beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return: a user named
    ``=HYPERLINK(...)``) kept as text behind a single quote, OWASP's rule for CSV
    injection."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + _cell(value)
    return _cell(value)


def _cell(value: Any) -> Any:
    """A value a worksheet can hold: control characters (which a name may hold from
    before they were refused) spelled out, as the command line prints them."""
    if isinstance(value, str):
        return _CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", value)
    return value


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def write_xlsx(r: KpiReport, path: Path, points: Sequence[HourPoint] = ()) -> Path:
    """One workbook: Summary, Packers, Hourly and Backlog sheets."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    first = True
    for name, rows in _sections(r, points):
        sheet = book.active if first else book.create_sheet()
        assert sheet is not None
        sheet.title = name
        first = False
        for row in rows:
            sheet.append([_cell(v) for v in row])
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str):  # text, never a formula (=HYPERLINK...)
                    cell.data_type = "s"
        if name != "Summary":
            for cell in sheet[1]:
                cell.font = Font(bold=True)
        sheet.column_dimensions["A"].width = 32
    try:
        book.save(path)
    except OSError as exc:
        raise PackdeskError(f"Cannot write {path}: {exc.strerror or exc}") from exc
    return path
