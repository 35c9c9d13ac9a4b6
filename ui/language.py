"""The screen's language, changed while the application runs: one set of translators
at a time (Packdesk's own and Qt's), replaced on a change; Qt then tells every widget
(``QEvent.Type.LanguageChange``) and each page says its words again."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator

from ui.app import install_translations

#: the choices in Settings: the system's language, or one of the two Packdesk speaks
CHOICES = ("auto", "zh_CN", "en")


class Languages:
    def __init__(self, installed: list[QTranslator] | None = None, language: str = "auto") -> None:
        self._installed = list(installed or [])
        self.language = language

    def use(self, language: str) -> None:
        """Speak ``language`` from now on ("auto": the system's)."""
        app = QCoreApplication.instance()
        if app is None or language == self.language:
            return
        for translator in self._installed:
            app.removeTranslator(translator)
        self._installed = install_translations(app, language)
        self.language = language
