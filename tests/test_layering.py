"""The house's one-way dependencies: ``app`` and ``printers`` never use Qt or ``ui``,
and ``printers`` never uses ``app``. Checked statically (every import statement) and
at run time (importing every core module loads no Qt)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.fresh_python import ROOT, fresh_python

FORBIDDEN = {
    "app": ("PySide6", "shiboken6", "ui"),
    "printers": ("PySide6", "shiboken6", "ui", "app"),
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_core_packages_do_not_import_upwards(package: str) -> None:
    offenders = []
    for path in sorted((ROOT / package).rglob("*.py")):
        for name in imported_modules(path):
            top = name.split(".")[0]
            if top in FORBIDDEN[package]:
                offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offenders == []


def test_importing_the_whole_core_loads_no_qt() -> None:
    code = (
        "import importlib, pkgutil, sys\n"
        "import app, printers\n"
        "for pkg in (app, printers):\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        if '.migrations' not in m.name:\n"
        "            importlib.import_module(m.name)\n"
        "bad = sorted(n for n in sys.modules if n.split('.')[0] in ('PySide6', 'ui'))\n"
        "print(','.join(bad))\n"
    )
    assert fresh_python(code).strip() == ""
