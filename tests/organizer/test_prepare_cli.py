"""The organizer's round, through the command line: key cards -> roster -> signed package."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from expertscore.batch.package import open_package
from expertscore.demo.batch import make_demo_batch
from expertscore.errors import PackageError
from expertscore.storage.importer import create_session
from expertscore.storage.session import SessionFile
from tests.factories import edit_manifest

EXE = Path(sys.executable).with_name("expertscore")
PASSPHRASE = "organizer passphrase 2025"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "EXPERTSCORE_DATA_DIR": str(tmp_path / "data"),
        "EXPERTSCORE_PASSPHRASE": PASSPHRASE,
    }


def run(env, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(EXE), *args], capture_output=True, text=True, timeout=300, env=env)


def make_cards(env, tmp_path: Path, count: int) -> list[Path]:
    cards = []
    for number in range(1, count + 1):
        expert = f"X{number:02d}"
        result = run(
            env,
            "key",
            "new",
            "--expert",
            expert,
            "--name",
            f"专家{number}",
            "--organization",
            f"大学{number}",
        )
        assert result.returncode == 0, result.stderr
        card = tmp_path / f"{expert}.eskeycard"
        result = run(env, "key", "export-card", "--expert", expert, "--out", str(card))
        assert result.returncode == 0, result.stderr
        cards.append(card)
    return cards


def test_round_from_key_cards_to_a_signed_package_experts_accept(env, tmp_path):
    source = tmp_path / "authority.esbatch"
    make_demo_batch("qingdao-maturity", submissions=6, experts=3, seed=4, out=source)
    cards = make_cards(env, tmp_path, 7)
    roster = tmp_path / "roster.json"
    for number, card in enumerate(cards, start=1):
        role = "财务" if number <= 3 else "技术"
        extra = ["--conflict", "S002"] if number == 4 else []
        result = run(
            env, "roster", "add", str(card), "--roster", str(roster), "--role", role, *extra
        )
        assert result.returncode == 0, result.stderr
    again = run(env, "roster", "add", str(cards[0]), "--roster", str(roster))
    assert again.returncode == 2
    assert "X01 is already on the roster" in again.stderr
    result = run(
        env, "key", "new", "--expert", "ORG", "--name", "青岛市工信局评审处", "--role", "organizer"
    )
    assert result.returncode == 0, result.stderr
    out = tmp_path / "round.esbatch"
    result = run(
        env,
        "batch",
        "prepare",
        "--from",
        str(source),
        "--roster",
        str(roster),
        "--experts-per-submission",
        "3",
        "--split",
        "G=财务",
        "--set",
        "grade:featured:L3=88",
        "--set-by",
        "评审处",
        "--sign-as",
        "ORG",
        "--out",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    assert "signed by 青岛市工信局评审处" in result.stdout
    opened = open_package(out)
    assert opened.signature.signer == "青岛市工信局评审处"
    authority = open_package(source).manifest.batch
    assert opened.manifest.batch.organizer == authority.organizer  # never the key's owner
    assert opened.manifest.batch.id.startswith(f"{authority.id}-R")
    assert opened.scheme.grade_scale("featured").levels[2].min.note == "set by 评审处"
    assert all(e.public_key for e in opened.manifest.roster)
    pairs = {(a.expert, a.submission) for a in opened.manifest.assignments}
    assert ("X04", "S002") not in pairs
    for assignment in opened.manifest.assignments:
        if assignment.expert in ("X01", "X02", "X03"):
            assert assignment.indicators == ["G"]
        else:
            assert assignment.indicators == ["C", "F", "P"]
    with SessionFile(create_session(out, "X05", tmp_path / "x05.esession")) as session:
        assert session.info.organizer_key == opened.signature.public_key


def test_values_that_do_not_add_up_are_refused_with_the_place(env, tmp_path):
    source = tmp_path / "authority.esbatch"
    make_demo_batch("national-crossindustry-2023", submissions=2, experts=3, seed=4, out=source)
    roster = tmp_path / "roster.json"
    for card in make_cards(env, tmp_path, 3):
        assert run(env, "roster", "add", str(card), "--roster", str(roster)).returncode == 0
    out = tmp_path / "round.esbatch"
    result = run(
        env,
        "batch",
        "prepare",
        "--from",
        str(source),
        "--roster",
        str(roster),
        "--experts-per-submission",
        "3",
        "--set",
        "weight:1.1=9",
        "--out",
        str(out),
    )
    assert result.returncode == 2
    assert result.stderr.strip().endswith(
        "organizer_values: organizer-set values: indicator 1: children's weights sum to 29%, expected 25%"
    )
    assert not out.exists()


def test_a_package_changed_after_signing_is_refused_on_open(env, tmp_path):
    source = tmp_path / "authority.esbatch"
    make_demo_batch("qingdao-maturity", submissions=2, experts=3, seed=4, out=source)
    roster = tmp_path / "roster.json"
    for card in make_cards(env, tmp_path, 3):
        assert run(env, "roster", "add", str(card), "--roster", str(roster)).returncode == 0
    assert (
        run(
            env, "key", "new", "--expert", "ORG", "--name", "组织方", "--role", "organizer"
        ).returncode
        == 0
    )
    out = tmp_path / "round.esbatch"
    result = run(
        env,
        "batch",
        "prepare",
        "--from",
        str(source),
        "--roster",
        str(roster),
        "--experts-per-submission",
        "3",
        "--sign-as",
        "ORG",
        "--out",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    changed = edit_manifest(
        out, tmp_path / "changed.esbatch", lambda m: m["roster"][0].update(name="冒名")
    )
    with pytest.raises(PackageError, match="the package was changed after signing"):
        create_session(changed, "X01", tmp_path / "x.esession")
    assert json.loads((tmp_path / "roster.json").read_text())["format"] == "expertscore-roster/2"


def test_a_roster_key_cannot_sign_and_short_submissions_print_their_ways_out(env, tmp_path):
    source = tmp_path / "authority.esbatch"
    make_demo_batch("qingdao-maturity", submissions=3, experts=3, seed=4, out=source)
    roster = tmp_path / "roster.json"
    for number, card in enumerate(make_cards(env, tmp_path, 3), start=1):
        extra = ["--conflict", "S002"] if number == 2 else []
        assert run(env, "roster", "add", str(card), "--roster", str(roster), *extra).returncode == 0
    out = tmp_path / "round.esbatch"
    base = ["batch", "prepare", "--from", str(source), "--roster", str(roster)]
    base += ["--experts-per-submission", "3", "--out", str(out)]
    signed_by_expert = run(env, *base, "--sign-as", "X01")
    assert signed_by_expert.returncode == 2
    assert signed_by_expert.stderr.strip().startswith("error: the key ")
    assert "belongs to X01, who is on the roster" in signed_by_expert.stderr
    assert len(signed_by_expert.stderr.strip().splitlines()) == 1
    assert not out.exists()

    organizer = ["key", "new", "--expert", "ORG", "--name", "青岛市工信局", "--role", "organizer"]
    made = run(env, *organizer)
    assert made.returncode == 0 and "(organizer)" in made.stdout
    short = run(env, *base, "--sign-as", "ORG")
    assert short.returncode == 2
    assert short.stderr.splitlines()[:4] == [
        "cannot assign S002: 2 of the panel free of conflicts, 3 needed; ways out:",
        "  - add an expert: roster add CARD --roster ROSTER",
        "  - review the conflict of X02 (本人申报的利益冲突)",
        "error: submission S002: only 2 experts of the panel are free of conflicts, 3 needed",
    ]
    assert not out.exists()

    done = run(env, *base, "--sign-as", "ORG", "--experts-for", "S002=2")
    assert done.returncode == 2  # the policy needs 3 experts: S002 at 2 is refused by coverage
    assert "the aggregation policy needs 3" in done.stderr


def test_batch_prepare_refuses_a_key_that_is_not_an_organizers(env, tmp_path):
    """A key off the roster still needs the organizer's role: an expert's or the chair's
    key is refused with its role, and nothing is written."""
    source = tmp_path / "authority.esbatch"
    make_demo_batch("qingdao-maturity", submissions=2, experts=3, seed=4, out=source)
    roster = tmp_path / "roster.json"
    for card in make_cards(env, tmp_path, 3):
        assert run(env, "roster", "add", str(card), "--roster", str(roster)).returncode == 0
    for signer, role in (("HELPER", "expert"), ("CHAIR", "chair")):
        made = run(env, "key", "new", "--expert", signer, "--name", "某人", "--role", role)
        assert made.returncode == 0, made.stderr
        out = tmp_path / f"{signer}.esbatch"
        result = run(env, "batch", "prepare", "--from", str(source), "--roster", str(roster),
                     "--experts-per-submission", "3", "--sign-as", signer, "--out", str(out))  # fmt: skip
        assert result.returncode == 2 and not out.exists()
        owner = "an expert's key" if role == "expert" else "the chair's key"
        assert f"of {signer} is {owner};" in result.stderr
        assert "the batch package is signed with the organizer's key" in result.stderr
