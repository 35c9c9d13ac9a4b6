"""The board's packing video, offscreen: a waybill's tracking number or an order
number scanned on the board opens the order's clip within a second, plays it in the
window, and its scans are moments a click or Enter jumps the picture to."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from app.db import unit_of_work
from app.evidence import store
from app.evidence.clip_file import SealedClip
from app.evidence.recorder import Recorder
from app.models import Parcel
from tests.app.board.conftest import Floor, add_order
from tests.app.board.conftest import floor as floor  # the board's floor fixture
from ui.board.feed import BoardFeed
from ui.board.page import DETAIL_VIEW, EVIDENCE_VIEW, BoardPage
from ui.feedback import SoundPlayer
from ui.workers import TaskQueue

TESTSRC = "lavfi:testsrc=size=320x240:rate=15"
TRACKING = "SF1234567890"
OPEN_LIMIT_S = 1.0  # from the scan to the clip's first picture on screen


@pytest.fixture
def db_url(sqlite_url: str) -> str:
    """SQLite only: finding clips is tested on both back-ends in tests/app/evidence."""
    return sqlite_url


def record(engine: Engine, folder: Path, number: str, order_id: int) -> SealedClip:
    """A real clip of ``number``: 2 s with three scans, stored and sealed."""
    sealed: list[SealedClip] = []
    with Recorder(TESTSRC, folder, tail_seconds=0.2, on_sealed=sealed.append) as recorder:
        time.sleep(0.3)  # the camera opens
        recorder.start(number, "counter-7", "Packer Li", order_id=order_id)
        for code in ("CUP", "CUP", "LID"):
            time.sleep(0.6)
            recorder.mark(f"{code} accepted")
        recorder.stop("complete")
    (clip,) = sealed
    store.EvidenceStore(engine).record(clip)
    return clip


@pytest.fixture
def recorded(floor: Floor, tmp_path: Path) -> SealedClip:
    order_id = add_order(floor.engine, "V-1", {"CUP": 2, "LID": 1})
    with unit_of_work(floor.engine) as s:
        s.add(Parcel(order_id=order_id, seq=1, tracking_number=TRACKING))
    add_order(floor.engine, "V-2")  # an order without video
    return record(floor.engine, tmp_path / "clips", "V-1", order_id)


@pytest.fixture
def page(qtbot: QtBot, floor: Floor) -> Iterator[BoardPage]:
    reads = TaskQueue("test-reads", threads=2)
    feed = BoardFeed(floor.engine, interval=0.2, retry_ms=300)
    p = BoardPage(
        floor.engine, reads, SoundPlayer(enabled=False), ZoneInfo("Asia/Shanghai"), feed=feed
    )
    qtbot.addWidget(p)
    p.resize(1366, 705)
    p.show()
    qtbot.waitUntil(lambda: p.feed.refreshes >= 1, timeout=10_000)
    yield p
    p.shutdown()
    reads.close()


def test_a_scanned_waybill_opens_its_clip_within_a_second_and_plays_it(
    qtbot: QtBot, page: BoardPage, recorded: SealedClip
) -> None:
    video = page.evidence
    page.scan(f"]C0{TRACKING}")  # as a scanner sends it, its AIM prefix first
    qtbot.waitUntil(lambda: video.shown_at is not None, timeout=5_000)
    assert video.shown_at is not None
    took = video.shown_at - video.asked_at
    assert took < OPEN_LIMIT_S, took
    assert page.stack.currentIndex() == EVIDENCE_VIEW
    assert video.title.text() == "▶ Packing video — order V-1"
    assert video.marks_model.rowCount() == 3
    assert video.marks_model.index(2, 2).data() == "LID accepted"
    qtbot.waitUntil(lambda: video.player.pictures_shown > 10, timeout=5_000)  # it plays
    assert video.player.playing


def test_a_click_or_enter_on_a_scan_jumps_to_its_moment(
    qtbot: QtBot, page: BoardPage, recorded: SealedClip, qtmodeltester: Any
) -> None:
    video, player = page.evidence, page.evidence.player
    page.scan("V-1")
    qtbot.waitUntil(lambda: video.shown_at is not None, timeout=5_000)
    qtmodeltester.check(video.marks_model)
    player.toggle()  # paused: the picture stays where the jump puts it
    assert not player.playing
    second = recorded.marks[1].offset_s
    index = video.marks_model.index(1, 0)
    rect = video.marks.visualRect(index)
    qtbot.mouseClick(video.marks.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: abs(player.position - second) <= 1 / 15 + 0.01, timeout=3_000)
    third = recorded.marks[2].offset_s
    video.marks.setCurrentIndex(video.marks_model.index(2, 0))
    video.marks.setFocus()
    qtbot.keyClick(video.marks, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: abs(player.position - third) <= 1 / 15 + 0.01, timeout=3_000)
    assert not player.playing


def test_an_order_without_video_opens_its_detail_and_closing_the_video_goes_back(
    qtbot: QtBot, page: BoardPage, recorded: SealedClip
) -> None:
    page.scan("V-2")
    qtbot.waitUntil(lambda: page.stack.currentIndex() == DETAIL_VIEW, timeout=5_000)
    qtbot.wait(300)  # (the video's look-up has answered: nothing)
    assert page.stack.currentIndex() == DETAIL_VIEW and not page.evidence.is_open
    page.scan("V-1")
    qtbot.waitUntil(lambda: page.stack.currentIndex() == EVIDENCE_VIEW, timeout=5_000)
    qtbot.waitUntil(lambda: page.detail.order_id is not None, timeout=5_000)
    page.evidence.close_button.click()
    assert page.stack.currentIndex() == DETAIL_VIEW  # V-1's detail was under its video


def test_a_clip_whose_file_is_gone_says_so_in_words(
    qtbot: QtBot, page: BoardPage, recorded: SealedClip
) -> None:
    recorded.path.unlink()
    page.scan("V-1")
    qtbot.waitUntil(lambda: page.stack.currentIndex() == EVIDENCE_VIEW, timeout=5_000)
    text = page.evidence.player.screen_label.text()
    assert "not on this computer" in text and "counter-7" in text


def test_a_clip_recorded_at_another_counter_plays_from_the_network_copy(
    qtbot: QtBot, page: BoardPage, recorded: SealedClip, tmp_path: Path
) -> None:
    share = tmp_path / "share"
    copy = share / recorded.path.parent.name / recorded.path.name
    copy.parent.mkdir(parents=True)
    recorded.path.rename(copy)  # not on this computer, but in the network folder
    page.evidence.copy_folder = share
    page.scan(TRACKING)
    qtbot.waitUntil(lambda: page.evidence.shown_at is not None, timeout=5_000)
    assert page.evidence.files[page.evidence.clip.id] == copy  # type: ignore[union-attr]


def test_video_is_found_by_sku_packer_counter_and_days_without_a_code(
    qtbot: QtBot, page: BoardPage, recorded: SealedClip
) -> None:
    video, search = page.evidence, page.evidence.search
    page.video_button.click()
    assert page.stack.currentIndex() == EVIDENCE_VIEW
    qtbot.waitUntil(lambda: search.station.findData("counter-7") > 0, timeout=5_000)
    assert video.is_open and not video.choice.isVisible()

    def found(title: str) -> None:
        qtbot.waitUntil(lambda: video.title.text() == title, timeout=5_000)

    qtbot.keyClicks(search.sku, "cup")  # any letter case
    qtbot.keyClick(search.sku, Qt.Key.Key_Return)
    found("▶ Packing video — clips found: 1")
    assert video.clip is not None and video.clip.order_number == "V-1"
    assert video.choice.currentText().startswith("Order V-1 · parcel 1 · counter-7 · Packer Li")
    qtbot.waitUntil(lambda: video.player.pictures_shown > 0, timeout=5_000)  # it plays

    search.sku.clear()
    qtbot.keyClicks(search.packer, "zhang")
    search.find_button.click()
    found("▶ Packing video — clips found: 0")
    assert video.problem.text() == "No video matches this search." and video.clip is None

    search.packer.setText("LI")
    search.station.setCurrentIndex(search.station.findData("counter-7"))
    search.find_button.click()
    found("▶ Packing video — clips found: 1")

    recorded_on = recorded.start.started_at.astimezone(ZoneInfo("Asia/Shanghai")).date()
    search.reset_days(recorded_on - timedelta(days=30))  # a week ending a month before
    search.find_button.click()
    found("▶ Packing video — clips found: 0")
    search.until.setDate(search.until.date().addDays(60))  # the days now take it in
    search.find_button.click()
    found("▶ Packing video — clips found: 1")


def test_the_video_panel_speaks_the_language_chosen_at_runtime(
    qtbot: QtBot, page: BoardPage, recorded: SealedClip
) -> None:
    from ui.language import Languages

    video = page.evidence
    page.scan("V-1")
    qtbot.waitUntil(lambda: video.shown_at is not None, timeout=5_000)
    languages = Languages()
    try:
        languages.use("zh_CN")  # Qt tells the widgets when its events are next handled
        qtbot.waitUntil(lambda: video.title.text() == "▶ 打包视频 — 订单 V-1", timeout=2_000)
        assert video.close_button.text() != "✕ Close"
        assert video.marks_model.headerData(0, Qt.Orientation.Horizontal) != "In video"
        assert video.choice.currentText().startswith("第 1 个包裹")
        assert page.video_button.text() == "▶ 查找视频"
    finally:
        languages.use("en")
    qtbot.waitUntil(lambda: video.title.text() == "▶ Packing video — order V-1", timeout=2_000)
    assert video.close_button.text() == "✕ Close"
