"""Carriers' pre-allocated tracking numbers ("pools"): whether a number is well formed,
its check digit, ranges written ``FIRST..LAST``, and a pool file read as a list.

A carrier that does not print through an API hands a warehouse a block of numbers to
use one per parcel. Each carrier's rule (``CheckRule``) says what its numbers look like:

- ``none``: no check digit known; 6 to 40 letters and digits.
- ``ups``: ``1Z`` + 6 shipper + 2 service + 7 package characters + 1 check digit
  (18 in all). The check digit is UPS's mod 10 over the 15 characters after ``1Z``:
  letters count as ``(ord(c) - 63) % 10`` (A=2 ... H=9, I=0, J=1 ...), characters in
  even places (2nd, 4th ...) count twice, and the check digit tops the sum up to a
  multiple of 10. Doubling without Luhn's digit sum leaves one blind spot: a digit in
  an even place changed by 5 (3 <-> 8) keeps the sum.
- ``usps``: Intelligent Mail package barcode numbers, all digits: 20, 22 or 26 digits,
  or 30 and 34 digits that begin with a routing code (``420`` + the destination ZIP or
  ZIP+4) before the 22-digit tracking number. GS1's mod 10: weights 3, 1, 3 ... from
  the right over the tracking number's digits but its last, the check digit. The
  routing code is outside the check (as on real labels).
- ``s10``: UPU S10 international items (``EE123456785CN``): 2 letters, 8 digits, a
  check digit, 2 letters (the issuing country). Weights 8, 6, 4, 2, 3, 5, 9, 7 on the
  8 digits, the check digit ``11 - sum % 11``, where 10 is 0 and 11 is 5. Since both
  11 and 6 give 5, a change that moves the sum between those two goes unseen.

A pool file is one number a line, ``FIRST..LAST`` ranges among them, or a CSV with a
``tracking`` column; a bad file gives nothing and names every bad row. Pure functions
of plain values: the pool's import, the counter and the CLI use them.
"""

from __future__ import annotations

import csv
import enum
import io
import pathlib
import re
from collections.abc import Iterator
from dataclasses import dataclass

from app.errors import PackdeskError


class CheckRule(enum.StrEnum):
    """What a carrier's numbers look like and how their check digit is made."""

    NONE = "none"
    UPS = "ups"
    USPS = "usps"
    S10 = "s10"


USPS_LENGTHS = (20, 22, 26, 30, 34)
USPS_ROUTING = "420"  # GS1 application identifier of the destination ZIP before the number
USPS_ROUTED_TRACKING = 22  # digits after the routing code in a 30- or 34-digit number
S10_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)
SHORTEST, LONGEST = 6, 40  # a number of a carrier without a known check digit
RANGE_MARK = ".."
HEADER_NAMES = ("tracking", "tracking_number")
PROBLEMS_NAMED = 3  # bad rows a PoolFileError's message names before "and N more"

_SEPARATORS = re.compile(r"[\s\-]+")
_LETTERS_DIGITS = re.compile(r"[A-Z0-9]+")
_UPS = re.compile(r"1Z[A-Z0-9]{15}[A-Z0-9]")
_S10 = re.compile(r"[A-Z]{2}[0-9]{8}[0-9A-Z][A-Z]{2}")
_UPS_SHAPE = "UPS numbers are 18 characters starting 1Z"
_USPS_SHAPE = "USPS numbers are 20, 22, 26, 30 or 34 digits"
_USPS_ROUTED = "USPS numbers of 30 or 34 digits start 420 (the ZIP routing code)"
_S10_SHAPE = "S10 numbers are 2 letters, 9 digits and 2 letters, such as EE123456785CN"


def normalise(number: str) -> str:
    """``number`` as stored and compared: no spaces or hyphens anywhere, upper case."""
    return _SEPARATORS.sub("", number).upper()


def check_digit(body: str, rule: CheckRule) -> str:
    """The check digit of a number without it: ``1Z`` + 15 characters (UPS), the digits
    before the last (USPS), or 2 letters, 8 digits and the 2 country letters (S10).
    ValueError for ``none`` (it has no check digit) and for a malformed body."""
    body = normalise(body)
    if rule == CheckRule.UPS:
        if not re.fullmatch(r"1Z[A-Z0-9]{15}", body):
            raise ValueError(f"{body!r} is no UPS number without its check digit (1Z + 15)")
        return _ups_check_digit(body[2:])
    if rule == CheckRule.USPS:
        length = len(body) + 1
        if not body.isascii() or not body.isdigit() or length not in USPS_LENGTHS:
            raise ValueError(f"{body!r} is no USPS number without its check digit: {_USPS_SHAPE}")
        if length in (30, 34) and not body.startswith(USPS_ROUTING):
            raise ValueError(f"{body!r}: {_USPS_ROUTED}")
        return _gs1_check_digit(body[-(USPS_ROUTED_TRACKING - 1) :] if length >= 30 else body)
    if rule == CheckRule.S10:
        if not re.fullmatch(r"[A-Z]{2}[0-9]{8}[A-Z]{2}", body):
            raise ValueError(
                f"{body!r} is no S10 number without its check digit (2 letters, 8 digits, "
                "2 letters)"
            )
        return _s10_check_digit(body[2:10])
    raise ValueError(f"numbers of the rule '{rule}' have no check digit")


def problem(number: str, rule: CheckRule) -> str | None:
    """None when ``number`` is a well-formed number of ``rule``; else why not, in a short
    phrase for a person ("bad check digit (expected 4)")."""
    number = normalise(number)
    if not number:
        return "no tracking number"
    if not number.isascii() or not _LETTERS_DIGITS.fullmatch(number):
        odd = next(c for c in number if not ("A" <= c <= "Z" or "0" <= c <= "9"))
        return f"only letters A-Z and digits belong in a tracking number, not {odd!r}"
    if rule == CheckRule.NONE:
        if not SHORTEST <= len(number) <= LONGEST:
            return f"tracking numbers are {SHORTEST} to {LONGEST} letters and digits"
        return None
    if rule == CheckRule.UPS and not _UPS.fullmatch(number):
        return _UPS_SHAPE
    if rule == CheckRule.USPS:
        if not number.isdigit():
            return "USPS numbers are all digits"
        if len(number) not in USPS_LENGTHS:
            return _USPS_SHAPE
        if len(number) >= 30 and not number.startswith(USPS_ROUTING):
            return _USPS_ROUTED
    if rule == CheckRule.S10 and not _S10.fullmatch(number):
        return _S10_SHAPE
    body, given = _split_check_digit(number, rule)
    expected = check_digit(body, rule)
    return None if given == expected else f"bad check digit (expected {expected})"


def is_valid(number: str, rule: CheckRule) -> bool:
    """Whether ``number`` is a well-formed number of ``rule``."""
    return problem(number, rule) is None


@dataclass(frozen=True)
class _Range:
    """``first..last`` as a fixed ``head``, a counted numeric run from ``start`` to
    ``stop`` (``width`` digits, zero-padded) and a fixed ``tail``, without check digits."""

    head: str
    start: int
    stop: int
    width: int
    tail: str
    rule: CheckRule

    @property
    def count(self) -> int:
        return self.stop - self.start + 1

    def numbers(self) -> Iterator[str]:
        if not self.width:  # a range of one number
            yield _with_check_digit(self.head + self.tail, self.rule)
            return
        for value in range(self.start, self.stop + 1):
            yield _with_check_digit(f"{self.head}{value:0{self.width}d}{self.tail}", self.rule)


def expand_range(first: str, last: str, rule: CheckRule, *, limit: int) -> list[str]:
    """Every number from ``first`` to ``last``, both included, normalised. The two must
    share everything but a numeric run (the part that counts); with a check-digit rule
    both must be valid and each number's check digit is made anew. ValueError in words
    for ends of different shapes, ``last`` before ``first``, more than ``limit``."""
    planned = _plan_range(first, last, rule)
    if planned.count > limit:
        raise ValueError(
            f"{normalise(first)}..{normalise(last)} holds {planned.count:,} numbers, "
            f"more than {limit:,}"
        )
    return list(planned.numbers())


class PoolFileError(PackdeskError):
    """A pool file that gives no numbers: every bad row as (line number, the text, the
    reason), and a message that names the first few."""

    def __init__(self, problems: list[tuple[int, str, str]], message: str | None = None) -> None:
        super().__init__(message or _describe(problems))
        self.problems = problems


def read_pool(text: str, rule: CheckRule, *, limit: int = 1_000_000) -> list[str]:
    """The numbers of a pool file's ``text``, normalised, in file order.

    The text is one number a line, with ``FIRST..LAST`` ranges among them, or a CSV
    (comma, semicolon or tab, as its header shows) whose header has a ``tracking`` (or
    ``tracking_number``) column. Blank lines and lines starting with ``#`` are skipped;
    a leading byte order mark is fine. A number given twice, a bad number or range, more
    than ``limit`` numbers in all: PoolFileError naming every bad row, nothing read."""
    lines = [line.rstrip("\r\n") for line in io.StringIO(text.removeprefix("\ufeff"), newline="")]
    entries = _entries(lines)
    problems: list[tuple[int, str, str]] = []
    numbers: list[str] = []
    first_line: dict[str, int] = {}
    over_limit = False
    for line_number, raw, value, reason in entries:
        if reason is not None:
            problems.append((line_number, raw, reason))
            continue
        try:
            given = _entry_numbers(value, rule)
        except ValueError as exc:
            problems.append((line_number, raw, str(exc)))
            continue
        if over_limit:
            continue
        if len(numbers) + given.count > limit:
            over_limit = True
            problems.append((line_number, raw, f"more than {limit:,} numbers in the pool"))
            continue
        batch = list(given.numbers())
        repeated = [n for n in batch if n in first_line]
        if repeated:
            problems.append((line_number, raw, _repeated(repeated, first_line)))
            continue
        first_line.update(dict.fromkeys(batch, line_number))
        numbers.extend(batch)
    if problems:
        raise PoolFileError(problems)
    if not numbers:
        raise PoolFileError([], "The pool holds no tracking numbers.")
    return numbers


def read_pool_file(path: pathlib.Path, rule: CheckRule, *, limit: int = 1_000_000) -> list[str]:
    """``read_pool`` of the UTF-8 file at ``path``; PoolFileError in words when the file
    is missing, cannot be read, is empty or is not UTF-8 text."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise PoolFileError([], f"{path.name}: there is no such file.") from None
    except OSError as exc:
        raise PoolFileError([], f"{path.name} cannot be read: {exc.strerror}.") from None
    if not data.strip():
        raise PoolFileError([], f"{path.name} is empty.")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        problems = _undecodable_lines(data)
        raise PoolFileError(
            problems, f"{path.name} is not UTF-8 text: {_describe(problems)}"
        ) from None
    try:
        return read_pool(text, rule, limit=limit)
    except PoolFileError as exc:
        raise PoolFileError(exc.problems, f"{path.name}: {exc}") from None


def _ups_value(char: str) -> int:
    return int(char) if char.isdigit() else (ord(char) - 63) % 10


def _ups_check_digit(fifteen: str) -> str:
    total = sum(_ups_value(c) * (2 if place % 2 else 1) for place, c in enumerate(fifteen))
    return str(-total % 10)


def _gs1_check_digit(digits: str) -> str:
    total = sum(int(d) * (3 if place % 2 == 0 else 1) for place, d in enumerate(digits[::-1]))
    return str(-total % 10)


def _s10_check_digit(eight: str) -> str:
    check = 11 - sum(int(d) * w for d, w in zip(eight, S10_WEIGHTS, strict=True)) % 11
    return {10: "0", 11: "5"}.get(check, str(check))


def _split_check_digit(number: str, rule: CheckRule) -> tuple[str, str]:
    """A well-shaped number as (the number without its check digit, the check digit)."""
    if rule == CheckRule.S10:
        return number[:10] + number[11:], number[10]
    return number[:-1], number[-1]


def _with_check_digit(body: str, rule: CheckRule) -> str:
    if rule == CheckRule.NONE:
        return body
    digit = check_digit(body, rule)
    return body[:10] + digit + body[10:] if rule == CheckRule.S10 else body + digit


def _plan_range(first: str, last: str, rule: CheckRule) -> _Range:
    first, last = normalise(first), normalise(last)
    for which, number in (("first", first), ("last", last)):
        reason = problem(number, rule)
        if reason is not None:
            raise ValueError(f"the {which} number {number or '(none)'}: {reason}")
    if rule == CheckRule.NONE:
        low, high = first, last
    else:
        low, high = _split_check_digit(first, rule)[0], _split_check_digit(last, rule)[0]
    differs = [i for i, (a, b) in enumerate(zip(low, high, strict=False)) if a != b]
    if len(low) != len(high):
        raise ValueError(f"{first} and {last} are not of one shape (not the same length)")
    if differs and not _digits(low, high, differs[0], differs[-1]):
        raise ValueError(f"{first} and {last} are not of one shape (differ in more than digits)")
    if not differs:
        return _Range(low, 0, 0, 0, "", rule)
    begin, end = differs[0], differs[-1] + 1
    while end < len(low) and low[end].isdigit():
        end += 1  # the run counts through the equal digits after it: 1009..1012
    start, stop = int(low[begin:end]), int(high[begin:end])
    if stop < start:
        raise ValueError(f"the last number {last} comes before the first {first}")
    return _Range(low[:begin], start, stop, end - begin, low[end:], rule)


def _digits(low: str, high: str, begin: int, end: int) -> bool:
    return all(s[i].isdigit() for s in (low, high) for i in range(begin, end + 1))


def _entry_numbers(value: str, rule: CheckRule) -> _Range:
    """One entry of a pool, a number or a range, as a range (of one, for a number)."""
    if RANGE_MARK not in value:
        reason = problem(value, rule)
        if reason is not None:
            raise ValueError(reason)
        return _plan_range(value, value, rule)
    ends = value.split(RANGE_MARK)
    if len(ends) != 2 or not ends[0].strip() or not ends[1].strip():
        raise ValueError("a range is written FIRST..LAST")
    return _plan_range(ends[0], ends[1], rule)


def _entries(lines: list[str]) -> list[tuple[int, str, str, str | None]]:
    """Each entry of the pool: (line number, the line, the number or range, None), or
    (line number, the line, "", the reason) for a row that holds none."""
    content = [(n, line) for n, line in enumerate(lines, start=1) if _is_content(line)]
    if not content:
        return []
    header_number, header = content[0]
    counts = {d: header.count(d) for d in (",", ";", "\t")}
    delimiter = max(counts, key=lambda d: counts[d])
    if not counts[delimiter]:
        if _header_name(header) not in HEADER_NAMES:
            return [(n, line, line.strip(), None) for n, line in content]
        column = 0  # a CSV of one column, its header "tracking"
    else:
        cells = next(csv.reader([header], delimiter=delimiter))
        names = [_header_name(cell) for cell in cells]
        found = [i for i, name in enumerate(names) if name in HEADER_NAMES]
        if not found:
            reason = "the header has no 'tracking' column (it has: " + ", ".join(cells) + ")"
            return [(header_number, header, "", reason)]
        column = found[0]
    entries: list[tuple[int, str, str, str | None]] = []
    for n, line in content[1:]:
        cells = next(csv.reader([line], delimiter=delimiter)) if counts[delimiter] else [line]
        if not any(cell.strip() for cell in cells):
            continue  # a row of empty cells, as spreadsheets write at the end
        if column >= len(cells) or not cells[column].strip():
            entries.append((n, line, "", "no tracking number in this row"))
        else:
            entries.append((n, line, cells[column].strip(), None))
    return entries


def _is_content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _header_name(cell: str) -> str:
    return re.sub(r"[\s\-]+", "_", cell.strip().strip('"').strip().lower())


def _repeated(repeated: list[str], first_line: dict[str, int]) -> str:
    number = repeated[0]
    if len(repeated) == 1:
        return f"{number} is given twice (first on line {first_line[number]})"
    return (
        f"{len(repeated):,} numbers are given twice, such as {number} "
        f"(first on line {first_line[number]})"
    )


def _undecodable_lines(data: bytes) -> list[tuple[int, str, str]]:
    problems: list[tuple[int, str, str]] = []
    for n, raw in enumerate(data.split(b"\n"), start=1):
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            text = raw.decode("utf-8", errors="replace").rstrip("\r")
            problems.append((n, text, f"byte 0x{raw[exc.start]:02X} is not UTF-8 text"))
    return problems


def _describe(problems: list[tuple[int, str, str]]) -> str:
    named = "; ".join(
        f"line {n} ({text.strip()[:40]!r}): {reason}"
        for n, text, reason in problems[:PROBLEMS_NAMED]
    )
    more = len(problems) - PROBLEMS_NAMED
    rows = "1 bad row" if len(problems) == 1 else f"{len(problems)} bad rows"
    return f"{rows}, nothing was read: {named}" + (f"; and {more} more." if more > 0 else ".")
