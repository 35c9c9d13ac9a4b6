"""The KPI page counts off the GUI thread, draws its charts and table, and exports
CSV, XLSX and a one-page PDF report."""

from __future__ import annotations

import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

from openpyxl import load_workbook
from pytestqt.qtbot import QtBot

from app.kpi import PackerRow
from app.packing import Outcome, PackingEngine
from tests.app.board.conftest import CUP_EAN, Floor, add_order, floor  # noqa: F401 (a fixture)
from ui.kpi_model import ACCURACY, NAME, PackersModel
from ui.kpi_page import KpiPage
from ui.workers import TaskQueue


def test_packers_model(qtmodeltester) -> None:
    model = PackersModel()
    model.set_rows(
        [
            PackerRow(1, "李娜", 3, 7, 10, 1, 0, None),
            PackerRow(None, "(nobody signed in)", 0, 0, 2, 2, 0, None),
        ]
    )
    qtmodeltester.check(model)
    assert model.index(0, NAME).data() == "李娜"
    assert model.index(0, ACCURACY).data() == "90.0 %"


def test_the_kpi_page_counts_draws_and_exports(
    qtbot: QtBot,
    floor: Floor,  # noqa: F811
    tmp_path: Path,
) -> None:
    e = floor.engine
    add_order(e, "K-1", {"CUP": 2})
    add_order(e, "K-2")
    desk = PackingEngine(e, station="desk-1")
    desk.sign_in(floor.packer_badge)
    assert desk.scan("K-1").outcome is Outcome.ORDER_OPENED
    assert desk.scan("9999999999").outcome is Outcome.UNKNOWN_CODE
    desk.scan(CUP_EAN)
    assert desk.scan(CUP_EAN).outcome is Outcome.ORDER_COMPLETE

    reads = TaskQueue("test-reads", threads=2)
    page = KpiPage(e, reads, ZoneInfo("Asia/Shanghai"))
    qtbot.addWidget(page)
    try:
        page.resize(1400, 900)
        page.show()
        qtbot.waitUntil(lambda: page.data is not None, timeout=10_000)
        report = page.data.report  # type: ignore[union-attr]
        assert report.orders_packed == 1 and report.items_packed == 2
        assert [v.text() for _, v in page.figures][:2] == ["1", "2"]
        assert page.packers.rowCount() == 1
        assert page.packers.index(0, NAME).data() == "Packer Li"
        assert len(page.orders_chart.series()) == 1
        assert page.orders_chart.series()[0].barSets()[0].count() == 24
        for kind in ("csv", "xlsx", "pdf"):
            page.ask_path = lambda suggested, _k: tmp_path / suggested
            page.export(kind)
            qtbot.waitUntil(lambda k=kind: f".{k}" in page.status.text(), timeout=10_000)
            assert page.status.text().startswith("✔ Saved")
        files = {p.suffix: p for p in tmp_path.iterdir()}
        assert "orders packed,1" in files[".csv"].read_text(encoding="utf-8-sig")
        sheets = load_workbook(files[".xlsx"]).sheetnames
        assert sheets == ["Summary", "Packers", "Hourly", "Backlog", "Parcels"]
        text = subprocess.run(
            ["pdftotext", str(files[".pdf"]), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "Packdesk daily report" in text and "Packer Li" in text
    finally:
        reads.close()
