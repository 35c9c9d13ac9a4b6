"""The audit record in the window: nothing is listed until a supervisor signs in; they
find events by user and action, export them as CSV with a formula-looking name kept
as text, and the record's check says whole, then says changed once a row is edited
by hand. Real window (offscreen), real database."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, text

from app.permissions import NotAllowed
from app.printing import printers
from tests.ui.signing import add_person
from ui.audit_page import AuditPage

SHANGHAI = ZoneInfo("Asia/Shanghai")
FORMULA_NAME = '=HYPERLINK("http://x","y")'
ANY_TIME = 3  # the "since" choice


@pytest.fixture
def page(qtbot: QtBot, engine: Engine, tmp_path: Path) -> Iterator[AuditPage]:
    admin = add_person(engine, FORMULA_NAME, "admin")
    packer = add_person(engine, "Li 李", "packer")
    uri = f"file://{tmp_path / 'labels'}"
    printers.add_printer(engine, name="zebra", uri=uri, language="zpl", user_id=admin.user_id)
    with pytest.raises(NotAllowed):
        printers.remove_printer(engine, "zebra", packer.user_id)  # refused, and recorded
    view = AuditPage(engine, SHANGHAI)  # with a session of its own
    qtbot.addWidget(view)
    view.resize(1366, 705)
    view.show()
    qtbot.waitExposed(view)
    yield view
    view.session.sign_out()
    view.shutdown()


def _actions(page: AuditPage) -> list[str]:
    return [page.model.index(r, 3).data() for r in range(page.model.rowCount())]


def test_nothing_is_listed_until_a_supervisor_signs_in(
    qtbot: QtBot, engine: Engine, page: AuditPage
) -> None:
    assert page.model.rowCount() == 0 and not page.find_button.isEnabled()
    assert "supervisor" in page.strip.needed.text()
    page.session.sign_in(add_person(engine, "Wu 吴", "lead"))
    assert not page.find_button.isEnabled() and page.model.rowCount() == 0
    page.session.sign_in(add_person(engine, "Zhao 赵", "supervisor"))
    page.since.setCurrentIndex(ANY_TIME)
    page.search()
    qtbot.waitUntil(lambda: "printer.add" in _actions(page), timeout=5_000)
    assert "permission.refused" in _actions(page)
    page.session.sign_out()  # what was read does not stay for the next person
    assert page.model.rowCount() == 0 and page.summary.text() == ""


def test_found_by_user_and_action_exported_as_text_and_checked(
    qtbot: QtBot, engine: Engine, page: AuditPage, tmp_path: Path
) -> None:
    page.session.sign_in(add_person(engine, "Zhao 赵", "supervisor"))
    page.since.setCurrentIndex(ANY_TIME)
    page.action.setText("printer")
    page.search()
    qtbot.waitUntil(lambda: _actions(page) == ["printer.add"], timeout=5_000)
    assert page.model.index(0, 1).data() == FORMULA_NAME
    page.action.clear()
    page.user.setText("li 李")  # any letter case
    page.search()
    qtbot.waitUntil(lambda: _actions(page) == ["permission.refused"], timeout=5_000)

    page.user.clear()
    page.action.setText("printer")
    page.search()
    qtbot.waitUntil(lambda: _actions(page) == ["printer.add"], timeout=5_000)
    out = tmp_path / "audit.csv"
    page.export_to(out)
    qtbot.waitUntil(lambda: "written to" in page.summary.text(), timeout=5_000)
    with out.open(encoding="utf-8-sig", newline="") as f:
        (head, row) = list(csv.reader(f))
    assert row[head.index("user")] == "'" + FORMULA_NAME  # a spreadsheet shows it, runs nothing

    page.check()
    qtbot.waitUntil(lambda: page.verdict.text().startswith("✔ The record is whole"), timeout=10_000)
    with engine.begin() as conn:  # an event rewritten by hand, its hash left as it was
        conn.execute(
            text("UPDATE audit_events SET action = 'printer.test' WHERE action = 'printer.add'")
        )
    page.check()
    qtbot.waitUntil(
        lambda: page.verdict.text().startswith("✘ The record was changed"), timeout=10_000
    )
    assert "1 breaks" in page.verdict.text()


def test_the_days_are_the_warehouses(engine: Engine, page: AuditPage) -> None:
    page.since.setCurrentIndex(0)  # today
    at_night = datetime(2026, 12, 7, 17, 30, tzinfo=UTC)  # 01:30 on the 8th in Shanghai
    assert page.wanted(at_night).since == datetime(2026, 12, 7, 16, 0, tzinfo=UTC)
    page.since.setCurrentIndex(1)  # the last 7 days, today included
    assert page.wanted(at_night).since == datetime(2026, 12, 1, 16, 0, tzinfo=UTC)
    page.since.setCurrentIndex(ANY_TIME)
    assert page.wanted(at_night).since is None
