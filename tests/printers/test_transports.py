"""Transports against real local endpoints: a TCP listener, a pseudo-terminal pair,
device files, /dev/full for a full disk, a stand-in ``lp`` for CUPS (a real CUPS:
test_cups.py)."""

from __future__ import annotations

import os
import socket
import struct
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from printers.errors import PrinterUriError, TransportError
from printers.transports import open_transport
from printers.transports.cups import CupsTransport
from printers.transports.device import DeviceTransport
from printers.transports.folder import FolderTransport
from printers.transports.serial_port import SerialTransport
from printers.transports.tcp import TcpTransport
from printers.transports.windows import WindowsTransport

JOB = b"^XA^FO10,10^A0N,30,30^FDHello^FS^XZ\n" * 2000  # ~70 kB


class Listener:
    """A one-connection-at-a-time TCP server on 127.0.0.1 that records what it gets."""

    def __init__(self, behaviour: str = "read") -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.received: list[bytes] = []
        self.behaviour = behaviour
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                if self.behaviour == "reset":  # read a little, then drop the line
                    conn.recv(1000)
                    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    continue
                if self.behaviour == "stall":  # a paused printer: never reads
                    time.sleep(5)
                    continue
                if self.behaviour == "read-then-reset":  # takes it all, then power off
                    while conn.recv(65536):
                        pass
                    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    continue
                if self.behaviour == "hold":  # reads it all but never closes its side
                    while conn.recv(65536):
                        pass
                    time.sleep(3)
                    continue
                data = b""
                while chunk := conn.recv(65536):
                    data += chunk
                self.received.append(data)

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    server = Listener()
    yield server
    server.close()


def test_tcp_delivers_every_byte(listener: Listener) -> None:
    TcpTransport("127.0.0.1", listener.port, timeout=5).send(JOB)
    deadline = time.monotonic() + 5
    while not listener.received and time.monotonic() < deadline:
        time.sleep(0.01)
    assert listener.received == [JOB]


def test_tcp_refused_is_a_clear_error() -> None:
    probe = socket.create_server(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    with pytest.raises(TransportError, match="refused the connection"):
        TcpTransport("127.0.0.1", port, timeout=2).send(b"x")


def test_a_host_that_does_not_answer_times_out() -> None:
    started = time.monotonic()
    with pytest.raises(TransportError, match=r"192\.0\.2\.1"):
        TcpTransport("192.0.2.1", 9100, timeout=0.5).send(b"x")  # TEST-NET-1: nobody there
    assert time.monotonic() - started < 5


def test_unknown_host_is_named() -> None:
    with pytest.raises(TransportError, match="Unknown printer host"):
        TcpTransport("no-such-printer.invalid", 9100, timeout=2).send(b"x")


def test_a_socket_closed_mid_job_is_an_error_not_a_success() -> None:
    server = Listener("reset")
    try:
        with pytest.raises(TransportError, match="closed the connection after"):
            TcpTransport("127.0.0.1", server.port, timeout=5).send(JOB * 50)
    finally:
        server.close()


def test_a_printer_that_drops_the_line_after_the_last_byte_gets_the_job_again() -> None:
    """The kernel takes a whole label at once: a printer switched off just then shows
    only as a reset where a close was due."""
    server = Listener("read-then-reset")
    try:
        with pytest.raises(TransportError, match="dropped the connection before taking"):
            TcpTransport("127.0.0.1", server.port, timeout=5).send(JOB)
    finally:
        server.close()


def test_a_printer_that_keeps_the_line_open_still_gets_its_job_sent() -> None:
    server = Listener("hold")
    try:
        started = time.monotonic()
        TcpTransport("127.0.0.1", server.port, timeout=0.5).send(JOB)  # no error
        assert time.monotonic() - started < 2  # waited for the close at most the timeout
    finally:
        server.close()


def test_a_printer_that_stops_reading_times_out() -> None:
    server = Listener("stall")
    try:
        with pytest.raises(TransportError, match="stopped taking data"):
            TcpTransport("127.0.0.1", server.port, timeout=0.5).send(JOB * 200)
    finally:
        server.close()


@pytest.fixture
def pty_pair() -> Iterator[tuple[int, str]]:
    import tty

    master, slave = os.openpty()
    tty.setraw(slave)
    name = os.ttyname(slave)
    yield master, name
    os.close(master)
    os.close(slave)


def _drain(master: int, expected: int) -> bytes:
    got = b""
    deadline = time.monotonic() + 10
    while len(got) < expected and time.monotonic() < deadline:
        got += os.read(master, 65536)
    return got


def test_serial_delivers_through_a_pseudo_terminal(pty_pair: tuple[int, str]) -> None:
    master, name = pty_pair
    result: list[bytes] = []
    reader = threading.Thread(target=lambda: result.append(_drain(master, len(JOB))))
    reader.start()
    SerialTransport(name, baudrate=115200, timeout=5).send(JOB)
    reader.join(10)
    assert result == [JOB]


def test_serial_query_reads_the_answer(pty_pair: tuple[int, str]) -> None:
    master, name = pty_pair

    def printer() -> None:
        _drain(master, 3)
        os.write(master, b"\x02one\x03\r\n\x02two\x03\r\n\x02three\x03\r\n")

    threading.Thread(target=printer, daemon=True).start()
    answer = SerialTransport(name, timeout=2).query(
        b"~HS", lambda raw: raw.count(b"\x03") >= 3, timeout=2
    )
    assert answer.count(b"\x03") == 3


def test_a_serial_port_that_does_not_exist() -> None:
    with pytest.raises(TransportError, match="Cannot open serial port /dev/ttyNOPE9"):
        SerialTransport("/dev/ttyNOPE9", timeout=1).send(b"x")


def test_usb_device_file_delivers(pty_pair: tuple[int, str]) -> None:
    master, name = pty_pair
    result: list[bytes] = []
    reader = threading.Thread(target=lambda: result.append(_drain(master, len(JOB))))
    reader.start()
    DeviceTransport(name, timeout=5).send(JOB)
    reader.join(10)
    assert result == [JOB]


def test_usb_device_missing() -> None:
    with pytest.raises(TransportError, match="No printer at /dev/usb/lp9"):
        DeviceTransport("/dev/usb/lp9", timeout=1).send(b"x")


def test_file_folder_gets_one_whole_file_per_job(tmp_path: Path) -> None:
    folder = FolderTransport(tmp_path / "jobs")
    folder.send(b"^XA^XZ", title="waybill #1001")
    folder.send(b"%PDF-1.4 ...", title="slip")
    files = sorted(p.name for p in (tmp_path / "jobs").iterdir())
    assert len(files) == 2
    assert any(f.endswith("waybill--1001.zpl") for f in files)
    assert any(f.endswith("slip.pdf") for f in files)


def test_disk_full_is_a_clear_error() -> None:
    with pytest.raises(TransportError, match="is full"):
        FolderTransport(Path("/dev/full")).send(b"^XA^XZ" * 1000)


def test_cups_sends_raw_through_lp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a stand-in lp that records its arguments and input: no CUPS scheduler runs here
    log = tmp_path / "lp.log"
    lp = tmp_path / "bin" / "lp"
    lp.parent.mkdir()
    lp.write_text(f'#!/bin/sh\necho "$@" > {log}\ncat >> {log}\necho "request id is Q-1"\n')
    lp.chmod(0o755)
    monkeypatch.setenv("PATH", str(lp.parent) + os.pathsep + os.environ["PATH"])
    CupsTransport("Zebra_Raw").send(b"^XA^XZ", title="waybill")
    assert log.read_bytes() == b"-d Zebra_Raw -o raw -t waybill\n^XA^XZ"


def test_cups_refusal_and_absence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lp = tmp_path / "lp"
    lp.write_text('#!/bin/sh\necho "lp: The printer or class does not exist." >&2\nexit 1\n')
    lp.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(TransportError, match="does not exist"):
        CupsTransport("Nope").send(b"x")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(TransportError, match="CUPS is not installed"):
        CupsTransport("Nope").send(b"x")


def test_windows_printers_only_on_windows() -> None:
    with pytest.raises(TransportError, match="only on Windows"):
        WindowsTransport("Zebra ZD421").send(b"x")


@pytest.mark.parametrize(
    ("uri", "kind", "detail"),
    [
        ("tcp://192.168.1.50:9100", TcpTransport, "192.168.1.50"),
        ("tcp://printer.local", TcpTransport, "9100"),
        ("serial:///dev/ttyUSB0?baudrate=19200", SerialTransport, "19200"),
        ("serial://COM3?baudrate=9600", SerialTransport, "COM3"),
        ("usb:///dev/usb/lp0", DeviceTransport, "/dev/usb/lp0"),
        ("cups://Zebra_Raw", CupsTransport, "Zebra_Raw"),
        ("cups://Zebra_Raw?server=printhost:631", CupsTransport, "Zebra_Raw?server=printhost:631"),
        ("windows://ZDesigner ZD421-203dpi", WindowsTransport, "ZDesigner ZD421-203dpi"),
        ("file:///var/spool/packdesk", FolderTransport, "/var/spool/packdesk"),
        ("preview", FolderTransport, "preview"),
    ],
)
def test_uris(uri: str, kind: type, detail: str, tmp_path: Path) -> None:
    transport = open_transport(uri, preview_folder=tmp_path)
    assert isinstance(transport, kind)
    assert detail in transport.uri


@pytest.mark.parametrize(
    ("uri", "why"),
    [
        ("tcp//192.168.1.50:9100", "needs a scheme"),
        ("tpc://192.168.1.50", "unknown kind 'tpc'"),
        ("tcp://192.168.1.50:99999", "port must be a number"),
        ("tcp://:9100", "needs a host"),
        ("serial://", "needs a port"),
        ("serial:///dev/ttyUSB0?baudrate=fast", "baudrate must be a number"),
        ("usb://", "needs a device file"),
        ("preview", "no preview folder"),
    ],
)
def test_typos_in_uris_say_what_is_wrong(uri: str, why: str) -> None:
    with pytest.raises(PrinterUriError, match=why) as caught:
        open_transport(uri)
    assert "Examples: tcp://" in str(caught.value)


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_previews_are_their_owners_alone(tmp_path: Path) -> None:
    """A label holds a customer's address: the folder made for them is 0700 and each
    file 0600, whatever the umask."""
    import stat

    folder = tmp_path / "data" / "previews"
    old = os.umask(0o022)
    try:
        FolderTransport(folder, scheme="preview").send(b"\x89PNG fake", title="waybill")
    finally:
        os.umask(old)
    (made,) = folder.iterdir()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
