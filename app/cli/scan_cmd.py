"""``packdesk scan --station NAME --user BADGE [--json]``: scans from standard input.

One scan per line (ended by LF, CR or CRLF); each line's verdict is printed (and
flushed) only after its effect is committed, so a caller that reads a verdict knows
it is durable. With ``--ids`` each line is ``ID<TAB>SCAN``: a caller that sent a
scan and never read its verdict (the command was killed) sends the same line again,
and a scan whose id is already logged is answered with its first verdict
(``"replayed": true``), counted once.

``--gs`` names the character the scanner sends for GS (default: the settings'
``gs_stand_in``; ``--gs ""`` for none).

A completed order's documents go to the station's printers as they would from the
window (print jobs are rows before bytes); at the end of input the command waits a
little for them to go out, and what is still queued is sent by the next Packdesk
that starts its print spool. ``--no-print`` only records the request.

A station with a camera (``packdesk cameras set``) records each order as the pack
page does (``app.cli.scan_camera``); its clips are sealed before the command exits.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from app.cli.common import add_db_option, open_database, refuse_control_characters, wait_seconds
from app.cli.terminal import cell_text, fit

if TYPE_CHECKING:
    from app.cli.scan_camera import ScanCamera
    from app.packing import PackingEngine


def register(sub: Any) -> None:
    p = sub.add_parser("scan", help="pack by scanning: one scan per line on standard input")
    p.add_argument("--station", required=True, help="this counter's name, e.g. counter-1")
    p.add_argument("--user", required=True, metavar="BADGE", help="the packer's badge")
    p.add_argument("--json", action="store_true", help="one JSON object per scan")
    p.add_argument(
        "--ids",
        action="store_true",
        help="each line is ID<TAB>SCAN: a scan sent again with its id is counted once",
    )
    p.add_argument(
        "--gs",
        metavar="CHAR",
        help="a character the scanner sends for GS (default: the settings' gs_stand_in)",
    )
    p.add_argument(
        "--weigh",
        action="store_true",
        help="weigh each parcel: an order's last item asks for its weight (WEIGHT:1234g)",
    )
    p.add_argument(
        "--no-print", action="store_true", help="record completed orders' documents, print none"
    )
    p.add_argument(
        "--print-wait",
        type=wait_seconds,
        default=30.0,
        metavar="SECONDS",
        help="at the end, wait this long for queued documents to print (default 30)",
    )
    add_db_option(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from app import settings
    from app.cli.scan_camera import ScanCamera
    from app.errors import PackdeskError
    from app.packing import PackingEngine, PackingOptions
    from app.printing.print_service import PrintService
    from app.printing.station import StationSpool

    refuse_control_characters(args, "station", "user")
    station = args.station.strip()
    if not station:
        raise PackdeskError("--station needs this counter's name, e.g. counter-1.")
    config = settings.load()
    database = open_database(args)
    service = None if args.no_print else PrintService(database).start()
    engine = PackingEngine(
        database,
        station=station,
        options=PackingOptions.from_settings(config, gs_stand_in=args.gs, weighs=args.weigh),
        spool=(StationSpool(service.spool, auto_print=config.auto_print) if service else None),
        on_busy=_say_busy,
    )
    camera: ScanCamera | None = None
    try:
        engine.sign_in(args.user)  # (a badge refused still stops the print service)
        camera = ScanCamera.open(database, engine, config)
        _answer_lines(engine, args.json, with_ids=args.ids, camera=camera)
    finally:
        if camera is not None:
            camera.close()
        engine.close_connection()
        if service is not None:
            if not service.wait_until_idle(args.print_wait):
                print(
                    "packdesk: some documents are still queued; they print when Packdesk "
                    "next runs its print spool (packdesk printers jobs shows them)",
                    file=sys.stderr,
                )
            service.stop()
    return 0


def _say_busy() -> None:
    print(
        "packdesk: the database is busy (another program is writing to it); "
        "the scan waits its turn",
        file=sys.stderr,
        flush=True,
    )


_LINE_END = re.compile(rb"\r\n|\r|\n")


def scan_lines(read: Callable[[int], bytes]) -> Iterator[str]:
    """The scans in a byte stream (``read`` returns what has arrived, b"" at its end),
    each as soon as its terminator arrives: LF, CR (many scanners' default) or CRLF.
    Decoded as UTF-8; bytes that are no text become U+FFFD, which the engine refuses
    as no barcode. A byte-order mark before the first scan is dropped."""
    pending = b""
    after_cr = False  # the last scan ended with CR: an LF right after it ends it too
    first = True
    while chunk := read(4096):
        if after_cr and chunk.startswith(b"\n"):
            chunk = chunk[1:]
        pending += chunk
        after_cr = pending.endswith(b"\r")
        *ended, pending = _LINE_END.split(pending)
        for raw in ended:
            line = raw.decode("utf-8", "replace")
            yield line.removeprefix("\ufeff") if first else line
            first = False
    if pending:
        line = pending.decode("utf-8", "replace")
        yield line.removeprefix("\ufeff") if first else line


MAX_SCAN_ID = 64  # characters, as the scan log keeps them


def _split_id(line: str, number: int) -> tuple[str | None, str]:
    """``ID<TAB>SCAN`` as its id and scan; a line without a tab has no id."""
    scan_id, tab, scan = line.partition("\t")
    if not tab:
        return None, line
    if not scan_id.strip() or len(scan_id) > MAX_SCAN_ID or not scan_id.isprintable():
        from app.errors import PackdeskError

        raise PackdeskError(
            f"line {number}: {scan_id[:MAX_SCAN_ID]!r} is no scan id (1 to {MAX_SCAN_ID} "
            "printable characters before the tab); the lines before it are answered."
        )
    return scan_id, scan


def _answer_lines(
    engine: PackingEngine,
    as_json: bool,
    *,
    with_ids: bool = False,
    camera: ScanCamera | None = None,
) -> None:
    out = sys.stdout
    stdin = sys.stdin.fileno()
    for number, line in enumerate(scan_lines(lambda size: os.read(stdin, size)), start=1):
        scan_id, scan = _split_id(line, number) if with_ids else (None, line)
        verdict = engine.scan(scan, scan_uid=scan_id)
        if as_json:
            out.write(json.dumps(verdict.to_json(), ensure_ascii=False) + "\n")
        else:
            counts = f"{verdict.packed}/{verdict.ordered}" if verdict.ordered else ""
            out.write(
                f"{fit(verdict.outcome.value, 24)} {fit(verdict.order, 14)} "
                f"{fit(verdict.sku, 16)} {fit(counts, 7)} {cell_text(verdict.message)}\n"
            )
        out.flush()
        if camera is not None:  # (after the answer: the camera never delays it)
            camera.answered(verdict)
