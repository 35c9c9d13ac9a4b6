"""GS1 numbers the labels carry: the mod-10 check digit, SSCCs, element strings.

A label renderer prints whatever digits it is given, so a wrong SSCC check digit would
reach the carrier; everything here checks in code before anything is drawn.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from printers.errors import BarcodeDataError

#: Application identifiers whose data has a predefined length (by their first two
#: digits, as the GS1 General Specifications list them): no FNC1 separator follows.
PREDEFINED_LENGTH = {
    "00": 18, "01": 14, "02": 14, "03": 14, "04": 16,
    "11": 6, "12": 6, "13": 6, "14": 6, "15": 6, "16": 6, "17": 6, "18": 6, "19": 6,
    "20": 2, "31": 6, "32": 6, "33": 6, "34": 6, "35": 6, "36": 6, "41": 13,
}  # fmt: skip

_ELEMENT = re.compile(r"\((\d{2,4})\)([^()]*)")

#: The GS1 company prefix lengths an SSCC is made from here (the serial reference,
#: a parcel's number, fills the 16 - length digits after it).
COMPANY_PREFIX_LENGTHS = range(7, 11)


def check_digit(payload: str) -> int:
    """The GS1 mod-10 check digit of a digit string (GTIN, SSCC, GLN without it)."""
    if not payload.isdigit() or not payload.isascii():
        raise BarcodeDataError(f"A GS1 number holds digits only, not {payload!r}.")
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(payload)))
    return (10 - total % 10) % 10


def is_valid_sscc(sscc: str) -> bool:
    """18 digits whose last is the mod-10 check digit of the first 17."""
    return (
        len(sscc) == 18
        and sscc.isascii()
        and sscc.isdigit()
        and check_digit(sscc[:17]) == int(sscc[17])
    )


def validate_sscc(sscc: str) -> str:
    """``sscc`` itself, or a clear error saying what is wrong with it."""
    if len(sscc) != 18 or not sscc.isascii() or not sscc.isdigit():
        raise BarcodeDataError(f"An SSCC is 18 digits; {sscc!r} is not.")
    expected = check_digit(sscc[:17])
    if int(sscc[17]) != expected:
        raise BarcodeDataError(
            f"SSCC {sscc} has check digit {sscc[17]}, but its first 17 digits need {expected}."
        )
    return sscc


def is_company_prefix(text: str) -> bool:
    """7 to 10 ASCII digits: a GS1 company prefix SSCCs can be made from."""
    return text.isascii() and text.isdigit() and len(text) in COMPANY_PREFIX_LENGTHS


def make_sscc(company_prefix: str, serial_reference: int, extension: int = 0) -> str:
    """An SSCC from a GS1 company prefix (7 to 10 digits), a serial reference and the
    extension digit, with its check digit."""
    if not is_company_prefix(company_prefix):
        raise BarcodeDataError(
            f"A GS1 company prefix has {COMPANY_PREFIX_LENGTHS.start} to "
            f"{COMPANY_PREFIX_LENGTHS.stop - 1} digits; {company_prefix!r} does not."
        )
    if not 0 <= extension <= 9:
        raise BarcodeDataError(f"The SSCC extension digit is 0 to 9, not {extension}.")
    width = 16 - len(company_prefix)
    if not 0 <= serial_reference < 10**width:
        raise BarcodeDataError(
            f"Serial reference {serial_reference} does not fit in {width} digits after "
            f"company prefix {company_prefix}; the prefix's SSCC range is used up."
        )
    body = f"{extension}{company_prefix}{serial_reference:0{width}d}"
    return body + str(check_digit(body))


@dataclass(frozen=True)
class Element:
    ai: str
    value: str

    @property
    def predefined_length(self) -> bool:
        return self.ai[:2] in PREDEFINED_LENGTH


def parse_bracketed(text: str) -> tuple[Element, ...]:
    """``(00)123...(400)ABC`` as its elements; an SSCC in (00) must have a right check
    digit, fixed-length data must have its length."""
    elements: list[Element] = []
    pos = 0
    for match in _ELEMENT.finditer(text):
        if match.start() != pos:
            break
        elements.append(Element(match.group(1), match.group(2)))
        pos = match.end()
    if not elements or pos != len(text):
        raise BarcodeDataError(
            f"A GS1-128 barcode takes bracketed element strings like (00)...; got {text!r}."
        )
    for el in elements:
        if not el.value:
            raise BarcodeDataError(f"GS1 element ({el.ai}) has no data.")
        want = PREDEFINED_LENGTH.get(el.ai[:2])
        if want is not None and (len(el.value) != want or not el.value.isdigit()):
            raise BarcodeDataError(f"GS1 element ({el.ai}) needs {want} digits, got {el.value!r}.")
        if el.ai == "00":
            validate_sscc(el.value)
        if el.ai in ("01", "02") and check_digit(el.value[:13]) != int(el.value[13]):
            raise BarcodeDataError(f"GTIN {el.value} in ({el.ai}) has a wrong check digit.")
    return tuple(elements)
