"""Key files and cards as ``expertscore-key/2`` and ``expertscore-keycard/2`` wrote them."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

from expertscore.identity.keys import ExpertKey, ScryptCost

FAST = ScryptCost(n=2**10)


def resealed(
    path: Path, private_key, passphrase: str, declared: str, associated: bytes, drop: tuple
) -> bytes:
    """The key file ``path`` sealed again as an older ``declared`` format wrote it."""
    record = json.loads(path.read_text(encoding="utf-8"))
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    derived = Scrypt(salt=salt, length=32, n=FAST.n, r=FAST.r, p=FAST.p).derive(passphrase.encode())
    raw = private_key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    for field in drop:
        record.pop(field)
    record["format"] = declared
    record["kdf"].update(n=FAST.n, r=FAST.r, p=FAST.p, salt=base64.b64encode(salt).decode())
    record["cipher"].update(
        nonce=base64.b64encode(nonce).decode(),
        check=hmac.new(derived, b"expertscore-key check", hashlib.sha256).hexdigest()[:16],
        ciphertext=base64.b64encode(AESGCM(derived).encrypt(nonce, raw, associated)).decode(),
    )
    return json.dumps(record, ensure_ascii=False).encode("utf-8")


def reseal_as_key_2(key: ExpertKey, path: Path, passphrase: str) -> None:
    """Rewrite ``path`` as a key of /2: the signing key only, no recipient."""
    info = key.info
    associated = f"expertscore-key/2 {info.expert_id} {info.role} {info.public_key}".encode()
    data = resealed(
        path, key.private_key, passphrase, "expertscore-key/2", associated, ("recipient",)
    )
    path.write_bytes(data)
