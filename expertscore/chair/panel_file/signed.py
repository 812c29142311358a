"""The merged results file for the authority (``expertscore-panel/1``), signed by the chair.

The file is the result file's DSSE-style envelope (``results/envelope.py``) with its own
format and payload type, so a panel signature can never pass for an expert's. The payload
holds the batch, the organizer-set values, the aggregation policy, every input result
file by its SHA-256, the chair's decisions, and per submission every number with the
expert scores that made it. Anyone holding the package and the listed result files can
re-run the merge (``recheck_panel_file``) and must get the same numbers.

The numbers signed are always recomputed here from the merge folder's files, in expert
order, with leave-one-out; the caller's ``PanelResult`` must agree with them (the workbook
and the panel file then show the same figures), else nothing is written.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from expertscore import __version__
from expertscore.batch.package import OpenedPackage
from expertscore.chair.aggregate import PanelInput, PanelResult
from expertscore.chair.decisions import Decisions, replay
from expertscore.chair.merge import MergeFolder, read_audit
from expertscore.chair.panel_advice_record import advice_record
from expertscore.chair.panel_file.model import (
    PANEL_PAYLOAD_FORMAT,
    PanelPayload,
    batch_record,
    canonical_results,
    decisions_record,
    organizer_records,
    parse_panel_payload,
    policy_record,
    submission_records,
)
from expertscore.chair.transcriptions import check_folder
from expertscore.crypto.dsse import SignatureError, check_algorithm, fingerprint, verify
from expertscore.crypto.envelope import (
    AlgorithmRefusal,
    Envelope,
    EnvelopeKind,
    Refused,
    check_format,
    parse_envelope,
    plain_bytes,
)
from expertscore.crypto.sealed import seal_bytes
from expertscore.errors import ExpertScoreError
from expertscore.identity.keys import ExpertKey, local_now
from expertscore.identity.roles import PANEL, require_role
from expertscore.reports.pdfbase import ReportError, write_atomically
from expertscore.results.payload import PROGRAM, payload_bytes
from expertscore.results.verify import CheckedResult
from expertscore.wording.errors import worded

if TYPE_CHECKING:  # it imports this module
    from expertscore.chair.panel_outcome import PanelOutcome

PANEL_FORMAT = "expertscore-panel/1"
PANEL_PAYLOAD_TYPE = "application/vnd.expertscore.panel+json"
PANEL_SUFFIX = ".espanel"
MAX_PANEL_BYTES = 256 << 20


class PanelFileError(ExpertScoreError):
    """A panel file cannot be written as asked (its numbers would not follow from its inputs)."""


class PanelRefused(Refused):
    """A panel file that must not be used; ``reason`` says why in one line."""


class PanelWrongAlgorithm(AlgorithmRefusal, PanelRefused):
    """A panel file signed with another algorithm than its batch's (source, expected, found)."""


PANEL_KIND = EnvelopeKind(
    noun="panel",
    format=PANEL_FORMAT,
    payload_type=PANEL_PAYLOAD_TYPE,
    max_bytes=MAX_PANEL_BYTES,
    refused=PanelRefused,
)


@dataclass(frozen=True)
class InputFile:
    """One accepted result file, named by its digest."""

    expert: str
    sequence: int
    file_sha256: str
    payload_sha256: str | None = None
    key: str | None = None  # the signing key's fingerprint
    submitted_at: str | None = None
    transcribed_by: str | None = None
    name: str | None = None
    identity: str | None = None  # how the key was tied to the person at merge time

    def record(self) -> dict[str, Any]:
        return {
            "expert": self.expert,
            "sequence": self.sequence,
            "file_sha256": self.file_sha256,
            "payload_sha256": self.payload_sha256,
            "key": self.key,
            "submitted_at": self.submitted_at,
            "transcribed_by": self.transcribed_by,
        }


def input_of(checked: CheckedResult, data: bytes) -> InputFile:
    payload = checked.payload
    return InputFile(
        expert=payload.expert.id,
        sequence=payload.sequence,
        file_sha256=hashlib.sha256(data).hexdigest(),
        payload_sha256=checked.payload_sha256,
        key=checked.fingerprint,
        submitted_at=payload.submitted_at,
        transcribed_by=payload.transcribed_by.id if payload.transcribed_by else None,
        name=payload.expert.name,
        identity=checked.identity.how,
    )


def input_files(folder: MergeFolder) -> list[InputFile]:
    """The merge folder's accepted result files, by expert id."""
    files = []
    for expert in sorted(folder.accepted):
        data = (folder.results_dir / f"{expert}.esresult").read_bytes()
        files.append(input_of(folder.accepted[expert], data))
    return files


MISSING = "missing"
SIGNED = "signed"
TRANSCRIPTION = "transcription"


def missing_record(expert: str) -> dict[str, Any]:
    return {"expert": expert, "result": MISSING, **dict.fromkeys(_RESULT_FIELDS)}


_RESULT_FIELDS = (
    "sequence",
    "file_sha256",
    "payload_sha256",
    "key",
    "submitted_at",
    "transcribed_by",
)


def input_record(item: InputFile) -> dict[str, Any]:
    record = item.record()
    kind = TRANSCRIPTION if item.transcribed_by else SIGNED
    return {"expert": record.pop("expert"), "result": kind, **record}


def input_records(package: OpenedPackage, files: list[InputFile]) -> list[dict[str, Any]]:
    """Every assigned expert (and any other with a result), by id: the result used or none."""
    used = {item.expert: item for item in files}
    experts = sorted({a.expert for a in package.manifest.assignments} | set(used))
    return [input_record(used[e]) if e in used else missing_record(e) for e in experts]


def _sheet_key(sheet: Any) -> tuple[str, str]:
    return sheet.expert, sheet.submission


def _numbers(result: PanelResult) -> dict[str, tuple]:
    return {
        sid: (
            r.total,
            r.percent,
            r.grade,
            r.rank,
            tuple((c, i.panel) for c, i in r.indicators.items()),
        )
        for sid, r in result.submissions.items()
    }


def _check_consistent(
    inp: PanelInput,
    result: PanelResult,
    decisions: Decisions,
    ref_inp: PanelInput,
    reference: PanelResult,
) -> None:
    if dict(inp.overrides) != dict(decisions.overrides):
        raise PanelFileError(
            "the aggregation's agreed panel scores are not the chair's recorded decisions"
        ).saying("overrides_differ")
    if dict(inp.verified_values) != dict(decisions.verified_values):
        raise PanelFileError(
            "the aggregation's verified values are not the chair's recorded decisions"
        ).saying("values_differ")
    if sorted(inp.sheets, key=_sheet_key) != sorted(ref_inp.sheets, key=_sheet_key):
        raise PanelFileError(
            "the aggregation's scores are not those of the merge folder's accepted files"
        ).saying("scores_differ")
    ours, theirs = _numbers(reference), _numbers(result)
    differing = sorted(
        sid for sid in ours.keys() | theirs.keys() if ours.get(sid) != theirs.get(sid)
    )
    if differing:
        raise PanelFileError(
            f"the results of {', '.join(differing[:5])} differ from a fresh aggregation of the"
            " merge folder"
        ).saying("results_differ", submissions=", ".join(differing[:5]))


def build_payload(
    package: OpenedPackage,
    folder: MergeFolder,
    decisions: Decisions,
    chair_key: ExpertKey,
    created_at: str,
    results: tuple[PanelInput, PanelResult],
) -> dict[str, Any]:
    """The payload for ``results``, the canonical aggregation of ``folder``."""
    inp, result = results
    info = chair_key.info
    return {
        "format": PANEL_PAYLOAD_FORMAT,
        "batch": batch_record(package),
        "chair": {
            "id": info.expert_id,
            "name": info.name,
            "organization": info.organization,
            "public_key": info.public_key,
        },
        "created_at": created_at,
        "program": {"name": PROGRAM, "version": __version__},
        "organizer_values": organizer_records(package),
        "policy": policy_record(package.scheme),
        "inputs": input_records(package, input_files(folder)),
        "decisions": decisions_record(decisions),
        "ranking": list(result.ranking),
        "submissions": submission_records(package, inp, result),
        "advice": advice_record(package.scheme, inp, result),
        "audit": read_audit(folder.path),
    }


def panel_envelope_bytes(payload: bytes, keyid: str, sig: str) -> bytes:
    """The file: the result envelope's exact layout with the panel's format and type."""
    record = {
        "format": PANEL_FORMAT,
        "payloadType": PANEL_PAYLOAD_TYPE,
        "payload": base64.b64encode(payload).decode("ascii"),
        "signatures": [{"keyid": keyid, "sig": sig}],
    }
    return (json.dumps(record, indent=2) + "\n").encode("ascii")


def write_panel_file(
    out: Path,
    outcome: PanelOutcome,
    chair_key: ExpertKey,
    *,
    created_at: str | None = None,
    recipients: Sequence[str] = (),
) -> Path:
    """Sign the panel's results with the chair's key and write them to ``out`` atomically,
    encrypted to ``recipients`` (``age``) when any are given.

    Raises ``PanelFileError`` unless the outcome's input and result are the aggregation of
    its folder's accepted files with its decisions' agreed scores.
    """
    package, folder, decisions = outcome.package, outcome.folder, outcome.decisions
    require_role(chair_key.info, PANEL)
    # The audit log is replayed under the recording rules once more: a line added by hand
    # that the program would refuse stops the file from being signed.
    if replay(folder.path, package) != decisions:
        raise PanelFileError(
            "the decisions given are not those recorded in the merge folder"
        ).saying("decisions_differ")
    check_folder(folder.path, folder.accepted, decisions.transcriptions, package)
    ref_inp, reference = canonical_results(
        package, folder.accepted.values(), decisions.overrides, decisions.verified_values
    )
    _check_consistent(outcome.inp, outcome.result, decisions, ref_inp, reference)
    payload = build_payload(
        package, folder, decisions, chair_key, created_at or local_now(), (ref_inp, reference)
    )
    body = payload_bytes(payload)
    manifest = package.manifest
    if chair_key.info.algorithm != manifest.algorithm:
        source = str(chair_key.info.path or chair_key.info.expert_id)
        raise PanelWrongAlgorithm(source, manifest.algorithm, chair_key.info.algorithm)
    signature = chair_key.sign(PANEL_PAYLOAD_TYPE, body, manifest.signer_id)
    data = panel_envelope_bytes(body, chair_key.info.fingerprint, signature)
    if recipients:
        data = seal_bytes(data, recipients, out)

    def write(temp: Path) -> None:
        temp.write_bytes(data)

    try:
        write_atomically(out, write)
    except ReportError as exc:
        raise PanelFileError(str(exc)).saying("not_written", why=worded(exc)) from None
    return out


# -- reading -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReadPanel:
    """A panel file that passed every check on its bytes: the typed payload, the payload as
    written (the JSON object the signature covers, for comparing with a re-run without
    serializing the typed one back), the signer's fingerprint and the envelope."""

    payload: PanelPayload
    written: dict[str, Any]
    signer: str
    envelope: Envelope


def read_panel_bytes(data: bytes, source: str, package: OpenedPackage | None = None) -> ReadPanel:
    """Every check on a panel file's bytes; ``PanelRefused`` names the first that fails.

    An encrypted file is decrypted first. With the batch's ``package`` the key must be of
    the batch's algorithm, and an SM2 signature is checked with the batch's signer id (else
    the standard one).
    """
    data = plain_bytes(data, source, PANEL_KIND)  # an encrypted file: decrypted, then checked
    envelope = parse_envelope(data, source, PANEL_KIND)
    body, keyid, sig = envelope.payload, envelope.keyid, envelope.sig
    try:
        raw = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise PanelRefused(source, "the signed payload is damaged: the file was changed").saying(
            "damaged"
        ) from None
    if not isinstance(raw, dict):
        raise PanelRefused(source, "the signed payload is not a JSON object").saying(
            "not_an_object"
        )
    check_format(raw.get("format"), PANEL_KIND, PANEL_PAYLOAD_FORMAT, "payload", source)
    chair = raw.get("chair")
    key = chair.get("public_key") if isinstance(chair, dict) else None
    if not isinstance(key, str):
        raise PanelRefused(source, "the payload names no signing key").saying("no_key")
    signer_id = None
    if package is not None:
        check_algorithm(key, package.manifest.algorithm, source, PanelWrongAlgorithm)
        signer_id = package.manifest.signer_id
    try:
        claimed = fingerprint(key)
        verify(key, PANEL_PAYLOAD_TYPE, body, sig, signer_id)
    except (SignatureError, ValueError) as exc:
        raise PanelRefused(
            source, f"the signature does not verify ({exc}): the file was changed after signing"
        ).saying("bad_signature", why=exc) from None
    if keyid != claimed:
        raise PanelRefused(
            source, f"the signature's key id {keyid} is not the chair's key {claimed}"
        ).saying("other_key", keyid=keyid, claimed=claimed)
    try:
        payload = parse_panel_payload(raw)
    except ValueError as exc:
        raise PanelRefused(source, str(exc)) from None
    expected = panel_envelope_bytes(body, keyid, sig)
    if data != expected:
        if expected.startswith(data):
            raise PanelRefused(
                source, f"the file is truncated (it ends after {len(data)} bytes)"
            ).saying("truncated", size=len(data))
        raise PanelRefused(
            source,
            "the file's bytes differ from the layout it was signed in (changed outside"
            " ExpertScore, e.g. its line endings or spacing)",
        ).saying("layout")
    return ReadPanel(payload, raw, claimed, envelope)


def check_panel_bytes(
    data: bytes, source: str, package: OpenedPackage | None = None
) -> tuple[PanelPayload, str]:
    """The checked payload of a panel file's bytes and its signer (``read_panel_bytes``)."""
    read = read_panel_bytes(data, source, package)
    return read.payload, read.signer


def read_panel_file(
    path: Path, chair_fingerprint: str | None = None, package: OpenedPackage | None = None
) -> tuple[PanelPayload, str]:
    """The checked payload of a panel file and the fingerprint of the key that signed it.

    The signature proves the file is unchanged since *some* key signed it; whether that key
    is the chair's is for the reader to compare, or to name in ``chair_fingerprint``.
    """
    read = read_panel(path, chair_fingerprint, package)
    return read.payload, read.signer


def read_panel(
    path: Path, chair_fingerprint: str | None = None, package: OpenedPackage | None = None
) -> ReadPanel:
    """``read_panel_file`` with the payload as written and the envelope (``ReadPanel``)."""
    if not path.is_file():
        raise PanelRefused(str(path), "no such file").saying("no_file")
    read = read_panel_bytes(path.read_bytes(), str(path), package)
    payload, signer = read.payload, read.signer
    if chair_fingerprint is not None and signer != chair_fingerprint:
        raise PanelRefused(
            str(path),
            f"signed by key {signer} ({payload.chair.id} {payload.chair.name}), not the chair's"
            f" key {chair_fingerprint}",
        ).saying(
            "not_the_chair",
            signer=signer,
            chair=payload.chair.id,
            name=payload.chair.name,
            expected=chair_fingerprint,
        )
    return read


# -- re-running the merge ------------------------------------------------------------------


def recheck_panel_file(path: Path, package: OpenedPackage, results_dir: Path) -> list[str]:
    """Every difference between the panel file and a re-run of its merge (``chair.recheck``)."""
    from expertscore.chair.recheck import recheck  # the re-check builds on this module

    return recheck(path, package, results_dir).differences
