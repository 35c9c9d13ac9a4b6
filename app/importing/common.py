"""What every intake source shares: reading a text table, matching headers, parsing
numbers and times, and the errors a person sees.

A file is read twice at most: once in binary to hash it and find its encoding (UTF-8
with or without BOM, UTF-16 with BOM, or GB18030/GBK as Chinese Excel writes it), then
as a stream of rows, so a large export never sits in memory whole.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import NamedTuple
from zoneinfo import ZoneInfo

from app.errors import PackdeskError
from app.importing.records import RowError
from app.timeutil import parse_timestamp

#: The largest quantity one line may ask for; more is a typing error, not an order.
MAX_QUANTITY = 10_000
_CHUNK = 1 << 20
_CENTS = Decimal("0.01")
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # old .xls and other Office binary files


class BadFile(PackdeskError):
    """The file as a whole cannot be imported (empty, binary, no header, ...)."""


class ImportRejected(PackdeskError):
    """Some rows are bad: nothing was imported. ``errors`` names every bad row."""

    def __init__(self, filename: str, errors: Iterable[RowError]) -> None:
        self.filename = filename
        self.errors = tuple(sorted(errors, key=lambda e: e.row))
        count = len(self.errors)
        rows = "1 bad row" if count == 1 else f"{count} bad rows"
        super().__init__(f"{filename} was not imported: {rows}; nothing was changed.")


# --- the file -----------------------------------------------------------------------


@dataclass(frozen=True)
class FileFacts:
    path: Path
    sha256: str
    size: int
    encoding: str  # a Python codec name; "binary" for a zip (XLSX) file
    ends_with_newline: bool = True
    # how the encoding was chosen, for the summary: a doubt to tell the person about
    encoding_note: str | None = None
    forced: bool = False  # given with --encoding

    @property
    def encoding_shown(self) -> str | None:
        """The encoding as the import summary names it (None for a workbook)."""
        if self.encoding == "binary":
            return None
        label = encoding_label(self.encoding)
        return f"{label} as --encoding said" if self.forced else label


def _refuse_binary(path: Path, head: bytes) -> None:
    if head.startswith(_ZIP_MAGIC):
        raise BadFile(
            f"{path.name} is an Excel workbook (or another zip file), not text; "
            "import it with --format xlsx or save it as CSV."
        )
    if head.startswith(_OLE_MAGIC):
        raise BadFile(
            f"{path.name} is an old Excel .xls (or other Office) file; "
            "save it as .xlsx or CSV and import that."
        )
    sample = head[:8192]
    # (a stray control character in text is no binary file: the row that holds it is
    # named when the rows are read, see ``plain_text``)
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    if controls > max(len(sample) // 100, 8):
        raise BadFile(
            f"{path.name} is not a text file (it holds binary data); "
            "export the data as CSV, XLSX or JSON."
        )


def _valid_as(path: Path, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(_CHUNK):
                decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


#: --encoding names for the encodings Chinese spreadsheets write: read as GB18030, which
#: holds all of GBK and GB2312
_GB_NAMES = frozenset({"gb18030", "gbk", "gb2312", "cp936", "ms936", "euc_cn", "hz"})


def forced_encoding(name: str) -> str:
    """The codec to read a file in for ``--encoding NAME``; BadFile for a name that
    is no text encoding."""
    try:
        info = codecs.lookup(name.strip())
    except LookupError:
        info = None
    if info is None or not getattr(info, "_is_text_encoding", True):
        raise BadFile(
            f"--encoding {name!r} is not a text encoding Packdesk knows; "
            "use utf-8, gb18030 (also for GBK), utf-16, big5 or another Python codec name."
        )
    codec = info.name
    if codec in _GB_NAMES:
        return "gb18030"
    if codec == "utf-8":
        return "utf-8-sig"  # a byte-order mark, if there is one, is no text
    return codec


class _GbPlausible:
    """Whether text read so far as UTF-8 would also read as GB2312 Chinese text, as a
    GBK file's bytes sometimes happen to be valid UTF-8 (fed chunk by chunk)."""

    def __init__(self) -> None:
        self._decoder = codecs.getincrementaldecoder("gb18030")()
        self.plausible = True
        self.any_chinese_bytes = False

    def feed(self, chunk: bytes, final: bool = False) -> None:
        if not self.plausible or (chunk.isascii() and not final):
            return
        self.any_chinese_bytes = self.any_chinese_bytes or not chunk.isascii()
        try:
            self._decoder.decode(chunk, final=final).encode("gb2312")
        except (UnicodeDecodeError, UnicodeEncodeError):
            self.plausible = False


def _reads_as_gb2312(raw: bytes) -> bool:
    try:
        raw.decode("gb18030").encode("gb2312")
    except (UnicodeDecodeError, UnicodeEncodeError):
        return False
    return True


def _records(path: Path, *, lines: bool) -> Iterator[tuple[int, bytes]]:
    """Each CSV row (header = row 1), or for ``lines`` each line, as its bytes. The
    separators, quotes and line ends of UTF-8 and GB18030 text are the same bytes,
    so the rows are found before their encoding is known (read as Latin-1, every
    byte one character)."""
    with path.open("r", encoding="latin-1", newline="") as fh:
        if lines:
            for number, line in enumerate(fh, start=1):
                yield number, line.encode("latin-1")
            return
        first = fh.readline()
        delimiter = max((",", "\t", ";"), key=first.count) if first else ","
        fh.seek(0)
        for number, cells in enumerate(csv.reader(fh, delimiter=delimiter), start=1):
            yield number, "\x1f".join(cells).encode("latin-1")


def _first_undecodable(path: Path, encoding: str, *, lines: bool) -> int | None:
    """The first row (or line) that is not text in ``encoding``."""
    for number, raw in _records(path, lines=lines):
        try:
            raw.decode(encoding)
        except UnicodeDecodeError:
            return number
    return None


def _decide_by_rows(path: Path, *, lines: bool, bom_utf8: bool) -> str:
    """The encoding of a file that is not UTF-8 throughout: GB18030 when no row reads
    as UTF-8 only; a file whose rows are in two encodings (a UTF-8 export with one
    row pasted from a GBK one) is refused, naming the first row that is not in the
    encoding most of the file is in."""
    what = "line" if lines else "row"
    utf8_rows: list[int] = []  # valid UTF-8 that reads as no GB2312 text
    gb_rows: list[int] = []  # not UTF-8, but GB18030
    neither: list[int] = []
    for number, raw in _records(path, lines=lines):
        if raw.isascii():
            continue
        try:
            raw.decode("utf-8")
            if bom_utf8 or not _reads_as_gb2312(raw):
                utf8_rows.append(number)
            continue  # (else it reads either way: it goes with the rest)
        except UnicodeDecodeError:
            pass
        try:
            raw.decode("gb18030")
            gb_rows.append(number)
        except UnicodeDecodeError:
            neither.append(number)
    name = path.name
    if not utf8_rows and not bom_utf8:
        if neither:
            raise BadFile(
                f"{name}: {what} {neither[0]} is neither UTF-8 nor GB18030/GBK text; "
                "save the file from the spreadsheet as 'CSV UTF-8'."
            )
        return "gb18030"
    most_utf8 = bom_utf8 or len(utf8_rows) >= len(gb_rows)
    odd_rows = gb_rows + neither if most_utf8 else utf8_rows + neither
    if not odd_rows:  # (every row reads in the one encoding: only their joins do not)
        raise BadFile(f"{name} is not valid {'UTF-8' if most_utf8 else 'GB18030/GBK'} text.")
    odd = min(odd_rows)
    most, other = ("UTF-8", "GB18030/GBK") if most_utf8 else ("GB18030/GBK", "UTF-8")
    reads = f"it reads as {other}" if odd not in neither else f"it is not {other} either"
    raise BadFile(
        f"{name} mixes text encodings: most of it is {most}, but {what} {odd} is not "
        f"({reads}); save the whole file in one encoding (e.g. 'CSV UTF-8'), "
        "or name the one to use with --encoding."
    )


def inspect_file(
    path: Path, *, text: bool = True, encoding: str | None = None, lines: bool = False
) -> FileFacts:
    """Hash the file and, for text, find its encoding; refuse what cannot be read.

    The encoding is decided for the whole file with strict decoding: a byte-order
    mark says it; otherwise UTF-8 when all of it is UTF-8 (a GBK file whose bytes
    happen to be valid UTF-8 too is read as UTF-8, and the summary says how to read
    it as GBK), else GB18030/GBK when no row is UTF-8; a file in two encodings is
    refused. ``encoding`` (``--encoding``) decides instead. Rows are CSV rows, or
    the file's ``lines`` (JSON)."""
    if not path.exists():
        raise BadFile(f"There is no file {path}.")
    if path.is_dir():
        raise BadFile(f"{path} is a folder, not a file.")
    digest = hashlib.sha256()
    size = 0
    head = b""
    last = b""
    utf8 = codecs.getincrementaldecoder("utf-8")()
    utf8_ok = True
    as_gb = _GbPlausible()
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(_CHUNK):
                if not head:
                    head = chunk[:65536]
                digest.update(chunk)
                size += len(chunk)
                last = chunk[-1:]
                if utf8_ok and text and encoding is None:
                    try:
                        utf8.decode(chunk)
                        as_gb.feed(chunk)
                    except UnicodeDecodeError:
                        utf8_ok = False
    except OSError as exc:
        raise BadFile(f"Cannot read {path}: {exc.strerror or exc}") from exc
    if size == 0:
        raise BadFile(f"{path.name} is empty.")
    if not text:
        return FileFacts(path, digest.hexdigest(), size, "binary", True)
    note = None
    if encoding is not None:
        chosen = forced_encoding(encoding)
        if not _valid_as(path, chosen):
            multibyte = chosen.startswith(("utf-16", "utf-32"))
            row = None if multibyte else _first_undecodable(path, chosen, lines=lines)
            where = f" ({'line' if lines else 'row'} {row} is not)" if row else ""
            label = encoding_label("utf-8" if chosen == "utf-8-sig" else chosen)
            raise BadFile(
                f"{path.name} is not {label} text{where}, as --encoding {encoding} said it is."
            )
        if chosen == "utf-8-sig" and not head.startswith(codecs.BOM_UTF8):
            chosen = "utf-8"
    elif head.startswith(codecs.BOM_UTF8):
        chosen = "utf-8-sig"
        if not utf8_ok:
            _decide_by_rows(path, lines=lines, bom_utf8=True)  # (raises, naming the row)
    elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        chosen = "utf-16"
    else:
        _refuse_binary(path, head)
        if utf8_ok:
            try:
                utf8.decode(b"", final=True)
                as_gb.feed(b"", final=True)
            except UnicodeDecodeError:
                utf8_ok = False
        if utf8_ok:
            chosen = "utf-8"
            if as_gb.any_chinese_bytes and as_gb.plausible:
                note = (
                    f"{path.name} reads as UTF-8 and also as GB18030/GBK Chinese text; it "
                    "was read as UTF-8. If names look wrong, import it again with "
                    "--encoding gb18030"
                )
        else:
            chosen = _decide_by_rows(path, lines=lines, bom_utf8=False)
    if chosen == "utf-16" and not _valid_as(path, chosen):
        raise BadFile(f"{path.name} starts like UTF-16 text but is not valid UTF-16.")
    # a cut-off UTF-16 file ends in "\n\x00"; a rare case, so only UTF-8/GB18030 tell
    ends = last in (b"\n", b"\r") or chosen.startswith("utf-16")
    return FileFacts(
        path, digest.hexdigest(), size, chosen, ends, note, forced=encoding is not None
    )


def encoding_label(encoding: str) -> str:
    return {
        "utf-8": "UTF-8",
        "utf-8-sig": "UTF-8 with BOM",
        "utf-16": "UTF-16",
        "gb18030": "GB18030/GBK",
    }.get(encoding, encoding)


# --- rows ---------------------------------------------------------------------------


def normalise_header(text: str) -> str:
    """``'  Lineitem  SKU '`` -> ``'lineitem sku'``: case and spacing do not matter."""
    return " ".join(text.replace("\ufeff", "").strip().lower().replace("_", " ").split())


class Row(NamedTuple):
    number: int  # as a spreadsheet shows it: the header is row 1
    cells: list[str]
    last: bool  # the final row of the file (a short one there means the file is cut off)


class CsvTable:
    """A CSV (or tab/semicolon separated) file read as a header and a stream of rows.

    Rows whose cells are all empty are skipped. ``rows()`` may be iterated once.
    """

    def __init__(self, facts: FileFacts) -> None:
        self.facts = facts
        self._fh = facts.path.open("r", encoding=facts.encoding, newline="")
        first = self._fh.readline()
        self.delimiter = max((",", "\t", ";"), key=first.count) if first else ","
        self._fh.seek(0)
        # strict: a file that ends inside a quoted value was cut off, say so
        self._reader = csv.reader(self._fh, delimiter=self.delimiter, strict=True)
        self.row_count = 0
        self.last_row: Row | None = None  # once read: the file's last data row
        try:
            self.header = next(self._reader, [])
        except (csv.Error, UnicodeDecodeError) as exc:
            self.close()
            raise BadFile(f"{facts.path.name}: the header row cannot be read ({exc}).") from exc
        if not any(cell.strip() for cell in self.header):
            self.close()
            raise BadFile(f"{facts.path.name} has no header row (the first row is empty).")

    @property
    def name(self) -> str:
        return self.facts.path.name

    def close(self) -> None:
        self._fh.close()

    def __enter__(self) -> CsvTable:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _problem(self, number: int, exc: Exception) -> BadFile:
        name = self.facts.path.name
        if isinstance(exc, UnicodeDecodeError):
            label = encoding_label(self.facts.encoding)
            return BadFile(f"{name}: row {number} is not valid {label} text.")
        if "unexpected end of data" in str(exc):
            return BadFile(
                f"{name} ends inside a quoted value in row {number}: "
                "it looks cut off; export it again."
            )
        return BadFile(f"{name}: row {number} cannot be read as CSV ({exc}).")

    def rows(self) -> Iterator[Row]:
        """Data rows, each told whether it is the last one; empty rows are left out."""
        number = 1
        pending: Row | None = None
        try:
            for cells in self._reader:
                number += 1
                if not "".join(cells).strip():
                    continue
                if pending is not None:
                    self.row_count += 1
                    yield pending
                pending = Row(number, cells, False)
        except (csv.Error, UnicodeDecodeError) as exc:
            raise self._problem(number + 1, exc) from exc
        if pending is not None:
            self.row_count += 1
            self.last_row = Row(pending.number, pending.cells, True)
            yield self.last_row

    def unended_note(self) -> str | None:
        """For a file read to its end that does not end with a line end: a note
        naming its last row and value, which may have been cut short (a quantity
        12 cut to 1 reads as 1)."""
        row = self.last_row
        if self.facts.ends_with_newline or row is None:
            return None
        filled = [i for i, cell in enumerate(row.cells) if cell.strip()]
        at = filled[-1] if filled else len(row.cells) - 1
        column = self.header[at].strip() if at < len(self.header) else ""
        value = row.cells[at].strip() if row.cells else ""
        named = f"{column} {value!r}" if column else repr(value)
        return (
            f"{self.name} does not end with a line end: check that its last row "
            f"(row {row.number}, ending with {named}) is complete, as it may have been cut off"
        )


class HeaderMap:
    """Finds each wanted field's column by any of its accepted names, ignoring case."""

    def __init__(self, header: list[str], aliases: Mapping[str, Iterable[str]]) -> None:
        self.header = header
        positions: dict[str, int] = {}
        for i, name in enumerate(header):
            positions.setdefault(normalise_header(name), i)
        self.index: dict[str, int] = {}
        for field, names in aliases.items():
            for name in names:
                pos = positions.get(normalise_header(name))
                if pos is not None:
                    self.index[field] = pos
                    break

    def has(self, field: str) -> bool:
        return field in self.index

    def require(self, filename: str, fields: Mapping[str, str]) -> None:
        """Refuse the file if a required field (field -> the name to tell) has no column."""
        missing = [shown for field, shown in fields.items() if field not in self.index]
        if missing:
            names = ", ".join(f"'{m}'" for m in missing)
            plural = "column" if len(missing) == 1 else "columns"
            raise BadFile(f"{filename} is missing the required {plural} {names}.")

    def get(self, cells: list[str], field: str) -> str:
        pos = self.index.get(field)
        if pos is None or pos >= len(cells):
            return ""
        return cells[pos].strip()


def check_width(row: Row, width: int) -> RowError | None:
    """A strict format's rows have the header's width: a short last row means a file
    that was cut off, any other difference is an error. Empty cells past the header
    (a trailing separator some tools write) are dropped."""
    cells = row.cells
    if len(cells) == width:
        return None
    if len(cells) > width and not any(c.strip() for c in cells[width:]):
        del cells[width:]
        return None
    if len(cells) < width and row.last:
        return cut_off(row, width)
    return RowError(row.number, f"has {len(cells)} columns, the header has {width}")


def cut_off(row: Row, width: int) -> RowError:
    return RowError(
        row.number,
        f"the last row has {len(row.cells)} of the header's {width} columns: the file "
        "looks cut off; export it again (or complete the row)",
    )


def header_width(header: list[str]) -> int:
    """The header's columns, leaving out empty names at its end (a trailing separator
    some tools write), which rows need not fill."""
    width = len(header)
    while width and not header[width - 1].strip():
        width -= 1
    return width


# --- values -------------------------------------------------------------------------

_INT = re.compile(r"^[+-]?\d+(\.0*)?$")


def parse_quantity(text: str) -> int:
    """A whole number of items from 1 to ``MAX_QUANTITY``; ValueError says why not."""
    raw = text.strip()
    if not raw:
        raise ValueError("quantity is empty")
    if not _INT.match(raw):
        raise ValueError(f"quantity {raw!r} is not a whole number")
    value = int(raw.split(".")[0])
    if value < 1:
        raise ValueError(f"quantity {raw!r} must be at least 1")
    if value > MAX_QUANTITY:
        raise ValueError(f"quantity {raw!r} is more than {MAX_QUANTITY:,} (a typing error?)")
    return value


def parse_decimal(text: str, what: str) -> Decimal | None:
    """A money amount such as ``12.50`` or ``1,299.00``; empty is None."""
    raw = text.strip()
    if not raw:
        return None
    if not raw[0].isdigit() or "," in raw:
        raw = raw.replace(",", "")
        for symbol in ("¥", "$", "€", "£", "￥"):
            raw = raw.replace(symbol, "")
        if not raw:
            return None
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise ValueError(f"{what} {text.strip()!r} is not a number") from None
    if not value.is_finite() or abs(value) >= Decimal("1e10"):
        raise ValueError(f"{what} {text.strip()!r} is not a sensible amount")
    return value.quantize(_CENTS)


def parse_grams(text: str, what: str = "weight") -> int | None:
    raw = text.strip()
    if not raw:
        return None
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise ValueError(f"{what} {raw!r} is not a number of grams") from None
    if not value.is_finite() or value < 0 or value > 1_000_000:
        raise ValueError(f"{what} {raw!r} is not a sensible number of grams")
    return int(value.to_integral_value())


_SLASH_DATE = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})")


def parse_time(text: str, tz: ZoneInfo, what: str) -> datetime | None:
    """Aware UTC from a timestamp: an offset (``Z``, ``+08:00``, ``+0800``) is honoured,
    a naive time is read in the warehouse time zone ``tz``. Empty is None."""
    raw = text.strip()
    if not raw:
        return None
    match = _SLASH_DATE.match(raw)
    if match:  # 2026/1/5 14:00, as Chinese spreadsheets write dates
        y, m, d = match.groups()
        raw = f"{y}-{int(m):02d}-{int(d):02d}" + raw[match.end() :]
    try:
        return parse_timestamp(raw, tz)
    except ValueError:
        raise ValueError(f"{what} {text.strip()!r} is not a date and time") from None


_TRUE = {"1", "yes", "y", "true", "t", "x", "是", "✓"}
_FALSE = {"", "0", "no", "n", "false", "f", "否"}


def parse_flag(text: str, what: str) -> bool:
    raw = text.strip().lower()
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise ValueError(f"{what} {text.strip()!r} is not yes/no")


def none_if_empty(text: str) -> str | None:
    return text or None
