"""What a shipping scale says on its serial line, read as plain values.

Three line formats, chosen per station:

- ``mt-sics``: Mettler Toledo's Standard Interface Command Set. Packdesk asks for
  continuous values (``SIR``) and reads answers such as ``S S      1.234 kg``
  (stable), ``S D      1.230 kg`` (in motion), ``S I`` (the scale cannot answer now),
  ``S +`` / ``S -`` (over or under its range), and the errors ``ES`` (syntax), ``ET``
  (transmission) and ``EL`` (logical).
- ``cas``: CAS indicators' continuous frames, ``ST,GS,+  1.234kg`` (stable, gross),
  ``US,NT,...`` (in motion, net), ``OL,...`` (overload); a frame may carry a device
  number and a lamp byte before the weight.
- ``generic``: "stable/unstable weight unit", such as ``ST 1234 g``, ``US 1.2 kg`` or
  ``stable 2.5 lb``.

Each line becomes a ``Reading`` (grams, stable or not, the division its digits show),
a ``ScaleFault`` (what the scale reports, in words), or None for a line that is no
reading (an acknowledgement, noise).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

PROTOCOLS = ("mt-sics", "cas", "generic")
# grams per unit of each unit a scale may send
_GRAMS = {
    "g": Decimal(1),
    "kg": Decimal(1000),
    "lb": Decimal("453.59237"),
    "oz": Decimal("28.349523125"),
}
# what MT-SICS sends to start continuous immediate values, and what it answers to it
GREETING = {"mt-sics": b"SIR\r\n"}


@dataclass(frozen=True)
class Reading:
    """One weight the scale sent: in grams, whether the scale calls it stable, and the
    smallest step its digits show (in grams: "1.234 kg" steps by 1 g)."""

    grams: Decimal
    stable: bool
    division: Decimal


@dataclass(frozen=True)
class ScaleFault:
    """What the scale said instead of a weight, in words for the packer."""

    words: str


Said = Reading | ScaleFault | None

_NUMBER_AND_UNIT = re.compile(r"([+-]?)\s*(\d+(?:\.\d*)?|\.\d+)\s*(kg|g|lb|oz)\b", re.IGNORECASE)
_MT_SICS_FAULTS = {
    "S I": "the scale cannot weigh now (busy or not ready)",
    "S +": "overload: the weight is above the scale's range",
    "S -": "underload: the weight is below the scale's range; zero the scale",
    "ES": "the scale did not understand a command (syntax error)",
    "ET": "the scale received a garbled command (transmission error)",
    "EL": "the scale cannot carry out the command now (logical error)",
}


def parse(protocol: str, line: str) -> Said:
    """The reading, fault or nothing in one ``line`` of a scale speaking ``protocol``."""
    if protocol == "mt-sics":
        return parse_mt_sics(line)
    if protocol == "cas":
        return parse_cas(line)
    if protocol == "generic":
        return parse_generic(line)
    raise ValueError(f"unknown scale protocol {protocol!r}; one of {', '.join(PROTOCOLS)}")


def parse_mt_sics(line: str) -> Said:
    text = line.strip()
    fault = _MT_SICS_FAULTS.get(" ".join(text.split()))
    if fault is not None:
        return ScaleFault(fault)
    parts = text.split(None, 2)
    # "S S 1.234 kg", "S D ...", and the same from SI/SIR ("SI" is answered as "S")
    if len(parts) == 3 and parts[0] in ("S", "SI", "SIR") and parts[1] in ("S", "D"):
        return _reading(parts[2], stable=parts[1] == "S")
    return None


def parse_cas(line: str) -> Said:
    fields = [f.strip() for f in line.strip().split(",")]
    if len(fields) < 3:
        return None
    status = fields[0].upper()
    if status == "OL":
        return ScaleFault("overload: the weight is above the scale's range")
    if status not in ("ST", "US") or fields[1].upper() not in ("GS", "NT", "TR", "TW"):
        return None
    # the weight is the last field; a device number and a lamp byte may come before it
    return _reading(fields[-1], stable=status == "ST")


_GENERIC = re.compile(r"\s*(st|s|stable|us|u|unstable)[\s,:;]+(.*)", re.IGNORECASE)


def parse_generic(line: str) -> Said:
    found = _GENERIC.fullmatch(line)
    if found is None:
        return None
    return _reading(found.group(2), stable=found.group(1).lower() in ("st", "s", "stable"))


def _reading(text: str, *, stable: bool) -> Reading | None:
    found = _NUMBER_AND_UNIT.fullmatch(text.strip())
    if found is None:
        return None
    sign, digits, unit = found.groups()
    try:
        value = Decimal(digits)
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        return None
    grams_per_unit = _GRAMS[unit.lower()]
    decimals = len(digits.partition(".")[2])
    division = Decimal(1).scaleb(-decimals) * grams_per_unit
    grams = value * grams_per_unit
    return Reading(-grams if sign == "-" else grams, stable, division)
