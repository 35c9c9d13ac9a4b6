"""Sounds for verdicts: one bundled WAV per kind of verdict (resources/sounds/), and
optional spoken prompts.

Sound is loaded lazily and played with QSoundEffect; a machine without an audio
device stays silent rather than failing. ``last_played`` records what was asked for,
so the screen (and the tests) know which sound a verdict chose.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QUrl

from ui.resources import resource

log = logging.getLogger(__name__)


class SoundPlayer(QObject):
    def __init__(self, *, enabled: bool = True, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.enabled = enabled
        self.last_played: str | None = None
        self._effects: dict[str, object] = {}

    def play(self, name: str) -> None:
        self.last_played = name
        if not self.enabled:
            return
        effect = self._effects.get(name)
        if effect is None:
            effect = self._load(name)
            if effect is None:
                return
        effect.play()  # type: ignore[attr-defined]

    def _load(self, name: str) -> object | None:
        path = resource("sounds", f"{name}.wav")
        if not path.exists():
            log.error("sound %s is missing", path)
            return None
        try:
            from PySide6.QtMultimedia import QSoundEffect
        except ImportError:  # a Qt build without multimedia: stay silent
            self.enabled = False
            return None
        effect = QSoundEffect(self)
        effect.setSource(QUrl.fromLocalFile(str(path)))
        effect.setVolume(0.9)
        self._effects[name] = effect
        return effect


class Speaker(QObject):
    """Optional spoken prompts (off by default): the verdict's words, in the UI's
    language, through QtTextToSpeech. A machine without a speech engine (on Linux:
    speech-dispatcher) stays silent and says why once in ``problem``."""

    def __init__(
        self, *, enabled: bool = False, engine: str | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.enabled = enabled
        self.engine_name = engine
        self.last_spoken: str | None = None
        self.problem: str | None = None
        self._tts: Any = None

    def say(self, text: str) -> None:
        if not self.enabled or not text:
            return
        tts = self._tts or self._start()
        if tts is None:
            return
        self.last_spoken = text
        tts.say(text)

    def _start(self) -> Any:
        try:
            from PySide6.QtCore import QLocale
            from PySide6.QtTextToSpeech import QTextToSpeech
        except ImportError:
            return self._give_up("this Qt build has no text-to-speech")
        tts = QTextToSpeech(self.engine_name, self) if self.engine_name else QTextToSpeech(self)
        if tts.state() == QTextToSpeech.State.Error:
            return self._give_up(f"no speech engine ({tts.errorString()})")
        tts.setLocale(QLocale())  # the UI's language
        self._tts = tts
        return tts

    def _give_up(self, why: str) -> None:
        self.enabled = False
        self.problem = why
        log.warning("spoken prompts are off: %s", why)
        return None
