"""A serial scanner on a real pseudo-terminal pair (socat), unplugged and plugged back."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.devices.serial_lines import PortStatus, SerialLineReader
from tests.serial_cable import Cable, needs_socat, wait_for

pytestmark = needs_socat


@pytest.fixture
def reader(cable: Cable) -> Iterator[tuple[SerialLineReader, list[str], list[PortStatus]]]:
    lines: list[str] = []
    statuses: list[PortStatus] = []
    r = SerialLineReader(
        str(cable.device), on_line=lines.append, on_status=statuses.append, retry_s=0.1
    )
    r.start()
    wait_for(lambda: r.status.connected)
    yield r, lines, statuses
    r.stop()


def test_lines_in_order_whatever_the_line_end(cable: Cable, reader) -> None:
    _, lines, _ = reader
    cable.send(b"6901234567892\r")
    cable.send(b"B-100\r\n")
    cable.send(b"A-1\nCMD:UNDO\r\n")
    cable.send("订单-7\r".encode())
    wait_for(lambda: len(lines) == 5)
    assert lines == ["6901234567892", "B-100", "A-1", "CMD:UNDO", "订单-7"]


def test_a_line_split_across_reads_is_one_scan(cable: Cable, reader) -> None:
    _, lines, _ = reader
    cable.send(b"690123")
    time.sleep(0.3)
    cable.send(b"4567892\r")
    wait_for(lambda: lines == ["6901234567892"])


def test_unplugged_mid_scan_reports_drops_the_half_and_reconnects(cable: Cable, reader) -> None:
    r, lines, statuses = reader
    cable.send(b"690123")  # half a barcode, then the cable is pulled
    time.sleep(0.2)
    cable.unplug()
    wait_for(lambda: not r.status.connected)
    assert r.status.detail.startswith("unplugged")
    cable.plug()
    wait_for(lambda: r.status.connected)
    cable.send(b"LID\r")
    wait_for(lambda: lines == ["LID"])  # the half scan never arrived as a scan
    assert [s.connected for s in statuses] == [True, False, True]


def test_a_port_that_does_not_exist_says_so_and_keeps_trying(tmp_path: Path) -> None:
    statuses: list[PortStatus] = []
    r = SerialLineReader(
        str(tmp_path / "ttyNone"), on_line=lambda _: None, on_status=statuses.append, retry_s=0.05
    )
    r.start()
    try:
        wait_for(lambda: bool(statuses))
        assert not statuses[0].connected
        assert statuses[0].detail.startswith("not available")
    finally:
        r.stop()
