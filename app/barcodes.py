"""What a scanned or imported code means: normalise first, then interpret.

Every code goes through here, from a scanner, the manual entry box, the CLI or an
imported catalogue, so that one item matches however its barcode was written:
GTIN-8, UPC-A (GTIN-12), EAN-13 and GTIN-14 of the same item are one GTIN-14 here.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

GS = "\x1d"  # ASCII group separator, FNC1 inside a GS1 element string
MAX_SCAN_LENGTH = 256
_AIM_PREFIX = re.compile(r"^\][A-Za-z][0-9A-Za-z]")
_TERMINATORS = "\r\n\t"
_DIGITS = re.compile(r"^\d{8}$|^\d{12,14}$")


class InvalidInput(ValueError):
    """A scan that cannot be a code at all (control characters, too long, empty)."""


def preload() -> None:
    """Load the GS1 tables (biip: about 0.1 s of imports) now rather than in the first
    scan that needs them. They are imported where they are used so that a window
    starting up does not wait for them; the counter's scan queue calls this a few
    seconds after the window shows."""
    import biip.gs1_messages  # noqa: F401


@lru_cache(maxsize=4096)  # a counter scans the same few hundred codes all day
def to_gtin14(code: str) -> str | None:
    """The GTIN-14 form of a GTIN-8/12/13/14 with a valid check digit, else None.

    ``012345678905``, ``0012345678905`` and ``00012345678905`` all give
    ``00012345678905``.
    """
    code = code.strip()
    if not _DIGITS.match(code):
        return None
    import biip  # here, not at the top: see preload
    from biip.gtin import Gtin, GtinFormat

    try:
        gtin = Gtin.parse(code)
    except biip.ParseError:
        return None
    if gtin.format is GtinFormat.GTIN_8 and len(code) != 8:
        return None  # a zero-padded GTIN-8 reads as a different item in retail
    return gtin.as_gtin_14()


def check_digit(payload: str) -> int:
    """GS1 mod-10 check digit of a digit string (GTIN, SSCC, GLN)."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(payload)))
    return (10 - total % 10) % 10


@dataclass(frozen=True)
class Gs1Data:
    gtin14: str | None
    lot: str | None = None
    serial: str | None = None
    expiry: date | None = None
    # a code from a scanner whose separators do not arrive, with a lot that ends in
    # 17YYMMDD (perhaps then 21 and a serial), a real date: perhaps the expiry the lot
    # swallowed when the keyboard lost the separator, perhaps just a date-coded lot
    # (the engine asks for the label to be checked when the date has passed)
    date_in_lot: date | None = None


@dataclass(frozen=True)
class NormalisedScan:
    """A scan with its transport noise removed. ``text`` is what to look up."""

    raw: str
    text: str
    symbology: str | None  # the AIM identifier, e.g. "]C1", when the scanner sent one
    gs1: Gs1Data | None  # set when the scan was a GS1 element string


def normalise(raw: str, *, gs_stand_in: str | None = None) -> NormalisedScan:
    """Strip terminators and the AIM identifier; parse GS1 element strings.

    ``gs_stand_in`` is a character the keyboard layout delivers instead of the GS
    separator (scanners are often configured to send one, e.g. ``~``). Raises
    ``InvalidInput`` for empty input, control characters or more than
    ``MAX_SCAN_LENGTH`` characters.
    """
    if len(raw) > MAX_SCAN_LENGTH:
        raise InvalidInput(f"scan longer than {MAX_SCAN_LENGTH} characters")
    text = raw.rstrip(_TERMINATORS).lstrip(_TERMINATORS)
    # a separator arrives (as itself or its stand-in): none is being lost
    separators_arrive = bool(gs_stand_in) or GS in text
    if gs_stand_in:
        text = text.replace(gs_stand_in, GS)
    symbology = None
    match = _AIM_PREFIX.match(text)
    if match:
        symbology, text = match.group(0), text[match.end() :]
    # (printable ASCII, most scans, needs no look at each character)
    if not (text.isascii() and text.isprintable()) and any(_unprintable(c) for c in text):
        raise InvalidInput("scan contains control characters")
    text = text.strip(" " + GS) if symbology else text.strip()
    if not text:
        raise InvalidInput("empty scan")
    gs1 = _parse_gs1(text, symbology, separators_arrive=separators_arrive)
    return NormalisedScan(
        raw=raw, text=text.replace(GS, "") if gs1 is None else text, symbology=symbology, gs1=gs1
    )


def _unprintable(c: str) -> bool:
    """A character no barcode holds: a control (C0 but GS, DEL, C1), an invisible
    format character (a byte-order mark, a zero-width space), half of a surrogate pair,
    or the stand-in for bytes that were not text (undecodable input)."""
    return c != GS and (unicodedata.category(c) in ("Cc", "Cf", "Cs") or c == "\ufffd")


_GS1_SYMBOLOGIES = {"]C1", "]d2", "]Q3", "]e0", "]J1"}


def _parse_gs1(text: str, symbology: str | None, *, separators_arrive: bool) -> Gs1Data | None:
    """Element strings: with a GS1 symbology identifier, or bare ones that hold a GS
    or start with AI (01) followed by more than the GTIN itself."""
    looks_gs1 = (
        symbology in _GS1_SYMBOLOGIES
        or GS in text
        or (text.startswith("01") and len(text) > 16 and text[2:16].isdigit())
    )
    if not looks_gs1:
        return None
    import biip  # here, not at the top: see preload
    from biip import ParseConfig

    try:
        message = biip.gs1_messages.GS1Message.parse(text, config=ParseConfig(separator_chars=[GS]))
    except biip.ParseError:
        return None
    found = message.element_strings
    gtin = found.get(ai="01") or found.get(ai="02")
    lot = found.get(ai="10")
    serial = found.get(ai="21")
    expiry = found.get(ai="17")
    return Gs1Data(
        gtin14=gtin.gtin.as_gtin_14() if gtin and gtin.gtin else None,
        lot=lot.value if lot else None,
        serial=serial.value if serial else None,
        expiry=expiry.date if expiry else None,
        date_in_lot=_date_in_lot(lot.value) if lot and not (expiry or separators_arrive) else None,
    )


# 17YYMMDD after at least one character of the lot's own, at its end or before 21 and
# a serial; a lookahead, so every place it could start is tried
_DATE_IN_LOT = re.compile(r"(?=.17(\d{6})(?:$|21.))")


def _date_in_lot(lot: str) -> date | None:
    """The earliest real date a lot may have swallowed as its expiry (see
    ``_DATE_IN_LOT``); the earliest, so a past one is never hidden by another."""
    import biip

    dates = []
    for match in _DATE_IN_LOT.finditer(lot):
        try:
            found = biip.gs1_messages.GS1Message.parse("17" + match.group(1)).element_strings
        except biip.ParseError:
            continue  # no such day
        expiry = found.get(ai="17")
        if expiry is not None and expiry.date is not None:
            dates.append(expiry.date)
    return min(dates, default=None)
