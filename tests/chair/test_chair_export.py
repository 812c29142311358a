"""``chair export`` and the core it shares with the window and the demo: the workbook, the
signed panel file and the PDF report from a merge folder, and the key cards the folder
remembers so that reopening it needs none."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from expertscore.chair.keycard_memory import cards_dir
from expertscore.chair.outputs import PANEL_FILE, REPORT, WORKBOOK, export_all
from expertscore.chair.panel_file import recheck_panel_file
from expertscore.chair.panel_outcome import outcome_of
from expertscore.chair.run import ChairRun
from expertscore.identity.keycard import KeyCardError
from expertscore.identity.keys import ScryptCost, create_key
from expertscore.identity.roles import PANEL, WrongKeyRole
from expertscore.results.verify import ResultRefused
from tests.chair.chair_case import Case, cells, cli, pdf_text

AT = datetime(2026, 3, 14, 9, 30, tzinfo=UTC)
PASSPHRASE = "chair passphrase 2026"


@pytest.fixture
def case(merged_case: Case) -> Case:
    return merged_case


def payload(panel_file: Path) -> dict:
    return json.loads(base64.b64decode(json.loads(panel_file.read_bytes())["payload"]))


def test_one_export_is_one_moment_and_the_same_inputs_give_the_same_files(case, tmp_path):
    chair = create_key("CHAIR", "王组长", PASSPHRASE, cost=ScryptCost(n=2**12), role="chair")
    steps: list[tuple[str, int, int]] = []
    snap = outcome_of(ChairRun.open(case.package, case.merge))
    first = export_all(snap, tmp_path / "a", chair, at=AT, step=lambda *s: steps.append(s))
    again = export_all(outcome_of(ChairRun.open(case.package, case.merge)),
                       tmp_path / "b", chair, at=AT)  # fmt: skip
    assert steps == [(WORKBOOK, 0, 3), (PANEL_FILE, 1, 3), (REPORT, 2, 3), ("", 3, 3)]
    batch = snap.package.manifest.batch.id
    assert first[WORKBOOK].name == f"{batch}-results.xlsx"
    assert first[PANEL_FILE].read_bytes() == again[PANEL_FILE].read_bytes()
    assert cells(first[WORKBOOK]) == cells(again[WORKBOOK])
    assert pdf_text(first[REPORT]) == pdf_text(again[REPORT])
    assert payload(first[PANEL_FILE])["created_at"] == "2026-03-14T09:30:00+00:00"
    notes = dict(row[:2] for row in cells(first[WORKBOOK])["说明"])
    assert notes["生成"].startswith("2026-03-14T09:30:00+00:00")
    assert "2026年03月14日" in pdf_text(first[REPORT])
    ranked = [row[1] for row in cells(first[WORKBOOK])["排名汇总"][1:5]]
    assert ranked == snap.result.ranking == payload(first[PANEL_FILE])["ranking"]


def test_without_a_key_the_export_writes_no_panel_file(case, tmp_path):
    snap = outcome_of(ChairRun.open(case.package, case.merge))
    written = export_all(snap, tmp_path / "out", None, at=AT)
    assert set(written) == {WORKBOOK, REPORT}
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        p.name for p in written.values()
    )


def test_chair_export_command_writes_what_the_window_writes_without_key_cards(case, tmp_path):
    create_key("CHAIR", "王组长", PASSPHRASE, cost=ScryptCost(n=2**12), role="chair")
    out = tmp_path / "out"
    done = cli("chair", "export", "--batch", str(case.package), "--dir", str(case.merge),
               "--out", str(out), "--sign-as", "CHAIR",
               env={"EXPERTSCORE_PASSPHRASE": PASSPHRASE})  # fmt: skip
    assert done.returncode == 0, done.stderr
    snap = outcome_of(ChairRun.open(case.package, case.merge))
    batch = snap.package.manifest.batch.id
    panel_file = out / f"{batch}.espanel"
    assert done.stdout.splitlines() == [
        f"results workbook: {out / f'{batch}-results.xlsx'}",
        f"signed panel file: {panel_file}",
        f"PDF report: {out / f'{batch}-report.pdf'}",
    ]
    assert recheck_panel_file(panel_file, snap.package, case.merge / "results") == []
    made = payload(panel_file)["created_at"]
    # The same files as the core writes for the same moment, byte for byte where signed.
    at = datetime.fromisoformat(made)
    chair_again = export_all(snap, tmp_path / "core", None, at=at)
    assert cells(chair_again[WORKBOOK]) == cells(out / f"{batch}-results.xlsx")
    assert pdf_text(chair_again[REPORT]) == pdf_text(out / f"{batch}-report.pdf")


def test_chair_export_without_a_key_says_the_panel_file_needs_one(case, tmp_path):
    done = cli("chair", "export", "--batch", str(case.package), "--dir", str(case.merge),
               "--out", str(tmp_path / "out"))  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == (
        "no panel file: it is signed with the chair's key (--sign-as CHAIR)"
    )


def test_the_merge_folder_remembers_the_key_cards_that_vouched_for_its_results(case):
    kept = sorted(p.name for p in cards_dir(case.merge).iterdir())
    run = ChairRun.open(case.package, case.merge)  # no --keycard
    assert sorted(run.folder.accepted) == ["E01", "E02", "E03", "E04", "E05"]
    assert kept == sorted(f"{e}-{c.fingerprint}.eskeycard" for e, c in run.folder.accepted.items())
    again = ChairRun.open(case.package, case.merge, case.cards)  # given again: no duplicates
    assert sorted(again.folder.accepted) == sorted(run.folder.accepted)
    done = cli("chair", "results", "--batch", str(case.package), "--dir", str(case.merge))
    assert done.returncode == 0, done.stderr
    assert "missing: nothing" in done.stdout


def test_a_folder_without_its_cards_refuses_the_unknown_keys(case):
    for card in cards_dir(case.merge).iterdir():
        card.unlink()
    with pytest.raises(ResultRefused):
        ChairRun.open(case.package, case.merge)


def test_a_changed_remembered_card_stops_the_opening_with_its_path(case):
    card = sorted(cards_dir(case.merge).iterdir())[0]
    record = json.loads(card.read_text(encoding="utf-8"))
    record["name"] = "别人"
    card.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(KeyCardError, match=str(card)):
        ChairRun.open(case.package, case.merge)
    done = cli("chair", "results", "--batch", str(case.package), "--dir", str(case.merge))
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and str(card) in done.stderr


def test_the_panel_file_is_signed_with_a_chairs_key_only(case, tmp_path):
    """An expert's key (or an organizer's) is refused before any of the three files is
    written, by the core and by ``chair export --sign-as``."""
    snap = outcome_of(ChairRun.open(case.package, case.merge))
    for role in ("expert", "organizer"):
        key = create_key(f"K{role}", "某人", PASSPHRASE, cost=ScryptCost(n=2**12), role=role)
        with pytest.raises(WrongKeyRole) as refused:
            export_all(snap, tmp_path / role, key, at=AT)
        assert (refused.value.role, refused.value.signs, refused.value.needed) == (
            role,
            PANEL,
            "chair",
        )
        assert not (tmp_path / role).exists()
    out = tmp_path / "out"
    done = cli("chair", "export", "--batch", str(case.package), "--dir", str(case.merge),
               "--out", str(out), "--sign-as", "Kexpert",
               env={"EXPERTSCORE_PASSPHRASE": PASSPHRASE})  # fmt: skip
    assert done.returncode == 2
    assert "the panel results file is signed with the chair's key" in done.stderr
    assert not out.exists() or list(out.iterdir()) == []
