"""Encrypted session files: nothing in clear on disk, the passphrase or nothing, the rest
of the program unchanged above them."""

from __future__ import annotations

import hashlib
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
import sqlcipher3.dbapi2 as sqlcipher

from expertscore.scoring.modes import Entry
from expertscore.scoring.service import ScoringService
from expertscore.storage import cipher, passphrase_source
from expertscore.storage.cipher import PassphraseNeeded, SessionKey, WrongSessionPassphrase
from expertscore.storage.importer import create_session
from expertscore.storage.session import SessionFile
from tests.factories import PDF_BYTES, example_builder

PASSPHRASE = "correct horse 电池"

# What an operator handed in confidence, as it would appear in a plain file (UTF-8).
SECRETS = [
    "测试平台1",
    "测试科技有限公司2",
    "面向装备制造的预测性维护方案",
    "国家级试点示范",
    "某企业设备联网",
    "曾任该公司顾问",
    "审计报告",
    "TEST-1",
]


@pytest.fixture
def package(tmp_path: Path) -> Path:
    path = tmp_path / "batch.esbatch"
    example_builder(submissions=3).write(path)
    return path


@pytest.fixture
def encrypted(package: Path, tmp_path: Path) -> Path:
    out = create_session(package, "E01", tmp_path / "e01.esession", key=SessionKey.new(PASSPHRASE))
    cipher.forget(out)  # as in a new process: the key is not known yet
    return out


def session_files(session: Path) -> bytes:
    """Every byte of the session file, its WAL and its shared memory, as on disk now."""
    names = [session.name, session.name + "-wal", session.name + "-shm"]
    found = [session.with_name(name) for name in names if session.with_name(name).is_file()]
    return b"".join(path.read_bytes() for path in found)


def test_no_submission_text_is_in_the_files(encrypted: Path) -> None:
    cipher.unlock(encrypted, PASSPHRASE)
    with SessionFile(encrypted) as session:
        scoring = ScoringService(session)
        scoring.set_entry("S001", "1.1", Entry(points=Decimal(1)))
        scoring.set_comment("S001", "1.1", "审计数字与年报一致")
        wal = encrypted.with_name(encrypted.name + "-wal")
        assert wal.is_file() and wal.stat().st_size > 0  # the edits are in the WAL now
        while_open = session_files(encrypted)
    closed = session_files(encrypted)
    for data in (while_open, closed):
        for text in [*SECRETS, "审计数字与年报一致"]:
            assert text.encode("utf-8") not in data, text
        assert PDF_BYTES[:40] not in data
        assert b"SQLite format 3" not in data


def test_the_standard_sqlite3_module_cannot_read_it(encrypted: Path) -> None:
    raw = sqlite3.connect(encrypted)
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        raw.execute("SELECT count(*) FROM submission").fetchone()
    raw.close()


def test_opens_with_the_passphrase_and_reads_as_a_plain_one(encrypted: Path, package) -> None:
    plain = create_session(package, "E01", encrypted.with_name("plain.esession"))
    cipher.unlock(encrypted, PASSPHRASE)
    with SessionFile(encrypted) as session, SessionFile(plain) as clear:
        assert session.encrypted and not clear.encrypted
        assert session.content_snapshot() == clear.content_snapshot()
        sha = hashlib.sha256(PDF_BYTES + b"S001").hexdigest()
        assert session.evidence_bytes(sha) == PDF_BYTES + b"S001"


def test_a_third_party_opens_it_with_sqlciphers_own_passphrase_pragma(encrypted: Path) -> None:
    # What docs/formats.md tells: the sqlcipher shell's PRAGMA key with the passphrase.
    raw = sqlcipher.connect(str(encrypted))
    raw.execute(f"PRAGMA key = '{PASSPHRASE}'")
    raw.execute("PRAGMA cipher_page_size = 65536")
    raw.execute("PRAGMA cipher_hmac_algorithm = HMAC_SHA256")
    rows = raw.execute("SELECT platform FROM submission ORDER BY position").fetchall()
    raw.close()
    assert rows == [("测试平台1",), ("测试平台2",), ("测试平台3",)]


def test_no_passphrase_is_one_typed_error(encrypted: Path) -> None:
    with pytest.raises(PassphraseNeeded) as raised:
        SessionFile(encrypted)
    assert raised.value.path == encrypted
    assert "\n" not in str(raised.value)


def test_wrong_passphrase_is_refused_and_writes_nothing(encrypted: Path) -> None:
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in encrypted.parent.iterdir()}
    with pytest.raises(WrongSessionPassphrase) as raised:
        cipher.unlock(encrypted, "not the passphrase")
    assert raised.value.path == encrypted
    with pytest.raises(WrongSessionPassphrase):
        SessionFile(encrypted, SessionKey.for_file(encrypted, "also wrong"))
    after = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in encrypted.parent.iterdir()}
    assert after == before
    assert not cipher.is_unlocked(encrypted)


def test_the_passphrase_source_is_asked_once(encrypted: Path, monkeypatch) -> None:
    asked: list[Path] = []

    def source(path: Path) -> str:
        asked.append(path)
        return PASSPHRASE

    monkeypatch.setattr(passphrase_source, "source", source)
    with SessionFile(encrypted) as session:
        assert session.summary().expert_id == "E01"
    with SessionFile(encrypted):
        pass
    assert asked == [encrypted]
    cipher.forget(encrypted)
    with pytest.raises(PassphraseNeeded):
        monkeypatch.setattr(passphrase_source, "source", None)
        SessionFile(encrypted)


def test_text_that_is_no_session_is_not_taken_for_an_encrypted_one(tmp_path: Path) -> None:
    notes = tmp_path / "notes.esession"
    notes.write_text("just some text that is longer than sixteen bytes")
    assert not cipher.is_encrypted(notes)


def test_a_new_session_passphrase_under_eight_characters_is_refused_by_the_core(
    tmp_path: Path,
) -> None:
    with pytest.raises(cipher.PassphraseTooShort) as raised:
        cipher.SessionKey.new("seven77")
    assert (raised.value.length, raised.value.minimum) == (7, cipher.MIN_SESSION_PASSPHRASE)
    assert len(cipher.SessionKey.new("eight888").key) == cipher.KEY_BYTES
