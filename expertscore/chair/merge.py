"""Merging expert result files into the chair's merge folder.

The folder (``--out DIR``) keeps the state of one batch's merge:

* ``results/<expert>.esresult``: the accepted file of each expert, byte for byte;
* ``audit.jsonl``: one JSON object per line, appended, never rewritten: every accepted,
  replaced, unchanged or refused file, and every chair decision (``decisions.py``).

``plan`` verifies each offered file in full (signature, batch hash, roster, keys, every
score against the batch's rules and the replay of its edit log) and decides, without
writing anything, what merging it would do; ``apply`` then writes. The same file twice is
``unchanged``; a higher sequence from the same expert ``replaced``s the lower one only when
it names that one by digest and continues its log (``results.succession``), and the
decision lists what it changes; a lower sequence, or the same sequence with different
contents, is refused. Refused files are never counted.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from expertscore.batch.package import OpenedPackage
from expertscore.chair.bulk import collector_paused
from expertscore.errors import ExpertScoreError
from expertscore.private import owner_only
from expertscore.results.envelope import ResultRefused, RuleBroken
from expertscore.results.succession import Changes, describe, succession_problem
from expertscore.results.succession import changes as changes_of
from expertscore.results.trust import KeyTrust
from expertscore.results.verify import CheckedResult, check_result
from expertscore.vocabulary import MergeOutcome
from expertscore.wording.phrases import MERGE_OLDER, MERGE_SAME, MERGE_SAME_SEQUENCE

ACCEPTED, REPLACED, UNCHANGED, REFUSED = MergeOutcome
# How a merged file's key was trusted, in its reason. No file paths: the audit goes into
# outputs sent to the authority.
TRUSTED_BY = {
    "roster": "pinned in the batch roster",
    "chair": "confirmed by the chair against the signed paper sheet",
    "keycard": "from the expert's key card",
    "local": "a key on this computer",
    "unchecked": "not checked",
}
RESULTS = "results"
AUDIT = "audit.jsonl"


@dataclass(frozen=True)
class Decision:
    source: str
    outcome: str
    reason: str
    expert: str | None = None
    sequence: int | None = None
    digest: str | None = None  # SHA-256 of the file's bytes
    checked: CheckedResult | None = None
    changes: Changes | None = None  # what a replacement changes
    refusal: ExpertScoreError | None = None  # the refusal that ``reason`` is the line of
    said: str = ""  # the reason's template in ``expertscore.wording.phrases``
    facts: tuple[tuple[str, str], ...] = ()


@dataclass
class MergeFolder:
    path: Path
    accepted: dict[str, CheckedResult] = field(default_factory=dict)

    @property
    def results_dir(self) -> Path:
        return self.path / RESULTS

    def digest_of(self, expert: str) -> str:
        return hashlib.sha256((self.results_dir / f"{expert}.esresult").read_bytes()).hexdigest()


def now_text() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def append_audit(folder: Path, entry: dict) -> None:
    """Append one line to the audit log and flush it to disk."""
    folder.mkdir(parents=True, exist_ok=True)
    owner_only(folder)
    line = json.dumps({"at": now_text(), **entry}, ensure_ascii=False, sort_keys=True)
    with (folder / AUDIT).open("a", encoding="utf-8") as handle:
        owner_only(folder / AUDIT)
        handle.write(line + "\n")
        handle.flush()
        os.fsync(handle.fileno())


def read_audit(folder: Path) -> list[dict]:
    path = folder / AUDIT
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def load_folder(path: Path, package: OpenedPackage, trust: KeyTrust) -> MergeFolder:
    """The merge folder's accepted files, each verified again (a folder can be tampered with).

    A file whose SHA-256 the audit log records as merged had its edit log replayed then;
    reopening the folder checks everything else again but not that replay. Any other
    file in ``results/`` is checked in full.
    """
    folder = MergeFolder(path)
    if not folder.results_dir.is_dir():
        return folder
    files = sorted(folder.results_dir.glob("*.esresult"))
    last: dict[str, str] = {}  # expert -> digest of the file the audit log last merged
    for entry in read_audit(path):
        if entry.get("action") == "merge" and entry.get("outcome") in (ACCEPTED, REPLACED):
            last[str(entry.get("expert"))] = str(entry.get("digest"))
    for file in files:
        digest = hashlib.sha256(file.read_bytes()).hexdigest()
        if last.get(file.stem) != digest:
            raise MergeFolderChanged(path, file.name, file.stem, digest, last.get(file.stem))
    for checked in verify_many(files, package, trust, set(last.values())):
        expert = checked.payload.expert.id
        if Path(checked.source).stem != expert:
            raise MergeFolderChanged(path, Path(checked.source).name, expert, "", last.get(expert))
        folder.accepted[expert] = checked
    return folder


class MergeFolderChanged(ExpertScoreError):
    """A file in ``results/`` is not the one the audit log records as merged for its expert:
    put there by hand (a transcription over an own result, a file from elsewhere) or
    changed after the merge. Nothing of the folder is used until it is put right."""

    def __init__(
        self, folder: Path, file: str, expert: str, digest: str, merged: str | None
    ) -> None:
        self.folder, self.file, self.expert = folder, file, expert
        self.digest, self.merged = digest, merged
        if merged is None:
            why = f"the audit log records no merge of a result of {expert}"
        else:
            why = f"the audit log last merged {merged[:12]}… for {expert}"
        super().__init__(
            f"{folder / RESULTS / file}: not the file merged ({why}); put back the merged"
            " file, or merge the new one with `expertscore merge`"
        )


def verify_many(
    files: Sequence[Path],
    package: OpenedPackage,
    trust: KeyTrust,
    replayed: Collection[str] = (),
) -> list[CheckedResult]:
    """Verify files in full, keeping them slim (no log, no raw bytes).

    A file whose SHA-256 is in ``replayed`` skips the replay of its edit log (``verify``'s
    note). One process is fastest: handing thirty verified files back from worker
    processes cost more than verifying them.
    """
    found = []
    with collector_paused():
        for path in files:
            data = path.read_bytes()
            log = hashlib.sha256(data).hexdigest() not in replayed if replayed else True
            found.append(check_result(data, str(path), package, trust, log=log).slim())
    return found


def _decide(
    folder: MergeFolder, data: bytes, source: str, package: OpenedPackage, trust: KeyTrust
) -> Decision:
    digest = hashlib.sha256(data).hexdigest()
    try:
        checked = check_result(data, source, package, trust)
    except ResultRefused as exc:
        return Decision(source, REFUSED, exc.reason, digest=digest, refusal=exc)
    expert = checked.payload.expert.id
    sequence = checked.payload.sequence
    previous = folder.accepted.get(expert)
    base: dict[str, Any] = {
        "expert": expert,
        "sequence": sequence,
        "digest": digest,
        "checked": checked,
    }
    key = f"key {checked.fingerprint} {TRUSTED_BY[checked.identity.source]}"
    if previous is None:
        return Decision(source, ACCEPTED, f"new; {key}", **base)
    before = previous.payload.sequence
    if checked.payload_sha256 == previous.payload_sha256:
        return Decision(
            source,
            UNCHANGED,
            f"same as the accepted result {before}",
            **base,
            said=MERGE_SAME,
            facts=(("before", str(before)),),
        )
    if sequence <= before:
        if sequence == before:
            said = MERGE_SAME_SEQUENCE
            reason = f"differs from the accepted result with the same sequence {before}"
        else:
            said = MERGE_OLDER
            reason = f"older (sequence {sequence}) than the accepted result {before}"
        return Decision(
            source,
            REFUSED,
            reason,
            expert=expert,
            sequence=sequence,
            digest=digest,
            said=said,
            facts=(("before", str(before)), ("sequence", str(sequence))),
        )
    broken = succession_problem(previous, checked)
    if broken is not None:
        refusal = RuleBroken(
            source, expert, broken.rule, broken.detail, broken.submission, broken.indicator
        )
        return Decision(
            source,
            REFUSED,
            refusal.reason,
            expert=expert,
            sequence=sequence,
            digest=digest,
            refusal=refusal,
        )
    found = changes_of(previous, checked)
    reason = f"replaces result {before}: {describe(found)}; {key}"
    return Decision(source, REPLACED, reason, changes=found, **base)


def plan(
    folder: MergeFolder, files: Sequence[Path], package: OpenedPackage, trust: KeyTrust
) -> list[Decision]:
    """What merging ``files`` would do, in order; nothing is written (the dry run)."""
    decisions = []
    staged = MergeFolder(folder.path, dict(folder.accepted))
    readable = []
    for path in files:
        try:
            readable.append((path, path.read_bytes()))
        except OSError as exc:
            decisions.append(Decision(str(path), REFUSED, f"cannot read: {exc.strerror}"))
    # Lower sequences first, so that offering files 1 and 2 together keeps 2.
    readable.sort(key=lambda item: _sequence_hint(item[1]))
    for path, data in readable:
        decision = _decide(staged, data, str(path), package, trust)
        if decision.outcome in (ACCEPTED, REPLACED) and decision.checked is not None:
            staged.accepted[decision.checked.payload.expert.id] = decision.checked.slim()
        decisions.append(decision)
    return decisions


def _sequence_hint(data: bytes) -> int:
    try:
        payload = json.loads(base64.b64decode(json.loads(data)["payload"]))
        return int(payload.get("sequence", 0))
    except (ValueError, KeyError, TypeError):
        return 0


def apply(folder: MergeFolder, decisions: Iterable[Decision]) -> None:
    """Write what ``plan`` decided: copy accepted files in, log every decision."""
    folder.results_dir.mkdir(parents=True, exist_ok=True)
    owner_only(folder.results_dir)
    for decision in decisions:
        if decision.outcome in (ACCEPTED, REPLACED) and decision.checked is not None:
            target = folder.results_dir / f"{decision.expert}.esresult"
            handle, temp = tempfile.mkstemp(dir=folder.results_dir, prefix=".incoming-")
            os.close(handle)
            shutil.copyfile(decision.source, temp)
            with open(temp, "rb") as check:
                if hashlib.sha256(check.read()).hexdigest() != decision.digest:
                    os.unlink(temp)
                    raise ResultRefused(
                        decision.source, "the file changed while it was merged"
                    ).saying("changed_in_merge")
            os.replace(temp, target)
            folder.accepted[decision.checked.payload.expert.id] = decision.checked.slim()
        append_audit(
            folder.path,
            {
                "action": "merge",
                "outcome": decision.outcome,
                # The name only: the audit goes into outputs sent to the authority.
                "file": Path(decision.source).name,
                "expert": decision.expert,
                "sequence": decision.sequence,
                "digest": decision.digest,
                "reason": decision.reason,
            },
        )


def summary(decisions: Sequence[Decision]) -> dict[str, list[Decision]]:
    grouped: dict[str, list[Decision]] = {ACCEPTED: [], REPLACED: [], UNCHANGED: [], REFUSED: []}
    for decision in decisions:
        grouped[decision.outcome].append(decision)
    return grouped
