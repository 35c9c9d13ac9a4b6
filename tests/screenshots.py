"""Screenshots of the supervisor's screens, to look at after every change.

``python -m tests.screenshots [FOLDER]`` (``make screenshots``) makes a demo database in a
temporary folder, aged three hours, and saves PNGs of the real window, offscreen: the
board and a held order's detail at 1280x720 (the smallest screen a counter has),
1366x705 (a maximised window on a 1366x768 counter PC), 1366x768 and 1920x1080, and the
wall display at 1920x1080 and 3840x2160, live and with the database away — each in
English and in Chinese.
``python -m tests.screenshots readme`` (``make screenshots OUT=readme``) makes the four
the README shows again, in ``resources/screenshots``.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

SIZES = ((1280, 720), (1366, 705), (1366, 768), (1920, 1080))
README_FOLDER = Path("resources/screenshots")  # the ones the README shows
README_SHOTS = (
    "board-1366x705-en.png",
    "detail-1366x705-zh_CN.png",
    "wall-1920x1080-en.png",
    "wall-1920x1080-zh_CN.png",
)
WALL_SIZES = ((1920, 1080), (3840, 2160))


def _wait(app: object, until: object, seconds: float = 20.0) -> None:
    from PySide6.QtWidgets import QApplication

    assert isinstance(app, QApplication)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        if until():  # type: ignore[operator]
            return
        time.sleep(0.02)


def _settle(app: object, seconds: float = 0.4) -> None:
    _wait(app, lambda: False, seconds)


def _age(engine: object, by: object) -> None:
    """The demo as it looks some hours later: every order's history moved back ``by``,
    so orders have been in their states that long (some of them stuck)."""
    from sqlalchemy import select

    from app.db import unit_of_work
    from app.models import OrderHistory

    with unit_of_work(engine) as s:  # type: ignore[arg-type]
        for row in s.scalars(select(OrderHistory)):
            row.at = row.at - by  # type: ignore[operator]


def main(folder: Path) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    home = Path(tempfile.mkdtemp(prefix="packdesk-shots-"))
    os.environ["PACKDESK_CONFIG_DIR"] = str(home / "config")
    os.environ["PACKDESK_DATA_DIR"] = str(home / "data")
    from app import db
    from app.board.cards import BoardCard
    from app.demo import create_demo
    from app.models import OrderStatus
    from app.settings import Settings
    from ui.app import install_fonts, install_translations, make_application
    from ui.board.wall_display import WallDisplay
    from ui.feedback import SoundPlayer
    from ui.main_window import MainWindow

    folder = folder.resolve()
    folder.mkdir(parents=True, exist_ok=True)
    os.chdir(home)  # the window names its database as given: "demo.db", no folder
    app = make_application()
    install_fonts(app)
    engine = db.make_engine("sqlite:///demo.db")
    db.upgrade(engine, backup_first=False)
    create_demo(engine, orders=200)
    _age(engine, timedelta(hours=3))
    for language in ("en", "zh_CN"):
        translators = install_translations(app, language)
        window = MainWindow(
            engine,
            Settings(station="counter-1", idle_lock_minutes=0, language=language),
            sounds=SoundPlayer(enabled=False),
        )
        board = window.board_page
        window.pages.setCurrentWidget(board)
        window.show()
        _wait(app, lambda b=board: b.now is not None)
        for width, height in SIZES:
            window.resize(width, height)
            _settle(app)
            name = f"board-{width}x{height}-{language}.png"
            window.grab().save(str(folder / name))
            held = [
                c
                for col in board.columns.models.values()
                for c in col.cards()
                if isinstance(c, BoardCard) and c.status is OrderStatus.ON_HOLD
            ]
            if held:
                board.open_order(held[0].id)
                _wait(app, lambda b=board: b.detail.view is not None)
                _settle(app)
                window.grab().save(str(folder / f"detail-{width}x{height}-{language}.png"))
                board.detail.close_order()
                _settle(app)
        wall = WallDisplay(board)  # as a window of the screen's size (offscreen has none)
        board.wall = wall
        for width, height in WALL_SIZES:
            wall.resize(width, height)
            wall.show()
            _wait(app, lambda w=wall: w.snapshot is not None)
            _settle(app)
            wall.grab().save(str(folder / f"wall-{width}x{height}-{language}.png"))
        board.feed.stop()  # the last answer; then the database away, as the feed says it
        board.feed.problem.emit("the database is not answering")
        for width, height in WALL_SIZES:
            wall.resize(width, height)
            _settle(app)
            wall.grab().save(str(folder / f"wall-away-{width}x{height}-{language}.png"))
        window.close()
        for translator in translators:
            app.removeTranslator(translator)
    engine.dispose()
    print(f"screenshots in {folder}")
    return 0


def readme() -> int:
    """The README's screenshots made again (``make screenshots OUT=readme``)."""
    import shutil

    with tempfile.TemporaryDirectory() as folder:
        readme_folder = README_FOLDER.resolve()
        main(Path(folder))
        readme_folder.mkdir(parents=True, exist_ok=True)
        for name in README_SHOTS:
            shutil.copyfile(Path(folder) / name, readme_folder / name)
    print(f"the README's screenshots in {README_FOLDER}")
    return 0


if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else "screenshots"
    sys.exit(readme() if out == "readme" else main(Path(out)))
