"""``packdesk cameras`` and ``packdesk evidence`` end to end on a SQLite file: a
station's camera set, an order recorded from it, listed, exported and verified."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from app.cli import main
from tests.app.acting import as_admin  # noqa: F401  (a fixture)

TESTSRC = "lavfi:testsrc=size=320x240:rate=15"


@pytest.mark.usefixtures("as_admin")  # (a station's camera is an admin's setting)
def test_record_list_export_and_verify(
    sqlite_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PACKDESK_EVIDENCE_DIR", str(tmp_path / "clips"))
    db = ["--db", sqlite_url]
    assert main(["cameras", "set", "--station", "counter-1", "--source", TESTSRC, *db]) == 0
    assert main(["cameras", "set", "--station", "counter-2", "--source", "nonsense", *db]) == 2
    assert "not a camera source" in capsys.readouterr().err
    assert main(["cameras", "list", "--json", *db]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed["stations"] == [{"station": "counter-1", "source": TESTSRC}]
    argv = ["evidence", "record", "#500", "--station", "counter-1", "--seconds", "1", *db]
    assert main(argv) == 0
    assert "Video of order #500 saved" in capsys.readouterr().out
    assert main(["evidence", "list", "--order", "#500", "--json", *db]) == 0
    (clip,) = json.loads(capsys.readouterr().out)
    assert clip["status"] == "ok" and clip["station"] == "counter-1"
    if os.name == "posix":  # a box's video and its timeline are their owner's alone
        written = [p for p in Path(clip["path"]).parent.iterdir() if p.is_file()]
        assert written and {stat.S_IMODE(p.stat().st_mode) for p in written} == {0o600}
        assert stat.S_IMODE(Path(clip["path"]).parent.stat().st_mode) == 0o700
    out = tmp_path / "export"
    assert main(["evidence", "export", "#500", "--out", str(out), *db]) == 0
    assert (out / "manifest.json").exists()
    assert main(["evidence", "verify", *db]) == 0
    Path(clip["path"]).unlink()
    capsys.readouterr()
    assert main(["evidence", "verify", *db]) == 1
    assert f"missing: {clip['path']}" in capsys.readouterr().out
    assert main(["evidence", "export", "#500", "--out", str(tmp_path / "again"), *db]) == 2


def test_cameras_test_measures_and_writes_a_still(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    still = tmp_path / "still.jpg"
    assert main(["cameras", "test", TESTSRC, "--seconds", "1", "--still", str(still)]) == 0
    said = capsys.readouterr().out
    assert "320x240" in said and "pictures/s" in said and still.exists()


@pytest.mark.usefixtures("as_admin")
def test_a_camera_set_for_a_second_counter_is_allowed_and_warned(
    sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", sqlite_url]
    url = "http://10.0.0.6/video.mjpg"
    assert main(["cameras", "set", "--station", "counter-1", "--source", url, *db]) == 0
    assert capsys.readouterr().err == ""
    assert main(["cameras", "set", "--station", "counter-2", "--source", url, *db]) == 0
    said = capsys.readouterr()
    assert said.out == f"station counter-2: camera {url}\n"
    assert said.err.startswith(f"warning: counter-1 already records camera {url}: ")
    assert "each counter's video shows the other's box" in said.err
    # given again while counter-1 still has it: said again; once it has none, not
    assert main(["cameras", "set", "--station", "counter-2", "--source", url, *db]) == 0
    assert "counter-1" in capsys.readouterr().err
    assert main(["cameras", "set", "--station", "counter-1", "--none", *db]) == 0
    assert main(["cameras", "set", "--station", "counter-2", "--source", url, *db]) == 0
    assert capsys.readouterr().err == ""


@pytest.mark.usefixtures("as_admin")
def test_one_camera_written_two_ways_is_warned_by_set_and_list(
    sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Another password and the default port written: still one camera; ``cameras
    list`` names it without the password."""
    db = ["--db", sqlite_url]
    one, other = "rtsp://user:a@Cam1.local:554/stream", "rtsp://user:b@cam1.local/stream"
    assert main(["cameras", "set", "--station", "counter-1", "--source", one, *db]) == 0
    assert main(["cameras", "set", "--station", "counter-2", "--source", other, *db]) == 0
    assert capsys.readouterr().err.startswith(f"warning: counter-1 already records camera {other}")
    assert main(["cameras", "list", *db]) == 0
    warned = [line for line in capsys.readouterr().out.splitlines() if "warning" in line]
    assert warned == [
        "warning: counter-1, counter-2 share one camera rtsp://cam1.local:554/stream: "
        "each records the other's box"
    ]
