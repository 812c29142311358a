"""``expertscore verify PANELFILE --batch --results``, the chair's commands under the rules of
decisions, and a transcription allowed with a recorded reason, on real files.

The material is the chair-side forgery bench's (``bench/reliability/chair_material.py``): a batch whose roster pins every expert's key, six
simulated experts, the chair's own key, an honest merge and its signed panel file.
"""

from __future__ import annotations

import base64
import json
import shutil

import pytest
from click.testing import CliRunner

from bench.reliability import chair_material
from expertscore.chair.decisions import allow_transcription
from expertscore.chair.merge import REFUSED, REPLACED, append_audit
from expertscore.chair.panel_file import read_panel_file
from expertscore.chair.recheck import recheck
from expertscore.cli.main import cli


@pytest.fixture(scope="module")
def m(tmp_path_factory: pytest.TempPathFactory) -> chair_material.Material:
    return chair_material.prepare(tmp_path_factory.mktemp("verify-panel"))


def verify(*args: object) -> tuple[int, list[str]]:
    result = CliRunner().invoke(cli, ["verify", *map(str, args)])
    return result.exit_code, result.output.splitlines()


def test_the_honest_panel_file_verifies(m):
    code, lines = verify(m.panel, "--batch", m.package_path, "--results", m.results)
    assert code == 0, lines
    assert lines[1] == "verdict:     VALID: the re-run gives the same results"
    assert lines[2].startswith("chair:       CHAIR 评审组组长, key ")
    assert "inputs:      6 signed, 0 transcription, 0 missing" in lines
    code, lines = verify(
        m.panel, "--batch", m.package_path, "--results", m.results, "--chair-key",
        m.chair.info.fingerprint,
    )  # fmt: skip
    assert code == 0, lines


def test_every_assigned_expert_is_listed_with_the_digest_used(m):
    payload, _ = read_panel_file(m.panel)
    assigned = sorted({a.expert for a in m.package.manifest.assignments})
    assert [i.expert for i in payload.inputs] == assigned
    assert all(i.result == "signed" and len(i.file_sha256 or "") == 64 for i in payload.inputs)


def test_a_result_left_out_is_listed_missing_and_reported(m, tmp_path):
    run = m.run(tmp_path / "merge")
    run.apply(run.plan([p for p in sorted(m.results.glob("*.esresult")) if p.stem != "E02"]))
    run.reload()
    panel = chair_material.write_panel(run, m.chair, tmp_path / "panel.espanel")
    payload, _ = read_panel_file(panel)
    e02 = next(i for i in payload.inputs if i.expert == "E02")
    assert (e02.result, e02.file_sha256, e02.sequence) == ("missing", None, None)
    own = tmp_path / "own"
    shutil.copytree(tmp_path / "merge" / "results", own)
    assert recheck(panel, m.package, own).differences == []  # the chair's own folder agrees
    code, lines = verify(panel, "--batch", m.package_path, "--results", m.results)
    assert code == 1
    assert lines[1].startswith("verdict:     DIFFERENT: ")
    assert "inputs:      5 signed, 0 transcription, 1 missing" in lines
    assert any(line.startswith("E02: the panel file lists no result, but ") for line in lines)
    assert any(line.startswith("submissions.") for line in lines)


def test_a_changed_panel_file_is_refused_in_one_line(m, tmp_path):
    envelope = json.loads(m.panel.read_bytes())
    payload = json.loads(base64.b64decode(envelope["payload"]))
    payload["submissions"][0]["total"] = "99.99"
    envelope["payload"] = base64.b64encode(json.dumps(payload).encode()).decode()
    changed = tmp_path / "changed.espanel"
    changed.write_text(json.dumps(envelope, indent=2) + "\n")
    code, lines = verify(changed, "--batch", m.package_path, "--results", m.results)
    assert code == 1
    assert lines[1].startswith("verdict:     REFUSED: the signature does not verify")


def test_a_panel_file_needs_the_batch_and_the_results(m):
    code, lines = verify(m.panel, "--batch", m.package_path)
    assert code == 2
    assert any("--batch PACKAGE and --results DIR" in line for line in lines)


def test_result_files_still_verify_as_before(m):
    code, lines = verify(m.results / "E01.esresult", "--batch", m.package_path)
    assert code == 0 and lines[1] == "verdict:     VALID"


def test_a_hand_appended_line_stops_the_chair_commands_in_one_line(m, tmp_path):
    folder = tmp_path / "merge"
    shutil.copytree(m.merge, folder)
    leaf = chair_material.leaf_of(m, "points")
    append_audit(folder, chair_material.override_line(m, leaf.code, "15.00"))
    result = CliRunner().invoke(
        cli, ["chair", "results", "--batch", str(m.package_path), "--dir", str(folder)]
    )
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert lines == [f"error: audit.jsonl line 7: override: {leaf.code}: 15 is outside 0–3"]


@pytest.mark.parametrize(
    ("points", "reason"),
    [("0.05", "is not a multiple of the step 0.5"), ("3.5", "is outside 0–3"), ("x", "not a")],
)
def test_the_override_command_refuses_what_replay_refuses(m, tmp_path, points, reason):
    folder = tmp_path / "merge"
    shutil.copytree(m.merge, folder)
    before = (folder / "audit.jsonl").read_bytes()
    leaf = chair_material.leaf_of(m, "points")
    args = ["chair", "override", "--batch", str(m.package_path), "--dir", str(folder)]
    args += ["--submission", "S001", "--indicator", leaf.code, "--points", points]
    result = CliRunner().invoke(cli, [*args, "--cause", "extreme-score", "--reason", "议定"])
    assert result.exit_code == 2 and reason in result.output
    assert (folder / "audit.jsonl").read_bytes() == before


def test_a_transcription_with_a_recorded_reason_replaces_the_own_result(m, tmp_path):
    folder = tmp_path / "merge"
    shutil.copytree(m.merge, folder)
    assert [d.outcome for d in m.run(folder).plan([m.transcription])] == [REFUSED]
    allow_transcription(folder, m.package, "E01", "专家本人签字的纸质表为准，电子结果作废")
    run = m.run(folder)
    planned = run.plan([m.transcription])
    assert [d.outcome for d in planned] == [REPLACED]
    run.apply(planned)
    run.reload()
    panel = chair_material.write_panel(run, m.chair, tmp_path / "panel.espanel")
    payload, _ = read_panel_file(panel)
    e01 = next(i for i in payload.inputs if i.expert == "E01")
    assert (e01.result, e01.transcribed_by, e01.sequence) == ("transcription", "CHAIR", 2)
    assert [t.expert for t in payload.decisions.transcriptions] == ["E01"]
    inbox = tmp_path / "inbox"
    shutil.copytree(m.results, inbox)
    shutil.copyfile(m.transcription, inbox / "E01-paper.esresult")
    assert recheck(panel, m.package, inbox).differences == []
