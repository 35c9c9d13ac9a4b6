"""The board's packing video: what a scan found (an order number, a waybill's
tracking number), its clips to choose from, the one chosen playing, and the scans in
it as a list of moments: a click or Enter on one jumps the picture to it.

The look-up (one read) runs on the board's read queue; the clip is decoded on the
player's own thread. ``shown_at`` keeps when the first picture of the last look-up
appeared, for the test and the bench that hold it to a second.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import tzinfo
from functools import partial
from pathlib import Path

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from app.evidence.clip_file import NO_VIDEO, PARTIAL
from app.evidence.housekeeping import copy_path
from app.evidence.search import (
    ClipQuery,
    ScannedClips,
    clips_for_code,
    find_clips,
    stations_with_clips,
)
from app.evidence.store import ClipRow, MarkRow
from ui import display_time
from ui.board.detail_models import RowsModel
from ui.evidence.player import ClipPlayer, clock_text
from ui.evidence.search_bar import ClipSearchBar
from ui.evidence.words import WORDS, said
from ui.retranslate import Said, language_changed
from ui.row_table_model import ROW_ROLE
from ui.workers import TaskQueue

SEARCH_LIMIT = 500  # clips a search lists at most: the newest


def mark_cells(mark: MarkRow) -> list[str]:
    return [clock_text(mark.offset_s), display_time.clock(mark.at), mark.text]


class EvidencePanel(QWidget):
    closed = Signal()
    shown = Signal()  # a look-up found clips: the board puts this panel on screen

    def __init__(
        self,
        engine: Engine,
        reads: TaskQueue,
        *,
        zone: tzinfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.reads = reads
        self.found: ScannedClips | None = None
        self.clip: ClipRow | None = None
        self.asked_at = 0.0  # perf_counter time of the last look-up
        self.shown_at: float | None = None  # ... and of its first picture on screen
        self._asked = 0  # look-ups asked; an answer to an older one is dropped
        # where sealed clips are copied (the settings' network folder): a clip recorded
        # at another counter is played from there
        self.copy_folder: Path | None = None
        self.files: dict[int, Path | None] = {}  # each clip's video where it was found
        self._many = False  # the clips to choose from are named by their orders too

        self.search = ClipSearchBar(zone)
        self.search.asked.connect(self.search_clips)
        self.title = QLabel()
        self.title.setObjectName("evidenceTitle")
        self.title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.said = Said()  # fixed words, said again on a language change
        self.told: dict[QLabel, Callable[[], str]] = {}  # ... and the title and problem now
        self.close_button = QPushButton()
        self.said.set(self.close_button.setText, partial(said, "close"))
        self.close_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.close_button.clicked.connect(self.close_view)
        self.choice = QComboBox()
        self.choice.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.choice.currentIndexChanged.connect(self._chosen)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #8a4b00;")
        self.problem.hide()
        self.player = ClipPlayer()
        self.player.first_picture.connect(self._first_picture)
        self.marks_model = RowsModel(
            [WORDS["col_offset"], WORDS["col_time"], WORDS["col_scan"]],
            mark_cells,
            context="Evidence",
            parent=self,
        )
        self.marks = QTableView()
        self.marks.setObjectName("evidenceMarks")
        self.marks.setModel(self.marks_model)
        self.marks.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.marks.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.marks.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.marks.verticalHeader().hide()
        self.marks.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.marks.horizontalHeader().setStretchLastSection(True)
        self.marks.clicked.connect(self.jump_to)
        self.marks.activated.connect(self.jump_to)  # Enter (and a double click)
        hint = QLabel()
        self.said.set(hint.setText, partial(said, "marks_hint"))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #5f6368;")

        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.close_button)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(hint)
        side_layout.addWidget(self.marks, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.player)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.search)
        layout.addWidget(self.choice)
        layout.addWidget(self.problem)
        layout.addWidget(split, 1)

    def _tell(self, label: QLabel, words: Callable[[], str]) -> None:
        """``label`` says ``words()`` now, and again in a language chosen later."""
        self.told[label] = words
        label.setText(words())

    def changeEvent(self, event: QEvent) -> None:
        if language_changed(event):
            self.said.again()
            for label, words in self.told.items():
                label.setText(words())
            self.marks_model.retranslate()
            if self.found is not None:
                for i, clip in enumerate(self.found.clips):
                    self.choice.setItemText(i, _clip_words(clip, self._many))
        super().changeEvent(event)

    # --- looking up ---------------------------------------------------------------------------

    def look_up(self, code: str) -> None:
        """The clips of what was scanned, read off the GUI thread; shown (``shown``
        emitted) only when there are some."""
        self._asked += 1
        asked = self._asked
        self.asked_at, self.shown_at = time.perf_counter(), None
        copy_folder = self.copy_folder

        def find() -> tuple[ScannedClips, dict[int, Path | None]]:
            found = clips_for_code(self.engine, code)
            return found, {c.id: video_file(c, copy_folder) for c in found.clips}

        self.reads.submit(
            find,
            lambda answer: self._found(asked, *answer),
            lambda message, _bug: self._failed(asked, message),
        )

    def open_search(self) -> None:
        """The panel with nothing found yet, for a search by SKU, packer, counter and
        days (``shown`` emitted); the counters to choose from read off the GUI thread."""
        self._asked += 1
        self.show_clips(ScannedClips("", (), ()), {})
        self._tell(self.title, partial(said, "search_hint"))
        self.reads.submit(lambda: stations_with_clips(self.engine), self.search.set_stations)
        self.shown.emit()
        self.search.sku.setFocus()

    def search_clips(self, query: ClipQuery) -> None:
        """The newest ``SEARCH_LIMIT`` clips ``query`` finds, read off the GUI thread."""
        self._asked += 1
        asked = self._asked
        self.asked_at, self.shown_at = time.perf_counter(), None
        copy_folder = self.copy_folder

        def find() -> tuple[ScannedClips, dict[int, Path | None]]:
            clips = find_clips(self.engine, **vars(query), newest=SEARCH_LIMIT)
            numbers = tuple(dict.fromkeys(c.order_number for c in clips))
            files = {c.id: video_file(c, copy_folder) for c in clips}
            return ScannedClips("", numbers, tuple(clips)), files

        self.reads.submit(
            find,
            lambda answer: self._searched(asked, *answer),
            lambda message, _bug: self._failed(asked, message),
        )

    def _searched(self, asked: int, found: ScannedClips, files: dict[int, Path | None]) -> None:
        if asked != self._asked:
            return
        self.show_clips(found, files, many=True)
        count = len(found.clips)
        key = "found_newest" if count >= SEARCH_LIMIT else "found_title"
        self._tell(self.title, partial(said, key, count))
        if not count:
            self._tell(self.problem, partial(said, "found_none"))
            self.problem.show()
        self.shown.emit()

    def _found(self, asked: int, found: ScannedClips, files: dict[int, Path | None]) -> None:
        if asked != self._asked or not found.clips:
            return
        self.show_clips(found, files)
        self.shown.emit()

    def _failed(self, asked: int, message: str) -> None:
        if asked == self._asked and self.isVisible():
            self._tell(self.problem, partial(said, "search_failed", message))
            self.problem.show()

    def show_clips(
        self, found: ScannedClips, files: dict[int, Path | None], *, many: bool = False
    ) -> None:
        """``found``'s clips to choose from (``files``: each one's video where this
        computer reads it; ``many``: each named by its order too); the newest playing,
        or words when there is none."""
        self.found, self.files = found, files
        many = self._many = many or len(found.orders) > 1
        names = ", ".join(found.orders)
        self._tell(self.title, partial(said, "title_many" if many else "title", names))
        self.choice.blockSignals(True)
        self.choice.clear()
        for clip in found.clips:
            self.choice.addItem(_clip_words(clip, many))
        self.choice.blockSignals(False)
        self.choice.setVisible(bool(found.clips))
        if not found.clips:
            self.clip = None
            self.marks_model.set_rows(())
            self.problem.hide()
            self.player.show_words("")
            return
        self.choice.setCurrentIndex(len(found.clips) - 1)
        self._chosen(len(found.clips) - 1)

    @property
    def is_open(self) -> bool:
        return self.found is not None

    def close_view(self) -> None:
        self.found = self.clip = None
        self.player.show_words("")
        self.closed.emit()

    def shutdown(self) -> None:
        self.player.shutdown()

    # --- one clip ---------------------------------------------------------------------------

    def _chosen(self, index: int) -> None:
        if self.found is None or not 0 <= index < len(self.found.clips):
            return
        clip = self.clip = self.found.clips[index]
        self.marks_model.set_rows(clip.marks)
        words = _problem_words(clip)
        self._tell(self.problem, partial(_problem_words, clip))
        self.problem.setVisible(bool(words))
        playable = clip.sha256 is not None and clip.deleted_at is None
        video = self.files.get(clip.id)
        if playable and video is not None:
            self.player.open(video)
        elif playable:
            self.player.show_words(said("missing", str(clip.path), clip.station))
        else:
            self.player.show_words(words)

    def jump_to(self, index: QModelIndex) -> None:
        mark = index.data(ROW_ROLE)
        if isinstance(mark, MarkRow) and self.player.duration:
            self.player.seek(mark.offset_s)

    def _first_picture(self, at: float) -> None:
        if self.shown_at is None:
            self.shown_at = at


def video_file(clip: ClipRow, copy_folder: Path | None) -> Path | None:
    """Where ``clip``'s video can be read from this computer: where it was recorded,
    else its copy in the network folder; None when neither is there. (Asked off the
    GUI thread: a network folder may be slow to answer.)"""
    if clip.sha256 is None or clip.deleted_at is not None:
        return None
    if clip.path.exists():
        return clip.path
    if copy_folder is not None:
        copy = copy_path(clip.path, clip.path.parent.parent, copy_folder)
        if copy.exists():
            return copy
    return None


def _clip_words(clip: ClipRow, with_order: bool) -> str:
    when = display_time.minutes(clip.started_at)
    seconds = f"{clip.duration_s:.0f}"
    if with_order:
        packer = clip.packer or "—"
        return said(
            "clip_order", clip.order_number, clip.parcel, clip.station, packer, when, seconds
        )
    return said("clip", clip.parcel, clip.station, clip.packer or "—", when, seconds)


def _problem_words(clip: ClipRow) -> str:
    if clip.deleted_at is not None:
        return said("deleted", display_time.minutes(clip.deleted_at))
    if clip.status == NO_VIDEO:
        return said("no_video", clip.camera_problem or "")
    if clip.status == PARTIAL:
        return said("partial", clip.camera_problem or "")
    return ""


__all__ = ["EvidencePanel"]
