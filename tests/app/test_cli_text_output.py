"""What the commands print as text: tables whose headings sit over their columns in a
terminal (Chinese characters take two columns), and no raw control characters."""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import UTC, datetime

import pytest

from app import db
from app.cli import main
from app.cli.terminal import display_width, escape_controls, table
from app.models import Order, OrderLine, OrderStatus, Printer, User

ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x1b[31m"  # retitle the window, clear the screen, go red
C1_CSI = "\x9b"  # the 8-bit control sequence introducer


def _columns(line: str) -> list[tuple[int, int]]:
    """Where each cell of a table line starts and ends, in terminal columns (cells are
    separated by two spaces or more)."""
    spans = []
    for match in re.finditer(r"\S+(?: \S+)*", line):
        start = display_width(line[: match.start()])
        spans.append((start, start + display_width(match.group())))
    return spans


def assert_aligned(lines: list[str], right: frozenset[int] | set[int] = frozenset()) -> None:
    """Every row's cells start (or, for right-aligned columns, end) where their
    headings do."""
    heading = _columns(lines[0])
    assert len(heading) > 1
    for line in lines[1:]:
        cells = _columns(line)
        assert len(cells) == len(heading), line
        for i, ((h_start, h_end), (c_start, c_end)) in enumerate(zip(heading, cells, strict=True)):
            if i in right:
                assert c_end == h_end, (line, i)
            else:
                assert c_start == h_start, (line, i)


def test_display_width_counts_chinese_twice_and_marks_not_at_all() -> None:
    assert display_width("Ann") == 3
    assert display_width("张伟") == 4
    assert display_width("ＡＢ") == 4  # full-width letters
    assert display_width("e\u0301") == 1  # e and a combining acute accent
    assert display_width(unicodedata.normalize("NFC", "e\u0301")) == 1


def test_table_pads_by_display_width() -> None:
    lines = table(("name", "qty"), [("张伟", 2), ("Ann Lee", 12), (None, 3)], right=(1,))
    assert lines == [
        "name     qty",
        "张伟       2",
        "Ann Lee   12",
        "-          3",
    ]


def test_escape_controls_keeps_text_and_line_ends() -> None:
    assert escape_controls("a\tb\nc") == "a\tb\nc"
    assert escape_controls("x\x1b[31my\x7f\x9b\r") == "x\\u001b[31my\\u007f\\u009b\\u000d"
    assert escape_controls("张伟 Müller") == "张伟 Müller"


def _seed(url: str) -> None:
    engine = db.make_engine(url)
    with db.unit_of_work(engine) as s:
        for number, customer, city in (
            ("000123", "王芳", "上海"),
            ("A-9", "Ann Lee", "Leeds"),
            ("B-77", "欧阳娜娜 Nana Ouyang", "北京"),
        ):
            s.add(
                Order(
                    channel="tmall" if city in ("上海", "北京") else "web",
                    external_number=number,
                    status=OrderStatus.READY,
                    customer_name=customer,
                    ship_to_name=customer,
                    ship_to_city=city,
                    carrier="顺丰速运" if city == "上海" else "UPS",
                    ship_by=datetime(2026, 1, 15, 14, 0, tzinfo=UTC),
                    lines=[OrderLine(line_no=1, sku="CUP-500", name="保温杯", quantity=12)],
                )
            )
        s.add(User(name="李娜 Li Na", badge="P1001", role="packer"))
        s.add(User(name="Emma Wilson", badge="P1002-LONG-BADGE", role="packer"))
        s.add(Printer(name="标签机", uri="tcp://127.0.0.1:9100", language="zpl", dpi=203))
        s.add(Printer(name="office", uri="cups://HP_LaserJet", language="pdf", dpi=300))
    engine.dispose()


def _table_lines(out: str) -> list[str]:
    """The table of a command's output: its lines up to the count at the end."""
    return [line for line in out.splitlines() if not re.fullmatch(r"\d+ \w+", line)]


@pytest.mark.parametrize(
    ("command", "heading", "right"),
    [
        (["orders"], "channel number status ship by packed customer", {4}),
        (["users", "list"], "name role active PIN locked", set()),
        (["printers", "list"], "name language dpi size address", {2}),
    ],
)
def test_headings_sit_over_their_columns_with_chinese_text(
    sqlite_url: str,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
    heading: str,
    right: set[int],
) -> None:
    _seed(sqlite_url)
    assert main([*command, "--db", sqlite_url]) == 0
    lines = _table_lines(capsys.readouterr().out)
    assert " ".join(lines[0].split()) == heading and len(lines) >= 3
    assert_aligned(lines, right)


def test_board_and_kpi_tables_are_aligned(
    sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _seed(sqlite_url)
    assert main(["board", "--db", sqlite_url]) == 0
    out = capsys.readouterr().out.splitlines()
    start = out.index("ready: 3 (3 late, 0 at risk)") + 1
    cards = [line.removeprefix("  ") for line in out[start : start + 4]]
    assert cards[0].split() == ["order", "standing", "packed", "customer"]
    assert_aligned([c.removeprefix("   ") for c in cards], right={2})
    assert main(["kpi", "--from", "2026-01-15", "--db", sqlite_url]) == 0
    out = capsys.readouterr().out
    sections = [part.splitlines() for part in out.split("\n\n")]
    assert sections[0][0].split() == ["measure", "value"]
    carriers = next(s for s in sections if s[0].startswith("open orders by carrier"))
    assert carriers[1:] == ["UPS                          2", "顺丰速运                     1"]
    assert_aligned(carriers, right={1})


def test_control_characters_never_reach_the_terminal(
    sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Text stored before imports refused control characters, or typed on the
    command line, is printed with them spelled out; JSON keeps the value exact."""
    _seed(sqlite_url)
    evil = f"Eve{ESCAPES}{C1_CSI}1m"
    engine = db.make_engine(sqlite_url)
    with db.unit_of_work(engine) as s:
        order = s.query(Order).filter_by(external_number="A-9").one()
        order.customer_name = evil
    engine.dispose()
    for command in (["orders"], ["orders", "--json"], ["board"], ["board", "--json"]):
        assert main([*command, "--db", sqlite_url]) == 0
        out = capsys.readouterr().out
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", out), command
        assert "Eve\\u001b]0;pwned\\u0007\\u001b[2J" in out
    assert main(["orders", "--json", "--db", sqlite_url]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert {o["number"]: o["customer"] for o in listed}["A-9"] == evil
    assert main(["users", "add", "--name", evil, "--badge", "E1", "--db", sqlite_url]) == 2
    err = capsys.readouterr().err  # refused, and said without the escapes themselves
    assert "\x1b" not in err and "\\x1b[2J" in err
    assert (
        main(["print", "--doc", "slip", f"#{ESCAPES}", "--out", "x.pdf", "--db", sqlite_url]) == 2
    )
    err = capsys.readouterr().err
    assert "\x1b" not in err and err.count("\n") == 1
