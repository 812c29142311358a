"""Click's own usage errors and help headings speak the user's language: Chinese under a
Chinese locale (or ``--lang zh``), Click's English under ``LANG=C`` (or ``--lang en``).

Click words them with gettext; the program binds the text domain to its catalog of
Click's message ids (``expertscore.wording.click_messages``) for the run.
"""

from __future__ import annotations

import ast
import gettext
import os
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import expertscore
from expertscore.cli.main import cli
from expertscore.wording.click_language import catalog_bytes, catalog_path
from expertscore.wording.click_messages import CLICK_MESSAGES

# Two Latin words in a row: an English phrase ("No such", "for help", "Missing argument");
# the command line itself ("python -m expertscore verify") is not a phrase.
PHRASE = re.compile(r"[A-Za-z]{2,} [a-z]{2,}")
COMMAND_LINE = re.compile(r"(python -m )?expertscore( [a-z-]+)?")


def english(text: str) -> list[str]:
    return PHRASE.findall(COMMAND_LINE.sub("", text))


LOCALE = ("LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE")


def run(*args: str, lang: str):
    env = {name: None for name in LOCALE} | {"LANG": lang}
    return CliRunner().invoke(cli, list(args), env=env, prog_name="expertscore")


def test_a_wrong_option_in_chinese():
    result = run("--bogus", lang="zh_CN.UTF-8")
    assert result.exit_code == 2
    assert result.output == (
        "用法： expertscore [OPTIONS] COMMAND [ARGS]...\n"
        "输入“expertscore --help”查看帮助。\n"
        "\n"
        "错误：没有选项 '--bogus'。\n"
    )
    assert not english(result.output)


def test_a_missing_argument_and_a_bad_value_in_chinese():
    missing = run("verify", lang="zh_CN.UTF-8")
    assert missing.exit_code == 2
    assert "错误：缺少参数 'RESULT'." in missing.output
    assert not english(missing.output), missing.output
    bad = run("--lang", "xx", "schemes", lang="zh_CN.UTF-8")
    assert bad.exit_code == 2
    assert "错误：'--lang' 的值无效：'xx' 不是可选值 'zh', 'en' 之一。" in bad.output
    assert not english(bad.output), bad.output


def test_click_english_under_the_c_locale():
    result = run("--bogus", lang="C")
    assert result.exit_code == 2
    assert result.output == (
        "Usage: expertscore [OPTIONS] COMMAND [ARGS]...\n"
        "Try 'expertscore --help' for help.\n"
        "\n"
        "Error: No such option '--bogus'.\n"
    )
    assert english(result.output) == ["for help", "No such"]  # the check sees English
    assert "Error: Missing argument 'RESULT'." in run("verify", lang="C").output


def test_the_lang_option_wins_over_the_locale():
    assert "错误：缺少参数 'RESULT'." in run("--lang", "zh", "verify", lang="C").output
    english = run("--lang=en", "verify", lang="zh_CN.UTF-8").output
    assert "Error: Missing argument 'RESULT'." in english


def test_the_process_is_left_as_it_was():
    before = (gettext.textdomain(), os.environ.get("LANGUAGE"))
    run("--bogus", lang="zh_CN.UTF-8")
    assert (gettext.textdomain(), os.environ.get("LANGUAGE")) == before


def in_a_process(*args: str) -> subprocess.CompletedProcess[str]:
    """``python -m expertscore`` under a Chinese locale, in a process of its own (a help
    option's text is made once per process, as the command is)."""
    root = Path(expertscore.__file__).resolve().parent.parent
    env = {k: v for k, v in os.environ.items() if k not in LOCALE}
    return subprocess.run(
        [sys.executable, "-m", "expertscore", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=root,
        env={**env, "LANG": "zh_CN.UTF-8", "PYTHONPATH": str(root)},
    )


def test_a_missing_argument_in_a_real_process():
    done = in_a_process("verify")
    assert done.returncode == 2
    assert done.stderr.endswith("错误：缺少参数 'RESULT'.\n"), done.stderr
    assert not english(done.stderr)


def test_help_headings_in_chinese():
    done = in_a_process("schemes", "--help")
    assert done.returncode == 0
    assert done.stdout.startswith("用法： python -m expertscore schemes [OPTIONS]")
    assert "\n选项:\n" in done.stdout
    assert "-h, --help  显示本帮助并退出。" in done.stdout


def _click_message_ids() -> set[str | tuple[str, str]]:
    """Every string Click passes to gettext or ngettext, read from its source."""
    found: set[str | tuple[str, str]] = set()
    for source in Path(click.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            texts = [a.value for a in node.args if isinstance(a, ast.Constant)]
            texts = [t for t in texts if isinstance(t, str)]
            if node.func.id == "_" and len(texts) == 1:
                found.add(texts[0])
            elif node.func.id == "ngettext" and len(texts) == 2:
                found.add((texts[0], texts[1]))
    return found


def test_the_catalog_has_every_message_click_says():
    missing = _click_message_ids() - set(CLICK_MESSAGES)
    assert not missing, f"add to expertscore.wording.click_messages: {sorted(map(str, missing))}"


@pytest.mark.parametrize("key", list(CLICK_MESSAGES), ids=str)
def test_each_translation_keeps_the_fields(key):
    fields = re.compile(r"\{[a-z_]+(?:!r)?\}|%\([a-z]+\)s")
    english = key if isinstance(key, str) else key[1]
    chinese = CLICK_MESSAGES[key]
    assert set(fields.findall(chinese)) <= set(fields.findall("".join(key))), chinese
    assert set(fields.findall(english)) - {"{possibility}", "{choice}", "{format}"} <= set(
        fields.findall(chinese)
    ) | {"{len}"}, chinese


def test_the_shipped_catalog_is_written_from_the_source():
    assert catalog_path().read_bytes() == catalog_bytes(), (
        "run: python -m expertscore.wording.click_language"
    )
