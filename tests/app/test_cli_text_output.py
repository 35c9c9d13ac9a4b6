"""What the commands print as text: no raw control characters."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

import pytest

from app import db
from app.cli import main
from app.cli.terminal import escape_controls
from app.models import Order, OrderLine, OrderStatus, Printer, User

ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x1b[31m"  # retitle the window, clear the screen, go red
C1_CSI = "\x9b"  # the 8-bit control sequence introducer


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
    assert main(["users", "add", "--name", evil, "--badge", "E1", "--db", sqlite_url]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\\u001b[2J" in out
    assert (
        main(["print", "--doc", "slip", f"#{ESCAPES}", "--out", "x.pdf", "--db", sqlite_url]) == 2
    )
    err = capsys.readouterr().err
    assert "\x1b" not in err and err.count("\n") == 1
