"""How an address is written on a waybill: Chinese order without saying a place twice."""

from __future__ import annotations

from printers.documents.address import Address


def test_a_municipality_is_named_once() -> None:
    shanghai = Address(name="张三", region="上海", city="上海市", lines=("徐汇区漕溪北路88号",))
    assert shanghai.block() == "上海市徐汇区漕溪北路88号"
    same = Address(name="张三", region="北京市", city="北京市", lines=("朝阳区建国路1号",))
    assert same.block() == "北京市朝阳区建国路1号"


def test_province_and_city_both_stay_when_they_differ() -> None:
    hangzhou = Address(
        name="李四",
        region="浙江省",
        city="杭州市",
        lines=("西湖区文三路5号",),
        postal_code="310012",
    )
    assert hangzhou.block() == "浙江省杭州市西湖区文三路5号 310012"


def test_a_street_line_that_already_names_province_and_city_is_not_prefixed_again() -> None:
    full = Address(name="王五", region="广东省", city="深圳市", lines=("广东省深圳市南山区科技园",))
    assert full.block() == "广东省深圳市南山区科技园"


def test_western_order_is_unchanged() -> None:
    london = Address(
        name="Ann", lines=("1 High St",), city="London", postal_code="N1 9GU", country="GB"
    )
    assert london.block() == "1 High St\nN1 9GU London\nGB"
