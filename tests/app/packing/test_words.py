"""The engine's words: one English template per key, filled in one pass."""

from __future__ import annotations

import pytest

from app.packing.words import TEMPLATES, Words, fill, said


def test_values_are_filled_in_once_whatever_they_hold() -> None:
    assert said("undone", "CUP-%2", 3, 5).english() == (
        "Undone: CUP-%2 back to 3/5. Take it out of the box."
    )
    assert fill("%2 then %1", ("a", "b")) == "b then a"
    assert fill("only %1, not %3", ("x",)) == "only x, not %3"


def test_every_template_gets_the_values_it_names() -> None:
    for key, template in TEMPLATES.items():
        wanted = max((int(c[0]) for c in template.split("%")[1:] if c[:1].isdigit()), default=0)
        english = Words(key, tuple(f"<{n}>" for n in range(1, wanted + 1))).english()
        assert "%" not in english, key


def test_an_unknown_key_is_a_mistake() -> None:
    with pytest.raises(KeyError):
        said("no_such_words")
