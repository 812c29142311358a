"""``batch prepare --index``: the signed package carries every evidence page's text, and an
expert's session takes it instead of extracting (the same matches as extracting)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from expertscore.batch.package import open_package
from expertscore.demo.batch import make_demo_batch
from expertscore.evidence.index import build_index, files_left
from expertscore.evidence.search import search_text
from expertscore.storage.importer import create_session
from expertscore.storage.session import SessionFile
from tests.organizer.test_prepare_cli import PASSPHRASE, make_cards, run


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "EXPERTSCORE_DATA_DIR": str(tmp_path / "data"),
        "EXPERTSCORE_PASSPHRASE": PASSPHRASE,
    }


def test_a_signed_round_carries_the_page_texts_sessions_take(env, tmp_path):
    source = tmp_path / "authority.esbatch"
    make_demo_batch("qingdao-maturity", submissions=3, experts=3, seed=4, out=source)
    roster = tmp_path / "roster.json"
    for card in make_cards(env, tmp_path, 3):
        assert run(env, "roster", "add", str(card), "--roster", str(roster)).returncode == 0
    assert (
        run(
            env, "key", "new", "--expert", "ORG", "--name", "评审处", "--role", "organizer"
        ).returncode
        == 0
    )
    out = tmp_path / "round.esbatch"
    args = ["batch", "prepare", "--from", str(source), "--roster", str(roster)]
    args += ["--experts-per-submission", "3", "--sign-as", "ORG", "--index", "--out", str(out)]
    result = run(env, *args)
    assert result.returncode == 0, result.stderr
    opened = open_package(out)
    assert opened.signature is not None  # the signature covers the texts' digest
    assert opened.manifest.evidence_text is not None
    taken = create_session(out, "X01", tmp_path / "taken.esession")
    plain = create_session(source, "E01", tmp_path / "plain.esession")
    build_index(plain)
    with SessionFile(taken) as session, SessionFile(plain) as built:
        assert files_left(session) == 0
        for text in ("2024", "平台"):
            ours = [
                (h.submission_id, h.title, h.page, h.snippet) for h in search_text(session, text)
            ]
            theirs = [
                (h.submission_id, h.title, h.page, h.snippet) for h in search_text(built, text)
            ]
            assert ours and ours == theirs
