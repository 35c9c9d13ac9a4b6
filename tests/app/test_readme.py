"""The README's examples work, as written, on the database ``packdesk demo`` makes,
and it says where ``make run`` puts the ``packdesk`` command."""

from __future__ import annotations

import re
import shlex
import tomllib
from pathlib import Path

import pytest

from app.cli import main
from printers.virtual import VirtualPrinter

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
#: the network printer the README adds, and what stands in for it here
README_PRINTER = "tcp://192.168.1.50:9100"


def readme_examples() -> list[str]:
    """Every ``packdesk`` command in the README's code blocks that is an example to
    run as written: synopses (``[--json]``, ``list|add``, ``FILE``) are left out."""
    blocks = re.findall(r"```[a-z]*\n(.*?)```", README, flags=re.S)
    blocks += re.findall(r"(?:\n {4}.*)+", README)  # indented blocks
    examples = []
    for block in blocks:
        for line in block.replace("\\\n", " ").splitlines():
            if not line.strip().startswith("packdesk "):
                continue
            words = shlex.split(line.strip(), comments=True)
            if any(("[" in w or "|" in w or re.fullmatch(r"[A-Z]+", w)) for w in words):
                continue
            examples.append(shlex.join(words))
    return examples


def test_the_examples_are_found() -> None:
    found = readme_examples()
    assert "packdesk print --doc commands --out commands.pdf" in found
    assert sum(e.startswith("packdesk print ") for e in found) == 4
    assert any(e.startswith("packdesk import ") for e in found)
    assert any(README_PRINTER in e for e in found)


def test_every_example_runs_on_the_demo_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    assert main(["demo", "--db", url]) == 0  # as `make run` makes it
    monkeypatch.chdir(tmp_path)  # (the files the examples write land here)
    with VirtualPrinter(tmp_path / "label", port=0) as label:
        for example in readme_examples():
            words = shlex.split(example.replace(README_PRINTER, label.uri))[1:]
            words = [
                str(ROOT / w) if w.startswith("resources/") else w for w in words
            ]  # run from the project's folder, as the README's paths are
            capsys.readouterr()
            status = main([*words, "--db", url])
            assert status == 0, (example, capsys.readouterr())
        assert len(label.jobs()) == 2  # the test label and the waybill
    assert (tmp_path / "slip.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "picks.pdf").exists() and (tmp_path / "commands.pdf").exists()


def test_the_readme_says_where_the_command_is() -> None:
    """``make run`` does not put ``packdesk`` on the PATH: the README names the
    virtual environment's script, as the Makefile runs it."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^PACKDESK := \$\(VENV\)/bin/packdesk$", makefile, flags=re.M)
    assert re.search(r"^VENV := \.venv$", makefile, flags=re.M)
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "packdesk" in scripts["project"]["scripts"]
    assert "`.venv/bin/packdesk`" in README and "`. .venv/bin/activate`" in README


def test_the_pictures_it_shows_are_there() -> None:
    """Each screenshot the README shows is in the repository, as a PNG of a window's size
    (``make screenshots OUT=readme`` makes them again)."""
    pictures = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", README)
    assert pictures
    for picture in pictures:
        data = (ROOT / picture).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n", picture
        width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        assert width >= 1280 and height >= 700, (picture, width, height)
