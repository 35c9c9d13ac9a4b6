"""Code run in a new interpreter, for what only a fresh process shows: which modules
an import loads."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def fresh_python(code: str) -> str:
    """What ``code`` prints, run in a new interpreter from the project's root."""
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    ).stdout
