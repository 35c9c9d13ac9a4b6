"""A carrier's shipping API on 127.0.0.1, for tests: real HTTP/1.1 over a real socket,
behaving as a carrier does (the wire format is ``app.shipping.carrier_api``'s).

It checks the API key (401), the idempotency key and the JSON (400), and the shipment
(422, naming every missing or bad field); it keeps shipments by idempotency key, so
the same key answers the same shipment again (200, created once), and the same key
with a different shipment is a conflict (409). Tracking numbers are "PD" and 10
digits, routing codes like "755-W01-12"; the label is a small real ZPL label (the
tracking number as a Code 128 ``^BC``) or a one-page PDF, base64-encoded. DELETE
cancels (204, again 204 for a cancelled one; 404 for an unknown one).

Faults are queued for the next requests, one each, in order (``queue``): an answer of
any status (500, 429 with ``Retry-After``...), a hang past the client's timeout, a
shipment created and then no answer until after the client's timeout (the client must
retry with the same key and get the same shipment), a slow but timely answer, a 200
with garbage, a connection closed without an answer.

``requests`` keeps every request received (method, path, headers, body), faults
included; ``shipments_created`` counts the shipments created; ``errors`` keeps what
broke in a handler (a test fixture asserts it stays empty).
"""

from __future__ import annotations

import base64
import contextlib
import io
import itertools
import json
import threading
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

HANG_S = 5.0  # longer than any test's timeout; stopping the server ends it sooner


@dataclass(frozen=True)
class Fault:
    """What the server does with one request instead of answering it plainly."""

    kind: str  # "answer", "hang", "process_then_hang", "slow", "drop"
    status: int = 200
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()
    seconds: float = 0.0


def answer(status: int, body: bytes | dict[str, Any] | None = None, **headers: str) -> Fault:
    """Answer ``status`` with ``body`` (a dict is sent as JSON) without processing the
    request; ``retry_after="3"`` becomes the header ``Retry-After: 3``."""
    if body is None:
        body = {"errors": [{"field": "", "message": f"test fault {status}"}]}
    raw = json.dumps(body).encode() if isinstance(body, dict) else body
    named = tuple((name.replace("_", "-").title(), value) for name, value in headers.items())
    return Fault("answer", status, raw, named)


def garbage(body: bytes = b"<html><body>Service temporarily moved</body></html>") -> Fault:
    """A 200 whose body is no shipment (not processed)."""
    return Fault("answer", 200, body, (("Content-Type", "text/html"),))


def hang(seconds: float = HANG_S) -> Fault:
    """No answer for ``seconds``, then the connection is closed; nothing is created."""
    return Fault("hang", seconds=seconds)


def process_then_hang(seconds: float = HANG_S) -> Fault:
    """The request is carried out (the shipment created, or cancelled), and its answer
    is sent only after ``seconds``: past the client's timeout, as when a carrier's
    answer is lost on the way back."""
    return Fault("process_then_hang", seconds=seconds)


def slow(seconds: float) -> Fault:
    """Carried out, and answered after ``seconds``."""
    return Fault("slow", seconds=seconds)


def drop() -> Fault:
    """The connection is closed without an answer; nothing is created."""
    return Fault("drop")


@dataclass(frozen=True)
class Received:
    method: str
    path: str
    headers: dict[str, str]  # names in lower case
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class StoredShipment:
    idempotency_key: str
    tracking_number: str
    routing_code: str
    request: dict[str, Any]
    label: bytes | None
    label_format: str
    cancelled: bool = False


@dataclass
class _Answer:
    status: int
    body: bytes = b""
    headers: list[tuple[str, str]] = field(default_factory=list)


class CarrierServer:
    def __init__(
        self,
        api_key: str = "test-key",
        *,
        services: tuple[str, ...] = ("standard", "express"),
        forget_cancelled: bool = False,
    ) -> None:
        self.api_key = api_key
        self.services = services
        self.forget_cancelled = forget_cancelled  # some carriers delete, not void
        self.requests: list[Received] = []
        self.shipments: dict[str, StoredShipment] = {}  # by idempotency key
        self.shipments_created = 0
        self.errors: list[BaseException] = []
        self._faults: deque[Fault] = deque()
        self._lock = threading.Lock()
        self._released = threading.Event()
        self._numbers = itertools.count(4_107_000_001)
        self._httpd: _Httpd | None = None
        self._thread: threading.Thread | None = None

    # -- running -------------------------------------------------------------------

    @property
    def url(self) -> str:
        assert self._httpd is not None, "the carrier server is not started"
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def start(self) -> CarrierServer:
        self._httpd = _Httpd(("127.0.0.1", 0), _Handler, self)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._released.set()  # hung answers end now
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(5)

    def __enter__(self) -> CarrierServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def queue(self, *faults: Fault) -> None:
        """What the next requests meet, one fault each, in order."""
        with self._lock:
            self._faults.extend(faults)

    def by_tracking_number(self, tracking_number: str) -> StoredShipment | None:
        with self._lock:
            for shipment in self.shipments.values():
                if shipment.tracking_number == tracking_number:
                    return shipment
        return None

    # -- what a carrier does -----------------------------------------------------------

    def _received(self, request: Received) -> Fault | None:
        with self._lock:
            self.requests.append(request)
            return self._faults.popleft() if self._faults else None

    def _hold(self, seconds: float) -> None:
        self._released.wait(seconds)

    def handle(self, request: Received) -> _Answer:
        if self.api_key and request.headers.get("authorization") != f"Bearer {self.api_key}":
            return _errors(401, [("Authorization", "invalid or missing API key")])
        parts = request.path.split("?")[0].strip("/").split("/")
        if request.method == "POST" and parts == ["shipments"]:
            return self._create(request)
        if request.method == "DELETE" and len(parts) == 2 and parts[0] == "shipments":
            return self._cancel(parts[1])
        if parts[0] != "shipments":
            return _errors(404, [("", f"no such resource {request.path}")])
        return _errors(405, [("", f"{request.method} is not allowed here")])

    def _create(self, request: Received) -> _Answer:
        key = request.headers.get("idempotency-key", "")
        if not key:
            return _errors(400, [("Idempotency-Key", "the header is required")])
        try:
            body = request.json()
        except ValueError:
            return _errors(400, [("", "the body is not JSON")])
        if not isinstance(body, dict):
            return _errors(400, [("", "the body is not a JSON object")])
        problems = self._problems(body)
        if problems:
            return _errors(422, problems)
        with self._lock:
            stored = self.shipments.get(key)
            if stored is not None:
                if stored.request != body:
                    return _errors(
                        409, [("Idempotency-Key", "was already used for a different shipment")]
                    )
                return _shipment_answer(200, stored)
            n = next(self._numbers)
            tracking = f"PD{n:010d}"
            postal = "".join(c for c in body["recipient"]["postal_code"] if c.isdigit())
            routing = f"{(postal + '000')[:3]}-W{n % 20 + 1:02d}-{n % 90 + 10:02d}"
            label_format = body["label_format"]
            if label_format == "zpl":
                label = zpl_label(tracking, routing, body["recipient"])
            else:
                label = pdf_label(tracking, routing, body["recipient"])
            stored = StoredShipment(key, tracking, routing, body, label, label_format)
            self.shipments[key] = stored
            self.shipments_created += 1
            return _shipment_answer(201, stored)

    def _problems(self, body: dict[str, Any]) -> list[tuple[str, str]]:
        problems: list[tuple[str, str]] = []
        if not _text(body.get("reference")):
            problems.append(("reference", "is required"))
        if body.get("service") not in self.services:
            problems.append(("service", f"unknown service; one of {', '.join(self.services)}"))
        if body.get("label_format") not in ("zpl", "pdf"):
            problems.append(("label_format", "must be zpl or pdf"))
        parcel = body.get("parcel")
        if not isinstance(parcel, dict):
            problems.append(("parcel", "is required"))
        else:
            seq, count, weight = parcel.get("seq"), parcel.get("count"), parcel.get("weight_g")
            if not (isinstance(seq, int) and isinstance(count, int) and 1 <= seq <= count):
                problems.append(("parcel.seq", "must be from 1 to parcel.count"))
            if weight is not None and not (isinstance(weight, int) and weight > 0):
                problems.append(("parcel.weight_g", "must be a positive number of grams"))
        for role, required in (
            ("recipient", ("name", "city", "postal_code", "country")),
            ("sender", ("name", "country")),
        ):
            party = body.get(role)
            if not isinstance(party, dict):
                problems.append((role, "is required"))
                continue
            for name in required:
                if not _text(party.get(name)):
                    problems.append((f"{role}.{name}", "is required"))
            if role == "recipient":
                lines = party.get("lines")
                if not (isinstance(lines, list) and any(_text(line) for line in lines)):
                    problems.append((f"{role}.lines", "at least one address line is required"))
            country = party.get("country")
            if (
                isinstance(country, str)
                and country
                and not (len(country) == 2 and country.isalpha())
            ):
                problems.append((f"{role}.country", "must be an ISO 3166 two-letter code"))
        return problems

    def _cancel(self, tracking_number: str) -> _Answer:
        with self._lock:
            for key, stored in self.shipments.items():
                if stored.tracking_number == tracking_number:
                    if self.forget_cancelled:
                        del self.shipments[key]
                    stored.cancelled = True
                    return _Answer(204)
        return _errors(404, [("tracking_number", "unknown shipment")])


def _text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _errors(status: int, problems: list[tuple[str, str]]) -> _Answer:
    body = {"errors": [{"field": f, "message": m} for f, m in problems]}
    return _Answer(status, json.dumps(body).encode(), [("Content-Type", "application/json")])


def _shipment_answer(status: int, stored: StoredShipment) -> _Answer:
    label = base64.b64encode(stored.label).decode("ascii") if stored.label else None
    body = {
        "tracking_number": stored.tracking_number,
        "routing_code": stored.routing_code,
        "label": label,
        "label_format": stored.label_format if label else None,
    }
    return _Answer(status, json.dumps(body).encode(), [("Content-Type", "application/json")])


def _zpl_text(text: str) -> str:
    """Text for a ^FD field: ZPL's command characters cannot appear in it."""
    return text.replace("^", " ").replace("~", " ")


def zpl_label(tracking: str, routing: str, recipient: dict[str, Any]) -> bytes:
    """A 4 x 6 inch label at 203 dpi, as a carrier's API sends one."""
    address = [recipient.get("name", ""), recipient.get("company", "")]
    address += list(recipient.get("lines", []))
    address.append(" ".join(str(recipient.get(k, "")) for k in ("postal_code", "city", "country")))
    commands = ["^XA", "^CI28", "^PW812", "^LL1218", "^FO40,40^A0N,36,36^FDPD TEST CARRIER^FS"]
    commands.append(f"^FO40,100^A0N,100,100^FD{_zpl_text(routing)}^FS")
    for i, line in enumerate(a for a in address if a.strip()):
        commands.append(f"^FO40,{250 + 40 * i}^A0N,32,32^FD{_zpl_text(line)}^FS")
    commands.append(f"^FO60,700^BY3^BCN,220,Y,N,N^FD{tracking}^FS")
    commands.append("^XZ")
    return ("\n".join(commands) + "\n").encode("utf-8")


def pdf_label(tracking: str, routing: str, recipient: dict[str, Any]) -> bytes:
    """A 100 x 150 mm PDF label with the tracking number as Code 128."""
    from reportlab.graphics.barcode import code128
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=(100 * mm, 150 * mm))
    page.setFont("Helvetica-Bold", 28)
    page.drawString(8 * mm, 130 * mm, routing)
    page.setFont("Helvetica", 11)
    page.drawString(8 * mm, 115 * mm, str(recipient.get("name", "")))
    code128.Code128(tracking, barHeight=25 * mm, barWidth=0.4 * mm).drawOn(page, 5 * mm, 30 * mm)
    page.drawString(8 * mm, 22 * mm, tracking)
    page.showPage()
    page.save()
    return out.getvalue()


class _Httpd(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(
        self,
        address: tuple[str, int],
        handler: type[BaseHTTPRequestHandler],
        carrier: CarrierServer,
    ) -> None:
        self.carrier = carrier
        super().__init__(address, handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        import sys

        exc = sys.exc_info()[1]
        if exc is not None and not isinstance(exc, ConnectionError | TimeoutError):
            self.carrier.errors.append(exc)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # kept-alive connections, as carriers' APIs have
    timeout = 5  # an idle kept-alive connection is closed after this
    disable_nagle_algorithm = True  # headers and body go in two writes: no 40 ms wait
    server: _Httpd

    def do_POST(self) -> None:
        self._serve()

    def do_DELETE(self) -> None:
        self._serve()

    def do_GET(self) -> None:
        self._serve()

    def log_message(self, format: str, *args: Any) -> None:
        pass  # quiet

    def _serve(self) -> None:
        carrier = self.server.carrier
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        headers = {name.lower(): value for name, value in self.headers.items()}
        request = Received(self.command, self.path, headers, body)
        fault = carrier._received(request)
        if fault is None:
            self._send(carrier.handle(request))
        elif fault.kind == "answer":
            self._send(_Answer(fault.status, fault.body, list(fault.headers)))
        elif fault.kind in ("hang", "drop"):
            if fault.kind == "hang":
                carrier._hold(fault.seconds)
            self.close_connection = True
        elif fault.kind == "process_then_hang":
            result = carrier.handle(request)
            carrier._hold(fault.seconds)
            with contextlib.suppress(OSError):  # the client is long gone
                self._send(result)
            self.close_connection = True
        elif fault.kind == "slow":
            carrier._hold(fault.seconds)
            self._send(carrier.handle(request))
        else:  # pragma: no cover - a test's typo
            raise ValueError(f"unknown fault {fault.kind!r}")

    def _send(self, result: _Answer) -> None:
        self.send_response(result.status)
        for name, value in result.headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(result.body)))
        self.end_headers()
        if result.body:
            self.wfile.write(result.body)


@contextlib.contextmanager
def carrier_server(**options: Any) -> Iterator[CarrierServer]:
    """A running carrier server; its handlers must not have broken."""
    with CarrierServer(**options) as server:
        yield server
    assert server.errors == [], f"the carrier server broke: {server.errors!r}"
