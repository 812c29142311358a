"""No refusal of the chair, the Excel form, the results, the registry or the printed
sheets reaches the Chinese window or command line as an English line under a Chinese lead.

A class whose general template only leads into the English line (``{detail}``) must be
raised with its own wording: ``.saying("what", ...)`` where it is raised, its ``FormRule``
(a form error), or a ``self.saying`` of its own ``__init__``. The commands then say the
refusal in Chinese end to end (the installed console script, real files).
"""

from __future__ import annotations

import ast
import os
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest

import expertscore
from expertscore.wording.errors import ERRORS
from tests.xlsxform.conftest import SCHEME, standard_sheets, write_book

CORE = Path(expertscore.__file__).parent
DIRS = ("chair", "xlsxform", "results", "registry", "reports")
# Files still raising a refusal worded only by its class's lead, with how many: none left.
STILL_TO_WORD: dict[str, int] = {}
# A refused signed file (result, panel file, note) whose reason comes from a checker that
# returns an English line (the log's chain, the file's layout, the batch's rules, a key's
# trust): still shown under the Chinese lead. Shrink this as the checkers return facts.
REASON_STILL_ENGLISH = {
    "chair/member_notes.py": 1,  # KeyUntrusted's line
    "chair/panel_file/signed.py": 1,  # parse_panel_payload's ValueError
    "results/model.py": 1,  # the payload's format
    "results/verify.py": 6,  # the log, its chain, the layout, the batch, the panel
}
EXE = Path(sys.executable).with_name("expertscore")
# Two English words in a row: a sentence (or its part) left in English.
ENGLISH_WORDS = re.compile(r"[A-Za-z]{2,}[ ,]+[A-Za-z]{2,}")


def general_naming(facts: set[str]) -> set[str]:
    """Classes whose general Chinese template names exactly ``facts``."""
    found = set()
    for key, text in ERRORS.items():
        names = {field for _, field, _, _ in string.Formatter().parse(text.zh) if field}
        if "." not in key and names == facts:
            found.add(key)
    return found


def lead_only() -> set[str]:
    """Classes whose general Chinese template names no fact but the English line."""
    return general_naming({"detail"})


def worded_by_init() -> set[str]:
    """Classes whose ``__init__`` chooses their wording (``self.saying(...)``)."""
    found = set()
    for path in CORE.rglob("*.py"):
        for cls in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(cls, ast.ClassDef):
                continue
            init = [n for n in cls.body if isinstance(n, ast.FunctionDef) and n.name == "__init__"]
            for node in ast.walk(init[0]) if init else ():
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "saying"
                    and isinstance(node.func.value, ast.Name)
                    and node.func.value.id == "self"
                ):
                    found.add(cls.name)
    return found


def given_a_rule(call: ast.Call) -> bool:
    """A form error made with its ``FormRule`` (``rule=FormRule.X`` or positionally)."""
    values = [*call.args, *(k.value for k in call.keywords)]
    return any(ast.unparse(value).startswith("FormRule.") for value in values)


def english_refusals(path: Path, lead: set[str]) -> list[int]:
    """Lines of ``path`` raising a ``lead``-only class (or a form sheet's or row's
    ``.error(...)``) with no wording of its own."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
            continue
        call, func = node.exc, node.exc.func
        bare_class = isinstance(func, ast.Name) and func.id in lead
        form_helper = isinstance(func, ast.Attribute) and func.attr == "error"
        if (bare_class or form_helper) and not given_a_rule(call):
            lines.append(node.lineno)
    return lines


def test_every_refusal_in_these_folders_has_its_own_wording():
    lead = lead_only() - worded_by_init()
    assert {"DecisionError", "XlsxFormError", "ReportError"} <= lead
    found = {}
    for folder in DIRS:
        for path in sorted((CORE / folder).rglob("*.py")):
            lines = english_refusals(path, lead)
            if lines:
                found[str(path.relative_to(CORE))] = lines
    counts = {name: len(lines) for name, lines in found.items()}
    assert counts == STILL_TO_WORD, f"word these refusals (file: lines): {found}"


def test_a_refused_file_says_why_in_chinese_but_where_a_checker_gives_english():
    reason_only = general_naming({"reason"}) - {"Refused"}  # the envelope's (crypto/)
    assert {"ResultRefused", "PanelRefused", "NoteRefused"} <= reason_only
    found = {}
    for folder in DIRS:
        for path in sorted((CORE / folder).rglob("*.py")):
            if lines := english_refusals(path, reason_only):
                found[str(path.relative_to(CORE))] = len(lines)
    assert found == REASON_STILL_ENGLISH


def test_the_check_finds_a_refusal_without_its_wording(tmp_path):
    lead = lead_only() - worded_by_init()
    source = tmp_path / "sample.py"
    source.write_text(
        "raise DecisionError('x', rule='y')\n"
        "raise DecisionError('x').saying('no_value')\n"
        "raise row.error(1, 'x')\n"
        "raise row.error(1, 'x', FormRule.TOTAL_ROW)\n"
        "raise Incomplete(gaps)\n",
        encoding="utf-8",
    )
    assert english_refusals(source, lead) == [1, 3]


def run(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES")}
    return subprocess.run(
        [str(EXE), *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
        env={**environ, **env},
    )


def chinese_only(line: str) -> bool:
    return not ENGLISH_WORDS.search(line)


def test_a_formula_in_the_excel_form_is_refused_in_chinese(tmp_path):
    sheets = standard_sheets()
    sheets["申报信息"][1][8] = "=SUM(1,2)"  # I2, a reported value
    write_book(tmp_path / "表单.xlsx", sheets)
    args = ("batch", "from-xlsx", "表单.xlsx", "--scheme", SCHEME, "--out", "b.esbatch")
    chinese = run(*args, cwd=tmp_path, LANG="zh_CN.UTF-8")
    assert chinese.returncode == 2
    assert chinese.stderr == (
        "错误：表单.xlsx 申报信息!I2：“=SUM(1,2)”是公式；"
        "请直接填写数值（在 Excel 中复制后“选择性粘贴”为数值）\n"
    )
    assert chinese_only(chinese.stderr)
    english = run(*args, cwd=tmp_path)
    assert english.stderr == (
        "error: 表单.xlsx 申报信息!I2: '=SUM(1,2)' is a formula; enter the value itself"
        " (in Excel: copy, then paste as values)\n"
    )
    assert not (tmp_path / "b.esbatch").exists()


@pytest.mark.parametrize(
    ("submission", "indicator", "points", "said"),
    [
        ("S99", "1.1.1", "1", "错误：申报 S99 不在本批次中\n"),
        ("S002", "9.9", "1", "错误：9.9 不是由专家评分的指标\n"),
        ("S002", "1.1.1", "x", "错误：指标 1.1.1：“x”不是数字\n"),
    ],
)
def test_a_chair_decision_breaking_a_rule_is_refused_in_chinese(
    tmp_path, submission, indicator, points, said
):
    made = run(
        "demo-batch", "--submissions", "2", "--experts", "1", "--out", "b.esbatch", cwd=tmp_path
    )
    assert made.returncode == 0, made.stderr
    override = (
        "chair", "override", "--batch", "b.esbatch", "--dir", "merged",
        "--submission", submission, "--indicator", indicator, "--points", points,
        "--cause", "summing-error", "--reason", "agreed",
    )  # fmt: skip
    refused = run("--lang", "zh", *override, cwd=tmp_path)
    assert refused.returncode == 2
    assert refused.stderr == said
    assert chinese_only(refused.stderr)
    english = run(*override, cwd=tmp_path)
    assert english.returncode == 2 and english.stderr.startswith("error: ")
