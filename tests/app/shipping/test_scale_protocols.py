"""What the three scale protocols say, line by line, and when readings settle."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.shipping.scale_protocols import Reading, ScaleFault, parse
from app.shipping.settling import SettledWeight, Settling

D = Decimal
UNDERLOAD = "underload: the weight is below the scale's range; zero the scale"


@pytest.mark.parametrize(
    ("protocol", "line", "said"),
    [
        ("mt-sics", "S S      1.234 kg", Reading(D("1234.000"), True, D("1.000"))),
        ("mt-sics", "S D      1.230 kg", Reading(D("1230.000"), False, D("1.000"))),
        ("mt-sics", "S S     -0.004 kg", Reading(D("-4.000"), True, D("1.000"))),
        ("mt-sics", "S S    250.5 g", Reading(D("250.5"), True, D("0.1"))),
        ("mt-sics", "S S      2.50 lb", Reading(D("1133.9809250"), True, D("4.5359237"))),
        ("mt-sics", "S +", ScaleFault("overload: the weight is above the scale's range")),
        (
            "mt-sics",
            "S  -",
            ScaleFault("underload: the weight is below the scale's range; zero the scale"),
        ),
        ("mt-sics", "S I", ScaleFault("the scale cannot weigh now (busy or not ready)")),
        ("mt-sics", "ES", ScaleFault("the scale did not understand a command (syntax error)")),
        ("mt-sics", "ET", ScaleFault("the scale received a garbled command (transmission error)")),
        ("mt-sics", "EL", ScaleFault("the scale cannot carry out the command now (logical error)")),
        ("mt-sics", "Z A", None),  # the zero command acknowledged
        ("mt-sics", "S S   1.2.3 kg", None),
        ("mt-sics", "\x00\xff garbage", None),
        ("cas", "ST,GS,+  1.234kg", Reading(D("1234.000"), True, D("1.000"))),
        ("cas", "US,GS,+  1.230kg", Reading(D("1230.000"), False, D("1.000"))),
        ("cas", "ST,NT,-  0.010kg", Reading(D("-10.000"), True, D("1.000"))),
        ("cas", "ST,GS,1,@,  12.50 kg", Reading(D("12500.00"), True, D("10.00"))),
        ("cas", "OL,GS,+  ------kg", ScaleFault("overload: the weight is above the scale's range")),
        ("cas", "ST,XX,+  1.234kg", None),
        ("cas", "ST,GS", None),
        ("generic", "ST 1234 g", Reading(D("1234"), True, D("1"))),
        ("generic", "unstable 1.2 kg", Reading(D("1200.0"), False, D("100.0"))),
        ("generic", "stable: 8 oz", Reading(D("226.796185000"), True, D("28.349523125"))),
        ("generic", "1234 g", None),
        ("generic", "ST heavy", None),
    ],
)
def test_a_line_is_a_reading_a_fault_or_nothing(protocol: str, line: str, said: object) -> None:
    assert parse(protocol, line) == said


def test_an_unknown_protocol_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="one of mt-sics, cas, generic"):
        parse("dibal", "ST 1 g")


def _stable(grams: str, division: str = "1") -> Reading:
    return Reading(D(grams), True, D(division))


def _feed(settling: Settling, readings: list[tuple[float, Reading]]) -> list[SettledWeight]:
    return [w for at, r in readings if (w := settling.feed(r, at)) is not None]


def test_a_weight_counts_once_it_has_held_for_the_window_and_only_once() -> None:
    settling = Settling(window=1.0)
    ten_a_second = [(n / 10, _stable("1234")) for n in range(25)]
    assert _feed(settling, ten_a_second) == [SettledWeight(D("1234"), D("1"))]
    assert not settling.in_motion


def test_readings_within_one_division_settle_and_wider_ones_do_not() -> None:
    jitter = [(n / 10, _stable("1234" if n % 2 else "1235")) for n in range(12)]
    assert len(_feed(Settling(window=1.0), jitter)) == 1
    wobble = [(n / 10, _stable("1234" if n % 2 else "1237")) for n in range(30)]
    assert _feed(Settling(window=1.0), wobble) == []
    coarse = Settling(window=1.0, resolution=D("5"))
    assert len(_feed(coarse, wobble)) == 1


def test_a_weight_in_motion_never_counts_and_restarts_the_window() -> None:
    settling = Settling(window=1.0)
    moving = [(n / 10, Reading(D("1234"), n != 8, D("1"))) for n in range(15)]
    assert _feed(settling, moving) == []  # 0.9 s stable, a moving reading, then 0.6 s
    assert settling.in_motion
    assert len(_feed(settling, [(1.6, _stable("1234")), (2.0, _stable("1234"))])) == 1


def test_a_gap_in_the_readings_starts_the_window_again() -> None:
    settling = Settling(window=1.0)
    assert _feed(settling, [(0.0, _stable("500")), (0.4, _stable("500"))]) == []
    assert _feed(settling, [(1.2, _stable("500"))]) == []  # 0.8 s without a reading
    assert _feed(settling, [(1.6, _stable("500")), (2.0, _stable("500"))]) == []
    assert len(_feed(settling, [(2.3, _stable("500"))])) == 1


def test_a_new_load_settles_again_and_a_reset_forgets_the_old_one() -> None:
    settling = Settling(window=0.5)
    first = [(n / 10, _stable("800")) for n in range(6)]
    second = [(1 + n / 10, _stable("1600")) for n in range(6)]
    assert [w.grams for w in _feed(settling, first + second)] == [D("800"), D("1600")]
    settling.reset()
    assert settling.latest is None and not settling.in_motion
    with pytest.raises(ValueError):
        Settling(window=0)
