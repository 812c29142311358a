"""Checking a result file: is it whole, unchanged, signed by the named person, for this batch?

``check_result`` runs every check in an order that gives the most useful reason first:
the envelope's shape and version, the payload's version, the signature over the exact
payload bytes by the key the payload names, the payload's fields, the edit log's hash
chain, the envelope's byte layout, then (given a batch package) batch, roster and
assignments, every claim against the batch's rules (``content``) and the replay of the
edit log (``replay``), and last whose key it is. It raises ``ResultRefused`` (a
``RuleBroken`` for a broken rule, with its facts); ``verify_file`` turns that into a
``Verdict`` for display. Pure functions, no I/O besides reading the file.

``log=False`` skips the edit log (its chain and its replay) but no other check; the chair's
merge uses it only when reopening a folder, for files whose replay it recorded when it
merged them (``chair.merge.load_folder``). ``expertscore verify`` and every merge of a new
file replay the log.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from expertscore.batch.package import OpenedPackage
from expertscore.crypto.dsse import SignatureError, check_algorithm, fingerprint, verify
from expertscore.crypto.envelope import plain_bytes
from expertscore.results.content import Broken, content_problem, rules_for
from expertscore.results.envelope import (
    RESULT_KIND,
    RESULT_PAYLOAD_TYPE,
    Envelope,
    KeyRefused,
    ResultRefused,
    ResultWrongAlgorithm,
    RuleBroken,
    layout_problem,
    parse_envelope,
)
from expertscore.results.logchain import LogEntry, LogUnreadable, chain_break, read_log
from expertscore.results.model import (
    NOT_OURS,
    Counts,
    ResultPayload,
    counts_of,
    parse_payload,
    peek_payload,
)
from expertscore.results.replay import replay_problem
from expertscore.results.trust import Identity, KeyTrust, KeyUntrusted
from expertscore.vocabulary import EditKind


@dataclass(frozen=True)
class CheckedResult:
    """A result that passed every check, with what the checks found."""

    source: str
    payload: ResultPayload
    payload_bytes: bytes
    fingerprint: str
    identity: Identity
    counts: Counts
    payload_sha256: str = ""
    log_hashes: tuple[str, ...] = ()  # each edit log entry's hash, when the log was read
    rules: str = "unchecked"  # "replayed", "scores" (log not replayed) or "unchecked"

    def slim(self) -> CheckedResult:
        """The same result without what only verification needed (the log, the raw bytes).

        A chair holding thirty files keeps their scores, not their edit logs.
        """
        log = self.payload.log.model_copy(update={"deflated": ""})
        payload = self.payload.model_copy(update={"log": log})
        return replace(self, payload=payload, payload_bytes=b"", log_hashes=())


def _signer_key(raw: dict[str, Any]) -> str | None:
    transcriber = raw.get("transcribed_by")
    holder = transcriber if isinstance(transcriber, dict) else raw.get("expert")
    key = holder.get("public_key") if isinstance(holder, dict) else None
    return key if isinstance(key, str) else None


def _check_signature(
    key: str | None,
    envelope: Envelope,
    source: str,
    package: OpenedPackage | None,
) -> str:
    """The key's fingerprint once the signature verifies (with the batch's algorithm and id)."""
    payload, keyid, sig = envelope.payload, envelope.keyid, envelope.sig
    if key is None:
        raise ResultRefused(source, "the payload names no signing key" + NOT_OURS).saying("no_key")
    try:
        claimed = fingerprint(key)
    except ValueError:
        raise ResultRefused(source, "the payload's public key is not base64" + NOT_OURS).saying(
            "key_not_base64"
        ) from None
    if keyid != claimed:
        raise ResultRefused(
            source, f"the signature's key id {keyid} is not the payload's key {claimed}" + NOT_OURS
        ).saying("other_key", keyid=keyid, claimed=claimed)
    signer_id = None
    if package is not None:
        check_algorithm(key, package.manifest.algorithm, source, ResultWrongAlgorithm)
        signer_id = package.manifest.signer_id
    try:
        verify(key, RESULT_PAYLOAD_TYPE, payload, sig, signer_id)
    except SignatureError as exc:
        raise ResultRefused(
            source, f"the signature does not verify ({exc}): the file was changed after signing"
        ).saying("signature", detail=exc) from None
    return claimed


def _consistency_problem(payload: ResultPayload) -> str | None:
    if payload.transcribed_by is not None and payload.expert.public_key is not None:
        return "a transcribed result must not name a key of the expert"
    return None


def _read_log(payload: ResultPayload, source: str) -> list[LogEntry]:
    """The edit log's entries, its chain checked, or ``ResultRefused``."""
    try:
        entries = read_log(payload.log.deflated, payload.log.entries, payload.batch.sha256)
    except LogUnreadable as exc:
        raise ResultRefused(source, str(exc)) from None
    broken = chain_break(entries, payload.log.head)
    if broken:
        raise ResultRefused(source, broken)
    last = entries[-1]
    if (
        last.action != EditKind.SUBMIT
        or not isinstance(last.detail, dict)
        or last.detail.get("sequence") != payload.sequence
    ):
        reason = f"the edit log does not end with the submission of result {payload.sequence}"
        raise ResultRefused(source, reason)
    return entries


def _refusal(source: str, payload: ResultPayload, broken: Broken) -> RuleBroken:
    """The typed refusal of a broken rule: file, expert, rule, detail, submission, indicator."""
    return RuleBroken(
        source,
        payload.expert.id,
        broken.rule,
        broken.detail,
        broken.submission,
        broken.indicator,
    )


def _rules_problem(
    payload: ResultPayload, entries: list[LogEntry] | None, package: OpenedPackage, source: str
) -> None:
    """``RuleBroken`` when a claim breaks the batch's rules or the log does not produce it."""
    rules = rules_for(package)
    broken = content_problem(payload, rules, entries is not None)
    if broken is None and entries is not None:
        broken = replay_problem(payload, entries, rules)
    if broken is not None:
        raise _refusal(source, payload, broken)


def _batch_problem(payload: ResultPayload, package: OpenedPackage) -> str | None:
    manifest = package.manifest
    batch = payload.batch
    if batch.id != manifest.batch.id:
        return f"this result is for batch {batch.id}, not for {manifest.batch.id} ({package.path})"
    if batch.sha256 != package.manifest_sha256:
        return (
            f"this result is for another version of batch {batch.id} (hash {batch.sha256[:12]}…,"
            f" the package's is {package.manifest_sha256[:12]}…)"
        )
    return None


def _panel_problem(payload: ResultPayload, package: OpenedPackage) -> Broken | None:
    """The roster, the transcriber, the assigned submissions, conflicts and leaves."""
    index = package.index
    expert = payload.expert.id
    if expert not in index.roster:
        return Broken("roster", "not on the batch's roster")
    chair = payload.transcribed_by
    if chair is not None and chair.id in index.roster:
        detail = (
            f"transcribed by {chair.id}, another expert of this panel: an expert cannot sign"
            " another expert's result"
        )
        return Broken("transcriber", detail)
    assigned = index.assigned.get(expert, [])
    listed = [sub.id for sub in payload.submissions]
    if listed != assigned:
        assigned_set, listed_set = set(assigned), set(listed)
        for sid in listed:
            if sid not in assigned_set:
                return Broken("scope", "not assigned to the expert in this batch", sid)
        for sid in assigned:
            if sid not in listed_set:
                return Broken("scope", "assigned to the expert, but missing from the result", sid)
    conflicts = index.conflicts.get(expert, frozenset())
    for sub in payload.submissions:
        if sub.id in conflicts and sub.recusal is None:
            detail = "the batch lists a conflict of interest, but it was scored"
            return Broken("recused", detail, sub.id)
        if not index.leaves.issuperset(sub.columns.indicator):
            code = next(c for c in sub.columns.indicator if c not in index.leaves)
            return Broken("scope", "not a leaf of the batch's scheme", sub.id, code)
    return None


def check_result(
    data: bytes,
    source: str,
    package: OpenedPackage | None = None,
    trust: KeyTrust | None = None,
    log: bool = True,
) -> CheckedResult:
    """Every check on a result file's bytes; ``ResultRefused`` names the first that fails.

    ``log=False`` leaves the edit log packed and unchecked (see the module's note).
    """
    data = plain_bytes(data, source, RESULT_KIND)  # an encrypted file: decrypted, then checked
    envelope = parse_envelope(data, source)
    try:  # one pass in pydantic's own parser for the usual, well-formed file
        payload = ResultPayload.model_validate_json(envelope.payload)
    except ValidationError:
        payload = None
    if payload is not None:
        key, claims = payload.signer_key, _claims_of(payload, envelope.keyid)
    else:  # the slow path names the first problem, in the order the module lists
        raw = peek_payload(envelope.payload, source)
        key, claims = _signer_key(raw), _claims(raw, envelope.keyid)
    try:
        fingerprint_ = _check_signature(key, envelope, source, package)
        if payload is None:
            payload = parse_payload(envelope.payload, source)
        return _check_payload(data, source, envelope, payload, fingerprint_, package, trust, log)
    except ResultRefused as exc:
        exc.claims = claims
        raise


def _claims_of(payload: ResultPayload, keyid: str) -> str:
    return (
        f"expert {payload.expert.id} {payload.expert.name}, batch {payload.batch.id},"
        f" sequence {payload.sequence}, key {keyid}"
    )


def _claims(raw: dict[str, Any], keyid: str) -> str:
    """What an unverified payload says it is, for the refusal message (never trusted)."""

    def text(value: object) -> str:
        return value if isinstance(value, str) else "?"

    expert, batch = raw.get("expert"), raw.get("batch")
    expert = expert if isinstance(expert, dict) else {}
    batch = batch if isinstance(batch, dict) else {}
    return (
        f"expert {text(expert.get('id'))} {text(expert.get('name'))},"
        f" batch {text(batch.get('id'))}, sequence {raw.get('sequence', '?')}, key {keyid}"
    )


def _check_payload(
    data: bytes,
    source: str,
    envelope: Envelope,
    payload: ResultPayload,
    key_fingerprint: str,
    package: OpenedPackage | None,
    trust: KeyTrust | None,
    log: bool,
) -> CheckedResult:
    problem = _consistency_problem(payload)
    if problem:
        raise ResultRefused(source, problem)
    entries = _read_log(payload, source) if log else None
    problem = layout_problem(data, envelope)
    if problem:
        raise ResultRefused(source, problem)
    if package is not None:
        problem = _batch_problem(payload, package)
        if problem:
            raise ResultRefused(source, problem)
        broken = _panel_problem(payload, package)
        if broken is not None:
            raise _refusal(source, payload, broken)
        _rules_problem(payload, entries, package, source)
    trust = trust or KeyTrust.build(package)
    signer_key = payload.signer_key
    assert signer_key is not None  # _signer_key found it
    try:
        identity = trust.check(payload.signer_id, signer_key)
    except KeyUntrusted as exc:
        raise KeyRefused(source, exc.owner, exc.rule, str(exc)).saying(
            exc.rule, key=fingerprint(signer_key)
        ) from None
    return CheckedResult(
        source=source,
        payload=payload,
        payload_bytes=envelope.payload,
        payload_sha256=hashlib.sha256(envelope.payload).hexdigest(),
        fingerprint=key_fingerprint,
        identity=identity,
        counts=counts_of(payload),
        log_hashes=tuple(entry.hash for entry in entries) if entries is not None else (),
        rules="unchecked" if package is None else "scores" if entries is None else "replayed",
    )


def read_result(
    path: Path,
    package: OpenedPackage | None = None,
    trust: KeyTrust | None = None,
    log: bool = True,
) -> CheckedResult:
    """Read and check a result file."""
    if not path.is_file():
        raise ResultRefused(str(path), "no such file").saying("no_file")
    return check_result(path.read_bytes(), str(path), package, trust, log)


RULES_TEXT = {
    "replayed": "every score checked against the batch's rules; the edit log replayed",
    "scores": "every score checked against the batch's rules (the edit log not replayed)",
    "unchecked": "not checked: give --batch to check every score against the batch's rules",
}


@dataclass(frozen=True)
class Verdict:
    source: str
    result: CheckedResult | None
    reason: str | None
    claims: str | None = None

    @property
    def ok(self) -> bool:
        return self.result is not None

    def lines(self) -> list[str]:
        if self.result is None:
            lines = [f"file:        {self.source}", f"verdict:     REFUSED: {self.reason}"]
            if self.claims:
                lines.append(f"claims:      {self.claims} (not trusted)")
            return lines
        payload = self.result.payload
        expert = payload.expert
        lines = [
            f"file:        {self.source}",
            "verdict:     VALID",
            f"expert:      {expert.id} {expert.name}"
            + (f" ({expert.organization})" if expert.organization else ""),
        ]
        if payload.transcribed_by is not None:
            chair = payload.transcribed_by
            lines.append(
                f"transcribed: by {chair.id} {chair.name} from a paper sheet ({chair.sheet})"
            )
        replaces = f" (replaces result {payload.supersedes.sequence})" if payload.supersedes else ""
        lines += [
            f"key:         {self.result.fingerprint} ({self.result.identity.how})",
            f"batch:       {payload.batch.id} {payload.batch.title}"
            f" (hash {payload.batch.sha256[:16]}…)",
            f"sequence:    {payload.sequence}{replaces}",
            f"submitted:   {payload.submitted_at}",
            f"counts:      {self.result.counts}",
            f"rules:       {RULES_TEXT[self.result.rules]}",
            f"program:     {payload.program.name} {payload.program.version}",
        ]
        return lines


def verify_file(
    path: Path, package: OpenedPackage | None = None, trust: KeyTrust | None = None
) -> Verdict:
    try:
        return Verdict(str(path), read_result(path, package, trust), None)
    except ResultRefused as exc:
        return Verdict(str(path), None, exc.reason, exc.claims)
