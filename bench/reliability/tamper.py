"""Altered result files: how many does the chair's verifier accept? The target is 0.

Real result files are made once: a demo batch is scored by simulated experts
(``simulate``, the same code an expert's session runs) and each expert's key card is
kept. Then ``count`` altered files are made from them, round-robin over the categories in
``CATEGORIES``, each from its own seeded generator, and every one is checked with the
real ``check_result`` against the batch package, with key trust built from the key cards,
exactly as ``expertscore verify --batch --keycard`` and the chair's merge do.

A file counts as **accepted** when ``check_result`` returns instead of refusing it (for a
genuine file of another expert offered under this expert's name: when it is accepted *as
this expert's*). Anything but an ``ExpertScoreError`` escaping is an **unexpected
exception** (a crash); both must be 0. The unaltered files are checked too and must all be
accepted, so that "0 accepted" cannot come from a verifier that refuses everything.

``case(material, seed, index)`` rebuilds any one altered file, for a reproducer.
"""

from __future__ import annotations

import base64
import hashlib
import json
import marshal
import random
import tempfile
import time
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from expertscore.batch.package import OpenedPackage, open_package
from expertscore.demo.batch import make_demo_batch
from expertscore.errors import ExpertScoreError
from expertscore.identity.keycard import read_cards
from expertscore.identity.keys import ExpertKey
from expertscore.results.envelope import RESULT_FORMAT, RESULT_PAYLOAD_TYPE, envelope_bytes
from expertscore.results.payload import PAYLOAD_FORMAT, log_block, payload_bytes
from expertscore.results.simulate import simulate, simulated_key
from expertscore.results.trust import KeyTrust
from expertscore.results.verify import check_result
from expertscore.scoring.editlog import entry_hash, stored_line

SCHEME = "national-crossindustry-2023"
SIM_SEED = 1


# --------------------------------------------------------------------------- material


@dataclass
class Genuine:
    """One expert's real result file, taken apart once."""

    expert: str
    data: bytes
    envelope: dict[str, Any]
    body: bytes  # the signed payload bytes
    key: ExpertKey
    frozen: bytes = b""  # the parsed payload, marshalled: a fast private copy each time

    def __post_init__(self) -> None:
        self.frozen = marshal.dumps(json.loads(self.body))


@dataclass(repr=False)
class Material:
    package: OpenedPackage
    trust: KeyTrust
    genuine: dict[str, Genuine]
    foreign: dict[str, bytes]  # label -> a valid file of another batch or batch version
    strangers: list[ExpertKey]  # keys nobody's roster or key card names

    @property
    def experts(self) -> list[str]:
        return sorted(self.genuine)

    def __repr__(self) -> str:
        return f"Material(batch {self.package.manifest.batch.id}, experts {self.experts})"


def _split(data: bytes) -> tuple[dict[str, Any], bytes]:
    envelope = json.loads(data)
    return envelope, base64.b64decode(envelope["payload"])


def _another_version(package: Path, out: Path) -> Path:
    """The same batch id with another manifest (a changed title): another batch hash."""
    with zipfile.ZipFile(package) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "manifest.json":
                manifest = json.loads(data)
                manifest["batch"]["title"] += "（修订）"
                data = json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8")
            target.writestr(info, data)
    return out


def prepare(folder: Path, submissions: int = 2, experts: int = 3) -> Material:
    """Simulate a panel on a demo batch; also valid files of another batch and version."""
    package = folder / "batch.esbatch"
    make_demo_batch(SCHEME, submissions=submissions, experts=experts, seed=5, out=package)
    done = simulate(package, experts, SIM_SEED, folder / "results")
    opened = open_package(package)
    trust = KeyTrust.build(opened, read_cards([folder / "results"]))
    roster = {expert.id: expert for expert in opened.manifest.roster}
    genuine = {}
    for item in done:
        data = item.result.read_bytes()
        envelope, body = _split(data)
        key = simulated_key(SIM_SEED, roster[item.expert_id], "2025-01-01T00:00:00+08:00")
        genuine[item.expert_id] = Genuine(item.expert_id, data, envelope, body, key)

    # The same experts (same keys: same simulation seed) on another batch and on another
    # version of this batch: valid, signed by the right people, but not for this package.
    other = folder / "other.esbatch"
    make_demo_batch(SCHEME, submissions=submissions, experts=experts, seed=6, out=other)
    version = _another_version(package, folder / "version.esbatch")
    foreign = {}
    for label, source in (("another batch", other), ("another version", version)):
        for item in simulate(source, 1, SIM_SEED, folder / label.replace(" ", "-")):
            foreign[label] = item.result.read_bytes()
    strangers = [
        ExpertKey.from_private_key(
            Ed25519PrivateKey.from_private_bytes(hashlib.sha256(b"stranger %d" % n).digest()),
            "X99",
            "陌生人",
        )
        for n in range(4)
    ]
    return Material(opened, trust, genuine, foreign, strangers)


# ------------------------------------------------------------------------ alterations


def _sign(body: bytes, key: ExpertKey) -> bytes:
    return envelope_bytes(body, key.info.fingerprint, key.sign(RESULT_PAYLOAD_TYPE, body))


def _unsigned(body: bytes, original: Genuine) -> bytes:
    """New payload bytes under the original signature (no re-signing)."""
    sig = original.envelope["signatures"][0]
    return envelope_bytes(body, sig["keyid"], sig["sig"])


def _payload(original: Genuine) -> dict[str, Any]:
    return marshal.loads(original.frozen)


def _log(payload: dict[str, Any]) -> list[dict[str, Any]]:
    block = payload["log"]
    text = zlib.decompress(base64.b64decode(block["deflated"])).decode("utf-8")
    return [json.loads(line) for line in text.splitlines()]


def _store_log(payload: dict[str, Any], entries: list[dict[str, Any]], rechain: bool) -> None:
    """Pack ``entries`` into the payload; with ``rechain``, with the head a forger computes."""
    head = payload["log"]["head"]
    if rechain:
        head = payload["batch"]["sha256"]
        for entry in entries:
            head = entry_hash({**entry, "prev": head})
    payload["log"] = log_block([stored_line(entry) for entry in entries], head)


def _rechain(payload: dict[str, Any]) -> None:
    """Recompute the edit log's head hash, as a forger who re-signs would."""
    _store_log(payload, _log(payload), rechain=True)


def _change_score(payload: dict[str, Any], rng: random.Random) -> None:
    scored = [
        (columns, index)
        for sub in payload["submissions"]
        for columns in (sub["scores"],)
        for index, points in enumerate(columns["points"])
        if points is not None
    ]
    if not scored:  # every submission recused: change what there is
        payload["submissions"][0]["comment"] = "优秀"
        return
    columns, index = rng.choice(scored)
    old = columns["points"][index]
    choices = [p for p in ("0", "1", "5", "10", "20", "99", old + "0", "-" + old) if p != old]
    columns["points"][index] = rng.choice(choices)
    columns["choice"] = [pair for pair in columns["choice"] if pair[0] != index]
    entries = _log(payload)
    for entry in reversed(entries):
        if entry["action"] == "score" and entry["indicator"] == columns["indicator"][index]:
            entry["detail"]["new"] = {"points": columns["points"][index], "choice": None}
            break
    _store_log(payload, entries, rechain=False)


def _other(material: Material, expert: str, rng: random.Random) -> Genuine:
    return material.genuine[rng.choice([e for e in material.experts if e != expert])]


def _claim(payload: dict[str, Any], victim: dict[str, Any], key: str | None) -> None:
    payload["expert"] = {**victim, "public_key": key}


Alteration = Callable[[random.Random, Material, Genuine], tuple[bytes, str]]


def bit_flip(rng: random.Random, material: Material, g: Genuine) -> tuple[bytes, str]:
    data = bytearray(g.data)
    position = rng.randrange(len(data))
    data[position] ^= 1 << rng.randrange(8)
    return bytes(data), g.expert


def payload_byte_flip(rng: random.Random, material: Material, g: Genuine) -> tuple[bytes, str]:
    body = bytearray(g.body)
    for _ in range(rng.choice((1, 1, 2, 3))):
        position = rng.randrange(len(body))
        body[position] = (body[position] + rng.randrange(1, 256)) % 256
    return _unsigned(bytes(body), g), g.expert


def signature_byte_flip(rng: random.Random, material: Material, g: Genuine) -> tuple[bytes, str]:
    sig = g.envelope["signatures"][0]
    keyid, text = sig["keyid"], sig["sig"]
    kind = rng.randrange(4)
    if kind == 0:  # a byte of the signature itself
        raw = bytearray(base64.b64decode(text))
        position = rng.randrange(len(raw))
        raw[position] = (raw[position] + rng.randrange(1, 256)) % 256
        text = base64.b64encode(bytes(raw)).decode("ascii")
    elif kind == 1:  # a character of the base64 text (may leave it valid base64)
        position = rng.randrange(len(text) - 2)
        text = text[:position] + rng.choice(B64.replace(text[position], "")) + text[position + 1 :]
    elif kind == 2:  # the key id
        position = rng.choice([i for i, c in enumerate(keyid) if c != "-"])
        keyid = keyid[:position] + rng.choice("0123456789abcdef".replace(keyid[position], ""))
        keyid += sig["keyid"][position + 1 :]
    else:  # another expert's genuine signature (over their own payload)
        other = _other(material, g.expert, rng).envelope["signatures"][0]
        keyid, text = rng.choice([(keyid, other["sig"]), (other["keyid"], other["sig"])])
    return envelope_bytes(g.body, keyid, text), g.expert


B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def _unused_bits_changed(text: str, rng: random.Random) -> str | None:
    """The base64 text with the unused low bits of its last character set: same bytes."""
    data = text.rstrip("=")
    unused = {1: 2, 2: 4}.get(len(text) - len(data), 0)  # "=" leaves 2 bits unused, "==" 4
    if not unused:
        return None
    value = B64.index(data[-1])
    changed = value | rng.randrange(1, 1 << unused)
    return data[:-1] + B64[changed] + text[len(data) :]


def base64_variant(rng: random.Random, material: Material, g: Genuine) -> tuple[bytes, str]:
    """The same bytes written as other base64 (or an upper-case key id): nothing else changed."""
    sig = g.envelope["signatures"][0]
    payload, keyid, text = g.envelope["payload"], sig["keyid"], sig["sig"]
    kind = rng.randrange(4)
    if kind == 0:
        text = _unused_bits_changed(text, rng) or text
    elif kind == 1 and (changed := _unused_bits_changed(payload, rng)):
        payload = changed
    elif kind == 2:
        keyid = keyid.upper()
    else:  # base64 broken into lines, as mail programs do (MIME: 76 characters a line)
        payload = "\n".join(payload[i : i + 76] for i in range(0, len(payload), 76))
    record = {
        "format": g.envelope["format"],
        "payloadType": g.envelope["payloadType"],
        "payload": payload,
        "signatures": [{"keyid": keyid, "sig": text}],
    }
    data = (json.dumps(record, indent=2) + "\n").encode("ascii")
    return data, g.expert


def truncation(rng: random.Random, material: Material, g: Genuine) -> tuple[bytes, str]:
    cut = rng.choice(
        (rng.randrange(len(g.data)), len(g.data) - rng.randrange(1, 64), rng.randrange(64))
    )
    return g.data[: max(cut, 0)], g.expert


def envelope_reserialised(rng: random.Random, material: Material, g: Genuine) -> tuple[bytes, str]:
    """The same envelope as other valid JSON: keys reordered, spacing, escapes, line ends."""
    for _ in range(20):
        items = list(g.envelope.items())
        rng.shuffle(items)
        record = dict(items)
        indent = rng.choice((None, 0, 1, 2, 4, "\t"))
        text = json.dumps(
            record,
            indent=indent,
            ensure_ascii=rng.random() < 0.5,
            separators=rng.choice(((",", ":"), (", ", ": "), (",", ": ")))
            if indent is None
            else None,
        )
        text += rng.choice(("\n", "\r\n", "", "\n\n", " \n"))
        if rng.random() < 0.3:
            text = text.replace("\n", "\r\n")
        if rng.random() < 0.2:  # an escaped character means the same in JSON
            text = text.replace("/", "\\/", 1)
        data = text.encode("utf-8")
        if data != g.data:
            return data, g.expert
    return g.data + b" ", g.expert


def duplicated_keys(rng: random.Random, material: Material, g: Genuine) -> tuple[bytes, str]:
    """Valid JSON with a key twice: in the envelope (same or other value) or in the payload."""
    kind = rng.randrange(4)
    text = g.data.decode("ascii")
    if kind == 0:  # the same envelope field twice, same value
        name = rng.choice(("format", "payloadType", "payload", "signatures"))
        value = json.dumps(g.envelope[name])
        text = text.replace("{\n", f'{{\n  "{name}": {value},\n', 1)
        return text.encode("utf-8"), g.expert
    if kind == 1:  # another expert's payload first: a parser keeping the first would differ
        other = _other(material, g.expert, rng)
        text = text.replace("{\n", f'{{\n  "payload": "{other.envelope["payload"]}",\n', 1)
        return text.encode("utf-8"), g.expert
    if kind == 2:  # a second, forged signature list after the real one
        forged = [{"keyid": g.envelope["signatures"][0]["keyid"], "sig": "A" * 86 + "=="}]
        text = text.rstrip("\n").removesuffix("}") + f',  "signatures": {json.dumps(forged)}\n}}\n'
        return text.encode("utf-8"), g.expert
    # inside the payload: a key repeated with another value, re-encoded, not re-signed
    body = g.body.decode("utf-8")
    name, value = rng.choice(
        (("sequence", "2"), ("transcribed_by", "null"), ("supersedes", "null"), ("format", '"x"'))
    )
    body = body.replace(f'"{name}":', f'"{name}":{value},"{name}":', 1)
    return _unsigned(body.encode("utf-8"), g), g.expert


def payload_reserialised(rng: random.Random, material: Material, g: Genuine) -> tuple[bytes, str]:
    payload = _payload(g)
    for _ in range(20):
        items = list(payload.items())
        rng.shuffle(items)
        body = json.dumps(
            dict(items),
            ensure_ascii=rng.random() < 0.5,
            indent=rng.choice((None, 2)),
            sort_keys=rng.random() < 0.3,
        ).encode("utf-8")
        if body != g.body:
            return _unsigned(body, g), g.expert
    return _unsigned(g.body + b" ", g), g.expert


def score_changed(rng: random.Random, material: Material, g: Genuine) -> tuple[bytes, str]:
    """A score changed and the payload re-encoded, without re-signing (log fixed or not)."""
    payload = _payload(g)
    _change_score(payload, rng)
    if rng.random() < 0.5:
        _rechain(payload)
    return _unsigned(payload_bytes(payload), g), g.expert


def key_swapped(rng: random.Random, material: Material, g: Genuine) -> tuple[bytes, str]:
    """Another expert's public key put in, not re-signed (with their key id or the old one)."""
    other = _other(material, g.expert, rng)
    payload = _payload(g)
    payload["expert"]["public_key"] = other.key.info.public_key
    body = payload_bytes(payload)
    sig = g.envelope["signatures"][0]["sig"]
    keyid = rng.choice((other.key.info.fingerprint, g.key.info.fingerprint))
    return envelope_bytes(body, keyid, sig), g.expert


def key_swapped_resigned(rng: random.Random, material: Material, g: Genuine) -> tuple[bytes, str]:
    """This expert's payload (perhaps with a changed score), signed by another expert."""
    other = _other(material, g.expert, rng)
    payload = _payload(g)
    if rng.random() < 0.5:
        _change_score(payload, rng)
        _rechain(payload)
    payload["expert"]["public_key"] = other.key.info.public_key
    return _sign(payload_bytes(payload), other.key), g.expert


def other_renamed(rng: random.Random, material: Material, g: Genuine) -> tuple[bytes, str]:
    """Another expert's genuine file offered as this expert's (renamed)."""
    return _other(material, g.expert, rng).data, g.expert


def other_claimed(rng: random.Random, material: Material, g: Genuine) -> tuple[bytes, str]:
    """Another expert's file whose payload now names this expert, re-signed by its author."""
    other = _other(material, g.expert, rng)
    payload = _payload(other)
    victim = _payload(g)["expert"]
    _claim(payload, victim, rng.choice((other.key.info.public_key, None)))
    if payload["expert"]["public_key"] is None:  # then the signer is named as transcriber
        payload["transcribed_by"] = {
            "id": other.expert,
            "name": _payload(other)["expert"]["name"],
            "public_key": other.key.info.public_key,
            "sheet": "纸质评分表 第1-3页",
            "marked_at": payload["submitted_at"],
        }
    return _sign(payload_bytes(payload), other.key), g.expert


def transcribed_by_other(rng: random.Random, material: Material, g: Genuine) -> tuple[bytes, str]:
    """This expert's scores (perhaps changed), "transcribed from paper" by another expert."""
    other = _other(material, g.expert, rng)
    payload = _payload(g)
    if rng.random() < 0.5:
        _change_score(payload, rng)
        _rechain(payload)
    payload["expert"]["public_key"] = None
    payload["transcribed_by"] = {
        "id": other.expert,
        "name": _payload(other)["expert"]["name"],
        "public_key": other.key.info.public_key,
        "sheet": "纸质评分表 第1-3页",
        "marked_at": payload["submitted_at"],
    }
    return _sign(payload_bytes(payload), other.key), g.expert


def another_batch(rng: random.Random, material: Material, g: Genuine) -> tuple[bytes, str]:
    data = material.foreign[rng.choice(sorted(material.foreign))]
    return data, json.loads(_split(data)[1])["expert"]["id"]


def future_version(rng: random.Random, material: Material, g: Genuine) -> tuple[bytes, str]:
    """A later format: of the envelope, or of the payload re-signed by the expert's own key."""
    later = rng.choice((1, 2, 9, 98))
    if rng.random() < 0.5:
        text = g.data.decode("ascii").replace(
            f'"{RESULT_FORMAT}"', f'"expertscore-result/{_version(RESULT_FORMAT) + later}"', 1
        )
        return text.encode("ascii"), g.expert
    payload = _payload(g)
    payload["format"] = f"expertscore-result-payload/{_version(PAYLOAD_FORMAT) + later}"
    if rng.random() < 0.5:
        payload["new_field"] = {"added_in": payload["format"]}
    return _sign(payload_bytes(payload), g.key), g.expert


def _version(format_name: str) -> int:
    return int(format_name.rsplit("/", 1)[1])


def stranger_key(rng: random.Random, material: Material, g: Genuine) -> tuple[bytes, str]:
    """Re-signed by a key no roster or key card names (payload perhaps changed)."""
    stranger = rng.choice(material.strangers)
    payload = _payload(g)
    if rng.random() < 0.7:
        _change_score(payload, rng)
        _rechain(payload)
    payload["expert"]["public_key"] = stranger.info.public_key
    return _sign(payload_bytes(payload), stranger), g.expert


CATEGORIES: dict[str, Alteration] = {
    "single bit flip anywhere": bit_flip,
    "byte flips in the payload": payload_byte_flip,
    "signature / key id altered": signature_byte_flip,
    "truncated": truncation,
    "same bytes, other base64 / key id case": base64_variant,
    "envelope re-serialised (keys reordered)": envelope_reserialised,
    "duplicated JSON keys": duplicated_keys,
    "payload re-serialised, not re-signed": payload_reserialised,
    "score changed, not re-signed": score_changed,
    "key swapped, not re-signed": key_swapped,
    "key swapped, re-signed by other expert": key_swapped_resigned,
    "other expert's file, renamed": other_renamed,
    "other expert's file, claimed + re-signed": other_claimed,
    "'transcribed' by another expert": transcribed_by_other,
    "valid file of another batch/version": another_batch,
    "future format version": future_version,
    "re-signed by a non-roster key": stranger_key,
}


def case(material: Material, seed: int, index: int) -> tuple[str, bytes, str]:
    """The ``index``-th altered file: (category, bytes, expert it claims to be from)."""
    names = list(CATEGORIES)
    category = names[index % len(names)]
    rng = random.Random(f"tamper/{seed}/{index}")
    original = material.genuine[rng.choice(material.experts)]
    data, claimed = CATEGORIES[category](rng, material, original)
    return category, data, claimed


# ----------------------------------------------------------------------------- figures


@dataclass
class Count:
    tried: int = 0
    accepted: int = 0
    unexpected: int = 0


@dataclass
class TamperFigures:
    tried: int = 0
    accepted: int = 0
    unexpected: int = 0
    genuine_accepted: int = 0
    genuine_total: int = 0
    by_category: dict[str, Count] = field(default_factory=dict)
    examples: list[str] = field(default_factory=list)  # reproducers of misses


def check_all(material: Material, count: int, seed: int) -> TamperFigures:
    figures = TamperFigures(by_category={name: Count() for name in CATEGORIES})
    for original in material.genuine.values():
        figures.genuine_total += 1
        try:
            check_result(
                original.data, f"{original.expert}.esresult", material.package, material.trust
            )
            figures.genuine_accepted += 1
        except ExpertScoreError as exc:
            figures.examples.append(f"genuine file of {original.expert} refused: {exc}")
    for index in range(count):
        category, data, claimed = case(material, seed, index)
        counts = figures.by_category[category]
        counts.tried += 1
        figures.tried += 1
        try:
            checked = check_result(data, f"{claimed}.esresult", material.package, material.trust)
        except ExpertScoreError:
            continue
        except Exception as exc:  # a crash: not a deliberate refusal
            counts.unexpected += 1
            figures.unexpected += 1
            if len(figures.examples) < 10:
                figures.examples.append(
                    f"{category}: {type(exc).__name__}: {exc} (tamper.case(seed={seed},"
                    f" index={index}))"
                )
            continue
        if checked.payload.expert.id == claimed or category != "other expert's file, renamed":
            counts.accepted += 1
            figures.accepted += 1
            if len(figures.examples) < 10:
                signer = checked.payload.signer_id
                figures.examples.append(
                    f"{category}: ACCEPTED as {checked.payload.expert.id}'s result, signed by"
                    f" {signer} ({checked.identity.how}) (tamper.case(seed={seed}, index={index}))"
                )
    return figures


def report(figures: TamperFigures, seconds: float) -> None:
    print(f"tamper: {figures.tried} altered result files checked in {seconds:.1f} s")
    width = max(len(name) for name in figures.by_category)
    print(f"  {'category':<{width}}  tried  accepted  crashes")
    for name, counts in figures.by_category.items():
        print(f"  {name:<{width}}  {counts.tried:5}  {counts.accepted:8}  {counts.unexpected:7}")
    print(f"  accepted altered files:      {figures.accepted}   (target 0)")
    print(f"  unexpected exceptions:       {figures.unexpected}   (target 0)")
    print(
        f"  genuine files accepted:      {figures.genuine_accepted} of {figures.genuine_total}"
        "   (target all)"
    )
    for line in figures.examples:
        print(f"  ! {line}")


def main(count: int = 10_000, seed: int = 2026, material: Material | None = None) -> TamperFigures:
    with tempfile.TemporaryDirectory() as temp:
        if material is None:
            start = time.perf_counter()
            material = prepare(Path(temp))
            print(f"tamper: real files prepared in {time.perf_counter() - start:.1f} s")
        start = time.perf_counter()
        figures = check_all(material, count, seed)
    report(figures, time.perf_counter() - start)
    return figures


if __name__ == "__main__":
    main()
