"""The screen's language, changed while the application runs: one set of translators
at a time (Packdesk's own and Qt's), replaced on a change; Qt then tells every widget
(``QEvent.Type.LanguageChange``) and each page says its words again."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ui.resources import resource

log = logging.getLogger(__name__)

#: the choices in Settings: the system's language, or one of the two Packdesk speaks
CHOICES = ("auto", "zh_CN", "en")


def install_translations(app: QCoreApplication, language: str) -> list[QTranslator]:
    """English is built in; Simplified Chinese when the settings or the system ask.
    Returns the translators installed (to remove them again)."""
    locale = QLocale.system() if language == "auto" else QLocale(language)
    if locale.language() != QLocale.Language.Chinese:
        return []
    installed = []
    ours = QTranslator(app)
    if ours.load(str(resource("translations", "packdesk_zh_CN.qm"))):
        app.installTranslator(ours)
        installed.append(ours)
    else:
        log.error("the Chinese translation is missing from %s", resource("translations"))
    qt = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(locale, "qtbase", "_", qt_dir):
        app.installTranslator(qt)
        installed.append(qt)
    return installed


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
