"""SM2 signatures with SM3 (GB/T 32918, GM/T 0003) through GmSSL 3 (``gmssl_pyx``).

Nothing of SM2 or SM3 is computed here: GmSSL makes the keys, hashes, signs and checks
that a public key is a point of the curve. A public key is the raw 64 bytes ``x || y`` of
the point (no ``04`` prefix, no DER); a private key the raw 32-byte scalar; a signature is
GmSSL's DER ``SEQUENCE { INTEGER r, INTEGER s }``. The signed message is ``Z || M`` hashed
with SM3, where ``Z`` binds the signer id (``1234567812345678`` unless the batch names
another) and the public key, as the standard prescribes.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import gmssl_pyx

DEFAULT_SIGNER_ID = gmssl_pyx.SM2_DEFAULT_SIGNER_ID.decode("ascii")  # "1234567812345678"
PUBLIC_BYTES = 64
PRIVATE_BYTES = 32


class Sm2KeyError(ValueError):
    """Bytes that are not an SM2 key."""


_QUIET = threading.Lock()


@contextmanager
def _quiet() -> Iterator[None]:
    """Standard error closed for one GmSSL call.

    GmSSL prints a trace line (``sm2_sign.c:265:sm2_fast_verify():``) to the process's
    standard error for every signature that does not verify; the refusal is ours to word in
    one line. The lock keeps two threads from swapping the descriptor at once.
    """
    with _QUIET:
        try:
            saved = os.dup(2)
        except OSError:  # no standard error at all (a windowed app): nothing to hide
            yield
            return
        sink = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(sink, 2)
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            os.close(sink)


def sm3(data: bytes) -> bytes:
    return gmssl_pyx.sm3_hash(data)


def check_public(raw: bytes) -> bytes:
    """``raw`` if it is 64 bytes naming a point of the curve; else ``Sm2KeyError``."""
    if len(raw) != PUBLIC_BYTES:
        raise Sm2KeyError(f"public key has {len(raw)} bytes, an SM2 key has {PUBLIC_BYTES}")
    try:
        return gmssl_pyx.normalize_sm2_public_key(raw)
    except gmssl_pyx.InvalidValueError:
        raise Sm2KeyError("public key is not a point of the SM2 curve") from None


@dataclass(frozen=True)
class Sm2PublicKey:
    raw: bytes  # x || y, 64 bytes

    def verify(self, signature: bytes, message: bytes, signer_id: str = DEFAULT_SIGNER_ID) -> bool:
        try:
            with _quiet():
                return gmssl_pyx.sm2_verify(self.raw, message, signature, signer_id.encode("utf-8"))
        except gmssl_pyx.GmsslInnerError:  # not DER, or r, s out of range
            return False


@dataclass(frozen=True, repr=False)
class Sm2PrivateKey:
    """An SM2 key pair; GmSSL signs with the private scalar and the public point together."""

    secret: bytes  # 32 bytes
    public: bytes  # 64 bytes

    @classmethod
    def generate(cls) -> Sm2PrivateKey:
        public, secret = gmssl_pyx.sm2_key_generate()
        return cls(secret, public)

    @classmethod
    def from_bytes(cls, secret: bytes, public: bytes) -> Sm2PrivateKey:
        """The pair, checked: a signature by ``secret`` must verify with ``public``."""
        if len(secret) != PRIVATE_BYTES:
            raise Sm2KeyError(f"private key has {len(secret)} bytes, an SM2 key has 32")
        key = cls(secret, check_public(public))
        probe = b"expertscore sm2 key pair"
        try:
            matches = key.public_key().verify(key.sign(probe), probe)
        except gmssl_pyx.GmsslInnerError:
            matches = False
        if not matches:
            raise Sm2KeyError("private and public key do not match")
        return key

    def public_key(self) -> Sm2PublicKey:
        return Sm2PublicKey(self.public)

    def sign(self, message: bytes, signer_id: str = DEFAULT_SIGNER_ID) -> bytes:
        return gmssl_pyx.sm2_sign(self.secret, self.public, message, signer_id.encode("utf-8"))
