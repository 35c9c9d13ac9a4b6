"""Previews from the pack page: the order's waybill as the label printer would print
it (a PNG at its resolution) and its packing slip as the PDF a document printer
gets, shown through QtPdf."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from app.printing import printers
from app.printing.print_service import PrintService
from tests.app.acting import admin_id
from tests.ui.test_print_window import STATION, open_window, pack_a1, service  # noqa: F401
from ui.preview_dialog import HAS_QTPDF


def test_the_order_on_the_pack_page_can_be_previewed(
    qtbot: QtBot,
    shop: Engine,
    service: PrintService,  # noqa: F811
    tmp_path: Path,
) -> None:
    printers.add_printer(
        shop,
        user_id=admin_id(shop),
        name="zebra",
        uri=f"file://{tmp_path / 'labels'}",
        language="zpl",
        dpi=300,
        size="100x150",
        station=STATION,
        role="label",
    )
    printers.add_printer(
        shop,
        user_id=admin_id(shop),
        name="laser",
        uri=f"file://{tmp_path / 'slips'}",
        language="pdf",
        station=STATION,
        role="document",
    )
    win = open_window(qtbot, shop, service)
    try:
        buttons = win.order_preview
        assert not buttons.waybill.isEnabled()  # no order yet
        pack_a1(qtbot, win)  # the order closes; its documents can still be looked at
        assert buttons.waybill.isEnabled() and buttons.slip.isEnabled()

        buttons.waybill.click()
        qtbot.waitUntil(lambda: buttons.dialog is not None, timeout=15_000)
        dialog = buttons.dialog
        assert dialog is not None and dialog.image is not None
        pixmap = dialog.image.item.pixmap()
        assert (pixmap.width(), pixmap.height()) == (1181, 1772)  # 100 x 150 mm at 300 dpi
        assert "A-1" in dialog.windowTitle()
        dialog.close()
        qtbot.waitUntil(lambda: buttons.dialog is None)

        buttons.slip.click()
        qtbot.waitUntil(lambda: buttons.dialog is not None, timeout=15_000)
        dialog = buttons.dialog
        assert dialog is not None and dialog.preview.format == "pdf"
        assert dialog.preview.data.startswith(b"%PDF")
        if HAS_QTPDF:
            qtbot.waitUntil(lambda: dialog.document.pageCount() >= 1, timeout=5_000)
        dialog.close()
    finally:
        win.shutdown()
