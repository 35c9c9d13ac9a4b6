from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from printers import fonts
from printers.errors import LayoutError
from printers.layout import (
    Barcode,
    Overflow,
    Page,
    SetText,
    Text,
    fit,
    set_text,
    wrap,
)
from printers.symbols import Symbology

ADDRESS_CN = "上海市浦东新区世纪大道100号上海环球金融中心75楼7501室"
ADDRESS_EN = "Flat 12, 221B Baker Street, Marylebone, London NW1 6XE, United Kingdom"


@settings(max_examples=80, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("ab cd,上海市浦东 1234567890-")), max_size=200),
    st.floats(min_value=10, max_value=100),
)
def test_wrapped_lines_never_exceed_the_width_and_keep_every_character(
    text: str, width: float
) -> None:
    lines = wrap(text, width, 9)
    for line in lines:
        assert fonts.text_width_mm(line, 9) <= width + 1e-6 or len(line) == 1
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_latin_wraps_at_spaces_and_chinese_between_characters() -> None:
    lines = wrap(ADDRESS_EN, 60, 10)
    assert len(lines) > 1
    assert all(not line.startswith(" ") and not line.endswith(" ") for line in lines)
    assert " ".join(lines) == ADDRESS_EN
    assert "".join(wrap(ADDRESS_CN, 30, 10)) == ADDRESS_CN


def test_long_text_shrinks_before_it_is_ever_cut() -> None:
    t = Text(0, 0, 80, ADDRESS_CN * 3, size=10, max_lines=2, min_size=6, name="address")
    set_, _ = set_text(t)
    assert set_.size < 10
    assert "".join(set_.lines) == ADDRESS_CN * 3
    assert len(set_.lines) * set_.line_height <= t.height + 1e-6


def test_text_that_cannot_fit_is_an_error_naming_the_field() -> None:
    t = Text(0, 0, 80, ADDRESS_CN * 20, size=10, max_lines=2, name="recipient address")
    with pytest.raises(LayoutError, match="recipient address does not fit"):
        set_text(t)
    strict = Text(0, 0, 20, ADDRESS_EN, size=10, overflow=Overflow.ERROR, name="city")
    with pytest.raises(LayoutError, match="city"):
        set_text(strict)


def test_characters_no_font_has_are_reported_not_dropped() -> None:
    set_, warnings = set_text(Text(0, 0, 80, "张三 😀 𠮷野", name="recipient"))
    assert set_.lines == ("张三 ? ?野",)
    assert len(warnings) == 1 and "😀" in warnings[0] and "𠮷" in warnings[0]


def test_content_outside_the_page_is_an_error() -> None:
    page = Page(50, 30, (Text(5, 25, 40, "x", size=12, max_lines=2, name="footer"),))
    with pytest.raises(LayoutError, match=r"footer .* outside the 50 x 30 mm page"):
        fit(page, 203)


def test_a_barcode_too_long_for_its_box_is_an_error() -> None:
    page = Page(50, 30, (Barcode(2, 2, 30, 20, Symbology.CODE128, "X" * 40, name="tracking"),))
    with pytest.raises(LayoutError, match="tracking"):
        fit(page, 203)


def test_barcode_modules_shrink_to_fit_and_snap_to_whole_dots() -> None:
    page = Page(60, 30, (Barcode(2, 2, 56, 20, Symbology.CODE128, "SF1234567890123"),))
    (bc,) = fit(page, 203).elements
    assert not isinstance(bc, SetText)
    width, _ = bc.size_mm(203)  # type: ignore[union-attr]
    assert width <= 56
    assert bc.module_dots >= 2  # type: ignore[union-attr]
