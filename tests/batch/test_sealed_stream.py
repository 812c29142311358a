"""An encrypted package imported in one pass: decrypted once straight into the session, no
clear copy written, and refused whole (no session, nothing left) for anything a plain
package would be refused for, or for a zip whose directory and entries disagree."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from expertscore.batch.package import open_package
from expertscore.batch.sealed_package import seal_package
from expertscore.batch.sealed_stream import open_for_import
from expertscore.crypto import sealed
from expertscore.errors import PackageError
from expertscore.evidence.packaged import text_of_package
from expertscore.identity.keys import data_dir
from expertscore.storage.cipher import SessionKey, driver
from expertscore.storage.importer import create_session
from expertscore.storage.session import SessionFile
from tests.factories import example_builder, rewrite_package


@pytest.fixture
def identity() -> str:
    identity = sealed.new_identity()
    sealed.unlock(identity, "E01")
    return identity


def signed_plain(path: Path, with_text: bool = False) -> Path:
    builder = example_builder(submissions=3)
    key = Ed25519PrivateKey.generate()
    builder.write(path, signer=(key, "组织方"))
    if with_text:
        builder.evidence_text = text_of_package(open_package(path))
        builder.write(path, signer=(key, "组织方"))
    return path


def seal(plain: Path, identity: str) -> Path:
    return seal_package(plain, plain.with_name("sealed.esbatch"), [sealed.recipient_of(identity)])


def rows(path: Path, query: str) -> list[tuple]:
    with SessionFile(path) as session, session.engine.connect() as connection:
        return [tuple(row) for row in connection.exec_driver_sql(query)]


def no_clear_copy() -> bool:
    folder = data_dir() / "decrypting"
    return not folder.exists() or not any(folder.rglob("*.zip"))


@pytest.mark.parametrize("with_text", [False, True])
def test_one_pass_import_equals_the_plain_import(tmp_path, identity, with_text):
    plain = signed_plain(tmp_path / "plain.esbatch", with_text)
    package = seal(plain, identity)
    opened = open_for_import(package)
    assert (opened.streamed, opened.encrypted, opened.path) == (True, True, package)
    assert opened.signature is not None  # checked before any evidence is read
    key = SessionKey.new("session passphrase")
    secret = create_session(opened, "E01", tmp_path / "secret.esession", key=key)
    clear = create_session(plain, "E01", tmp_path / "clear.esession")
    assert no_clear_copy()
    for query in (
        "SELECT sha256, size, data FROM evidence_blob ORDER BY sha256",
        "SELECT * FROM evidence ORDER BY id",
        "SELECT sha256, page, state, chars FROM evidence_page ORDER BY sha256, page",
    ):
        assert rows(secret, query) == rows(clear, query)
    pages = rows(secret, "SELECT count(*) FROM evidence_page")[0][0]
    assert (pages > 0) == with_text
    with SessionFile(secret) as one, SessionFile(clear) as other:
        assert one.content_snapshot() == other.content_snapshot()


def entries_changed(plain: Path, target: Path, change) -> Path:
    def transform(entries):
        return [(info, change(info.filename, data)) for info, data in entries]

    return rewrite_package(plain, target, transform)


def refused(tmp_path: Path, package: Path, expected: str) -> None:
    out = tmp_path / "out.esession"
    with pytest.raises(PackageError) as info:
        create_session(open_for_import(package), "E01", out)
    assert expected in str(info.value)
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if "importing" in p.name] == []
    assert no_clear_copy()


def test_an_altered_evidence_member_is_refused_and_nothing_is_kept(tmp_path, identity):
    plain = signed_plain(tmp_path / "plain.esbatch")

    def flip(name: str, data: bytes) -> bytes:
        return data[:-1] + bytes([data[-1] ^ 1]) if name.startswith("evidence/") else data

    package = seal(entries_changed(plain, tmp_path / "bad.esbatch", flip), identity)
    refused(tmp_path, package, "does not match its SHA-256")


def test_a_directory_that_disagrees_with_an_entry_is_refused(tmp_path, identity):
    plain = signed_plain(tmp_path / "plain.esbatch")
    data = bytearray(plain.read_bytes())
    central = data.index(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 16, 0xDEADBEEF)  # the first entry's CRC
    plain.write_bytes(bytes(data))
    refused(tmp_path, seal(plain, identity), "directory and its local header disagree")


def test_a_package_swapped_after_it_was_opened_is_refused(tmp_path, identity):
    package = seal(signed_plain(tmp_path / "plain.esbatch"), identity)
    opened = open_for_import(package)
    other = signed_plain(tmp_path / "other.esbatch")  # another signer, same content
    seal_package(other, package, [sealed.recipient_of(identity)])
    out = tmp_path / "out.esession"
    with pytest.raises(PackageError, match="changed since it was opened"):
        create_session(opened, "E01", out)
    assert not out.exists()


def test_a_cut_package_is_refused_and_nothing_is_kept(tmp_path, identity):
    package = seal(signed_plain(tmp_path / "plain.esbatch"), identity)
    opened = open_for_import(package)
    package.write_bytes(package.read_bytes()[:-1000])
    out = tmp_path / "out.esession"
    with pytest.raises(sealed.SealedDamaged):
        create_session(opened, "E01", out)
    assert not out.exists() and no_clear_copy()


def test_a_package_with_its_manifest_last_is_read_the_seeking_way(tmp_path, identity):
    plain = signed_plain(tmp_path / "plain.esbatch")
    reordered = rewrite_package(
        plain, tmp_path / "late.esbatch", lambda entries: list(reversed(entries))
    )
    package = seal(reordered, identity)
    opened = open_for_import(package)
    assert (opened.streamed, opened.encrypted) == (False, True)
    out = create_session(opened, "E01", tmp_path / "late.esession")
    raw = driver.connect(out)
    try:
        assert raw.execute("SELECT count(*) FROM evidence_blob").fetchone() == (4,)
    finally:
        raw.close()


def test_a_manifest_changed_after_signing_is_refused_before_any_evidence(tmp_path, identity):
    plain = signed_plain(tmp_path / "plain.esbatch")

    def retitle(name: str, data: bytes) -> bytes:
        return (
            data.replace("测试批次".encode(), "篡改批次".encode())
            if name == "manifest.json"
            else data
        )

    package = seal(entries_changed(plain, tmp_path / "bad.esbatch", retitle), identity)
    with pytest.raises(PackageError, match="organizer signature does not verify"):
        open_for_import(package)
    assert no_clear_copy()
