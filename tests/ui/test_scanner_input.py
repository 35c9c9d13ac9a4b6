"""The keyboard-wedge filter: bursts are scans wherever the focus is; typing still types.

The filter tells a scanner from a person by the gaps between keys, read from a clock
these tests step by hand (as a key parser is tested with synthetic key events): a
burst is keys with no time between them, a person's keys come ``PERSON`` apart, and
"the keys stopped coming" is said to the filter, not waited for.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from ui.scanner_input import WedgeOptions, WedgeScanFilter

PERSON = 0.09  # seconds between a person's keys: slower than the filter's 50 ms


class SteppedClock:
    """A monotonic clock that moves only when a test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> SteppedClock:
    return SteppedClock()


@pytest.fixture
def form(
    qtbot: QtBot, clock: SteppedClock
) -> Iterator[tuple[WedgeScanFilter, QLineEdit, list[str]]]:
    page = QWidget()
    field = QLineEdit()
    QVBoxLayout(page).addWidget(field)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    field.setFocus()
    scanner = WedgeScanFilter(WedgeOptions(max_gap_ms=50), clock=clock)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    scanner.install(app)
    scans: list[str] = []
    scanner.scanned.connect(scans.append)
    yield scanner, field, scans
    app.removeEventFilter(scanner)


def test_a_burst_ending_in_enter_is_one_scan_and_types_nothing(form, qtbot: QtBot) -> None:
    scanner, field, scans = form
    qtbot.keyClicks(field, "6901234567892")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert scans == ["6901234567892"]
    scanner.keys_stopped()
    assert field.text() == ""


def test_two_bursts_back_to_back_are_two_scans(form, qtbot: QtBot) -> None:
    _, field, scans = form
    for code in ("ABC-1", "ABC-2"):
        qtbot.keyClicks(field, code)
        qtbot.keyClick(field, Qt.Key.Key_Return)
    assert scans == ["ABC-1", "ABC-2"]


def test_typing_by_hand_reaches_the_field_in_order(form, qtbot: QtBot, clock) -> None:
    scanner, field, scans = form
    for ch in "ab1":
        qtbot.keyClick(field, ch)
        clock.advance(PERSON)  # a person, not a scanner
    qtbot.keyClick(field, Qt.Key.Key_Return)
    scanner.keys_stopped()
    assert field.text() == "ab1"
    assert scans == []


def test_a_person_typing_faster_than_a_scanner_types_into_the_field_once_keys_stop(
    form, qtbot: QtBot
) -> None:
    scanner, field, scans = form
    qtbot.keyClicks(field, "ab")  # a burst, held back until it is clearly no scan
    assert field.text() == ""
    scanner.keys_stopped()
    assert field.text() == "ab"
    assert scans == []


def test_keys_held_are_handed_on_by_the_timer_when_they_stop_coming(form, qtbot: QtBot) -> None:
    _, field, scans = form
    qtbot.keyClicks(field, "ab")
    qtbot.waitUntil(lambda: field.text() == "ab", timeout=2000)  # the filter's own timer
    assert scans == []


def test_a_short_burst_is_not_a_scan(form, qtbot: QtBot) -> None:
    scanner, field, scans = form
    qtbot.keyClicks(field, "ab")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    scanner.keys_stopped()
    assert scans == []
    assert field.text() == "ab"


def test_a_scan_lands_even_when_no_text_field_has_focus(form, qtbot: QtBot) -> None:
    _, field, scans = form
    field.clearFocus()
    target = field.window()
    qtbot.keyClicks(target, "LID-42")
    qtbot.keyClick(target, Qt.Key.Key_Return)
    assert scans == ["LID-42"]


def test_gs_separator_sent_as_ctrl_bracket_is_kept(form, qtbot: QtBot) -> None:
    _, field, scans = form
    qtbot.keyClicks(field, "0106901234567892")
    qtbot.keyClick(field, Qt.Key.Key_BracketRight, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, "10LOT7")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert scans == ["0106901234567892\x1d10LOT7"]


@pytest.mark.parametrize(
    "gs",
    [
        (Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier, ""),  # Ctrl+] on a German layout
        (Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, "\x1d"),  # the character itself
    ],
)
def test_gs_separator_from_another_layout_keeps_the_scan_whole(
    form, qtbot: QtBot, gs: tuple[Qt.Key, Qt.KeyboardModifier, str]
) -> None:
    scanner, field, scans = form
    key, modifiers, text = gs
    qtbot.keyClicks(field, "0106901234567892")
    QApplication.sendEvent(field, QKeyEvent(QEvent.Type.KeyPress, key, modifiers, text))
    QApplication.sendEvent(field, QKeyEvent(QEvent.Type.KeyRelease, key, modifiers, text))
    qtbot.keyClicks(field, "10LOT7")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert scans == ["0106901234567892\x1d10LOT7"]
    scanner.keys_stopped()
    assert field.text() == ""


def test_a_shortcut_pressed_between_scans_is_no_part_of_one(
    form, qtbot: QtBot, clock: SteppedClock
) -> None:
    _, field, scans = form
    qtbot.keyClicks(field, "LID-42")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    clock.advance(PERSON)
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # select all
    qtbot.keyClicks(field, "LID-43")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert scans == ["LID-42", "LID-43"]


def test_a_configured_prefix_makes_a_scan_regardless_of_timing(
    form, qtbot: QtBot, clock: SteppedClock
) -> None:
    scanner, field, scans = form
    scanner.options = WedgeOptions(max_gap_ms=50, prefix="~")
    qtbot.keyClick(field, "~")
    for ch in "X9":
        clock.advance(0.07)  # slower than a scanner without its prefix
        qtbot.keyClick(field, ch)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert scans == ["X9"]
    assert field.text() == ""


def test_a_pin_typed_as_fast_as_a_scanner_stays_in_its_field(form, qtbot: QtBot) -> None:
    """Keys into a field that hides its text are never a scan: a PIN is not logged."""
    _, field, scans = form
    field.setEchoMode(QLineEdit.EchoMode.Password)
    qtbot.keyClicks(field, "483920")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert scans == [] and field.text() == "483920"
    field.setEchoMode(QLineEdit.EchoMode.Normal)
    field.clear()
    qtbot.keyClicks(field, "483920")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert scans == ["483920"]  # (the same burst into a plain field is a scan)
