"""The scheme commands, run as a user runs them: the installed console script."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len

EXE = Path(sys.executable).with_name("expertscore")
BUNDLED = {
    "liaoning-2025-grading",
    "jilin-2025-selection",
    "national-crossindustry-2023",
    "qingdao-maturity",
    "provincial-monitoring-2025",
}


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(EXE), *args], capture_output=True, text=True, timeout=60)


def test_version():
    from expertscore import __version__

    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"expertscore, version {__version__}"


def test_schemes_lists_every_bundled_scheme(repo):
    result = run("schemes")
    assert result.returncode == 0, result.stderr
    for scheme_id in BUNDLED:
        assert scheme_id in result.stdout
    assert "辽宁省重点培育工业互联网平台分类分级评估" in result.stdout
    assert {p.stem for p in (repo / "schemes").glob("*.yaml")} == BUNDLED


@pytest.mark.parametrize("scheme_id", sorted(BUNDLED))
def test_check_passes_on_every_bundled_scheme(repo, scheme_id):
    result = run("scheme", "check", str(repo / "schemes" / f"{scheme_id}.yaml"))
    assert result.returncode == 0, result.stderr
    assert f"valid scheme '{scheme_id}'" in result.stdout


def test_check_lists_every_error_and_exits_1(tmp_path, fixtures_dir):
    text = (fixtures_dir / "example-scheme.yaml").read_text(encoding="utf-8")
    text = text.replace("weight: 10%", "weight: 9.5%").replace("{step: 0.5,", "{step: 0.7,")
    broken = tmp_path / "broken.yaml"
    broken.write_text(text, encoding="utf-8")
    result = run("scheme", "check", str(broken))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert f"{broken}:34 indicator 1: children's weights sum to 39.5%, expected 40%" in lines
    assert f"{broken}:57 indicator 2.1: step 0.7 does not divide the maximum 20" in lines
    assert lines[-1] == f"{len(lines) - 1} problem(s) in {broken}"
    assert "Traceback" not in result.stderr


def test_check_on_missing_file_is_one_line(tmp_path):
    result = run("scheme", "check", str(tmp_path / "nope.yaml"))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert "cannot read" in result.stderr


def test_show_prints_aligned_chinese_table():
    result = run("scheme", "show", "liaoning-2025-grading")
    assert result.returncode == 0, result.stderr
    rows = [line for line in result.stdout.splitlines() if line.startswith(("│", "┃", "┡", "└"))]
    assert len(rows) > 40
    # Every row of the table occupies the same number of terminal columns, CJK counted as 2.
    assert len({cell_len(row) for row in rows}) == 1
    assert any("企业/中小企业服务案例" in row and "10%" in row for row in rows)


def test_show_marks_organizer_set_defaults():
    result = run("scheme", "show", "national-crossindustry-2023")
    assert result.returncode == 0, result.stderr
    assert "5%*" in result.stdout
    assert "organizer sets it" in result.stdout


def test_show_accepts_a_path(tmp_path, fixtures_dir):
    target = tmp_path / "mine.yaml"
    shutil.copy(fixtures_dir / "example-scheme.yaml", target)
    result = run("scheme", "show", str(target))
    assert result.returncode == 0, result.stderr
    assert "工业设备连接数量" in result.stdout


def test_show_unknown_scheme_is_one_line_error():
    result = run("scheme", "show", "no-such-scheme")
    assert result.returncode == 2
    assert result.stderr.startswith("error: no scheme 'no-such-scheme'")
    assert result.stderr.count("\n") == 1
