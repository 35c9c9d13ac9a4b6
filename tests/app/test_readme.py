"""The README says where ``make run`` puts the ``packdesk`` command."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_readme_says_where_the_command_is() -> None:
    """``make run`` does not put ``packdesk`` on the PATH: the README names the
    virtual environment's script, as the Makefile runs it."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^PACKDESK := \$\(VENV\)/bin/packdesk$", makefile, flags=re.M)
    assert re.search(r"^VENV := \.venv$", makefile, flags=re.M)
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "packdesk" in scripts["project"]["scripts"]
    assert "`.venv/bin/packdesk`" in README and "`. .venv/bin/activate`" in README
