"""The document settings on the Settings page: a supervisor edits the sender (Chinese
and Latin), saves, and the file holds it; a bad GS1 prefix or an empty sender name is
named under its field and nothing is saved; a broken printing.json is named and kept
when the form is saved over it; the next waybill carries the new sender, and the
sample waybill can be looked at first. Real window, real database, real socket."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, select

from app.db import unit_of_work
from app.models import PrintJob
from app.printing import config as printing_config
from app.printing.config import PrintingConfig, Sender
from printers.virtual import VirtualPrinter
from tests.ui.signing import sign_in
from tests.ui.test_pack_page import scan
from tests.ui.test_print_window import add_label_printer, give_addresses, pack_a1
from ui.document_settings import DocumentSettings
from ui.main_window import MainWindow

SENDER = Sender(
    name="North Dock 7 华东仓",
    lines=("浦东新区川沙路1588号3号库", "Building 3, 1588 Chuansha Rd"),
    city="上海市",
    postal_code="201200",
    country="CN",
    region="上海",
    phone="021-5888 0000",
)


def settings_of(qtbot: QtBot, win: MainWindow) -> DocumentSettings:
    win.pages.setCurrentWidget(win.settings_page)
    page = win.settings_page.documents
    if page.session.user is None:  # (who may save: test_window_permissions)
        sign_in(win.engine, page.session, "admin")
    qtbot.waitUntil(lambda: page.file_note.text() != "", timeout=10_000)  # the file was read
    return page


def fill(page: DocumentSettings, sender: Sender, prefix: str = "", shop: str = "") -> None:
    page.form.name.setText(sender.name)
    page.form.lines.setPlainText("\n".join(sender.lines))
    page.form.city.setText(sender.city)
    page.form.region.setText(sender.region)
    page.form.postal_code.setText(sender.postal_code)
    page.form.country.setText(sender.country)
    page.form.phone.setText(sender.phone)
    page.form.prefix.setText(prefix)
    page.form.shop_name.setText(shop)


def save(qtbot: QtBot, page: DocumentSettings) -> None:
    with qtbot.waitSignal(page.saved, timeout=10_000):
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)


def problem(page: DocumentSettings, key: str) -> str:
    label = page.form.problems[key]
    return label.text() if label.isVisibleTo(page) else ""


def test_settings_are_edited_saved_and_read_back(qtbot: QtBot, window: MainWindow) -> None:
    page = settings_of(qtbot, window)
    assert page.form.name.text() == "Packdesk warehouse"  # no file yet: the defaults
    fill(page, SENDER, prefix="６９０１２３４", shop="小熊杂货铺 Little Bear")  # full-width digits
    page.form.paper.setCurrentIndex(page.form.paper.findData("letter"))
    assert "not saved" in page.message.text()
    assert "(00) 0 6901234 000000001" in page.form.prefix_hint.text()
    save(qtbot, page)
    assert "Saved" in page.message.text()
    assert page.form.prefix.text() == "6901234"  # shown as it was written
    expected = PrintingConfig(
        sender=SENDER,
        gs1_company_prefix="6901234",
        paper="letter",
        shop_name="小熊杂货铺 Little Bear",
    )
    assert printing_config.load() == expected
    assert "华东仓" in printing_config.config_path().read_text(encoding="utf-8")

    # read back into the form, after the form was changed and not saved
    page.form.name.setText("something else")
    qtbot.mouseClick(page.reload_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.form.name.text() == SENDER.name, timeout=10_000)
    assert page.form.lines.toPlainText().splitlines() == list(SENDER.lines)
    assert page.config() == expected
    assert not page.changed


def test_a_bad_prefix_or_no_sender_name_is_named_and_nothing_is_saved(
    qtbot: QtBot, window: MainWindow
) -> None:
    page = settings_of(qtbot, window)
    fill(page, SENDER, prefix="12AB")
    assert "7 to 10 digits" in problem(page, "gs1_company_prefix")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert "Not saved" in page.message.text()
    assert not printing_config.config_path().exists()
    page.form.prefix.setText("69012345678")  # 11 digits
    assert "7 to 10 digits" in problem(page, "gs1_company_prefix")
    page.form.prefix.setText("6901234")
    assert problem(page, "gs1_company_prefix") == ""

    page.form.name.setText("   ")
    assert "sender's name" in problem(page, "sender.name")
    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    assert "marked in red" in page.message.text()
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert not printing_config.config_path().exists()
    assert QApplication.activeModalWidget() is None  # no pop-up took the scanner's keys

    # no address is a warning, not a refusal
    fill(page, Sender(name="Dock 4"))
    assert "only the sender's name" in problem(page, "sender.lines")
    save(qtbot, page)
    assert printing_config.load().sender == Sender(name="Dock 4")


def test_a_broken_file_is_named_and_kept_when_the_form_is_saved(
    qtbot: QtBot, window: MainWindow
) -> None:
    path = printing_config.config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    broken = b'{"sender": {"name": "Dock", "lines": ["1 Quay St"'
    path.write_bytes(broken)
    page = settings_of(qtbot, window)
    assert "cannot be read" in page.file_note.text()
    assert "Cannot read printing settings" in page.file_note.text()  # and why
    assert str(path) in page.file_note.text()
    assert path.read_bytes() == broken  # reading it changed nothing
    fill(page, SENDER)
    save(qtbot, page)
    kept = list(path.parent.glob("printing.json.broken-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == broken
    assert str(kept[0]) in page.message.text()
    assert printing_config.load().sender == SENDER
    assert "Cannot read" not in page.file_note.text()


def test_the_next_waybill_carries_the_new_sender(
    qtbot: QtBot, window: MainWindow, shop: Engine, tmp_path: Path
) -> None:
    give_addresses(shop)
    with VirtualPrinter(tmp_path / "zebra", port=0) as zebra:
        add_label_printer(shop, zebra.uri)
        pack_a1(qtbot, window)  # with the default sender
        qtbot.waitUntil(lambda: len(zebra.jobs()) == 1, timeout=15_000)
        assert b"Packdesk warehouse" in zebra.jobs()[0].read_bytes()

        page = settings_of(qtbot, window)
        fill(page, Sender(name="North Dock 7", lines=("1 Quay Street",), city="Leeds"))
        save(qtbot, page)
        new = printing_config.load()
        service = window.print_service
        assert service.config == new
        assert window.order_preview.config == new and window.printers_page.config == new

        assert scan(qtbot, window, "A-2").verdict.outcome == "order_opened"  # type: ignore[attr-defined]
        assert scan(qtbot, window, "LID").verdict.outcome == "order_complete"  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: len(zebra.jobs()) == 2, timeout=15_000)
        label = zebra.jobs()[1].read_bytes()
        assert b"North Dock 7" in label and b"1 Quay Street" in label
        assert b"Packdesk warehouse" not in label

    def stored() -> list[bool]:  # the bytes a job sent are kept with its outcome
        with unit_of_work(shop, read_only=True) as s:
            waybills = s.scalars(select(PrintJob.payload).where(PrintJob.document == "waybill"))
            return [b"North Dock 7" in (p or b"") for p in waybills]

    qtbot.waitUntil(lambda: stored() == [False, True], timeout=15_000)


def test_a_sample_waybill_is_shown_with_the_form_values(qtbot: QtBot, window: MainWindow) -> None:
    page = settings_of(qtbot, window)
    fill(page, SENDER, prefix="6901234")
    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is not None, timeout=15_000)
    assert page.dialog is not None
    assert page.dialog.preview.format == "png"
    assert page.dialog.image is not None
    assert "sample" in page.dialog.windowTitle()
    assert not printing_config.config_path().exists()  # looking is not saving
    page.dialog.close()


def test_the_file_is_written_as_json_a_person_can_read(qtbot: QtBot, window: MainWindow) -> None:
    page = settings_of(qtbot, window)
    fill(page, SENDER)
    save(qtbot, page)
    stored = json.loads(printing_config.config_path().read_text(encoding="utf-8"))
    assert stored["sender"]["name"] == SENDER.name
    assert stored["sender"]["lines"] == list(SENDER.lines)
