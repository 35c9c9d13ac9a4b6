"""Fixtures for the window tests: a real database with a catalogue and orders, and a
real main window on it (offscreen)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from app.db import unit_of_work
from app.models import User
from app.printing.config import PrintingConfig
from app.printing.print_service import PrintService
from app.settings import Settings
from tests.app.packing.conftest import _products, add_order
from ui.cycle_collector import collect_cycles_on_gui_thread
from ui.feedback import SoundPlayer
from ui.language import install_translations
from ui.main_window import MainWindow

BADGE = "B-100"


@pytest.fixture(scope="package", autouse=True)
def cycles_collected_on_the_gui_thread(qapp: QApplication) -> Iterator[None]:
    """As in the window (``make_application``): a worker thread never collects a page
    an earlier test left in a cycle, so Qt never destroys it off the GUI thread."""
    collector = collect_cycles_on_gui_thread(qapp)
    yield
    collector.stop()
    collector.deleteLater()


@pytest.fixture
def shop(engine: Engine) -> Engine:
    """The packing tests' catalogue, a packer, and two ready orders."""
    with unit_of_work(engine) as s:
        s.add_all(_products())
        s.add(User(name="Packer Li 李", badge=BADGE, role="packer"))
    add_order(engine, "A-1", {"CUP-500": 2, "LID": 1})
    add_order(engine, "A-2", {"LID": 1})
    return engine


@pytest.fixture
def service(engine: Engine, tmp_path: Path) -> Iterator[PrintService]:
    """The spool, waiting long between tries: a job to a printer that is off waits.
    (The print queue's and the printing window's tests retry faster: their own.)"""
    svc = PrintService(
        engine,
        config=PrintingConfig(preview_folder=str(tmp_path / "previews")),
        backoff=(30.0, 60.0, 120.0),
    )
    yield svc
    svc.stop()


@pytest.fixture
def window(qtbot: QtBot, shop: Engine) -> Iterator[MainWindow]:
    win = MainWindow(
        shop, Settings(station="counter-7", idle_lock_minutes=0), sounds=SoundPlayer(enabled=False)
    )
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.shutdown()


@contextmanager
def speaking_chinese() -> Iterator[None]:
    """The application's words in Simplified Chinese while inside, English again after."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translations(app, "zh_CN")
    try:
        yield
    finally:
        for translator in translators:
            app.removeTranslator(translator)
