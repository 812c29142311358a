"""``expertscore demo-batch``, run through click's test runner on the command object."""

from __future__ import annotations

from click.testing import CliRunner

from expertscore.batch.package import open_package
from expertscore.cli.demo_batch_cmd import demo_batch_command, human_size


def test_writes_the_package_and_prints_one_summary_line(tmp_path):
    out = tmp_path / "demo.zip"
    args = ["--scheme", "provincial-monitoring-2025", "--submissions", "3", "--experts", "2"]
    result = CliRunner().invoke(demo_batch_command, [*args, "--seed", "9", "--out", str(out)])
    assert result.exit_code == 0, result.output
    manifest = open_package(out).manifest
    assert manifest.batch.id == "DEMO-JS-9"
    assert len(manifest.submissions) == 3
    assert len(manifest.roster) == 2
    lines = result.output.splitlines()
    assert len(lines) == 1
    assert lines[0] == (
        f"{out}: 3 submissions, {len(manifest.evidence)} evidence files, 2 experts,"
        f" {human_size(out.stat().st_size)}"
    )
    assert "\x1b" not in result.output  # no progress bar when stderr is not a terminal


def test_defaults_make_twelve_liaoning_submissions_for_five_experts(tmp_path):
    out = tmp_path / "default.zip"
    result = CliRunner().invoke(demo_batch_command, ["--out", str(out)])
    assert result.exit_code == 0, result.output
    manifest = open_package(out).manifest
    assert manifest.scheme.id == "liaoning-2025-grading"
    assert manifest.batch.id == "DEMO-LN-1"
    assert (len(manifest.submissions), len(manifest.roster)) == (12, 5)
    assert "12 submissions" in result.output


def test_out_is_required(tmp_path):
    result = CliRunner().invoke(demo_batch_command, [])
    assert result.exit_code == 2
    assert "--out" in result.output


def test_unknown_scheme_is_one_line_and_status_2(tmp_path):
    out = tmp_path / "x.zip"
    result = CliRunner().invoke(demo_batch_command, ["--scheme", "nope", "--out", str(out)])
    assert result.exit_code == 2
    assert result.output.strip().startswith("error: no scheme 'nope'")
    assert not out.exists()


def test_counts_must_be_positive(tmp_path):
    out = tmp_path / "x.zip"
    result = CliRunner().invoke(demo_batch_command, ["--submissions", "0", "--out", str(out)])
    assert result.exit_code == 2
    assert "--submissions" in result.output
    assert not out.exists()


def test_human_size():
    assert human_size(512) == "512 B"
    assert human_size(2048) == "2.0 KB"
    assert human_size(31_774_700) == "30.3 MB"


def test_hostile_adds_one_submission_and_leaves_the_others_as_they_were(tmp_path):
    from expertscore.demo.hostile import LONG_NAME, PLATFORM

    plain, hostile = tmp_path / "plain.esbatch", tmp_path / "hostile.esbatch"
    args = ["--submissions", "2", "--experts", "2", "--seed", "4"]
    assert CliRunner().invoke(demo_batch_command, [*args, "--out", str(plain)]).exit_code == 0
    result = CliRunner().invoke(demo_batch_command, [*args, "--hostile", "--out", str(hostile)])
    assert result.exit_code == 0, result.output
    before, after = open_package(plain).manifest, open_package(hostile).manifest
    assert after.submissions[:2] == before.submissions
    attacker = after.submissions[2]
    assert (attacker.id, attacker.platform) == ("S003", PLATFORM)
    names = {e.filename for e in after.evidence if e.submission == "S003"}
    assert {"审计报告.pdf.exe", "run.bat", "宏.xlsm", "page.html", "evil.svg", LONG_NAME} <= names
    assert len(LONG_NAME.encode()) > 255
    assert {a.expert for a in after.assignments if a.submission == "S003"} == {"E01", "E02"}
