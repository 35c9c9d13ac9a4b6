"""Carriers' tracking numbers: check digits against real numbers, what a check digit
catches (and, where the carrier's rule has one, its blind spot), ranges and pool files."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.errors import PackdeskError
from app.shipping.tracking_numbers import (
    CheckRule,
    PoolFileError,
    check_digit,
    expand_range,
    is_valid,
    normalise,
    problem,
    read_pool,
    read_pool_file,
)

UPS, USPS, S10, NONE = CheckRule.UPS, CheckRule.USPS, CheckRule.S10, CheckRule.NONE

# Real numbers with their real check digits: UPS's own documentation examples and
# numbers published with tracking libraries' test data (jkeen/tracking_number_data).
REAL_UPS = [
    "1Z999AA10123456784",
    "1Z12345E6605272234",
    "1Z5R89390357567127",
    "1Z879E930346834440",
    "1Z410E7W0392751591",
    "1Z8V92A70367203024",
]
REAL_USPS = [
    "03071790000523483741",  # 20 digits
    "71123456789123456787",
    "9400111201080805483016",  # 22: IMpb
    "9361289878700317633795",
    "9505511069605048600624",
    "9405803699300124287899",
    "92748931507708513018050063",  # 26
    "420221539101026837331000039521",  # 30: 420 + ZIP + 22
    "4201002334249200190132607600833457",  # 34: 420 + ZIP+4 + 22
    "4201028200009261290113185417468510",
]
REAL_S10 = ["EE123456785CN", "RB123456785GB", "RB123456785US"]

digits = st.text(alphabet="0123456789", min_size=1, max_size=1)
ups_chars = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@st.composite
def ups_numbers(draw: st.DrawFn) -> str:
    body = "1Z" + draw(st.text(alphabet=ups_chars, min_size=15, max_size=15))
    return body + check_digit(body, UPS)


@st.composite
def ups_numeric_numbers(draw: st.DrawFn) -> str:
    body = "1Z" + draw(st.text(alphabet="0123456789", min_size=15, max_size=15))
    return body + check_digit(body, UPS)


@st.composite
def usps_numbers(draw: st.DrawFn) -> str:
    length = draw(st.sampled_from([20, 22, 26, 30, 34]))
    if length >= 30:
        tail = draw(st.text(alphabet="0123456789", min_size=length - 4, max_size=length - 4))
        body = "420" + tail
    else:
        body = draw(st.text(alphabet="0123456789", min_size=length - 1, max_size=length - 1))
    return body + check_digit(body, USPS)


@st.composite
def s10_numbers(draw: st.DrawFn) -> str:
    service = draw(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=2, max_size=2))
    serial = draw(st.text(alphabet="0123456789", min_size=8, max_size=8))
    country = draw(st.sampled_from(["CN", "GB", "US", "DE", "FR"]))
    return service + serial + check_digit(service + serial + country, S10) + country


def changed(number: str, place: int, digit: str) -> str:
    return number[:place] + digit + number[place + 1 :]


# --- normalising and the three rules against real numbers ----------------------------


def test_a_number_is_normalised_without_spaces_or_hyphens_in_upper_case() -> None:
    assert normalise("  1z 999aa1-0123 4567 84 \n") == "1Z999AA10123456784"
    assert normalise("ee 123 456 785 cn") == "EE123456785CN"


@pytest.mark.parametrize("number", REAL_UPS)
def test_real_ups_numbers_are_valid(number: str) -> None:
    assert problem(number, UPS) is None
    assert check_digit(number[:-1], UPS) == number[-1]


def test_ups_letters_count_as_ups_maps_them() -> None:
    # A=2 ... H=9, I=0, J=1 ...: the E of 1Z12345E66... counts 6, the A of 1Z999AA... 2
    assert check_digit("1Z999AA1012345678", UPS) == "4"
    assert check_digit("1Z12345E6605272234"[:-1], UPS) == "4"
    # A and K count the same (2): swapping one for the other is not seen
    assert is_valid("1Z999KK10123456784", UPS)


def test_ups_sandbox_numbers_need_not_carry_a_valid_check_digit() -> None:
    # 1Z12345E0205271688 is a sample of UPS's test environment, not a number whose
    # check digit holds: the mapping that every real number above agrees on wants 6.
    assert problem("1Z12345E0205271688", UPS) == "bad check digit (expected 6)"


@pytest.mark.parametrize("number", REAL_USPS)
def test_real_usps_numbers_are_valid(number: str) -> None:
    assert problem(number, USPS) is None
    assert check_digit(number[:-1], USPS) == number[-1]


def test_usps_routing_code_lies_outside_the_check() -> None:
    routed = "420221539101026837331000039521"
    assert is_valid(routed[8:], USPS)  # the 22-digit number after 420 + ZIP
    assert is_valid("42090210" + routed[8:], USPS)  # the same number to another ZIP
    assert problem("999999999101026837331000039521", USPS) == (
        "USPS numbers of 30 or 34 digits start 420 (the ZIP routing code)"
    )


def test_a_usps_number_made_up_from_the_usual_pattern_needs_its_own_check_digit() -> None:
    assert problem("9400111899223100012345", USPS) == "bad check digit (expected 8)"
    assert is_valid("9400111899223100012348", USPS)
    # worked by hand: weights 3,1,3... from the right over 940011189922310001234
    # 4*3+3+2*3+1+0+0+1*3+3+2*3+2+9*3+9+8*3+1+1*3+1+0+0+4*3+9 = 142; 10 - 2 = 8
    assert check_digit("940011189922310001234", USPS) == "8"


@pytest.mark.parametrize("number", REAL_S10)
def test_real_s10_numbers_are_valid(number: str) -> None:
    assert problem(number, S10) is None
    assert check_digit(number[:10] + number[11:], S10) == number[10]


def test_s10_check_digits_10_and_11_become_0_and_5() -> None:
    # weights 8,6,4,2,3,5,9,7; sums with remainder 1 give 11 - 1 = 10 -> 0,
    # remainder 0 gives 11 -> 5
    assert check_digit("EE10000000CN", S10) == "3"  # 8 % 11 = 8 -> 3
    assert check_digit("EE00004000CN", S10) == "0"  # 4 * 3 = 12 % 11 = 1 -> 10 -> 0
    assert check_digit("EE00000000CN", S10) == "5"  # 0 -> 11 -> 5


def test_none_takes_any_6_to_40_letters_and_digits() -> None:
    assert is_valid("SF1000", NONE)
    assert is_valid("x" * 40, NONE)
    assert problem("SF100", NONE) == "tracking numbers are 6 to 40 letters and digits"
    assert problem("A" * 41, NONE) == "tracking numbers are 6 to 40 letters and digits"
    assert problem("SF/1000", NONE) == (
        "only letters A-Z and digits belong in a tracking number, not '/'"
    )
    with pytest.raises(ValueError, match="no check digit"):
        check_digit("SF1000", NONE)


@pytest.mark.parametrize(
    ("number", "rule", "reason"),
    [
        ("", UPS, "no tracking number"),
        ("2Z5R89390357567127", UPS, "UPS numbers are 18 characters starting 1Z"),
        ("1Z5R8939035756712", UPS, "UPS numbers are 18 characters starting 1Z"),
        ("1Z5R8939035756712X", UPS, "bad check digit (expected 7)"),
        ("1Z1111111111111111", UPS, "bad check digit (expected 8)"),
        ("9400 1112 0108 0805 4830 1A", USPS, "USPS numbers are all digits"),
        ("940011120108080548301", USPS, "USPS numbers are 20, 22, 26, 30 or 34 digits"),
        ("03071790000523483742", USPS, "bad check digit (expected 1)"),
        ("RB123456786US", S10, "bad check digit (expected 5)"),
        (
            "RB12345678GB",
            S10,
            "S10 numbers are 2 letters, 9 digits and 2 letters, such as EE123456785CN",
        ),
        (
            "1B123456785GB",
            S10,
            "S10 numbers are 2 letters, 9 digits and 2 letters, such as EE123456785CN",
        ),
        ("RB12345678ÉGB", S10, "only letters A-Z and digits belong in a tracking number, not 'É'"),
    ],
)
def test_problems_say_what_is_wrong(number: str, rule: CheckRule, reason: str) -> None:
    assert problem(number, rule) == reason
    assert not is_valid(number, rule)


@pytest.mark.parametrize(
    ("body", "rule"),
    [
        ("1Z999AA101234567", UPS),
        ("2Z999AA1012345678", UPS),
        ("94001112010808054830", USPS),  # 20 + check = 21 digits
        ("99922153910102683733100003952", USPS),  # 30 digits without 420
        ("EE12345678", S10),  # S10 without its country
        ("EE123456785CN", S10),  # with its check digit
    ],
)
def test_check_digit_refuses_a_malformed_body(body: str, rule: CheckRule) -> None:
    with pytest.raises(ValueError):
        check_digit(body, rule)


# --- what a check digit catches ------------------------------------------------------


@given(usps_numbers(), st.data())
def test_usps_any_one_digit_changed_in_the_tracking_number_is_seen(
    number: str, data: st.DataObject
) -> None:
    first = 8 if len(number) == 30 else 12 if len(number) == 34 else 0  # after 420 + ZIP
    place = data.draw(st.integers(first, len(number) - 1))
    digit = data.draw(digits.filter(lambda d: d != number[place]))
    assert not is_valid(changed(number, place, digit), USPS)


@given(ups_numbers(), st.data())
def test_ups_one_character_changed_is_seen_but_for_a_5_in_an_even_place(
    number: str, data: st.DataObject
) -> None:
    place = data.draw(st.integers(2, 17))
    digit = data.draw(digits.filter(lambda d: d != number[place]))
    ups_value = {c: (int(c) if c.isdigit() else (ord(c) - 63) % 10) for c in ups_chars}
    doubled = place < 17 and (place - 2) % 2 == 1  # the 2nd, 4th ... of the 15
    blind = doubled and abs(ups_value[digit] - ups_value[number[place]]) == 5
    letter_same = ups_value[digit] == ups_value[number[place]]  # a letter worth the digit
    assert is_valid(changed(number, place, digit), UPS) == (blind or letter_same)


def test_ups_blind_spot_a_digit_in_an_even_place_changed_by_5() -> None:
    # doubling without Luhn's digit sum: 2 * 3 and 2 * 8 are both 6 mod 10
    assert is_valid("1Z999AA10123456784", UPS)
    assert is_valid("1Z999AA10623456784", UPS)  # the 10th character 1 -> 6
    assert not is_valid("1Z999AA11123456784", UPS)  # an odd place: seen


@given(s10_numbers(), st.data())
def test_s10_one_digit_changed_is_seen_unless_both_sums_give_check_digit_5(
    number: str, data: st.DataObject
) -> None:
    place = data.draw(st.integers(2, 10))
    digit = data.draw(digits.filter(lambda d: d != number[place]))
    other = changed(number, place, digit)
    if place == 10:  # the check digit itself
        assert not is_valid(other, S10)
    elif is_valid(other, S10):
        assert number[10] == other[10] == "5"  # remainders 0 and 6 both give 5


def test_s10_blind_spot_remainders_0_and_6_share_check_digit_5() -> None:
    # RB123456785GB: sum 204, 204 % 11 = 6 -> 5; 1 -> 3 adds 16, sum 220 % 11 = 0 -> 5
    assert is_valid("RB123456785GB", S10)
    assert is_valid("RB323456785GB", S10)
    assert not is_valid("RB223456785GB", S10)


@given(ups_numeric_numbers(), st.integers(2, 15))
def test_ups_swapping_two_different_neighbours_before_the_check_digit_is_seen(
    number: str, place: int
) -> None:
    a, b = number[place], number[place + 1]
    swapped = number[:place] + b + a + number[place + 2 :]
    assert is_valid(swapped, UPS) == (a == b)


@given(usps_numbers(), st.data())
def test_usps_swapping_neighbours_is_seen_unless_they_differ_by_5(
    number: str, data: st.DataObject
) -> None:
    first = 8 if len(number) == 30 else 12 if len(number) == 34 else 0
    place = data.draw(st.integers(first, len(number) - 2))  # the check digit included
    a, b = number[place], number[place + 1]
    swapped = number[:place] + b + a + number[place + 2 :]
    assert is_valid(swapped, USPS) == (a == b or abs(int(a) - int(b)) == 5)


# --- ranges --------------------------------------------------------------------------


def test_a_ups_range_of_5_gives_5_valid_numbers_with_their_own_check_digits() -> None:
    last = "1Z999AA1012345682" + check_digit("1Z999AA1012345682", UPS)
    numbers = expand_range("1Z999AA10123456784", last, UPS, limit=10)
    assert numbers == [
        "1Z999AA10123456784",
        "1Z999AA10123456793",
        "1Z999AA10123456800",
        "1Z999AA10123456819",
        "1Z999AA10123456828",
    ]
    assert all(is_valid(n, UPS) for n in numbers)
    assert [n[:-1][-3:] for n in numbers] == ["678", "679", "680", "681", "682"]


def test_a_usps_range_counts_the_number_before_its_check_digit() -> None:
    last = "940011120108080548304" + check_digit("940011120108080548304", USPS)
    numbers = expand_range("9400111201080805483016", last, USPS, limit=10)
    assert [n[:-1] for n in numbers] == [f"94001112010808054830{i}" for i in range(1, 5)]
    assert numbers[0] == "9400111201080805483016"
    assert all(is_valid(n, USPS) for n in numbers)


def test_a_usps_range_across_a_carry() -> None:
    first = "940011120108080548299" + check_digit("940011120108080548299", USPS)
    last = "940011120108080548302" + check_digit("940011120108080548302", USPS)
    numbers = expand_range(first, last, USPS, limit=10)
    assert [n[-4:-1] for n in numbers] == ["299", "300", "301", "302"]
    assert all(is_valid(n, USPS) for n in numbers)


def test_an_s10_range_keeps_the_country_after_the_check_digit() -> None:
    last = "EE12345680" + check_digit("EE12345680CN", S10) + "CN"
    assert expand_range("EE123456785CN", last, S10, limit=10) == [
        "EE123456785CN",
        "EE123456799CN",
        "EE123456808CN",
    ]


def test_without_a_check_digit_a_range_counts_through() -> None:
    assert expand_range("SF1000", "sf-1003", NONE, limit=10) == [
        "SF1000",
        "SF1001",
        "SF1002",
        "SF1003",
    ]
    # the run counts through the digits the two ends share after it
    assert expand_range("SF1009", "SF1012", NONE, limit=10) == [
        "SF1009",
        "SF1010",
        "SF1011",
        "SF1012",
    ]
    assert len(expand_range("SF1000", "SF1010", NONE, limit=20)) == 11
    assert expand_range("JD0099X", "JD0101X", NONE, limit=5) == ["JD0099X", "JD0100X", "JD0101X"]
    assert expand_range("SF1000", "SF1000", NONE, limit=1) == ["SF1000"]


@pytest.mark.parametrize(
    ("first", "last", "rule", "message"),
    [
        ("SF1003", "SF1000", NONE, "the last number SF1000 comes before the first SF1003"),
        ("SF1000", "SG1001", NONE, "SF1000 and SG1001 are not of one shape"),
        ("SF1000", "SF10000", NONE, "SF1000 and SF10000 are not of one shape"),
        ("SF0001", "SF9999", NONE, r"SF0001..SF9999 holds 9,999 numbers, more than 100"),
        ("1Z999AA10123456784", "1Z999AA10123456785", UPS, "the last number .*expected 4"),
        ("1Z999AA10123456785", "1Z999AA10123456784", UPS, "the first number"),
        ("RB123456785GB", "RB123456799CN", S10, "not of one shape"),
    ],
)
def test_a_bad_range_says_why(first: str, last: str, rule: CheckRule, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        expand_range(first, last, rule, limit=100)


def test_a_range_of_exactly_the_limit_is_fine() -> None:
    assert len(expand_range("SF0001", "SF0100", NONE, limit=100)) == 100


# --- pool files ----------------------------------------------------------------------


def ups(n: int) -> str:
    """A valid UPS number, the n-th of one shipper's block."""
    body = f"1Z999AA101{n:07d}"
    return body + check_digit(body, UPS)


def test_a_pool_of_one_number_a_line_with_comments_and_blank_lines() -> None:
    text = f"# block from UPS, March\n{ups(1)}\n\n  {ups(2).lower()}  \n# end\n"
    assert read_pool(text, UPS) == [ups(1), ups(2)]


def test_ranges_mixed_with_single_numbers_keep_file_order() -> None:
    text = f"{ups(10)}\n{ups(1)} .. {ups(3)}\n{ups(20)}\r\n"
    assert read_pool(text, UPS) == [ups(10), ups(1), ups(2), ups(3), ups(20)]


def test_a_utf8_bom_is_fine() -> None:
    assert read_pool(f"\ufeff{ups(1)}\n{ups(2)}\n", UPS) == [ups(1), ups(2)]
    assert read_pool(f"\ufefftracking\n{ups(1)}\n", UPS) == [ups(1)]


def test_a_csv_with_a_tracking_column() -> None:
    text = f'order,Tracking,note\nA-1,{ups(1)},"fragile, this side up"\nA-2,{ups(2)},\n'
    assert read_pool(text, UPS) == [ups(1), ups(2)]


def test_a_semicolon_csv_with_a_tracking_number_column() -> None:
    text = f"Id;TRACKING_NUMBER\n1;{ups(1)}\n2;{ups(2)}\n;\n"
    assert read_pool(text, UPS) == [ups(1), ups(2)]


def test_a_tab_separated_file_and_a_one_column_csv() -> None:
    assert read_pool(f"carrier\ttracking\nUPS\t{ups(1)}\n", UPS) == [ups(1)]
    assert read_pool(f'"Tracking"\n{ups(1)}\n{ups(2)}\n', UPS) == [ups(1), ups(2)]


def test_a_csv_without_a_tracking_column_is_refused() -> None:
    with pytest.raises(PoolFileError) as caught:
        read_pool(f"order,number\nA-1,{ups(1)}\n", UPS)
    assert caught.value.problems == [
        (1, "order,number", "the header has no 'tracking' column (it has: order, number)")
    ]


def test_three_bad_rows_are_all_named_with_their_line_numbers() -> None:
    bad_check = ups(2)[:-1] + str((int(ups(2)[-1]) + 1) % 10)
    text = "\n".join(
        [
            "# pool",
            ups(1),
            bad_check,
            ups(3),
            "1Z999",
            "",
            f"{ups(9)}..{ups(5)}",
            ups(4),
        ]
    )
    with pytest.raises(PoolFileError) as caught:
        read_pool(text, UPS)
    err = caught.value
    assert err.problems == [
        (3, bad_check, f"bad check digit (expected {ups(2)[-1]})"),
        (5, "1Z999", "UPS numbers are 18 characters starting 1Z"),
        (7, f"{ups(9)}..{ups(5)}", f"the last number {ups(5)} comes before the first {ups(9)}"),
    ]
    message = str(err)
    assert message.startswith("3 bad rows, nothing was read: line 3 ")
    assert "line 5 ('1Z999')" in message
    assert "line 7 " in message
    assert isinstance(err, PackdeskError)


def test_the_message_names_the_first_rows_and_counts_the_rest() -> None:
    text = "\n".join(["tracking", *("1Z0" for _ in range(5))])
    with pytest.raises(PoolFileError) as caught:
        read_pool(text, UPS)
    assert len(caught.value.problems) == 5
    assert [n for n, _, _ in caught.value.problems] == [2, 3, 4, 5, 6]
    assert "line 4 " in str(caught.value)
    assert "line 5 " not in str(caught.value)
    assert str(caught.value).endswith("; and 2 more.")


def test_a_number_given_twice_is_a_bad_row() -> None:
    with pytest.raises(PoolFileError) as caught:
        read_pool(f"{ups(1)}\n{ups(2)}\n{ups(1).lower()}\n", UPS)
    assert caught.value.problems == [
        (3, ups(1).lower(), f"{ups(1)} is given twice (first on line 1)")
    ]


def test_a_range_over_numbers_already_given_is_a_bad_row() -> None:
    with pytest.raises(PoolFileError) as caught:
        read_pool(f"{ups(1)}..{ups(5)}\n{ups(3)}..{ups(8)}\n", UPS)
    ((line, _, reason),) = caught.value.problems
    assert line == 2
    assert reason == f"3 numbers are given twice, such as {ups(3)} (first on line 1)"


def test_a_pool_past_the_limit_is_refused() -> None:
    text = "SF0001..SF0008\nSF0009\nSF0010..SF0012\nXX\n"
    with pytest.raises(PoolFileError) as caught:
        read_pool(text, NONE, limit=10)
    assert caught.value.problems == [
        (3, "SF0010..SF0012", "more than 10 numbers in the pool"),
        (4, "XX", "tracking numbers are 6 to 40 letters and digits"),  # still checked
    ]
    assert len(read_pool(text.replace("XX\n", ""), NONE, limit=12)) == 12


def test_a_range_line_that_is_no_range() -> None:
    with pytest.raises(PoolFileError) as caught:
        read_pool("SF0001..SF0002..SF0003\nSF0004..\n", NONE)
    assert [reason for _, _, reason in caught.value.problems] == [
        "a range is written FIRST..LAST",
        "a range is written FIRST..LAST",
    ]


def test_a_row_without_a_number_in_its_tracking_cell() -> None:
    with pytest.raises(PoolFileError) as caught:
        read_pool(f"order,tracking\nA-1,{ups(1)}\nA-2,\nA-3\n", UPS)
    assert caught.value.problems == [
        (3, "A-2,", "no tracking number in this row"),
        (4, "A-3", "no tracking number in this row"),
    ]


def test_a_pool_with_no_numbers_is_refused() -> None:
    with pytest.raises(PoolFileError, match="no tracking numbers"):
        read_pool("# nothing yet\n\n", UPS)
    with pytest.raises(PoolFileError, match="no tracking numbers"):
        read_pool("tracking\n", UPS)


def test_a_pool_file_is_read_as_utf8(tmp_path: Path) -> None:
    path = tmp_path / "ups-march.csv"
    path.write_bytes(b"\xef\xbb\xbftracking\r\n" + ups(1).encode() + b"\r\n")
    assert read_pool_file(path, UPS) == [ups(1)]


def test_a_pool_file_that_is_missing_empty_or_not_utf8(tmp_path: Path) -> None:
    with pytest.raises(PoolFileError, match=r"nowhere\.txt: there is no such file"):
        read_pool_file(tmp_path / "nowhere.txt", UPS)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b" \r\n")
    with pytest.raises(PoolFileError, match=r"empty\.txt is empty"):
        read_pool_file(empty, UPS)
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes(b"tracking;note\n" + ups(1).encode() + b";caf\xe9\n")
    with pytest.raises(PoolFileError) as caught:
        read_pool_file(latin1, UPS)
    assert str(caught.value).startswith("latin1.csv is not UTF-8 text: 1 bad row")
    assert caught.value.problems == [(2, f"{ups(1)};caf\ufffd", "byte 0xE9 is not UTF-8 text")]


def test_a_bad_pool_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "pool.txt"
    path.write_text(f"{ups(1)}\n1Z0\n", encoding="utf-8")
    with pytest.raises(PoolFileError) as caught:
        read_pool_file(path, UPS)
    assert str(caught.value).startswith("pool.txt: 1 bad row, nothing was read: line 2 ")
    assert caught.value.problems == [(2, "1Z0", "UPS numbers are 18 characters starting 1Z")]
