"""The box catalogue: added one by one or imported from a file, all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from app import boxes
from app.cli import main
from app.errors import PackdeskError
from tests.app.acting import as_admin  # noqa: F401  (a fixture)


def test_a_box_is_its_barcode_name_tare_and_inner_size() -> None:
    box = boxes.checked_box(" BOX-M3 ", "Medium 3", "120", "300x200 x150mm")
    assert box == boxes.Box("BOX-M3", "Medium 3", 120, (300, 200, 150))
    assert box.to_json()["size_mm"] == "300x200x150"


@pytest.mark.parametrize(
    ("code", "tare", "size", "says"),
    [
        ("", "120", "", "needs a code"),
        ("BOX M3", "120", "", "no barcode"),
        ("BOX-\x1b[2J", "120", "", "no barcode"),
        ("BOX-M3", "", "", "tare weight"),
        ("BOX-M3", "-5", "", "not a sensible number of grams"),
        ("BOX-M3", "heavy", "", "not a number of grams"),
        ("BOX-M3", "120", "30x20", "LxWxH"),
        ("BOX-M3", "120", "0x20x10", "side of 0 mm"),
    ],
)
def test_a_bad_box_is_refused_in_words(code: str, tare: str, size: str, says: str) -> None:
    with pytest.raises(ValueError, match=says):
        boxes.checked_box(code, "name", tare, size)


@pytest.mark.usefixtures("as_admin")  # (boxes are an admin's setting)
def test_boxes_are_added_listed_and_imported_all_or_nothing(
    engine: Engine, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add = ["boxes", "add", "--code", "BOX-M3", "--name", "中号箱", "--tare-g", "120"]
    assert main([*add, "--db", db_url]) == 0
    assert main([*add, "--db", db_url]) == 2  # the same code twice
    assert "in the catalogue already" in capsys.readouterr().err
    bad = tmp_path / "bad.csv"
    bad.write_text("code,name,tare_g,size\nBOX-S1,Small,80,\nBOX-L,Large,lots,\nBOX-S1,Again,90,\n")
    assert main(["boxes", "import", str(bad), "--db", db_url]) == 2
    err = capsys.readouterr().err
    assert "line 3: tare 'lots' is not a number of grams" in err
    assert "line 4: box BOX-S1 is in the file twice" in err
    assert [b.code for b in boxes.list_boxes(engine)] == ["BOX-M3"]  # nothing imported
    good = tmp_path / "good.csv"
    good.write_text("Code,Name,Tare_g,Size\nBOX-M3,Medium,125,300x200x150\nBAG-1,Bag,15,\n")
    assert main(["boxes", "import", str(good), "--db", db_url]) == 0
    assert [(b.code, b.tare_g) for b in boxes.list_boxes(engine)] == [
        ("BAG-1", 15),
        ("BOX-M3", 125),
    ]
    with pytest.raises(PackdeskError, match="code and tare_g"):
        no_tare = tmp_path / "no_tare.csv"
        no_tare.write_text("code,name\nBOX-1,One\n")
        boxes.read_boxes_file(no_tare)
