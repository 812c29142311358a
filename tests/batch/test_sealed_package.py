"""The clear copy of an encrypted package: owner-only, one per process, made once per run,
removed on release, and copies left by a killed run removed by the next one."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from expertscore.batch.package import open_package
from expertscore.batch.sealed_package import decrypted_copy, release, seal_package
from expertscore.crypto import sealed
from expertscore.identity.keys import data_dir
from tests.factories import write_example_package


def test_the_clear_copy_is_private_reused_and_released(tmp_path: Path):
    plain = write_example_package(tmp_path / "plain.esbatch")
    identity = sealed.new_identity()
    package = seal_package(plain, tmp_path / "sealed.esbatch", [sealed.recipient_of(identity)])
    sealed.unlock(identity, "E01")
    copy = decrypted_copy(package)
    assert copy.parent == data_dir() / "decrypting" / str(os.getpid())
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert stat.S_IMODE(copy.parent.stat().st_mode) == 0o700
    assert copy.read_bytes() == plain.read_bytes()
    opened = open_package(package)
    assert (opened.path, opened.encrypted, opened.sealed_path) == (copy, True, package)
    release(package)
    assert not copy.exists() and not copy.parent.exists()


def test_copies_of_a_killed_run_go_and_a_running_ones_stay(tmp_path: Path):
    folder = data_dir() / "decrypting"
    dead = folder / "999999999"  # no such process
    alive = folder / str(os.getppid())
    for left in (dead, alive):
        left.mkdir(parents=True)
        (left / "old.zip").write_bytes(b"PK clear")
    plain = write_example_package(tmp_path / "plain.esbatch")
    identity = sealed.new_identity()
    package = seal_package(plain, tmp_path / "sealed.esbatch", [sealed.recipient_of(identity)])
    sealed.unlock(identity, "E01")
    decrypted_copy(package)
    assert not dead.exists()
    assert (alive / "old.zip").exists()
    release(package)
