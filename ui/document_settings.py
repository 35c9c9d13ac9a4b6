"""The settings every document shares, kept in ``printing.json``: the sender (the
return address on every waybill), the shop name on packing slips, the paper for
slips and pick lists, the GS1 company prefix for SSCCs and the preview folder.

Values are checked as they are typed (``app.printing.config.problems``: no I/O) and
what is wrong is said under the field, never in a pop-up that would take the
scanner's keys. Reading, saving and drawing the sample waybill run on the section's
own queue. ``saved`` carries the new settings to whoever prints.
"""

from __future__ import annotations

import sys
from dataclasses import replace

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from app.printing import config as printing_config
from app.printing.config import PrintingConfig, Problem, Saved, Sender
from app.printing.preview import Preview, sample_waybill
from printers import gs1
from ui.preview_dialog import PreviewDialog
from ui.words import filled
from ui.workers import TaskQueue

BAD = "color: #b71c1c;"
WARN = "color: #8a5a00;"
GOOD = "color: #1b5e20;"
QUIET = "color: #555;"
ADDRESS_ROWS = 3


def problem_words(problem: Problem) -> str:
    """A problem with a setting in the window's language."""
    lengths = gs1.COMPANY_PREFIX_LENGTHS
    folder = r"C:\Packdesk\previews" if sys.platform == "win32" else "/srv/packdesk/previews"
    if problem.kind == "required":
        return QCoreApplication.translate(
            "DocumentSettings", "The waybill needs the sender's name."
        )
    if problem.kind == "no_address":
        return QCoreApplication.translate(
            "DocumentSettings", "No return address: the waybill will show only the sender's name."
        )
    if problem.kind == "prefix_digits":
        words = QCoreApplication.translate(
            "DocumentSettings", "A GS1 company prefix is %1 to %2 digits, such as 6901234."
        )
        return filled(words, lengths.start, lengths.stop - 1)
    if problem.kind == "unknown_paper":
        return QCoreApplication.translate("DocumentSettings", "Choose A4 or Letter.")
    if problem.kind == "relative_folder":
        words = QCoreApplication.translate("DocumentSettings", "Give a full path, such as %1.")
        return filled(words, folder)
    return problem.message


def spaced_sscc(sscc: str, prefix: str) -> str:
    """``(00) 0 6901234 000000001 5``: extension, prefix, parcel number, check digit."""
    cut = 1 + len(prefix)
    return f"(00) {sscc[0]} {sscc[1:cut]} {sscc[cut:17]} {sscc[17]}"


class DocumentSettings(QWidget):
    saved = Signal(object)  # PrintingConfig now in force: as written, or as read again

    def __init__(self, engine: Engine, station: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentSettings")
        self.engine = engine
        self.station = station
        self.queue = TaskQueue("document-settings")
        self.stored = PrintingConfig()  # what the file holds (defaults when unreadable)
        self.dialog: PreviewDialog | None = None
        self._started = False

        self.file_note = QLabel()
        self.file_note.setObjectName("fileNote")
        self.file_note.setWordWrap(True)
        self.file_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.name = self._line("senderName", self.tr("e.g. 华东仓 East China DC"))
        self.lines = QPlainTextEdit()
        self.lines.setObjectName("senderLines")
        self.lines.setTabChangesFocus(True)
        self.lines.setPlaceholderText(
            filled(
                self.tr("One address line a row, e.g.\n%1\n%2"),
                "浦东新区川沙路1588号3号库",
                "Building 3, 1588 Chuansha Rd",
            )
        )
        rows = self.lines.fontMetrics().lineSpacing() * ADDRESS_ROWS
        self.lines.setFixedHeight(rows + 2 * self.lines.frameWidth() + 12)
        self.city = self._line("senderCity", self.tr("e.g. 上海市 or Leeds"))
        self.region = self._line("senderRegion", self.tr("e.g. 上海 or West Yorkshire"))
        self.postal_code = self._line("senderPostalCode", filled(self.tr("e.g. %1"), "201200"))
        self.country = self._line("senderCountry", self.tr("e.g. CN, 中国 or GB"))
        self.phone = self._line("senderPhone", filled(self.tr("e.g. %1"), "021-5888 0000"))
        self.shop_name = self._line("shopName", self.tr("may stay empty"))
        self.paper = QComboBox()
        self.paper.setObjectName("paper")
        self.paper.addItem(self.tr("A4 (210 × 297 mm)"), "a4")
        self.paper.addItem(self.tr("Letter (8.5 × 11 in)"), "letter")
        self.prefix = self._line("gs1Prefix", filled(self.tr("e.g. %1"), "6901234"))
        self.prefix.setMaxLength(16)
        self.prefix_hint = self._note("prefixHint")
        self.preview_folder = self._line("previewFolder", "")
        self.problems: dict[str, QLabel] = {
            key: self._note(f"problem:{key}")
            for key in ("sender.name", "sender.lines", "gs1_company_prefix", "paper")
        }
        self.problems["preview_folder"] = self._note("problem:preview_folder")

        sender = QGroupBox(self.tr("Sender: the return address on every waybill"))
        sender.setObjectName("senderGroup")
        form = QFormLayout(sender)
        self._row(form, self.tr("Name *"), self.name, "sender.name")
        self._row(form, self.tr("Address"), self.lines, "sender.lines")
        self._row(form, self.tr("City"), self.city)
        self._row(form, self.tr("Province / region"), self.region)
        self._row(form, self.tr("Postal code"), self.postal_code)
        self._row(form, self.tr("Country"), self.country)
        self._row(form, self.tr("Phone"), self.phone)
        documents = QGroupBox(self.tr("Packing slips, SSCCs and previews"))
        documents.setObjectName("documentsGroup")
        form = QFormLayout(documents)
        self._row(form, self.tr("Shop name (on packing slips)"), self.shop_name)
        self._row(form, self.tr("Paper for slips and pick lists"), self.paper, "paper")
        prefix = QVBoxLayout()
        prefix.addWidget(self.prefix)
        prefix.addWidget(self.prefix_hint)
        prefix.addWidget(self.problems["gs1_company_prefix"])
        form.addRow(self.tr("GS1 company prefix"), prefix)
        self._row(form, self.tr("Preview folder"), self.preview_folder, "preview_folder")

        self.save_button = QPushButton(self.tr("✔ Save"))
        self.save_button.setObjectName("saveDocuments")
        self.save_button.clicked.connect(self.save)
        self.preview_button = QPushButton(self.tr("Preview a waybill"))
        self.preview_button.setObjectName("previewSample")
        self.preview_button.setToolTip(
            self.tr(
                "A made-up order with these settings, as this station's label printer prints it"
            )
        )
        self.preview_button.clicked.connect(self.preview)
        self.reload_button = QPushButton(self.tr("↺ Read the file again"))
        self.reload_button.setObjectName("reloadDocuments")
        self.reload_button.clicked.connect(self.load)
        self.message = self._note("documentsMessage")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QHBoxLayout()
        for button in (self.save_button, self.preview_button, self.reload_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        groups = QHBoxLayout()
        groups.addWidget(sender, 1)
        groups.addWidget(documents, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.file_note)
        layout.addLayout(groups)
        layout.addLayout(buttons)
        layout.addWidget(self.message)

        for edit in self.findChildren(QLineEdit):
            edit.textChanged.connect(self.check)
        self.lines.textChanged.connect(self.check)
        self.paper.currentIndexChanged.connect(self.check)
        self.show_config(PrintingConfig())

    # --- building ------------------------------------------------------------------------

    def _line(self, name: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        return edit

    def _note(self, name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setWordWrap(True)
        label.hide()
        return label

    def _row(self, form: QFormLayout, words: str, field: QWidget, key: str = "") -> None:
        if not key:
            form.addRow(words, field)
            return
        column = QVBoxLayout()
        column.addWidget(field)
        column.addWidget(self.problems[key])
        form.addRow(words, column)

    # --- values --------------------------------------------------------------------------

    def show_config(self, config: PrintingConfig) -> None:
        s = config.sender
        for edit, text in (
            (self.name, s.name),
            (self.city, s.city),
            (self.region, s.region),
            (self.postal_code, s.postal_code),
            (self.country, s.country),
            (self.phone, s.phone),
            (self.shop_name, config.shop_name),
            (self.prefix, config.gs1_company_prefix),
            (self.preview_folder, config.preview_folder),
        ):
            edit.setText(text)
        self.lines.setPlainText("\n".join(s.lines))
        index = self.paper.findData(config.paper)
        if index < 0:  # another size the file names: offered as it is
            self.paper.addItem(config.paper, config.paper)
            index = self.paper.count() - 1
        self.paper.setCurrentIndex(index)
        self.preview_folder.setPlaceholderText(str(replace(config, preview_folder="").previews()))
        self.check()

    def config(self) -> PrintingConfig:
        """The form's values, tidied as they would be saved."""
        return printing_config.tidy(
            PrintingConfig(
                sender=Sender(
                    name=self.name.text(),
                    lines=tuple(self.lines.toPlainText().splitlines()),
                    city=self.city.text(),
                    postal_code=self.postal_code.text(),
                    country=self.country.text(),
                    region=self.region.text(),
                    phone=self.phone.text(),
                ),
                gs1_company_prefix=self.prefix.text(),
                paper=str(self.paper.currentData() or ""),
                shop_name=self.shop_name.text(),
                preview_folder=self.preview_folder.text(),
            )
        )

    @property
    def changed(self) -> bool:
        return self.config() != printing_config.tidy(self.stored)

    def check(self) -> list[Problem]:
        """Say under each field what is wrong with it; returns the blocking problems."""
        config = self.config()
        found = printing_config.problems(config)
        for key, label in self.problems.items():
            mine = [p for p in found if p.field == key]
            label.setVisible(bool(mine))
            if mine:
                label.setText("⚠ " + " ".join(problem_words(p) for p in mine))
                label.setStyleSheet(BAD if any(p.blocking for p in mine) else WARN)
        sscc = printing_config.example_sscc(config)
        if sscc is not None:
            room = 10 ** (16 - len(config.gs1_company_prefix)) - 1
            self.prefix_hint.setText(
                filled(
                    self.tr("First SSCC: %1 · room for %2 parcels"),
                    spaced_sscc(sscc, config.gs1_company_prefix),
                    f"{room:,}",
                )
            )
        else:
            self.prefix_hint.setText(self.tr("Empty: waybills carry no SSCC."))
        self.prefix_hint.setStyleSheet(QUIET)
        self.prefix_hint.setVisible(not config.gs1_company_prefix or sscc is not None)
        if self.changed:
            self.say(self.tr("● Changed, not saved yet."), WARN)
        elif self.message.text() == self.tr("● Changed, not saved yet."):
            self.say("", QUIET)
        return [p for p in found if p.blocking]

    def say(self, words: str, style: str) -> None:
        self.message.setText(words)
        self.message.setStyleSheet(style)
        self.message.setVisible(bool(words))

    def _first_bad_field(self, problems: list[Problem]) -> None:
        fields: dict[str, QWidget] = {
            "sender.name": self.name,
            "sender.lines": self.lines,
            "gs1_company_prefix": self.prefix,
            "paper": self.paper,
            "preview_folder": self.preview_folder,
        }
        field = fields.get(problems[0].field)
        if field is not None:
            field.setFocus()

    # --- reading, saving, the sample -----------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._started:
            self._started = True
            self.load()

    def load(self) -> None:
        self.say(filled(self.tr("Reading %1…"), printing_config.config_path()), QUIET)
        self.queue.submit(printing_config.load, self._loaded, self._unreadable)

    def _loaded(self, config: PrintingConfig) -> None:
        self.stored = config
        self.file_note.setText(filled(self.tr("Kept in %1."), printing_config.config_path()))
        self.file_note.setStyleSheet(QUIET)
        self.file_note.show()
        self.say("", QUIET)
        self.show_config(config)
        self.saved.emit(config)  # a file edited by hand takes effect on reading it again

    def _unreadable(self, message: str, _bug: bool) -> None:
        self.stored = PrintingConfig()
        self.file_note.setText(
            "⚠ "
            + self.tr("The printing settings file cannot be read.")
            + "\n"
            + message
            + "\n"
            + self.tr(
                "The form shows the defaults. Correct the file and read it again, or fill "
                "in the form and save: the old file is then kept beside the new one."
            )
        )
        self.file_note.setStyleSheet(BAD)
        self.file_note.show()
        self.say("", QUIET)
        self.show_config(self.stored)

    def save(self) -> None:
        bad = self.check()
        if bad:
            self.say(self.tr("⚠ Not saved: correct the fields marked in red."), BAD)
            self._first_bad_field(bad)
            return
        config = self.config()
        self.say(self.tr("Saving…"), QUIET)
        self.save_button.setEnabled(False)
        self.queue.submit(lambda: printing_config.save(config), self._saved, self._not_saved)

    def _saved(self, saved: Saved) -> None:
        self.save_button.setEnabled(True)
        self.stored = saved.config
        self.file_note.setText(filled(self.tr("Kept in %1."), saved.path))
        self.file_note.setStyleSheet(QUIET)
        self.show_config(saved.config)
        words = self.tr("✔ Saved. Waybills and slips rendered from now on use these settings.")
        if saved.kept_aside is not None:
            words += " " + filled(self.tr("The old file is kept as %1."), saved.kept_aside)
        self.say(words, GOOD)
        self.saved.emit(saved.config)

    def _not_saved(self, message: str, _bug: bool) -> None:
        self.save_button.setEnabled(True)
        self.say("⚠ " + message, BAD + " font-weight: bold;")

    def preview(self) -> None:
        """The sample waybill with the form's values, saved or not."""
        bad = self.check()
        if bad:
            self.say(self.tr("⚠ Correct the fields marked in red first."), BAD)
            self._first_bad_field(bad)
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
        self.say("⚠ " + message, BAD)

    def shutdown(self) -> None:
        self.queue.close(wait=True)
