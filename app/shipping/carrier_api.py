"""A carrier, asked for one parcel's tracking number and label.

``CarrierAdapter`` is what Packdesk needs of any carrier: create a shipment for one
parcel (a tracking number, perhaps a routing code and the carrier's own label) and
cancel one. ``HttpCarrierAdapter`` speaks a carrier-style HTTP/JSON API:

``POST {base_url}/shipments`` with the headers ``Authorization: Bearer KEY`` (when a
key is set), ``Idempotency-Key: KEY`` (the request's key, the same on every retry)
and ``Content-Type: application/json``, and the body::

    {"reference": "1001",                     the order number
     "parcel": {"seq": 1, "count": 2, "weight_g": 1250},      weight_g may be null
     "service": "standard", "carrier": "...",
     "recipient": {"name", "company", "lines": [...], "city", "region",
                   "postal_code", "country", "phone"},
     "sender": {... the same fields ...},
     "label_format": "zpl"}                   or "pdf"

The carrier answers 201 (created) or 200 (that key was seen before: the same shipment
again) with ``{"tracking_number", "routing_code", "label", "label_format"}``, the label
base64-encoded or null.

``DELETE {base_url}/shipments/{tracking_number}`` answers 204 (or 200); 404 means the
carrier knows no such shipment.

A 4xx answer carries ``{"errors": [{"field": "...", "message": "..."}]}``; other
bodies, JSON or not, are tolerated and told by their status and text. What each answer
becomes:

- 401, 403: ``CarrierRefused``, saying the API key was refused;
- 400, 404, 409, 422 and any other 4xx but 408 and 429: ``CarrierRefused``, with each
  reason the carrier gave; never retried, since asking again the same way gets the
  same no;
- 408, 429, 5xx, timeouts, refused or broken connections: asked again with the same
  idempotency key after ``backoff[i]`` seconds (at least what a ``Retry-After`` of a
  429 or 503 asks, up to ``RETRY_AFTER_MAX_S``); after ``attempts`` tries,
  ``CarrierUnavailable``, saying what happened and that the label will be asked for
  again;
- a 2xx answer that is not JSON, has no valid tracking number, or a label that is
  not base64 or not of its format: ``CarrierUnavailable`` ("the carrier's answer could
  not be read: ..."), not retried: the shipment may exist, and asking again later with
  the same idempotency key gets it, not a second one;
- 3xx: ``CarrierRefused`` (redirects are not followed: the carrier's address is wrong).

``timeout`` bounds each phase (connecting, each read, each write), not the whole call.
"""

from __future__ import annotations

import base64
import binascii
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Protocol
from urllib.parse import quote

import httpx

from app import __version__
from app.errors import PackdeskError

LABEL_FORMATS = ("zpl", "pdf")
TRACKING_NUMBER_MAX = 64  # the parcels table's column
ROUTING_CODE_MAX = 64
IDEMPOTENCY_KEY_MAX = 255
RETRY_AFTER_MAX_S = 10.0  # the longest a carrier's Retry-After holds a worker
_TEXT_KEPT = 200  # characters of a carrier's text kept in a message
_REASONS_KEPT = 20

LABEL_AGAIN = "The label will be asked for again."
CANCEL_AGAIN = "Cancel it again later."


@dataclass(frozen=True)
class Party:
    """A recipient or sender, as a carrier takes an address."""

    name: str
    company: str = ""
    lines: tuple[str, ...] = ()
    city: str = ""
    region: str = ""
    postal_code: str = ""
    country: str = ""  # ISO 3166 two-letter code
    phone: str = ""


@dataclass(frozen=True)
class ShipmentRequest:
    """One parcel to ship. ``idempotency_key`` is stable per parcel (e.g. "parcel-123"):
    every retry, and every later ask for the same parcel, sends it, so the carrier
    creates one shipment, not two."""

    idempotency_key: str
    carrier: str
    service: str
    order_number: str
    parcel_seq: int
    parcel_count: int
    weight_g: int | None
    recipient: Party
    sender: Party
    label_format: str = "zpl"  # "zpl" or "pdf": what the counter's printer takes

    def __post_init__(self) -> None:
        key = self.idempotency_key
        if not key or len(key) > IDEMPOTENCY_KEY_MAX or not _printable_ascii(key):
            raise ValueError(f"idempotency key {key!r} is not 1 to 255 printable ASCII")
        if self.label_format not in LABEL_FORMATS:
            raise ValueError(f"label format {self.label_format!r} is none of {LABEL_FORMATS}")

    def parcel_words(self) -> str:
        return f"parcel {self.parcel_seq} of {self.parcel_count} of order {self.order_number}"


@dataclass(frozen=True)
class Shipment:
    """What the carrier gave for one parcel."""

    tracking_number: str
    routing_code: str = ""  # sort code / 三段码 when the carrier gives one
    label: bytes | None = None  # the carrier's own label, when it sends one
    label_format: str | None = None  # "zpl" | "pdf"


class CarrierAdapter(Protocol):
    def create_shipment(self, request: ShipmentRequest) -> Shipment: ...

    def cancel(self, tracking_number: str) -> None: ...


class CarrierRefused(PackdeskError):
    """The carrier said no (a 4xx answer). Asking again the same way gets the same no,
    so it is never retried; ``reasons`` say why, in words for a person, and ``status``
    is the HTTP status (None when there was no answer to speak of)."""

    def __init__(self, summary: str, reasons: Sequence[str], status: int | None = None) -> None:
        self.reasons = list(reasons) or ["the carrier gave no reason"]
        self.status = status
        super().__init__(f"{summary}: {'; '.join(self.reasons).rstrip('.')}.")


class CarrierUnavailable(PackdeskError):
    """No usable answer from the carrier: 5xx, 429, timeouts, no connection (after the
    retries), or an answer that could not be read. ``happened`` says what, and
    ``attempts`` what each try met."""

    def __init__(
        self, summary: str, happened: str, then: str, attempts: Sequence[str] = ()
    ) -> None:
        self.summary = summary
        self.happened = happened
        self.attempts = list(attempts)
        super().__init__(f"{summary}: {happened}. {then}")


class _Unreadable(Exception):
    """A 2xx answer that is no shipment; the text says why."""


class HttpCarrierAdapter:
    """A carrier's HTTP/JSON API (the wire format is this module's docstring). One
    instance keeps its connections alive; ``close()`` it, or use it as a context
    manager. Calls block: run them on a worker, never on the GUI thread."""

    def __init__(
        self,
        base_url: str,
        api_key: str = "",
        *,
        timeout: float = 10.0,
        attempts: int = 3,
        backoff: Sequence[float] = (0.5, 1.0, 2.0),
        sleep: Callable[[float], None] = time.sleep,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        if attempts < 1:
            raise ValueError("attempts must be at least 1")
        if timeout <= 0:
            raise ValueError("timeout must be positive")
        self.base_url = _checked_base_url(base_url)
        self._has_key = bool(api_key)
        self._timeout = timeout
        self._attempts = attempts
        self._backoff = tuple(float(s) for s in backoff)
        self._sleep = sleep
        headers = {"User-Agent": f"Packdesk/{__version__}", "Accept": "application/json"}
        if api_key:
            headers["Authorization"] = f"Bearer {api_key}"
        self._client = httpx.Client(
            headers=headers,
            timeout=httpx.Timeout(timeout),
            transport=transport,
            follow_redirects=False,
        )

    def __enter__(self) -> HttpCarrierAdapter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def create_shipment(self, request: ShipmentRequest) -> Shipment:
        summary = f"No tracking number for {request.parcel_words()}"
        response, _ = self._exchange(
            "POST",
            f"{self.base_url}/shipments",
            body=_wire_body(request),
            headers={"Idempotency-Key": request.idempotency_key},
            summary=summary,
            then=LABEL_AGAIN,
        )
        status = response.status_code
        if 200 <= status < 300:
            try:
                return _shipment_from(response, request.label_format)
            except _Unreadable as exc:
                happened = f"the carrier's answer could not be read: {exc}"
                raise CarrierUnavailable(summary, happened, LABEL_AGAIN) from None
        refused = f"The carrier refused {request.parcel_words()}"
        if status == 404:
            reasons = [
                f"the carrier has no {response.request.url} ({_status_words(response)}): "
                "check the carrier's address in the settings",
                *_carrier_reasons(response),
            ]
            raise CarrierRefused(refused, reasons, status)
        raise CarrierRefused(refused, self._reasons(response), status)

    def cancel(self, tracking_number: str) -> None:
        if not tracking_number:
            raise ValueError("no tracking number to cancel")
        summary = f"Shipment {tracking_number} is not cancelled"
        response, in_doubt = self._exchange(
            "DELETE",
            f"{self.base_url}/shipments/{quote(tracking_number, safe='')}",
            body=None,
            headers={},
            summary=summary,
            then=CANCEL_AGAIN,
        )
        status = response.status_code
        if 200 <= status < 300:
            return
        refused = f"The carrier refused to cancel {tracking_number}"
        if status == 404:
            if in_doubt:
                # an earlier try may have cancelled it before its answer was lost: the
                # shipment is gone either way
                return
            raise CarrierRefused(refused, [f"unknown shipment {tracking_number}"], status)
        raise CarrierRefused(refused, self._reasons(response), status)

    def _exchange(
        self,
        method: str,
        url: str,
        *,
        body: dict[str, Any] | None,
        headers: dict[str, str],
        summary: str,
        then: str,
    ) -> tuple[httpx.Response, bool]:
        """The first answer that is no reason to ask again, and whether an earlier try
        may have reached the carrier without its answer reaching us."""
        happened: list[str] = []
        in_doubt = False
        delay = 0.0
        for attempt in range(self._attempts):
            if attempt:
                self._sleep(delay)
            delay = self._backoff[min(attempt, len(self._backoff) - 1)] if self._backoff else 0.0
            try:
                response = self._client.request(method, url, json=body, headers=headers)
            except httpx.RequestError as exc:
                happened.append(self._error_words(exc))
                sent = not isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout)
                in_doubt = in_doubt or (sent and not isinstance(exc, httpx.PoolTimeout))
                continue
            status = response.status_code
            if status in (408, 429) or status >= 500:
                happened.append(f"the carrier answered {_status_words(response)}")
                in_doubt = in_doubt or status >= 500  # 408 and 429: not carried out
                if status in (429, 503):
                    delay = max(delay, _retry_after(response))
                continue
            if 300 <= status < 400:
                where = response.headers.get("Location", "elsewhere")
                reason = (
                    f"the carrier's address answered {_status_words(response)}, pointing to "
                    f"{_plain(where)}: check the carrier's address in the settings"
                )
                raise CarrierRefused(summary, [reason], status)
            return response, in_doubt
        tries = f"{len(happened)} attempt{'s' if len(happened) != 1 else ''}"
        raise CarrierUnavailable(summary, f"{happened[-1]} ({tries})", then, happened)

    def _error_words(self, exc: httpx.RequestError) -> str:
        where = exc.request.url.netloc.decode("ascii", "replace")
        if isinstance(exc, httpx.ConnectTimeout):
            return f"no connection to {where} within {self._timeout:g} s"
        if isinstance(exc, httpx.TimeoutException):
            return f"no answer from {where} within {self._timeout:g} s"
        if isinstance(exc, httpx.ConnectError):
            if "refused" in str(exc).lower():
                return f"{where} refused the connection"
            return f"no connection to {where}: {_plain(str(exc))}"
        if isinstance(exc, httpx.RemoteProtocolError | httpx.ReadError | httpx.WriteError):
            return f"the connection to {where} broke: {_plain(str(exc))}"
        return f"{type(exc).__name__} with {where}: {_plain(str(exc))}"

    def _reasons(self, response: httpx.Response) -> list[str]:
        reasons = _carrier_reasons(response)
        if response.status_code in (401, 403):
            if self._has_key:
                key = f"the carrier refused the API key ({_status_words(response)})"
                reasons = [f"{key}: check the key in the carrier's settings", *reasons]
            else:
                key = f"no API key is set and the carrier asks for one ({response.status_code})"
                reasons = [f"{key}: enter it in the carrier's settings", *reasons]
        if not reasons:
            text = _excerpt(response)
            reasons = [
                f"the carrier answered {_status_words(response)}{': ' if text else ''}{text}"
            ]
        return reasons


def _checked_base_url(base_url: str) -> str:
    url = base_url.strip().rstrip("/")
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError):
        parsed = None
    if parsed is None or parsed.scheme not in ("http", "https") or not parsed.host:
        raise PackdeskError(
            f"The carrier's address {base_url!r} is not an http:// or https:// address."
        )
    return url


def _wire_body(request: ShipmentRequest) -> dict[str, Any]:
    return {
        "reference": request.order_number,
        "parcel": {
            "seq": request.parcel_seq,
            "count": request.parcel_count,
            "weight_g": request.weight_g,
        },
        "service": request.service,
        "carrier": request.carrier,
        "recipient": _wire_party(request.recipient),
        "sender": _wire_party(request.sender),
        "label_format": request.label_format,
    }


def _wire_party(party: Party) -> dict[str, Any]:
    return {
        "name": party.name,
        "company": party.company,
        "lines": list(party.lines),
        "city": party.city,
        "region": party.region,
        "postal_code": party.postal_code,
        "country": party.country,
        "phone": party.phone,
    }


def _shipment_from(response: httpx.Response, asked_format: str) -> Shipment:
    try:
        data = json.loads(response.content)
    except ValueError:  # not JSON, or not UTF-8
        text = _excerpt(response)
        raise _Unreadable(f"it is not JSON ({text or 'empty'})") from None
    if not isinstance(data, dict):
        raise _Unreadable("it is not a JSON object")
    tracking = data.get("tracking_number")
    if not isinstance(tracking, str) or not tracking.strip():
        raise _Unreadable("it has no tracking number")
    tracking = tracking.strip()
    if len(tracking) > TRACKING_NUMBER_MAX or not _printable_ascii(tracking):
        raise _Unreadable(
            f"its tracking number {_plain(tracking)[:80]!r} is not 1 to "
            f"{TRACKING_NUMBER_MAX} printable characters"
        )
    routing = data.get("routing_code") or ""
    if not isinstance(routing, str) or len(routing) > ROUTING_CODE_MAX:
        raise _Unreadable("its routing code is not a short text")
    routing = routing.strip()
    if routing and not routing.isprintable():
        raise _Unreadable(f"its routing code {_plain(routing)!r} is not printable")
    label, label_format = _label_from(data, asked_format)
    return Shipment(tracking, routing, label, label_format)


def _label_from(data: dict[str, Any], asked_format: str) -> tuple[bytes | None, str | None]:
    encoded = data.get("label")
    if encoded is None or encoded == "":
        return None, None
    if not isinstance(encoded, str):
        raise _Unreadable("its label is not base64 text")
    try:
        # carriers may wrap base64 in lines of 76 (MIME); anything else is not base64
        label = base64.b64decode("".join(encoded.split()), validate=True)
    except (binascii.Error, ValueError):
        raise _Unreadable("its label is not valid base64") from None
    named = data.get("label_format") or asked_format
    label_format = named.lower() if isinstance(named, str) else ""
    if label_format not in LABEL_FORMATS:
        raise _Unreadable(f"its label is in format {_plain(str(named))!r}, not ZPL or PDF")
    if label_format == "zpl" and b"^XA" not in label.upper():
        raise _Unreadable("its label is said to be ZPL but holds no ^XA")
    if label_format == "pdf" and b"%PDF-" not in label[:1024]:
        raise _Unreadable("its label is said to be PDF but is not one")
    return label, label_format


def _carrier_reasons(response: httpx.Response) -> list[str]:
    """The reasons in a carrier's error body, in its own words; [] when none is read."""
    try:
        data = json.loads(response.content)
    except ValueError:
        return []
    reasons: list[str] = []
    if isinstance(data, dict):
        errors = data.get("errors")
        if isinstance(errors, list):
            reasons.extend(r for r in map(_one_reason, errors) if r)
        elif isinstance(errors, dict):  # {"field": "message"} or {"field": ["message", ...]}
            for field, said in errors.items():
                for message in said if isinstance(said, list) else [said]:
                    reasons.append(f"{_plain(str(field))}: {_plain(str(message))}")
        if not reasons:
            for name in ("message", "error", "detail", "error_description"):
                said = data.get(name)
                if isinstance(said, str) and said.strip():
                    reasons.append(_plain(said))
                    break
    elif isinstance(data, list):
        reasons.extend(r for r in map(_one_reason, data) if r)
    return [r[:_TEXT_KEPT] for r in reasons[:_REASONS_KEPT]]


def _one_reason(error: object) -> str:
    if isinstance(error, str):
        return _plain(error)
    if not isinstance(error, dict):
        return ""
    field = error.get("field") or error.get("path") or ""
    message = error.get("message") or error.get("detail") or error.get("code") or ""
    field, message = _plain(str(field)), _plain(str(message))
    if field and message:
        return f"{field}: {message}"
    return message or (f"{field}: rejected" if field else "")


def _retry_after(response: httpx.Response) -> float:
    """Seconds a ``Retry-After`` header asks to wait (a number of seconds; an HTTP date
    is not worth a clock's trust), within ``RETRY_AFTER_MAX_S``; 0 without one."""
    try:
        seconds = float(response.headers.get("Retry-After", ""))
    except ValueError:
        return 0.0
    return min(max(seconds, 0.0), RETRY_AFTER_MAX_S) if seconds == seconds else 0.0


def _status_words(response: httpx.Response) -> str:
    return f"{response.status_code} {response.reason_phrase}".strip()


def _excerpt(response: httpx.Response) -> str:
    text = _plain(response.content[: _TEXT_KEPT * 4].decode("utf-8", "replace"))
    return text[:_TEXT_KEPT] + ("…" if len(text) > _TEXT_KEPT else "")


def _plain(text: str) -> str:
    """``text`` on one line, without control characters: safe to show a person."""
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())


def _printable_ascii(text: str) -> bool:
    """Visible ASCII only (no spaces): what a barcode and a database key take."""
    return all("!" <= c <= "~" for c in text)
