"""printers/ takes plain data: it imports neither app nor ui nor Qt."""

from __future__ import annotations

import ast
from pathlib import Path

import printers

FORBIDDEN = ("app", "ui", "PySide6", "sqlalchemy")


def test_printers_imports_neither_app_nor_ui_nor_qt() -> None:
    offenders = []
    for path in Path(printers.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in FORBIDDEN]
    assert offenders == []
