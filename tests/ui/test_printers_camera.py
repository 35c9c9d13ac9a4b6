"""The counter's camera on the printers page, offscreen: a live preview read off the
GUI thread while the page is on screen, and a test that says in words whether the
camera opens, its size and its pictures a second (FFmpeg's ``testsrc`` stands in)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from app.evidence import store
from app.printing.config import PrintingConfig
from tests.app.acting import admin_id
from tests.app.evidence.mjpeg_server import free_port
from tests.ui.conftest import speaking_chinese
from ui.printers_page import PrintersPage

STATION = "counter-7"
TESTSRC = "lavfi:testsrc=size=320x240:rate=15"

Opener = Callable[[str | None], PrintersPage]


@pytest.fixture
def db_url(sqlite_url: str) -> str:
    return sqlite_url


@pytest.fixture
def opened(qtbot: QtBot, engine: Engine, tmp_path: Path) -> Iterator[Opener]:
    pages: list[PrintersPage] = []

    def open_with(source: str | None) -> PrintersPage:
        store.set_camera(engine, STATION, source, user_id=admin_id(engine))
        page = PrintersPage(engine, STATION, PrintingConfig(preview_folder=str(tmp_path)))
        pages.append(page)
        qtbot.addWidget(page)
        page.resize(1366, 660)
        page.show()
        qtbot.waitExposed(page)
        return page

    yield open_with
    for page in pages:
        page.shutdown()


def test_the_camera_is_previewed_and_its_test_says_size_and_rate(
    qtbot: QtBot, opened: Opener
) -> None:
    page = opened(TESTSRC)
    box = page.camera
    qtbot.waitUntil(lambda: box.pictures >= 3, timeout=10_000)  # a live picture
    assert box.where.text().startswith("Camera: \nlavfi:testsrc=")
    assert box.where.toolTip() == TESTSRC
    pixmap = box.preview.pixmap()
    assert (pixmap.width(), pixmap.height()) == (192, 144)  # 4:3 in the 16:9 room
    box.test_button.click()
    assert box.result.text() == "Testing the camera for 2 s…"
    qtbot.waitUntil(lambda: "opens" in box.result.text(), timeout=10_000)
    assert box.result.text().startswith("✔ The camera opens: 320 × 240 pixels, ")
    rate = float(box.result.text().split(", ")[1].split()[0])
    assert 12 <= rate <= 18
    page.hide()  # the preview stops while the page is not on screen
    assert box.feed is None


def test_a_camera_that_does_not_answer_is_said_in_words(qtbot: QtBot, opened: Opener) -> None:
    page = opened(f"http://127.0.0.1:{free_port()}/video")
    box = page.camera
    qtbot.waitUntil(lambda: box.test_button.isEnabled(), timeout=5_000)
    qtbot.waitUntil(lambda: "does not open" in box.preview.text(), timeout=10_000)
    box.test_button.click()
    qtbot.waitUntil(lambda: "does not work" in box.result.text(), timeout=10_000)
    assert box.result.text().startswith("✘ The camera does not work: Camera http://127.0.0.1:")


def test_a_counter_without_a_camera_is_told_how_to_give_it_one(
    qtbot: QtBot, opened: Opener
) -> None:
    with speaking_chinese():
        page = opened(None)
        qtbot.waitUntil(lambda: STATION in page.camera.where.text(), timeout=5_000)
        text = page.camera.where.text()
    assert "packdesk cameras set --station counter-7" in text and "This counter" not in text
    assert not page.camera.test_button.isEnabled()


def test_a_camera_another_counter_has_too_is_said_on_the_page(
    qtbot: QtBot, opened: Opener, engine: Engine
) -> None:
    url = f"http://127.0.0.1:{free_port()}/video"
    store.set_camera(engine, "counter-8", url, user_id=admin_id(engine))
    page = opened(url)
    box = page.camera
    qtbot.waitUntil(lambda: box.shared.isVisible(), timeout=5_000)
    assert box.shared.text().startswith("⚠ Counter counter-8 has this camera too: ")
    page.shutdown()
    alone = opened(TESTSRC)
    qtbot.waitUntil(lambda: alone.camera.source == TESTSRC, timeout=5_000)
    assert not alone.camera.shared.isVisible() and alone.camera.shared.text() == ""


def test_a_network_cameras_password_is_not_shown() -> None:
    from ui.evidence.camera_box import without_password

    shown = without_password("rtsp://admin:s3cret@10.0.0.5:554/stream1")
    assert shown == "rtsp://admin:***@10.0.0.5:554/stream1"
    assert without_password("http://10.0.0.5/video") == "http://10.0.0.5/video"
    assert without_password(TESTSRC) == TESTSRC
