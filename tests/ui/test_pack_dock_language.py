"""The pack page and the dock change language at once, without a restart: a packer
half-way through an order, a verdict on the banner, switches to Chinese in Settings and
sees the same order, the banner's message said again in Chinese (from what it means,
not from its words), the buttons, labels and lines in Chinese; the same at the dock
with a parcel loaded. PNGs of both, in Chinese after the switch, are written for a
look when ``PACKDESK_SHOTS`` names a folder."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from app import settings
from tests.app.packing.conftest import CUP_EAN
from tests.ui.conftest import BADGE
from tests.ui.test_dock_page import CARRIER, bay, dock_window, packed
from tests.ui.test_dock_page import scan as dock_scan
from tests.ui.test_dock_page import sign_in as dock_sign_in
from tests.ui.test_pack_page import counts, scan
from ui.language import CHOICES
from ui.main_window import MainWindow

SIZE = (1366, 705)
__all__ = ["bay", "dock_window"]  # the dock's tests' fixtures


def _choose(qtbot: QtBot, window: MainWindow, language: str) -> None:
    box = window.settings_page.language
    box.setCurrentIndex(CHOICES.index(language))
    box.activated.emit(box.currentIndex())
    qtbot.wait(50)  # Qt posts the change to every widget
    qtbot.waitUntil(lambda: settings.load().language == language, timeout=5000)


def _shot(qtbot: QtBot, window: MainWindow, name: str) -> None:
    folder = os.environ.get("PACKDESK_SHOTS")
    if folder:
        qtbot.wait(100)  # the layouts the new words asked for, done
        Path(folder).mkdir(parents=True, exist_ok=True)
        window.grab().save(str(Path(folder) / name))


def test_the_pack_page_speaks_chinese_at_once_with_its_order_open(
    qtbot: QtBot, window: MainWindow
) -> None:
    page = window.pack_page
    window.resize(*SIZE)
    for code in (BADGE, "A-1", CUP_EAN):
        scan(qtbot, window, code)
    assert page.banner.headline.text() == "OK  保温杯 500ml  1/2"
    played = page.sounds.last_played
    try:
        _choose(qtbot, window, "zh_CN")
        window.pages.setCurrentWidget(page)
        qtbot.waitUntil(lambda: page.banner.headline.text() == "正确  保温杯 500ml  1/2")
        assert "还要装" in page.banner.detail.text() or "件" in page.banner.detail.text()
        assert page.order_number.text() == "A-1"  # the open order stays
        assert counts(window) == ["1 / 2", "0 / 1"]
        assert page.remaining.text() == "还剩 2 件"
        assert page.packer.text() == "打包员：Packer Li 李"
        assert page.manual.text() == "手动确认（F8）"
        assert page.entry.placeholderText() == "输入条码后按回车（F2）"
        assert page.lines.headerData(0, Qt.Orientation.Horizontal) == "完成"
        assert page.history.item(0).text().endswith("正确  保温杯 500ml  1/2")
        undo = page.findChild(type(page.manual), "cmd_undo")
        assert undo is not None and "Ctrl+Z" in undo.text() and "UNDO" not in undo.text()
        assert page.sounds.last_played == played  # said again, not played again
        assert window.order_preview.waybill.text() == "预览面单"  # the page's foot too
        qtbot.waitUntil(lambda: "面单" in window.printer_status.plain_text(), timeout=5000)
        _shot(qtbot, window, "pack-zh_CN-1366x705.png")
        # packing goes on in Chinese, the same order
        assert scan(qtbot, window, "LID").verdict.order == "A-1"
        assert page.banner.headline.text().startswith("正确")
    finally:
        _choose(qtbot, window, "en")
    qtbot.waitUntil(lambda: page.banner.headline.text().startswith("OK  "))
    assert page.remaining.text() == "1 left"
    assert page.manual.text() == "Confirm by hand (F8)"
    assert window.order_preview.waybill.text() == "Preview waybill"
    qtbot.waitUntil(lambda: "Labels" in window.printer_status.plain_text(), timeout=5000)


def test_the_dock_speaks_chinese_at_once_with_its_load_kept(
    qtbot: QtBot, dock_window: MainWindow, bay: Engine
) -> None:
    first, _second = packed(bay, "D-1", parcels=2)
    page = dock_window.dock_page
    dock_window.resize(*SIZE)
    dock_sign_in(qtbot, dock_window)
    loaded = dock_scan(qtbot, dock_window, first)
    assert page.banner.headline.text() == "LOADED  D-1  parcel 1/2"
    try:
        _choose(qtbot, dock_window, "zh_CN")
        dock_window.pages.setCurrentWidget(page)
        qtbot.waitUntil(lambda: page.banner.headline.text() == "已装车  D-1  包裹 1/2")
        assert "D-1" in page.banner.detail.text() and "Loaded" not in page.banner.detail.text()
        assert page.step.text() == "③ 逐个扫描包裹面单"
        assert page.who.text() == "装车员：Loader Zhao 赵"
        assert page.count.text() == "本车已装：1"
        assert page.close_button.text() == f"关闭交接单（{CARRIER}）"
        assert loaded.load is not None and loaded.load in page.manifest.text()
        assert "Manifest" not in page.manifest.text()
        assert "D-1" in page.missing.text() and "missing" not in page.missing.text()
        assert page.entry.placeholderText() == "输入面单号后按回车"
        assert page.scans.headerData(0, Qt.Orientation.Horizontal) == "时间"
        assert page.carrier.currentText() == CARRIER  # the truck stays chosen
        _shot(qtbot, dock_window, "dock-zh_CN-1366x705.png")
    finally:
        _choose(qtbot, dock_window, "en")
    qtbot.waitUntil(lambda: page.banner.headline.text() == "LOADED  D-1  parcel 1/2")
    assert page.count.text() == "On this load: 1"
