"""Signatures over exact bytes, in the manner of DSSE (Dead Simple Signing Envelope).

The signed message is DSSE's pre-authentication encoding ``PAE(type, body)``, so a
signature made for one payload type can never be replayed as another (a batch manifest
signature is not a result-file signature).

Two algorithms, told apart by how a public key is written (``docs/formats.md``):

* ``ed25519``: the base64 of the raw 32-byte key; the fingerprint is the first 16 hex
  digits of the SHA-256 of those bytes, in groups of four; a signature is the 64-byte
  Ed25519 signature in base64.
* ``sm2`` (国密): ``sm2:`` and the base64 of the raw 64-byte point ``x || y``; the
  fingerprint is the first 16 hex digits of the SM3 of those 64 bytes; a signature is the
  base64 of the DER ``SEQUENCE { r, s }`` over SM3 with the signer id (``crypto.sm2``).

So every file that names its signer's key also says which algorithm signed it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from typing import Union

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from expertscore.crypto import sm2
from expertscore.errors import ExpertScoreError, WrongAlgorithm

ED25519, SM2 = "ed25519", "sm2"
ALGORITHMS = (ED25519, SM2)
SM2_PREFIX = "sm2:"
DEFAULT_SIGNER_ID = sm2.DEFAULT_SIGNER_ID

PrivateKey = Union[Ed25519PrivateKey, sm2.Sm2PrivateKey]  # noqa: UP007 (a runtime alias)
PublicKey = Union[Ed25519PublicKey, sm2.Sm2PublicKey]  # noqa: UP007


class SignatureError(ExpertScoreError):
    """A signature or key is malformed or does not verify."""


def pae(payload_type: str, body: bytes) -> bytes:
    kind = payload_type.encode("utf-8")
    return b"DSSEv1 %d %s %d %s" % (len(kind), kind, len(body), body)


def key_algorithm(public_key_text: str) -> str:
    """``sm2`` for a key written ``sm2:…``, else ``ed25519`` (the key itself is not checked)."""
    return SM2 if public_key_text.startswith(SM2_PREFIX) else ED25519


def private_key_algorithm(private_key: PrivateKey) -> str:
    return SM2 if isinstance(private_key, sm2.Sm2PrivateKey) else ED25519


def generate(algorithm: str) -> PrivateKey:
    if algorithm == SM2:
        return sm2.Sm2PrivateKey.generate()
    if algorithm == ED25519:
        return Ed25519PrivateKey.generate()
    raise SignatureError(
        f"'{algorithm}' is not a signature algorithm: {', '.join(ALGORITHMS)}"
    ).saying("algorithm", algorithm=algorithm, known=", ".join(ALGORITHMS))


def public_key_b64(key: PublicKey) -> str:
    """The key as files write it (``sm2:`` before an SM2 key's base64)."""
    if isinstance(key, sm2.Sm2PublicKey):
        return SM2_PREFIX + base64.b64encode(key.raw).decode("ascii")
    raw = key.public_bytes(Encoding.Raw, PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def _raw(public_key_text: str) -> bytes:
    try:
        return base64.b64decode(public_key_text.removeprefix(SM2_PREFIX), validate=True)
    except (binascii.Error, ValueError):
        raise SignatureError("public key is not valid base64").saying("key_base64") from None


def load_public_key(text: str) -> PublicKey:
    raw = _raw(text)
    if key_algorithm(text) == SM2:
        try:
            return sm2.Sm2PublicKey(sm2.check_public(raw))
        except sm2.Sm2KeyError as exc:
            raise SignatureError(str(exc)).saying("sm2_key", reason=exc) from None
    if len(raw) != 32:
        raise SignatureError(f"public key has {len(raw)} bytes, an Ed25519 key has 32").saying(
            "key_length", length=len(raw)
        )
    return Ed25519PublicKey.from_public_bytes(raw)


def fingerprint(public_key_text: str) -> str:
    """Short, human-comparable fingerprint such as ``3f2a-91c0-77de-0b41``.

    Raises ``ValueError`` (``binascii.Error``) for a key that is not base64.
    """
    if key_algorithm(public_key_text) == SM2:
        raw = base64.b64decode(public_key_text.removeprefix(SM2_PREFIX))
        digest = sm2.sm3(raw).hex()[:16]
    else:
        digest = hashlib.sha256(base64.b64decode(public_key_text)).hexdigest()[:16]
    return "-".join(digest[i : i + 4] for i in range(0, 16, 4))


def sign(
    private_key: PrivateKey, payload_type: str, body: bytes, signer_id: str | None = None
) -> str:
    """``signer_id`` is SM2's (ignored for Ed25519); None is the standard ``1234567812345678``."""
    message = pae(payload_type, body)
    if isinstance(private_key, sm2.Sm2PrivateKey):
        signature = private_key.sign(message, signer_id or DEFAULT_SIGNER_ID)
    else:
        signature = private_key.sign(message)
    return base64.b64encode(signature).decode("ascii")


def verify(
    public_key_text: str,
    payload_type: str,
    body: bytes,
    signature_b64: str,
    signer_id: str | None = None,
) -> None:
    """Raise ``SignatureError`` unless ``signature_b64`` signs ``body`` as ``payload_type``."""
    key = load_public_key(public_key_text)
    try:
        signature = base64.b64decode(signature_b64, validate=True)
    except (binascii.Error, ValueError):
        raise SignatureError("signature is not valid base64").saying("base64") from None
    message = pae(payload_type, body)
    if isinstance(key, sm2.Sm2PublicKey):
        if not key.verify(signature, message, signer_id or DEFAULT_SIGNER_ID):
            raise SignatureError("signature does not match the signed bytes").saying("mismatch")
        return
    try:
        key.verify(signature, message)
    except InvalidSignature:
        raise SignatureError("signature does not match the signed bytes").saying(
            "mismatch"
        ) from None


def check_algorithm(
    public_key_text: str, expected: str, source: str, refusal: type[WrongAlgorithm]
) -> None:
    """Raise ``refusal(source, expected, found)`` unless the key is of ``expected``."""
    found = key_algorithm(public_key_text)
    if found != expected:
        raise refusal(source, expected, found)
