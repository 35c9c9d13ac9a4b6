"""A station's two printers as the window sees them: which they are, how they are
doing (the queue, and the printer's own answer where it can be asked without getting
in the spool's way), saving one from the set-up page, and a test print.

Plain functions and dataclasses; every call may block (database, sockets) and is run
off the GUI thread by the caller.
"""

from __future__ import annotations

import glob
import logging
import shutil
import subprocess
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from app import permissions
from app.db import unit_of_work
from app.errors import PackdeskError
from app.models import JobStatus, Printer, PrintJob, Station
from app.packing.print_request import Occasion, PrintRequest, PrintSpool, RecordingSpool
from app.printing import build, printers
from app.printing.config import PrintingConfig
from app.printing.config import load as load_config
from app.timeutil import utcnow
from printers.errors import PrintingError, TransportError

log = logging.getLogger(__name__)
ROLES = ("label", "document")
STATUS_TIMEOUT = 1.5  # seconds to wait for ~HS / ESC !? when the window asks
FAILED_LATELY = timedelta(hours=12)  # failed jobs older than this no longer turn a line red


class StationSpool:
    """The spool a station's packing engine is given: with ``auto_print`` on, a closed
    order's documents go to ``spool``; off, they are only recorded (as the packing
    engine's default spool does), and REPRINT still prints. The switch may be
    flipped from another thread (the window's set-up page) at any time.

    Nothing is rendered here: the order's close only queues its jobs, and the
    printer's worker renders them (a label in a few milliseconds), so the packer's
    answer to the last scan does not wait for the label."""

    def __init__(self, spool: PrintSpool, *, auto_print: bool = True) -> None:
        self.spool = spool
        self.auto_print = auto_print
        self.recorder = RecordingSpool()

    def submit(self, s: Session, request: PrintRequest) -> None:
        closing = request.occasion is Occasion.ORDER_CLOSED
        target = self.recorder if closing and not self.auto_print else self.spool
        target.submit(s, request)


@dataclass(frozen=True)
class StationPrinter:
    """A station's printer for one role; ``printer`` is None for the preview default."""

    role: str
    printer: printers.PrinterRow | None
    waiting: int = 0  # jobs pending or sending
    failed: int = 0  # jobs that failed (or were interrupted) lately and wait for a person
    last_error: str | None = None  # why the oldest waiting job is waiting
    problems: tuple[str, ...] | None = None  # the printer's own answer; None: not asked

    @property
    def name(self) -> str:
        return self.printer.name if self.printer else printers.PREVIEW

    @property
    def is_preview(self) -> bool:
        return self.printer is None or self.printer.uri.strip().startswith("preview")

    @property
    def ready(self) -> bool:
        return not self.problems and not self.failed and not (self.waiting and self.last_error)


def station_printers(engine: Engine, station: str) -> dict[str, printers.PrinterRow | None]:
    """The station's label and document printers (None where it has none)."""
    with unit_of_work(engine, read_only=True) as s:
        row = s.scalar(select(Station).where(Station.name == station))
        out: dict[str, printers.PrinterRow | None] = {"label": None, "document": None}
        if row is None:
            return out
        for role, printer_id in (
            ("label", row.label_printer_id),
            ("document", row.document_printer_id),
        ):
            printer = s.get(Printer, printer_id) if printer_id else None
            out[role] = printers.row(printer) if printer else None
        return out


def _queue(engine: Engine, printer_name: str) -> tuple[int, int, str | None]:
    with unit_of_work(engine, read_only=True) as s:
        printer_id = s.scalar(select(Printer.id).where(Printer.name == printer_name))
        if printer_id is None:
            return 0, 0, None
        counts: dict[JobStatus, int] = {
            status: n
            for status, n in s.execute(
                select(PrintJob.status, func.count())
                .where(PrintJob.printer_id == printer_id)
                .where(PrintJob.status.in_((JobStatus.PENDING, JobStatus.SENDING)))
                .group_by(PrintJob.status)
            )
        }
        failed = s.scalar(
            select(func.count())
            .select_from(PrintJob)
            .where(PrintJob.printer_id == printer_id)
            .where(PrintJob.status.in_((JobStatus.FAILED, JobStatus.INTERRUPTED)))
            .where(PrintJob.created_at >= utcnow() - FAILED_LATELY)
        )
        error = s.scalar(
            select(PrintJob.last_error)
            .where(PrintJob.printer_id == printer_id, PrintJob.status == JobStatus.PENDING)
            .order_by(PrintJob.id)
            .limit(1)
        )
    waiting = counts.get(JobStatus.PENDING, 0) + counts.get(JobStatus.SENDING, 0)
    return waiting, failed or 0, error


def ask(printer: printers.PrinterRow, timeout: float = STATUS_TIMEOUT) -> tuple[str, ...] | None:
    """The printer's own problems (empty: ready), or None when it is not asked: only
    ZPL and TSPL printers on the network are, since a serial or USB port is the
    spool's while it prints."""
    from printers import status
    from printers.transports import open_transport

    if printer.language not in ("zpl", "tspl") or not printer.uri.strip().startswith("tcp://"):
        return None
    try:
        transport = open_transport(printer.uri, timeout=timeout)
        if printer.language == "zpl":
            return status.zebra_status(transport, timeout).problems
        return status.tspl_status(transport, timeout).problems
    except TransportError:
        return ("no answer: the printer is off or unreachable",)
    except PrintingError as exc:
        return (str(exc),)


def states(engine: Engine, station: str, *, probe: bool = True) -> list[StationPrinter]:
    """How the station's printers are doing, label printer first."""
    out = []
    for role, printer in station_printers(engine, station).items():
        waiting, failed, error = _queue(engine, printer.name if printer else printers.PREVIEW)
        # while jobs wait, the queue says how the printer is doing, and a second
        # connection could get in the way of the spool's (one at a time on many printers)
        problems = ask(printer) if probe and printer is not None and not waiting else None
        out.append(StationPrinter(role, printer, waiting, failed, error, problems))
    return out


def save_printer(
    engine: Engine,
    *,
    station: str,
    role: str,
    name: str,
    uri: str,
    language: str,
    dpi: int,
    size: str | None,
    darkness: int | None,
    options: dict[str, Any] | None = None,
    config: PrintingConfig | None = None,
    user_id: int | None = None,
) -> printers.PrinterRow:
    """Add or change the printer called ``name`` and make it the station's ``role``
    printer. The URI is checked first; a bad one raises a ``PackdeskError`` that says
    what is wrong. A supervisor or above acts (``user_id``, checked first: a refusal
    is recorded); recorded in the audit (``printer.set``, by ``user_id``)."""
    from printers.transports import open_transport

    user_id = permissions.require(
        engine, user_id, permissions.Action.CHANGE_PRINTERS, entity="printer"
    ).user_id

    name, uri, language = name.strip(), uri.strip(), language.lower()
    if not name:
        raise PackdeskError("Give the printer a name.")
    if role not in ROLES:
        raise PackdeskError(
            f"A station's printer is its 'label' or 'document' printer, not {role!r}."
        )
    if language not in printers.LANGUAGES:
        raise PackdeskError(
            f"Printer language {language!r}: use one of {', '.join(printers.LANGUAGES)}."
        )
    if language in ("zpl", "tspl") and dpi not in (203, 300):
        raise PackdeskError(f"Label printers come at 203 or 300 dpi, not {dpi}.")
    top = {"zpl": 30, "tspl": 15}.get(language)
    if darkness is not None and (top is None or not 0 <= darkness <= top):
        raise PackdeskError(
            f"Darkness is 0 to {top} on a {language.upper()} printer, not {darkness}."
            if top
            else f"A {language.upper()} printer takes no darkness."
        )
    try:
        open_transport(uri, preview_folder=(config or load_config()).previews())
    except PrintingError as exc:
        raise PackdeskError(str(exc)) from exc
    width, height = printers.parse_size(size)
    with unit_of_work(engine) as s:
        printer = s.scalar(select(Printer).where(Printer.name == name))
        if printer is None:
            printer = Printer(name=name, options={})
            s.add(printer)
        printer.uri = uri
        printer.language = language
        printer.dpi = dpi
        printer.label_width_mm = width
        printer.label_height_mm = height
        printer.darkness = darkness
        printer.options = {**(printer.options or {}), **(options or {})}
        s.flush()
        printers.assign(s, station, printer, role)
        printers.record(
            s,
            printer,
            "printer.set",
            user_id,
            uri=uri,
            language=language,
            dpi=dpi,
            size=size,
            darkness=darkness,
            station=station,
            role=role,
        )
        return printers.row(printer)


def test_print(
    printer: printers.PrinterRow, *, config: PrintingConfig | None = None, timeout: float = 5.0
) -> int:
    """Send the test label (Chinese text, a Code 128, a QR) straight to the printer,
    not through the queue; returns the number of bytes sent."""
    from printers.documents import A4, LABEL_100X150, PageSize
    from printers.documents.sample import sample_label
    from printers.transports import open_transport

    if printer.label_width_mm and printer.label_height_mm:
        size = PageSize(printer.size, printer.label_width_mm, printer.label_height_mm)
    else:
        size = LABEL_100X150 if printer.language in ("zpl", "tspl") else A4
    try:
        payload = build.render(
            sample_label(size, printer.name),
            printer.language,
            dpi=printer.dpi,
            options=printer.options,
            darkness=printer.darkness,
        )
        transport = open_transport(
            printer.uri, preview_folder=(config or load_config()).previews(), timeout=timeout
        )
        transport.send(payload, title="printer-test")
    except (PrintingError, ValueError) as exc:
        raise PackdeskError(str(exc)) from exc
    return len(payload)


@dataclass(frozen=True)
class Device:
    """A place a printer can be reached, found on this machine."""

    uri: str
    description: str  # the device's own words (a port's product name, a queue's name)
    kind: str  # "serial", "usb" or "cups"


def devices() -> list[Device]:
    """Serial ports (pyserial), USB printer device files and CUPS queues (``lpstat
    -e``) this machine has, for the set-up page to offer. Takes a moment: run it off
    the GUI thread."""
    found: list[Device] = []
    try:
        from serial.tools import list_ports

        for port in sorted(list_ports.comports(), key=lambda p: p.device):
            words = port.device
            if port.description not in ("", "n/a", port.device):
                words = f"{port.device} {port.description}"
            found.append(Device(f"serial://{port.device}?baudrate=9600", words, "serial"))
    except ImportError:  # pragma: no cover - pyserial is a dependency
        pass
    for path in sorted(glob.glob("/dev/usb/lp*")):
        found.append(Device(f"usb://{path}", path, "usb"))
    lpstat = shutil.which("lpstat")
    if lpstat:
        try:
            done = subprocess.run(
                [lpstat, "-e"], capture_output=True, text=True, timeout=5, check=False
            )
            for queue in done.stdout.split():
                found.append(Device(f"cups://{queue}", queue, "cups"))
        except (OSError, subprocess.TimeoutExpired):
            pass
    return found
