"""The main window: composes the pages and routes scans to the one on screen."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QTabWidget,
    QWidget,
)
from sqlalchemy import Engine

from app import db
from app import settings as app_settings
from app.errors import PackdeskError
from app.packing import Outcome, PackingOptions
from app.printing import config as printing_config
from app.printing.print_process import PrintingService, PrintProcess
from app.printing.station import StationSpool
from app.settings import Settings
from app.timeutil import Clock, utcnow
from ui import display_time
from ui.audit_page import AuditPage
from ui.backup_timer import BackupTimer
from ui.board.page import BoardPage
from ui.board.wall_display import open_wall_display
from ui.dock.page import DockPage
from ui.dock.station import DockStation
from ui.feedback import SoundPlayer, Speaker
from ui.kpi_page import KpiPage
from ui.language import Languages
from ui.orders_page import OrdersPage
from ui.pack.camera_feed import CameraFeed
from ui.pack.documents_watch import DocumentsWatch, asks_for_documents
from ui.pack.page import PackPage
from ui.pack.station import Answer, PackStation
from ui.preview_dialog import OrderPreview
from ui.print_queue_page import PrintQueuePage
from ui.printer_status import PrinterStatusLine
from ui.printers_page import PrintersPage
from ui.refusal_words import refusal_words
from ui.retranslate import Said, language_changed
from ui.scan_sources import ScanSources
from ui.settings_page import SettingsPage
from ui.window_session import WindowSession
from ui.words import filled
from ui.workers import TaskQueue

SPOOL_STOP_SECONDS = 2.0  # closing gives a label being sent this long to finish
PRINTER_NEWS_DELAY_MS = 400  # after an order completes, the printer line is asked again


class MainWindow(QMainWindow):
    def __init__(
        self,
        engine: Engine,
        settings: Settings,
        *,
        sounds: SoundPlayer | None = None,
        print_service: PrintingService | None = None,
        clock: Clock = utcnow,
        languages: Languages | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.settings = settings
        self.languages = languages or Languages(language=settings.language)
        self.said = Said()
        display_time.use_zone(settings.timezone)  # every page: the warehouse's clock
        self.said.set(
            self.setWindowTitle, lambda: filled(self.tr("Packdesk — %1"), settings.station)
        )
        self._fit_screen()
        self.reads = TaskQueue("reads", threads=2)
        self.sounds = sounds or SoundPlayer(enabled=settings.sounds, parent=self)
        self.print_service = print_service or self._print_service(engine)
        self.spool = StationSpool(self.print_service.spool, auto_print=settings.auto_print)
        # in this order: each part connects to what the parts before it built
        self._build_pack_page(engine, settings, clock)
        self._build_pages(engine, settings, clock)
        self._build_tabs(engine, settings)
        self._add_tab_shortcuts()
        self._build_status_bar(engine, settings)
        self._start_scan_sources(settings)
        self._start_camera(engine, settings, clock)
        self._start_background_work(engine, settings, clock)

    def _build_pack_page(self, engine: Engine, settings: Settings, clock: Clock) -> None:
        """The counter's station and its pack page, the printers' line and preview under it."""
        self.station = PackStation(
            engine,
            station=settings.station,
            options=PackingOptions.from_settings(settings, weighs=bool(settings.scale_port)),
            spool=self.spool,
            idle_lock_minutes=settings.idle_lock_minutes,
            parent=self,
        )
        self.pack_page = PackPage(
            self.station,
            self.sounds,
            speaker=Speaker(enabled=settings.speech, parent=self),
            clock=clock,
        )
        self.printer_status = PrinterStatusLine(engine, settings.station, parent=self)
        # the documents asked of this counter's printers, whoever asked, until they print
        self.documents = DocumentsWatch(engine, station=settings.station, parent=self)
        self.documents.news.connect(self.pack_page.show_printing)
        self.station.answered.connect(self._follow_documents)
        self.order_preview = OrderPreview(engine, settings.station, self.print_service.config)
        self.order_preview.problem.connect(self._print_problem)
        self.station.answered.connect(lambda a: self.order_preview.follow(a.view))
        self.station.refreshed.connect(self.order_preview.follow)
        printing = QWidget()
        printing_row = QHBoxLayout(printing)
        printing_row.setContentsMargins(0, 0, 0, 0)
        printing_row.addWidget(self.printer_status, 1)
        printing_row.addWidget(self.order_preview)
        self.pack_page.add_status_widget(printing)

    def _build_pages(self, engine: Engine, settings: Settings, clock: Clock) -> None:
        """The orders, board, dock and KPI pages, the window's sign-in, the settings page."""
        self.orders_page = OrdersPage(engine, self.reads, clock=clock)
        self.board_page = BoardPage(
            engine,
            self.reads,
            self.sounds,
            settings.timezone,
            spool=self.print_service.spool,
            station=settings.station,
            clock=clock,
        )
        self.board_page.evidence.copy_folder = settings.evidence_copy_folder
        self.board_page.wall_wanted.connect(lambda: open_wall_display(self.board_page))
        self.dock_station = DockStation(
            engine, station=settings.station, carrier=settings.dock_carrier, parent=self
        )
        self.dock_page = DockPage(
            self.dock_station,
            self.sounds,
            speaker=Speaker(enabled=settings.speech, parent=self),
            clock=clock,
        )
        self.kpi_page = KpiPage(engine, self.reads, settings.timezone, clock=clock)
        # who is signed in at this window, for the pages that change things
        self.session = WindowSession(clock=clock, parent=self)
        self.board_page.detail.use_session(self.session)
        self.settings_page = SettingsPage(
            engine,
            settings.station,
            db.describe_url(engine),
            language=settings.language,
            session=self.session,
        )
        self.settings_page.documents.saved.connect(self.use_printing_config)
        self.settings_page.language_chosen.connect(self.use_language)

    def _build_tabs(self, engine: Engine, settings: Settings) -> None:
        """Every page in its tab (the print queue, printers and audit pages built in turn)."""
        self.pages = QTabWidget()
        self.pages.setDocumentMode(True)
        self._add_page(self.pack_page, lambda: self.tr("Pack"))
        self._add_page(self.orders_page, lambda: self.tr("Orders"))
        self._add_page(self.board_page, lambda: self.tr("Board"))
        self._add_page(self.dock_page, lambda: self.tr("Dock"))
        self._add_page(self.kpi_page, lambda: self.tr("KPIs"))
        self.print_queue_page = PrintQueuePage(engine, self.print_service, session=self.session)
        self._add_page(self.print_queue_page, lambda: self.tr("Print queue"))
        self.printers_page = PrintersPage(
            engine,
            settings.station,
            self.print_service.config,
            auto_print=settings.auto_print,
            session=self.session,
        )
        self.printers_page.saved.connect(self.printer_status.refresh)
        self.printers_page.auto_print_changed.connect(self._auto_print)
        self._add_page(self.printers_page, lambda: self.tr("Printers"))
        self._add_page(self.settings_page, lambda: self.tr("Settings"))
        self.audit_page = AuditPage(engine, settings.timezone, session=self.session)
        self._add_page(self.audit_page, lambda: self.tr("Audit"))
        self.setCentralWidget(self.pages)

    def _add_tab_shortcuts(self) -> None:
        """Ctrl+1 for the first tab, Ctrl+2 for the second, and so on."""
        for number in range(self.pages.count()):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{number + 1}"), self)
            shortcut.activated.connect(lambda n=number: self.pages.setCurrentIndex(n))

    def _build_status_bar(self, engine: Engine, settings: Settings) -> None:
        """Which station and database this is, and the station's problems as they come."""
        self.where = QLabel()
        self.said.set(
            self.where.setText,
            lambda: filled(self.tr("Station %1 · %2"), settings.station, db.describe_url(engine)),
        )
        self.statusBar().addPermanentWidget(self.where)
        self.station.problem.connect(lambda m: self.statusBar().showMessage(m, 15_000))

    def _start_scan_sources(self, settings: Settings) -> None:
        """What gives scans: the wedge scanner, and the scale and serial scanner if any."""
        self.scan_sources = ScanSources(
            settings,
            route=self.route_scan,
            pack_page=self.pack_page,
            station=self.station,
            status_bar=self.statusBar(),
            parent=self,
        )

    def _start_camera(self, engine: Engine, settings: Settings, clock: Clock) -> None:
        """The counter's camera (if it has one): each order recorded from its opening."""
        self.camera = CameraFeed(engine, settings, clock=clock, parent=self)
        self.pack_page.add_status_widget(self.camera.label)
        self.station.answered.connect(self.camera.answered)
        self.station.refreshed.connect(self.camera.follow)
        self.camera.problem.connect(lambda m: self.statusBar().showMessage(m, 15_000))
        self.camera.start()
        self.printers_page.camera.recorder_of = lambda: self.camera.recorder

    def _start_background_work(self, engine: Engine, settings: Settings, clock: Clock) -> None:
        """The station, dock, print process, printers' status and backups start, last."""
        self._printer_news = QTimer(self)
        self._printer_news.setSingleShot(True)
        self._printer_news.setInterval(PRINTER_NEWS_DELAY_MS)
        self._printer_news.timeout.connect(self.printer_status.refresh)
        self.station.answered.connect(self._printing_news)
        self.station.start()
        self.dock_page.start()
        # the print process starts (off this thread): pending jobs from before go out
        self.reads.submit(self.print_service.start, None, self._print_problem)
        self.printer_status.start()
        # a SQLite file's backups on a schedule, on a worker of their own
        self.backups = BackupTimer(engine, settings, clock=clock, parent=self)
        self.backups.problem.connect(lambda m: self.statusBar().showMessage(m, 30_000))
        self.backups.start()

    def _add_page(self, page: QWidget, title: Callable[[], str]) -> None:
        index = self.pages.addTab(page, "")
        self.said.set(lambda text: self.pages.setTabText(index, text), title)

    def use_language(self, language: str) -> None:
        """The language chosen in Settings: spoken at once (every page on screen says
        its words again), and kept in the settings file (off this thread)."""
        self.languages.use(language)
        self.settings_page.show_language(language)
        self.reads.submit(
            lambda: app_settings.change(language=language), None, self._settings_problem
        )

    def _settings_problem(self, message: str, _bug: bool = False) -> None:
        self.statusBar().showMessage(filled(self.tr("Settings: %1"), message), 15_000)

    def changeEvent(self, event: QEvent) -> None:
        if language_changed(event):
            self.said.again()
        super().changeEvent(event)

    def _print_service(self, engine: Engine) -> PrintingService:
        try:
            config = printing_config.load()
        except PackdeskError as exc:
            self._print_problem(refusal_words(exc), False)
            config = printing_config.PrintingConfig()
        # the spool's work (reading orders, rendering slips, sending) runs in a
        # process of its own, not on the time of this one's GUI thread and scans; it
        # also checkpoints a SQLite file's WAL every few seconds, so that scans'
        # commits do not
        db.defer_checkpoints(engine)
        return PrintProcess(engine, config=config)

    def use_printing_config(self, config: printing_config.PrintingConfig) -> None:
        """Settings saved on the settings page: every document rendered from now on
        (by the spool's workers, the previews and test prints) uses them. Jobs
        rendered before keep their bytes."""
        self.print_service.use_config(config)
        self.order_preview.config = config
        self.printers_page.config = config

    def _print_problem(self, message: str, _bug: bool = False) -> None:
        self.statusBar().showMessage(filled(self.tr("Printing: %1"), message), 15_000)

    def _auto_print(self, on: bool) -> None:
        """From now on for this station, and kept in the settings file (off-thread)."""
        self.spool.auto_print = on
        self.reads.submit(lambda: app_settings.change(auto_print=on), None, self._print_problem)

    def _printing_news(self, answer: Answer) -> None:
        # asked a moment later: the printer line is not what the packer looks at when
        # the order completes, and the next scan's answer should not wait for it
        if answer.verdict.outcome in (Outcome.ORDER_COMPLETE, Outcome.COMMAND):
            self._printer_news.start()

    def _fit_screen(self) -> None:
        """1280x800, or the screen's free room if it is smaller (a counter PC's
        1366x768 less its task bar): the window never opens cut off."""
        screen = QApplication.primaryScreen()
        room = screen.availableGeometry() if screen is not None else None
        width, height = 1280, 800
        if room is not None:
            frame = 40  # the title bar and borders the window manager adds
            width, height = min(width, room.width()), min(height, room.height() - frame)
        self.resize(width, height)

    def _follow_documents(self, answer: Answer) -> None:
        """An order's documents just asked for at this counter (its last item, COMPLETE
        or REPRINT): looked for at once, not at the watch's next look."""
        if asks_for_documents(answer.verdict):
            self.documents.look_now()

    def route_scan(self, code: str) -> None:
        """A scan goes to the page on screen (the orders, the board, the dock; a badge to
        the print queue, the printers or the settings); the pack page unless one of
        those is open."""
        current = self.pages.currentWidget()
        if current is self.orders_page and self.orders_page.select_order(code):
            return
        if current is self.board_page:
            self.board_page.scan(code)
            return
        if current is self.dock_page:
            self.dock_page.scan(code)
            return
        signing_in: dict[QWidget, Callable[..., None]] = {
            self.print_queue_page: self.print_queue_page.scan,
            self.printers_page: self.printers_page.scan,
            self.settings_page: self.settings_page.scan,
        }
        if current in signing_in:  # a badge signs in there; any other code is packed
            signing_in[current](code, otherwise=self._pack)
            return
        self._pack(code)

    def _pack(self, code: str) -> None:
        if self.pages.currentWidget() is not self.pack_page:
            self.pages.setCurrentWidget(self.pack_page)
        self.pack_page.scan(code)

    def shutdown(self) -> None:
        """Finish queued scans (they are someone's work) and stop the workers."""
        self.scan_sources.stop()
        display_time.use_zone(None)
        self._printer_news.stop()
        self.station.shutdown()
        self.camera.shutdown()  # after the scans: their marks are in the clips
        self.dock_station.shutdown()
        self.board_page.shutdown()
        self.printer_status.stop()
        self.documents.stop()
        self.print_queue_page.shutdown()
        self.audit_page.shutdown()
        self.printers_page.shutdown()
        self.settings_page.shutdown()
        self.session.close()
        self.order_preview.shutdown()
        self.backups.shutdown()
        self.reads.close(wait=True)
        self.print_service.stop(timeout=SPOOL_STOP_SECONDS)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)
