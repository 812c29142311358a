"""The organizer window with real files: a roster from key cards, organizer-set values
checked by the scheme rules, a conflict-free assignment grid with hand changes, and the
export of a signed package that experts' programs accept, with blank sheets."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from expertscore import __version__
from expertscore.batch.package import open_package
from expertscore.demo.batch import make_demo_batch
from expertscore.identity.keycard import make_card, read_card, write_card
from expertscore.identity.keys import ScryptCost, create_key
from expertscore.organizer.assign import AssignmentError, check_coverage, conflict_reason
from expertscore.schemes.organizer import OrganizerValueError, apply, parse_value
from ui.chair.passphrase import PassphraseDialog
from ui.organizer import models as om
from ui.organizer.window import OrganizerWindow

EXE = Path(sys.executable).with_name("expertscore")
CHEAP = ScryptCost(n=2**12)  # the tests' keys: the same format, quicker to open
ORGANIZER_PASSPHRASE = "organizer passphrase 2025"
NAMES = ["王敏", "李强", "张丽", "刘洋", "陈静", "杨帆"]


@pytest.fixture(scope="module")
def authority(tmp_path_factory) -> Path:
    """The authority's export: four submissions of the national scheme (weights to set)."""
    out = tmp_path_factory.mktemp("authority") / "authority.esbatch"
    make_demo_batch("national-crossindustry-2023", 4, 3, 5, out, workers=1)
    return out


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("EXPERTSCORE_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def cards(data_dir: Path, tmp_path: Path) -> list[Path]:
    """Six experts' key cards, made from keys created as the experts would."""
    made = []
    for number, name in enumerate(NAMES, start=1):
        key = create_key(f"X{number:02d}", name, "expert passphrase", f"大学{number}", cost=CHEAP)
        made.append(write_card(make_card(key), tmp_path / f"X{number:02d}.eskeycard"))
    return made


@pytest.fixture
def window(configured_app, qtbot, authority, data_dir):
    shown = OrganizerWindow()
    shown.quiet = True
    qtbot.addWidget(shown)
    with qtbot.waitSignal(shown.sourceOpened, timeout=60000):
        shown.open_source(authority)
    shown.show()
    return shown


def grid_cell(window: OrganizerWindow, sid: str, expert: str):
    model = window.grid_model
    subs = [s.id for s in window.draft.submissions]
    experts = [e.id for e in window.draft.roster.experts]
    return model.index(subs.index(sid), experts.index(expert))


def test_roster_from_key_cards(window, qtmodeltester, cards):
    assert window.windowTitle().startswith(f"ExpertScore {__version__} — ")
    assert "4 submissions" in window.source_page.info.text()
    assert "needs 5 experts" in window.source_page.info.text()
    window.add_keycards(cards)
    model = window.roster_model
    qtmodeltester.check(model)
    assert model.rowCount() == 6
    assert [model.index(r, om.R_NAME).data() for r in range(6)] == NAMES
    draft_keys = [e.public_key for e in window.draft.roster.experts]
    assert all(draft_keys)
    assert model.index(0, om.R_KEY).data() == read_card(cards[0]).fingerprint
    window.add_keycards(cards[:1])
    assert model.rowCount() == 6
    assert window.roster_page.message.text() == "expert X01 is already on the roster (王敏)"
    assert model.setData(model.index(5, om.R_ROLE), "财务")
    assert model.setData(model.index(3, om.R_CONFLICTS), "S002， 某某公司")
    assert window.draft.roster.experts[5].role == "财务"
    assert window.draft.roster.experts[3].conflicts == ["S002", "某某公司"]
    assert model.index(3, om.R_CONFLICTS).data() == "S002, 某某公司"
    assert not model.flags(model.index(0, om.R_NAME)) & Qt.ItemFlag.ItemIsEditable


def test_values_that_do_not_add_up_are_refused_with_the_core_message(
    window, qtmodeltester, cards, qtbot
):
    window.add_keycards(cards)
    model = window.values_model
    qtmodeltester.check(model)
    targets = [model.index(r, 0).data(om.TARGET_ROLE) for r in range(model.rowCount())]
    assert len(targets) == 29 and targets[:2] == ["weight:1", "weight:1.1"]
    row = targets.index("weight:1.1")
    assert model.index(row, om.V_DEFAULT).data() == "5%"
    assert model.problem is None and window.export_page.export.isEnabled()

    refused = []
    model.refused.connect(refused.append)
    assert not model.setData(model.index(row, om.V_VALUE), "abc")
    assert refused == ["weight:1.1: 'abc' is not a number"]
    assert window.draft.values["weight:1.1"] == "5"

    assert model.setData(model.index(row, om.V_VALUE), "9")
    scheme = window.draft.pristine_scheme
    with pytest.raises(OrganizerValueError) as expected:
        apply(scheme, [parse_value("weight:1.1", "9", "organizer")])
    assert model.problem == str(expected.value)
    assert window.values_page.problem.text() == str(expected.value)
    assert model.index(row, om.V_VALUE).data(Qt.ItemDataRole.BackgroundRole) == om.PROBLEM_COLOR
    assert not window.export_page.export.isEnabled()
    assert window.export_problem() == str(expected.value)
    failures = []
    window.failed.connect(failures.append)
    window.export(window.draft.source.path.with_name("never.esbatch"), unsigned=True)
    assert failures == [str(expected.value)]
    assert not window.draft.source.path.with_name("never.esbatch").exists()

    # Rebalanced: 1.1 up to 9 and 1.2 down to 1 keep indicator 1 at 25%.
    assert model.setData(model.index(targets.index("weight:1.2"), om.V_VALUE), "1")
    assert model.problem is None and window.values_page.problem.text() == ""
    assert window.export_page.export.isEnabled()
    assert window.draft.value_pairs() == [("weight:1.1", "9"), ("weight:1.2", "1")]


def test_grid_keeps_conflicts_apart_and_refuses_breaking_hand_changes(window, qtmodeltester, cards):
    window.add_keycards(cards)
    roster = window.roster_model
    roster.setData(roster.index(3, om.R_CONFLICTS), "S002")  # X04 declares a conflict
    model = window.grid_model
    qtmodeltester.check(model)
    draft = window.draft
    subs = [s.id for s in draft.submissions]
    assert model.rowCount() == len(subs) + 1 and model.columnCount() == 6 + 1

    conflict = grid_cell(window, "S002", "X04")
    reason = conflict_reason(draft.roster.experts[3], draft.submissions[1])
    assert conflict.data(om.CONFLICT_ROLE) == reason == "本人申报的利益冲突"
    assert conflict.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert conflict.data(Qt.ItemDataRole.BackgroundRole) == om.CONFLICT_COLOR
    assert conflict.data(Qt.ItemDataRole.ToolTipRole) == reason
    preview = model.preview
    assert preview.problem is None
    assert ("X04", "S002") not in {(a.expert, a.submission) for a in preview.assignments}
    for row in range(len(subs)):
        assert model.index(row, model.count_column()).data() == "5"
    loads = [int(model.index(model.load_row(), c).data()) for c in range(6)]
    assert sum(loads) == 20 and max(loads) - min(loads) <= 1

    refused = []
    model.refused.connect(refused.append)
    assert not model.setData(conflict, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert refused[-1] == "X04 is assigned S002 despite a conflict of interest"
    assert window.assignments_page.problem.text() == refused[-1]

    # Five experts per submission is exactly what trimming needs: removing one is refused.
    assigned = next(a for a in preview.assignments if a.submission == "S001")
    cell = grid_cell(window, "S001", assigned.expert)
    assert not model.setData(cell, Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    assert refused[-1].startswith("submission S001: indicator ")
    assert refused[-1].endswith("has 4 experts; the aggregation policy needs 5")
    with pytest.raises(AssignmentError) as core:
        check_coverage(
            draft.scheme,
            draft.submissions,
            [a for a in preview.assignments if a is not assigned],
            [],
        )
    assert refused[-1] == str(core.value)

    # Adding a sixth expert to S001 is fine, and then removing another one is too.
    free = next(e.id for e in draft.roster.experts if not preview.assigned(e.id, "S001"))
    added = grid_cell(window, "S001", free)
    assert model.setData(added, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert added.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert added.data(Qt.ItemDataRole.BackgroundRole) == om.HAND_COLOR
    assert model.index(0, model.count_column()).data() == "6"
    assert model.setData(cell, Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    assert draft.add == {("S001", free)} and draft.remove == {("S001", assigned.expert)}
    assert "2 changed by hand" in window.assignments_page.summary.text()
    window.assignments_page.reset.click()
    assert draft.add == set() and draft.remove == set()


def test_split_groups_go_to_their_role(window, cards):
    window.add_keycards(cards)
    roster = window.roster_model
    for row in range(6):
        roster.setData(roster.index(row, om.R_ROLE), "财务" if row < 5 else "技术")
    assert set(window.draft.roles()) == {"技术", "财务"}
    window.set_split("5", "财务")
    assert window.draft.split == {"5": "财务"}
    preview = window.grid_model.preview
    # One 技术 expert cannot make the general pool of five: the core says so.
    assert preview.problem == (
        "submission S001: only 1 experts of the panel are free of conflicts, 5 needed"
    )
    assert window.assignments_page.problem.text() == preview.problem
    assert not window.export_page.export.isEnabled()


def test_export_writes_a_signed_package_that_experts_accept_and_blank_sheets(
    window, qtbot, cards, data_dir, tmp_path
):
    window.add_keycards(cards)
    window.roster_model.setData(window.roster_model.index(3, om.R_CONFLICTS), "S002")
    free_expert = next(
        e.id
        for e in window.draft.roster.experts
        if not window.grid_model.preview.assigned(e.id, "S003")
    )
    model = window.grid_model
    assert model.setData(
        grid_cell(window, "S003", free_expert),
        Qt.CheckState.Checked,
        Qt.ItemDataRole.CheckStateRole,
    )
    values = window.values_model
    values.setData(values.index(1, om.V_VALUE), "9")
    values.setData(values.index(2, om.V_VALUE), "1")
    window.values_page.set_by.setText("评审处")
    organizer = create_key("ORG", "辽宁省工信厅评审处", ORGANIZER_PASSPHRASE, cost=CHEAP)
    out = tmp_path / "round" / "round.esbatch"
    out.parent.mkdir()
    window.export_page.title.setText("2025年评审（第一轮）")

    window.export(out)
    dialog = window.dialog
    assert isinstance(dialog, PassphraseDialog)
    dialog.choice.setCurrentIndex(dialog.choice.findData("ORG"))
    dialog.passphrase.setText(ORGANIZER_PASSPHRASE)
    with qtbot.waitSignal(window.exported, timeout=120000) as done:
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    exported = done.args[0]
    assert exported.package == out and exported.signer.startswith("辽宁省工信厅评审处 (")

    opened = open_package(out)
    assert opened.signature is not None
    assert opened.signature.public_key == organizer.info.public_key
    manifest = opened.manifest
    assert manifest.batch.title == "2025年评审（第一轮）"
    assert [e.id for e in manifest.roster] == [f"X0{n}" for n in range(1, 7)]
    assert all(e.public_key for e in manifest.roster)
    pairs = {(a.expert, a.submission) for a in manifest.assignments}
    assert pairs == {(a.expert, a.submission) for a in window.grid_model.preview.assignments}
    assert ("X04", "S002") not in pairs and (free_expert, "S003") in pairs
    assert {(c.expert, c.submission) for c in manifest.conflicts} == {("X04", "S002")}
    assert {(v.target, v.value, v.set_by) for v in manifest.organizer_values} == {
        ("weight:1.1", "9", "评审处"),
        ("weight:1.2", "1", "评审处"),
    }
    assert opened.scheme.find("1.1").weight.value == 9
    assert exported.sheets == out.with_name("round-blank-sheets.pdf")
    assert exported.sheets.read_bytes()[:5] == b"%PDF-"
    assert "Package written" in window.export_page.result.text()


def test_gui_command_opens_the_organizer_window(authority, tmp_path):
    shot = tmp_path / "organizer.png"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "EXPERTSCORE_SETTINGS_DIR": str(tmp_path / "settings"),
    }
    done = subprocess.run(
        [str(EXE), "gui", "--lang", "en", "--organizer", str(authority), "--screenshot", str(shot)],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_authoritys_excel_form_with_its_evidence_is_a_source(
    configured_app, qtbot, data_dir, tmp_path
):
    from tests.xlsxform.conftest import Case

    form = Case(tmp_path / "form")
    form.write()
    shown = OrganizerWindow()
    shown.quiet = True
    qtbot.addWidget(shown)
    page = shown.source_page
    page.source.set_path(form.workbook)
    assert page.evidence.isEnabled() and page.scheme.isEnabled()
    page.evidence.set_path(form.evidence)
    page.scheme.setCurrentIndex(page.scheme.findData("liaoning-2025-grading"))
    shown.show()
    qtbot.waitExposed(shown)
    with qtbot.waitSignal(shown.sourceOpened, timeout=60000):
        qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    assert [s.id for s in shown.draft.submissions] == ["S001", "S002"]
    assert "2 submissions, 2 evidence files" in page.info.text()
    assert page.submissions.count() == 2
    assert shown.tabs.isTabEnabled(1)
    # The Liaoning guide publishes its weights; only the grade thresholds are left open.
    assert [row.target for row in shown.draft.rows] == ["grade:*:L1", "grade:*:L2", "grade:*:L3"]
