"""A scale on a real pseudo-terminal pair (socat): a thread plays the scale, sending
ten readings a second as MT-SICS, CAS or a generic scale does; the cable is pulled and
plugged back in; ``packdesk scale read`` prints what settles."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from decimal import Decimal

import pytest

from app.devices.scale import UNREADABLE_IN_A_ROW, ScaleReader
from app.shipping.settling import SettledWeight
from tests.serial_cable import Cable, PlayedScale, needs_socat, wait_for

pytestmark = needs_socat


@pytest.fixture
def scale(cable: Cable) -> Iterator[PlayedScale]:
    played = PlayedScale(cable, "S S      1.234 kg")
    yield played
    played.stop()


def test_an_mt_sics_scale_is_asked_for_weights_and_each_settled_one_is_given(
    cable: Cable, scale: PlayedScale
) -> None:
    weights: list[SettledWeight] = []
    notes: list[str] = []
    reader = ScaleReader(
        str(cable.device), "mt-sics", on_weight=weights.append, on_note=notes.append, window=0.5
    )
    reader.start()
    try:
        wait_for(lambda: len(weights) == 1)
        assert weights[0].grams == Decimal("1234")
        assert b"SIR\r\n" in scale.received  # continuous values asked for on connecting
        scale.line = "S D      2.100 kg"  # a second box put on: in motion
        wait_for(lambda: reader.settling.in_motion)
        time.sleep(0.6)
        assert len(weights) == 1  # a weight in motion never counts
        scale.line = "S S      2.104 kg"
        wait_for(lambda: len(weights) == 2)
        assert weights[1].grams == Decimal("2104")
        assert reader.zero() and wait_for(lambda: b"Z\r\n" in scale.received) is None
    finally:
        reader.stop()
    assert any("connected at 9600 baud" in n for n in notes)


def test_faults_and_lines_of_another_protocol_are_said_and_unplugging_is_survived(
    cable: Cable, scale: PlayedScale
) -> None:
    weights: list[SettledWeight] = []
    notes: list[str] = []
    reader = ScaleReader(
        str(cable.device),
        "cas",
        on_weight=weights.append,
        on_note=notes.append,
        window=0.3,
        retry_s=0.1,
    )
    reader.start()
    try:
        wait_for(lambda: any("no cas weight" in n for n in notes), timeout=UNREADABLE_IN_A_ROW / 5)
        scale.line = "OL,GS,+  ------kg"
        wait_for(lambda: any("overload" in n for n in notes))
        scale.line = "ST,GS,+  0.950kg"
        wait_for(lambda: [w.grams for w in weights] == [Decimal("950")])
        cable.unplug()
        wait_for(lambda: any("unplugged" in n for n in notes))
        scale.line = "ST,GS,+  0.700kg"
        cable.plug()
        wait_for(lambda: [w.grams for w in weights] == [Decimal("950"), Decimal("700")])
    finally:
        reader.stop()
    assert sum("overload" in n for n in notes) == 1  # said once, not ten times a second


def test_scale_read_prints_each_settled_weight_in_grams(cable: Cable, scale: PlayedScale) -> None:
    scale.line = "ST 1.25 kg"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "ui.launcher",
            "scale",
            "read",
            str(cable.device),
            "--protocol",
            "generic",
            "--window",
            "0.3",
            "--count",
            "1",
        ],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert (proc.returncode, proc.stdout) == (0, "1250\n"), proc.stderr
    assert "connected at 9600 baud" in proc.stderr


def test_scale_read_refuses_a_window_of_nothing() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "ui.launcher", "scale", "read", "/dev/null", "--window", "0"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert proc.returncode != 0 and "--window" in proc.stderr
