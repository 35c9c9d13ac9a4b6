"""``packdesk kpi --from D --to D [--csv FILE | --xlsx FILE | --json]``."""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path
from typing import Any

from app.cli.common import add_db_option, open_database
from app.cli.terminal import table


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def register(sub: Any) -> None:
    p = sub.add_parser("kpi", help="packing KPIs for a range of warehouse days")
    p.add_argument("--from", dest="first", type=_day, help="first day (default: today)")
    p.add_argument("--to", dest="last", type=_day, help="last day, included (default: --from)")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--csv", type=Path, metavar="FILE", help="write the report as CSV")
    out.add_argument("--xlsx", type=Path, metavar="FILE", help="write the report as XLSX")
    out.add_argument("--json", action="store_true", help="print the report as JSON")
    add_db_option(p)
    p.set_defaults(handler=run)


def _secs(value: Any) -> float | None:
    return None if value is None else round(value.total_seconds(), 1)


def run(args: argparse.Namespace) -> int:
    from app import kpi, kpi_export, settings

    engine = open_database(args)
    tz = settings.load().timezone
    first = args.first or kpi.today(engine, tz)
    last = args.last or first
    report = kpi.kpi_report(engine, first, last, tz=tz)
    points = kpi.hourly(engine, last, tz=tz) if first == last else ()
    if args.csv:
        print(f"wrote {kpi_export.write_csv(report, args.csv, points)}")
        return 0
    if args.xlsx:
        print(f"wrote {kpi_export.write_xlsx(report, args.xlsx, points)}")
        return 0
    rows = kpi_export.summary_rows(report)
    if args.json:
        data = {str(k): v for k, v in rows}
        data["packers"] = [
            dict(zip(kpi_export.packer_rows(report)[0], row, strict=True))
            for row in kpi_export.packer_rows(report)[1:]
        ]
        data["backlog_by_state"] = {st.value: n for st, n in report.backlog_by_state}
        data["backlog_by_carrier"] = dict(report.backlog_by_carrier)
        print(json.dumps(data, ensure_ascii=False, indent=1))
        return 0
    print("\n".join(table(("measure", "value"), rows)))
    if report.orders_packed and not report.scans:
        print(
            f"note: {report.orders_packed} orders were packed without a scan logged in "
            "these days, so items, scans, accuracy and the per-item times say nothing of them"
        )
    packers = kpi_export.packer_rows(report)
    if len(packers) > 1:
        print()
        print("\n".join(table(packers[0], packers[1:], right=range(1, len(packers[0])))))
    print()
    backlog = [(st.value, n) for st, n in report.backlog_by_state]
    print("\n".join(table(("open orders by state", "orders"), backlog, right=(1,))))
    if report.backlog_by_carrier:
        print()
        carriers = [(c or "(none)", n) for c, n in report.backlog_by_carrier]
        print("\n".join(table(("open orders by carrier", "orders"), carriers, right=(1,))))
    return 0
