"""The task queue answers every task, on the GUI thread: with its result, or with
words for people when it is refused, even when those words cannot be made."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from app.errors import PackdeskError
from ui.refusal_words import refusal_words
from ui.workers import TaskQueue


def test_a_refusal_that_cannot_be_said_is_said_in_the_cores_words_and_the_task_answers(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug in the words (an action without its entry, say) still answers the task."""
    from ui import refusal_words as module

    def broken(_exc: PackdeskError) -> str:
        raise KeyError("no words")

    monkeypatch.setattr(module, "_said", broken)
    assert refusal_words(PackdeskError("The core's words.")) == "The core's words."
    queue = TaskQueue("test-refusal")
    errors: list[str] = []

    def refused() -> None:
        raise PackdeskError("The core's words.")

    try:
        queue.submit(refused, on_error=lambda message, _bug: errors.append(message))
        qtbot.waitUntil(lambda: errors == ["The core's words."], timeout=5_000)
        assert queue.pending == 0
    finally:
        queue.close()
