"""Barcode symbols as modules: bars for Code 128, GS1-128 and EAN/UPC, matrices for
QR and DataMatrix.

Code 128 is encoded here (not by the printer) so that every renderer draws the same
symbol and knows its width before drawing: the printer languages receive the same
symbol values as explicit start and subset codes. QR comes from segno, DataMatrix from
ppf-datamatrix, EAN/UPC bars from python-barcode.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from functools import lru_cache

from printers import gs1
from printers.errors import BarcodeDataError


class Symbology(enum.StrEnum):
    CODE128 = "code128"
    GS1_128 = "gs1-128"
    QR = "qr"
    DATAMATRIX = "datamatrix"
    EAN13 = "ean13"
    UPCA = "upca"

    @property
    def two_dimensional(self) -> bool:
        return self in (Symbology.QR, Symbology.DATAMATRIX)


START_A, START_B, START_C = 103, 104, 105
CODE_C, CODE_B = 99, 100
FNC1 = 102
STOP = 106
FNC1_CHAR = "\x1d"  # how a GS1 separator travels in element strings and from scanners

# The 107 Code 128 patterns as bar/space widths (value 106 is the stop pattern whose
# final bar of width 2 is appended separately).
# fmt: off
_WIDTHS = (
    "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212",
    "221213", "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221",
    "223211", "221132", "221231", "213212", "223112", "312131", "311222", "321122", "321221",
    "312212", "322112", "322211", "212123", "212321", "232121", "111323", "131123", "131321",
    "112313", "132113", "132311", "211313", "231113", "231311", "112133", "112331", "132131",
    "113123", "113321", "133121", "313121", "211331", "231131", "213113", "213311", "213131",
    "311123", "311321", "331121", "312113", "312311", "332111", "314111", "221411", "431111",
    "111224", "111422", "121124", "121421", "141122", "141221", "112214", "112412", "122114",
    "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111", "111242",
    "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
    "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311",
    "113141", "114131", "311141", "411131", "211412", "211214", "211232", "233111",
)
# fmt: on


def _modules(widths: str) -> str:
    return "".join(("1" if i % 2 == 0 else "0") * int(w) for i, w in enumerate(widths))


_PATTERNS = tuple(_modules(w) for w in _WIDTHS)
_STOP_PATTERN = _PATTERNS[STOP] + "11"


@dataclass(frozen=True)
class Linear:
    """A one-dimensional symbol: its modules ("1" bar, "0" space) and, for the
    printer languages, its symbol values (start code first, no check, no stop)."""

    symbology: Symbology
    data: str
    modules: str
    values: tuple[int, ...] = ()

    @property
    def width_modules(self) -> int:
        return len(self.modules)


@dataclass(frozen=True)
class Matrix:
    """A two-dimensional symbol: rows of dark (True) and light modules."""

    symbology: Symbology
    data: str
    rows: tuple[tuple[bool, ...], ...]

    @property
    def width_modules(self) -> int:
        return len(self.rows[0])

    @property
    def height_modules(self) -> int:
        return len(self.rows)


Symbol = Linear | Matrix


def _check_code128_text(data: str, what: str) -> None:
    if not data:
        raise BarcodeDataError(f"{what} is empty; there is nothing to put in a Code 128.")
    bad = sorted({c for c in data if not (32 <= ord(c) <= 126)})
    if bad:
        shown = ", ".join(repr(c) for c in bad[:5])
        raise BarcodeDataError(
            f"{what} {data!r} has characters Code 128 cannot hold ({shown}); "
            "only printable ASCII letters, digits and signs fit."
        )


def _digit_run(items: list[str], start: int) -> int:
    n = 0
    while start + n < len(items) and items[start + n].isdigit():
        n += 1
    return n


def code128_values(items: list[str]) -> list[int]:
    """Symbol values (start code first) for printable ASCII characters and FNC1
    markers, switching to subset C for runs of digits where that is shorter."""
    values: list[int] = []
    i = 0
    subset = ""
    while i < len(items):
        item = items[i]
        if item == FNC1_CHAR:
            if not subset:
                subset = "C" if _digit_run(items, i + 1) >= 2 else "B"
                values.append(START_C if subset == "C" else START_B)
            values.append(FNC1)
            i += 1
            continue
        run = _digit_run(items, i)
        at_start = not subset
        at_end = i + run == len(items)
        wants_c = (run >= 4 and (at_start or at_end or run >= 6)) or (
            at_start and at_end and run == 2
        )
        if subset != "C" and wants_c:
            if run % 2 == 1:  # one digit in B first, the even rest in C
                if not subset:
                    subset = "B"
                    values.append(START_B)
                values.append(ord(items[i]) - 32)
                i += 1
                run -= 1
            values.append(START_C if not subset else CODE_C)
            subset = "C"
        if subset == "C":
            if run >= 2:
                values.append(int(items[i] + items[i + 1]))
                i += 2
                continue
            values.append(CODE_B)
            subset = "B"
        if not subset:
            values.append(START_B)
            subset = "B"
        values.append(ord(item) - 32)
        i += 1
    return values


def _linear_from_values(symbology: Symbology, data: str, values: list[int]) -> Linear:
    check = (values[0] + sum(i * v for i, v in enumerate(values[1:], start=1))) % 103
    modules = "".join(_PATTERNS[v] for v in [*values, check]) + _STOP_PATTERN
    return Linear(symbology, data, modules, tuple(values))


def code128(data: str) -> Linear:
    _check_code128_text(data, "The code")
    return _linear_from_values(Symbology.CODE128, data, code128_values(list(data)))


def gs1_128(data: str) -> Linear:
    """``data`` in bracketed form, ``(00)012345678901234560``; the check digits of an
    SSCC or GTIN are verified before anything is drawn."""
    elements = gs1.parse_bracketed(data)
    items: list[str] = []
    for n, el in enumerate(elements):
        if n == 0:
            items.append(FNC1_CHAR)
        _check_code128_text(el.value, f"GS1 element ({el.ai})")
        items.extend(el.ai + el.value)
        if not el.predefined_length and n < len(elements) - 1:
            items.append(FNC1_CHAR)
    return _linear_from_values(Symbology.GS1_128, data, code128_values(items))


def _ean_upc(symbology: Symbology, data: str) -> Linear:
    import barcode

    digits = 12 if symbology is Symbology.EAN13 else 11
    if not data.isascii() or not data.isdigit() or len(data) not in (digits, digits + 1):
        raise BarcodeDataError(
            f"{symbology.value.upper()} takes {digits} digits (or {digits + 1} with the check "
            f"digit); got {data!r}."
        )
    if len(data) == digits + 1 and gs1.check_digit(data[:-1]) != int(data[-1]):
        raise BarcodeDataError(f"{data} has a wrong check digit.")
    code = barcode.get(symbology.value, data[:digits])
    return Linear(symbology, code.get_fullcode(), "".join(code.build()))


def _qr(data: str) -> Matrix:
    import segno

    if not data:
        raise BarcodeDataError("A QR code needs data.")
    # no error-level boost, so a printer's own ^BQ / QRCODE picks the same version
    code = segno.make(data, error="m", boost_error=False, micro=False, encoding="utf-8")
    return Matrix(Symbology.QR, data, tuple(tuple(bool(v) for v in row) for row in code.matrix))


def _datamatrix(data: str) -> Matrix:
    from ppf.datamatrix import DataMatrix

    if not data or not data.isascii():
        raise BarcodeDataError(f"The DataMatrix on labels holds ASCII text; got {data!r}.")
    rows = DataMatrix(data).matrix
    return Matrix(Symbology.DATAMATRIX, data, tuple(tuple(bool(v) for v in row) for row in rows))


@lru_cache(maxsize=4096)
def encode(symbology: Symbology, data: str) -> Symbol:
    """The symbol for ``data``, or a ``BarcodeDataError`` saying why it cannot be."""
    if symbology is Symbology.CODE128:
        return code128(data)
    if symbology is Symbology.GS1_128:
        return gs1_128(data)
    if symbology is Symbology.QR:
        return _qr(data)
    if symbology is Symbology.DATAMATRIX:
        return _datamatrix(data)
    return _ean_upc(symbology, data)
