"""SM2/SM3 through GmSSL, checked against published values and a second implementation."""

from __future__ import annotations

import base64
import hashlib

import pytest
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from gmssl import sm2 as gm_sm2
from hypothesis import given, settings
from hypothesis import strategies as st

from expertscore.crypto import dsse, sm2
from expertscore.identity.keycard import card_bytes, make_card, parse_card
from expertscore.identity.keys import (
    KeyFileError,
    ScryptCost,
    create_key,
    read_key_info,
    unlock_key,
)
from tests.crypto.gmssl_check import gmssl_sign, gmssl_verifies, sm3_hex

CHEAP = ScryptCost(n=2**10)

# GB/T 32905-2016 (SM3), example 1: "abc".
SM3_ABC = "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"

# The published SM2 signature example over the recommended curve (GM/T 0003 / GB/T 32918
# with the curve of GB/T 32918.5; the same numbers are in GmSSL's and OpenSSL's SM2 tests):
# message "message digest", signer id 1234567812345678, random k = 59276E27…BC21.
PUBLISHED_X = "09F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020"
PUBLISHED_Y = "CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13"
PUBLISHED_D = "3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8"
PUBLISHED_K = "59276E27D506861A16680F3AD9C02DCCEF3CC1FA3CDBE4CE6D54B80DEAC1BC21"
PUBLISHED_R = "F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3"
PUBLISHED_S = "B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA"
PUBLISHED_MESSAGE = b"message digest"


def published_der() -> bytes:
    return encode_dss_signature(int(PUBLISHED_R, 16), int(PUBLISHED_S, 16))


def test_sm3_gives_the_published_digest_of_abc_in_both_implementations():
    assert sm2.sm3(b"abc").hex() == SM3_ABC
    assert sm3_hex(b"abc") == SM3_ABC


def test_our_code_verifies_the_published_signature_and_refuses_it_changed():
    key = sm2.Sm2PublicKey(bytes.fromhex(PUBLISHED_X + PUBLISHED_Y))
    assert key.verify(published_der(), PUBLISHED_MESSAGE)
    assert not key.verify(published_der(), b"message digesT")
    assert not key.verify(published_der(), PUBLISHED_MESSAGE, "1234567812345679")
    other_s = encode_dss_signature(int(PUBLISHED_R, 16), int(PUBLISHED_S, 16) ^ 1)
    assert not key.verify(other_s, PUBLISHED_MESSAGE)


def test_the_second_implementation_makes_the_published_signature_from_its_k():
    """gmssl, given the published private key and k, computes exactly the published r, s."""
    crypt = gm_sm2.CryptSM2(private_key=PUBLISHED_D, public_key=PUBLISHED_X + PUBLISHED_Y)
    made = crypt.sign_with_sm3(PUBLISHED_MESSAGE, PUBLISHED_K)
    assert made.upper() == PUBLISHED_R + PUBLISHED_S
    # And the published private key with our code signs what both accept.
    ours = sm2.Sm2PrivateKey.from_bytes(
        bytes.fromhex(PUBLISHED_D), bytes.fromhex(PUBLISHED_X + PUBLISHED_Y)
    )
    signature = ours.sign(PUBLISHED_MESSAGE)
    assert crypt.verify_with_sm3(signature_r_s(signature), PUBLISHED_MESSAGE)


def signature_r_s(der: bytes) -> str:
    """DER ``SEQUENCE {r, s}`` as gmssl's r || s hex (64 + 64 digits)."""
    from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

    r, s = decode_dss_signature(der)
    return f"{r:064x}{s:064x}"


@settings(max_examples=25, deadline=None)
@given(body=st.binary(max_size=300), signer_id=st.sampled_from(["1234567812345678", "LN-GOV-01"]))
def test_each_implementation_accepts_the_others_signatures(body, signer_id):
    key = sm2.Sm2PrivateKey.generate()
    public = dsse.public_key_b64(key.public_key())
    ours = dsse.sign(key, "application/x-test", body, signer_id)
    assert gmssl_verifies(public, "application/x-test", body, ours, signer_id)
    assert not gmssl_verifies(public, "application/x-test", body + b"!", ours, signer_id)
    theirs = gmssl_sign(key.secret, key.public, "application/x-test", body, signer_id)
    dsse.verify(public, "application/x-test", body, theirs, signer_id)
    with pytest.raises(dsse.SignatureError):
        dsse.verify(public, "application/x-other", body, theirs, signer_id)


def test_keys_are_written_sm2_colon_base64_of_64_bytes_with_an_sm3_fingerprint():
    key = sm2.Sm2PrivateKey.generate()
    text = dsse.public_key_b64(key.public_key())
    raw = base64.b64decode(text.removeprefix("sm2:"))
    assert text.startswith("sm2:") and raw == key.public and len(raw) == 64
    digest = sm3_hex(raw)[:16]
    assert dsse.fingerprint(text) == "-".join(digest[i : i + 4] for i in range(0, 16, 4))
    assert dsse.key_algorithm(text) == "sm2"
    assert isinstance(dsse.load_public_key(text), sm2.Sm2PublicKey)
    signature = base64.b64decode(dsse.sign(key, "t", b"x"))
    assert signature[0] == 0x30 and 68 <= len(signature) <= 72  # DER SEQUENCE of r, s


def test_the_ed25519_fingerprint_is_as_it_was():
    text = "Kebzpb3BYsLTQ9A+tmq706jjD978RvXaJulxXk6tRQU="  # docs/formats.md's E01 key
    assert dsse.fingerprint(text) == "d2fa-ccb3-7e77-8c1a"
    digest = hashlib.sha256(base64.b64decode(text)).hexdigest()[:16]
    assert dsse.fingerprint(text).replace("-", "") == digest
    assert dsse.key_algorithm(text) == "ed25519"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("sm2:" + base64.b64encode(b"\x01" * 64).decode(), "not a point of the SM2 curve"),
        ("sm2:" + base64.b64encode(b"\x01" * 32).decode(), "has 32 bytes, an SM2 key has 64"),
        ("sm2:not base64!", "not valid base64"),
    ],
)
def test_a_public_key_that_is_not_an_sm2_point_is_refused(text, reason):
    with pytest.raises(dsse.SignatureError, match=reason):
        dsse.load_public_key(text)


def test_an_sm2_signature_that_is_not_der_does_not_verify():
    key = sm2.Sm2PrivateKey.generate()
    public = dsse.public_key_b64(key.public_key())
    raw = base64.b64decode(dsse.sign(key, "t", b"x"))
    for bad in (raw[:-1], b"\x00" * 64, raw + b"\x00"):
        with pytest.raises(dsse.SignatureError, match="does not match"):
            dsse.verify(public, "t", b"x", base64.b64encode(bad).decode())


def test_an_sm2_key_file_is_encrypted_like_an_ed25519_one_and_opens_again(tmp_path):
    key = create_key("E01", "张伟", "passphrase 2026", directory=tmp_path, cost=CHEAP,
                     algorithm="sm2")  # fmt: skip
    path = tmp_path / "E01.eskey"
    record = path.read_text(encoding="utf-8")
    assert '"public_key": "sm2:' in record and '"name": "aes-256-gcm"' in record
    assert '"name": "scrypt"' in record
    info = read_key_info(path)
    assert info.algorithm == "sm2" and info.fingerprint == key.info.fingerprint
    opened = unlock_key(path, "passphrase 2026")
    assert opened.private_key == key.private_key
    dsse.verify(info.public_key, "t", b"x", opened.sign("t", b"x"))
    assert gmssl_verifies(info.public_key, "t", b"x", opened.sign("t", b"x"))


def test_an_sm2_key_file_with_another_public_key_is_refused_as_damaged(tmp_path):
    create_key("E01", "张伟", "passphrase 2026", directory=tmp_path, cost=CHEAP, algorithm="sm2")
    path = tmp_path / "E01.eskey"
    other = dsse.public_key_b64(sm2.Sm2PrivateKey.generate().public_key())
    text = path.read_text(encoding="utf-8")
    original = read_key_info(path).public_key
    text = text.replace(original, other).replace(
        dsse.fingerprint(original), dsse.fingerprint(other)
    )
    path.write_text(text, encoding="utf-8")
    with pytest.raises(KeyFileError, match="damaged key file"):
        unlock_key(path, "passphrase 2026")


def test_an_sm2_key_card_carries_its_self_signature_that_gmssl_verifies(tmp_path):
    key = create_key("E01", "张伟", "passphrase 2026", "示例大学", directory=tmp_path,
                     cost=CHEAP, algorithm="sm2")  # fmt: skip
    card = make_card(key, "2026-12-07T10:00:00+08:00")
    read = parse_card(card_bytes(card), "E01.eskeycard")
    assert read.algorithm == "sm2" and read.fingerprint == key.info.fingerprint
    from expertscore.identity.keycard import KEYCARD_PAYLOAD, statement

    body = statement(
        "E01", "张伟", "示例大学", key.info.public_key, card.created, "expert", card.recipient
    )
    assert card.recipient is not None and body.endswith(f"recipient: {card.recipient}\n".encode())
    assert gmssl_verifies(key.info.public_key, KEYCARD_PAYLOAD, body, card.sig)
