"""No refusal of the core reaches the Chinese window or command line as its English line.

An error class whose catalog entry is only a Chinese lead before the English line
(``{detail}``) must be raised with its own refusal, ``.saying("what", facts...)``, which
``expertscore.wording.errors.ERRORS`` words in both languages. The source is read (ast),
so a new ``raise`` without its wording fails here, not in the user's hands.
"""

from __future__ import annotations

import ast
from pathlib import Path

import expertscore
from expertscore.wording.errors import ERRORS

CORE = Path(expertscore.__file__).parent

# The folders whose refusals are all worded (each helper adds the folders it finished).
CHECKED = [
    "",  # the core's own top-level modules (errors.py, selftest.py, ...)
    "batch",
    "cli",
    "crypto",
    "demo",
    "evidence",
    "identity",
    "organizer",
    "schemes",
    "scoring",
    "storage",
    "wording",
]
# Files of those folders with refusals still to word: path -> how many are left. Shrinks
# to nothing; a file that gets better must be taken off (or its count lowered).
STILL_TO_DO: dict[str, int] = {}


def general_only() -> set[str]:
    """The classes worded only by a lead before their English line."""
    return {key for key, text in ERRORS.items() if "." not in key and text.en == "{detail}"}


def self_worded(tree: ast.Module) -> set[str]:
    """Classes that word themselves in ``__init__`` (``self.saying(...)`` from their facts)."""
    found = set()
    for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
        for node in ast.walk(cls):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "saying"
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "self"
            ):
                found.add(cls.name)
    return found


def unworded(tree: ast.Module, classes: set[str]) -> list[int]:
    """Lines that raise (or return, to be raised) one of ``classes`` without ``.saying``."""
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise):
            made = node.exc
        elif isinstance(node, ast.Return):
            made = node.value
        else:
            continue
        if (
            isinstance(made, ast.Call)
            and isinstance(made.func, ast.Name | ast.Attribute)
            and (made.func.id if isinstance(made.func, ast.Name) else made.func.attr) in classes
        ):
            lines.append(node.lineno)
    return lines


def core_trees() -> dict[str, ast.Module]:
    return {
        str(path.relative_to(CORE)): ast.parse(path.read_text(encoding="utf-8"))
        for path in sorted(CORE.rglob("*.py"))
    }


def test_every_refusal_in_the_checked_folders_has_its_own_wording():
    trees = core_trees()
    worded_by_self = set().union(*(self_worded(tree) for tree in trees.values()))
    classes = general_only() - worded_by_self
    assert "PackageError" in classes and "KeyCardError" in classes
    found = {}
    for name, tree in trees.items():
        folder = name.partition("/")[0] if "/" in name else ""
        if folder in CHECKED and (lines := unworded(tree, classes)):
            found[name] = lines
    left = {name: len(lines) for name, lines in found.items()}
    assert left == STILL_TO_DO, (
        "raise these with .saying(...) and a Class.said template in ERRORS "
        f"(docs/wording.md): {found}"
    )


def test_the_check_sees_a_bare_refusal_and_passes_a_worded_one():
    bare = ast.parse('raise PackageError(path, "no such file") from None')
    worded = ast.parse('raise PackageError(path, "no such file").saying("no_file")')
    returned = ast.parse('def f():\n    return SealedError(path, "x")')
    assert unworded(bare, {"PackageError"}) == [1]
    assert unworded(worded, {"PackageError"}) == []
    assert unworded(returned, {"SealedError"}) == [2]
