"""Merging expert result files into the chair's merge folder.

The folder (``--out DIR``) keeps the state of one batch's merge:

* ``results/<expert>.esresult``: the accepted file of each expert, byte for byte;
* ``audit.jsonl``: one JSON object per line, appended, never rewritten: every accepted,
  replaced, unchanged or refused file, and every chair decision (``decisions.py``).

``plan`` verifies each offered file (signature, batch hash, roster and keys) and decides,
without writing anything, what merging it would do; ``apply`` then writes. The same file
twice is ``unchanged``; a higher sequence from the same expert ``replaced``s the lower one;
a lower sequence, or the same sequence with different contents, is refused. Refused files
are never counted.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from expertscore.batch.package import OpenedPackage
from expertscore.chair.bulk import collector_paused
from expertscore.private import owner_only
from expertscore.results.envelope import ResultRefused
from expertscore.results.trust import KeyTrust
from expertscore.results.verify import CheckedResult, check_result

ACCEPTED, REPLACED, UNCHANGED, REFUSED = "accepted", "replaced", "unchanged", "refused"
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
    """The merge folder's accepted files, each verified again (a folder can be tampered with)."""
    folder = MergeFolder(path)
    if not folder.results_dir.is_dir():
        return folder
    files = sorted(folder.results_dir.glob("*.esresult"))
    for checked in verify_many(files, package, trust):
        folder.accepted[checked.payload.expert.id] = checked
    return folder


def verify_many(
    files: Sequence[Path], package: OpenedPackage, trust: KeyTrust
) -> list[CheckedResult]:
    """Verify files, keeping them slim (no log, no raw bytes).

    One process is fastest: handing thirty verified files back from worker processes cost
    more than verifying them.
    """
    with collector_paused():
        return [
            check_result(path.read_bytes(), str(path), package, trust, log=False).slim()
            for path in files
        ]


def _decide(
    folder: MergeFolder, data: bytes, source: str, package: OpenedPackage, trust: KeyTrust
) -> Decision:
    digest = hashlib.sha256(data).hexdigest()
    try:
        checked = check_result(data, source, package, trust, log=False)
    except ResultRefused as exc:
        return Decision(source, REFUSED, exc.reason, digest=digest)
    expert = checked.payload.expert.id
    sequence = checked.payload.sequence
    previous = folder.accepted.get(expert)
    base = {"expert": expert, "sequence": sequence, "digest": digest, "checked": checked}
    if previous is None:
        return Decision(source, ACCEPTED, "new", **base)
    before = previous.payload.sequence
    if checked.payload_sha256 == previous.payload_sha256:
        return Decision(source, UNCHANGED, f"same as the accepted result {before}", **base)
    if sequence > before:
        return Decision(source, REPLACED, f"replaces result {before}", **base)
    if sequence == before:
        reason = f"differs from the accepted result with the same sequence {before}"
    else:
        reason = f"older (sequence {sequence}) than the accepted result {before}"
    return Decision(source, REFUSED, reason, expert=expert, sequence=sequence, digest=digest)


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
            staged.accepted[decision.expert] = decision.checked.slim()
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
                    raise ResultRefused(decision.source, "the file changed while it was merged")
            os.replace(temp, target)
            folder.accepted[decision.expert] = decision.checked.slim()
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
