"""Operator text printed by the commands never acts on the terminal."""

from __future__ import annotations

from click.testing import CliRunner

from expertscore.cli.chair_cmd import chair_group, merge_command
from expertscore.demo.batch import make_demo_batch
from expertscore.demo.hostile import CONTROL, PLATFORM
from expertscore.results.simulate import simulate
from expertscore.terminal import printable


def test_printable_escapes_what_acts_on_a_terminal():
    assert printable("a\x00b\x07c\x1b[2Jd\x9be") == "a\\x00b\\x07c\\x1b[2Jd\\x9be"
    assert printable("名称\u202e反向\u2066") == "名称\\u202e反向\\u2066"
    assert printable("line 1\n\tline 2 平台") == "line 1\n\tline 2 平台"
    assert (
        printable(CONTROL)
        == "控制\\x00字符\\x07响铃\\x1b[31m红色\\x1b[0m\\x0d覆盖\\x08退格\\x7f\\x85"
    )


def test_merge_and_chair_results_print_the_hostile_platform_escaped(tmp_path):
    package = tmp_path / "hostile.esbatch"
    make_demo_batch("liaoning-2025-grading", 1, 2, 5, package, workers=1, hostile=True)
    simulate(package, 2, 5, tmp_path / "sim")
    results = [str(p) for p in sorted((tmp_path / "sim").glob("*.esresult"))]
    cards = [a for c in sorted((tmp_path / "sim").glob("*.eskeycard")) for a in ("--keycard", c)]
    folder = tmp_path / "merge"
    args = ["--batch", str(package), *map(str, cards)]
    merged = CliRunner().invoke(merge_command, [*args, "--out", str(folder), *results])
    shown = CliRunner().invoke(chair_group, ["results", *args, "--dir", str(folder)])
    for result in (merged, shown):
        assert result.exit_code == 0, result.output
        assert printable(PLATFORM) in result.output
        assert not any(c in result.output for c in "\x00\x07\x1b\u202e")
