"""Merging simulated experts' signed result files, as the chair does."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from expertscore.batch.package import open_package
from expertscore.chair.decisions import record_override
from expertscore.chair.merge import (
    ACCEPTED,
    REFUSED,
    REPLACED,
    UNCHANGED,
    MergeFolderChanged,
    read_audit,
)
from expertscore.chair.run import ChairRun
from expertscore.demo.batch import make_demo_batch
from expertscore.identity.organizers import signer_line
from expertscore.results.simulate import simulate
from expertscore.scoring.totals import grade_name

EXE = Path(sys.executable).with_name("expertscore")


@pytest.fixture(scope="module")
def panel(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("panel")
    make_demo_batch(
        "liaoning-2025-grading", submissions=4, experts=4, seed=11, out=root / "b.esbatch"
    )
    simulate(root / "b.esbatch", experts=4, seed=11, out=root / "sim")
    make_demo_batch(
        "liaoning-2025-grading", submissions=4, experts=4, seed=12, out=root / "other.esbatch"
    )
    simulate(root / "other.esbatch", experts=2, seed=12, out=root / "other")
    return root


def cards(root: Path) -> list[Path]:
    return sorted((root / "sim").glob("*.eskeycard"))


def results(root: Path) -> list[Path]:
    return sorted((root / "sim").glob("*.esresult"))


def test_dry_run_plans_and_writes_nothing(panel, tmp_path):
    run = ChairRun.open(panel / "b.esbatch", tmp_path / "merge", cards(panel))
    decisions = run.plan(results(panel))
    assert [d.outcome for d in decisions] == [ACCEPTED] * 4
    assert not (tmp_path / "merge").exists()


def test_merge_twice_changes_nothing_and_audit_records_it(panel, tmp_path):
    run = ChairRun.open(panel / "b.esbatch", tmp_path / "merge", cards(panel))
    run.apply(run.plan(results(panel)))
    run.reload()
    assert sorted(run.folder.accepted) == ["E01", "E02", "E03", "E04"]
    _, first = run.results()
    again = run.plan(results(panel))
    assert [d.outcome for d in again] == [UNCHANGED] * 4
    run.apply(again)
    run.reload()
    _, second = run.results()
    assert {s: r.total for s, r in first.submissions.items()} == {
        s: r.total for s, r in second.submissions.items()
    }
    outcomes = [entry["outcome"] for entry in read_audit(tmp_path / "merge")]
    assert outcomes == [ACCEPTED] * 4 + [UNCHANGED] * 4
    assert run.gaps() == []


def test_tampered_foreign_and_unknown_files_are_refused_and_not_counted(panel, tmp_path):
    tampered = tmp_path / "E01-tampered.esresult"
    data = bytearray(results(panel)[0].read_bytes())
    data[len(data) // 2] ^= 0x01
    tampered.write_bytes(bytes(data))
    foreign = sorted((panel / "other").glob("*.esresult"))[0]
    run = ChairRun.open(panel / "b.esbatch", tmp_path / "merge", cards(panel))
    decisions = run.plan([tampered, foreign])
    assert [d.outcome for d in decisions] == [REFUSED, REFUSED]
    assert "batch" in decisions[1].reason
    run.apply(decisions)
    run.reload()
    assert run.folder.accepted == {}
    gaps = run.gaps()
    assert {g.expert for g in gaps if g.submission is None} == {"E01", "E02", "E03", "E04"}


def test_without_key_cards_results_are_refused(panel, tmp_path):
    run = ChairRun.open(panel / "b.esbatch", tmp_path / "merge")
    decisions = run.plan(results(panel))
    assert {d.outcome for d in decisions} == {REFUSED}
    assert "unknown key" in decisions[0].reason


def test_higher_sequence_replaces_and_lower_is_refused(panel, tmp_path):
    from decimal import Decimal

    from expertscore.batch.package import open_package
    from expertscore.results.simulate import simulated_key
    from expertscore.results.submit import submit
    from expertscore.scoring.modes import Entry
    from expertscore.scoring.service import ScoringService
    from expertscore.storage.session import SessionFile

    run = ChairRun.open(panel / "b.esbatch", tmp_path / "merge", cards(panel))
    run.apply(run.plan(results(panel)))
    run.reload()
    session_path = tmp_path / "E01.esession"
    shutil.copy(panel / "sim" / "E01.esession", session_path)
    expert = next(e for e in open_package(panel / "b.esbatch").manifest.roster if e.id == "E01")
    key = simulated_key(11, expert, "2025-01-01T00:00:00+08:00")
    with SessionFile(session_path) as session:
        scoring = ScoringService(session)
        scoring.unlock("复核后修改 1.1.1")
        sid = next(row.id for row in scoring.submissions() if row.recusal_reason is None)
        scoring.set_entry(sid, "1.1.1", Entry(points=Decimal("0.3")))
        submit(session, key, tmp_path / "E01-2.esresult")
    decisions = run.plan([tmp_path / "E01-2.esresult", results(panel)[0]])
    # Lower sequences are decided first, whatever order the files are offered in.
    assert [(d.outcome, d.sequence) for d in decisions] == [(UNCHANGED, 1), (REPLACED, 2)]
    run.apply(decisions)
    run.reload()
    assert run.folder.accepted["E01"].payload.sequence == 2
    older = run.plan([results(panel)[0]])
    assert [(d.outcome, d.reason) for d in older] == [
        (REFUSED, "older (sequence 1) than the accepted result 2")
    ]
    _, result = run.results()
    assert result.submissions[sid].indicators["1.1.1"].scores["E01"] == Decimal("0.3")


def test_override_changes_the_panel_score_and_is_kept(panel, tmp_path):
    run = ChairRun.open(panel / "b.esbatch", tmp_path / "merge", cards(panel))
    run.apply(run.plan(results(panel)))
    record_override(
        tmp_path / "merge",
        run.package,
        "S001",
        "1.1.1",
        "0.5",
        "专家组讨论后一致认定",
        "extreme-score",
    )
    run.reload()
    _, result = run.results()
    indicator = result.submissions["S001"].indicators["1.1.1"]
    assert str(indicator.panel) == "0.50"
    assert indicator.override.reason == "专家组讨论后一致认定"
    assert len(indicator.scores) >= 2  # the experts' own scores stay visible


def test_cli_merge_prints_groups_ranking_and_missing(panel, tmp_path):
    options = [arg for card in cards(panel) for arg in ("--keycard", str(card))]
    files = [str(p) for p in results(panel)[:3]]
    command = [str(EXE), "merge", "--batch", str(panel / "b.esbatch"), "--out", str(tmp_path / "m")]
    result = subprocess.run(
        [*command, *options, *files], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    opened = open_package(panel / "b.esbatch")
    # who signed the package, first; a warning on stderr when nobody did
    shown = result.stdout if opened.signature is not None else result.stderr
    assert shown.splitlines()[0] == signer_line(opened)
    assert "accepted: 3" in result.stdout
    assert "ranking:" in result.stdout
    assert "  - E04: no result file accepted yet" in result.stdout
    dry = subprocess.run(
        [*command, "--dry-run", *options, str(results(panel)[3])],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "accepted: 1" in dry.stdout
    assert "dry run: nothing was written" in dry.stdout
    assert len(list((tmp_path / "m" / "results").glob("*.esresult"))) == 3


def test_cli_results_name_each_leave_one_out_finding(tmp_path):
    # The demo's panel (five experts, eight submissions) has findings; the module's has none.
    package = tmp_path / "b.esbatch"
    make_demo_batch("liaoning-2025-grading", submissions=8, experts=5, seed=1, out=package)
    simulate(package, experts=5, seed=1, out=tmp_path / "sim")
    folder = tmp_path / "m"
    run = ChairRun.open(package, folder, cards(tmp_path))
    run.apply(run.plan(results(tmp_path)))
    run.reload()
    _, result = run.results()
    findings = [found for sub in result.submissions.values() for found in sub.fragile]
    assert findings, "the panel has no leave-one-out finding to print"
    options = [arg for card in cards(tmp_path) for arg in ("--keycard", str(card))]
    command = [str(EXE), "chair", "results", "--batch", str(package), "--dir", str(folder)]
    printed = subprocess.run([*command, *options], capture_output=True, text=True, timeout=120)
    assert printed.returncode == 0, printed.stderr
    scheme = run.package.scheme
    for sid, sub in result.submissions.items():
        for found in sub.fragile:
            named = [grade_name(scheme, sub.category, c) if c else "-" for c in found.grade or ()]
            if found.grade is not None:
                assert f"fragile: without {found.expert}: grade {named[0]}→{named[1]}" in (
                    printed.stdout
                ), sid
            if found.rank is not None:
                assert f"rank {found.rank[0]}→{found.rank[1]}" in printed.stdout, sid


def test_cli_takes_a_folder_of_key_cards_like_verify_does(panel, tmp_path):
    folder = panel / "sim"  # the key cards lie beside the result files
    batch = ["--batch", str(panel / "b.esbatch")]
    merged = subprocess.run(
        [str(EXE), "merge", *batch, "--out", str(tmp_path / "m"), "--keycard", str(folder)]
        + [str(path) for path in results(panel)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert merged.returncode == 0, merged.stderr
    assert f"accepted: {len(results(panel))}" in merged.stdout
    first = str(results(panel)[0])
    without = subprocess.run(
        [str(EXE), "merge", *batch, "--out", str(tmp_path / "n"), "--dry-run", first],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "unknown key" in without.stdout  # the folder's cards were what made them known


def test_override_is_checked_against_the_scheme(panel, tmp_path):
    from expertscore.batch.package import open_package
    from expertscore.chair.decisions import DecisionError

    package = open_package(panel / "b.esbatch")
    folder = tmp_path / "merge"
    with pytest.raises(DecisionError, match=r"1\.1 is not an indicator that experts score"):
        record_override(folder, package, "S001", "1.1", "1", "理由", "extreme-score")
    with pytest.raises(DecisionError, match=r"1\.1\.1: 5 is outside 0–1"):
        record_override(folder, package, "S001", "1.1.1", "5", "理由", "extreme-score")
    with pytest.raises(DecisionError, match="submission S999 is not in the batch"):
        record_override(folder, package, "S999", "1.1.1", "1", "理由", "extreme-score")
    record_override(folder, package, "S001", "1.1.1", "0.5", "理由", "extreme-score")
    assert read_audit(folder)[-1]["points"] == "0.50"


def test_verifying_many_names_the_refused_file(panel, tmp_path):
    from expertscore.chair.merge import verify_many
    from expertscore.results.envelope import ResultRefused
    from expertscore.results.trust import KeyTrust

    package = ChairRun.open(panel / "b.esbatch", tmp_path / "m").package
    files = results(panel)
    with pytest.raises(ResultRefused) as info:
        verify_many(files, package, KeyTrust.build(package))
    assert "unknown key" in info.value.reason
    assert info.value.source == str(files[0])


def test_a_file_put_into_the_results_folder_by_hand_stops_the_folder(panel, tmp_path):
    """Only what the merge wrote counts: a file copied in by hand (here E02's genuine,
    valid result under E01's name, and an unmerged file of E04's) is named, not used."""
    run = ChairRun.open(panel / "b.esbatch", tmp_path / "merge", cards(panel))
    run.apply(run.plan(results(panel)[:3]))
    folder = tmp_path / "merge" / "results"
    shutil.copyfile(results(panel)[1], folder / "E01.esresult")
    with pytest.raises(MergeFolderChanged) as caught:
        run.reload()
    assert (caught.value.file, caught.value.expert) == ("E01.esresult", "E01")
    assert caught.value.merged is not None
    assert str(caught.value).startswith(f"{folder / 'E01.esresult'}: not the file merged")

    shutil.copyfile(results(panel)[0], folder / "E01.esresult")  # put back: fine again
    run.reload()
    shutil.copyfile(results(panel)[3], folder / "E04.esresult")  # never merged
    with pytest.raises(MergeFolderChanged) as caught:
        run.reload()
    assert (caught.value.expert, caught.value.merged) == ("E04", None)
    assert "the audit log records no merge of a result of E04" in str(caught.value)
