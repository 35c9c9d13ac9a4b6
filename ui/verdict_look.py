"""How a verdict looks and sounds: colour, icon, sound and the packer's words.

Never colour alone: every verdict has an icon, a sound and words too. The words are
the UI's own, translated, built from the verdict's outcome and counts; the engine's
English message is kept as the detail line (it names orders and SKUs).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from app.packing import Outcome, Verdict


@dataclass(frozen=True)
class Look:
    tone: str  # ok, done, error, warn, info: the banner's style and colour
    icon: str  # a glyph that reads without colour
    sound: str  # a file in resources/sounds/, without .wav
    headline: str  # big words for the banner


_TONES = {
    "ok": ("#1b5e20", "#ffffff"),
    "done": ("#0d47a1", "#ffffff"),
    "error": ("#b71c1c", "#ffffff"),
    "warn": ("#e65100", "#ffffff"),
    "info": ("#37474f", "#ffffff"),
}


def colours(tone: str) -> tuple[str, str]:
    """(background, text) for a tone."""
    return _TONES[tone]


def look(v: Verdict) -> Look:
    o = v.outcome
    if o is Outcome.ACCEPTED:
        count = f"{v.packed}/{v.ordered}"
        words = (
            QCoreApplication.translate("Verdict", "OK  %1  %2")
            .replace("%1", v.sku or "")
            .replace("%2", count)
        )
        if v.units > 1:
            words += QCoreApplication.translate("Verdict", "  (+%1 case)").replace(
                "%1", str(v.units)
            )
        return Look("warn" if v.warning else "ok", "✔", "accepted", words)
    if o is Outcome.ORDER_COMPLETE:
        return Look(
            "done",
            "★",
            "complete",
            QCoreApplication.translate("Verdict", "Order %1 complete").replace("%1", v.order or ""),
        )
    if o is Outcome.ORDER_OPENED:
        words = QCoreApplication.translate("Verdict", "Order %1: %2 to pack").replace(
            "%1", v.order or ""
        )
        return Look("info", "▶", "info", words.replace("%2", str(v.remaining or 0)))
    if o is Outcome.WRONG_ITEM:
        words = QCoreApplication.translate("Verdict", "WRONG ITEM  %1").replace("%1", v.sku or "")
        return Look("error", "✖", "wrong_item", words)
    if o is Outcome.OVER_SCAN:
        words = QCoreApplication.translate("Verdict", "TOO MANY  %1  already %2/%3").replace(
            "%1", v.sku or ""
        )
        words = words.replace("%2", str(v.packed)).replace("%3", str(v.ordered))
        return Look("error", "⊘", "over_scan", words)
    if o is Outcome.UNKNOWN_CODE:
        return Look("error", "?", "unknown", QCoreApplication.translate("Verdict", "UNKNOWN CODE"))
    if o is Outcome.INVALID_INPUT:
        return Look(
            "error",
            "?",
            "unknown",
            QCoreApplication.translate("Verdict", "NOT A BARCODE: scan again"),
        )
    if o in (Outcome.SERIAL_REQUIRED, Outcome.LOT_REQUIRED):
        what = (
            QCoreApplication.translate("Verdict", "serial number")
            if o is Outcome.SERIAL_REQUIRED
            else QCoreApplication.translate("Verdict", "lot number")
        )
        words = (
            QCoreApplication.translate("Verdict", "Now scan the %1 of %2")
            .replace("%1", what)
            .replace("%2", v.sku or "")
        )
        return Look("warn", "➜", "info", words)
    if o is Outcome.DUPLICATE_SERIAL:
        return Look(
            "error",
            "☒",
            "wrong_item",
            QCoreApplication.translate("Verdict", "SERIAL ALREADY PACKED"),
        )
    if o is Outcome.EXPIRED_LOT:
        return Look(
            "error",
            "⚠",
            "wrong_item",
            QCoreApplication.translate("Verdict", "EXPIRED LOT: do not pack"),
        )
    if o is Outcome.NOT_PACKABLE:
        return Look(
            "error", "⊗", "wrong_item", QCoreApplication.translate("Verdict", "DO NOT PACK")
        )
    if o is Outcome.ORDER_CLAIMED_ELSEWHERE:
        return Look(
            "error",
            "⇄",
            "wrong_item",
            QCoreApplication.translate("Verdict", "Order is open at another station"),
        )
    if o is Outcome.NO_OPEN_ORDER:
        return Look(
            "warn", "▶", "unknown", QCoreApplication.translate("Verdict", "Scan an order first")
        )
    if o is Outcome.NOT_SIGNED_IN:
        return Look(
            "warn",
            "☝",
            "unknown",
            QCoreApplication.translate("Verdict", "Scan your badge to sign in"),
        )
    if o is Outcome.LOGIN:
        return Look("info", "✔", "info", QCoreApplication.translate("Verdict", "Signed in"))
    return Look(
        "info",
        "⚙",
        "info",
        QCoreApplication.translate("Verdict", "Command: %1").replace("%1", v.command or ""),
    )
