"""The core must never import Qt: experts' scripts and the chair's server-less tools use it."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parent.parent / "expertscore"
FORBIDDEN = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "ui")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_no_core_module_imports_qt_or_ui():
    offenders = {
        str(path.relative_to(CORE)): sorted(imported_modules(path) & set(FORBIDDEN))
        for path in CORE.rglob("*.py")
    }
    offenders = {name: mods for name, mods in offenders.items() if mods}
    assert offenders == {}


def test_importing_every_core_module_loads_no_qt():
    modules = [
        ".".join(path.relative_to(CORE.parent).with_suffix("").parts)
        for path in CORE.rglob("*.py")
        # Alembic scripts run only inside Alembic; their imports are checked by the AST test.
        if path.name != "__main__.py" and "migrations" not in path.parts
    ]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')]\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
