"""The signed panel results file: round trip, refusals, and re-running the merge from it.

Everything runs on real files: a package, five simulated experts with their own keys and
signed result files (one expert resubmits), a merge folder built by ``plan``/``apply``, the
chair's decisions in its audit log, and a chair key unlocked from a key file.
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

import pytest

from expertscore.batch.manifest import OrganizerValueRecord
from expertscore.batch.package import OpenedPackage, open_package
from expertscore.chair.aggregate import Override, PanelInput, PanelResult
from expertscore.chair.decisions import (
    Decisions,
    confirm_key,
    record_override,
    replay,
    request_round,
)
from expertscore.chair.member_notes import Notes
from expertscore.chair.merge import MergeFolder, apply, load_folder, plan, read_audit
from expertscore.chair.override_causes import OverrideCause
from expertscore.chair.panel import gaps
from expertscore.chair.panel_file import (
    PANEL_FORMAT,
    PANEL_PAYLOAD_TYPE,
    PanelFileError,
    PanelRefused,
    panel_envelope_bytes,
    read_panel_file,
    recheck_panel_file,
    write_panel_file,
)
from expertscore.chair.panel_file.model import canonical_results
from expertscore.chair.panel_outcome import PanelOutcome
from expertscore.identity.keycard import read_cards
from expertscore.identity.keys import ExpertKey, ScryptCost, create_key, open_key
from expertscore.results.payload import payload_bytes, plain
from expertscore.results.simulate import simulate, simulated_key
from expertscore.results.submit import submit
from expertscore.results.trust import KeyTrust
from expertscore.results.verify import read_result
from expertscore.scoring.service import RECUSED, Entry, Note, ScoringService
from expertscore.storage.session import SessionFile
from tests.factories import example_builder

SEED = 21
HOSTILE = ['=HYPERLINK("http://x","点我")', "+1", "-cmd", "@SUM(A1)"]
PASSPHRASE = "组长的口令 for tests"
GRADES = {"优": Decimal(40), "良": Decimal(32), "中": Decimal(24), "差": Decimal(12)}


@dataclass
class ChairCase:
    """A finished merge: the folder, the chair's decisions and the panel's results."""

    base: Path
    package: OpenedPackage
    folder: MergeFolder
    older_e01: Path  # E01's first result, replaced by its second
    changed: str  # the submission whose score E01 changed in the second result
    decisions: Decisions
    inp: PanelInput
    result: PanelResult
    chair_key: ExpertKey

    @property
    def merge_dir(self) -> Path:
        return self.folder.path

    def outcome(self, **changed) -> PanelOutcome:
        """The panel outcome the case holds, with ``changed`` parts (tampered, for refusals)."""
        return replace(
            PanelOutcome(
                self.package,
                self.folder,
                self.inp,
                self.result,
                self.decisions,
                tuple(gaps(self.package, self.folder.accepted)),
                tuple(read_audit(self.merge_dir)),
                Notes(),
            ),
            **changed,
        )


def _hostile_package(path: Path) -> Path:
    """Four submissions whose names and operators look like formulas; an organizer value."""
    builder = example_builder(submissions=4, experts=5)
    subs = builder.submissions
    subs[0] = subs[0].model_copy(update={"platform": HOSTILE[0], "operator": HOSTILE[1]})
    subs[1] = subs[1].model_copy(
        update={"platform": HOSTILE[2], "operator": HOSTILE[3], "region": "\t=1+1"}
    )
    builder.organizer_values.append(
        OrganizerValueRecord(target="grade:*:L2", value="75", set_by=HOSTILE[3], note=HOSTILE[0])
    )
    builder.write(path)
    return path


def _resubmit_e01(sim: Path, package: OpenedPackage, out: Path) -> str:
    """E01 unlocks, changes one score, writes a formula-like comment and submits again."""
    with SessionFile(sim / "E01.esession") as session:
        scoring = ScoringService(session)
        scoring.unlock("补充总体意见")
        sid = next(row.id for row in scoring.submissions() if row.state != RECUSED)
        payload = read_result(sim / "E01.esresult").payload
        sub = next(s for s in payload.submissions if s.id == sid)
        before = next(item.choice for item in sub.scores if item.indicator == "2.2")
        other = next(label for label in GRADES if label != before)
        scoring.set_entry(sid, "2.2", Entry(choice=other))
        scoring.set_note(sid, Note(comment=HOSTILE[0], category="industry"))
        expert = next(e for e in package.manifest.roster if e.id == "E01")
        submit(session, simulated_key(SEED, expert, "2025-06-02T08:00:00+08:00"), out)
    return sid


def build_case(base: Path) -> ChairCase:
    """The hostile example batch merged by a chair, with decisions; about two seconds."""
    package_path = _hostile_package(base / "batch.esbatch")
    sim = base / "sim"
    simulate(package_path, 5, SEED, sim)
    package = open_package(package_path)
    older = base / "E01-first.esresult"
    shutil.copyfile(sim / "E01.esresult", older)
    newer = base / "E01-second.esresult"
    changed = _resubmit_e01(sim, package, newer)
    trust = KeyTrust.build(package, read_cards([sim]))
    merge_dir = base / "merge"
    folder = load_folder(merge_dir, package, trust)
    offered = [older, newer] + [sim / f"E0{n}.esresult" for n in range(2, 6)]
    apply(folder, plan(folder, offered, package, trust))
    record_override(merge_dir, package, "S001", "1.1", "8", HOSTILE[0], "extreme-score")
    request_round(merge_dir, "S002", "1.1", ["E01", "E03"], HOSTILE[3])
    e03 = folder.accepted["E03"].payload.expert.public_key
    assert e03 is not None
    confirm_key(merge_dir, "E03", e03, folder.accepted["E03"].fingerprint)
    decisions = replay(merge_dir, package)
    folder = load_folder(merge_dir, package, trust)
    inp, result = canonical_results(package, folder.accepted.values(), decisions.overrides)
    keys = base / "keys"
    create_key(
        "CHAIR",
        "组长王",
        PASSPHRASE,
        "某研究院",
        directory=keys,
        cost=ScryptCost(n=2**10),
        role="chair",
    )
    chair_key = open_key("CHAIR", PASSPHRASE, keys)
    return ChairCase(base, package, folder, older, changed, decisions, inp, result, chair_key)


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> ChairCase:
    return build_case(tmp_path_factory.mktemp("panel-case"))


@pytest.fixture(scope="module")
def panel(case: ChairCase) -> Path:
    out = case.base / "panel.espanel"
    return write_panel_file(
        out, case.outcome(), case.chair_key, created_at="2025-06-03T10:00:00+08:00"
    )


def decode(path: Path) -> tuple[dict, dict]:
    envelope = json.loads(path.read_bytes())
    return envelope, json.loads(base64.b64decode(envelope["payload"]))


def resign(payload: dict, key: ExpertKey) -> bytes:
    body = payload_bytes(payload)
    return panel_envelope_bytes(body, key.info.fingerprint, key.sign(PANEL_PAYLOAD_TYPE, body))


def refused(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "tampered.espanel"
    path.write_bytes(data)
    with pytest.raises(PanelRefused) as caught:
        read_panel_file(path)
    return caught.value.reason


def test_the_merge_replaced_e01_and_holds_the_decisions(case: ChairCase):
    assert case.folder.accepted["E01"].payload.sequence == 2
    assert sorted(case.folder.accepted) == ["E01", "E02", "E03", "E04", "E05"]
    assert case.decisions.overrides[("S001", "1.1")] == Override(
        Decimal(8), HOSTILE[0], OverrideCause.EXTREME_SCORE
    )
    assert case.result.submissions["S001"].indicators["1.1"].panel == Decimal(8)


def test_round_trip_names_the_chair_inputs_and_every_number(case: ChairCase, panel: Path):
    payload, signer = read_panel_file(panel)
    assert signer == case.chair_key.info.fingerprint
    assert payload.chair.id == "CHAIR" and payload.chair.name == "组长王"
    assert payload.batch.sha256 == case.package.manifest_sha256
    assert payload.batch.scheme.id == "example-grading"
    results = case.merge_dir / "results"
    assert {i.expert: i.file_sha256 for i in payload.inputs} == {
        e: hashlib.sha256((results / f"{e}.esresult").read_bytes()).hexdigest()
        for e in ("E01", "E02", "E03", "E04", "E05")
    }
    e01 = next(i for i in payload.inputs if i.expert == "E01")
    accepted = case.folder.accepted["E01"]
    assert e01.sequence == 2
    assert e01.payload_sha256 == accepted.payload_sha256 != ""
    assert e01.key == accepted.fingerprint
    assert [o.model_dump() for o in payload.organizer_values] == [
        {"target": "grade:*:L2", "value": "75", "set_by": HOSTILE[3], "note": HOSTILE[0]}
    ]
    assert payload.policy.method == "trimmed_mean" and payload.policy.decimals == 2
    overrides = payload.decisions.overrides
    assert [(o.submission, o.indicator, o.points, o.reason) for o in overrides] == [
        ("S001", "1.1", "8.00", HOSTILE[0])
    ]
    assert payload.decisions.second_round[0].experts == ["E01", "E03"]
    assert payload.decisions.second_round[0].reason == HOSTILE[3]
    assert [k.expert for k in payload.decisions.confirmed_keys] == ["E03"]
    assert payload.ranking == case.result.ranking
    for sub in payload.submissions:
        res = case.result.submissions[sub.id]
        assert (sub.total, sub.base, sub.bonus) == (
            plain(res.total),
            plain(res.rollup.base),
            plain(res.rollup.bonus),
        )
        assert (sub.grade, sub.rank) == (res.grade, res.rank)
        assert [found.model_dump() for found in sub.fragile] == [f.record() for f in res.fragile]
        for item in sub.indicators:
            got = res.indicators[item.code]
            assert Decimal(item.panel) == got.panel
            assert {e: Decimal(v) for e, v in item.scores.items()} == got.scores
    s001 = next(s for s in payload.submissions if s.id == "S001")
    assert s001.platform == HOSTILE[0]
    assert "E02" in s001.recused  # the roster's conflict of interest
    agreed = next(i for i in s001.indicators if i.code == "1.1")
    assert agreed.override is not None and agreed.override.reason == HOSTILE[0]
    assert [entry["action"] for entry in payload.audit].count("merge") == 6


def test_decimals_are_strings_and_unrounded_values_are_limited(panel: Path):
    _, raw = decode(panel)

    def walk(value, where=""):
        if isinstance(value, dict):
            for key, item in value.items():
                yield from walk(item, f"{where}.{key}")
        elif isinstance(value, list):
            for item in value:
                yield from walk(item, where)
        else:
            yield where, value

    numbers = {where for where, value in walk(raw) if isinstance(value, int | float)}
    # The advice's counts: ratings behind a figure, submissions, and ranks.
    counts = {"ratings", "submissions", "below", "official", "adjusted"}
    numbers = {w for w in numbers if not (w.startswith(".advice.") and w.rsplit(".")[-1] in counts)}
    assert not any(isinstance(v, float) for _, v in walk(raw))
    assert numbers <= {
        ".policy.trim_min_experts",
        ".policy.min_experts",
        ".policy.decimals",
        ".inputs.sequence",
        ".submissions.rank",
        ".submissions.fragile.rank.before",  # ranks are counts, as the submission's rank
        ".submissions.fragile.rank.after",
        ".audit.sequence",
    }
    exact = [i["exact"] for s in raw["submissions"] for i in s["indicators"] if i["exact"]]
    assert all(len(value.partition(".")[2]) <= 10 for value in exact)
    # A mean of four scores is exact within 10 places; 2.2 of S001 is such a mean.
    s001 = next(s for s in raw["submissions"] if s["id"] == "S001")
    scores = next(i for i in s001["indicators"] if i["code"] == "2.2")["scores"]
    mean = sum(Decimal(v) for v in scores.values()) / len(scores)
    assert Decimal(next(i for i in s001["indicators"] if i["code"] == "2.2")["exact"]) == mean


def test_the_same_inputs_give_the_same_bytes(case: ChairCase, panel: Path, tmp_path: Path):
    again = write_panel_file(
        tmp_path / "again.espanel",
        case.outcome(),
        case.chair_key,
        created_at="2025-06-03T10:00:00+08:00",
    )
    assert again.read_bytes() == panel.read_bytes()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_a_flipped_byte_is_refused(panel: Path, tmp_path: Path):
    data = bytearray(panel.read_bytes())
    start = data.index(b'"payload": "') + len(b'"payload": "')
    position = start + 200
    data[position] = ord("A") if data[position] != ord("A") else ord("B")
    assert "changed" in refused(bytes(data), tmp_path)


def test_a_changed_score_is_refused(panel: Path, tmp_path: Path):
    envelope, payload = decode(panel)
    payload["submissions"][0]["total"] = "99.99"
    envelope["payload"] = base64.b64encode(payload_bytes(payload)).decode("ascii")
    data = (json.dumps(envelope, indent=2) + "\n").encode("ascii")
    assert "the signature does not verify" in refused(data, tmp_path)
    assert "changed after signing" in refused(data, tmp_path)


def test_a_truncated_file_is_refused(panel: Path, tmp_path: Path):
    data = panel.read_bytes()
    assert "truncated" in refused(data[: len(data) // 2], tmp_path)
    assert "truncated" in refused(data[:-3], tmp_path)
    assert "empty" in refused(b"", tmp_path)


def test_a_deeply_nested_file_is_refused_not_crashed_on(tmp_path: Path):
    # Panel and result files share one envelope reader: this is the result files' guard.
    nested = b"[" * 100_000 + b"]" * 100_000
    assert refused(nested, tmp_path) == "the file is garbled (JSON nested too deeply)"


def test_a_newer_format_is_refused(case: ChairCase, panel: Path, tmp_path: Path):
    envelope, payload = decode(panel)
    later = dict(envelope, format="expertscore-panel/2")
    reason = refused((json.dumps(later, indent=2) + "\n").encode(), tmp_path)
    assert "newer ExpertScore" in reason and "expertscore-panel/2" in reason
    payload["format"] = "expertscore-panel-payload/6"
    reason = refused(resign(payload, case.chair_key), tmp_path)
    assert "newer ExpertScore" in reason and "payload expertscore-panel-payload/6" in reason


@pytest.mark.parametrize(
    ("finding", "reason"),
    [
        ({"without": "E01", "grade": None, "rank": None}, "changes neither grade nor rank"),
        (
            {"without": "E01", "grade": None, "rank": {"before": 2, "after": 2}},
            "lists a change to the same value",
        ),
        (
            {"without": "E01", "grade": {"before": "L1", "after": "L1"}, "rank": None},
            "lists a change to the same value",
        ),
    ],
)
def test_a_leave_one_out_finding_that_changes_nothing_is_refused(
    case: ChairCase, panel: Path, tmp_path: Path, finding: dict, reason: str
):
    _envelope, payload = decode(panel)
    payload["submissions"][0]["fragile"] = [finding]
    assert reason in refused(resign(payload, case.chair_key), tmp_path)


def test_a_signature_by_another_key_is_refused(case: ChairCase, panel: Path, tmp_path: Path):
    envelope, payload = decode(panel)
    body = base64.b64decode(envelope["payload"])
    forger = simulated_key(99, case.package.manifest.roster[0], "2025-06-01T00:00:00+08:00")
    forged = panel_envelope_bytes(
        body, case.chair_key.info.fingerprint, forger.sign(PANEL_PAYLOAD_TYPE, body)
    )
    assert "the signature does not verify" in refused(forged, tmp_path)
    # The forger's own key in the payload is a valid signature, but not the chair's key.
    payload["chair"]["public_key"] = forger.info.public_key
    payload["submissions"][0]["total"] = "99.99"
    forged_path = _written(tmp_path / "forged.espanel", resign(payload, forger))
    _, signer = read_panel_file(forged_path)
    assert signer == forger.info.fingerprint != case.chair_key.info.fingerprint
    with pytest.raises(PanelRefused, match="not the chair's key"):
        read_panel_file(forged_path, chair_fingerprint=case.chair_key.info.fingerprint)


def _written(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_other_layouts_and_files_are_refused(case: ChairCase, panel: Path, tmp_path: Path):
    data = panel.read_bytes()
    assert "layout" in refused(data.replace(b"\n", b"\r\n"), tmp_path)
    result_file = case.merge_dir / "results" / "E02.esresult"
    assert "not an ExpertScore panel file" in refused(result_file.read_bytes(), tmp_path)
    envelope, payload = decode(panel)
    as_result = dict(envelope, payloadType="application/vnd.expertscore.result+json")
    assert "payload type" in refused((json.dumps(as_result, indent=2) + "\n").encode(), tmp_path)
    payload["submissions"][0]["total"] = 82.5  # a JSON number where a decimal string belongs
    assert "submissions.0.total" in refused(resign(payload, case.chair_key), tmp_path)
    with pytest.raises(PanelRefused, match="no such file"):
        read_panel_file(tmp_path / "missing.espanel")


def test_recheck_of_the_real_folder_finds_no_difference(case: ChairCase, panel: Path):
    assert recheck_panel_file(panel, case.package, case.merge_dir / "results") == []


def test_recheck_finds_files_by_digest_whatever_their_names(
    case: ChairCase, panel: Path, tmp_path: Path
):
    renamed = tmp_path / "inbox"
    renamed.mkdir()
    for index, path in enumerate(sorted((case.merge_dir / "results").glob("*.esresult"))):
        shutil.copyfile(path, renamed / f"from-mail-{index}.esresult")
    shutil.copyfile(case.older_e01, renamed / "E01-old.esresult")  # present but not listed
    assert recheck_panel_file(panel, case.package, renamed) == []


def test_recheck_reports_an_older_file_swapped_in(case: ChairCase, panel: Path, tmp_path: Path):
    swapped = tmp_path / "results"
    shutil.copytree(case.merge_dir / "results", swapped)
    shutil.copyfile(case.older_e01, swapped / "E01.esresult")
    differences = recheck_panel_file(panel, case.package, swapped)
    assert differences[0].startswith("E01: the listed result 2 (SHA-256 ")
    assert "re-run with its result 1" in differences[0]
    changed = [d for d in differences if d.startswith(f"submissions.{case.changed}.")]
    assert any(".indicators.2.2.scores.E01" in d for d in changed)
    assert any(d.startswith(f"submissions.{case.changed}.total: the file says") for d in changed)


def test_recheck_reports_a_missing_file(case: ChairCase, panel: Path, tmp_path: Path):
    partial = tmp_path / "results"
    shutil.copytree(case.merge_dir / "results", partial)
    (partial / "E04.esresult").unlink()
    differences = recheck_panel_file(panel, case.package, partial)
    assert differences[0] == (
        f"E04: the listed result 1 (SHA-256 {_digest(case, 'E04')[:16]}…) is not in {partial}"
    )
    assert any(".expert_totals.E04: in the file only" in d for d in differences)


def _digest(case: ChairCase, expert: str) -> str:
    return hashlib.sha256(
        (case.merge_dir / "results" / f"{expert}.esresult").read_bytes()
    ).hexdigest()


def test_recheck_with_another_package_names_the_batch(case: ChairCase, panel: Path, tmp_path):
    other = example_builder(submissions=4, experts=5)
    other.batch = other.batch.model_copy(update={"id": "OTHER-1"})
    other.write(tmp_path / "other.esbatch")
    other_package = open_package(tmp_path / "other.esbatch")
    differences = recheck_panel_file(panel, other_package, case.merge_dir / "results")
    assert len(differences) == 1 and differences[0].startswith(
        "batch: the panel file is for TEST-1"
    )


def test_write_refuses_results_that_do_not_follow_from_the_folder(case: ChairCase, tmp_path: Path):
    out = tmp_path / "panel.espanel"
    tampered = canonical_results(
        case.package, case.folder.accepted.values(), case.decisions.overrides
    )[1]
    tampered.submissions["S003"].total += 1
    with pytest.raises(PanelFileError, match="S003 differ"):
        write_panel_file(out, case.outcome(result=tampered), case.chair_key)
    no_overrides = replace(case.inp, overrides={})
    with pytest.raises(PanelFileError, match="agreed panel scores"):
        write_panel_file(out, case.outcome(inp=no_overrides), case.chair_key)
    fewer = replace(case.inp, sheets=[s for s in case.inp.sheets if s.expert != "E05"])
    with pytest.raises(PanelFileError, match="accepted files"):
        write_panel_file(out, case.outcome(inp=fewer), case.chair_key)
    with pytest.raises(PanelFileError, match="does not exist"):
        write_panel_file(tmp_path / "no" / "such" / "panel.espanel", case.outcome(), case.chair_key)
    assert list(tmp_path.iterdir()) == []


def test_the_panel_file_format_is_the_documented_one(panel: Path):
    envelope, payload = decode(panel)
    assert list(envelope) == ["format", "payloadType", "payload", "signatures"]
    assert envelope["format"] == PANEL_FORMAT
    assert envelope["payloadType"] == "application/vnd.expertscore.panel+json"
    assert payload["format"] == "expertscore-panel-payload/5"
    findings = [found for sub in payload["submissions"] for found in sub["fragile"]]
    assert findings, "the panel has no leave-one-out finding to show the format with"
    for found in findings:
        assert list(found) == ["without", "grade", "rank"]
        for change in (found["grade"], found["rank"]):
            assert change is None or list(change) == ["before", "after"]
    assert any(isinstance(found["rank"], dict) for found in findings)
    assert list(payload) == [
        "format",
        "batch",
        "chair",
        "created_at",
        "program",
        "organizer_values",
        "policy",
        "inputs",
        "decisions",
        "ranking",
        "submissions",
        "advice",
        "audit",
    ]


def test_docs_name_every_field(panel: Path):
    docs = (Path(__file__).resolve().parents[2] / "docs" / "formats.md").read_text("utf-8")
    section = docs[docs.index("## Panel results file (`expertscore-panel/1`)") :]
    _, payload = decode(panel)
    submission = payload["submissions"][0]
    names = {
        *payload,
        *payload["batch"],
        *payload["chair"],
        *payload["policy"],
        *payload["inputs"][0],
        *payload["decisions"],
        *payload["decisions"]["overrides"][0],
        *payload["decisions"]["second_round"][0],
        *submission,
        *submission["indicators"][0],
        *payload["advice"],
        *payload["advice"]["alpha"],
        *payload["advice"]["submissions"][0],
        *payload["advice"]["severity"][0],
        *payload["advice"]["adjusted"],
    }
    missing = sorted(name for name in names if f"`{name}`" not in section)
    assert missing == []
