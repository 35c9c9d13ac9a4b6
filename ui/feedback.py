"""Sounds for verdicts: one bundled WAV per kind of verdict (resources/sounds/).

Sound is loaded lazily and played with QSoundEffect; a machine without an audio
device stays silent rather than failing. ``last_played`` records what was asked for,
so the screen (and the tests) know which sound a verdict chose.
"""

from __future__ import annotations

import logging

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
