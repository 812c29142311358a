"""``chair export --encrypt-to AUTHORITY --encrypt-all``: the workbook and the PDF report are
encrypted to the authority like the panel file; the standard ``age`` tool decrypts them with
the authority's identity to the very workbook and report a plain export writes, and a key
they are not encrypted to is refused in one line."""

from __future__ import annotations

import subprocess
from datetime import datetime
from pathlib import Path

import pytest

from expertscore.chair.outputs import REPORT, WORKBOOK, export_all
from expertscore.chair.panel_outcome import outcome_of
from expertscore.chair.run import ChairRun
from expertscore.crypto import sealed
from expertscore.identity.keys import ScryptCost, create_key
from tests.chair.chair_case import Case, cells, cli, pdf_text

PASSPHRASE = "chair passphrase 2026"


def age_decrypt(identity: str, source: Path, target: Path) -> subprocess.CompletedProcess[str]:
    key_file = target.with_suffix(".agekey")
    key_file.write_text(f"{identity}\n", "utf-8")
    return subprocess.run(
        ["age", "-d", "-i", str(key_file), "-o", str(target), str(source)],
        capture_output=True,
        text=True,
    )


def test_the_workbook_and_report_go_encrypted_to_the_authority(merged_case: Case, tmp_path):
    case = merged_case
    create_key("CHAIR", "王组长", PASSPHRASE, cost=ScryptCost(n=2**12), role="chair")
    authority, stranger = sealed.new_identity(), sealed.new_identity()
    recipients = tmp_path / "authority.txt"
    recipients.write_text(f"# the authority\n{sealed.recipient_of(authority)}\n", "utf-8")
    out = tmp_path / "out"
    done = cli("chair", "export", "--batch", str(case.package), "--dir", str(case.merge),
               "--out", str(out), "--sign-as", "CHAIR", "--encrypt-to", str(recipients),
               "--encrypt-all", env={"EXPERTSCORE_PASSPHRASE": PASSPHRASE})  # fmt: skip
    assert done.returncode == 0, done.stderr
    written = sorted(out.iterdir())
    assert sorted(p.suffix for p in written) == [".espanel", ".pdf", ".xlsx"]  # nothing else
    assert all(p.read_bytes().startswith(sealed.AGE_MAGIC) for p in written)

    outcome = outcome_of(ChairRun.open(case.package, case.merge))
    batch = outcome.package.manifest.batch.id
    workbook, report = out / f"{batch}-results.xlsx", out / f"{batch}-report.pdf"
    clear_book, clear_report = tmp_path / "book.xlsx", tmp_path / "report.pdf"
    assert age_decrypt(authority, workbook, clear_book).returncode == 0
    assert age_decrypt(authority, report, clear_report).returncode == 0
    notes = dict(row[:2] for row in cells(clear_book)["说明"])
    at = datetime.fromisoformat(notes["生成"][:25])  # the export's one moment
    plain = export_all(outcome, tmp_path / "plain", None, at=at)
    assert cells(clear_book) == cells(plain[WORKBOOK])
    assert pdf_text(clear_report) == pdf_text(plain[REPORT])
    assert outcome.result.ranking[0] in pdf_text(clear_report)

    refused = age_decrypt(stranger, workbook, tmp_path / "nothing.xlsx")
    assert refused.returncode != 0 and not (tmp_path / "nothing.xlsx").exists()
    sealed.forget_all()
    sealed.unlock(stranger, "STRANGER")
    with pytest.raises(sealed.NotARecipient) as info:
        sealed.read_file(report)
    assert str(info.value) == (f"{report}: the file is encrypted, and not to the key of STRANGER")


def test_encrypt_all_without_recipients_is_a_usage_error(merged_case: Case, tmp_path):
    done = cli("chair", "export", "--batch", str(merged_case.package), "--dir",
               str(merged_case.merge), "--out", str(tmp_path / "out"), "--encrypt-all")  # fmt: skip
    assert done.returncode == 2
    assert "--encrypt-all needs --encrypt-to" in done.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
