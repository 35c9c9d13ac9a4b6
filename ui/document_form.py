"""The fields of the printing settings: the sender (the return address on every
waybill), the shop name on packing slips, the paper for slips and pick lists, the GS1
company prefix for SSCCs and the preview folder.

Values are checked as they are typed (``app.printing.config.problems``: no I/O) and
what is wrong is said under the field, never in a pop-up that would take the
scanner's keys. Every word is said again when the language changes."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.printing import config as printing_config
from app.printing.config import PrintingConfig, Problem, Sender
from printers import gs1
from ui.retranslate import Said, language_changed
from ui.words import filled

BAD = "color: #b71c1c;"
WARN = "color: #8a5a00;"
QUIET = "color: #555;"
ADDRESS_ROWS = 3

Words = Callable[[], str]


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


class DocumentForm(QWidget):
    edited = Signal()  # a field changed (the page says whether it is saved)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.said = Said()
        self._fields()
        self.problems: dict[str, QLabel] = {
            key: self._note(f"problem:{key}")
            for key in (
                "sender.name",
                "sender.lines",
                "gs1_company_prefix",
                "paper",
                "preview_folder",
            )
        }
        groups = QHBoxLayout(self)
        groups.setContentsMargins(0, 0, 0, 0)
        groups.addWidget(self._sender_group(), 1)
        groups.addWidget(self._documents_group(), 1)
        for edit in self.findChildren(QLineEdit):
            edit.textChanged.connect(self.edited)
        self.lines.textChanged.connect(self.edited)
        self.paper.currentIndexChanged.connect(lambda _i: self.edited.emit())

    # --- building ------------------------------------------------------------------------

    def _fields(self) -> None:
        def e_g(example: str) -> Words:
            return lambda: filled(self.tr("e.g. %1"), example)

        self.name = self._line("senderName", lambda: self.tr("e.g. 华东仓 East China DC"))
        self.lines = QPlainTextEdit()
        self.lines.setObjectName("senderLines")
        self.lines.setTabChangesFocus(True)
        self.said.set(
            self.lines.setPlaceholderText,
            lambda: filled(
                self.tr("One address line a row, e.g.\n%1\n%2"),
                "浦东新区川沙路1588号3号库",
                "Building 3, 1588 Chuansha Rd",
            ),
        )
        rows = self.lines.fontMetrics().lineSpacing() * ADDRESS_ROWS
        self.lines.setFixedHeight(rows + 2 * self.lines.frameWidth() + 12)
        self.city = self._line("senderCity", lambda: self.tr("e.g. 上海市 or Leeds"))
        self.region = self._line("senderRegion", lambda: self.tr("e.g. 上海 or West Yorkshire"))
        self.postal_code = self._line("senderPostalCode", e_g("201200"))
        self.country = self._line("senderCountry", lambda: self.tr("e.g. CN, 中国 or GB"))
        self.phone = self._line("senderPhone", e_g("021-5888 0000"))
        self.shop_name = self._line("shopName", lambda: self.tr("may stay empty"))
        self.paper = QComboBox()
        self.paper.setObjectName("paper")
        self.paper.addItem("", "a4")
        self.paper.addItem("", "letter")
        self.said.set(lambda t: self.paper.setItemText(0, t), lambda: self.tr("A4 (210 × 297 mm)"))
        self.said.set(
            lambda t: self.paper.setItemText(1, t), lambda: self.tr("Letter (8.5 × 11 in)")
        )
        self.prefix = self._line("gs1Prefix", e_g("6901234"))
        self.prefix.setMaxLength(16)
        self.prefix_hint = self._note("prefixHint")
        self.preview_folder = self._line("previewFolder", None)  # (the default folder)

    def _sender_group(self) -> QGroupBox:
        sender = QGroupBox()
        self.said.set(
            sender.setTitle, lambda: self.tr("Sender: the return address on every waybill")
        )
        sender.setObjectName("senderGroup")
        form = QFormLayout(sender)
        self._row(form, lambda: self.tr("Name *"), self.name, "sender.name")
        self._row(form, lambda: self.tr("Address"), self.lines, "sender.lines")
        self._row(form, lambda: self.tr("City"), self.city)
        self._row(form, lambda: self.tr("Province / region"), self.region)
        self._row(form, lambda: self.tr("Postal code"), self.postal_code)
        self._row(form, lambda: self.tr("Country"), self.country)
        self._row(form, lambda: self.tr("Phone"), self.phone)
        return sender

    def _documents_group(self) -> QGroupBox:
        documents = QGroupBox()
        self.said.set(documents.setTitle, lambda: self.tr("Packing slips, SSCCs and previews"))
        documents.setObjectName("documentsGroup")
        form = QFormLayout(documents)
        self._row(form, lambda: self.tr("Shop name (on packing slips)"), self.shop_name)
        self._row(form, lambda: self.tr("Paper for slips and pick lists"), self.paper, "paper")
        prefix = QVBoxLayout()
        prefix.addWidget(self.prefix)
        prefix.addWidget(self.prefix_hint)
        prefix.addWidget(self.problems["gs1_company_prefix"])
        form.addRow(self._label(lambda: self.tr("GS1 company prefix")), prefix)
        self._row(form, lambda: self.tr("Preview folder"), self.preview_folder, "preview_folder")
        return documents

    def _line(self, name: str, placeholder: Words | None) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        if placeholder is not None:
            self.said.set(edit.setPlaceholderText, placeholder)
        return edit

    def _note(self, name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setWordWrap(True)
        label.hide()
        return label

    def _label(self, words: Words) -> QLabel:
        label = QLabel()
        self.said.set(label.setText, words)
        return label

    def _row(self, form: QFormLayout, words: Words, field: QWidget, key: str = "") -> None:
        if not key:
            form.addRow(self._label(words), field)
            return
        column = QVBoxLayout()
        column.addWidget(field)
        column.addWidget(self.problems[key])
        form.addRow(self._label(words), column)

    def changeEvent(self, event: QEvent) -> None:
        if language_changed(event):
            self.said.again()
            self.check()  # the problems and the prefix's hint in the new words
        super().changeEvent(event)

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
        return [p for p in found if p.blocking]

    def focus_first_bad_field(self, problems: list[Problem]) -> None:
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
