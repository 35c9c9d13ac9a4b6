"""What a printer says about itself: Zebra ``~HS`` and TSPL ``ESC !?``.

A printer that does not answer within the timeout has a status too: a Zebra with its
head open may not answer at all, and "no answer" is what the counter must see.
"""

from __future__ import annotations

from dataclasses import dataclass

from printers.transports.base import Transport

STX, ETX = b"\x02", b"\x03"
HOST_STATUS = b"~HS"
TSPL_STATUS = b"\x1b!?"
DEFAULT_STATUS_TIMEOUT = 2.0


@dataclass(frozen=True)
class ZebraStatus:
    """The three ``~HS`` frames, decoded. ``answered`` is False when nothing (or not
    all three frames) came back in time."""

    answered: bool = True
    paper_out: bool = False
    paused: bool = False
    head_open: bool = False
    ribbon_out: bool = False
    buffer_full: bool = False
    under_temperature: bool = False
    over_temperature: bool = False
    corrupt_ram: bool = False
    label_length_dots: int = 0
    formats_in_buffer: int = 0
    labels_remaining: int = 0
    thermal_transfer: bool = False

    @property
    def problems(self) -> tuple[str, ...]:
        if not self.answered:
            return ("no answer: the printer is off, unreachable, or its head is open",)
        flags = (
            (self.paper_out, "paper out"),
            (self.head_open, "head open"),
            (self.ribbon_out, "ribbon out"),
            (self.paused, "paused"),
            (self.buffer_full, "receive buffer full"),
            (self.under_temperature, "head too cold"),
            (self.over_temperature, "head too hot"),
            (self.corrupt_ram, "memory corrupt"),
        )
        return tuple(words for on, words in flags if on)

    @property
    def ready(self) -> bool:
        return not self.problems


def frames(raw: bytes) -> list[list[str]]:
    """The comma-separated fields of every complete STX...ETX frame in ``raw``."""
    out: list[list[str]] = []
    rest = raw
    while STX in rest:
        start = rest.index(STX) + 1
        end = rest.find(ETX, start)
        if end < 0:
            break
        out.append(rest[start:end].decode("ascii", "replace").split(","))
        rest = rest[end + 1 :]
    return out


def host_status_complete(raw: bytes) -> bool:
    return len(frames(raw)) >= 3


def _flag(fields: list[str], i: int) -> bool:
    return len(fields) > i and fields[i].strip() == "1"


def _int(fields: list[str], i: int) -> int:
    try:
        return int(fields[i])
    except (IndexError, ValueError):
        return 0


def parse_host_status(raw: bytes) -> ZebraStatus:
    """``~HS`` answer -> status. String 1: ``aaa,b,c,dddd,eee,f,g,h,iii,j,k,l`` (b paper
    out, c paused, dddd label length, eee formats in buffer, f buffer full, j corrupt
    RAM, k under temperature, l over temperature); string 2:
    ``mmm,n,o,p,q,r,s,t,uuuuuuuu,v,www`` (o head up, p ribbon out, q thermal transfer,
    uuuuuuuu labels remaining); string 3: ``xxxx,y`` (password, static RAM)."""
    got = frames(raw)
    if len(got) < 3:
        return ZebraStatus(answered=False)
    first, second = got[0], got[1]
    return ZebraStatus(
        answered=True,
        paper_out=_flag(first, 1),
        paused=_flag(first, 2),
        label_length_dots=_int(first, 3),
        formats_in_buffer=_int(first, 4),
        buffer_full=_flag(first, 5),
        corrupt_ram=_flag(first, 9),
        under_temperature=_flag(first, 10),
        over_temperature=_flag(first, 11),
        head_open=_flag(second, 2),
        ribbon_out=_flag(second, 3),
        thermal_transfer=_flag(second, 4),
        labels_remaining=_int(second, 8),
    )


def host_status_answer(
    *, paper_out: bool = False, paused: bool = False, head_open: bool = False,
    ribbon_out: bool = False, buffer_full: bool = False, formats: int = 0,
    label_length_dots: int = 1218,
) -> bytes:  # fmt: skip
    """What a Zebra sends back for ``~HS`` (used by the virtual printer and tests)."""
    b = int
    one = (
        f"030,{b(paper_out)},{b(paused)},{label_length_dots:04d},{formats:03d},"
        f"{b(buffer_full)},0,0,000,0,0,0"
    )
    two = f"001,0,{b(head_open)},{b(ribbon_out)},0,2,4,0,00000000,1,000"
    three = "1234,0"
    return b"".join(STX + s.encode() + ETX + b"\r\n" for s in (one, two, three))


def zebra_status(transport: Transport, timeout: float = DEFAULT_STATUS_TIMEOUT) -> ZebraStatus:
    """Ask a ZPL printer with ``~HS``; no (complete) answer in time is a status too."""
    return parse_host_status(transport.query(HOST_STATUS, host_status_complete, timeout))


@dataclass(frozen=True)
class TsplStatus:
    """The ``ESC !?`` status byte of a TSPL printer (``None`` when it did not answer)."""

    byte: int | None

    @property
    def answered(self) -> bool:
        return self.byte is not None

    @property
    def problems(self) -> tuple[str, ...]:
        if self.byte is None:
            return ("no answer: the printer is off or unreachable",)
        names = (
            (0x01, "head open"),
            (0x02, "paper jam"),
            (0x04, "paper out"),
            (0x08, "ribbon out"),
            (0x10, "paused"),
            (0x40, "cover open"),
            (0x80, "temperature out of range"),
        )
        return tuple(words for bit, words in names if self.byte & bit)

    @property
    def printing(self) -> bool:
        return self.byte is not None and bool(self.byte & 0x20)

    @property
    def ready(self) -> bool:
        return not self.problems

    @property
    def paper_out(self) -> bool:
        return self.byte is not None and bool(self.byte & 0x04)


def tspl_status(transport: Transport, timeout: float = DEFAULT_STATUS_TIMEOUT) -> TsplStatus:
    answer = transport.query(TSPL_STATUS, lambda raw: len(raw) >= 1, timeout)
    return TsplStatus(answer[0] if answer else None)
