"""The pack station's screen: readable from two metres, driven by the scanner.

The packer's name, the open order (number, customer, carrier, ship-by), its lines
with large packed/ordered counts, what is left, the last verdict as a wide banner,
and the scan history. Buttons do exactly what the command barcodes do and never take
the keyboard focus, so a scan is never lost to a button. SHORT's two variants that
say why (NOT-FOUND, DAMAGED) are barcodes only: F6's SHORT is the button.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.packing import Command, Outcome
from app.packing.station_view import OpenOrder, PackLine, StationView
from app.timeutil import Clock, utcnow
from ui import display_time
from ui.feedback import SoundPlayer, Speaker
from ui.pack_lines_model import BIN, COUNT, PRODUCT, STATE, PackLinesModel
from ui.pack_station import Answer, PackStation
from ui.verdict_banner import VerdictBanner
from ui.verdict_look import Look, detail, look
from ui.words import command_name, status_words

HISTORY_KEPT = 200

_COMMAND_KEYS = (
    (Command.UNDO, "Ctrl+Z"),
    (Command.SHORT, "F6"),
    (Command.HOLD, "F7"),
    (Command.COMPLETE, "F9"),
    (Command.NEXT_PARCEL, "F10"),
    (Command.REPRINT, "F11"),
    (Command.LOGOUT, "F12"),
)


class PackPage(QWidget):
    def __init__(
        self,
        station: PackStation,
        sounds: SoundPlayer,
        parent: QWidget | None = None,
        *,
        speaker: Speaker | None = None,
        clock: Clock = utcnow,
    ) -> None:
        super().__init__(parent)
        self.clock = clock  # what is late is late by this clock
        self.station = station
        self.sounds = sounds
        self.speaker = speaker or Speaker(enabled=False)
        self._last_order: OpenOrder | None = None

        self.packer = QLabel()
        self.packer.setObjectName("packer")
        self.order_number = QLabel()
        self.order_number.setObjectName("orderNumber")
        self.order_facts = QLabel()
        self.order_facts.setObjectName("orderFacts")
        self.order_facts.setWordWrap(True)
        self.remaining = QLabel()
        self.remaining.setObjectName("remaining")
        self.remaining.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.busy = QLabel()
        self.busy.setObjectName("busy")
        self.banner = VerdictBanner()
        self.lock_notice = QLabel(self.tr("⚑ Locked after a pause: scan your badge to go on"))
        self.lock_notice.setObjectName("lockNotice")
        self.lock_notice.hide()

        self.lines = PackLinesModel(self)
        self.table = QTableView()
        self.table.setObjectName("packLines")
        self.table.setModel(self.lines)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # the product's words take the width left; the other columns and the rows are
        # fitted to their contents when the lines model says so (see ``_show_lines``)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(PRODUCT, QHeaderView.ResizeMode.Stretch)
        header.sectionResized.connect(self._product_resized)  # its words wrap anew

        self.history = QListWidget()
        self.history.setObjectName("history")
        self.history.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # one line per scan, all of a height: a new line then costs the list no new
        # layout of every line it keeps (with wrapped lines, over a millisecond a scan);
        # a line too long for the panel ends in "…" and shows whole as its tooltip
        self.history.setUniformItemSizes(True)
        self.history.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.history.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.entry = QLineEdit()
        self.entry.setObjectName("manualEntry")
        self.entry.setPlaceholderText(self.tr("Type a code and press Enter (F2)"))
        self.entry.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.entry.returnPressed.connect(self._entered)
        self.manual = self._button(self.tr("Confirm by hand (F8)"), self._confirm_selected)
        # switched off at this counter: no button (F8 still says why it does nothing)
        self.manual.setVisible(station.manual_allowed)

        self._layout()
        self._shortcuts()
        station.answered.connect(self.show_answer)
        station.refreshed.connect(self.show_view)
        station.problem.connect(self.show_problem)
        station.backlog.connect(self._backlog)
        station.locked_changed.connect(self.lock_notice.setVisible)
        self.show_view(StationView(None, None, None))

    # --- building ---------------------------------------------------------------------

    def _button(self, text: str, slot: object) -> QPushButton:
        button = QPushButton(text)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # never take a scan's keys
        button.clicked.connect(slot)
        return button

    def _layout(self) -> None:
        self.setStyleSheet(
            "#packer { font-size: 16pt; font-weight: bold; }"
            "#orderNumber { font-size: 30pt; font-weight: bold; }"
            "#orderFacts { font-size: 15pt; }"
            "#remaining { font-size: 30pt; font-weight: bold; }"
            "#packLines { font-size: 18pt; }"
            "#packLines::item:selected { background: #bbdefb; color: #000; }"
            "#history { font-size: 11pt; }"
            "#lockNotice { font-size: 18pt; font-weight: bold; background: #fff59d;"
            " color: #000; padding: 8px; }"
            "#busy { color: #b71c1c; font-weight: bold; }"
        )
        top = QGridLayout()
        top.addWidget(self.order_number, 0, 0)
        top.addWidget(self.packer, 0, 1, Qt.AlignmentFlag.AlignRight)
        top.addWidget(self.order_facts, 1, 0)
        top.addWidget(self.remaining, 1, 1)
        top.setColumnStretch(0, 1)

        commands = QHBoxLayout()
        for command, key in _COMMAND_KEYS:
            button = self._button(
                f"{command_name(command)} ({key})",
                lambda _=False, c=command: self.station.command(c),
            )
            button.setObjectName(f"cmd_{command.name.lower()}")
            commands.addWidget(button)
        commands.addStretch(1)
        commands.addWidget(self.manual)

        entry_row = QHBoxLayout()
        entry_row.addWidget(self.entry, 1)
        entry_row.addWidget(self.busy)

        middle = QHBoxLayout()
        middle.addWidget(self.table, 3)
        side = QVBoxLayout()
        side.addWidget(QLabel(self.tr("Scans")))
        side.addWidget(self.history, 1)
        middle.addLayout(side, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.lock_notice)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addLayout(middle, 1)
        layout.addLayout(commands)
        layout.addLayout(entry_row)
        self._fix_remaining_size()  # now that it is the page's, in the page's style

    def add_status_widget(self, widget: QWidget) -> None:
        """A line at the foot of the page (the printers' state)."""
        layout = self.layout()
        assert layout is not None
        layout.addWidget(widget)

    def _shortcuts(self) -> None:
        for command, key in _COMMAND_KEYS:
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.activated.connect(lambda c=command: self.station.command(c))
        QShortcut(QKeySequence("F2"), self).activated.connect(self.entry.setFocus)
        QShortcut(QKeySequence("F8"), self).activated.connect(self._confirm_selected)

    # --- input ------------------------------------------------------------------------

    def scan(self, code: str) -> None:
        """A scan from any source (the wedge filter, a serial scanner)."""
        self.station.scan(code)

    def _entered(self) -> None:
        code = self.entry.text().strip()
        self.entry.clear()
        if code:
            self.station.scan(code)

    def _confirm_selected(self) -> None:
        if self.station.locked:
            self._say(Look("warn", "☝", "unknown", self.tr("Locked: scan your badge first")), "")
            return
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self._say(Look("warn", "☝", "unknown", self.tr("Select the line first")), "")
            return
        self.station.confirm_manually(self.lines.line_at(rows[0].row()).sku)

    # --- output -----------------------------------------------------------------------

    def show_answer(self, answer: Answer) -> None:
        v = answer.verdict
        self.show_view(answer.view, interrupt=False)
        said = look(v)
        self._say(said, detail(v))
        line = QListWidgetItem(f"{said.icon} {v.input[:40]}  →  {said.headline}")
        line.setToolTip(line.text())
        self.history.insertItem(0, line)
        while self.history.count() > HISTORY_KEPT:
            self.history.takeItem(self.history.count() - 1)
        if v.sku and v.outcome in (Outcome.ACCEPTED, Outcome.OVER_SCAN):
            row = self.lines.row_of_sku(v.sku)
            if row is not None:
                self.table.selectRow(row)
                self.table.scrollTo(self.lines.index(row, 0))

    def show_view(self, view: StationView, *, interrupt: bool = True) -> None:
        self.packer.setText(
            self.tr("Packer: %1").replace("%1", view.user_name)
            if view.user_name
            else self.tr("Nobody signed in: scan your badge")
        )
        order = view.order
        before, self._last_order = self._last_order, order
        if (
            interrupt
            and before
            and order
            and before.id == order.id
            and before.claimed_here
            and not order.claimed_here
        ):
            # held, cancelled or taken over while open: say so at once, loudly
            words = self.tr("Order %1 is now %2: stop packing it")
            words = words.replace("%1", order.number).replace("%2", status_words(order.status))
            self._say(Look("error", "⊗", "wrong_item", words), "")
        if order is None:
            self.order_number.setText(self.tr("No order open"))
            self.order_facts.setText(self.tr("Scan the order's slip or pick list."))
            self.remaining.setText("")
            self._show_lines(None, [])
            return
        flag = "⚡ " if order.priority else ""
        self.order_number.setText(f"{flag}{order.number}")
        carrier = " ".join(x for x in (order.carrier, order.service) if x)
        facts = [order.customer, carrier]
        if order.ship_by:
            facts.append(self.tr("ship by %1").replace("%1", display_time.minutes(order.ship_by)))
            if order.ship_by < self.clock():
                facts.append(self.tr("⚠ LATE"))
        if not order.claimed_here:
            facts.append(status_words(order.status))
        self.order_facts.setText("  ·  ".join(x for x in facts if x))
        self.remaining.setText(self.tr("%1 left").replace("%1", str(order.remaining)))
        self._show_lines(order.id, order.lines)

    def _fix_remaining_size(self) -> None:
        """The count left changes with every scan; a label of one fixed size (room for
        four digits) changes it without the page's layout being redone and the whole
        page repainted each time."""
        self.remaining.ensurePolished()  # the page's style sheet gives it its big font
        self.remaining.setText(self.tr("%1 left").replace("%1", "8888"))
        self.remaining.setFixedSize(self.remaining.sizeHint())
        self.remaining.setText("")

    def _product_resized(self, column: int, _old: int, _new: int) -> None:
        if column == PRODUCT:
            self.table.resizeRowsToContents()

    def _show_lines(self, order_id: int | None, lines: Sequence[PackLine]) -> None:
        changed = self.lines.update(order_id, lines)
        if changed is None:  # another order: fit the columns and rows to it
            for column in (STATE, BIN, COUNT):
                self.table.resizeColumnToContents(column)
            self.table.resizeRowsToContents()
            return
        for row in changed:  # a count moved: widen its column only if it no longer fits
            for column in (STATE, BIN, COUNT):
                cell = self.table.sizeHintForIndex(self.lines.index(row, column)).width()
                if cell + 1 > self.table.columnWidth(column):  # +1: the grid line
                    self.table.resizeColumnToContents(column)

    def show_problem(self, message: str) -> None:
        self._say(Look("error", "⚠", "unknown", self.tr("Not saved: try again")), message)

    def _say(self, what: Look, detail: str) -> None:
        self.banner.show_look(what, detail)
        self.sounds.play(what.sound)
        self.speaker.say(what.headline)

    def _backlog(self, pending: int) -> None:
        self.busy.setText(
            self.tr("%1 scans waiting…").replace("%1", str(pending)) if pending > 1 else ""
        )
