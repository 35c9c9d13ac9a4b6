"""Who may change things at the window: the printers, the print queue and the printing
settings wait for someone whose role allows it, signed in at this window by badge or
by name and PIN (checked off the GUI thread); nobody signed in, the controls are
disabled and the services refuse a call without anyone acting; a packer is told in
words who may, and a refusal by the service is said and recorded; a supervisor's
change is in the audit with their name; an idle window signs out on its own.

Real windows (offscreen), a real database, a real socket for the printer."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, select, update

from app.db import unit_of_work
from app.models import AuditEvent, JobStatus, Role, User
from app.permissions import NotAllowed
from app.printing import printers
from app.printing import station as station_printers
from app.printing.config import PrintingConfig
from app.printing.print_service import PrintService
from app.settings import Settings
from tests.app.acting import admin_id
from tests.app.printing.conftest import add_order, add_station, free_port
from tests.ui.signing import add_person, sign_in
from tests.ui.test_print_queue import queue_waybill, status_of
from tests.ui.test_print_setup import STATION, fill
from ui.feedback import SoundPlayer
from ui.main_window import MainWindow
from ui.print_queue_model import ERROR
from ui.print_queue_page import PrintQueuePage
from ui.printers_page import PrintersPage
from ui.window_session import WindowSession

START = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


def audit(engine: Engine, action: str) -> list[tuple[int | None, dict]]:
    with unit_of_work(engine, read_only=True) as s:
        events = s.scalars(
            select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)
        )
        return [(e.user_id, dict(e.details or {})) for e in events]


@pytest.fixture
def printers_page(qtbot: QtBot, engine: Engine, tmp_path: Path) -> Iterator[PrintersPage]:
    add_station(engine, STATION)
    view = PrintersPage(engine, STATION, PrintingConfig(preview_folder=str(tmp_path / "p")))
    qtbot.addWidget(view)
    view.resize(1366, 705)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: view.find_button.isEnabled(), timeout=10_000)
    yield view
    view.shutdown()


def test_nobody_signed_in_cannot_change_printers_and_the_service_refuses_no_one(
    qtbot: QtBot, printers_page: PrintersPage, engine: Engine
) -> None:
    page = printers_page
    form = page.label_form
    assert page.session.user is None
    assert not form.save.isEnabled() and not page.document_form.save.isEnabled()
    assert not page.auto_print.isEnabled()
    assert form.test.isEnabled() and form.ask.isEnabled()  # looking is anyone's
    needed = page.strip.needed
    assert needed.isVisible()
    assert needed.text() == "Sign in as a supervisor or an admin to change printers."
    assert page.strip.badge.isVisible() and page.strip.pin.isVisible()
    with pytest.raises(NotAllowed, match="Only an active supervisor or above"):
        station_printers.save_printer(
            engine, station=STATION, role="label", name="zebra-1", uri="preview",
            language="png", dpi=203, size=None, darkness=None, config=page.config,
        )  # fmt: skip
    [(who, details)] = audit(engine, "permission.refused")
    assert who is None and details["action"] == "change_printers"


def test_a_packer_is_told_who_may_and_a_refusal_by_the_service_is_said_and_recorded(
    qtbot: QtBot, printers_page: PrintersPage, engine: Engine
) -> None:
    page = printers_page
    form = page.label_form
    packer = add_person(engine, "Li 李", "packer")
    page.strip.badge.setText("B-Li 李")  # typed (or scanned) into the strip: no dialog
    qtbot.keyClick(page.strip.badge, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.session.user == packer, timeout=5_000)
    assert page.strip.who.text() == "✔ Signed in as Li 李 (packer)."
    assert page.strip.needed.text() == (
        "Li 李 (packer) may not change printers: sign in as a supervisor or an admin."
    )
    assert not form.save.isEnabled() and not page.auto_print.isEnabled()
    assert not page.strip.badge.isVisible() and page.strip.sign_out_button.isVisible()

    # a supervisor signs in; an admin makes them a packer meanwhile: the service refuses
    boss = sign_in(engine, page.session, "supervisor", "Zhao 赵")
    assert form.save.isEnabled() and page.strip.needed.isHidden()
    with unit_of_work(engine) as s:
        s.execute(update(User).where(User.id == boss.user_id).values(role=Role.PACKER))
    fill(page, qtbot, "preview")
    form.language.setCurrentIndex(form.language.findData("png"))
    qtbot.mouseClick(form.save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "may not change printers" in form.message.text(), timeout=5_000)
    assert "Zhao 赵 (packer)" in form.message.text()
    assert station_printers.station_printers(engine, STATION)["label"] is None
    [(who, details)] = audit(engine, "permission.refused")
    assert who == boss.user_id and details["action"] == "change_printers"


def test_a_supervisor_signed_in_by_name_and_pin_changes_a_printer_in_their_name(
    qtbot: QtBot, printers_page: PrintersPage, engine: Engine
) -> None:
    page = printers_page
    form = page.label_form
    boss = add_person(engine, "Zhao 赵", "supervisor", pin="4711")
    page.strip.name.setText("zhao 赵")
    page.strip.pin.setText("1234")
    qtbot.keyClick(page.strip.pin, Qt.Key.Key_Return)  # checked on the strip's queue
    qtbot.waitUntil(lambda: page.strip.message.text() == "✖ Wrong name or PIN.", timeout=10_000)
    assert page.session.user is None and page.strip.pin.text() == ""
    page.strip.pin.setText("4711")
    qtbot.mouseClick(page.strip.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.session.user == boss, timeout=10_000)
    assert page.strip.message.text() == "" and page.strip.needed.isHidden()
    assert form.save.isEnabled() and page.auto_print.isEnabled()

    fill(page, qtbot, "preview")
    form.language.setCurrentIndex(form.language.findData("png"))
    with qtbot.waitSignal(page.saved, timeout=10_000):
        qtbot.mouseClick(form.save, Qt.MouseButton.LeftButton)
    assert "Saved" in form.message.text()
    [(who, details)] = audit(engine, "printer.set")
    assert who == boss.user_id and details["name"] == "zebra-1"

    qtbot.mouseClick(page.strip.sign_out_button, Qt.MouseButton.LeftButton)
    assert page.session.user is None and not form.save.isEnabled()


def test_the_print_queue_lets_a_packer_try_again_and_a_lead_cancel(
    qtbot: QtBot, engine: Engine, service: PrintService
) -> None:
    station = add_station(engine, "counter-1")
    order = add_order(engine, "#2002")
    printers.add_printer(
        engine,
        user_id=admin_id(engine),
        name="zebra",
        uri=f"tcp://127.0.0.1:{free_port()}",
        language="zpl",
        station="counter-1",
    )  # fmt: skip  (nothing listens: the printer is off, the job waits)
    queue_waybill(engine, service, order, station)
    page = PrintQueuePage(engine, service)
    qtbot.addWidget(page)
    page.resize(1366, 705)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5_000)
    qtbot.waitUntil(  # tried once: it waits for the printer
        lambda: (page.refresh() or True) and "refused" in (page.model.index(0, ERROR).data() or ""),
        timeout=10_000,
    )
    page.table.selectRow(0)
    buttons = (page.retry_button, page.cancel_button, page.reprint_button)
    assert [b.isEnabled() for b in buttons] == [False, False, False]
    assert page.preview_button.isEnabled()
    assert page.strip.needed.text() == (
        "Sign in to try jobs again.\n"
        "Sign in as a lead, a supervisor or an admin to cancel or reprint jobs."
    )

    packer = sign_in(engine, page.session, "packer", "Li 李")
    # (while a try is under way the job is "sending" for a moment: nothing to try again)
    qtbot.waitUntil(
        lambda: (page.refresh() or True) and page.retry_button.isEnabled(), timeout=10_000
    )
    assert [b.isEnabled() for b in buttons] == [True, False, False]
    assert page.strip.needed.text() == (
        "Li 李 (packer) may not cancel or reprint jobs: "
        "sign in as a lead, a supervisor or an admin."
    )
    qtbot.mouseClick(page.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "tried again" in page.message.text(), timeout=10_000)
    assert [who for who, _d in audit(engine, "print.retried")] == [packer.user_id]

    lead = sign_in(engine, page.session, "lead", "Wu 吴")
    page.table.selectRow(0)
    assert page.cancel_button.isEnabled() and page.reprint_button.isEnabled()
    qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: status_of(engine) == [JobStatus.CANCELLED], timeout=20_000)
    assert [who for who, _d in audit(engine, "print.cancelled")] == [lead.user_id]
    page.shutdown()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def window(qtbot: QtBot, shop: Engine, clock: Clock) -> Iterator[MainWindow]:
    win = MainWindow(
        shop,
        Settings(station="counter-7", idle_lock_minutes=0),
        sounds=SoundPlayer(enabled=False),
        clock=clock,
    )
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.shutdown()


def test_one_sign_in_for_the_window_and_an_idle_window_signs_out(
    qtbot: QtBot, window: MainWindow, shop: Engine, clock: Clock
) -> None:
    session: WindowSession = window.session
    documents = window.settings_page.documents
    window.pages.setCurrentWidget(window.settings_page)
    qtbot.waitUntil(lambda: documents.file_note.text() != "", timeout=10_000)
    assert not documents.save_button.isEnabled()
    assert documents.strip.needed.text() == ("Sign in as an admin to change the printing settings.")
    assert window.settings_page.language.isEnabled()  # this computer's: anyone's

    boss = add_person(shop, "Zhao 赵", "supervisor")
    window.pages.setCurrentWidget(window.printers_page)
    window.route_scan("B-Zhao 赵")  # a badge scanned on the printers page signs in
    qtbot.waitUntil(lambda: session.user == boss, timeout=5_000)
    assert window.printers_page.label_form.save.isEnabled()
    assert not documents.save_button.isEnabled()  # a supervisor's role: not the settings
    assert "Zhao 赵 (supervisor) may not change the printing settings" in (
        documents.strip.needed.text()
    )
    assert window.board_page.detail.supervisor is not None  # the board's detail too
    assert window.board_page.detail.supervisor.id == boss.user_id

    window.route_scan("A-1")  # not a badge: the pack page has it, as from any page
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.pack_page, timeout=5_000)
    window.pages.setCurrentWidget(window.printers_page)

    clock.now += timedelta(minutes=4)
    assert not session.check_idle()
    qtbot.mouseClick(window.printers_page.label_form.name, Qt.MouseButton.LeftButton)  # here
    clock.now += timedelta(minutes=4)
    assert not session.check_idle() and session.user == boss
    clock.now += timedelta(minutes=1, seconds=1)
    with qtbot.waitSignal(session.changed) as signed_out:
        assert session.check_idle()
    assert signed_out.args == [None]
    assert not window.printers_page.label_form.save.isEnabled()
    assert window.printers_page.strip.badge.isVisible()
    assert window.board_page.detail.supervisor is None


def test_an_admin_saves_the_printing_settings_in_their_name(
    qtbot: QtBot, window: MainWindow, shop: Engine
) -> None:
    documents = window.settings_page.documents
    window.pages.setCurrentWidget(window.settings_page)
    qtbot.waitUntil(lambda: documents.file_note.text() != "", timeout=10_000)
    admin = sign_in(shop, window.session, "admin", "Qian 钱")
    assert documents.save_button.isEnabled() and documents.strip.needed.isHidden()
    documents.form.name.setText("North Dock 7 华东仓")
    with qtbot.waitSignal(documents.saved, timeout=10_000):
        qtbot.mouseClick(documents.save_button, Qt.MouseButton.LeftButton)
    [(who, details)] = audit(shop, "settings.printing")
    assert who == admin.user_id and details["sender"]["name"] == "North Dock 7 华东仓"
