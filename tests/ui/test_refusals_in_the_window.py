"""A service's refusal reaches the window in the window's language: in Chinese, the
print queue's cancel by someone whose role was lowered after they signed in (named as
what they tried: cancelling a print job), a waybill reprinted for an order not packed,
a waybill the spool refused (its error column, switched with the language), and the
board's order actions a role or an order's state does not allow, are said in Chinese
with the person, their role, the order and its state; a wrong PIN at the sign-in strip
and the board, and an order gone from the board's detail, too; in English the words
are the window's English.

Real windows (offscreen), a real database, real services; the printer is a port
nobody listens on (a job to it waits)."""

from __future__ import annotations

import re
from contextlib import nullcontext

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, select, update

from app.cli import main
from app.db import unit_of_work
from app.models import JobProblem, JobStatus, Order, OrderStatus, Parcel, PrintJob, Role, User
from app.order_actions import hold
from app.printing import job_gate, order_documents, printers
from app.printing.jobs import add_job, list_jobs
from app.printing.order_documents import DocumentJob, OrderPrinting, Printing
from app.printing.print_service import PrintService
from app.shipping.waybill_rule import refusal
from tests.app.acting import admin_id
from tests.app.printing.conftest import add_order, add_station, free_port
from tests.ui.conftest import speaking_chinese
from tests.ui.signing import add_person, sign_in
from tests.ui.test_print_queue import queue_waybill
from ui.board.detail_panel import OrderDetailPanel
from ui.main_window import MainWindow
from ui.print_queue_model import ERROR
from ui.print_queue_page import PrintQueuePage

S = OrderStatus
WAYBILL_REFUSED = JobProblem.WAYBILL_REFUSED
LATIN = re.compile(r"[A-Za-z]{3,}")  # an English word left in a Chinese sentence

# what each refusal says, in each language
WORDS = {
    "zh_CN": {
        "cancel_job": "⚠ Lead Zhao 赵（打包员）无权取消打印任务：请以组长、主管或管理员身份登录。",
        "waybill": "⚠ 订单 #2002 当前为“打包中”，尚未装箱：装箱完成前不会为它打印面单。",
        "cancel_order": "✖ Wang 王（打包员）无权取消订单：请以主管或管理员身份登录。",
        "reopen": "✖ 只有已装箱的订单才能重新打开；订单 A-1 当前为“待打包”。",
        "reprint": "✖ 订单 A-1 当前为“打包中”，尚未装箱：装箱完成前不会为它打印面单。",
        "release": "✖ 订单 A-1 未暂停（当前为“打包中”）；无需恢复。",
    },
    "en": {
        "cancel_job": "⚠ Lead Zhao 赵 (packer) may not cancel print jobs: "
        "sign in as a lead, a supervisor or an admin.",
        "waybill": "⚠ Order #2002 is packing, not packed yet: no waybill is printed for it",
        "cancel_order": "✖ Wang 王 (packer) may not cancel orders: "
        "sign in as a supervisor or an admin.",
        "reopen": "✖ Only a packed order can be reopened; order A-1 is ready.",
        "reprint": "✖ Order A-1 is packing, not packed yet: no waybill is printed for it",
        "release": "✖ Order A-1 is not on hold (it is packing); there is nothing to release.",
    },
}


def speaking(language: str):  # type: ignore[no-untyped-def]
    return speaking_chinese() if language == "zh_CN" else nullcontext()


def _role(engine: Engine, user_id: int, role: Role) -> None:
    """An admin changes someone's role while they are signed in at the window."""
    with unit_of_work(engine) as s:
        s.execute(update(User).where(User.id == user_id).values(role=role))


def _status(engine: Engine, order_id: int, status: OrderStatus) -> None:
    with unit_of_work(engine) as s:
        s.execute(update(Order).where(Order.id == order_id).values(status=status))


def _jobs(engine: Engine) -> list[JobStatus]:
    with unit_of_work(engine, read_only=True) as s:
        return list(s.scalars(select(PrintJob.status).order_by(PrintJob.id)))


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_print_queue_says_a_refusal_in_the_windows_language(
    qtbot: QtBot, engine: Engine, service: PrintService, language: str
) -> None:
    station = add_station(engine, "counter-1")
    order = add_order(engine, "#2002")
    printers.add_printer(
        engine,
        user_id=admin_id(engine),
        name="zebra",
        uri=f"tcp://127.0.0.1:{free_port()}",  # nothing listens: the job waits
        language="zpl",
        station="counter-1",
    )
    queue_waybill(engine, service, order, station)
    page = PrintQueuePage(engine, service)
    lead = sign_in(engine, page.session, "lead", "Lead Zhao 赵")
    qtbot.addWidget(page)
    page.resize(1366, 705)
    page.show()
    words = WORDS[language]
    try:
        with speaking(language):
            qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5_000)
            page.table.selectRow(0)
            qtbot.waitUntil(page.cancel_button.isEnabled, timeout=10_000)

            _role(engine, lead.user_id, Role.PACKER)  # lowered after they signed in
            qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: page.message.text() == words["cancel_job"], timeout=10_000)
            assert _jobs(engine) != [JobStatus.CANCELLED]

            _role(engine, lead.user_id, Role.LEAD)
            _status(engine, order, S.PACKING)  # (the box opened again)
            page.table.selectRow(0)
            qtbot.mouseClick(page.reprint_button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(
                lambda: page.message.text().startswith(words["waybill"]), timeout=10_000
            )
            assert len(_jobs(engine)) == 1  # nothing printed again
    finally:
        page.shutdown()


def _board(qtbot: QtBot, window: MainWindow, engine: Engine) -> OrderDetailPanel:
    """The board's detail of order A-1 (ready), a supervisor signed in at the window."""
    window.pages.setCurrentWidget(window.board_page)
    board = window.board_page
    qtbot.waitUntil(lambda: board.feed.refreshes >= 1, timeout=10_000)
    with unit_of_work(engine, read_only=True) as s:
        order_id = s.scalars(select(Order.id).where(Order.external_number == "A-1")).one()
    board.open_order(order_id)
    detail = board.detail
    qtbot.waitUntil(lambda: detail.view is not None, timeout=5_000)
    assert detail.session is not None
    sign_in(engine, detail.session, "supervisor", "Wang 王")
    qtbot.waitUntil(lambda: detail.supervisor is not None, timeout=5_000)
    return detail


def _refused(qtbot: QtBot, detail: OrderDetailPanel, action: str, said: str) -> None:
    detail.reason.setText("a reason")
    detail.buttons[action].setEnabled(True)  # (as a board not yet refreshed allows it)
    detail.buttons[action].click()
    if action == "cancel":  # (confirmed by a second click)
        detail.buttons[action].click()
    qtbot.waitUntil(lambda: detail.message.text().startswith(said), timeout=10_000)


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_boards_order_actions_say_a_refusal_in_the_windows_language(
    qtbot: QtBot, window: MainWindow, shop: Engine, language: str
) -> None:
    words = WORDS[language]
    with speaking(language):
        detail = _board(qtbot, window, shop)
        order_id = detail.order_id
        assert order_id is not None and detail.supervisor is not None
        boss = detail.supervisor.id

        _role(shop, boss, Role.PACKER)  # lowered after they signed in
        _refused(qtbot, detail, "cancel", words["cancel_order"])
        _role(shop, boss, Role.SUPERVISOR)

        _refused(qtbot, detail, "reopen", words["reopen"])  # A-1 is ready
        _status(shop, order_id, S.PACKING)
        _refused(qtbot, detail, "reprint", words["reprint"])  # its waybill: not yet
        _refused(qtbot, detail, "release", words["release"])
    with unit_of_work(shop, read_only=True) as s:
        assert s.get_one(Order, order_id).status == S.PACKING  # nothing changed


def test_a_waybill_the_spool_refused_is_said_in_the_windows_language_as_it_changes(
    qtbot: QtBot, engine: Engine, service: PrintService, capsys: pytest.CaptureFixture[str]
) -> None:
    station = add_station(engine, "counter-1")
    order = add_order(engine, "#2003")
    _status(engine, order, S.ON_HOLD)  # held before its waybill was made
    printers.add_printer(
        engine,
        user_id=admin_id(engine),
        name="zebra",
        uri=f"tcp://127.0.0.1:{free_port()}",
        language="zpl",
        station="counter-1",
    )
    queue_waybill(engine, service, order, station)
    page = PrintQueuePage(engine, service)
    qtbot.addWidget(page)
    page.show()

    def error() -> str:  # the job's error column
        return str(page.model.index(0, ERROR).data())

    try:
        qtbot.waitUntil(lambda: _jobs(engine) == [JobStatus.FAILED], timeout=10_000)
        page.refresh(force=True)
        english = "Order #2003 is on hold, not packed yet: no waybill is printed for it"
        qtbot.waitUntil(lambda: error().startswith(english), timeout=5_000)
        page.table.selectRow(0)
        with speaking_chinese():  # switched while the page is on screen
            chinese = "订单 #2003 当前为“已挂起”，尚未装箱：装箱完成前不会为它打印面单。"
            qtbot.waitUntil(lambda: error().startswith(chinese), timeout=5_000)
            assert not LATIN.search(error().replace("#2003", "")), error()
            assert page.model.index(0, ERROR).data(Qt.ItemDataRole.ToolTipRole) == error()
            qtbot.waitUntil(lambda: chinese in page.detail.text(), timeout=5_000)
        qtbot.waitUntil(lambda: error().startswith(english), timeout=5_000)
    finally:
        page.shutdown()
    # the command line says it in the core's English, as before
    (row,) = list_jobs(engine)
    assert row.last_error == refusal("#2003", S.ON_HOLD)
    assert main(["printers", "jobs", "--db", engine.url.render_as_string(False)]) == 0
    assert "Order #2003 is on_hold, not packed yet" in capsys.readouterr().out


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_a_wrong_pin_is_said_in_the_windows_language_and_still_counts(
    qtbot: QtBot, window: MainWindow, shop: Engine, language: str
) -> None:
    wrong = {"zh_CN": "✖ 姓名或 PIN 码错误。", "en": "✖ Wrong name or PIN."}[language]
    empty = {
        "zh_CN": "✖ 请输入 PIN 码：空 PIN 码无法登录。",
        "en": "✖ Type your PIN: an empty PIN signs nobody in.",
    }[language]
    lin = add_person(shop, "Lead Lin 林", "lead", pin="2468").user_id
    strip = window.print_queue_page.strip
    with speaking(language):
        strip.name.setText("Lead Lin 林")
        strip.pin.setText("1111")
        strip.sign_in_with_pin()
        qtbot.waitUntil(lambda: strip.message.text() == wrong, timeout=10_000)
        strip.pin.setText("")
        strip.sign_in_with_pin()
        qtbot.waitUntil(lambda: strip.message.text() == empty, timeout=10_000)

        detail = _board(qtbot, window, shop)
        detail.sign_in_with_pin("Lead Lin 林", "3333")
        qtbot.waitUntil(lambda: detail.message.text() == wrong, timeout=10_000)
    with unit_of_work(shop, read_only=True) as s:  # each wrong PIN counted toward a lock-out
        assert s.get_one(User, lin).failed_pins == 2


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_an_order_gone_from_the_board_is_said_in_the_windows_language(
    qtbot: QtBot, window: MainWindow, shop: Engine, language: str
) -> None:
    said = {
        "zh_CN": "✖ 无法读取订单：该订单已不在数据库中（ID 424242）。",
        "en": "✖ Could not read the order: That order is no longer in the database (id 424242).",
    }[language]
    with speaking(language):
        detail = _board(qtbot, window, shop)
        window.board_page.open_order(424242)  # (gone since the board listed it)
        qtbot.waitUntil(lambda: detail.message.text() == said, timeout=10_000)


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_a_counters_waybill_the_spool_refused_is_not_said_as_the_carriers_or_the_printers(
    qtbot: QtBot, window: MainWindow, language: str
) -> None:
    """The order was cancelled on the board between its close here and its waybill."""
    said = {
        "zh_CN": ("该订单目前不能发出：已取消，或当前未装箱", "箱子留在这里，请找组长"),
        "en": (
            "its order may not leave: cancelled, or not packed now",
            "Keep the box here and ask a lead: its order may not leave now",
        ),
    }[language]
    english = refusal("A-1", S.CANCELLED)
    waybill = DocumentJob("waybill", 1, "zebra", JobStatus.FAILED, english, WAYBILL_REFUSED)
    page = window.pack_page
    with speaking(language):
        page.print_news.show("A-1", OrderPrinting(Printing.NOT_PRINTED, (waybill,)))
        detail = page.banner.detail.text()
        assert said[0] in detail and said[1] in detail, detail
        assert "carrier" not in detail and "printer" not in detail
        assert "承运商" not in detail and english not in detail


# what the counter's banner says of a waybill that will never print by itself
NOT_SENT = {
    ("zh_CN", "hold"): ("未发送：此后订单已被挂起、重新打开或取消", "箱子留在这里，请找组长"),
    ("en", "hold"): (
        "not sent: its order was held, reopened or cancelled since",
        "Keep the box here and ask a lead: its order may not leave now",
    ),
    ("zh_CN", "voided"): ("未发送：其运单号已作废", "此面单永远不会打印"),
    ("en", "voided"): (
        "not sent: its tracking number was voided",
        "this waybill will never print; a fresh waybill is printed for it from the board",
    ),
}


@pytest.mark.parametrize("language", ["zh_CN", "en"])
@pytest.mark.parametrize("how", ["hold", "voided"])
def test_a_counters_waybill_that_will_never_print_is_not_said_as_the_printers(
    qtbot: QtBot, window: MainWindow, shop: Engine, language: str, how: str
) -> None:
    """The order is held on the board while its waybill waits for its printer (the hold
    cancels it), or the spool withholds it because its number was voided: it never
    prints by itself, so the banner does not send the packer to the printer."""
    order_id = add_order(shop, "#2101")
    with unit_of_work(shop) as s:
        s.add(Parcel(order_id=order_id, seq=1, tracking_number="1Z999AA10100000057"))
        job = add_job(s, printers.preview_printer(s), "waybill", order_id=order_id, payload=b"^XA")
        s.flush()
        job_id = job.id
    if how == "hold":
        hold(shop, order_id, user_id=admin_id(shop), reason="the customer called")
    else:  # (its bytes carry a number the parcel no longer has)
        with unit_of_work(shop) as s:
            job_gate.withheld(s, job_id, order_id, None, "1Z999AA10100000046")
    printing = order_documents.judge(order_documents.read(shop, order_id), 0)
    with speaking(language):
        window.pack_page.print_news.show("#2101", printing)
        detail = window.pack_page.banner.detail.text()
    said = NOT_SENT[language, how]
    assert said[0] in detail and said[1] in detail, detail
    assert "Check the printer" not in detail and "检查打印机" not in detail
    assert "the order was put on hold" not in detail and "Not sent:" not in detail
