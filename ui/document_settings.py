"""The settings every document shares, kept in ``printing.json`` (the fields are in
``ui.document_form``): read, saved, and drawn as a sample waybill, each on the
section's own queue. ``saved`` carries the new settings to whoever prints.

Saving them is an admin's (``app.permissions``): until one is signed in at this window
(``ui.window_session``) Save is disabled and the sign-in strip says who may; the
service checks the role again and records who saved. Reading the file again and the
sample waybill stay open to anyone. Every word is said again when the language
changes, the last message included.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget
from sqlalchemy import Engine

from app.permissions import Action
from app.printing import config as printing_config
from app.printing.config import PrintingConfig, Problem, Saved
from app.printing.preview import Preview, sample_waybill
from ui.document_form import BAD, QUIET, WARN, DocumentForm, problem_words, spaced_sscc
from ui.permission_words import needed_line
from ui.preview_dialog import PreviewDialog
from ui.retranslate import Said, language_changed
from ui.sign_in_strip import SignInStrip
from ui.window_session import SignedIn, WindowSession
from ui.words import filled
from ui.workers import TaskQueue

__all__ = ["DocumentSettings", "problem_words", "spaced_sscc"]

GOOD = "color: #1b5e20;"
Words = Callable[[], str]


class DocumentSettings(QWidget):
    saved = Signal(object)  # PrintingConfig now in force: as written, or as read again

    def __init__(
        self,
        engine: Engine,
        station: str,
        parent: QWidget | None = None,
        *,
        session: WindowSession | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("documentSettings")
        self.engine = engine
        self.station = station
        self.session = session or WindowSession(parent=self)
        self.session.watch(self)
        self.queue = TaskQueue("document-settings")
        self.stored = PrintingConfig()  # what the file holds (defaults when unreadable)
        self.dialog: PreviewDialog | None = None
        self._started = False
        self.said = Said()
        self._note_words: Words = str
        self._words: Words = str

        self.strip = SignInStrip(engine, self.session, self._needed)
        self.file_note = QLabel()
        self.file_note.setObjectName("fileNote")
        self.file_note.setWordWrap(True)
        self.file_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.file_note.hide()
        self.form = DocumentForm()
        self.form.edited.connect(self.check)
        self.save_button = self._button("saveDocuments", lambda: self.tr("✔ Save"), self.save)
        self.preview_button = self._button(
            "previewSample", lambda: self.tr("Preview a waybill"), self.preview
        )
        self.said.set(
            self.preview_button.setToolTip,
            lambda: self.tr(
                "A made-up order with these settings, as this station's label printer prints it"
            ),
        )
        self.reload_button = self._button(
            "reloadDocuments", lambda: self.tr("↺ Read the file again"), self.load
        )
        self.message = QLabel()
        self.message.setObjectName("documentsMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        buttons = QHBoxLayout()
        for button in (self.save_button, self.preview_button, self.reload_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.strip)
        layout.addWidget(self.file_note)
        layout.addWidget(self.form)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.session.changed.connect(lambda _user: self._allow())
        self.show_config(PrintingConfig())
        self._allow()

    def _button(self, name: str, text: Words, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton()
        button.setObjectName(name)
        self.said.set(button.setText, text)
        button.clicked.connect(lambda _=False: slot())
        return button

    # --- who may ----------------------------------------------------------------------

    def _needed(self, user: SignedIn | None) -> str:
        return needed_line(user, Action.CHANGE_SETTINGS, self.tr("change the printing settings"))

    def _allow(self) -> None:
        self.save_button.setEnabled(self.session.may(Action.CHANGE_SETTINGS))

    def changeEvent(self, event: QEvent) -> None:
        if language_changed(event):
            self.said.again()
            self.file_note.setText(self._note_words())
            self.message.setText(self._words())
        super().changeEvent(event)

    # --- values -----------------------------------------------------------------------

    def show_config(self, config: PrintingConfig) -> None:
        self.form.show_config(config)
        self.check()

    def config(self) -> PrintingConfig:
        """The form's values, tidied as they would be saved."""
        return self.form.config()

    @property
    def changed(self) -> bool:
        return self.config() != printing_config.tidy(self.stored)

    def check(self) -> list[Problem]:
        """Say under each field what is wrong with it, and whether the form is saved;
        returns the blocking problems."""
        bad = self.form.check()
        not_saved = self.tr("● Changed, not saved yet.")
        if self.changed:
            self.say(lambda: self.tr("● Changed, not saved yet."), WARN)
        elif self.message.text() == not_saved:
            self.say(str, QUIET)
        return bad

    def say(self, words: Words, style: str) -> None:
        """``words`` under the buttons, said again if the language changes."""
        self._words = words
        self.message.setText(words())
        self.message.setStyleSheet(style)
        self.message.setVisible(bool(self.message.text()))

    def _note(self, words: Words, style: str) -> None:
        self._note_words = words
        self.file_note.setText(words())
        self.file_note.setStyleSheet(style)
        self.file_note.show()

    # --- reading, saving, the sample -----------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._started:
            self._started = True
            self.load()

    def load(self) -> None:
        path = printing_config.config_path()
        self.say(lambda: filled(self.tr("Reading %1…"), path), QUIET)
        self.queue.submit(printing_config.load, self._loaded, self._unreadable)

    def _loaded(self, config: PrintingConfig) -> None:
        self.stored = config
        path = printing_config.config_path()
        self._note(lambda: filled(self.tr("Kept in %1."), path), QUIET)
        self.say(str, QUIET)
        self.show_config(config)
        self.saved.emit(config)  # a file edited by hand takes effect on reading it again

    def _unreadable(self, message: str, _bug: bool) -> None:
        self.stored = PrintingConfig()
        self._note(
            lambda: (
                "⚠ "
                + self.tr("The printing settings file cannot be read.")
                + "\n"
                + message
                + "\n"
                + self.tr(
                    "The form shows the defaults. Correct the file and read it again, or fill "
                    "in the form and save: the old file is then kept beside the new one."
                )
            ),
            BAD,
        )
        self.say(str, QUIET)
        self.show_config(self.stored)

    def save(self) -> None:
        bad = self.check()
        if bad:
            self.say(lambda: self.tr("⚠ Not saved: correct the fields marked in red."), BAD)
            self.form.focus_first_bad_field(bad)
            return
        engine, config, user_id = self.engine, self.config(), self.session.user_id
        self.session.touch()
        self.say(lambda: self.tr("Saving…"), QUIET)
        self.save_button.setEnabled(False)
        self.queue.submit(
            lambda: printing_config.change(engine, config, user_id=user_id),
            self._saved,
            self._not_saved,
        )

    def _saved(self, saved: Saved) -> None:
        self._allow()
        self.stored = saved.config
        self._note(lambda: filled(self.tr("Kept in %1."), saved.path), QUIET)
        self.show_config(saved.config)

        def words() -> str:
            said = self.tr("✔ Saved. Waybills and slips rendered from now on use these settings.")
            if saved.kept_aside is not None:
                said += " " + filled(self.tr("The old file is kept as %1."), saved.kept_aside)
            return said

        self.say(words, GOOD)
        self.saved.emit(saved.config)

    def _not_saved(self, message: str, _bug: bool) -> None:
        self._allow()
        self.say(lambda: "⚠ " + message, BAD + " font-weight: bold;")

    def preview(self) -> None:
        """The sample waybill with the form's values, saved or not."""
        bad = self.check()
        if bad:
            self.say(lambda: self.tr("⚠ Correct the fields marked in red first."), BAD)
            self.form.focus_first_bad_field(bad)
            return
        engine, station, config = self.engine, self.station, self.config()
        self.queue.submit(
            lambda: sample_waybill(engine, station, config), self._show_preview, self._not_drawn
        )

    def _show_preview(self, preview: Preview) -> None:
        if self.dialog is not None:
            self.dialog.close()
        sample = replace(preview, title=self.tr("sample waybill"))
        self.dialog = PreviewDialog(sample, self.window())
        self.dialog.destroyed.connect(self._closed)
        self.dialog.show()

    def _closed(self) -> None:
        self.dialog = None

    def _not_drawn(self, message: str, _bug: bool) -> None:
        self.say(lambda: "⚠ " + message, BAD)

    def shutdown(self) -> None:
        self.strip.shutdown()
        self.queue.close(wait=True)
