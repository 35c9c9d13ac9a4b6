"""Start the window: the Qt application, bundled fonts, translations, the database.

(``install_translations`` lives in ``ui.language``; it is imported here for the
callers that have always found it here.)"""

from __future__ import annotations

import gc
import logging
import sys

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox

from app import db, settings
from app.errors import PackdeskError
from app.server_check import check_server
from ui.cycle_collector import GuiThreadCollector, collect_cycles_on_gui_thread
from ui.language import Languages, install_translations
from ui.refusal_words import refusal_words
from ui.resources import resource

log = logging.getLogger(__name__)

__all__ = ["install_fonts", "install_translations", "make_application", "run_window"]

CJK_FONT = ("fonts", "DroidSansFallbackFull.ttf")


def install_fonts(app: QApplication) -> list[str]:
    """Register the bundled CJK font and put it behind the UI font as a fallback, so
    Chinese renders even on a machine that has no CJK font installed."""
    font_id = QFontDatabase.addApplicationFont(str(resource(*CJK_FONT)))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    font = QFont(app.font())
    font.setFamilies([font.family(), *families])
    font.setPointSize(max(font.pointSize(), 11))
    app.setFont(font)
    return list(families)


def make_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("Packdesk")
    app.setOrganizationName("Packdesk")
    collect_cycles_on_gui_thread(app)  # never a page destroyed by a worker's collection
    return app


def run_window(*, db_url: str | None, fullscreen: bool) -> int:
    """Open the main window on the database; returns the exit status."""
    from ui.main_window import MainWindow

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    app = make_application()
    install_fonts(app)
    config = settings.load()
    languages = Languages(install_translations(app, config.language), config.language)
    try:
        engine = db.make_engine(db_url)
        check_server(engine)  # a PostgreSQL server: reachable, new enough, in words
        db.upgrade(engine)  # backs up a SQLite file before changing its schema
    except PackdeskError as exc:
        QMessageBox.critical(None, "Packdesk", refusal_words(exc))
        return 2
    window = MainWindow(engine, config, languages=languages)
    # what the program and its window are made of lives as long as they do: the
    # collector's passes on the GUI thread leave it out (shorter pauses on a big heap)
    gc.freeze()
    if fullscreen:
        window.showFullScreen()
    else:
        window.show()
    status = app.exec()
    window.shutdown()
    collector = app.findChild(GuiThreadCollector)
    if collector is not None:  # the last cycles freed here, while Qt is still up
        collector.stop()
    engine.dispose()
    return status
