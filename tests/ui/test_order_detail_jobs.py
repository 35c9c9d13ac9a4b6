"""An order's print jobs in the board's detail, in the window's language: their
document, status and problem (a waybill the spool refused because the order is on
hold) said in Chinese and in English with the print queue's words, and said again
when the language changes while the detail is open; at a counter PC's maximised
1366x705, in a tab of their own, every job's row whole and in sight.

The real window (offscreen) on a real database; the jobs are asked of the window's own
print spool, which prints the slip to its preview printer and refuses the waybill."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, select

from app import order_actions
from app.db import unit_of_work
from app.models import JobStatus, PrintJob, User
from app.packing.print_request import Occasion, PrintRequest
from tests.app.printing.conftest import add_order
from tests.ui.conftest import speaking_chinese
from ui.board.detail_models import DOCUMENT, JOB_STATUS, PROBLEM, TRIES
from ui.board.detail_panel import OrderDetailPanel
from ui.main_window import MainWindow

JOBS_TAB = 3
LATIN = re.compile(r"[A-Za-z]{3,}")  # an English word left in a Chinese cell

ENGLISH = {
    "slip": ("Packing slip", "✔ Printed", ""),
    "waybill": (
        "Waybill",
        "✖ Failed",
        "Order #3001 is on hold, not packed yet: no waybill is printed for it until it is "
        "packed. Finish packing it at a counter (its waybill prints there when it is "
        "packed), then print it again here if needed.",
    ),
}
CHINESE = {
    "slip": ("装箱单", "✔ 已打印", ""),
    "waybill": (
        "快递面单",
        "✖ 失败",
        "订单 #3001 当前为“已挂起”，尚未装箱：装箱完成前不会为它打印面单。"
        "请先在打包台完成打包（装箱完成时面单会在那里打印），如有需要再回到这里重新打印。",
    ),
}


def _held_with_jobs(window: MainWindow, engine: Engine) -> int:
    """Order #3001, packed, then held by a supervisor; its slip and waybill asked of
    the window's spool: the slip prints, the waybill is refused (the order may not
    leave). Its id, once both are settled."""
    order_id = add_order(engine, "#3001")
    with unit_of_work(engine) as s:
        boss = User(name="Supervisor Wang 王", badge="S-77", role="supervisor")
        s.add(boss)
        s.flush()
        boss_id = boss.id
    order_actions.hold(engine, order_id, user_id=boss_id, reason="address to check")
    with unit_of_work(engine) as s:
        window.print_service.spool.submit(
            s,
            PrintRequest(order_id, ("slip", "waybill"), None, boss_id, "reprint", Occasion.REPRINT),
        )
    return order_id


def _statuses(engine: Engine) -> list[JobStatus]:
    with unit_of_work(engine, read_only=True) as s:
        return list(s.scalars(select(PrintJob.status).order_by(PrintJob.id)))


def _jobs_said(detail: OrderDetailPanel) -> dict[str, tuple[str, str, str]]:
    """Each job's document, status and problem as the detail's table shows them."""
    model = detail.jobs
    said = {}
    for row in range(model.rowCount()):
        document = detail.view.print_jobs[row].document if detail.view else ""
        said[document] = tuple(
            str(model.index(row, column).data()) for column in (DOCUMENT, JOB_STATUS, PROBLEM)
        )
    return said


def _open(qtbot: QtBot, window: MainWindow, order_id: int) -> OrderDetailPanel:
    window.resize(1366, 705)
    window.pages.setCurrentWidget(window.board_page)
    board = window.board_page
    qtbot.waitUntil(lambda: board.feed.refreshes >= 1, timeout=10_000)
    board.open_order(order_id)
    detail = board.detail
    qtbot.waitUntil(lambda: detail.view is not None and detail.jobs.rowCount() == 2, timeout=5000)
    detail.tabs.setCurrentIndex(JOBS_TAB)
    qtbot.wait(100)
    return detail


def _whole_in_sight(detail: OrderDetailPanel) -> None:
    """Every job's row whole, and its document, status and tries never cut, without a
    horizontal scroll bar (the problem takes the width that is left, whole in its
    tooltip)."""
    table = detail.tabs.widget(JOBS_TAB)
    assert isinstance(table, QTableView) and table.isVisible()
    assert not table.horizontalScrollBar().isVisible()
    header = table.horizontalHeader()
    for row in range(detail.jobs.rowCount()):
        assert table.rowViewportPosition(row) + table.rowHeight(row) <= table.viewport().height()
        for column in (DOCUMENT, JOB_STATUS, TRIES):
            wanted = table.sizeHintForIndex(detail.jobs.index(row, column)).width()
            assert header.sectionSize(column) >= wanted
        problem = detail.jobs.index(row, PROBLEM)
        assert problem.data(Qt.ItemDataRole.ToolTipRole) == (problem.data() or None)


def test_the_details_print_jobs_are_said_in_the_windows_language_as_it_changes(
    qtbot: QtBot, window: MainWindow, shop: Engine
) -> None:
    order_id = _held_with_jobs(window, shop)
    done = [JobStatus.DONE, JobStatus.FAILED]
    qtbot.waitUntil(lambda: _statuses(shop) == done, timeout=15_000)
    with speaking_chinese():  # the window in Chinese when the detail opens
        detail = _open(qtbot, window, order_id)
        assert _jobs_said(detail) == CHINESE
        for cells in CHINESE.values():
            assert not LATIN.search(" ".join(cells)), cells
        assert detail.tabs.tabText(JOBS_TAB) == "打印任务"
        assert detail.pin_name.placeholderText() == "或姓名"  # (the window began in English)
        _whole_in_sight(detail)
    # switched to English with the detail open
    qtbot.waitUntil(lambda: _jobs_said(detail) == ENGLISH, timeout=5000)
    assert detail.tabs.tabText(JOBS_TAB) == "Print jobs"
    assert detail.pin_name.placeholderText() == "or name"
    _whole_in_sight(detail)
    with speaking_chinese():  # and back
        qtbot.waitUntil(lambda: _jobs_said(detail) == CHINESE, timeout=5000)
    # the core keeps its English for the command line
    with unit_of_work(shop, read_only=True) as s:
        errors = list(s.scalars(select(PrintJob.last_error).order_by(PrintJob.id)))
    assert errors[0] is None and "is on_hold, not packed yet" in (errors[1] or "")
