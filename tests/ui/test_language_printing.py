"""The print queue, the printers page and the printing settings change language at
once when it is chosen in Settings, like the other pages: labels, buttons, table
headers, status words, the sign-in strip and the message last said; and back again.
Real window (offscreen), real database."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from app.models import JobStatus
from app.printing.jobs import JobRow
from tests.ui.test_language import _choose
from tests.ui.test_print_queue import NOW
from ui.main_window import MainWindow
from ui.print_queue_model import STATUS


def visible_words(window: MainWindow) -> dict[str, str]:
    queue, printers = window.print_queue_page, window.printers_page
    form, documents = printers.label_form, window.settings_page.documents
    header = queue.model.headerData
    return {
        "retry": queue.retry_button.text(),
        "filter": queue.filter.itemText(1),
        "header": header(STATUS, Qt.Orientation.Horizontal),
        "status": queue.model.index(0, STATUS).data(),
        "queue needs": queue.strip.needed.text(),
        "queue message": queue.message.text(),
        "find": printers.find_button.text(),
        "form title": form.title(),
        "save printer": form.save.text(),
        "language": form.language.itemText(0),
        "printer message": form.message.text(),
        "found": printers.found.text(),
        "printers needs": printers.strip.needed.text(),
        "sign in": printers.strip.sign_in_button.text(),
        "nobody": printers.strip.who.text(),
        "save settings": documents.save_button.text(),
        "city placeholder": documents.form.city.placeholderText(),
        "folder placeholder": documents.form.preview_folder.placeholderText(),
        "settings needs": documents.strip.needed.text(),
        "file note": documents.file_note.text(),
    }


def test_the_printing_pages_change_language_at_once(
    qtbot: QtBot, window: MainWindow, shop: Engine
) -> None:
    window.pages.setCurrentWidget(window.printers_page)
    qtbot.waitUntil(lambda: window.printers_page.find_button.isEnabled(), timeout=10_000)
    window.pages.setCurrentWidget(window.settings_page)
    documents = window.settings_page.documents
    qtbot.waitUntil(lambda: documents.file_note.text() != "", timeout=10_000)
    queue = window.print_queue_page
    window.pages.setCurrentWidget(queue)
    queue.refresh = lambda **_: None  # type: ignore[method-assign]  (this test's rows only)
    qtbot.waitUntil(lambda: queue.queue.pending == 0, timeout=5_000)  # the first read is in
    queue.model.set_rows(
        [JobRow(7, "zebra", "waybill", "zpl", JobStatus.FAILED, 1, "#7", "off", NOW, None, None)]
    )
    queue._failed("no paper", False)  # a message said before the change
    english = visible_words(window)
    assert english["retry"] == "↻ Try again" and english["status"] == "✖ Failed"
    assert english["printer message"].startswith("None set")
    try:
        _choose(qtbot, window, "zh_CN")
        chinese = visible_words(window)
        changed = [k for k in english if english[k] != chinese[k]]
        unchanged = {"queue message", "folder placeholder"}  # (a message's own words, a path)
        assert sorted(changed) == sorted(k for k in english if k not in unchanged)
        assert chinese["retry"] == "↻ 重试"
        assert chinese["printers needs"] == "请以主管或管理员身份登录，才能修改打印机。"
        assert chinese["sign in"] == "登录"
        assert "失败" in chinese["status"]
        assert "预览" in chinese["printer message"]
        assert chinese["folder placeholder"].endswith("previews")
    finally:
        _choose(qtbot, window, "en")
    assert visible_words(window) == english


def test_settings_no_longer_says_some_pages_wait_for_the_next_start(window: MainWindow) -> None:
    words = [label.text() for label in window.settings_page.findChildren(QLabel)]
    assert not [w for w in words if "next start" in w]
