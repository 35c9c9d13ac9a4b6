"""The HTTP carrier adapter against a carrier-like server on a real socket: shipments,
labels, refusals, retries with one idempotency key, and answers that cannot be read.

Timeouts are tiny (``SHORT``) where a hang is played, and the backoff's sleeps are
recorded, not slept, so the whole file takes a few seconds."""

from __future__ import annotations

import base64
import json
import re
import socket
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from app.errors import PackdeskError
from app.shipping.carrier_api import (
    RETRY_AFTER_MAX_S,
    CarrierAdapter,
    CarrierRefused,
    CarrierUnavailable,
    HttpCarrierAdapter,
    Party,
    Shipment,
    ShipmentRequest,
)
from tests.app.shipping.carrier_server import (
    CarrierServer,
    answer,
    carrier_server,
    drop,
    garbage,
    hang,
    process_then_hang,
    slow,
)

SHORT = 0.3  # the client's timeout where the server hangs
EASY = 5.0  # the client's timeout where nothing should come near it
KEY = "test-key"

RECIPIENT = Party(
    name="王小明",
    company="Acme Trading",
    lines=("科技园南区 18 号", "3 楼"),
    city="深圳",
    region="广东",
    postal_code="518057",
    country="CN",
    phone="+86 755 1234 5678",
)
SENDER = Party(name="Packdesk Warehouse", lines=("1 Dock Road",), city="Dongguan", country="CN")


def request(key: str = "parcel-123", **changes: Any) -> ShipmentRequest:
    fields: dict[str, Any] = {
        "idempotency_key": key,
        "carrier": "pd-test",
        "service": "standard",
        "order_number": "1001",
        "parcel_seq": 1,
        "parcel_count": 2,
        "weight_g": 1250,
        "recipient": RECIPIENT,
        "sender": SENDER,
    }
    fields.update(changes)
    return ShipmentRequest(**fields)


@pytest.fixture
def carrier() -> Iterator[CarrierServer]:
    with carrier_server(api_key=KEY) as server:
        yield server


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def adapter(
    carrier: CarrierServer, sleeps: list[float]
) -> Iterator[Callable[..., HttpCarrierAdapter]]:
    """Adapters to ``carrier`` (timeout EASY, api key KEY unless told), each sleeping
    into ``sleeps``; all closed after the test."""
    made: list[HttpCarrierAdapter] = []

    def make(**options: Any) -> HttpCarrierAdapter:
        options.setdefault("api_key", KEY)
        options.setdefault("timeout", EASY)
        one = HttpCarrierAdapter(carrier.url, sleep=sleeps.append, **options)
        made.append(one)
        return one

    yield make
    for one in made:
        one.close()


def keys_sent(carrier: CarrierServer) -> list[str]:
    return [r.headers.get("idempotency-key", "") for r in carrier.requests]


# -- a shipment -------------------------------------------------------------------------


def test_a_shipment_has_a_tracking_number_a_routing_code_and_a_zpl_label(
    carrier: CarrierServer, adapter: Callable[..., HttpCarrierAdapter], sleeps: list[float]
) -> None:
    shipment = adapter().create_shipment(request())

    assert re.fullmatch(r"PD\d{10}", shipment.tracking_number)
    assert re.fullmatch(r"518-W\d\d-\d\d", shipment.routing_code)
    assert shipment.label_format == "zpl"
    assert shipment.label is not None
    assert shipment.label.startswith(b"^XA")
    assert shipment.label.rstrip().endswith(b"^XZ")
    barcode = re.search(rb"\^BC[^\^]*\^FD([^\^]+)\^FS", shipment.label)
    assert barcode is not None and barcode.group(1).decode() == shipment.tracking_number
    assert "王小明".encode() in shipment.label  # ^CI28: UTF-8 text
    stored = carrier.by_tracking_number(shipment.tracking_number)
    assert stored is not None and shipment.label == stored.label
    assert carrier.shipments_created == 1
    assert sleeps == []


def test_the_request_is_the_documented_wire_format(
    carrier: CarrierServer, adapter: Callable[..., HttpCarrierAdapter]
) -> None:
    adapter().create_shipment(request())

    [sent] = carrier.requests
    assert (sent.method, sent.path) == ("POST", "/shipments")
    assert sent.headers["authorization"] == f"Bearer {KEY}"
    assert sent.headers["idempotency-key"] == "parcel-123"
    assert sent.headers["content-type"] == "application/json"
    assert sent.json() == {
        "reference": "1001",
        "parcel": {"seq": 1, "count": 2, "weight_g": 1250},
        "service": "standard",
        "carrier": "pd-test",
        "recipient": {
            "name": "王小明",
            "company": "Acme Trading",
            "lines": ["科技园南区 18 号", "3 楼"],
            "city": "深圳",
            "region": "广东",
            "postal_code": "518057",
            "country": "CN",
            "phone": "+86 755 1234 5678",
        },
        "sender": {
            "name": "Packdesk Warehouse",
            "company": "",
            "lines": ["1 Dock Road"],
            "city": "Dongguan",
            "region": "",
            "postal_code": "",
            "country": "CN",
            "phone": "",
        },
        "label_format": "zpl",
    }


def test_a_pdf_label_when_the_printer_takes_pdf(
    adapter: Callable[..., HttpCarrierAdapter],
) -> None:
    shipment = adapter().create_shipment(request(label_format="pdf", weight_g=None))

    assert shipment.label_format == "pdf"
    assert shipment.label is not None and shipment.label.startswith(b"%PDF-")


def test_asking_again_for_the_same_parcel_gets_the_same_shipment(
    carrier: CarrierServer, adapter: Callable[..., HttpCarrierAdapter]
) -> None:
    first = adapter().create_shipment(request())
    again = adapter().create_shipment(request())  # e.g. after a restart: a new adapter
    other = adapter().create_shipment(request("parcel-124", parcel_seq=2))

    assert again == first
    assert other.tracking_number != first.tracking_number
    assert carrier.shipments_created == 2
    assert keys_sent(carrier) == ["parcel-123", "parcel-123", "parcel-124"]


def test_an_adapter_is_a_carrier_adapter_and_a_context_manager(carrier: CarrierServer) -> None:
    with HttpCarrierAdapter(carrier.url + "/", KEY) as http:
        as_protocol: CarrierAdapter = http
        assert isinstance(as_protocol.create_shipment(request()), Shipment)


# -- the carrier says no ----------------------------------------------------------------


def test_a_422_names_every_missing_field_and_is_not_retried(
    carrier: CarrierServer, adapter: Callable[..., HttpCarrierAdapter], sleeps: list[float]
) -> None:
    nobody = Party(name=" ", lines=("",), region="Guangdong")

    with pytest.raises(CarrierRefused) as refused:
        adapter().create_shipment(request(recipient=nobody))

    assert refused.value.status == 422
    assert refused.value.reasons == [
        "recipient.name: is required",
        "recipient.city: is required",
        "recipient.postal_code: is required",
        "recipient.country: is required",
        "recipient.lines: at least one address line is required",
    ]
    message = str(refused.value)
    assert message.startswith("The carrier refused parcel 1 of 2 of order 1001: ")
    assert "recipient.postal_code: is required" in message
    assert len(carrier.requests) == 1
    assert sleeps == []
    assert carrier.shipments_created == 0


@pytest.mark.parametrize(
    ("api_key", "words"),
    [
        ("wrong-key", "the carrier refused the API key (401 Unauthorized)"),
        ("", "no API key is set and the carrier asks for one (401)"),
    ],
)
def test_a_refused_api_key_is_said_and_not_retried(
    carrier: CarrierServer,
    adapter: Callable[..., HttpCarrierAdapter],
    sleeps: list[float],
    api_key: str,
    words: str,
) -> None:
    with pytest.raises(CarrierRefused) as refused:
        adapter(api_key=api_key).create_shipment(request())

    assert refused.value.status == 401
    assert words in refused.value.reasons[0]
    assert "API key" in str(refused.value)
    assert "Authorization: invalid or missing API key" in refused.value.reasons
    assert len(carrier.requests) == 1 and sleeps == []
    if not api_key:
        assert "authorization" not in carrier.requests[0].headers


def test_the_same_key_for_a_different_parcel_is_a_conflict(
    carrier: CarrierServer, adapter: Callable[..., HttpCarrierAdapter]
) -> None:
    adapter().create_shipment(request())

    with pytest.raises(CarrierRefused) as refused:
        adapter().create_shipment(request(weight_g=1900))  # re-weighed, same key

    assert refused.value.status == 409
    assert refused.value.reasons == ["Idempotency-Key: was already used for a different shipment"]
    assert carrier.shipments_created == 1


@pytest.mark.parametrize(
    ("fault_status", "body", "reason"),
    [
        (400, b"<html><h1>Bad Request</h1></html>", "the carrier answered 400 Bad Request: "),
        (422, b"", "the carrier answered 422 Unprocessable"),
        (400, json.dumps({"message": "weight too high"}).encode(), "weight too high"),
        (409, json.dumps({"errors": {"parcel": ["closed"]}}).encode(), "parcel: closed"),
        (404, json.dumps({"errors": []}).encode(), "check the carrier's address"),
    ],
)
def test_any_refusal_body_is_told_in_words(
    carrier: CarrierServer,
    adapter: Callable[..., HttpCarrierAdapter],
    fault_status: int,
    body: bytes,
    reason: str,
) -> None:
    carrier.queue(answer(fault_status, body))

    with pytest.raises(CarrierRefused) as refused:
        adapter().create_shipment(request())

    assert refused.value.status == fault_status
    assert reason in refused.value.reasons[0]
    assert len(carrier.requests) == 1


def test_a_redirect_is_not_followed(
    carrier: CarrierServer, adapter: Callable[..., HttpCarrierAdapter]
) -> None:
    carrier.queue(answer(301, b"", location="https://login.example.com/"))

    with pytest.raises(CarrierRefused, match=re.escape("pointing to https://login.example.com/")):
        adapter().create_shipment(request())
    assert len(carrier.requests) == 1


# -- retries with one idempotency key -----------------------------------------------------


def test_500_then_a_timeout_then_success_is_one_shipment(
    carrier: CarrierServer, adapter: Callable[..., HttpCarrierAdapter], sleeps: list[float]
) -> None:
    carrier.queue(answer(500), hang())

    shipment = adapter(timeout=SHORT).create_shipment(request())

    assert carrier.shipments_created == 1
    assert keys_sent(carrier) == ["parcel-123"] * 3
    assert sleeps == [0.5, 1.0]
    stored = carrier.by_tracking_number(shipment.tracking_number)
    assert stored is not None and stored.idempotency_key == "parcel-123"


def test_a_shipment_created_whose_answer_is_lost_is_not_created_twice(
    carrier: CarrierServer, adapter: Callable[..., HttpCarrierAdapter], sleeps: list[float]
) -> None:
    carrier.queue(process_then_hang())

    shipment = adapter(timeout=SHORT).create_shipment(request())

    assert carrier.shipments_created == 1
    [stored] = carrier.shipments.values()
    assert shipment.tracking_number == stored.tracking_number
    assert keys_sent(carrier) == ["parcel-123", "parcel-123"]
    assert sleeps == [0.5]


def test_a_dropped_connection_is_asked_again(
    carrier: CarrierServer, adapter: Callable[..., HttpCarrierAdapter], sleeps: list[float]
) -> None:
    carrier.queue(drop())

    adapter().create_shipment(request())

    assert len(carrier.requests) == 2 and carrier.shipments_created == 1
    assert sleeps == [0.5]


@pytest.mark.parametrize(
    ("attempts", "backoff", "delays"),
    [(3, (0.5, 1.0, 2.0), [0.5, 1.0]), (5, (0.1, 0.2), [0.1, 0.2, 0.2, 0.2]), (1, (), [])],
)
def test_when_every_attempt_fails_the_carrier_is_unavailable(
    carrier: CarrierServer,
    adapter: Callable[..., HttpCarrierAdapter],
    sleeps: list[float],
    attempts: int,
    backoff: tuple[float, ...],
    delays: list[float],
) -> None:
    carrier.queue(*[answer(502)] * (attempts - 1), answer(503))
    carrier.queue(answer(500))  # one more than the attempts: never asked

    with pytest.raises(CarrierUnavailable) as unavailable:
        adapter(attempts=attempts, backoff=backoff).create_shipment(request())

    assert len(carrier.requests) == attempts
    assert sleeps == delays
    message = str(unavailable.value)
    assert message.startswith("No tracking number for parcel 1 of 2 of order 1001: ")
    assert "the carrier answered 503 Service Unavailable" in message
    assert message.endswith("The label will be asked for again.")
    assert len(unavailable.value.attempts) == attempts
    assert carrier.shipments_created == 0


def test_timeouts_every_time_are_unavailable_and_say_so(
    carrier: CarrierServer, adapter: Callable[..., HttpCarrierAdapter], sleeps: list[float]
) -> None:
    carrier.queue(hang(), process_then_hang(), answer(429))

    with pytest.raises(CarrierUnavailable) as unavailable:
        adapter(timeout=SHORT).create_shipment(request())

    assert unavailable.value.attempts[0] == f"no answer from {carrier.url[7:]} within 0.3 s"
    assert "429 Too Many Requests" in unavailable.value.attempts[2]
    assert len(carrier.requests) == 3 and sleeps == [0.5, 1.0]
    # the second attempt created it: asked again later, the same shipment comes back
    shipment = adapter().create_shipment(request())
    assert carrier.shipments_created == 1
    assert carrier.by_tracking_number(shipment.tracking_number) is not None


@pytest.mark.parametrize(
    ("retry_after", "delay"), [("3", 3.0), ("0.2", 0.5), ("3600", RETRY_AFTER_MAX_S), ("soon", 0.5)]
)
def test_a_429s_retry_after_is_honoured_within_bounds(
    carrier: CarrierServer,
    adapter: Callable[..., HttpCarrierAdapter],
    sleeps: list[float],
    retry_after: str,
    delay: float,
) -> None:
    carrier.queue(answer(429, retry_after=retry_after))

    adapter().create_shipment(request())

    assert sleeps == [delay]
    assert carrier.shipments_created == 1


def test_a_slow_answer_within_the_timeout_is_taken(
    carrier: CarrierServer, adapter: Callable[..., HttpCarrierAdapter], sleeps: list[float]
) -> None:
    carrier.queue(slow(0.2))

    shipment = adapter(timeout=1.5).create_shipment(request())

    assert shipment.tracking_number.startswith("PD")
    assert len(carrier.requests) == 1 and sleeps == []


def test_a_closed_port_is_unavailable_after_the_attempts(sleeps: list[float]) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed when the block ends: nothing listens there

    with (
        HttpCarrierAdapter(f"http://127.0.0.1:{port}", KEY, sleep=sleeps.append) as http,
        pytest.raises(CarrierUnavailable) as unavailable,
    ):
        http.create_shipment(request())

    assert f"127.0.0.1:{port} refused the connection (3 attempts)" in str(unavailable.value)
    assert sleeps == [0.5, 1.0]


# -- answers that cannot be read --------------------------------------------------------


def shipment_body(**fields: Any) -> bytes:
    body: dict[str, Any] = {
        "tracking_number": "PD0000000001",
        "routing_code": "755-W01-12",
        "label": base64.b64encode(b"^XA^FO10,10^BCN,50^FDPD0000000001^FS^XZ").decode(),
        "label_format": "zpl",
    }
    body.update(fields)
    return json.dumps(body).encode()


@pytest.mark.parametrize(
    ("body", "why"),
    [
        (b"<html><body>Service temporarily moved</body></html>", "it is not JSON (<html>"),
        (b"", "it is not JSON (empty)"),
        (b"\xff\xfe{", "it is not JSON"),
        (b'["PD0000000001"]', "it is not a JSON object"),
        (shipment_body(tracking_number=None), "it has no tracking number"),
        (shipment_body(tracking_number="  "), "it has no tracking number"),
        (shipment_body(tracking_number=12345), "it has no tracking number"),
        (shipment_body(tracking_number="P" * 65), "not 1 to 64 printable characters"),
        (shipment_body(tracking_number="PD12\x1b34"), "not 1 to 64 printable characters"),
        (shipment_body(tracking_number="PD 1234"), "not 1 to 64 printable characters"),
        (shipment_body(label="^XA not base64!"), "its label is not valid base64"),
        (shipment_body(label=42), "its label is not base64 text"),
        (shipment_body(label_format="png"), "its label is in format 'png'"),
        (
            shipment_body(label=base64.b64encode(b"%PDF-1.4 ...").decode()),
            "said to be ZPL but holds no ^XA",
        ),
        (shipment_body(routing_code=["755"]), "its routing code is not a short text"),
    ],
)
def test_a_2xx_that_cannot_be_read_is_unavailable_not_a_crash(
    carrier: CarrierServer,
    adapter: Callable[..., HttpCarrierAdapter],
    sleeps: list[float],
    body: bytes,
    why: str,
) -> None:
    carrier.queue(garbage(body))

    with pytest.raises(CarrierUnavailable) as unavailable:
        adapter().create_shipment(request())

    assert "the carrier's answer could not be read: " in str(unavailable.value)
    assert why in str(unavailable.value)
    assert str(unavailable.value).endswith("The label will be asked for again.")
    assert len(carrier.requests) == 1 and sleeps == []  # not retried


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"routing_code": None, "label": None, "label_format": None},
            Shipment("PD0000000001"),
        ),
        (
            {"tracking_number": " PD0000000001\n", "label": "XlhBXlha\nXlha\n"},
            Shipment("PD0000000001", "755-W01-12", b"^XA^XZ^XZ", "zpl"),
        ),
    ],
)
def test_a_2xx_without_a_label_or_with_wrapped_base64_is_read(
    carrier: CarrierServer,
    adapter: Callable[..., HttpCarrierAdapter],
    fields: dict[str, Any],
    expected: Shipment,
) -> None:
    carrier.queue(answer(201, shipment_body(**fields)))

    assert adapter().create_shipment(request()) == expected


# -- cancelling -------------------------------------------------------------------------


def test_cancel(carrier: CarrierServer, adapter: Callable[..., HttpCarrierAdapter]) -> None:
    http = adapter()
    shipment = http.create_shipment(request())

    http.cancel(shipment.tracking_number)
    http.cancel(shipment.tracking_number)  # cancelling a cancelled one is no error

    stored = carrier.by_tracking_number(shipment.tracking_number)
    assert stored is not None and stored.cancelled
    cancels = carrier.requests[1:]
    assert [(r.method, r.path) for r in cancels] == [
        ("DELETE", f"/shipments/{shipment.tracking_number}")
    ] * 2
    assert all(r.headers["authorization"] == f"Bearer {KEY}" for r in cancels)


def test_cancelling_an_unknown_shipment_is_refused(
    carrier: CarrierServer, adapter: Callable[..., HttpCarrierAdapter], sleeps: list[float]
) -> None:
    with pytest.raises(CarrierRefused) as refused:
        adapter().cancel("PD9999999999")

    assert refused.value.status == 404
    assert refused.value.reasons == ["unknown shipment PD9999999999"]
    assert str(refused.value) == (
        "The carrier refused to cancel PD9999999999: unknown shipment PD9999999999."
    )
    assert len(carrier.requests) == 1 and sleeps == []


def test_a_tracking_number_is_one_path_segment(
    carrier: CarrierServer, adapter: Callable[..., HttpCarrierAdapter]
) -> None:
    with pytest.raises(CarrierRefused):
        adapter().cancel("../orders?x=1")

    assert carrier.requests[0].path == "/shipments/..%2Forders%3Fx%3D1"


def test_a_cancel_whose_answer_was_lost_is_done_when_the_retry_finds_it_gone(
    sleeps: list[float],
) -> None:
    with carrier_server(api_key=KEY, forget_cancelled=True) as carrier:
        with HttpCarrierAdapter(carrier.url, KEY, timeout=SHORT, sleep=sleeps.append) as http:
            shipment = http.create_shipment(request())
            carrier.queue(process_then_hang())

            http.cancel(shipment.tracking_number)  # the retry's 404: it is gone

        assert carrier.by_tracking_number(shipment.tracking_number) is None
        assert [r.method for r in carrier.requests] == ["POST", "DELETE", "DELETE"]
        assert sleeps == [0.5]


def test_a_cancel_the_carrier_cannot_take_now_is_unavailable(
    carrier: CarrierServer, adapter: Callable[..., HttpCarrierAdapter]
) -> None:
    carrier.queue(answer(500), answer(500), answer(500))

    with pytest.raises(CarrierUnavailable) as unavailable:
        adapter().cancel("PD0000000001")

    assert str(unavailable.value).startswith("Shipment PD0000000001 is not cancelled: ")
    assert str(unavailable.value).endswith("Cancel it again later.")


# -- what the adapter takes -------------------------------------------------------------


@pytest.mark.parametrize("url", ["", "carrier.example.com", "ftp://carrier.example.com", "http://"])
def test_a_carrier_address_that_is_no_http_address_is_said(url: str) -> None:
    with pytest.raises(PackdeskError, match="is not an http:// or https:// address"):
        HttpCarrierAdapter(url)


@pytest.mark.parametrize(
    "changes", [{"label_format": "png"}, {"key": ""}, {"key": "parcel 1"}, {"key": "包裹-1"}]
)
def test_a_request_the_wire_cannot_carry_is_a_bug(changes: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        request(**changes)
