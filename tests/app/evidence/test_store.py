"""The clips' index on SQLite and PostgreSQL: the seal in the audit trail, finding an
order's clips by order, tracking number and SKU, export with its manifest, verify,
retention and disputes. The files are real files (the recorder's own output is
checked in test_recorder); the clock is fixed."""

from __future__ import annotations

import hashlib
import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select

from app.db import unit_of_work
from app.evidence import store
from app.evidence.clip_file import ClipStart, Mark, SealedClip, sha256_of, write_timeline
from app.evidence.export import export_order, find_clips, order_evidence, verify
from app.models import AuditEvent, Order, OrderLine, OrderStatus, Parcel, ScanEvent
from tests.app.acting import admin_id

NOW = datetime(2031, 6, 1, 12, 0, tzinfo=UTC)


def fixed() -> datetime:
    return NOW


def add_order(engine: Engine, number: str, sku: str, tracking: str | None) -> int:
    with unit_of_work(engine) as s:
        order = Order(channel="web", external_number=number, status=OrderStatus.PACKED)
        order.lines = [OrderLine(line_no=1, sku=sku, quantity=1, packed=1)]
        s.add(order)
        s.flush()
        s.add(Parcel(order_id=order.id, seq=1, tracking_number=tracking))
        s.add(
            ScanEvent(
                scan_uid=f"u-{number}",
                at=NOW - timedelta(days=1),
                order_id=order.id,
                raw_input=sku,
                outcome="order_complete",
            )
        )
        return order.id


def sealed_clip(folder: Path, number: str, *, days_ago: float, size: int = 1000) -> SealedClip:
    """A clip's files as the recorder leaves them (video, photo, timeline)."""
    started = NOW - timedelta(days=days_ago)
    uid = hashlib.sha256(f"{number}{days_ago}".encode()).hexdigest()[:32]
    start = ClipStart(uid, number, None, 1, "counter-1", "Li Wei", started)
    video = folder / f"{number}-{uid[:8]}.mp4"
    photo = folder / f"{number}-{uid[:8]}-photo.jpg"
    folder.mkdir(parents=True, exist_ok=True)
    video.write_bytes(uid.encode() * (size // 32))
    photo.write_bytes(b"jpeg " + uid.encode())
    sealed = SealedClip(
        start=start,
        path=video,
        timeline_path=video.with_suffix(".json"),
        photo_path=photo,
        photo_sha256=sha256_of(photo),
        ended_at=started + timedelta(seconds=40),
        duration_s=40.0,
        frames=600,
        bytes=video.stat().st_size,
        sha256=sha256_of(video),
        status="ok",
        camera_problem=None,
        codec="libx264",
        stop_reason="complete",
        marks=(Mark(3.5, started + timedelta(seconds=3.5), sku_of(number)),),
    )
    write_timeline(sealed)
    return sealed


def sku_of(number: str) -> str:
    return f"SKU-{number}"


@pytest.fixture
def clips(engine: Engine, tmp_path: Path) -> dict[str, SealedClip]:
    """Three orders' clips, 20, 10 and 1 days old; the first two orders are known."""
    index = store.EvidenceStore(engine, clock=fixed)
    made = {}
    for number, days, tracking in (("A-1", 20, "1Z999AA10123456784"), ("B-2", 10, None)):
        add_order(engine, number, sku_of(number), tracking)
        made[number] = sealed_clip(tmp_path / "clips", number, days_ago=days)
    made["C-3"] = sealed_clip(tmp_path / "clips", "C-3", days_ago=1)  # an order not here
    for sealed in made.values():
        index.record(sealed)
    return made


def test_a_sealed_clip_is_indexed_and_its_hash_audited(
    engine: Engine, clips: dict[str, SealedClip]
) -> None:
    with unit_of_work(engine, read_only=True) as s:
        audits = s.scalars(select(AuditEvent).where(AuditEvent.action == store.SEALED)).all()
    by_order = {a.details["order"]: a for a in audits}
    assert set(by_order) == {"A-1", "B-2", "C-3"}
    assert by_order["A-1"].details["sha256"] == clips["A-1"].sha256
    assert by_order["A-1"].at == NOW
    (row,) = find_clips(engine, order="A-1")
    assert row.order_id is not None and row.sha256 == clips["A-1"].sha256
    assert [(m.offset_s, m.text) for m in row.marks] == [(3.5, "SKU-A-1")]
    assert find_clips(engine, order="C-3")[0].order_id is None  # kept by its number


def test_clips_are_found_by_tracking_number_and_sku(
    engine: Engine, clips: dict[str, SealedClip]
) -> None:
    assert [c.order_number for c in find_clips(engine, tracking="1z 999aa1 0123456784")] == ["A-1"]
    assert [c.order_number for c in find_clips(engine, sku="sku-b-2")] == ["B-2"]
    assert find_clips(engine, tracking="NOPE") == []
    assert len(find_clips(engine)) == 3


def test_export_writes_the_files_and_a_manifest_whose_hashes_match(
    engine: Engine, clips: dict[str, SealedClip], tmp_path: Path
) -> None:
    out = tmp_path / "claim"
    done = export_order(engine, "A-1", out, clock=fixed)
    assert done.problems == ()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["order"]["number"] == "A-1"
    assert manifest["tracking_numbers"] == ["1Z999AA10123456784"]
    assert [s["input"] for s in manifest["scans"]] == ["SKU-A-1"]
    names = {f["file"] for f in manifest["files"]}
    assert names == {p.name for p in out.iterdir()} - {"manifest.json"}
    assert len(names) == 3  # the video, its timeline, the photo
    for entry in manifest["files"]:
        assert entry["sha256"] == sha256_of(out / entry["file"])
    assert manifest["clips"][0]["video"]["sha256"] == clips["A-1"].sha256
    assert manifest["clips"][0]["video"]["matches_seal"] is True


def test_verify_names_an_edited_and_a_deleted_file(
    engine: Engine, clips: dict[str, SealedClip], tmp_path: Path
) -> None:
    assert verify(engine).ok and verify(engine).checked == 6
    edited, deleted = clips["A-1"].path, clips["B-2"].photo_path
    assert deleted is not None
    with edited.open("r+b") as f:
        f.seek(10)
        f.write(b"X")
    deleted.unlink()
    report = verify(engine)
    assert {(f.path, f.problem) for f in report.findings} == {
        (edited, "changed"),
        (deleted, "missing"),
    }
    assert verify(engine, station="counter-9").checked == 0
    done = export_order(engine, "A-1", tmp_path / "x", clock=fixed)
    assert done.problems == (f"{edited.name}: changed since it was sealed",)


def test_retention_deletes_the_oldest_first_and_keeps_a_disputed_order(
    engine: Engine, clips: dict[str, SealedClip]
) -> None:
    a_id = order_evidence(engine, "A-1").order_id
    assert a_id is not None
    assert store.set_dispute(
        engine, a_id, open_=True, reason="missing item", clock=fixed, user_id=admin_id(engine)
    )
    assert not store.set_dispute(
        engine, a_id, open_=True, reason="again", clock=fixed, user_id=admin_id(engine)
    )
    # 15 days: A-1 (20 days) is too old but disputed, B-2 (10) and C-3 (1) are young;
    # the budget holds two clips: B-2, the oldest not disputed, goes
    one = sum(p.stat().st_size for p in _files(clips["C-3"]))
    result = store.apply_retention(
        engine, "counter-1", keep_days=15, budget_bytes=2 * one + 10, clock=fixed
    )
    assert [c.order_number for c in result.deleted] == ["B-2"]
    assert result.kept_disputed == 1
    assert not any(p.exists() for p in _files(clips["B-2"]))
    assert all(p.exists() for p in _files(clips["A-1"]) + _files(clips["C-3"]))
    assert verify(engine).ok  # a clip deleted by the rule is not "missing"
    (b,) = find_clips(engine, order="B-2")
    assert b.deleted_at == NOW
    # the dispute settled, A-1 goes too (older than 15 days)
    store.set_dispute(
        engine, a_id, open_=False, reason="settled", clock=fixed, user_id=admin_id(engine)
    )
    again = store.apply_retention(
        engine, "counter-1", keep_days=15, budget_bytes=10**9, clock=fixed
    )
    assert [c.order_number for c in again.deleted] == ["A-1"]


def _files(sealed: SealedClip) -> list[Path]:
    return [p for p in (sealed.path, sealed.timeline_path, sealed.photo_path) if p]


def test_a_station_keeps_its_camera(engine: Engine) -> None:
    store.set_camera(
        engine, "counter-7", "lavfi:testsrc=size=640x360:rate=15", user_id=admin_id(engine)
    )
    assert store.camera_of(engine, "counter-7") == "lavfi:testsrc=size=640x360:rate=15"
    store.set_camera(engine, "counter-7", None, user_id=admin_id(engine))
    assert store.camera_of(engine, "counter-7") is None


def test_one_camera_written_two_ways_is_said_shared(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another user and password, the default port written or not, a host's capitals,
    a USB camera by its udev link or its number: one camera, and said so."""
    assert (
        store.set_camera(
            engine, "counter-1", "rtsp://user:a@Cam1.local:554/stream", user_id=admin_id(engine)
        )
        == []
    )
    assert store.set_camera(
        engine, "counter-2", "rtsp://user:b@cam1.local/stream/", user_id=admin_id(engine)
    ) == ["counter-1"]
    assert store.sharing(engine, "counter-3", "RTSP://cam1.local/stream") == [
        "counter-1",
        "counter-2",
    ]
    assert store.set_camera(engine, "counter-4", "http://host:80/x", user_id=admin_id(engine)) == []
    assert store.set_camera(engine, "counter-5", "http://host/x", user_id=admin_id(engine)) == [
        "counter-4"
    ]
    assert (
        store.set_camera(
            engine, "counter-6", "rtsp://cam1.local:8554/stream", user_id=admin_id(engine)
        )
        == []
    )

    links = {"/dev/v4l/by-id/usb-Webcam-video-index0": "/dev/video0"}
    real = os.path.realpath

    def realpath(path: str, *args: Any, **kwargs: Any) -> str:  # (udev's links, as made)
        return (
            links.get(path, path) if str(path).startswith("/dev/") else real(path, *args, **kwargs)
        )

    monkeypatch.setattr(os.path, "realpath", realpath)
    assert store.set_camera(engine, "counter-7", "/dev/video0", user_id=admin_id(engine)) == []
    by_id = "/dev/v4l/by-id/usb-Webcam-video-index0"
    assert store.set_camera(engine, "counter-8", by_id, user_id=admin_id(engine)) == ["counter-7"]
    assert store.set_camera(engine, "counter-9", "/dev/video2", user_id=admin_id(engine)) == []
