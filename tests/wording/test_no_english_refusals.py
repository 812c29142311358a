"""No refusal of the core reaches the Chinese window or command line as its English line.

An error class whose catalog entry is only a Chinese lead before the English line
(``{detail}``) must be raised with its own refusal, ``.saying("what", facts...)``, which
``expertscore.wording.errors.ERRORS`` words in both languages. The source is read (ast),
so a new ``raise`` without its wording fails here, not in the user's hands.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from pathlib import Path

import pytest

import expertscore
from expertscore.batch.package import open_package
from expertscore.crypto.dsse import SignatureError, load_public_key
from expertscore.errors import ExpertScoreError
from expertscore.identity.keycard import KeyCardError, read_card
from expertscore.identity.keys import check_owner, unlock_key
from expertscore.identity.recipients import read_recipients
from expertscore.schemes.loader import load_scheme_text
from expertscore.wording import EN, ZH
from expertscore.wording.errors import ERRORS, error_text
from tests.factories import edit_manifest, write_example_package

CORE = Path(expertscore.__file__).parent
CJK = re.compile(r"[\u4e00-\u9fff]")
# Two English words in a row: a sentence (or its part) left in English.
ENGLISH_WORDS = re.compile(r"[A-Za-z]{2,}[ ,]+[A-Za-z]{2,}")

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


def refusals(tmp: Path) -> list[ExpertScoreError]:
    """Real refusals of keys, key cards, schemes, packages and recipients files."""
    (tmp / "card.eskeycard").write_text('{"format": "expertscore-keycard/9"}', encoding="utf-8")
    (tmp / "notes.txt").write_text("hello\n", encoding="utf-8")
    (tmp / "p.esbatch").write_text("not a zip", encoding="utf-8")
    good = write_example_package(tmp / "good.esbatch")

    def wrong_unit(manifest: dict) -> None:
        next(iter(manifest["submissions"][0]["values"].values()))["unit"] = "kg"

    calls: list[Callable[[], object]] = [
        lambda: unlock_key(tmp / "none.eskey", "passphrase"),
        lambda: check_owner("!!", "name", None),
        lambda: read_card(tmp / "card.eskeycard"),
        lambda: read_recipients(tmp / "notes.txt"),
        lambda: read_recipients(tmp / "none.txt"),
        lambda: load_scheme_text("a: 1\na: 2", "s.yaml"),
        lambda: load_scheme_text("format: x", "s.yaml"),
        lambda: load_public_key("AAAA"),
        lambda: open_package(tmp / "p.esbatch"),
        lambda: open_package(tmp / "none.esbatch"),
        lambda: open_package(edit_manifest(good, tmp / "unit.esbatch", wrong_unit)),
    ]
    found = []
    for call in calls:
        with pytest.raises(ExpertScoreError) as caught:
            call()
        found.append(caught.value)
    return found


def test_a_refusal_reads_in_chinese_and_its_english_is_its_line(tmp_path):
    for error in refusals(tmp_path):
        assert error.said, error
        assert error_text(error, EN) == str(error)
        chinese = error_text(error, ZH).replace(str(tmp_path), "")
        assert CJK.search(chinese) and not ENGLISH_WORDS.search(chinese), chinese


def test_an_error_inside_a_refusal_is_worded_in_its_language():
    inner = SignatureError("signature does not match the signed bytes").saying("mismatch")
    outer = KeyCardError("c: key card does not verify (...)").saying(
        "verify", source="c", cause=inner
    )
    assert error_text(outer, ZH) == "c：密钥卡验证不通过（签名与所签内容不符）"
    assert error_text(outer, EN) == (
        "c: key card does not verify (signature does not match the signed bytes)"
    )


def test_a_field_the_model_refuses_is_worded_by_its_kind(tmp_path):
    good = write_example_package(tmp_path / "good.esbatch")

    def no_id(manifest: dict) -> None:
        del manifest["batch"]["id"]

    with pytest.raises(ExpertScoreError) as caught:
        open_package(edit_manifest(good, tmp_path / "bad.esbatch", no_id))
    assert str(caught.value).endswith("bad.esbatch: manifest.json batch id: Field required")
    assert error_text(caught.value, ZH).endswith(
        "bad.esbatch：manifest.json 的 batch id：缺少该字段"
    )
