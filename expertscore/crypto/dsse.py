"""Signatures over exact bytes, in the manner of DSSE (Dead Simple Signing Envelope).

The signed message is DSSE's pre-authentication encoding ``PAE(type, body)``, so a
signature made for one payload type can never be replayed as another (a batch manifest
signature is not a result-file signature). Keys are raw 32-byte Ed25519 keys, written as
base64; a key's fingerprint is the first 16 hex digits of the SHA-256 of the raw key,
shown in groups of four.
"""

from __future__ import annotations

import base64
import binascii
import hashlib

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from expertscore.errors import ExpertScoreError


class SignatureError(ExpertScoreError):
    """A signature or key is malformed or does not verify."""


def pae(payload_type: str, body: bytes) -> bytes:
    kind = payload_type.encode("utf-8")
    return b"DSSEv1 %d %s %d %s" % (len(kind), kind, len(body), body)


def public_key_b64(key: Ed25519PublicKey) -> str:
    raw = key.public_bytes(Encoding.Raw, PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def load_public_key(text: str) -> Ed25519PublicKey:
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise SignatureError("public key is not valid base64") from None
    if len(raw) != 32:
        raise SignatureError(f"public key has {len(raw)} bytes, an Ed25519 key has 32")
    return Ed25519PublicKey.from_public_bytes(raw)


def fingerprint(public_key_text: str) -> str:
    """Short, human-comparable fingerprint such as ``3f2a-91c0-77de-0b41``."""
    raw = base64.b64decode(public_key_text)
    digest = hashlib.sha256(raw).hexdigest()[:16]
    return "-".join(digest[i : i + 4] for i in range(0, 16, 4))


def sign(private_key: Ed25519PrivateKey, payload_type: str, body: bytes) -> str:
    return base64.b64encode(private_key.sign(pae(payload_type, body))).decode("ascii")


def verify(public_key_text: str, payload_type: str, body: bytes, signature_b64: str) -> None:
    """Raise ``SignatureError`` unless ``signature_b64`` signs ``body`` as ``payload_type``."""
    key = load_public_key(public_key_text)
    try:
        signature = base64.b64decode(signature_b64, validate=True)
    except (binascii.Error, ValueError):
        raise SignatureError("signature is not valid base64") from None
    try:
        key.verify(signature, pae(payload_type, body))
    except InvalidSignature:
        raise SignatureError("signature does not match the signed bytes") from None
