"""The merge dialog: a dry run grouped by outcome that writes nothing, then Apply merges;
a changed file is refused with its reason; an unknown key is confirmed against the sheet."""

from __future__ import annotations

import base64
import json
from pathlib import Path

from PySide6.QtCore import Qt

from expertscore.chair.merge import ACCEPTED, REFUSED, REPLACED, UNCHANGED, read_audit
from expertscore.chair.run import ChairRun
from expertscore.crypto.dsse import fingerprint
from ui.chair import memory
from ui.chair.decision_dialogs import ConfirmKeyDialog
from ui.chair.merge_dialog import MergeDialog
from ui.chair.preview import DECISION_ROLE, EXPERT, FILE, REASON, SEQUENCE


def preview(qtbot, dialog: MergeDialog) -> None:
    assert dialog.preview_button.isEnabled()
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.planned is not None, timeout=30000)


def rows(dialog: MergeDialog, outcome: str) -> list[list[str]]:
    group = dialog.model.group_index(outcome)
    return [
        [dialog.model.index(r, c, group).data() for c in (FILE, EXPERT, SEQUENCE, REASON)]
        for r in range(dialog.model.rowCount(group))
    ]


def test_dry_run_groups_outcomes_and_apply_writes_the_folder(
    configured_app, qtbot, qtmodeltester, panel, tampered, tmp_path
):
    folder = tmp_path / "merge"
    dialog = MergeDialog()
    qtbot.addWidget(dialog)
    dialog.package.set_path(panel.package)
    dialog.folder.set_path(folder)
    dialog.results.add_paths([*panel.results, tampered])
    dialog.keycards.add_paths(panel.cards)
    assert not dialog.apply_button.isEnabled()
    preview(qtbot, dialog)

    assert dialog.model.counts() == {ACCEPTED: 5, REPLACED: 0, UNCHANGED: 0, REFUSED: 1}
    qtmodeltester.check(dialog.model)
    groups = [dialog.model.index(r, 0).data() for r in range(dialog.model.rowCount())]
    assert groups == ["Accepted (5)", "Replaced (0)", "Unchanged (0)", "Refused (1)"]
    accepted = rows(dialog, ACCEPTED)
    assert [row[0] for row in accepted] == [p.name for p in panel.results]
    assert accepted[0][1].startswith("E01 ") and accepted[0][2] == "1"
    # Each accepted file says which trust source its key came from.
    assert all(
        row[3].startswith("new; key ") and row[3].endswith(" from the expert's key card")
        for row in accepted
    )
    [refused] = rows(dialog, REFUSED)
    assert refused[0] == tampered.name
    assert refused[1] == "" and refused[2] == ""
    assert refused[3].startswith("the signature does not verify")
    assert refused[3].endswith("the file was changed after signing")
    assert "Accepted 5 · Replaced 0 · Unchanged 0 · Refused 1" in dialog.summary.text()
    assert not folder.exists(), "the dry run wrote something"

    with qtbot.waitSignal(dialog.merged, timeout=30000) as merged:
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert merged.args[0] == panel.package and merged.args[1] == folder
    written = sorted(p.name for p in (folder / "results").glob("*.esresult"))
    assert written == [f"E0{n}.esresult" for n in range(1, 6)]
    outcomes = [(e["outcome"], e["file"]) for e in read_audit(folder)]
    assert outcomes.count((REFUSED, tampered.name)) == 1
    assert [o for o, _ in outcomes].count(ACCEPTED) == 5
    # The refused file was never counted.
    run = ChairRun.open(panel.package, folder, panel.cards)
    assert sorted(run.folder.accepted) == ["E01", "E02", "E03", "E04", "E05"]
    assert memory.recall(folder) == (panel.package.resolve(), [p.resolve() for p in panel.cards])


def test_second_merge_shows_unchanged_and_changing_the_choice_asks_for_a_new_dry_run(
    configured_app, qtbot, panel, merged
):
    dialog = MergeDialog(None, panel.package, merged, tuple(panel.cards))
    qtbot.addWidget(dialog)
    assert dialog.package.edit.isReadOnly() and not dialog.folder.browse.isEnabled()
    dialog.results.add_paths(panel.results[:2])
    preview(qtbot, dialog)
    assert dialog.model.counts()[UNCHANGED] == 2
    assert rows(dialog, UNCHANGED)[0][3] == "same as the accepted result 1"
    assert dialog.apply_button.isEnabled()
    dialog.results.add_paths(panel.results[2:3])
    assert dialog.planned is None and not dialog.apply_button.isEnabled()
    assert dialog.model.counts() == {ACCEPTED: 0, REPLACED: 0, UNCHANGED: 0, REFUSED: 0}


def test_unknown_key_is_refused_then_confirmed_against_the_paper_sheet(
    configured_app, qtbot, panel, tmp_path
):
    folder = tmp_path / "merge"
    dialog = MergeDialog()
    qtbot.addWidget(dialog)
    dialog.package.set_path(panel.package)
    dialog.folder.set_path(folder)
    e03 = panel.results[2]
    dialog.results.add_paths([e03])  # no key card: the roster pins no key
    preview(qtbot, dialog)
    [refused] = rows(dialog, REFUSED)
    assert refused[3].startswith("unknown key ") and refused[3].endswith("names a key for E03")
    group = dialog.model.group_index(REFUSED)
    dialog.tree.setCurrentIndex(dialog.model.index(0, 0, group))
    assert dialog.selected_decision() is dialog.model.index(0, 0, group).data(DECISION_ROLE)
    assert dialog.confirm_button.isEnabled()
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    confirm = dialog.findChild(ConfirmKeyDialog)
    assert confirm is not None and confirm.isVisible()
    confirm.fingerprint.setText("0000-0000-0000-0000")
    confirm.accept()
    assert confirm.isVisible()
    assert "does not match 0000-0000-0000-0000 on the sheet" in confirm.message.text()
    payload = json.loads(base64.b64decode(json.loads(e03.read_bytes())["payload"]))
    key = payload["expert"]["public_key"]
    confirm.fingerprint.setText(fingerprint(key))
    dialog.planned = None
    confirm.accept()
    assert not confirm.isVisible()
    qtbot.waitUntil(lambda: dialog.planned is not None, timeout=30000)
    assert dialog.model.counts()[ACCEPTED] == 1
    assert [e["action"] for e in read_audit(folder)] == ["confirm-key"]
    assert read_audit(folder)[0]["fingerprint"] == fingerprint(key)


def test_files_of_a_folder_bring_their_key_cards(configured_app, qtbot, panel, tmp_path):
    dialog = MergeDialog()
    qtbot.addWidget(dialog)
    dialog.results.add_folder(panel.sim)
    assert dialog.results.paths() == panel.results
    assert dialog.keycards.paths() == panel.cards
    assert not dialog.preview_button.isEnabled()  # no package or folder yet
    dialog.package.set_path(panel.package)
    dialog.folder.set_path(tmp_path / "m")
    assert dialog.preview_button.isEnabled()
    assert isinstance(dialog.results.paths()[0], Path)
