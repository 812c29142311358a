"""The second, independent SM2 implementation: the pure-Python ``gmssl`` package.

It shares no code with GmSSL (which ``expertscore.crypto.sm2`` calls), so a signature both
accept, each made by the other, is SM2 as the standard defines it, not as one library
happens to compute it. ``gmssl`` hard-codes the standard signer id in its ``Z``; these
helpers compute ``Z`` with its SM3 for any id, then use its bare sign and verify.
"""

from __future__ import annotations

import base64
import secrets

from gmssl import sm2 as gm_sm2
from gmssl import sm3 as gm_sm3

from expertscore.crypto.dsse import SM2_PREFIX, pae


def sm3_hex(data: bytes) -> str:
    return gm_sm3.sm3_hash(list(data))


def _curve() -> dict[str, str]:
    return gm_sm2.default_ecc_table


def _e(public: bytes, message: bytes, signer_id: str) -> bytes:
    """SM3(Z || M), Z = SM3(ENTL || ID || a || b || xG || yG || xA || yA) (GB/T 32918.2)."""
    ident = signer_id.encode("utf-8")
    curve = _curve()
    z_input = (
        (len(ident) * 8).to_bytes(2, "big")
        + ident
        + bytes.fromhex(curve["a"] + curve["b"] + curve["g"])
        + public
    )
    z = bytes.fromhex(sm3_hex(z_input))
    return bytes.fromhex(sm3_hex(z + message))


def _crypt(public: bytes, secret: bytes | None = None) -> gm_sm2.CryptSM2:
    crypt = gm_sm2.CryptSM2(
        private_key=secret.hex() if secret else None, public_key=public.hex(), asn1=True
    )
    # gmssl's constructor strips every leading "0" and "4" of the key's hex (meaning to
    # drop an 04 prefix), which breaks one key in a few hundred: set the 64 bytes as given.
    crypt.public_key = public.hex()
    return crypt


def raw_key(public_key_text: str) -> bytes:
    assert public_key_text.startswith(SM2_PREFIX), public_key_text
    return base64.b64decode(public_key_text.removeprefix(SM2_PREFIX))


def gmssl_verifies(
    public_key_text: str,
    payload_type: str,
    body: bytes,
    signature_b64: str,
    signer_id: str = "1234567812345678",
) -> bool:
    """Does the pure-Python implementation accept this DER signature over PAE(type, body)?"""
    public = raw_key(public_key_text)
    digest = _e(public, pae(payload_type, body), signer_id)
    der_hex = base64.b64decode(signature_b64).hex()
    return bool(_crypt(public).verify(der_hex, digest))


def gmssl_sign(
    secret: bytes,
    public: bytes,
    payload_type: str,
    body: bytes,
    signer_id: str = "1234567812345678",
) -> str:
    """A DER signature made by the pure-Python implementation, in base64 as files write it."""
    digest = _e(public, pae(payload_type, body), signer_id)
    while True:
        k = secrets.token_bytes(32).hex()
        der_hex = _crypt(public, secret).sign(digest, k)
        if der_hex:
            return base64.b64encode(bytes.fromhex(der_hex)).decode("ascii")
