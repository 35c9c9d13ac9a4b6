"""The pack station's screen: readable from two metres, driven by the scanner.

The last verdict is the largest thing on it, a wide banner that grows with the
window (what happened, naming the product, and what to do now); above it the open
order (number, customer, carrier, ship-by) and the units left, under it the order's
lines, one row each (at least eight on a 1366x768 screen), the line the verdict is
about selected and finished lines set apart, and beside them the scan history and
the command buttons (``commands_panel``). A finished order's lines stay until the
next order opens. A change of language says it all again at once, the banner's
message from what it means, the open order kept.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.packing import Outcome
from app.packing.station_view import OpenOrder, PackLine, StationView
from app.printing.order_documents import OrderPrinting
from app.timeutil import Clock, utcnow
from ui import display_time
from ui.feedback import SoundPlayer, Speaker
from ui.pack.commands_panel import button, command_grid, command_keys
from ui.pack.lines_model import BIN, COUNT, STATE, PackLinesModel
from ui.pack.page_look import PAGE_STYLE, history_line, history_list, lines_table, say_line_again
from ui.pack.print_news import PrintNews
from ui.pack.station import Answer, PackStation
from ui.pack.supervisor_pin import SupervisorPin
from ui.pack.verdict_banner import Meaning, VerdictBanner
from ui.pack.verdict_look import Look, detail, look
from ui.retranslate import Said, language_changed, model_said_again
from ui.words import filled, status_words

HISTORY_KEPT = 200
BANNER_SHARE = 0.28  # of the page's height: the verdict banner
STILL_TO_PACK_NAMED = 3  # lines named to a packer who scanned a wrong item
# the outcomes whose line the table selects: the line the banner speaks of
_LINE_OUTCOMES = frozenset(
    {
        Outcome.ACCEPTED,
        Outcome.OVER_SCAN,
        Outcome.SERIAL_REQUIRED,
        Outcome.LOT_REQUIRED,
        Outcome.DUPLICATE_SERIAL,
        Outcome.EXPIRED_LOT,
    }
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
        self.said = Said()
        self._last_order: OpenOrder | None = None
        self._view = StationView(None, None, None)  # the last shown
        self._busy_words: Callable[[], str] = str  # what ``busy`` says

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
        self.lock_notice = QLabel()
        self.said.set(
            self.lock_notice.setText,
            lambda: self.tr("⚑ LOCKED after a pause: scan your badge to go on"),
        )
        self.lock_notice.setObjectName("lockNotice")
        self.lock_notice.hide()
        self._signed_in: str | None = None  # who the header names (also while locked)
        # the documents asked of this counter's printers, as they do
        self.print_news = PrintNews(self._say, self.banner, self._note, self)
        self.print_notice = self.print_news.notice  # said until they print

        self.lines = PackLinesModel(self)
        self.table = lines_table(self.lines)
        self.history = history_list()

        self.entry = QLineEdit()
        self.entry.setObjectName("manualEntry")
        self.said.set(
            self.entry.setPlaceholderText, lambda: self.tr("Type a code and press Enter (F2)")
        )
        self.entry.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.entry.returnPressed.connect(self._entered)
        self.manual = button(self._confirm_selected)
        self.said.set(self.manual.setText, lambda: self.tr("Confirm by hand (F8)"))
        # switched off at this counter: no button (F8 still says why it does nothing)
        self.manual.setVisible(station.manual_allowed)
        self.supervisor_pin = SupervisorPin(station, self.entry.setFocus)  # at a weight

        self._layout()
        self._shortcuts()
        station.answered.connect(self.show_answer)
        station.refreshed.connect(self.show_view)
        station.problem.connect(self.show_problem)
        station.backlog.connect(self._backlog)
        station.locked_changed.connect(self._locked)
        station.database_busy.connect(self._database_busy)
        self.show_view(StationView(None, None, None))

    # --- building ---------------------------------------------------------------------

    def _layout(self) -> None:
        self.setStyleSheet(PAGE_STYLE)
        top = QHBoxLayout()  # one row: the page's height goes to the verdict and lines
        top.addWidget(self.order_number)
        top.addSpacing(12)
        top.addWidget(self.order_facts, 1)
        top.addWidget(self.remaining)
        top.addSpacing(12)
        top.addWidget(self.packer)

        # beside the lines: the page's height is the lines'
        commands = command_grid(self.station.command, self.said, self.manual)

        entry_row = QHBoxLayout()
        entry_row.addWidget(self.entry, 1)
        entry_row.addWidget(self.busy)

        middle = QHBoxLayout()
        middle.addWidget(self.table, 3)
        side = QVBoxLayout()
        scans = QLabel()
        self.said.set(scans.setText, lambda: self.tr("Scans"))
        side.addWidget(scans)
        side.addWidget(self.history, 1)
        side.addLayout(commands)
        middle.addLayout(side, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(4)
        layout.addWidget(self.lock_notice)
        layout.addWidget(self.print_notice)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.supervisor_pin)
        layout.addLayout(middle, 1)
        layout.addLayout(entry_row)
        self._fix_remaining_size()  # now that it is the page's, in the page's style
        self.table.ensurePolished()  # rows of one height, in the style's font
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.table.fontMetrics().height() + 10)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The verdict keeps its share of the page, whatever the window's size."""
        super().resizeEvent(event)
        self.banner.fit(round(self.height() * BANNER_SHARE))

    def add_status_widget(self, widget: QWidget) -> None:
        """A line at the foot of the page (the printers' state)."""
        layout = self.layout()
        assert layout is not None
        layout.addWidget(widget)

    def _shortcuts(self) -> None:
        command_keys(self, self.station.command)
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
            self._say(
                lambda: (Look("warn", "☝", "unknown", self.tr("Locked: scan your badge first")), "")
            )
            return
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self._say(lambda: (Look("warn", "☝", "unknown", self.tr("Select the line first")), ""))
            return
        self.station.confirm_manually(self.lines.line_at(rows[0].row()).sku)

    # --- output -----------------------------------------------------------------------

    def show_answer(self, answer: Answer) -> None:
        v, view = answer.verdict, answer.view
        self.show_view(view, interrupt=False)
        self.print_news.answered(v)
        self._say(lambda: (look(v), detail(v, still_to_pack=self._still_to_pack(view))))
        self._note(lambda: f"{look(v).icon} {v.input[:40]}  →  {look(v).headline}")
        while self.history.count() > HISTORY_KEPT:
            self.history.takeItem(self.history.count() - 1)
        row = self.lines.row_of_sku(v.sku) if v.sku and v.outcome in _LINE_OUTCOMES else None
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.lines.index(row, 0))

    def show_printing(self, number: str, printing: OrderPrinting) -> None:
        """How the documents asked of this counter's printers are doing
        (``print_news``)."""
        self.print_news.show(number, printing)

    def _note(self, words: Callable[[], str]) -> None:
        """A line at the top of the scan history (said again in a new language)."""
        self.history.insertItem(0, history_line(words))

    def _still_to_pack(self, view: StationView) -> str:
        """The open order's first lines still to pack, for a packer who scanned a
        wrong item: what to look for instead."""
        if view.order is None:
            return ""
        left = [ln for ln in view.order.lines if not ln.done]
        named = [
            f"{ln.name or ln.sku} ×{ln.ordered - ln.packed - ln.short}"
            for ln in left[:STILL_TO_PACK_NAMED]
        ]
        more = len(left) - len(named)
        return "; ".join(named) + (filled(self.tr(" and %1 more lines"), more) if more else "")

    def _locked(self, locked: bool) -> None:
        """A counter locked after a pause looks locked: the strip, the banner and the
        header all say so, until a badge is scanned."""
        self.lock_notice.setVisible(locked)
        self._show_packer()
        if locked:
            self.banner.say(
                lambda: (
                    Look("info", "⚑", "info", self.tr("LOCKED")),
                    self.tr("Scan your badge to go on; the open order stays here."),
                )
            )

    def _show_packer(self) -> None:
        if self.station.locked:
            self.packer.setText(
                filled(self.tr("⚑ Locked (was: %1)"), self._signed_in)
                if self._signed_in
                else self.tr("⚑ Locked")
            )
        elif self._signed_in:
            self.packer.setText(filled(self.tr("Packer: %1"), self._signed_in))
        else:
            self.packer.setText(self.tr("Nobody signed in: scan your badge"))

    def show_view(self, view: StationView, *, interrupt: bool = True) -> None:
        self._signed_in, self._view = view.user_name, view
        self._show_packer()
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
            number, status = order.number, order.status
            self._say(
                lambda: (
                    Look(
                        "error",
                        "⊗",
                        "wrong_item",
                        filled(
                            self.tr("Order %1 is now %2: stop packing it"),
                            number,
                            status_words(status),
                        ),
                    ),
                    "",
                )
            )
        if order is None and view.finished is not None:  # its lines stay till the next
            done = view.finished
            self.order_number.setText(filled(self.tr("✔ %1 finished"), done.number))
            self.order_facts.setText(self.tr("Scan the next order's slip or pick list."))
            self.remaining.setText("")
            self._show_lines(done.id, done.lines)
            return
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
            facts.append(filled(self.tr("ship by %1"), display_time.minutes(order.ship_by)))
            if order.ship_by < self.clock():
                facts.append(self.tr("⚠ LATE"))
        if not order.claimed_here:
            facts.append(status_words(order.status))
        self.order_facts.setText("  ·  ".join(x for x in facts if x))
        self.remaining.setText(filled(self.tr("%1 left"), order.remaining))
        self._show_lines(order.id, order.lines)

    def _fix_remaining_size(self) -> None:
        """The count left changes with every scan; a label of one fixed size (room for
        four digits) changes it without the page's layout being redone and the whole
        page repainted each time."""
        self.remaining.ensurePolished()  # the page's style sheet gives it its big font
        self.remaining.setText(filled(self.tr("%1 left"), "8888"))
        self.remaining.setFixedSize(self.remaining.sizeHint())
        self.remaining.setText("")

    def _show_lines(self, order_id: int | None, lines: Sequence[PackLine]) -> None:
        changed = self.lines.update(order_id, lines)
        if changed is None:  # another order: fit the columns and rows to it
            for column in (STATE, BIN, COUNT):
                self.table.resizeColumnToContents(column)
            return
        for row in changed:  # a count moved: widen its column only if it no longer fits
            for column in (STATE, BIN, COUNT):
                cell = self.table.sizeHintForIndex(self.lines.index(row, column)).width()
                if cell + 1 > self.table.columnWidth(column):  # +1: the grid line
                    self.table.resizeColumnToContents(column)

    def show_problem(self, message: str) -> None:
        self._say(lambda: (Look("error", "⚠", "unknown", self.tr("Not saved: try again")), message))

    def _say(self, meaning: Meaning) -> None:
        said = self.banner.say(meaning)
        self.sounds.play(said.sound)
        self.speaker.say(said.headline)

    def _database_busy(self) -> None:
        """Said until the scan is answered (``_backlog`` then says what is left)."""
        self._busy_words = lambda: self.tr(
            "Database busy (another program is writing): the scan waits…"
        )
        self.busy.setText(self._busy_words())

    def _backlog(self, pending: int) -> None:
        self._busy_words = (
            (lambda: filled(self.tr("%1 scans waiting…"), pending)) if pending > 1 else str
        )
        self.busy.setText(self._busy_words())

    def changeEvent(self, event: QEvent) -> None:
        """The language changed: every word on the page said again in it, the banner
        by itself (from what its message means), the open order as it is."""
        if language_changed(event):
            self.said.again()
            self._fix_remaining_size()
            self.show_view(self._view, interrupt=False)
            model_said_again(self.lines)
            for row in range(self.history.count()):
                say_line_again(self.history.item(row))
            self.print_news.said_again()
            self.busy.setText(self._busy_words())
        super().changeEvent(event)
