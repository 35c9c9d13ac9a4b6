"""Command barcodes: what each one is called and how a scan is read as one.

A command barcode holds ``CMD:`` and a name (``CMD:UNDO``); the command sheet prints
them all (``SHEET_NAMES``). What each command does is in ``app.packing.commands``.
"""

from __future__ import annotations

import enum

COMMAND_PREFIX = "CMD:"


class Command(enum.StrEnum):
    COMPLETE = "COMPLETE"
    UNDO = "UNDO"
    SHORT = "SHORT"
    NOT_FOUND = "NOT-FOUND"  # SHORT, saying why: not where it should be
    DAMAGED = "DAMAGED"  # SHORT, saying why: damaged, not fit to ship
    HOLD = "HOLD"
    REPRINT = "REPRINT"
    NEXT_PARCEL = "NEXT-PARCEL"
    LOGOUT = "LOGOUT"

    @property
    def barcode(self) -> str:
        """What the command sheet prints for this command."""
        return COMMAND_PREFIX + self.value


# the names the printed command sheet gives them, in Chinese and English: the pack
# page's own names for its buttons (ui/words; a test keeps the two the same)
SHEET_NAMES: dict[Command, tuple[str, str]] = {
    Command.COMPLETE: ("完成", "Complete"),
    Command.UNDO: ("撤销上一步", "Undo last"),
    Command.SHORT: ("缺货", "Short"),
    Command.NOT_FOUND: ("缺货（找不到）", "Short (not found)"),
    Command.DAMAGED: ("缺货（破损）", "Short (damaged)"),
    Command.HOLD: ("挂起", "Hold"),
    Command.REPRINT: ("重新打印", "Reprint"),
    Command.NEXT_PARCEL: ("下一个包裹", "Next parcel"),
    Command.LOGOUT: ("退出登录", "Sign out"),
}


# why a line was marked short, as its ``short_reason`` keeps it: by the SHORT command
# scanned (the screens show these words in their language)
SHORT_REASONS: dict[Command, str] = {
    Command.SHORT: "marked short at the counter",
    Command.NOT_FOUND: "not found",
    Command.DAMAGED: "damaged",
}


def parse(text: str) -> Command | None:
    if not text.upper().startswith(COMMAND_PREFIX):
        return None
    try:
        return Command(text[len(COMMAND_PREFIX) :].strip().upper())
    except ValueError:
        return None
