"""The command line speaks Chinese or English: ``--lang``, else the locale; English lines
stay exactly what they were (the installed console script, real files)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from expertscore.wording import EN, ZH, language_from_env

EXE = Path(sys.executable).with_name("expertscore")


def run(*args: str, cwd: Path | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES")}
    return subprocess.run(
        [str(EXE), *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
        env={**environ, **env},
    )


@pytest.mark.parametrize(
    ("env", "language"),
    [
        ({}, EN),
        ({"LANG": "zh_CN.UTF-8"}, ZH),
        ({"LANG": "zh_CN.UTF-8", "LC_ALL": "C"}, EN),
        ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "zh_TW"}, ZH),
        ({"LANG": "C.UTF-8"}, EN),
    ],
)
def test_the_locale_chooses_the_language(env, language):
    assert language_from_env(env) == language


def test_an_error_in_chinese_by_flag_or_locale_and_unchanged_in_english():
    english = run("scheme", "show", "no-such-scheme")
    assert english.returncode == 2
    assert english.stderr.startswith("error: no scheme 'no-such-scheme'")
    by_flag = run("--lang", "zh", "scheme", "show", "no-such-scheme")
    assert by_flag.returncode == 2
    assert by_flag.stderr.startswith("错误：没有评分方案“no-such-scheme”（内置方案：")
    by_locale = run("scheme", "show", "no-such-scheme", LANG="zh_CN.UTF-8")
    assert by_locale.stderr == by_flag.stderr
    flag_wins = run("--lang", "en", "scheme", "show", "no-such-scheme", LANG="zh_CN.UTF-8")
    assert flag_wins.stderr == english.stderr


def test_a_session_refuses_and_reports_in_chinese(tmp_path):
    assert (
        run(
            "demo-batch", "--submissions", "2", "--experts", "1", "--out", "b.esbatch", cwd=tmp_path
        ).returncode
        == 0
    )
    created = run(
        "session",
        "create",
        "--batch",
        "b.esbatch",
        "--expert",
        "E01",
        "--out",
        "s.essession",
        cwd=tmp_path,
    )
    assert created.returncode == 0, created.stderr
    score = ("score", "--session", "s.essession", "--submission", "S002", "--indicator", "1.1.1")
    refused = run("--lang", "zh", *score, "--points", "999", cwd=tmp_path)
    assert refused.returncode == 2
    assert refused.stderr == "错误：指标 1.1.1：999 超出 0–1 的范围\n"
    english = run(*score, "--points", "999", cwd=tmp_path)
    assert english.stderr == "error: indicator 1.1.1: 999 is outside 0–1\n"
    missing = run(
        "--lang", "zh", "submit", "--session", "s.essession", "--out", "r.esresult", cwd=tmp_path
    )
    assert missing.returncode == 2
    assert missing.stderr.startswith("错误：不能提交：还有 43 个指标未评分：S002 1.1.1 ")
    status = run("--lang", "zh", "session", "status", "--session", "s.essession", cwd=tmp_path)
    assert "submissions: 2 assigned (未开始 1, 已回避 1)" in status.stdout
    english = run("session", "status", "--session", "s.essession", cwd=tmp_path)
    assert "submissions: 2 assigned (not started 1, recused 1)" in english.stdout
    unlock = run(
        "--lang", "zh", "unlock", "--session", "s.essession", "--reason", " ", cwd=tmp_path
    )
    assert unlock.stderr == "错误：解锁已提交的评分需要填写理由\n"
    not_locked = run(
        "--lang", "zh", "unlock", "--session", "s.essession", "--reason", "x", cwd=tmp_path
    )
    assert not_locked.stderr == "错误：评分未锁定：此后尚未提交过结果\n"
