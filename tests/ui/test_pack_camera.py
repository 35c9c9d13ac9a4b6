"""A counter with a camera (FFmpeg's ``testsrc``, a stand-in that runs here): each
order recorded from its opening to a short tail after it closes, its clip stored with
a mark for each scan, the camera's state said in words at the foot of the pack page,
and packing that goes on when the camera does not open."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import av
import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, select

from app.db import unit_of_work
from app.evidence import store
from app.evidence.clip_file import NO_VIDEO, OK
from app.evidence.store import ClipRow, query_clips
from app.evidence.words import TEMPLATES
from app.models import EvidenceClip, Order, OrderStatus
from app.packing import Outcome
from app.settings import Settings
from tests.app.acting import admin_id
from tests.app.packing.conftest import CUP_EAN
from tests.ui.conftest import BADGE, speaking_chinese
from tests.ui.test_pack_page import scan
from ui.evidence import camera_box
from ui.feedback import SoundPlayer
from ui.main_window import MainWindow
from ui.pack import camera_feed
from ui.pack.evidence_words import EVIDENCE_WORDS

TESTSRC = "lavfi:testsrc=size=320x240:rate=10"
CALL_LIMIT_S = 0.005  # each recorder call on the GUI thread returns within this
STATION = "counter-7"

Opener = Callable[..., MainWindow]


@pytest.fixture
def db_url(sqlite_url: str) -> str:
    """SQLite only: the clips' store is tested on both back-ends in tests/app/evidence."""
    return sqlite_url


@pytest.fixture
def counter(qtbot: QtBot, shop: Engine, tmp_path: Path) -> Iterator[Opener]:
    """A window at a station whose camera is ``source``, clips kept in ``tmp_path``."""
    made: list[MainWindow] = []

    def open_with(source: str, *, min_free_gb: float = 0.0) -> MainWindow:
        store.set_camera(shop, STATION, source, user_id=admin_id(shop))
        settings = Settings(
            station=STATION,
            idle_lock_minutes=0,
            evidence_dir=str(tmp_path / "clips"),
            evidence_tail_seconds=0.5,
            evidence_min_free_gb=min_free_gb,
        )
        win = MainWindow(shop, settings, sounds=SoundPlayer(enabled=False))
        made.append(win)
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        qtbot.waitUntil(lambda: win.camera.recorder is not None, timeout=10_000)
        if not source.startswith("lavfi:nosuch"):  # the camera's process gives pictures
            qtbot.waitUntil(lambda: camera_gives_pictures(win), timeout=20_000)
        return win

    yield open_with
    for win in made:
        win.shutdown()


def camera_gives_pictures(win: MainWindow) -> bool:
    recorder = win.camera.recorder
    return recorder is not None and recorder.snapshot((2, 2), wait=0.2).frames_read > 0


def clips(engine: Engine) -> list[ClipRow]:
    with unit_of_work(engine, read_only=True) as s:
        return query_clips(s, select(EvidenceClip))


def status_of(engine: Engine, number: str) -> OrderStatus:
    with unit_of_work(engine, read_only=True) as s:
        order = s.scalars(select(Order).where(Order.external_number == number)).one()
        return OrderStatus(order.status)


def test_an_order_is_recorded_from_its_opening_to_its_close(
    qtbot: QtBot, counter: Opener, shop: Engine
) -> None:
    win = counter(TESTSRC)
    label = win.camera.label
    assert label.isVisible()
    assert label.text() == "Camera ready, not recording"
    scan(qtbot, win, BADGE)
    opened = scan(qtbot, win, "A-1")
    assert opened.verdict.outcome is Outcome.ORDER_OPENED  # type: ignore[attr-defined]
    assert label.text() == "● REC — order A-1"
    qtbot.wait(700)  # pictures of the box being filled
    scan(qtbot, win, CUP_EAN)
    scan(qtbot, win, CUP_EAN)
    done = scan(qtbot, win, "LID")
    assert done.verdict.outcome is Outcome.ORDER_COMPLETE  # type: ignore[attr-defined]
    assert label.text() == "Camera ready, not recording"
    qtbot.waitUntil(lambda: len(clips(shop)) == 1, timeout=10_000)
    (clip,) = clips(shop)
    assert (clip.order_number, clip.parcel, clip.station) == ("A-1", 1, STATION)
    assert clip.packer == "Packer Li 李"
    assert clip.order_id is not None
    assert clip.status == OK, clip.camera_problem
    assert clip.stop_reason == "complete"
    assert [m.text for m in clip.marks] == [
        "A-1 order_opened",
        f"{CUP_EAN} accepted",
        f"{CUP_EAN} accepted",
        "LID order_complete",
    ]
    assert clip.photo_path is not None and clip.photo_path.stat().st_size > 0
    with av.open(str(clip.path)) as container:
        frames = [f for f in container.decode(video=0)]
    assert len(frames) >= 5
    assert (frames[0].width, frames[0].height) == (320, 240)
    assert clip.duration_s >= 0.7 + 0.4  # the order, and the tail after it
    assert max(win.camera.call_seconds) < CALL_LIMIT_S, win.camera.call_seconds
    assert len(win.camera.call_seconds) == 7  # start, four marks, photo, stop
    assert status_of(shop, "A-1") is OrderStatus.PACKED


def test_a_held_order_stops_its_clip_and_the_next_one_starts_its_own(
    qtbot: QtBot, counter: Opener, shop: Engine
) -> None:
    win = counter(TESTSRC)
    scan(qtbot, win, BADGE)
    scan(qtbot, win, "A-1")
    scan(qtbot, win, CUP_EAN)
    qtbot.wait(300)
    scan(qtbot, win, "CMD:HOLD")
    assert win.camera.order is None
    scan(qtbot, win, "A-2")  # within A-1's tail (0.5 s): it is cut short, and stays held
    assert win.camera.label.text() == "● REC — order A-2"
    qtbot.wait(300)
    scan(qtbot, win, "LID")
    qtbot.waitUntil(lambda: len(clips(shop)) == 2, timeout=10_000)
    held, packed = clips(shop)
    assert (held.order_number, held.stop_reason) == ("A-1", "held")
    assert [m.text for m in held.marks][-1] == "CMD:HOLD command"
    assert (packed.order_number, packed.stop_reason) == ("A-2", "complete")
    assert max(win.camera.call_seconds) < CALL_LIMIT_S, win.camera.call_seconds


def test_a_camera_that_does_not_open_is_said_in_words_and_packing_goes_on(
    qtbot: QtBot, counter: Opener, shop: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(camera_feed, "STALL_SECONDS", 1.0)
    win = counter("lavfi:nosuchfilter")
    label = win.camera.label
    qtbot.waitUntil(lambda: "Camera off" in label.text(), timeout=10_000)
    assert label.text() == "⚠ Camera off — packing goes on without video"
    assert "does not open" in label.toolTip()
    scan(qtbot, win, BADGE)
    scan(qtbot, win, "A-2")
    assert label.text() == "⚠ Camera lost — packing goes on, order A-2 has no video"
    done = scan(qtbot, win, "LID")
    assert done.verdict.outcome is Outcome.ORDER_COMPLETE  # type: ignore[attr-defined]
    assert status_of(shop, "A-2") is OrderStatus.PACKED
    qtbot.waitUntil(lambda: len(clips(shop)) == 1, timeout=10_000)
    (clip,) = clips(shop)
    assert clip.status == NO_VIDEO
    assert clip.camera_problem and "does not open" in clip.camera_problem
    assert max(win.camera.call_seconds) < CALL_LIMIT_S, win.camera.call_seconds


def test_a_station_without_a_camera_shows_no_camera_line(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.camera.queue.pending, timeout=5_000)
    assert window.camera.recorder is None
    assert not window.camera.label.isVisible()


def test_the_camera_line_is_said_in_chinese(qtbot: QtBot, counter: Opener) -> None:
    with speaking_chinese():
        win = counter(TESTSRC)
        scan(qtbot, win, BADGE)
        scan(qtbot, win, "A-1")
        text = win.camera.label.text()
    assert "A-1" in text and "REC" not in text and "order" not in text, text


def test_the_camera_line_changes_language_at_once(qtbot: QtBot, counter: Opener) -> None:
    win = counter(TESTSRC)
    scan(qtbot, win, BADGE)
    scan(qtbot, win, "A-1")
    label = win.camera.label
    assert label.text() == "● REC — order A-1"
    with speaking_chinese():  # a language chosen while the order is recorded
        qtbot.waitUntil(lambda: label.text() == "● 录像中 — 订单 A-1")
    qtbot.waitUntil(lambda: label.text() == "● REC — order A-1")


def test_the_screen_knows_every_one_of_the_evidence_words() -> None:
    assert EVIDENCE_WORDS == TEMPLATES


def test_a_disk_nearly_full_is_said_at_the_foot_and_packing_goes_on(
    qtbot: QtBot, counter: Opener, shop: Engine
) -> None:
    win = counter(TESTSRC, min_free_gb=10**9)  # no disk has that much room
    label = win.camera.label
    scan(qtbot, win, BADGE)
    scan(qtbot, win, "A-2")
    qtbot.waitUntil(lambda: "Disk nearly full" in label.text(), timeout=5_000)
    assert label.text() == "⚠ Disk nearly full — orders are not recorded, packing goes on"
    assert "order A-2 is not recorded" in label.toolTip()
    done = scan(qtbot, win, "LID")
    assert done.verdict.outcome is Outcome.ORDER_COMPLETE  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: len(clips(shop)) == 1, timeout=10_000)
    (clip,) = clips(shop)
    assert clip.status == NO_VIDEO and clip.camera_problem
    assert clip.camera_problem.startswith("Disk nearly full")


def test_the_printers_page_previews_and_tests_the_recorders_camera_without_opening_it(
    qtbot: QtBot, counter: Opener, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A USB camera opens once: the window that records it previews and tests it
    through its recorder."""
    opened: list[str] = []
    real_open = camera_box.open_camera
    monkeypatch.setattr(
        camera_box, "open_camera", lambda s, **kw: opened.append(s) or real_open(s, **kw)
    )
    monkeypatch.setattr(camera_box, "test_camera", lambda s, **kw: opened.append(s))
    win = counter(TESTSRC)
    win.pages.setCurrentWidget(win.printers_page)
    box = win.printers_page.camera
    qtbot.waitUntil(lambda: box.pictures >= 3, timeout=10_000)
    assert box.feed is not None and box.feed.recorder is win.camera.recorder
    box.test_button.click()
    qtbot.waitUntil(lambda: "opens" in box.result.text(), timeout=10_000)
    assert box.result.text().startswith("✔ The camera opens: 320 × 240 pixels, ")
    rate = float(box.result.text().split(", ")[1].split()[0])
    assert 8 <= rate <= 12  # the stand-in gives 10 a second
    assert opened == []
