"""printing.json: saved and read back as it was (Chinese included), written atomically,
checked before it is written, and never lost: keys Packdesk does not know stay, and a
file that cannot be read is copied aside before it is replaced."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from sqlalchemy import Engine

from app.errors import PackdeskError
from app.printing import config
from app.printing.config import PrintingConfig, Sender
from app.printing.preview import sample_waybill
from printers import gs1

CHINESE = PrintingConfig(
    sender=Sender(
        name="华东仓 East China DC",
        lines=("浦东新区川沙路 1588 号 3 号库", "Building 3, 1588 Chuansha Rd"),
        city="上海市",
        postal_code="201200",
        country="CN",
        region="上海",
        phone="021-5888 0000",
    ),
    gs1_company_prefix="6901234",
    paper="letter",
    shop_name="小熊杂货铺 Little Bear",
    preview_folder="/srv/packdesk/预览",
)


def test_settings_saved_are_read_back_as_they_were_chinese_included() -> None:
    saved = config.save(CHINESE)
    assert saved.path == config.config_path()
    assert saved.kept_aside is None
    assert config.load() == CHINESE
    text = saved.path.read_text(encoding="utf-8")
    assert "华东仓" in text and "小熊杂货铺" in text  # written as it reads, not \u escapes
    assert json.loads(text)["sender"]["lines"][0] == "浦东新区川沙路 1588 号 3 号库"
    assert [p.name for p in saved.path.parent.iterdir()] == ["printing.json"]  # no temp left


def test_saving_keeps_the_file_s_permissions() -> None:
    saved = config.save(PrintingConfig(shop_name="Dock"))
    os.chmod(saved.path, 0o640)
    config.save(PrintingConfig(shop_name="Dock 2"))
    assert saved.path.stat().st_mode & 0o777 == 0o640
    assert config.load().shop_name == "Dock 2"


def test_no_file_is_the_defaults_and_values_are_tidied_on_save() -> None:
    assert config.load() == PrintingConfig()
    messy = PrintingConfig(
        sender=Sender(name="  Dock 4 ", lines=(" 1 Quay St ", "", "  "), city=" Leeds "),
        gs1_company_prefix="６９０ １２３４",  # full-width digits from a Chinese input method
        paper=" A4 ",
    )
    saved = config.save(messy)
    assert saved.config.sender == Sender(name="Dock 4", lines=("1 Quay St",), city="Leeds")
    assert saved.config.gs1_company_prefix == "6901234"
    assert saved.config.paper == "a4"
    assert config.load() == saved.config


def test_keys_packdesk_does_not_know_are_kept() -> None:
    path = config.config_path()
    path.parent.mkdir(parents=True)
    path.write_text(
        json.dumps({"sender": {"name": "Old", "fax": "123"}, "carrier_account": "SF-77"}),
        encoding="utf-8",
    )
    config.save(CHINESE)
    stored = json.loads(path.read_text(encoding="utf-8"))
    assert stored["carrier_account"] == "SF-77"
    assert stored["sender"]["fax"] == "123"
    assert stored["sender"]["name"] == "华东仓 East China DC"


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b'{"sender": {"name": "Dock"', "Cannot read printing settings"),
        (b"\xff\xfe not utf-8", "Cannot read printing settings"),
        (b"[1, 2]", "do not hold a JSON object"),
        (b'{"sender": "Dock 4"}', "'sender' should be an object"),
        (b'{"gs1_company_prefix": 6901234}', "'gs1_company_prefix' should be text"),
        (b'{"sender": {"lines": 5}}', "'sender.lines' should be a list"),
    ],
)
def test_a_broken_file_says_what_is_wrong_and_is_kept_aside_when_replaced(
    content: bytes, words: str
) -> None:
    path = config.config_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    with pytest.raises(PackdeskError, match=words) as raised:
        config.load()
    assert str(path) in str(raised.value)
    saved = config.save(CHINESE)
    assert saved.kept_aside is not None
    assert saved.kept_aside.name.startswith("printing.json.broken-")
    assert saved.kept_aside.read_bytes() == content  # nothing that was in it is lost
    assert config.load() == CHINESE


def test_a_file_with_a_byte_order_mark_and_a_string_of_lines_is_read() -> None:
    path = config.config_path()
    path.parent.mkdir(parents=True)
    body = {"sender": {"name": "仓库", "lines": "一号路\n二号楼", "region": None}}
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(body, ensure_ascii=False).encode())
    assert config.load().sender == Sender(name="仓库", lines=("一号路", "二号楼"))


def test_a_failed_write_leaves_the_old_file_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    config.save(CHINESE)
    before = config.config_path().read_bytes()

    def disk_full(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(PackdeskError, match="No space left on device"):
        config.save(PrintingConfig(sender=Sender(name="New")))
    assert config.config_path().read_bytes() == before
    assert [p.name for p in config.config_path().parent.iterdir()] == ["printing.json"]


@pytest.mark.parametrize(
    ("prefix", "ok"),
    [
        ("", True),  # no SSCC
        ("6901234", True),
        ("0614141234", True),
        ("690123", False),  # 6 digits: too short for this counter's SSCCs
        ("69012345678", False),  # 11 digits
        ("69O1234", False),  # a letter O
        ("٦٩٠١٢٣٤", True),  # Arabic-Indic digits are made ASCII by tidy
    ],
)
def test_the_gs1_company_prefix_is_checked(prefix: str, ok: bool) -> None:
    tidied = config.tidy(PrintingConfig(gs1_company_prefix=prefix))
    found = [p for p in config.problems(tidied) if p.field == "gs1_company_prefix"]
    assert (found == []) is ok
    if ok and tidied.gs1_company_prefix:
        sscc = config.example_sscc(tidied)
        assert sscc is not None and gs1.is_valid_sscc(sscc)
    if not ok:
        assert found[0].kind == "prefix_digits" and found[0].blocking
        with pytest.raises(PackdeskError, match="7 to 10 digits"):
            config.save(tidied)
        assert not config.config_path().exists()


def test_problems_name_the_field_and_only_some_block() -> None:
    found = config.problems(
        config.tidy(PrintingConfig(sender=Sender(name="  "), paper="a5", preview_folder="previews"))
    )
    by_field = {p.field: p for p in found}
    assert by_field["sender.name"].blocking
    assert not by_field["sender.lines"].blocking  # no address: a warning
    assert by_field["paper"].kind == "unknown_paper"
    assert by_field["preview_folder"].kind == "relative_folder"
    assert config.problems(CHINESE) == ()
    # a sender with only a name can be saved (the warning does not block)
    config.save(PrintingConfig(sender=Sender(name="Dock 4")))


def test_a_sample_waybill_is_drawn_with_the_sender_and_prefix(engine: Engine) -> None:
    preview = sample_waybill(engine, "counter-1", CHINESE)
    assert preview.format == "png"
    assert preview.data.startswith(b"\x89PNG")


def test_the_preview_folder_follows_the_setting(tmp_path: Path) -> None:
    assert PrintingConfig(preview_folder=str(tmp_path)).previews() == tmp_path
    assert PrintingConfig().previews().name == "previews"
