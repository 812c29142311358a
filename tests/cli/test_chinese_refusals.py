"""A refused key card or package reads in Chinese on a Chinese command line, with no
English sentence, and exactly as before in English (the installed console script, real
files)."""

from __future__ import annotations

import re
from pathlib import Path

from tests.cli.test_cli_language import run
from tests.factories import rewrite_package, write_example_package

# Two English words in a row: a sentence (or its part) left in English.
ENGLISH_WORDS = re.compile(r"[A-Za-z]{2,}[ ,]+[A-Za-z]{2,}")


def said(tmp_path: Path, *args: str) -> tuple[str, str]:
    """What the command prints on a Chinese locale, and in English."""
    chinese = run(*args, cwd=tmp_path, LANG="zh_CN.UTF-8")
    english = run(*args, cwd=tmp_path, LANG="C.UTF-8")
    assert chinese.returncode == english.returncode == 2, (chinese.stderr, english.stderr)
    assert not ENGLISH_WORDS.search(chinese.stderr), chinese.stderr
    return chinese.stderr, english.stderr


def altered_evidence(source: Path, target: Path) -> Path:
    """The package with one evidence file's bytes changed, its size kept."""

    def transform(entries):
        return [
            (
                info,
                data[:-1] + bytes([data[-1] ^ 1])
                if info.filename.startswith("evidence/")
                else data,
            )
            for info, data in entries
        ]

    return rewrite_package(source, target, transform)


def test_a_missing_key_card_is_refused_in_chinese(tmp_path):
    chinese, english = said(
        tmp_path, "submit", "--session", "s.essession", "--out", "r.esresult",
        "--encrypt-to", "missing.eskeycard",
    )  # fmt: skip
    assert chinese == "错误：missing.eskeycard：密钥卡或接收方文件不存在\n"
    assert english == "error: missing.eskeycard: no such key card or recipients file\n"


def test_a_file_that_is_not_a_key_card_is_refused_in_chinese(tmp_path):
    (tmp_path / "card.eskeycard").write_text('{"format": "other"}', encoding="utf-8")
    chinese, english = said(tmp_path, "roster", "add", "card.eskeycard", "--roster", "r.json")
    assert chinese == "错误：card.eskeycard：不是 ExpertScore 密钥卡\n"
    assert english == "error: card.eskeycard: not an ExpertScore key card\n"


def test_a_damaged_package_is_refused_in_chinese(tmp_path):
    (tmp_path / "broken.esbatch").write_text("not a zip", encoding="utf-8")
    create = ("session", "create", "--expert", "E01", "--out", "s.essession", "--batch")
    chinese, english = said(tmp_path, *create, "broken.esbatch")
    assert chinese == "错误：broken.esbatch：不是批次包（不是 zip 文件）\n"
    assert english == "error: broken.esbatch: not a batch package (not a zip file)\n"
    altered_evidence(write_example_package(tmp_path / "good.esbatch"), tmp_path / "bad.esbatch")
    chinese, english = said(tmp_path, *create, "bad.esbatch")
    assert re.fullmatch(
        r"警告：bad\.esbatch 没有签名：无法证明它由 测试组织方 制作\n"
        r"错误：bad\.esbatch：“evidence/[0-9a-f]{64}”与其 SHA-256 不符（已损坏或被改动）\n",
        chinese,
    )
    assert re.fullmatch(
        r"warning: bad\.esbatch is not signed: nothing shows that 测试组织方 prepared it\n"
        r"error: bad\.esbatch: 'evidence/[0-9a-f]{64}' does not match its SHA-256"
        r" \(damaged or altered\)\n",
        english,
    )
    assert not (tmp_path / "s.essession").exists()
