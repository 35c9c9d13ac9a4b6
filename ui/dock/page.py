"""The dock's screen: a loader scans each parcel's label onto one carrier's truck.

Readable from two metres and driven by the scanner, like the pack page: along the
top what the page waits for (a badge, the carrier, the labels), who loads and which
carrier's truck; under it the answer to the last scan, the largest thing on the page
(green and the OK sound for a parcel on the truck, dark red, an error sound and
capitals for a refusal, "STOP" and the siren for a parcel that must not leave); under
that, on the left, how many parcels are on this load, its manifest's number, the
parcels still missing of the last order begun, and the button that closes the
manifest; on the right the last scans, newest first.

The carrier is chosen once in the combo (and remembered); a badge is a scan. Closing
the manifest is asked twice: a second click within 5 s, while the banner says so.
No dialog ever takes the keyboard from the scanner. A change of language says it all
again at once (the banner's message from what it means), the load kept.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.shipping.dock import Handover, Outcome
from app.shipping.manifests import FilesNotWritten, ManifestFiles, ManifestSummary, NothingToClose
from app.timeutil import Clock, utcnow
from ui.dock import manifest_news
from ui.dock.dock_look import DOCK_STYLE, breakable, fit_scans_table, scans_table
from ui.dock.handover_look import detail, look
from ui.dock.scans_model import DockScan, DockScansModel
from ui.dock.station import DockStation, Event, LoaderState
from ui.feedback import SoundPlayer, Speaker
from ui.pack.verdict_banner import Meaning, VerdictBanner
from ui.pack.verdict_look import Look
from ui.retranslate import Said, language_changed, model_said_again
from ui.words import filled

BANNER_SHARE = 0.30  # of the page's height: the answer to the last scan
CONFIRM_MS = 5000  # closing a manifest: the second click within this


class DockPage(QWidget):
    def __init__(
        self,
        station: DockStation,
        sounds: SoundPlayer,
        parent: QWidget | None = None,
        *,
        speaker: Speaker | None = None,
        clock: Clock = utcnow,
    ) -> None:
        super().__init__(parent)
        self.station = station
        self.sounds = sounds
        self.speaker = speaker or Speaker(enabled=False)
        self.clock = clock
        self.loader: str | None = None
        self.on_load = 0
        self.load_number: str | None = None
        self._missing_order: str | None = None  # the last order with parcels to come
        self._missing: tuple[str, ...] = ()  # its parcels still to come
        self._files: Callable[[], str] = str  # what ``closed_files`` says
        self._busy_words: Callable[[], str] = str  # what ``busy`` says
        self.said = Said()

        self.step = QLabel()
        self.step.setObjectName("dockStep")
        self.who = QLabel()
        self.who.setObjectName("dockLoader")
        self.carrier = QComboBox()
        self.carrier.setObjectName("dockCarrier")
        self.carrier.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # never take a scan's keys
        self.carrier.setMinimumContentsLength(12)
        self.said.set(self.carrier.setPlaceholderText, lambda: self.tr("choose…"))
        self.carrier.activated.connect(self._carrier_chosen)
        self.banner = VerdictBanner()

        self.count = QLabel()
        self.count.setObjectName("dockCount")
        self.manifest = QLabel()
        self.manifest.setObjectName("dockManifest")
        self.manifest.setWordWrap(True)
        self.missing = QLabel()
        self.missing.setObjectName("dockMissing")
        self.missing.setWordWrap(True)
        self.close_button = QPushButton()
        self.close_button.setObjectName("dockClose")
        self.close_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.close_button.clicked.connect(self._close_clicked)
        self.closed_files = QLabel()
        self.closed_files.setObjectName("dockFiles")
        self.closed_files.setWordWrap(True)
        self.closed_files.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._armed: str | None = None  # the carrier whose close waits for a second click
        self._disarm = QTimer(self)
        self._disarm.setSingleShot(True)
        self._disarm.setInterval(CONFIRM_MS)
        self._disarm.timeout.connect(self._disarmed)

        self.scans = DockScansModel(self)
        self.table = scans_table(self.scans)

        self.entry = QLineEdit()
        self.entry.setObjectName("dockEntry")
        self.said.set(
            self.entry.setPlaceholderText, lambda: self.tr("Type a label's number and press Enter")
        )
        self.entry.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.entry.returnPressed.connect(self._entered)
        self.busy = QLabel()
        self.busy.setObjectName("dockBusy")

        self._layout()
        self._follow(station)
        self._show_count()
        self._show_close_button()
        self._show_step()
        self.show_start()

    # --- building ---------------------------------------------------------------------

    def _follow(self, station: DockStation) -> None:
        station.answered.connect(self.show_handover)
        station.loader_changed.connect(self.show_loader)
        station.carriers_read.connect(self.show_carriers)
        station.manifest_closed.connect(self.show_closed)
        station.manifest_refused.connect(self.show_nothing_to_close)
        station.manifest_unwritten.connect(self.show_files_not_written)
        station.problem.connect(self.show_problem)
        station.backlog.connect(self._backlog)

    def _layout(self) -> None:
        self.setStyleSheet(DOCK_STYLE)
        carrier_label = QLabel()
        self.said.set(carrier_label.setText, lambda: self.tr("Carrier:"))
        carrier_label.setObjectName("dockCarrierLabel")
        top = QHBoxLayout()
        top.addWidget(self.step, 1)
        top.addWidget(self.who)
        top.addSpacing(16)
        top.addWidget(carrier_label)
        top.addWidget(self.carrier)

        left = QVBoxLayout()
        left.setSpacing(6)
        left.addWidget(self.count)
        left.addWidget(self.manifest)
        left.addWidget(self.missing)
        left.addStretch(1)
        left.addWidget(self.closed_files)
        left.addWidget(self.close_button)
        left_box = QWidget()
        left_box.setLayout(left)
        left_box.setMaximumWidth(470)

        middle = QHBoxLayout()
        middle.addWidget(left_box, 2)
        middle.addWidget(self.table, 3)

        entry_row = QHBoxLayout()
        entry_row.addWidget(self.entry, 1)
        entry_row.addWidget(self.busy)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addLayout(middle, 1)
        layout.addLayout(entry_row)

        fit_scans_table(self.table)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The answer keeps its share of the page, whatever the window's size."""
        super().resizeEvent(event)
        self.banner.fit(round(self.height() * BANNER_SHARE))

    def showEvent(self, event: QShowEvent) -> None:
        """Each time the page comes on screen, the carriers are read again (orders
        imported meanwhile may name a new one)."""
        super().showEvent(event)
        self.station.read_carriers()

    # --- input ------------------------------------------------------------------------

    def start(self) -> None:
        self.station.start()

    def scan(self, code: str) -> None:
        """A scan from any source (the wedge filter, a serial scanner, the entry box)."""
        self.station.scan(code)

    def _entered(self) -> None:
        code = self.entry.text().strip()
        self.entry.clear()
        if code:
            self.station.scan(code)

    def _carrier_chosen(self, index: int) -> None:
        name = self.carrier.itemText(index)
        if name and name != self.station.carrier:
            self._disarmed()
            self.station.choose_carrier(name)

    def choose_carrier(self, name: str) -> None:
        """As if ``name`` were picked in the combo (added to it if it is not there)."""
        index = self.carrier.findText(name, Qt.MatchFlag.MatchFixedString)
        if index < 0:
            self.carrier.addItem(name)
            index = self.carrier.count() - 1
        self.carrier.setCurrentIndex(index)
        self._carrier_chosen(index)

    def _close_clicked(self) -> None:
        carrier = self.station.carrier
        if not carrier:
            self._say(
                lambda: (Look("warn", "☝", "unknown", self.tr("Choose the carrier first")), "")
            )
            return
        if self.loader is None:
            self._say(lambda: (Look("warn", "☝", "unknown", self.tr("Scan your badge first")), ""))
            return
        if self._armed != carrier:
            self._armed, on_load = carrier, self.on_load
            self._disarm.start()
            self._show_close_button()
            self._say(
                lambda: (
                    Look("warn", "⚠", "alert", self.tr("Click CLOSE MANIFEST again to close it")),
                    filled(
                        self.tr(
                            "Within 5 s: the %1 manifest closes (parcels on it: %2); "
                            "a parcel scanned after it goes on the next one."
                        ),
                        carrier,
                        on_load,
                    ),
                )
            )
            return
        self._disarmed()
        self.close_button.setEnabled(False)
        self._show_files(lambda: filled(self.tr("Closing the %1 manifest…"), carrier))
        self.station.close_manifest(carrier)

    def _disarmed(self) -> None:
        """The time to confirm ran out (or the carrier changed): nothing is closed."""
        self._disarm.stop()
        if self._armed is not None:
            self._armed = None
            self._show_close_button()

    # --- output -----------------------------------------------------------------------

    def show_carriers(self, names: Sequence[str]) -> None:
        """The carriers to choose from; the one chosen before stays chosen."""
        chosen = self.station.carrier
        self.carrier.clear()
        self.carrier.addItems(list(names))
        if chosen:
            index = self.carrier.findText(chosen, Qt.MatchFlag.MatchFixedString)
            if index < 0:
                self.carrier.addItem(chosen)
                index = self.carrier.count() - 1
            self.carrier.setCurrentIndex(index)
        else:
            self.carrier.setCurrentIndex(-1)

    def show_loader(self, state: LoaderState) -> None:
        self.loader = state.loader
        self._show_load(state.load)
        self._show_step()
        self._show_close_button()
        code, loader = state.code, state.loader
        if state.event is Event.NOT_A_BADGE:
            self._say(
                lambda: (
                    Look("error", "✖", "unknown", self.tr("NOT A BADGE: scan your badge")),
                    filled(
                        self.tr("%1 is no loader's badge. Sign in first, then scan labels."), code
                    ),
                )
            )
        elif state.event is Event.NO_CARRIER:
            self._say(
                lambda: (
                    Look("warn", "☝", "unknown", self.tr("Choose the carrier first")),
                    filled(
                        self.tr(
                            "%1 was not loaded: choose the carrier's truck, then scan it again."
                        ),
                        code,
                    ),
                )
            )
        elif state.event is Event.REREAD:  # the banner still says what went wrong
            return
        elif state.event is Event.SIGNED_IN:
            self._say(
                lambda: (
                    Look("info", "✔", "info", filled(self.tr("Signed in: %1"), loader)),
                    self._what_next(),
                )
            )
        else:
            self.show_start()

    def show_handover(self, h: Handover) -> None:
        self._say(lambda: (look(h), detail(h)))
        self.scans.add(DockScan(h.at or self.clock(), h))
        if h.ok:
            self.on_load = h.on_load
            self.load_number = h.load
            self._show_count()
        if h.outcome is Outcome.LOADED and h.missing:
            self._missing_order, self._missing = h.order, tuple(h.missing)
            self._show_missing()
            self.missing.show()
        elif h.outcome is Outcome.SHIPPED and h.order == self._missing_order:
            self._missing_order = None
            self.missing.hide()

    def show_closed(self, files: ManifestFiles) -> None:
        self.close_button.setEnabled(True)
        self.on_load, self.load_number = 0, None
        self._show_count()
        self._show_files(lambda: breakable(manifest_news.files_where(files)))
        self.closed_files.setToolTip(manifest_news.files_where(files))
        self._say(manifest_news.closed(files))

    def show_nothing_to_close(self, refused: NothingToClose) -> None:
        self.close_button.setEnabled(True)
        self._show_files(str)
        self._say(manifest_news.nothing_to_close(refused))

    def show_files_not_written(self, refused: FilesNotWritten) -> None:
        self.close_button.setEnabled(True)
        self._show_files(str)
        self._say(manifest_news.files_not_written(refused))

    def show_problem(self, message: str) -> None:
        self.close_button.setEnabled(True)
        self._show_files(str)
        self._say(lambda: (Look("error", "⚠", "unknown", self.tr("Not done: try again")), message))

    def _show_files(self, words: Callable[[], str]) -> None:
        self._files = words
        self.closed_files.setText(words())

    def _show_missing(self) -> None:
        self.missing.setText(
            filled(
                self.tr("⚠ Order %1 still missing: parcel %2"),
                self._missing_order,
                ", ".join(self._missing),
            )
        )

    def _show_load(self, load: ManifestSummary | None) -> None:
        self.on_load = load.parcels if load is not None else 0
        self.load_number = load.number if load is not None else None
        self._show_count()

    def _show_count(self) -> None:
        self.count.setText(filled(self.tr("On this load: %1"), self.on_load))
        if self.load_number:
            self.manifest.setText(filled(self.tr("Manifest %1"), self.load_number))
        elif self.station.carrier:
            self.manifest.setText(self.tr("Manifest: opens with the first parcel"))
        else:
            self.manifest.setText("")
        if not self._missing_order:
            self.missing.hide()

    def _show_close_button(self) -> None:
        carrier = self.station.carrier
        if self._armed:
            self.close_button.setText(self.tr("⚠ Click again to close"))
        elif carrier:
            self.close_button.setText(filled(self.tr("Close manifest (%1)"), carrier))
        else:
            self.close_button.setText(self.tr("Close manifest"))

    def _step_words(self) -> str:
        if self.loader is None:
            return self.tr("① Scan your badge")
        if not self.station.carrier:
            return self.tr("② Choose the carrier")
        return self.tr("③ Scan each parcel's label")

    def _what_next(self) -> str:
        if self.loader is None:
            return self.tr("Scan your badge to sign in, then each parcel's label.")
        if not self.station.carrier:
            return self.tr("Choose the carrier whose truck you load, at the top right.")
        return filled(
            self.tr("Loading the %1 truck: scan each parcel's label as it goes on."),
            self.station.carrier,
        )

    def _show_step(self) -> None:
        self.step.setText(self._step_words())
        self.who.setText(
            filled(self.tr("Loader: %1"), self.loader)
            if self.loader
            else self.tr("Nobody signed in")
        )

    def show_start(self) -> None:
        """What the page waits for (before the first scan), as it waits for it now."""
        self.banner.say(lambda: (Look("info", "▶", "info", self._step_words()), self._what_next()))

    def _say(self, meaning: Meaning) -> None:
        said = self.banner.say(meaning)
        self.sounds.play(said.sound)
        self.speaker.say(said.headline)

    def _backlog(self, pending: int) -> None:
        self._busy_words = (
            (lambda: filled(self.tr("%1 scans waiting…"), pending)) if pending > 1 else str
        )
        self.busy.setText(self._busy_words())

    def changeEvent(self, event: QEvent) -> None:
        """The language changed: every word on the page said again in it, the banner
        by itself (from what its message means), the load as it is."""
        if language_changed(event):
            self.said.again()
            self._show_step()
            self._show_count()
            self._show_close_button()
            if self._missing_order:
                self._show_missing()
            self.closed_files.setText(self._files())
            self.busy.setText(self._busy_words())
            model_said_again(self.scans)
        super().changeEvent(event)
