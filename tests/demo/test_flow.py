"""The whole flow on demo data, as `expertscore demo` runs it without a display."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from openpyxl import load_workbook

from expertscore.batch.package import open_package
from expertscore.chair.panel_file import read_panel_file, recheck_panel_file
from expertscore.demo.flow import demo_chair_key, run_demo

EXE = Path(sys.executable).with_name("expertscore")


def test_run_demo_produces_every_output_and_they_agree(tmp_path):
    steps: list[str] = []
    outputs = run_demo(tmp_path / "demo", submissions=3, experts=3, seed=5, step=steps.append)
    assert len(steps) == 5
    assert len(outputs.results) == 3
    assert sorted(outputs.ranking) == ["S001", "S002", "S003"]
    payload, signer = read_panel_file(outputs.panel_file)
    assert payload.batch.id == open_package(outputs.package).manifest.batch.id
    assert signer == demo_chair_key(5).info.fingerprint
    package = open_package(outputs.package)
    assert recheck_panel_file(outputs.panel_file, package, outputs.merge / "results") == []
    book = load_workbook(outputs.workbook)
    assert book.sheetnames[0] == "排名汇总"
    assert outputs.report.read_bytes().startswith(b"%PDF")
    assert outputs.sheet.read_bytes().startswith(b"%PDF")


def test_demo_command_without_display_prints_where_outputs_are(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    result = subprocess.run(
        [str(EXE), "demo", "--submissions", "2", "--experts", "3", "--out", str(tmp_path / "d")],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert f"results workbook       {tmp_path / 'd' / 'results.xlsx'}" in result.stdout
    session = tmp_path / "d" / "experts" / "E01.esession"
    assert (
        f"no display: the window was not opened; on a screen, open it with `expertscore gui {session} --expert E01`"
        in result.stdout
    )
    assert session.is_file()
    assert (tmp_path / "d" / "report.pdf").exists()
