"""Forgeries by a dishonest chair, made with genuine keys: each must be refused or reported.

The material (``chair_material.py``): a demo batch whose roster pins every expert's key,
scored by simulated experts; the chair has a key of their own and merges, decides and
signs with the real chair code (``ChairRun``, ``decisions``, ``write_panel_file``). Every
case then does
one thing the chair's tools would not: a line appended by hand to ``audit.jsonl`` that
breaks a rule of chair decisions, an assigned expert's result left out, an expert's own
signed result replaced by the chair's transcription, a panel file whose numbers or
signer do not follow from its inputs. The reason found is the refusal of the replay or
the merge, or the first difference ``expertscore verify PANELFILE`` prints; ``None``
means the forgery was ACCEPTED.

Before the cases, the honest merge and its panel file are checked: opened without a
refusal and re-checked without a difference (so that "0 accepted" cannot come from tools
that refuse everything).

``run(workdir)`` -> ``[(case name, reason or None)]``, the interface of every forgery case
module (``forgery.py`` runs them).
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from bench.reliability.chair_material import (
    CREATED,
    Material,
    expert_key,
    leaf_of,
    official_key,
    override_line,
    prepare,
    transcribe,
    unassigned,
    write_panel,
)
from expertscore.chair.aggregate import Override
from expertscore.chair.decisions import Decisions, allow_transcription
from expertscore.chair.merge import REFUSED, append_audit, apply, load_folder, plan
from expertscore.chair.panel_file import (
    PANEL_PAYLOAD_TYPE,
    build_payload,
    panel_envelope_bytes,
)
from expertscore.chair.panel_file.model import canonical_results
from expertscore.chair.recheck import recheck
from expertscore.chair.run import ChairRun
from expertscore.errors import ExpertScoreError
from expertscore.identity.keycard import make_card, write_card
from expertscore.identity.keys import ExpertKey
from expertscore.results.payload import payload_bytes
from expertscore.schemes.rules import max_points

Case = tuple[str, str | None]


# -- how a case ends -----------------------------------------------------------------------


def _refused(action: Callable[[], Any]) -> str | None:
    """The one-line refusal of ``action``, or None if it went through."""
    try:
        action()
    except ExpertScoreError as exc:
        return str(exc)
    return None


def _rechecked(m: Material, panel: Path, results: Path, chair_key: str | None = None):
    try:
        differences = recheck(panel, m.package, results, chair_key).differences
    except ExpertScoreError as exc:
        return str(exc)
    if not differences:
        return None
    more = len(differences) - 1
    return differences[0] + (f" (and {more} more differences)" if more else "")


def _copy_merge(m: Material, work: Path) -> Path:
    folder = work / "merge"
    shutil.copytree(m.merge, folder)
    return folder


def _appended(m: Material, work: Path, entry: dict[str, Any] | str) -> str | None:
    """A line appended by hand; then the chair's tools open the folder and sign."""
    folder = _copy_merge(m, work)
    if isinstance(entry, str):
        with (folder / "audit.jsonl").open("a", encoding="utf-8") as handle:
            handle.write(entry + "\n")
    else:
        append_audit(folder, entry)
    return _refused(lambda: write_panel(m.run(folder), m.chair, work / "panel.espanel"))


def _resigned(m: Material, work: Path, change: Callable[[dict], None], key: ExpertKey) -> Path:
    """The honest panel file's payload, changed and signed again with a genuine key."""
    envelope = json.loads(m.panel.read_bytes())
    payload = json.loads(base64.b64decode(envelope["payload"]))
    change(payload)
    body = payload_bytes(payload)
    out = work / "forged.espanel"
    sig = key.sign(PANEL_PAYLOAD_TYPE, body)
    out.write_bytes(panel_envelope_bytes(body, key.info.fingerprint, sig))
    return out


# -- the table's chair-side rows -----------------------------------------------------------


def appended_out_of_range(m: Material, work: Path) -> str | None:
    """An agreed score of five times the maximum appended to the audit log."""
    leaf = leaf_of(m, "points")
    top = max_points(m.package.scheme, leaf)
    return _appended(m, work, override_line(m, leaf.code, f"{top * 5:.2f}"))


def appended_out_of_range_signed(m: Material, work: Path) -> str | None:
    """The same line, and a panel file signed from it by a program that skipped the rules."""
    folder = _copy_merge(m, work)
    leaf = leaf_of(m, "points")
    line = override_line(m, leaf.code, f"{max_points(m.package.scheme, leaf) * 5:.2f}")
    append_audit(folder, line)
    run = m.run(m.merge)  # the honest folder opens; its decisions plus the forged one
    decisions = Decisions(
        dict(run.decisions.confirmed),
        {(line["submission"], line["indicator"]): Override(Decimal(line["points"]), "议定")},
        dict(run.decisions.rounds),
    )
    folder_run = load_folder(folder, m.package, run.trust)
    results = canonical_results(m.package, folder_run.accepted.values(), decisions.overrides)
    payload = build_payload(m.package, folder_run, decisions, m.chair, CREATED, results)
    out = work / "forged.espanel"
    body = payload_bytes(payload)
    sig = m.chair.sign(PANEL_PAYLOAD_TYPE, body)
    out.write_bytes(panel_envelope_bytes(body, m.chair.info.fingerprint, sig))
    return _rechecked(m, out, m.results)


def result_left_out(m: Material, work: Path) -> str | None:
    """The chair merges every result but E02's and signs the panel file honestly."""
    run = m.run(work / "merge")
    run.apply(run.plan([p for p in sorted(m.results.glob("*.esresult")) if p.stem != "E02"]))
    run.reload()
    panel = write_panel(run, m.chair, work / "panel.espanel")
    return _rechecked(m, panel, m.results)


def result_removed_after_merge(m: Material, work: Path) -> str | None:
    """E04's merged result deleted from the folder by hand; re-checked with that folder."""
    folder = _copy_merge(m, work)
    (folder / "results" / "E04.esresult").unlink()
    panel = write_panel(m.run(folder), m.chair, work / "panel.espanel")
    return _rechecked(m, panel, folder / "results")


def transcription_over_own_merge(m: Material, work: Path) -> str | None:
    """The chair's transcription of E01's sheet (sequence 2) offered over E01's own result."""
    run = m.run(_copy_merge(m, work))
    decisions = run.plan([m.transcription])
    refused = [d for d in decisions if d.outcome == REFUSED]
    return refused[0].reason if refused else None


def transcription_over_own_signed(m: Material, work: Path) -> str | None:
    """The same, merged by a program that skipped the rule; the panel file re-checked."""
    folder = _copy_merge(m, work)
    run = m.run(folder)
    apply(run.folder, plan(run.folder, [m.transcription], run.package, run.trust))
    run.reload()
    panel = write_panel(run, m.chair, work / "panel.espanel")
    inbox = work / "inbox"
    shutil.copytree(m.results, inbox)
    shutil.copyfile(m.transcription, inbox / m.transcription.name)
    return _rechecked(m, panel, inbox)


def transcription_reason_removed(m: Material, work: Path) -> str | None:
    """Merged with a recorded reason; then the reason's line is cut out of the audit log."""
    folder = _copy_merge(m, work)
    allow_transcription(folder, m.package, "E01", "以纸质表为准")
    run = m.run(folder)
    run.apply(run.plan([m.transcription]))
    audit = folder / "audit.jsonl"
    lines = audit.read_text("utf-8").splitlines(keepends=True)
    audit.write_text("".join(x for x in lines if "transcription-allowed" not in x), "utf-8")
    return _refused(lambda: write_panel(m.run(folder), m.chair, work / "panel.espanel"))


def transcription_copied_in_by_hand(m: Material, work: Path) -> str | None:
    """The chair's transcription of E01's sheet copied over E01's merged result by hand."""
    folder = _copy_merge(m, work)
    shutil.copyfile(m.transcription, folder / "results" / "E01.esresult")
    return _refused(lambda: m.run(folder))


def transcribed_by_someone_else(m: Material, work: Path) -> str | None:
    """A clerk's transcription of E02's sheet, allowed, merged and signed by the chair."""
    clerk = official_key(b"forgery bench clerk", "CLERK", "秘书")
    cards = work / "cards"
    shutil.copytree(m.chair_cards, cards)
    write_card(make_card(clerk, CREATED), cards / "CLERK.eskeycard")
    transcription = transcribe(work, m.package_path, clerk, "E02")
    folder = _copy_merge(m, work)
    allow_transcription(folder, m.package, "E02", "专家本人仅交纸质表")
    run = ChairRun.open(m.package_path, folder, [cards])
    run.apply(run.plan([transcription]))
    run.reload()
    panel = write_panel(run, m.chair, work / "panel.espanel")
    inbox = work / "inbox"
    shutil.copytree(m.results, inbox)
    shutil.copyfile(transcription, inbox / transcription.name)
    return _rechecked(m, panel, inbox)


def numbers_differ(m: Material, work: Path) -> str | None:
    """The signed numbers changed: one total raised, the ranking reordered."""

    def change(payload: dict) -> None:
        last = payload["submissions"][-1]
        last["total"] = "99.99"
        payload["ranking"] = [last["id"], *[s for s in payload["ranking"] if s != last["id"]]]

    return _rechecked(m, _resigned(m, work, change, m.chair), m.results)


def expert_dropped_from_inputs(m: Material, work: Path) -> str | None:
    """An assigned expert removed from the file's inputs, the numbers left as they are."""

    def change(payload: dict) -> None:
        payload["inputs"] = [i for i in payload["inputs"] if i["expert"] != "E03"]

    return _rechecked(m, _resigned(m, work, change, m.chair), m.results)


def signed_by_another_key(m: Material, work: Path) -> str | None:
    """The file re-signed by another key under the chair's name and id."""
    other = ExpertKey.from_private_key(
        Ed25519PrivateKey.from_private_bytes(hashlib.sha256(b"not the chair").digest()),
        "CHAIR",
        "评审组组长",
        "某研究院",
        CREATED,
    )

    def change(payload: dict) -> None:
        payload["chair"]["public_key"] = other.info.public_key

    panel = _resigned(m, work, change, other)
    return _rechecked(m, panel, m.results, chair_key=m.chair.info.fingerprint)


def signed_by_an_expert(m: Material, work: Path) -> str | None:
    """The file signed by a roster expert's own (pinned) key as the chair."""
    expert = expert_key(m, "E03")

    def change(payload: dict) -> None:
        payload["chair"].update(id="E03", public_key=expert.info.public_key)

    return _rechecked(m, _resigned(m, work, change, expert), m.results)


def decision_not_in_audit(m: Material, work: Path) -> str | None:
    """An agreed score listed in the file's decisions that its audit lines never record."""
    leaf = leaf_of(m, "points")
    sid = m.package.manifest.submissions[0].id

    def change(payload: dict) -> None:
        payload["decisions"]["overrides"].append(
            {"submission": sid, "indicator": leaf.code, "points": "0.00", "reason": "议定"}
        )

    return _rechecked(m, _resigned(m, work, change, m.chair), m.results)


# -- the rules of chair decisions, one appended line each ----------------------------------


def _rule_cases(m: Material) -> dict[str, dict[str, Any] | str]:
    points, ordinal, yesno = leaf_of(m, "points"), leaf_of(m, "ordinal"), leaf_of(m, "yesno")
    scheme = m.package.scheme
    sid = m.package.manifest.submissions[0].id
    expert, other_sid = unassigned(m)
    stranger = ExpertKey.from_private_key(
        Ed25519PrivateKey.from_private_bytes(hashlib.sha256(b"stranger").digest()), "E01", "某人"
    )
    group = next(node.code for node in scheme.walk() if not node.is_leaf)
    half = f"{max_points(scheme, yesno) / 2:.2f}"
    return {
        "agreed score below 0": override_line(m, points.code, "-0.10"),
        "agreed score off the step": override_line(m, points.code, "0.05"),
        "agreed score not one of an ordinal leaf's grades": override_line(
            m, ordinal.code, f"{max_points(scheme, ordinal) * Decimal('0.33'):.2f}"
        ),
        "agreed score between yes and no": override_line(m, yesno.code, half),
        "agreed score not written with the policy's decimals": override_line(m, points.code, "1.0"),
        "agreed score without a reason": override_line(m, points.code, "1.00", reason=" "),
        "agreed score for a submission not in the batch": {
            **override_line(m, points.code, "1.00"),
            "submission": "S999",
        },
        "agreed score for a group, not a leaf": override_line(m, group, "1.00"),
        "withdrawal of an agreed score never recorded": {
            "action": "override-cleared",
            "submission": sid,
            "indicator": points.code,
            "reason": "撤回",
        },
        "second round for an expert not assigned": {
            "action": "round-2",
            "submission": other_sid,
            "indicator": points.code,
            "experts": [expert],
            "reason": "复核",
        },
        "second round without a reason": {
            "action": "round-2",
            "submission": sid,
            "indicator": points.code,
            "experts": ["E01"],
            "reason": "",
        },
        "key confirmed over the roster's pinned key": {
            "action": "confirm-key",
            "expert": "E01",
            "public_key": stranger.info.public_key,
            "fingerprint": stranger.info.fingerprint,
        },
        "key confirmed with another fingerprint": {
            "action": "confirm-key",
            "expert": "E02",
            "public_key": expert_key(m, "E02").info.public_key,
            "fingerprint": "0000-0000-0000-0000",
        },
        "transcription allowed without a reason": {
            "action": "transcription-allowed",
            "expert": "E01",
            "reason": "",
        },
        "transcription allowed for an expert not on the roster": {
            "action": "transcription-allowed",
            "expert": "E99",
            "reason": "纸质表",
        },
        "unknown decision": {"action": "grade-set", "submission": sid, "grade": "L1"},
        "a line that is not JSON": '{"action": "override", "points": "9',
    }


ROWS: dict[str, Callable[[Material, Path], str | None]] = {
    "appended out-of-range agreed score (replay)": appended_out_of_range,
    "appended out-of-range agreed score, panel signed anyway": appended_out_of_range_signed,
    "assigned expert's result left out": result_left_out,
    "merged result deleted from the folder by hand": result_removed_after_merge,
    "own signed result replaced by a transcription (merge)": transcription_over_own_merge,
    "own signed result replaced by a transcription, panel signed": transcription_over_own_signed,
    "transcription's recorded reason cut from the audit log": transcription_reason_removed,
    "transcription copied into the results folder by hand": transcription_copied_in_by_hand,
    "transcription signed by someone other than the chair": transcribed_by_someone_else,
    "panel numbers differ from the re-run": numbers_differ,
    "assigned expert dropped from the inputs": expert_dropped_from_inputs,
    "panel signed by another key as the chair": signed_by_another_key,
    "panel signed by a roster expert's key": signed_by_an_expert,
    "agreed score in the decisions, not in the audit": decision_not_in_audit,
}


def run(workdir: Path) -> list[Case]:
    """Every chair-side forgery: (name, the refusal or difference, or None if ACCEPTED)."""
    m = prepare(workdir / "material")
    cases: list[Case] = []
    for number, (name, forge) in enumerate(ROWS.items()):
        work = workdir / f"row-{number}"
        work.mkdir()
        cases.append((name, forge(m, work)))
    for number, (name, entry) in enumerate(_rule_cases(m).items()):
        work = workdir / f"rule-{number}"
        work.mkdir()
        cases.append((f"audit line: {name}", _appended(m, work, entry)))
    return cases
