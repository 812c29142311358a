"""Re-running a signed panel file's merge from its inputs: ``expertscore verify PANELFILE``.

Anyone holding the batch package and the experts' result files can check the chair's
panel file. The re-check:

1. reads the panel file (envelope, signature by the key the payload names) and, when the
   caller knows the chair's key, compares it; a chair key that is a roster expert's is
   reported;
2. replays the chair's decisions from the file's audit lines under the rules of recording
   them (``decisions.replay_entries``), and compares them with the decisions the file
   lists; every listed agreed score is checked against its leaf again;
3. verifies every result file in the folder against the package (roster pins and the
   chair's confirmed keys decide whose key is whose) and merges them again: per expert the
   newest result, where a chair's transcription stands for an expert only if no own
   signed result of theirs is there or the chair recorded why;
4. compares, expert by expert, the result the file lists (by SHA-256, or "missing") with
   the re-run's, then every number of the re-run's aggregation with the file's.

Each difference is one line; none means the file's numbers follow from its inputs.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from expertscore.batch.package import OpenedPackage
from expertscore.chair import decision_rules as rules
from expertscore.chair.aggregate import Override, VerifiedValue
from expertscore.chair.decisions import AuditRefused, Decisions, replay_entries
from expertscore.chair.override_causes import OverrideCause
from expertscore.chair.panel_advice_record import advice_record
from expertscore.chair.panel_file import (
    MISSING,
    ReadPanel,
    input_of,
    input_records,
    read_panel,
)
from expertscore.chair.panel_file.model import (
    PanelPayload,
    canonical_results,
    decisions_record,
    organizer_records,
    policy_record,
    submission_records,
)
from expertscore.chair.transcriptions import is_transcription, own_result_problem
from expertscore.results.envelope import ResultRefused
from expertscore.results.trust import KeyTrust, KnownKey
from expertscore.results.verify import CheckedResult, check_result


@dataclass
class Recheck:
    """What the re-check found: the file's facts and every difference (none: it holds)."""

    payload: PanelPayload
    signer: str
    differences: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Found:
    checked: CheckedResult
    data_sha256: str


def _diff(path: str, written: Any, rerun: Any, out: list[str]) -> None:
    """Append a line for every place where ``written`` and ``rerun`` differ."""
    if written == rerun:  # the usual case, decided at once without walking the records
        return
    if isinstance(written, dict) and isinstance(rerun, dict):
        for key in [*written, *(k for k in rerun if k not in written)]:
            where = f"{path}.{key}" if path else str(key)
            if key not in rerun:
                out.append(f"{where}: in the file only")
            elif key not in written:
                out.append(f"{where}: in the re-run only")
            else:
                _diff(where, written[key], rerun[key], out)
        return
    if isinstance(written, list) and isinstance(rerun, list):
        keyed = [_identity(item) for item in [*written, *rerun]]
        if keyed and all(keyed):
            _diff(path, {_identity(i): i for i in written}, {_identity(i): i for i in rerun}, out)
            return
    if written != rerun:
        out.append(f"{path}: the file says {_shown(written)}, the re-run gives {_shown(rerun)}")


def _identity(item: Any) -> str | None:
    if isinstance(item, dict):
        for key in ("id", "code", "expert"):
            if isinstance(item.get(key), str):
                return item[key]
    return None


def _shown(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _chair_problems(payload: PanelPayload, signer: str, package: OpenedPackage) -> list[str]:
    problems = []
    for member in package.manifest.roster:
        if member.id == payload.chair.id or member.public_key == payload.chair.public_key:
            problems.append(
                f"chair: the panel file is signed by {payload.chair.id} with key {signer}, which"
                f" is roster expert {member.id}'s: an expert cannot sign the panel's results"
            )
    return problems


def _decisions(payload: PanelPayload, package: OpenedPackage, out: list[str]) -> Decisions:
    """The decisions replayed from the file's audit lines (each under the recording rules)."""
    numbered = list(enumerate(payload.audit, start=1))
    try:
        replayed = replay_entries(numbered, package, source="the panel file's audit")
    except AuditRefused as exc:
        out.append(f"decisions: {exc}")
        replayed = None
    for o in payload.decisions.overrides:
        try:
            rules.check_agreed_score(package, o.submission, o.indicator, o.points, stored=True)
        except rules.DecisionError as exc:
            out.append(f"decisions.overrides.{o.submission}.{o.indicator}: {exc.message}")
    if replayed is not None:
        written = payload.decisions.model_dump(mode="json")
        _diff("decisions", _keyed(written), _keyed(decisions_record(replayed)), out)
    listed = Decisions.empty()
    listed.confirmed = {k.expert: k.public_key for k in payload.decisions.confirmed_keys}
    listed.overrides = {
        (o.submission, o.indicator): Override(
            Decimal(o.points), o.reason, None if o.cause is None else OverrideCause(o.cause)
        )
        for o in payload.decisions.overrides
    }
    listed.transcriptions = {t.expert: t.reason for t in payload.decisions.transcriptions}
    listed.verified_values = {
        (v.submission, v.indicator): VerifiedValue(v.value, v.decided_by, v.reason)
        for v in payload.decisions.verified_values
    }
    return listed


def _merge_problems(payload: PanelPayload) -> list[str]:
    """Where the file's audit says another result was merged last than the one it lists."""
    merged: dict[str, str] = {}
    for entry in payload.audit:
        if entry.get("action") == "merge" and entry.get("outcome") in ("accepted", "replaced"):
            merged[str(entry.get("expert"))] = str(entry.get("digest"))
    problems = []
    for item in payload.inputs:
        last = merged.get(item.expert)
        if last != item.file_sha256:
            said = "no result" if last is None else f"result SHA-256 {last[:16]}…"
            problems.append(
                f"{item.expert}: the panel file's audit merged {said} last, but the file lists"
                f" {item.result if item.file_sha256 is None else item.file_sha256[:16] + '…'}"
            )
    return problems


def _keyed(record: dict[str, list[dict]]) -> dict[str, dict[str, dict]]:
    """Decision lists keyed by what they decide, so a difference names it."""

    def key(item: dict) -> str:
        parts = (item.get("submission"), item.get("indicator"), item.get("expert"))
        return "/".join(str(p) for p in parts if p is not None)

    return {name: {key(item): item for item in items} for name, items in record.items()}


def _scan(
    results_dir: Path, package: OpenedPackage, trust: KeyTrust
) -> tuple[dict[str, _Found], dict[str, str]]:
    """Every result file in the folder, checked: the valid ones and the refusals, by digest."""
    found: dict[str, _Found] = {}
    refused: dict[str, str] = {}
    paths = sorted(results_dir.glob("*.esresult")) if results_dir.is_dir() else []
    for path in paths:
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        try:
            checked = check_result(data, str(path), package, trust, log=False)
        except ResultRefused as exc:
            refused[digest] = f"{path}: refused: {exc.reason}"
            continue
        found[digest] = _Found(checked, digest)
    return found, refused


def _rerun_choice(
    expert: str, theirs: list[_Found], allowed: dict[str, str], out: list[str]
) -> _Found | None:
    """What the merge would use for ``expert`` from ``theirs``: the newest eligible result."""
    own = [f for f in theirs if not is_transcription(f.checked)]
    eligible = own + [
        f for f in theirs if is_transcription(f.checked) and (not own or expert in allowed)
    ]
    if not eligible:
        return None
    top = max(f.checked.payload.sequence for f in eligible)
    newest = sorted((f for f in eligible if f.checked.payload.sequence == top), key=_digest_of)
    if len(newest) > 1:
        out.append(
            f"{expert}: {len(newest)} different results with the same sequence {top} were found;"
            " the merge would refuse the later one"
        )
    return newest[0]


def _digest_of(found: _Found) -> str:
    return found.data_sha256


def _transcriber_problem(expert: str, used: _Found, payload: PanelPayload) -> list[str]:
    """A transcription stands for an expert only if the panel's chair signed it."""
    by = used.checked.payload.transcribed_by
    if by is None or by.public_key == payload.chair.public_key:
        return []
    return [
        f"{expert}: the transcription used (SHA-256 {used.data_sha256[:16]}…) is signed by"
        f" {by.id} with key {used.checked.fingerprint}, not by the chair {payload.chair.id}"
        " who signed the panel file"
    ]


def _compare_inputs(
    payload: PanelPayload,
    package: OpenedPackage,
    results_dir: Path,
    trust: KeyTrust,
    allowed: dict[str, str],
    out: list[str],
) -> list[_Found]:
    """The re-run's result per expert; each disagreement with the listed one, in words."""
    found, refused = _scan(results_dir, package, trust)
    listed = {item.expert: item for item in payload.inputs}
    experts = sorted({a.expert for a in package.manifest.assignments} | set(listed))
    chosen: list[_Found] = []
    for expert in experts:
        theirs = [f for f in found.values() if f.checked.payload.expert.id == expert]
        choice = _rerun_choice(expert, theirs, allowed, out)
        if choice is not None:
            chosen.append(choice)
            out += _transcriber_problem(expert, choice, payload)
        item = listed.get(expert)
        if item is None or item.result == MISSING:
            if choice is not None:
                out.append(
                    f"{expert}: the panel file lists no result, but {results_dir} holds its"
                    f" result {choice.checked.payload.sequence} (SHA-256"
                    f" {choice.data_sha256[:16]}…), which the re-run uses"
                )
            continue
        assert item.file_sha256 is not None  # the payload's model: a used result has its digest
        said = f"{expert}: the listed result {item.sequence} (SHA-256 {item.file_sha256[:16]}…)"
        if item.file_sha256 in refused:
            out.append(f"{said}: {refused[item.file_sha256]}")
        elif item.file_sha256 not in found:
            instead = (
                f"; re-run with its result {choice.checked.payload.sequence}"
                f" (SHA-256 {choice.data_sha256[:16]}…) instead"
                if choice is not None
                else ""
            )
            out.append(f"{said} is not in {results_dir}{instead}")
        elif choice is not None and choice.data_sha256 != item.file_sha256:
            used = found[item.file_sha256]
            problem = own_result_problem(expert, used.checked, [f.checked for f in theirs], allowed)
            why = problem or (
                f"{results_dir} holds its later result {choice.checked.payload.sequence}"
                f" (SHA-256 {choice.data_sha256[:16]}…)"
            )
            out.append(f"{said} is not what the merge uses: {why}; the re-run uses the latter")
    return chosen


def _trust(package: OpenedPackage, payload: PanelPayload) -> KeyTrust:
    """Roster pins still bind; other keys are vouched for by the chair's confirmations."""
    confirmed = [
        KnownKey(k.expert, k.public_key, "the chair's confirmation in the panel file")
        for k in payload.decisions.confirmed_keys
    ]
    return KeyTrust(keys=[*KeyTrust.build(package).keys, *confirmed], strict=False)


def recheck(
    path: Path, package: OpenedPackage, results_dir: Path, chair_key: str | None = None
) -> Recheck:
    """Re-run the panel file's merge; ``chair_key`` is the chair's key fingerprint, if known.

    ``PanelRefused`` if the file itself cannot be read or its signature does not verify.
    """
    return recheck_read(read_panel(path, package=package), package, results_dir, chair_key)


def recheck_read(
    read: ReadPanel, package: OpenedPackage, results_dir: Path, chair_key: str | None = None
) -> Recheck:
    """``recheck`` of a panel file already read (``read_panel_bytes``)."""
    payload, signer = read.payload, read.signer
    found = Recheck(payload, signer)
    out = found.differences
    if (
        chair_key is not None
        and signer.replace("-", "").lower() != chair_key.replace("-", "").lower().strip()
    ):
        out.append(
            f"chair: the panel file is signed with key {signer}, not the chair's {chair_key}"
        )
    if payload.batch.sha256 != package.manifest_sha256:
        out.append(
            f"batch: the panel file is for {payload.batch.id} (hash {payload.batch.sha256[:16]}…),"
            f" the package is {package.manifest.batch.id} (hash {package.manifest_sha256[:16]}…)"
        )
        return found
    out += _chair_problems(payload, signer, package)
    decisions = _decisions(payload, package, out)
    out += _merge_problems(payload)
    trust = _trust(package, payload)
    chosen = _compare_inputs(payload, package, results_dir, trust, decisions.transcriptions, out)
    accepted = [f.checked for f in chosen]
    inp, result = canonical_results(
        package, accepted, decisions.overrides, decisions.verified_values
    )
    written = read.written
    files = [replace(input_of(f.checked, b""), file_sha256=f.data_sha256) for f in chosen]
    rerun = {
        "inputs": input_records(package, files),
        "organizer_values": organizer_records(package),
        "policy": policy_record(package.scheme),
        "ranking": list(result.ranking),
        "submissions": submission_records(package, inp, result),
        "advice": advice_record(package.scheme, inp, result),
    }
    for key, value in rerun.items():
        _diff(key, written[key], value, out)
    return found
