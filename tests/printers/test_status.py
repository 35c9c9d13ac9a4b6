"""~HS and ESC !? parsed; the virtual printer answers them and keeps every job."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from printers import status
from printers.transports.tcp import TcpTransport
from printers.virtual import PAPER_OUT_FLAG, VirtualPrinter

# what a ZD420 answers with paper out and the head up (the three frames, CR LF after each)
RECORDED = (
    b"\x02030,1,0,1218,000,0,0,0,000,0,0,0\x03\r\n"
    b"\x02001,0,1,0,1,2,4,0,00000012,1,000\x03\r\n"
    b"\x021234,0\x03\r\n"
)


def test_all_three_frames_are_parsed() -> None:
    st = status.parse_host_status(RECORDED)
    assert st.answered and st.paper_out and st.head_open and not st.paused
    assert st.label_length_dots == 1218 and st.labels_remaining == 12 and st.thermal_transfer
    assert st.problems == ("paper out", "head open")
    assert not st.ready


@pytest.mark.parametrize(
    ("flags", "problem"),
    [
        ({"paper_out": True}, "paper out"),
        ({"paused": True}, "paused"),
        ({"head_open": True}, "head open"),
        ({"ribbon_out": True}, "ribbon out"),
        ({"buffer_full": True}, "receive buffer full"),
    ],
)
def test_each_flag(flags: dict[str, bool], problem: str) -> None:
    st = status.parse_host_status(status.host_status_answer(**flags))
    assert st.problems == (problem,)


def test_a_ready_printer() -> None:
    assert status.parse_host_status(status.host_status_answer()).ready


@pytest.mark.parametrize("raw", [b"", RECORDED[:40], RECORDED.split(b"\r\n")[0] + b"\r\n"])
def test_no_or_partial_answer_is_a_status_of_its_own(raw: bytes) -> None:
    st = status.parse_host_status(raw)
    assert not st.answered and not st.ready
    assert "no answer" in st.problems[0]


def test_a_silent_printer_within_the_timeout() -> None:
    server = socket.create_server(("127.0.0.1", 0))  # accepts, never answers
    try:
        started = time.monotonic()
        st = status.zebra_status(TcpTransport("127.0.0.1", server.getsockname()[1]), 0.3)
        assert not st.answered and time.monotonic() - started < 3
    finally:
        server.close()


@pytest.mark.parametrize(
    ("byte", "problems"),
    [
        (0x00, ()),
        (0x04, ("paper out",)),
        (0x01 | 0x08, ("head open", "ribbon out")),
        (0x10, ("paused",)),
        (0x20, ()),
    ],
)
def test_tspl_status_byte(byte: int, problems: tuple[str, ...]) -> None:
    assert status.TsplStatus(byte).problems == problems
    assert status.TsplStatus(None).problems[0].startswith("no answer")


def test_virtual_printer_keeps_jobs_and_answers_status(tmp_path: Path) -> None:
    with VirtualPrinter(tmp_path, port=0) as printer:
        transport = TcpTransport(*printer.address, timeout=5)
        transport.send(b"^XA^FDone^FS^XZ")
        transport.send(b"SIZE 100 mm,150 mm\r\nCLS\r\nPRINT 1,1\r\n")
        assert status.zebra_status(transport).ready
        (tmp_path / PAPER_OUT_FLAG).touch()
        assert status.zebra_status(transport).problems == ("paper out",)
        assert status.tspl_status(transport).paper_out
        (tmp_path / PAPER_OUT_FLAG).unlink()
        assert status.zebra_status(transport).ready
        deadline = time.monotonic() + 5
        while len(printer.jobs()) < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
        jobs = printer.jobs()
    # each connection is kept as it ends: two sent one after the other may end either way
    by_suffix = {p.suffix: p for p in jobs}
    assert len(jobs) == 2 and set(by_suffix) == {".zpl", ".tspl"}
    assert by_suffix[".zpl"].read_bytes() == b"^XA^FDone^FS^XZ"


def test_virtual_printer_command(tmp_path: Path) -> None:
    probe = socket.create_server(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    code = (
        "from app.cli import main; raise SystemExit(main(['virtual-printer', '--listen', "
        f"'127.0.0.1:{port}', '--out', {str(tmp_path)!r}, '--paper-out']))"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, cwd=os.getcwd()
    )
    try:
        assert proc.stdout is not None
        assert "virtual printer on" in proc.stdout.readline()
        transport = TcpTransport("127.0.0.1", port, timeout=5)
        assert status.zebra_status(transport).paper_out
        transport.send(b"^XA^XZ")
        assert proc.stdout.readline().startswith("job job-000001.zpl")
    finally:
        proc.terminate()
        proc.wait(10)
