"""The organizer's detached signature over ``manifest.json`` (entry ``manifest.sig``).

``manifest.sig`` is a small JSON object; the signature covers the exact bytes of
``manifest.json`` under DSSE's pre-authentication encoding with the payload type
``ORGANIZER_PAYLOAD``, with the batch's algorithm (and SM2 signer id). The manifest
names the scheme's and every evidence file's SHA-256, so the signature covers the whole
package.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from expertscore.crypto.dsse import PrivateKey, fingerprint, public_key_b64, sign
from expertscore.errors import PackageError
from expertscore.wording.validation import validation_reason

ORGANIZER_PAYLOAD = "application/vnd.expertscore.batch-manifest+json"
SIGNATURE_FORMAT = "expertscore-batch-sig/1"


class ManifestSignature(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    format: str = Field(pattern=r"^expertscore-batch-sig/1$")
    payload_type: str = Field(pattern=r"^application/vnd\.expertscore\.batch-manifest\+json$")
    signer: str = Field(min_length=1)
    public_key: str
    sig: str

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)


def make_signature(
    private_key: PrivateKey, signer: str, manifest_bytes: bytes, signer_id: str | None = None
) -> bytes:
    record = {
        "format": SIGNATURE_FORMAT,
        "payload_type": ORGANIZER_PAYLOAD,
        "signer": signer,
        "public_key": public_key_b64(private_key.public_key()),
        "sig": sign(private_key, ORGANIZER_PAYLOAD, manifest_bytes, signer_id),
    }
    return json.dumps(record, ensure_ascii=False, indent=2).encode("utf-8")


def read_signature(source: str | Path, data: bytes) -> ManifestSignature:
    try:
        return ManifestSignature.model_validate_json(data)
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        where = ".".join(str(part) for part in error["loc"]) or "(top)"
        raise PackageError(source, f"manifest.sig {where}: {error['msg']}").saying(
            "manifest_field", name="manifest.sig", where=where, reason=validation_reason(error)
        ) from None
