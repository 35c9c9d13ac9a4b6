"""The ``cups://`` transport against a real CUPS: a private cupsd per test (see
tests/cups_server.py) whose raw queue sends to the virtual printer on 127.0.0.1 through
CUPS's own socket backend, so a job must arrive exactly as it left."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.printing.station import Device, devices
from printers import zpl
from printers.documents import waybill
from printers.errors import TransportError
from printers.transports import open_transport
from printers.transports.cups import CupsTransport
from printers.virtual import VirtualPrinter
from tests.cups_server import PrivateCups, require_cups
from tests.printers import samples
from tests.serial_cable import wait_for

pytestmark = pytest.mark.usefixtures("_needs_cups")


@pytest.fixture
def _needs_cups() -> None:
    require_cups()


@pytest.fixture
def zebra(tmp_path: Path) -> Iterator[VirtualPrinter]:
    with VirtualPrinter(tmp_path / "zebra", port=0) as printer:
        yield printer


@pytest.fixture
def cups(zebra: VirtualPrinter) -> Iterator[PrivateCups]:
    """A private cupsd with one raw queue, ``Zebra``, in front of the virtual printer."""
    server = PrivateCups()
    try:
        server.start()
        host, port = zebra.address
        server.add_raw_queue("Zebra", f"socket://{host}:{port}")
        yield server
    finally:
        server.stop()


def label() -> bytes:
    """A real waybill in ZPL (Chinese as graphics, UTF-8 text), and every byte value
    once, which any filter on the way would change."""
    return zpl.render(waybill(samples.waybill_data())) + b"^XA^FX" + bytes(range(256)) + b"^XZ\r\n"


def test_a_label_arrives_at_the_printer_byte_for_byte(
    cups: PrivateCups, zebra: VirtualPrinter
) -> None:
    job = label()
    transport = open_transport(f"cups://Zebra?server={cups.server}")
    assert transport.uri == f"cups://Zebra?server={cups.server}"
    transport.send(job, title="waybill #1001 运单")
    wait_for(lambda: len(zebra.jobs()) == 1, timeout=10)
    assert zebra.jobs()[0].read_bytes() == job
    assert "Zebra-1" in cups.run("lpstat", "-W", "completed", "-o", "Zebra")


def test_lp_finds_the_server_in_cups_server(
    cups: PrivateCups, zebra: VirtualPrinter, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CUPS_SERVER", cups.server)
    open_transport("cups://Zebra").send(b"^XA^FDvia CUPS_SERVER^FS^XZ\n")
    wait_for(lambda: len(zebra.jobs()) == 1, timeout=10)
    assert zebra.jobs()[0].read_bytes() == b"^XA^FDvia CUPS_SERVER^FS^XZ\n"


def test_a_queue_that_does_not_exist_is_named(cups: PrivateCups) -> None:
    with pytest.raises(TransportError) as caught:
        CupsTransport("Zebar", server=cups.server).send(b"^XA^XZ")
    assert str(caught.value) == (
        f"CUPS on {cups.server} has no queue named 'Zebar': check the name (its queues: Zebra)."
    )


def test_a_cups_that_is_not_running_is_named_as_such(cups: PrivateCups) -> None:
    # lp itself says "the printer or class does not exist" here
    cups.stop()
    with pytest.raises(TransportError, match=f"CUPS is not running on {cups.server}"):
        CupsTransport("Zebra", server=cups.server).send(b"^XA^XZ")


def test_a_stopped_queue_takes_the_job_and_prints_it_when_started(
    cups: PrivateCups, zebra: VirtualPrinter
) -> None:
    # cupsdisable: CUPS still takes jobs, holds them, and prints them once started;
    # for Packdesk the job is sent (it is in CUPS's hands, as with any CUPS queue)
    cups.run("cupsdisable", "Zebra")
    CupsTransport("Zebra", server=cups.server).send(b"^XA^FDheld^FS^XZ\n")
    assert "Zebra-1" in cups.run("lpstat", "-o", "Zebra")  # waiting in the queue
    time.sleep(0.5)
    assert zebra.jobs() == []
    cups.run("cupsenable", "Zebra")
    wait_for(lambda: len(zebra.jobs()) == 1, timeout=10)
    assert zebra.jobs()[0].read_bytes() == b"^XA^FDheld^FS^XZ\n"


def test_a_queue_that_refuses_jobs_says_how_to_let_it_take_them(cups: PrivateCups) -> None:
    cups.run("cupsreject", "Zebra")
    with pytest.raises(TransportError, match="'Zebra' is not accepting jobs: 'cupsaccept Zebra'"):
        CupsTransport("Zebra", server=cups.server).send(b"^XA^XZ")


def test_the_printers_page_offers_the_queue(
    cups: PrivateCups, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CUPS_SERVER", cups.server)  # lpstat -e asks the private cupsd
    assert Device("cups://Zebra", "Zebra", "cups") in devices()
