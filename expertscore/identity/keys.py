"""Each person's signing key: an Ed25519 or SM2 key pair, encrypted in the user's data folder.

A key file (``expertscore-key/2``, ``docs/formats.md``) holds the public key in clear (an
SM2 key written ``sm2:…``, ``crypto.dsse``) and the raw 32-byte private key encrypted
with AES-256-GCM under a key derived from the passphrase with scrypt, which is
memory-hard (64 MiB by default) so that guessing passphrases on a stolen laptop is slow.
The owner's id, role and public key (so also its algorithm) are bound to the ciphertext as
associated data, so editing any of them makes the file unreadable rather than quietly
wrong. A short check value tells a wrong passphrase from a damaged file.

Since ``expertscore-key/3`` a key also holds an X25519 decryption identity in the ``age``
format (packages and result files can be encrypted to it, ``crypto.sealed``): its public
recipient (``age1…``) in clear, the identity encrypted after the 32 private-key bytes in
the same ciphertext, the recipient bound as associated data. Keys of ``/2`` still sign;
``add_recipient`` gives them an identity (the signing key stays the same).

A key has a role: ``expert``, ``chair`` or ``organizer``. Files of ``expertscore-key/1``
(made before roles) are still read, as experts' keys.

Key files live in ``<data dir>/keys/<id>.eskey``; ``EXPERTSCORE_DATA_DIR`` overrides the
data folder (tests and portable installs). Nothing here is thread-bound; deriving the key
takes a fraction of a second, so the UI calls ``unlock_key`` off its main thread.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
import re
import secrets
import unicodedata
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

import platformdirs
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey as _Ed25519
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

from expertscore.batch.manifest import ID_PATTERN
from expertscore.crypto import sm2
from expertscore.crypto.dsse import (
    ED25519,
    SM2,
    PrivateKey,
    SignatureError,
    fingerprint,
    generate,
    key_algorithm,
    load_public_key,
    public_key_b64,
    sign,
)
from expertscore.crypto.sealed import new_identity, recipient_of
from expertscore.errors import ExpertScoreError

KEY_FORMAT = "expertscore-key/3"
KEY_FORMAT_2 = "expertscore-key/2"  # before decryption identities: signs, cannot decrypt
KEY_FORMAT_1 = "expertscore-key/1"  # before roles: read as an expert's key
EXPERT, CHAIR, ORGANIZER = "expert", "chair", "organizer"
ROLES = (EXPERT, CHAIR, ORGANIZER)
KEY_SUFFIX = ".eskey"
MIN_PASSPHRASE = 8
MAX_KEY_FILE = 64 << 10
MAX_SCRYPT_MEMORY = 1 << 30  # a key file asking for more is refused, not obeyed


class KeyFileError(ExpertScoreError):
    """A key file is missing, damaged, or not a key file."""


class WrongPassphrase(ExpertScoreError):
    """The passphrase does not open the key."""


class KeyCannotDecrypt(ExpertScoreError):
    """A key made before decryption identities: it signs, but opens nothing encrypted."""

    def __init__(self, owner: str) -> None:
        self.owner = owner
        super().__init__(
            f"the key of {owner} has no decryption identity (made before expertscore-key/3);"
            f" run `expertscore key add-recipient --expert {owner}` and send the chair a new"
            " key card"
        )


class UnknownKeyRole(KeyFileError):
    """A key role that is not one of ``ROLES``."""

    def __init__(self, role: str) -> None:
        self.role = role
        super().__init__(f"'{role}' is not a key role: {', '.join(ROLES)}")


@dataclass(frozen=True)
class ScryptCost:
    """scrypt's parameters; memory used is 128 × n × r bytes."""

    n: int = 2**16
    r: int = 8
    p: int = 1

    @property
    def memory(self) -> int:
        return 128 * self.n * self.r


DEFAULT_COST = ScryptCost()  # 64 MiB, about 0.2 s on a 2020 laptop


@dataclass(frozen=True)
class KeyInfo:
    """The public part of a key: who owns it and the public key, readable without passphrase."""

    expert_id: str
    name: str
    organization: str | None
    public_key: str  # as files write it (crypto.dsse): base64, "sm2:" first for SM2
    created: str
    path: Path | None = None
    role: str = EXPERT
    recipient: str | None = None  # age X25519 recipient; None for keys before key/3

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)

    @property
    def algorithm(self) -> str:
        return key_algorithm(self.public_key)


@dataclass(frozen=True)
class ExpertKey:
    """An unlocked key: the public part and the private key, held only in memory."""

    info: KeyInfo
    private_key: PrivateKey
    age_identity: str | None = None  # ``AGE-SECRET-KEY-1…``, with ``info.recipient``

    def sign(self, payload_type: str, body: bytes, signer_id: str | None = None) -> str:
        """``signer_id``: SM2's, from the batch (None: the standard id; unused for Ed25519)."""
        return sign(self.private_key, payload_type, body, signer_id)

    @classmethod
    def from_private_key(
        cls,
        private_key: PrivateKey,
        expert_id: str,
        name: str,
        organization: str | None = None,
        created: str | None = None,
        role: str = EXPERT,
        age_identity: str | None = None,
    ) -> ExpertKey:
        """A key held only in memory (the simulation's, a test's).

        Without ``age_identity`` it cannot decrypt and its card has no recipient, which
        keeps a simulation's key cards the same for the same seed."""
        check_owner(expert_id, name, organization)
        check_role(role)
        info = KeyInfo(
            expert_id=expert_id,
            name=name,
            organization=organization,
            public_key=public_key_b64(private_key.public_key()),
            created=created or local_now(),
            role=role,
        )
        if age_identity is None:
            return cls(info, private_key)
        return cls(replace(info, recipient=recipient_of(age_identity)), private_key, age_identity)


def local_now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def data_dir() -> Path:
    override = os.environ.get("EXPERTSCORE_DATA_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir("ExpertScore", appauthor=False))


def keys_dir() -> Path:
    return data_dir() / "keys"


def key_path(expert_id: str, directory: Path | None = None) -> Path:
    return (directory or keys_dir()) / f"{expert_id}{KEY_SUFFIX}"


def check_owner(expert_id: str, name: str, organization: str | None) -> None:
    """Ids follow the roster's pattern; names are one line (key cards sign them as lines)."""
    if not re.match(ID_PATTERN, expert_id):
        raise KeyFileError(
            f"'{expert_id}' is not a valid id: 1–64 of A–Z a–z 0–9 . _ -, starting with a"
            " letter or digit"
        ).saying("bad_id", id=expert_id)
    if not name.strip():
        raise KeyFileError("a key needs the owner's name").saying("no_name")
    for label, value in (("name", name), ("organization", organization or "")):
        if any(unicodedata.category(ch) == "Cc" for ch in value):
            raise KeyFileError(
                f"the {label} must be one line of text without control characters"
            ).saying("control_name" if label == "name" else "control_organization")


def check_role(role: str) -> None:
    if role not in ROLES:
        raise UnknownKeyRole(role).saying("role", role=role)


def _passphrase_bytes(passphrase: str) -> bytes:
    # NFC: the same passphrase typed on macOS (NFD input) and Windows gives the same bytes.
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def _derive(passphrase: str, salt: bytes, cost: ScryptCost) -> bytes:
    kdf = Scrypt(salt=salt, length=32, n=cost.n, r=cost.r, p=cost.p)
    return kdf.derive(_passphrase_bytes(passphrase))


def _check_value(derived: bytes) -> str:
    return hmac.new(derived, b"expertscore-key check", hashlib.sha256).hexdigest()[:16]


def _associated_data(info: KeyInfo, declared: str = KEY_FORMAT) -> bytes:
    if declared == KEY_FORMAT_1:
        return f"{KEY_FORMAT_1} {info.expert_id} {info.public_key}".encode()
    if declared == KEY_FORMAT_2:
        return f"{KEY_FORMAT_2} {info.expert_id} {info.role} {info.public_key}".encode()
    return f"{KEY_FORMAT} {info.expert_id} {info.role} {info.public_key} {info.recipient}".encode()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def key_file_bytes(key: ExpertKey, passphrase: str, cost: ScryptCost = DEFAULT_COST) -> bytes:
    """The key file for ``key``, encrypted under ``passphrase``."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise WrongPassphrase(f"a passphrase needs at least {MIN_PASSPHRASE} characters").saying(
            "short", minimum=MIN_PASSPHRASE
        )
    if key.age_identity is None or key.info.recipient != recipient_of(key.age_identity):
        raise KeyFileError(f"the key of {key.info.expert_id} has no decryption identity").saying(
            "no_identity", expert=key.info.expert_id
        )
    info = key.info
    salt = secrets.token_bytes(16)
    nonce = secrets.token_bytes(12)
    derived = _derive(passphrase, salt, cost)
    raw = _private_bytes(key.private_key)
    raw += key.age_identity.encode("ascii")
    ciphertext = AESGCM(derived).encrypt(nonce, raw, _associated_data(info))
    record = {
        "format": KEY_FORMAT,
        "expert": info.expert_id,
        "role": info.role,
        "name": info.name,
        "organization": info.organization,
        "created": info.created,
        "public_key": info.public_key,
        "fingerprint": info.fingerprint,
        "recipient": info.recipient,
        "kdf": {"name": "scrypt", "n": cost.n, "r": cost.r, "p": cost.p, "salt": _b64(salt)},
        "cipher": {
            "name": "aes-256-gcm",
            "nonce": _b64(nonce),
            "check": _check_value(derived),
            "ciphertext": _b64(ciphertext),
        },
    }
    return (json.dumps(record, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_private(path: Path, data: bytes, replace_existing: bool = False) -> None:
    """Write a new file readable by its owner only, all or nothing; never overwrite
    (unless ``replace_existing``: a key gaining its decryption identity)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists() and not replace_existing:
            raise KeyFileError(f"{path}: already exists; not overwritten").saying(
                "exists", path=path
            )
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def create_key(
    expert_id: str,
    name: str,
    passphrase: str,
    organization: str | None = None,
    *,
    directory: Path | None = None,
    cost: ScryptCost = DEFAULT_COST,
    role: str = EXPERT,
    algorithm: str = ED25519,
) -> ExpertKey:
    """Make a new key pair for ``expert_id`` and store it encrypted; refuse to replace one."""
    check_owner(expert_id, name, organization)
    check_role(role)
    path = key_path(expert_id, directory)
    if path.exists():
        existing = read_key_info(path)
        raise KeyFileError(
            f"{path}: {expert_id} already has a key (fingerprint {existing.fingerprint});"
            " it is not replaced"
        ).saying("has_key", path=path, expert=expert_id, fingerprint=existing.fingerprint)
    try:
        private_key = generate(algorithm)
    except SignatureError as exc:
        raise KeyFileError(str(exc)).saying("cannot_make", cause=exc) from None
    key = ExpertKey.from_private_key(
        private_key,
        expert_id,
        name.strip(),
        organization,
        role=role,
        age_identity=new_identity(),
    )
    write_private(path, key_file_bytes(key, passphrase, cost))
    return replace(key, info=replace(key.info, path=path))


def add_recipient(path: Path, passphrase: str, cost: ScryptCost = DEFAULT_COST) -> ExpertKey:
    """Give a key of ``expertscore-key/2`` (or /1) a decryption identity: rewritten as /3.

    The signing key, owner and role stay; the file is replaced all at once. A key that
    already has one is returned unchanged.
    """
    key = unlock_key(path, passphrase)
    if key.age_identity is not None:
        return key
    identity = new_identity()
    upgraded = ExpertKey(
        replace(key.info, recipient=recipient_of(identity)), key.private_key, identity
    )
    write_private(path, key_file_bytes(upgraded, passphrase, cost), replace_existing=True)
    return upgraded


@dataclass(frozen=True)
class _Sealed:
    info: KeyInfo
    declared: str  # the file's format, which decides the associated data
    cost: ScryptCost
    salt: bytes
    nonce: bytes
    check: str
    ciphertext: bytes


def _field(record: dict, name: str, kind: type, path: Path):
    value = record.get(name)
    if not isinstance(value, kind):
        raise KeyFileError(f"{path}: damaged key file (field '{name}' is missing or wrong)").saying(
            "damaged_field", path=path, field=name
        )
    return value


def _unb64(text: str, name: str, path: Path) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise KeyFileError(f"{path}: damaged key file ('{name}' is not base64)").saying(
            "damaged_base64", path=path, field=name
        ) from None


def _read_sealed(path: Path) -> _Sealed:
    if not path.is_file():
        raise KeyFileError(f"{path}: no such key file").saying("no_file", path=path)
    data = path.read_bytes()
    if len(data) > MAX_KEY_FILE:
        raise KeyFileError(f"{path}: not a key file (too large)").saying("too_large", path=path)
    try:
        record = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise KeyFileError(f"{path}: damaged key file (not valid JSON)").saying(
            "damaged_json", path=path
        ) from None
    if not isinstance(record, dict):
        raise KeyFileError(f"{path}: not a key file").saying("not_key", path=path)
    declared = record.get("format")
    if declared not in (KEY_FORMAT, KEY_FORMAT_2, KEY_FORMAT_1):
        if isinstance(declared, str) and declared.startswith("expertscore-key/"):
            raise KeyFileError(
                f"{path}: made by a newer ExpertScore ({declared}); this program reads {KEY_FORMAT}"
            ).saying("newer", path=path, declared=declared, supported=KEY_FORMAT)
        raise KeyFileError(f"{path}: not an ExpertScore key file").saying("not_ours", path=path)
    kdf = _field(record, "kdf", dict, path)
    cipher = _field(record, "cipher", dict, path)
    if kdf.get("name") != "scrypt" or cipher.get("name") != "aes-256-gcm":
        raise KeyFileError(f"{path}: damaged key file (unknown kdf or cipher)").saying(
            "damaged_kdf", path=path
        )
    organization = record.get("organization")
    if organization is not None and not isinstance(organization, str):
        raise KeyFileError(f"{path}: damaged key file (field 'organization' is wrong)").saying(
            "damaged_field", path=path, field="organization"
        )
    role = _field(record, "role", str, path) if declared != KEY_FORMAT_1 else EXPERT
    recipient = _field(record, "recipient", str, path) if declared == KEY_FORMAT else None
    if recipient is not None and not recipient.startswith("age1"):
        raise KeyFileError(f"{path}: damaged key file (the recipient is not age1…)").saying(
            "damaged_recipient", path=path
        )
    if role not in ROLES:
        raise KeyFileError(f"{path}: damaged key file (unknown role '{role}')").saying(
            "damaged_role", path=path, role=role
        )
    info = KeyInfo(
        role=role,
        expert_id=_field(record, "expert", str, path),
        name=_field(record, "name", str, path),
        organization=organization,
        public_key=_field(record, "public_key", str, path),
        created=_field(record, "created", str, path),
        path=path,
        recipient=recipient,
    )
    try:
        load_public_key(info.public_key)
        agree = record.get("fingerprint") == info.fingerprint
    except SignatureError:
        agree = False
    if not agree:
        raise KeyFileError(
            f"{path}: damaged key file (public key and fingerprint disagree)"
        ).saying("damaged_fingerprint", path=path)
    cost = ScryptCost(
        n=_field(kdf, "n", int, path), r=_field(kdf, "r", int, path), p=_field(kdf, "p", int, path)
    )
    if cost.n < 2 or cost.n & (cost.n - 1) or not 1 <= cost.r <= 64 or not 1 <= cost.p <= 16:
        raise KeyFileError(f"{path}: damaged key file (impossible scrypt parameters)").saying(
            "damaged_scrypt", path=path
        )
    if cost.memory > MAX_SCRYPT_MEMORY:
        raise KeyFileError(f"{path}: key file asks for {cost.memory >> 20} MiB; refused").saying(
            "memory", path=path, mib=cost.memory >> 20
        )
    return _Sealed(
        info=info,
        declared=declared,
        cost=cost,
        salt=_unb64(_field(kdf, "salt", str, path), "salt", path),
        nonce=_unb64(_field(cipher, "nonce", str, path), "nonce", path),
        check=_field(cipher, "check", str, path),
        ciphertext=_unb64(_field(cipher, "ciphertext", str, path), "ciphertext", path),
    )


def read_key_info(path: Path) -> KeyInfo:
    """The public part of a key file (no passphrase needed, nothing decrypted)."""
    return _read_sealed(path).info


def unlock_key(path: Path, passphrase: str) -> ExpertKey:
    """Decrypt a key file; ``WrongPassphrase`` or ``KeyFileError`` say which went wrong."""
    sealed = _read_sealed(path)
    if len(sealed.nonce) != 12 or len(sealed.salt) < 16:
        raise KeyFileError(f"{path}: damaged key file (salt or nonce has the wrong length)").saying(
            "damaged_salt", path=path
        )
    derived = _derive(passphrase, sealed.salt, sealed.cost)
    if not hmac.compare_digest(_check_value(derived), sealed.check):
        raise WrongPassphrase(
            f"{path}: wrong passphrase for the key of {sealed.info.expert_id}"
        ).saying("wrong", path=path, expert=sealed.info.expert_id)
    associated = _associated_data(sealed.info, sealed.declared)
    try:
        raw = AESGCM(derived).decrypt(sealed.nonce, sealed.ciphertext, associated)
    except InvalidTag:
        raise KeyFileError(
            f"{path}: damaged key file (the encrypted key or its owner was changed)"
        ).saying("damaged_changed", path=path) from None
    raw, identity_bytes = raw[:32], raw[32:]
    if len(raw) != 32 or bool(identity_bytes) != (sealed.declared == KEY_FORMAT):
        raise KeyFileError(f"{path}: damaged key file (private key has the wrong length)").saying(
            "damaged_length", path=path
        )
    private_key = _private_key(raw, sealed.info.public_key)
    if private_key is None:
        raise KeyFileError(
            f"{path}: damaged key file (private and public key do not match)"
        ).saying("damaged_pair", path=path)
    identity = identity_bytes.decode("ascii", "replace") if identity_bytes else None
    if identity is not None and _recipient_or_none(identity) != sealed.info.recipient:
        raise KeyFileError(
            f"{path}: damaged key file (decryption identity and recipient differ)"
        ).saying("damaged_identity", path=path)
    return ExpertKey(sealed.info, private_key, identity)


def _recipient_or_none(identity: str) -> str | None:
    try:
        return recipient_of(identity)
    except Exception:  # pyrage raises its own IdentityError or ValueError
        return None


def _private_bytes(private_key: PrivateKey) -> bytes:
    if isinstance(private_key, sm2.Sm2PrivateKey):
        return private_key.secret
    return private_key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())


def _private_key(raw: bytes, public_key: str) -> PrivateKey | None:
    """The private key of 32 raw bytes, if it is the one of ``public_key``; else None."""
    if key_algorithm(public_key) == SM2:
        public = base64.b64decode(public_key.removeprefix("sm2:"))
        try:
            return sm2.Sm2PrivateKey.from_bytes(raw, public)
        except sm2.Sm2KeyError:
            return None
    private_key = _Ed25519.from_private_bytes(raw)
    return private_key if public_key_b64(private_key.public_key()) == public_key else None


def find_key(expert_id: str, directory: Path | None = None) -> KeyInfo | None:
    """The public part of ``expert_id``'s key on this computer, or ``None`` (make one first).

    For showing the fingerprint (window, sheets) and for "made on first use"; raises
    ``KeyFileError`` if a key file exists but is damaged.
    """
    path = key_path(expert_id, directory)
    return read_key_info(path) if path.exists() else None


def open_key(expert_id: str, passphrase: str, directory: Path | None = None) -> ExpertKey:
    path = key_path(expert_id, directory)
    if not path.is_file():
        raise KeyFileError(
            f"no key for {expert_id} in {path.parent}; make one with"
            f" `expertscore key new --expert {expert_id} --name NAME`"
        ).saying(
            "no_key",
            expert=expert_id,
            folder=path.parent,
            command=f"expertscore key new --expert {expert_id} --name NAME",
        )
    return unlock_key(path, passphrase)


@dataclass(frozen=True)
class KeyListing:
    keys: list[KeyInfo]
    problems: list[str]  # one line per unreadable file


def list_keys(directory: Path | None = None) -> KeyListing:
    """Every key file in the keys folder, by id; unreadable ones are listed as problems."""
    folder = directory or keys_dir()
    keys: list[KeyInfo] = []
    problems: list[str] = []
    for path in sorted(folder.glob(f"*{KEY_SUFFIX}")) if folder.is_dir() else []:
        try:
            keys.append(read_key_info(path))
        except KeyFileError as exc:
            problems.append(str(exc))
    return KeyListing(keys, problems)
