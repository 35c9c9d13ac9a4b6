"""The pack page driven like a counter: scanner bursts into the real window, verdicts
committed to a real database, the banner, sound and counts checked."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, select

from app.db import unit_of_work
from app.models import Order, OrderStatus, ScanEvent, User
from app.packing.station_view import OpenOrder, PackLine, StationView
from app.settings import Settings
from tests.app.packing.conftest import CUP_CASE, CUP_EAN, add_order
from tests.serial_cable import Cable, needs_socat
from tests.ui.conftest import BADGE, speaking_chinese
from ui.feedback import SoundPlayer
from ui.main_window import MainWindow
from ui.pack.lines_model import COUNT
from ui.pack.verdict_look import Look, background


def burst(qtbot: QtBot, window: MainWindow, code: str) -> None:
    """What a keyboard-wedge scanner does: a burst of keys with no time between them
    (the filter's clock stands still: however slow this machine is) and Enter."""
    window.scan_sources.wedge_scanner.clock = lambda: 0.0
    target = QApplication.focusWidget() or window
    qtbot.keyClicks(target, code)
    qtbot.keyClick(target, Qt.Key.Key_Return)


def scan(qtbot: QtBot, window: MainWindow, code: str) -> object:
    with qtbot.waitSignal(window.station.answered, timeout=10_000) as answer:
        burst(qtbot, window, code)
    return answer.args[0]


def counts(window: MainWindow) -> list[str]:
    model = window.pack_page.lines
    return [model.index(r, COUNT).data() for r in range(model.rowCount())]


def test_a_missing_item_that_turns_up_is_no_longer_shown_short(
    qtbot: QtBot, window: MainWindow, shop: Engine
) -> None:
    add_order(shop, "F-1", {"CUP-500": 2, "LID": 2})
    for code in (BADGE, "F-1", CUP_EAN, "CMD:NOT-FOUND", CUP_EAN, "LID"):
        scan(qtbot, window, code)
    assert counts(window) == ["1 / 2  (1 short)", "1 / 2"]
    found = scan(qtbot, window, CUP_EAN)
    assert found.verdict.outcome == "accepted"
    assert counts(window) == ["2 / 2", "1 / 2"]
    assert window.pack_page.remaining.text() == "1 left"
    scan(qtbot, window, "CMD:UNDO")
    assert counts(window) == ["1 / 2  (1 short)", "1 / 2"]


def test_a_whole_order_packed_by_scans(qtbot: QtBot, window: MainWindow, shop: Engine) -> None:
    page = window.pack_page
    assert scan(qtbot, window, BADGE).verdict.outcome == "login"
    assert "Packer Li" in page.packer.text()
    assert scan(qtbot, window, "A-1").verdict.outcome == "order_opened"
    assert page.order_number.text() == "A-1"
    assert counts(window) == ["0 / 2", "0 / 1"]

    answer = scan(qtbot, window, CUP_EAN)
    assert answer.verdict.outcome == "accepted"
    assert counts(window) == ["1 / 2", "0 / 1"]
    # the product by its name, as the packer sees it on the box
    assert page.banner.tone == "ok" and page.banner.headline.text() == "OK  保温杯 500ml  1/2"
    assert page.sounds.last_played == "accepted"
    assert page.remaining.text() == "2 left"

    answer = scan(qtbot, window, "LID")  # wrong? no: LID is in this order, by SKU
    assert answer.verdict.outcome == "accepted"
    answer = scan(qtbot, window, "LID")
    assert answer.verdict.outcome == "over_scan"
    assert page.banner.tone == "error" and page.sounds.last_played == "over_scan"
    assert counts(window) == ["1 / 2", "1 / 1"]

    answer = scan(qtbot, window, CUP_EAN)
    assert answer.verdict.outcome == "order_complete"
    assert page.sounds.last_played == "complete"
    with unit_of_work(shop, read_only=True) as s:
        order = s.scalars(select(Order).where(Order.external_number == "A-1")).one()
        assert order.status == OrderStatus.PACKED
        outcomes = list(s.scalars(select(ScanEvent.outcome).order_by(ScanEvent.id)))
    assert outcomes == [
        "login",
        "order_opened",
        "accepted",
        "accepted",
        "over_scan",
        "order_complete",
    ]
    assert page.history.count() == 6


def test_wrong_item_and_unknown_code_are_loud_and_change_nothing(
    qtbot: QtBot, window: MainWindow
) -> None:
    page = window.pack_page
    scan(qtbot, window, BADGE)
    scan(qtbot, window, "A-2")
    answer = scan(qtbot, window, CUP_EAN)
    assert answer.verdict.outcome == "wrong_item"
    assert page.banner.tone == "error" and "WRONG ITEM" in page.banner.headline.text()
    assert page.banner.detail.text() == (  # and what the order wants instead
        "Put it back: CUP-500 is not in order A-2 (it is in order A-1). Still to pack: LID ×1"
    )
    assert page.sounds.last_played == "wrong_item"
    answer = scan(qtbot, window, "NO-SUCH-THING")
    assert answer.verdict.outcome == "unknown_code"
    assert "NO-SUCH-THING is not an order" in page.banner.detail.text()
    assert page.sounds.last_played == "unknown"
    assert counts(window) == ["0 / 1"]


def test_the_last_item_of_a_short_order_says_it_waits_for_a_supervisor(
    qtbot: QtBot, window: MainWindow
) -> None:
    page = window.pack_page
    for code in (BADGE, "A-1", "CMD:SHORT", "LID", CUP_EAN):
        scan(qtbot, window, code)
    answer = scan(qtbot, window, CUP_EAN)
    assert answer.verdict.outcome == "accepted"
    assert page.banner.tone == "warn" and "ON HOLD" in page.banner.headline.text()
    assert page.banner.detail.text() == "Order A-1 is short: on hold for a supervisor."
    assert page.sounds.last_played == "alert"  # not the accepted chime: no box to close
    assert page.order_number.text() != "A-1"  # the order has left the station


def test_undo_brings_back_the_order_a_wrong_short_mark_held(
    qtbot: QtBot, window: MainWindow
) -> None:
    """SHORT, then the wrong item: it was the last to pack, so the order left the
    screen on hold. UNDO puts it back on the screen with the line to pack again."""
    page = window.pack_page
    for code in (BADGE, "A-1", CUP_EAN, CUP_EAN, "CMD:SHORT"):
        scan(qtbot, window, code)
    scan(qtbot, window, "LID")
    assert page.order_number.text() != "A-1"
    answer = scan(qtbot, window, "CMD:UNDO")
    assert answer.verdict.words.key == "short_undone"
    assert page.order_number.text() == "A-1"
    assert counts(window) == ["2 / 2", "0 / 1"]
    assert page.banner.detail.text() == "Undone: LID is no longer marked short; 1 to pack again."
    assert scan(qtbot, window, "LID").verdict.outcome == "order_complete"


def test_a_command_that_could_not_act_warns_not_only_in_colour(
    qtbot: QtBot, window: MainWindow
) -> None:
    page = window.pack_page
    for code in (BADGE, "A-1", "CMD:NEXT-PARCEL"):
        scan(qtbot, window, code)
    assert (page.banner.tone, page.banner.icon.text()) == ("warn", "⚠")  # nothing packed yet
    assert page.sounds.last_played == "alert"
    scan(qtbot, window, CUP_EAN)
    scan(qtbot, window, "CMD:NEXT-PARCEL")
    assert (page.banner.tone, page.banner.icon.text()) == ("info", "⚙")
    assert page.history.item(0).text().startswith("⚙") and page.history.item(2).text()[0] == "⚠"


def test_another_order_while_the_box_has_items_is_refused_loudly_then_switched_on_purpose(
    qtbot: QtBot, window: MainWindow
) -> None:
    page = window.pack_page
    for code in (BADGE, "A-1", CUP_EAN, "A-2"):
        scan(qtbot, window, code)
    assert (page.banner.tone, page.banner.headline.text()) == ("error", "ORDER A-1 NOT FINISHED")
    assert page.sounds.last_played == "wrong_item" and page.order_number.text() == "A-1"
    assert page.banner.detail.text() == (
        "Order A-1 is not finished (1 packed, 2 to go). Finish it, or take every item "
        "out of the box and scan A-2 again to switch to it."
    )
    scan(qtbot, window, "A-2")  # the same slip again, at once: the packer means it
    assert (page.banner.tone, page.banner.headline.text()) == (
        "warn",
        "EMPTY THE BOX  then pack A-2",
    )
    assert page.sounds.last_played == "alert" and page.order_number.text() == "A-2"
    assert page.banner.detail.text() == (
        "Order A-1 went back to the queue with its 1 packed units taken back: "
        "empty this box before you pack order A-2."
    )


def test_a_case_pack_counts_its_units_and_never_past_the_order(
    qtbot: QtBot, window: MainWindow
) -> None:
    scan(qtbot, window, BADGE)
    scan(qtbot, window, "A-1")
    answer = scan(qtbot, window, CUP_CASE)  # a case of 6 for a line of 2
    assert answer.verdict.outcome == "over_scan"
    assert counts(window) == ["0 / 2", "0 / 1"]
    detail = window.pack_page.banner.detail.text()
    assert detail == (
        "This code counts 6 of CUP-500, but only 2 more fit: open it, scan them singly."
    )


def test_fast_scans_are_answered_in_order(qtbot: QtBot, window: MainWindow) -> None:
    """A burst of scans faster than the database answers: none lost, none reordered."""
    answers = []
    window.station.answered.connect(answers.append)
    for code in (BADGE, "A-1", CUP_EAN, "LID", CUP_EAN):
        burst(qtbot, window, code)
    qtbot.waitUntil(lambda: len(answers) == 5, timeout=10_000)
    assert [a.verdict.outcome for a in answers] == [
        "login",
        "order_opened",
        "accepted",
        "accepted",
        "order_complete",
    ]


def test_a_scan_typed_into_the_entry_box_goes_the_same_way(
    qtbot: QtBot, window: MainWindow
) -> None:
    page = window.pack_page
    scan(qtbot, window, BADGE)
    page.entry.setFocus()
    page.entry.setText("A-2")
    with qtbot.waitSignal(window.station.answered, timeout=10_000) as answer:
        page.entry.returnPressed.emit()
    assert answer.args[0].verdict.outcome == "order_opened"
    assert page.entry.text() == ""


def test_an_order_held_elsewhere_interrupts_the_screen(
    qtbot: QtBot, window: MainWindow, shop: Engine
) -> None:
    from app import lifecycle

    page = window.pack_page
    scan(qtbot, window, BADGE)
    scan(qtbot, window, "A-1")
    with unit_of_work(shop) as s:
        order = s.scalars(select(Order).where(Order.external_number == "A-1")).one()
        lifecycle.transition(s, order, OrderStatus.ON_HOLD, reason="customer called")
    with qtbot.waitSignal(window.station.refreshed, timeout=10_000):
        window.station._watch_tick()
    assert page.banner.tone == "error"
    assert "A-1" in page.banner.headline.text()
    assert page.sounds.last_played == "wrong_item"
    page.sounds.last_played = None
    with qtbot.waitSignal(window.station.refreshed, timeout=10_000):
        window.station._watch_tick()
    assert page.sounds.last_played is None  # said once, not at every look
    answer = scan(qtbot, window, CUP_EAN)
    assert answer.verdict.outcome == "not_packable"
    answer = scan(qtbot, window, "A-1")  # scanned again: it may not be opened
    assert answer.verdict.outcome == "not_packable"
    assert page.banner.detail.text() == (
        "Order A-1 is on hold: do not pack it. A supervisor can release it."
    )


def test_idle_lock_keeps_the_order_and_wants_a_badge(qtbot: QtBot, window: MainWindow) -> None:
    page = window.pack_page
    scan(qtbot, window, BADGE)
    scan(qtbot, window, "A-1")
    scan(qtbot, window, CUP_EAN)
    window.station.lock()
    assert page.lock_notice.isVisible()
    # a locked counter looks locked: the banner and the header say so, not "Signed in"
    assert (page.banner.tone, page.banner.headline.text()) == ("info", "LOCKED")
    assert page.packer.text() == "⚑ Locked (was: Packer Li 李)"
    refused = scan(qtbot, window, CUP_EAN)  # not a badge: refused, nothing counted
    assert refused.verdict.outcome == "not_signed_in"
    assert page.banner.detail.text() == (
        "The counter locked after a pause: scan your badge to go on."
    )
    assert page.lock_notice.isVisible()
    page.table.selectRow(0)
    page._confirm_selected()  # nor by hand (F8)
    assert page.banner.headline.text() == "Locked: scan your badge first"
    answer = scan(qtbot, window, BADGE)
    assert answer.verdict.outcome == "login"
    assert not page.lock_notice.isVisible()
    assert page.packer.text() == "Packer: Packer Li 李"
    assert counts(window) == ["1 / 2", "0 / 1"]  # the order and its progress are still there


def test_another_packers_badge_on_an_order_begun_says_it_takes_it_over(
    qtbot: QtBot, window: MainWindow, shop: Engine
) -> None:
    with unit_of_work(shop) as s:
        s.add(User(name="Wang 王", badge="B-200", role="packer"))
    page = window.pack_page
    for code in (BADGE, "A-1", CUP_EAN, "B-200"):
        scan(qtbot, window, code)
    assert (page.banner.tone, page.banner.headline.text()) == (
        "warn",
        "Wang 王 takes over order A-1",
    )
    assert page.banner.detail.text() == (
        "Wang 王 takes over order A-1 from Packer Li 李: 2 left to pack."
    )
    assert page.sounds.last_played == "alert" and page.packer.text() == "Packer: Wang 王"


def test_a_refused_command_says_it_was_refused(qtbot: QtBot, window: MainWindow) -> None:
    page = window.pack_page
    for code in (BADGE, "A-1", "CMD:COMPLETE"):
        scan(qtbot, window, code)
    assert page.banner.headline.text() == "Complete refused: 3 still to pack"
    assert page.banner.tone == "warn" and page.sounds.last_played == "alert"


def test_a_finished_orders_lines_stay_until_the_next_order_opens(
    qtbot: QtBot, window: MainWindow
) -> None:
    page = window.pack_page
    for code in (BADGE, "A-1", CUP_EAN, CUP_EAN, "LID"):
        scan(qtbot, window, code)
    assert page.banner.tone == "done"
    assert page.order_number.text() == "✔ A-1 finished"
    assert counts(window) == ["2 / 2", "1 / 1"]
    with qtbot.waitSignal(window.station.refreshed, timeout=10_000):
        pass  # the station reads its state again (every few seconds): the lines stay
    assert counts(window) == ["2 / 2", "1 / 1"]
    scan(qtbot, window, "A-2")
    assert page.order_number.text() == "A-2" and counts(window) == ["0 / 1"]


def test_a_counter_without_manual_confirmation_shows_no_f8_button_and_says_why(
    qtbot: QtBot, shop: Engine
) -> None:
    settings = Settings(station="counter-8", idle_lock_minutes=0, allow_manual_confirm=False)
    win = MainWindow(shop, settings, sounds=SoundPlayer(enabled=False))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    try:
        page = win.pack_page
        assert page.manual.isHidden()
        scan(qtbot, win, BADGE)
        scan(qtbot, win, "A-1")
        page.table.selectRow(0)
        with qtbot.waitSignal(win.station.answered, timeout=10_000) as answer:
            page._confirm_selected()  # F8
        assert answer.args[0].verdict.outcome == "not_packable"
        assert page.banner.detail.text() == "Manual confirmation is switched off at this station."
        assert counts(win) == ["0 / 2", "0 / 1"]
    finally:
        win.shutdown()


@needs_socat
def test_a_serial_scanner_packs_too_and_its_state_is_shown(
    qtbot: QtBot, shop: Engine, cable: Cable
) -> None:
    settings = Settings(station="counter-9", idle_lock_minutes=0, serial_scanner=str(cable.device))
    win = MainWindow(shop, settings, sounds=SoundPlayer(enabled=False))
    qtbot.addWidget(win)
    status = win.scan_sources.serial_status
    assert status is not None
    try:
        qtbot.waitUntil(lambda: "connected" in status.text(), timeout=5000)
        answers = []
        win.station.answered.connect(answers.append)
        cable.send(b"B-100\rA-2\rLID\r")
        qtbot.waitUntil(lambda: len(answers) == 3, timeout=10_000)
        assert [a.verdict.outcome for a in answers] == ["login", "order_opened", "order_complete"]
        cable.unplug()
        qtbot.waitUntil(lambda: "retrying" in status.text(), timeout=5000)
        with speaking_chinese():  # the line said again in the new language
            qtbot.waitUntil(lambda: status.text().startswith(f"扫描枪 {cable.device}："))
            assert status.text().endswith("（正在重连）")
        qtbot.waitUntil(lambda: status.text().startswith(f"Scanner {cable.device}: "))
        assert status.text().endswith("(retrying)")
    finally:
        win.shutdown()


# Qt Multimedia notes, once per process, that this machine has no PipeWire library
@pytest.mark.qt_log_ignore("pipewire")
def test_spoken_prompts_say_the_verdicts_words(qtbot: QtBot, window: MainWindow) -> None:
    """With speech on (Qt's mock engine here), each verdict's headline is spoken."""
    from PySide6.QtTextToSpeech import QTextToSpeech

    from ui.feedback import Speaker

    speaker = Speaker(enabled=True, engine="mock", parent=window)
    window.pack_page.speaker = speaker
    scan(qtbot, window, BADGE)
    scan(qtbot, window, "A-2")
    assert speaker.problem is None
    assert speaker.last_spoken == "Order A-2: 1 to pack"
    assert speaker._tts.state() in (QTextToSpeech.State.Speaking, QTextToSpeech.State.Ready)
    scan(qtbot, window, CUP_EAN)
    assert speaker.last_spoken == "WRONG ITEM  保温杯 500ml"  # the product as it is called


@pytest.mark.qt_log_ignore("pipewire", "Text-to-speech plug-in")  # what this test provokes
def test_without_a_speech_engine_prompts_turn_themselves_off(qtbot: QtBot) -> None:
    from ui.feedback import Speaker

    speaker = Speaker(enabled=True, engine="no-such-engine")
    speaker.say("hello")
    assert not speaker.enabled and speaker.problem
    assert speaker.last_spoken is None


def _view(packed: int, short: int = 0) -> StationView:
    line = PackLine(7, "BOLT-M8", "Bolt M8", 10, packed, short, "A-01", None, False, False)
    order = OpenOrder(
        42, "W-42", OrderStatus.PACKING, "Ms Wu", None, None, None, 0, None, (line,), True
    )
    return StationView("Packer Li", "packer", order)


def test_counts_that_grow_wider_still_fit_their_column(qtbot: QtBot, window: MainWindow) -> None:
    page = window.pack_page
    table = page.table

    def fits() -> bool:
        wanted = table.sizeHintForIndex(page.lines.index(0, COUNT)).width()
        return table.columnWidth(COUNT) >= wanted

    page.show_view(_view(9))  # a new order: its columns are fitted to it
    assert counts(window) == ["9 / 10"] and fits()
    narrow = table.columnWidth(COUNT)
    page.show_view(_view(10))  # one more digit
    assert counts(window) == ["10 / 10"] and fits()
    page.show_view(_view(8, short=2))  # the words about the short line are wider still
    assert "short" in counts(window)[0] and fits()
    assert table.columnWidth(COUNT) > narrow


def test_the_banner_is_painted_in_its_tone(qtbot: QtBot, window: MainWindow) -> None:
    banner = window.pack_page.banner
    for look in (Look("ok", "✔", "accepted", "OK"), Look("error", "✖", "wrong_item", "NO")):
        banner.show_look(look, "")
        inside = banner.grab().toImage().pixelColor(banner.width() // 2, 4)
        assert inside.name() == background(look.tone)


def test_the_banner_keeps_its_height_whatever_it_says(qtbot: QtBot, window: MainWindow) -> None:
    banner = window.pack_page.banner
    height = banner.height()
    long_detail = "还有 12 件未装箱。请扫描它们，或扫描“缺货”再扫描缺少的商品。 " * 4
    two_lines = 2 * banner.detail.fontMetrics().lineSpacing()
    for headline, detail in (("OK", ""), ("订单 W-42 已完成", long_detail), ("NO", "short")):
        banner.show_look(Look("info", "▶", "info", headline), detail)
        head, more = banner.headline.geometry(), banner.detail.geometry()
        assert banner.height() == height
        assert banner.rect().contains(head) and banner.rect().contains(more)
        if detail:  # under the headline, with room for the two lines a long one wraps to
            assert head.bottom() < more.top()
            assert more.height() >= (two_lines if detail == long_detail else 1)


def test_a_long_headline_leaves_the_detail_its_first_line(qtbot: QtBot, window: MainWindow) -> None:
    banner = window.pack_page.banner
    banner.show_look(
        Look("warn", "➜", "info", "Now scan the serial number of " + " ".join(["WIDE"] * 60)), "Go"
    )
    assert banner.headline.heightForWidth(banner.headline.width()) > banner.headline.height()
    assert banner.detail.height() >= banner.detail.fontMetrics().lineSpacing()
    assert banner.headline.geometry().bottom() < banner.detail.geometry().top()


def test_every_verdict_icon_is_in_the_banners_font(window: MainWindow) -> None:
    """An icon the font lacks shows as an empty box: look at them all."""
    from PySide6.QtGui import QFontMetrics

    from app.packing import Outcome, Verdict
    from app.packing.words import said
    from ui.pack.verdict_look import look

    verdicts = [Verdict(seq=1, input="x", outcome=o, message="") for o in Outcome]
    verdicts.append(
        Verdict(
            seq=1,
            input="x",
            outcome=Outcome.ACCEPTED,
            message="",
            order="A-1",
            warning="1 item short",
            words=said("short_on_hold", "A-1"),
        )
    )
    metrics = QFontMetrics(window.pack_page.banner.icon.font())
    missing = {
        (v.outcome.value, look(v).icon)
        for v in verdicts
        if not all(metrics.inFontUcs4(ord(c)) for c in look(v).icon)
    }
    assert missing == set()
