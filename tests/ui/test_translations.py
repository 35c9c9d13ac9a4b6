"""Simplified Chinese is shipped complete, and the window speaks it when asked."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, update

from app.db import unit_of_work
from app.models import Order, OrderStatus
from app.packing import COMMAND_PREFIX, Outcome, Verdict, words
from app.packing.command_codes import SHEET_NAMES, Command
from app.packing.words import said as said_words
from app.settings import Settings
from tests.app.packing.conftest import CUP_EAN
from tests.ui.conftest import BADGE, speaking_chinese
from ui.feedback import SoundPlayer
from ui.main_window import MainWindow
from ui.pack import engine_words, verdict_look
from ui.resources import resource
from ui.words import command_name

ROOT = Path(__file__).resolve().parents[2]


def sources(ts: Path) -> dict[tuple[str, str], ET.Element]:
    tree = ET.parse(ts)
    return {
        (ctx.findtext("name") or "", msg.findtext("source") or ""): msg
        for ctx in tree.getroot().iter("context")
        for msg in ctx.iter("message")
    }


def test_every_ui_string_has_a_finished_chinese_translation(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    files = sorted(str(p) for p in (ROOT / "ui").rglob("*.py"))
    subprocess.run([str(lupdate), *files, "-ts", str(fresh)], check=True, capture_output=True)
    shipped = sources(resource("translations", "packdesk_zh_CN.ts"))
    missing = []
    for key in sources(fresh):
        msg = shipped.get(key)
        translation = msg.find("translation") if msg is not None else None
        if translation is None or translation.get("type") or not (translation.text or ""):
            missing.append(key)
    assert missing == [], "run: make translations, then translate the new strings"
    assert resource("translations", "packdesk_zh_CN.qm").stat().st_size > 0


def test_the_window_in_chinese(qtbot: QtBot, shop: Engine) -> None:
    with speaking_chinese():
        win = MainWindow(shop, Settings(idle_lock_minutes=0), sounds=SoundPlayer(enabled=False))
        qtbot.addWidget(win)
        assert win.pages.tabText(0) == "打包"
        assert "请扫工牌" in win.pack_page.packer.text()
        win.show()
        banner = win.pack_page.banner
        for code in (BADGE, "A-2", CUP_EAN):  # a wrong item: its words, in Chinese
            with qtbot.waitSignal(win.station.answered, timeout=10_000):
                win.pack_page.scan(code)
        assert "错" in banner.headline.text()
        assert (
            banner.detail.text()
            == "请放回：CUP-500 不在订单 A-2 中（它属于订单 A-1）。还要装：LID ×1"
        )
        with unit_of_work(shop) as s:
            s.execute(
                update(Order)
                .where(Order.external_number == "A-1")
                .values(status=OrderStatus.CANCELLED)
            )
        with qtbot.waitSignal(win.station.answered, timeout=10_000):
            win.pack_page.scan("A-1")
        assert banner.detail.text() == "订单 A-1 已取消：请勿打包。"
        with qtbot.waitSignal(win.station.answered, timeout=10_000):
            win.pack_page.scan(COMMAND_PREFIX + "HOLD")  # what a command did: the engine's words
        assert banner.detail.text() == "订单 A-2 已暂停：请把箱子放到一边。"
        assert banner.headline.text() == "挂起：已完成"  # the command by its name, done
        with qtbot.waitSignal(win.station.answered, timeout=10_000):
            win.pack_page.scan(COMMAND_PREFIX + "UNDO")  # no order open any more
        assert banner.detail.text() == "“撤销上一步”需要先打开订单：请先扫描订单。"
        undo = win.pack_page.findChild(QPushButton, "cmd_undo")
        assert undo is not None and undo.text() == "撤销上一步 (Ctrl+Z)"
        win.shutdown()


def test_the_screen_knows_every_one_of_the_engines_words() -> None:
    assert engine_words.ENGINE_WORDS == words.TEMPLATES


def test_an_expired_lot_let_through_is_said_in_chinese(qtbot: QtBot) -> None:
    with speaking_chinese():
        verdict = Verdict(
            seq=1,
            input="honey",
            outcome=Outcome.ACCEPTED,
            message="OK HONEY 1/2; 1 to go. (lot expired 2025-12-31)",
            sku="HONEY",
            product_name="蜂蜜",
            remaining=1,
            warning="lot expired 2025-12-31",
            expiry=date(2025, 12, 31),
        )
        said = verdict_look.detail(verdict)
        assert "批次已于 2025-12-31 过期" in said and "lot expired" not in said
        last = replace(verdict, outcome=Outcome.ORDER_COMPLETE, remaining=0)
        said = verdict_look.detail(last)  # the last item too: the box is done, yet
        assert "批次已于 2025-12-31 过期" in said and "lot expired" not in said
        hidden = said_words("date_in_lot_packed", "LOT-117251231", "2025-12-31")
        box_done = replace(last, warning="lot may hide expiry 2025-12-31", expiry=None)
        said = verdict_look.detail(replace(box_done, words=hidden))
        assert said.startswith("全部已装箱。正在打印单据……") and "⚠" in said  # both: done, and why
        assert "LOT-117251231" in said and "may hide" not in said
        found = replace(verdict, words=said_words("found_missing", "HONEY", 1, 2, 2))
        said = verdict_look.detail(found)  # a missing unit that turned up, expired
        assert said.startswith("HONEY 找到了") and "批次已于 2025-12-31 过期" in said


def test_the_printed_command_sheet_names_commands_as_the_screen_does(qtbot: QtBot) -> None:
    """The sheet is printed in both languages by the core (no Qt there); each name must
    be the pack page's own for the same command, so a packer finds the button's
    barcode by its name."""
    english = {c: command_name(c.value) for c in Command}
    with speaking_chinese():
        chinese = {c: command_name(c.value) for c in Command}
    assert {c: (chinese[c], english[c]) for c in Command} == SHEET_NAMES


def test_why_a_line_is_short_is_said_in_chinese(qtbot: QtBot) -> None:
    """The reasons the counter's SHORT commands keep are shown in the screen's
    language on the board's order detail; any other reason as it was written."""
    from ui.words import short_reason_words

    with speaking_chinese():
        assert short_reason_words("damaged") == "破损"
        assert short_reason_words("not found") == "找不到"
        assert short_reason_words("supplier backorder") == "supplier backorder"
        marked = Verdict(
            seq=1,
            input="LID",
            outcome=Outcome.COMMAND,
            message="LID: 1 marked short (damaged).",
            command="SHORT",
            words=words.said("marked_short_why", "LID", 1, "damaged"),
        )
        assert verdict_look.detail(marked) == "LID：已标记缺货 1 件（破损）。"
    assert short_reason_words("damaged") == "damaged"
