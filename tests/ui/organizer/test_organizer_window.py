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
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from expertscore import __version__
from expertscore.batch.package import open_package
from expertscore.demo.batch import make_demo_batch
from expertscore.identity.keycard import make_card, read_card, write_card
from expertscore.identity.keys import ScryptCost, create_key, open_key, read_key_info
from expertscore.organizer.assign import AssignmentError, check_coverage, conflict_reason
from expertscore.schemes.organizer import OrganizerValueError, apply, parse_value
from ui.new_key import NewRoleKeyDialog
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
    # One 技术 expert cannot make the general pool of five: each submission is listed with
    # its way out (the policy needs five, so asking fewer is not offered).
    assert preview.problem is None
    assert [(s.submission, s.role, s.free, s.wanted) for s in preview.short] == [
        (f"S00{n}", "", 1, 5) for n in range(1, 5)
    ]
    buttons = window.assignments_page.shortfalls.buttons
    assert [b.text() for b in buttons] == ["Add an expert…"] * 4
    assert window.export_problem() == "4 submissions cannot be assigned yet (step 4)."
    assert not window.export_page.export.isEnabled()


def press(qtbot, widget, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key to ``widget``, which must hold the keyboard focus."""
    widget.activateWindow()
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)
    QTest.keyClick(QApplication.focusWidget(), key, modifier)


def type_into(qtbot, field, text: str) -> None:
    press(qtbot, field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(QApplication.focusWidget(), text)


def test_export_by_keys_signs_as_a_new_organizer_key_never_a_roster_key(
    window, qtbot, cards, data_dir, tmp_path
):
    window.add_keycards(cards)
    window.roster_model.setData(window.roster_model.index(3, om.R_CONFLICTS), "S002")
    values = window.values_model
    values.setData(values.index(1, om.V_VALUE), "9")
    values.setData(values.index(2, om.V_VALUE), "1")
    window.values_page.set_by.setText("评审处")
    steps = window.steps
    for _ in range(4):
        press(qtbot, steps.next, Qt.Key.Key_Space)
    assert window.tabs.currentWidget() is window.export_page
    page = window.export_page
    authority = open_package(window.draft.source.path).manifest.batch
    # The organizer's name is the authority's, the batch id a new one: nothing from a key.
    assert page.organizer.text() == authority.organizer
    assert page.batch_id.text().startswith(f"{authority.id}-R")
    # Only organizer keys sign: the experts' keys on this computer are not offered.
    assert [page.signing.choice.itemData(i) for i in range(page.signing.choice.count())] == [""]
    assert (
        steps.status.text() == "5 Sign and export still needs: Make an organizer key to sign with."
    )
    press(qtbot, page.signing.new_key, Qt.Key.Key_Space)
    dialog = window.dialog
    assert isinstance(dialog, NewRoleKeyDialog)
    assert dialog.name.text() == authority.organizer
    type_into(qtbot, dialog.passphrase, ORGANIZER_PASSPHRASE)
    type_into(qtbot, dialog.again, ORGANIZER_PASSPHRASE)
    with qtbot.waitSignal(dialog.made, timeout=60000):
        press(qtbot, dialog.again, Qt.Key.Key_Return)
    organizer = read_key_info(data_dir / "keys" / "ORG.eskey")
    assert organizer.role == "organizer"
    assert page.signing.key_id() == "ORG"
    type_into(qtbot, page.batch_id, "LN-2025-R1")
    type_into(qtbot, page.title, "2025 round 1")
    out = tmp_path / "round" / "round.esbatch"
    out.parent.mkdir()
    page.out.set_path(out)
    failures = []
    window.failed.connect(failures.append)
    type_into(qtbot, page.signing.passphrase, "wrong passphrase")
    with qtbot.waitSignal(window.failed, timeout=60000):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert failures[-1] == "Wrong passphrase for the organizer key."
    type_into(qtbot, page.signing.passphrase, ORGANIZER_PASSPHRASE)
    with qtbot.waitSignal(window.exported, timeout=120000) as done:
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    exported = done.args[0]
    assert exported.package == out

    opened = open_package(out)
    assert opened.signature.public_key == organizer.public_key
    assert opened.signature.signer == authority.organizer
    manifest = opened.manifest
    assert (manifest.batch.id, manifest.batch.organizer) == ("LN-2025-R1", authority.organizer)
    assert manifest.batch.title == "2025 round 1"
    assert [e.id for e in manifest.roster] == [f"X0{n}" for n in range(1, 7)]
    pairs = {(a.expert, a.submission) for a in manifest.assignments}
    assert pairs == {(a.expert, a.submission) for a in window.grid_model.preview.assignments}
    assert len(pairs) == 20 and ("X04", "S002") not in pairs
    assert {(v.target, v.value, v.set_by) for v in manifest.organizer_values} == {
        ("weight:1.1", "9", "评审处"),
        ("weight:1.2", "1", "评审处"),
    }
    assert exported.sheets.read_bytes()[:5] == b"%PDF-"
    assert "batch LN-2025-R1" in page.result.text()

    # An expert's key on the roster can never sign, even when handed to the window.
    expert = open_key("X01", "expert passphrase")
    again = tmp_path / "round" / "again.esbatch"
    with qtbot.waitSignal(window.failed, timeout=60000):
        window.export(again, key=expert)
    assert failures[-1] == (
        f"The key {expert.info.fingerprint} belongs to X01, who is on the roster: a panel"
        " member can never sign the batch."
    )
    assert not again.exists()


def test_a_short_submission_is_listed_with_its_ways_out_one_key_away(window, qtbot, cards):
    window.add_keycards(cards[:5])
    window.roster_model.setData(window.roster_model.index(3, om.R_CONFLICTS), "S002")
    preview = window.grid_model.preview
    # Four submissions, five experts, X04 declared a conflict with S002: the other three
    # are assigned, S002 is listed.
    assert {a.submission for a in preview.assignments} == {"S001", "S003", "S004"}
    assert [(s.submission, s.free, s.wanted) for s in preview.short] == [("S002", 4, 5)]
    count = window.grid_model.index(1, window.grid_model.count_column())
    assert count.data() == "0" and count.data(Qt.ItemDataRole.BackgroundRole) == om.PROBLEM_COLOR
    buttons = {b.text(): b for b in window.assignments_page.shortfalls.buttons}
    assert list(buttons) == ["Add an expert…", "Review X04's conflict"]
    assert buttons["Review X04's conflict"].toolTip() == "本人申报的利益冲突"
    window.tabs.setCurrentWidget(window.assignments_page)
    assert window.steps.status.text() == (
        "4 Assignments still needs: 1 submissions cannot be assigned: see the ways out"
    )
    press(qtbot, buttons["Review X04's conflict"], Qt.Key.Key_Space)
    assert window.tabs.currentWidget() is window.roster_page
    table = window.roster_page.table
    assert (table.currentIndex().row(), table.currentIndex().column()) == (3, om.R_CONFLICTS)
    assert window.roster_page.message.text() == "X04 is kept apart from S002: 本人申报的利益冲突."
    press(qtbot, table, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    editor = QApplication.focusWidget()
    QTest.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(editor, Qt.Key.Key_Delete)
    QTest.keyClick(editor, Qt.Key.Key_Return)  # the view commits the edit queued
    qtbot.waitUntil(lambda: window.draft.roster.experts[3].conflicts == [])
    assert window.grid_model.preview.short == []
    assert len(window.grid_model.preview.assignments) == 20


def test_asking_fewer_experts_for_a_short_submission(
    configured_app, qtbot, data_dir, cards, tmp_path
):
    source = tmp_path / "qingdao.esbatch"
    make_demo_batch("qingdao-maturity", 3, 3, 4, source, workers=1)
    shown = OrganizerWindow()
    shown.quiet = True
    qtbot.addWidget(shown)
    with qtbot.waitSignal(shown.sourceOpened, timeout=60000):
        shown.open_source(source)
    shown.show()
    shown.add_keycards(cards[:5])
    shown.roster_model.setData(shown.roster_model.index(1, om.R_CONFLICTS), "S002")
    page = shown.assignments_page
    shown.tabs.setCurrentWidget(page)
    type_into(qtbot, page.per_submission, "5")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    preview = shown.grid_model.preview
    assert preview.policy_needs < 5
    assert [(s.submission, s.free) for s in preview.short] == [("S002", 4)]
    buttons = {b.text(): b for b in page.shortfalls.buttons}
    assert list(buttons) == ["Ask 4 for S002", "Add an expert…", "Review X02's conflict"]
    press(qtbot, buttons["Ask 4 for S002"], Qt.Key.Key_Space)
    preview = shown.grid_model.preview
    assert preview.short == [] and shown.draft.counts == {"S002": 4}
    assert sum(1 for a in preview.assignments if a.submission == "S002") == 4
    out = tmp_path / "round.esbatch"
    with qtbot.waitSignal(shown.exported, timeout=120000):
        shown.export(out, unsigned=True)
    manifest = open_package(out).manifest
    assert sum(1 for a in manifest.assignments if a.submission == "S002") == 4


def test_menus_name_every_step_and_ctrl_q_closes(configured_app, qtbot, authority, data_dir):
    window = OrganizerWindow()  # not given to qtbot: Ctrl+Q deletes it
    window.quiet = True
    with qtbot.waitSignal(window.sourceOpened, timeout=60000):
        window.open_source(authority)
    window.show()
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["&File", "&Help"]
    values = window.values_model
    row = [values.index(r, 0).data(om.TARGET_ROLE) for r in range(values.rowCount())].index(
        "weight:1.1"
    )
    name = values.index(row, om.V_TARGET)
    assert name.data().startswith("Weight 1.1 ") and name.data(Qt.ItemDataRole.ToolTipRole) == (
        "weight:1.1"
    )
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    closed = []
    window.destroyed.connect(lambda: closed.append(True))
    QTest.keyClick(window.tabs, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: closed == [True])


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
    names = [shown.values_model.index(r, om.V_TARGET).data() for r in range(3)]
    assert names == ["一级门槛", "二级门槛", "三级门槛"]


def test_an_organizers_key_card_never_joins_the_roster(window, data_dir, tmp_path):
    organizer = create_key("ORG", "组织方", ORGANIZER_PASSPHRASE, cost=CHEAP, role="organizer")
    card = write_card(make_card(organizer), tmp_path / "ORG.eskeycard")
    window.add_keycards([card])
    assert window.draft.roster.experts == []
    assert window.roster_page.message.text() == (
        "ORG.eskeycard: ORG is an organizer's key card, not an expert's."
    )


def test_the_round_can_carry_the_page_texts(window, qtbot, cards, tmp_path):
    window.add_keycards(cards)
    page = window.export_page
    window.tabs.setCurrentWidget(page)
    assert not page.index.isChecked()
    press(qtbot, page.index, Qt.Key.Key_Space)
    assert page.index.isChecked()
    out = tmp_path / "round.esbatch"
    with qtbot.waitSignal(window.exported, timeout=120000):
        window.export(out, unsigned=True)
    carried = open_package(out)
    assert carried.manifest.evidence_text is not None
    assert carried.manifest.evidence_text.size > 0


def another_card(tmp_path: Path, number: int) -> Path:
    key = create_key(f"X{number:02d}", f"专家{number}", "expert passphrase", cost=CHEAP)
    return write_card(make_card(key), tmp_path / f"X{number:02d}.eskeycard")


def choosing_cards(monkeypatch, paths: list[Path]) -> list[str]:
    """The file chooser answers with ``paths``; says each time it was asked."""
    from PySide6.QtWidgets import QFileDialog

    asked: list[str] = []

    def chosen(*_args, **_kwargs):
        asked.append("cards")
        return [str(p) for p in paths], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(chosen))
    return asked


def test_add_an_expert_way_out_by_keys_reaches_the_package(
    window, qtbot, cards, tmp_path, monkeypatch
):
    """Space on "Add an expert…" asks for key cards at once; the expert added staffs the
    short submission, and the exported package holds them and the assignment."""
    window.add_keycards(cards[:5])
    window.roster_model.setData(window.roster_model.index(3, om.R_CONFLICTS), "S002")
    assert [s.submission for s in window.grid_model.preview.short] == ["S002"]
    window.tabs.setCurrentWidget(window.assignments_page)
    asked = choosing_cards(monkeypatch, [cards[5]])
    add = next(
        b for b in window.assignments_page.shortfalls.buttons if b.text() == "Add an expert…"
    )
    press(qtbot, add, Qt.Key.Key_Space)
    assert asked == ["cards"]
    assert window.tabs.currentWidget() is window.roster_page
    table = window.roster_page.table
    assert QApplication.focusWidget() is table
    assert (table.currentIndex().row(), table.currentIndex().column()) == (5, om.R_ROLE)
    preview = window.grid_model.preview
    assert preview.short == [] and window.assignments_page.shortfalls.buttons == []
    staff = {a.expert for a in preview.assignments if a.submission == "S002"}
    assert len(staff) == 5 and "X06" in staff and "X04" not in staff
    out = tmp_path / "round.esbatch"
    with qtbot.waitSignal(window.exported, timeout=120000):
        window.export(out, unsigned=True)
    manifest = open_package(out).manifest
    assert "X06" in [e.id for e in manifest.roster]
    assert {a.expert for a in manifest.assignments if a.submission == "S002"} == staff


def test_add_an_expert_of_a_role_then_set_the_role_by_keys(
    window, qtbot, cards, tmp_path, monkeypatch
):
    """A split group short of its role: the way out adds the card, the cursor is on the new
    expert's role, F2 and the role typed staff the group."""
    window.add_keycards([*cards, *(another_card(tmp_path, n) for n in (7, 8, 9))])
    roster = window.roster_model
    for row in range(4):
        roster.setData(roster.index(row, om.R_ROLE), "fin")
    window.set_split("5", "fin")  # group 5 to the four of role fin, the rest to the five others
    short = window.grid_model.preview.short
    assert {(s.role, s.free, s.wanted) for s in short} == {("fin", 4, 5)}
    window.tabs.setCurrentWidget(window.assignments_page)
    choosing_cards(monkeypatch, [another_card(tmp_path, 10)])
    add = window.assignments_page.shortfalls.buttons[0]
    assert add.text() == "Add an expert of role fin…"
    press(qtbot, add, Qt.Key.Key_Space)
    table = window.roster_page.table
    assert QApplication.focusWidget() is table
    assert (table.currentIndex().row(), table.currentIndex().column()) == (9, om.R_ROLE)
    assert window.roster_page.message.text() == "Set the role fin of the expert added (F2)."
    QTest.keyClick(table, Qt.Key.Key_F2)  # the role editor: the usual roles, or typed
    qtbot.waitUntil(lambda: table.isAncestorOf(QApplication.focusWidget()))
    QTest.keyClicks(QApplication.focusWidget(), "fin")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.draft.roster.experts[9].role == "fin")
    preview = window.grid_model.preview
    assert preview.short == [] and preview.problem is None
    out = tmp_path / "round.esbatch"
    with qtbot.waitSignal(window.exported, timeout=120000):
        window.export(out, unsigned=True)
    manifest = open_package(out).manifest
    added = next(e for e in manifest.roster if e.id == "X10")
    assert added.role == "fin"
    assert all(a.indicators == ["5"] for a in manifest.assignments if a.expert == "X10")
    assert {a.submission for a in manifest.assignments if a.expert == "X10"} == {
        s.id for s in manifest.submissions
    }


def test_grid_cells_are_ticked_by_keys_and_the_package_holds_them(window, qtbot, cards, tmp_path):
    """Arrows to a cell, Space ticks or unticks it; a conflict is refused in place; the
    exported package has the hand changes."""
    window.add_keycards(cards)
    window.roster_model.setData(window.roster_model.index(3, om.R_CONFLICTS), "S002")
    draft, model = window.draft, window.grid_model
    window.tabs.setCurrentWidget(window.assignments_page)
    grid = window.assignments_page.grid
    press(qtbot, grid, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert (grid.currentIndex().row(), grid.currentIndex().column()) == (0, 0)

    def go_to(row: int, column: int) -> None:
        here = grid.currentIndex()
        for _ in range(row - here.row()):
            QTest.keyClick(grid, Qt.Key.Key_Down)
        for _ in range(column - here.column()):
            QTest.keyClick(grid, Qt.Key.Key_Right)
        assert (grid.currentIndex().row(), grid.currentIndex().column()) == (row, column)

    def checked(row: int, column: int) -> bool:
        state = model.index(row, column).data(Qt.ItemDataRole.CheckStateRole)
        return state == Qt.CheckState.Checked

    preview = model.preview
    experts = [e.id for e in draft.roster.experts]
    free = next(e for e in experts if not preview.assigned(e, "S001"))
    go_to(0, experts.index(free))
    QTest.keyClick(grid, Qt.Key.Key_Space)
    assert checked(0, experts.index(free)) and draft.add == {("S001", free)}
    assert model.index(0, model.count_column()).data() == "6"
    kept = next(e for e in experts if e != free and preview.assigned(e, "S001"))
    grid.setCurrentIndex(model.index(0, 0))
    go_to(0, experts.index(kept))
    QTest.keyClick(grid, Qt.Key.Key_Space)  # six to five: allowed
    assert not checked(0, experts.index(kept)) and draft.remove == {("S001", kept)}
    grid.setCurrentIndex(model.index(0, 0))
    go_to(1, experts.index("X04"))  # S002, where X04 declared a conflict
    QTest.keyClick(grid, Qt.Key.Key_Space)
    assert not checked(1, experts.index("X04"))
    assert window.assignments_page.problem.text() == (
        "X04 is assigned S002 despite a conflict of interest"
    )
    out = tmp_path / "round.esbatch"
    with qtbot.waitSignal(window.exported, timeout=120000):
        window.export(out, unsigned=True)
    pairs = {(a.submission, a.expert) for a in open_package(out).manifest.assignments}
    assert ("S001", free) in pairs and ("S001", kept) not in pairs
    assert ("S002", "X04") not in pairs


def test_back_and_next_walk_the_steps_only(window, qtbot, cards):
    window.add_keycards(cards)
    steps, tabs = window.steps, window.tabs
    for _ in range(4):
        press(qtbot, steps.next, Qt.Key.Key_Space)
    assert tabs.currentWidget() is window.export_page
    assert not steps.next.isEnabled()  # the registry is not a step after the export
    tabs.setCurrentIndex(tabs.count() - 1)  # the read-only registry, by its tab
    assert tabs.tabText(tabs.currentIndex()) == "Registry"
    assert steps.status.text() == "Registry: read only, not a step of the round."
    assert steps.back.isEnabled() and not steps.next.isEnabled()
    press(qtbot, steps.back, Qt.Key.Key_Space)
    assert tabs.currentWidget() is window.export_page
    for _ in range(4):
        press(qtbot, steps.back, Qt.Key.Key_Space)
    assert tabs.currentWidget() is window.source_page and not steps.back.isEnabled()


def test_the_window_refuses_a_chair_key_for_the_batch(window, qtbot, cards, data_dir, tmp_path):
    window.add_keycards(cards)
    chair = create_key("CHAIR", "王组长", "chair passphrase 2025", cost=CHEAP, role="chair")
    failures = []
    window.failed.connect(failures.append)
    out = tmp_path / "round.esbatch"
    with qtbot.waitSignal(window.failed, timeout=60000):
        window.export(out, key=chair)
    assert failures[-1] == (
        f"the key {chair.info.fingerprint} of CHAIR is the chair's key; the batch package is"
        " signed with the organizer's key (make one with `expertscore key new --role organizer`)"
    )
    assert not out.exists()


def test_export_encrypted_to_the_panel_and_the_chair(window, qtbot, cards, data_dir, tmp_path):
    from expertscore.crypto import sealed

    window.add_keycards(cards)
    values = window.values_model
    values.setData(values.index(1, om.V_VALUE), "9")
    values.setData(values.index(2, om.V_VALUE), "1")
    for _ in range(4):
        press(qtbot, window.steps.next, Qt.Key.Key_Space)
    page = window.export_page
    create_key("ORG", "组织方", ORGANIZER_PASSPHRASE, role="organizer", cost=CHEAP)
    chair = create_key("CH", "组长", "chair passphrase", role="chair", cost=CHEAP)
    window.export_step._refresh_keys("ORG")
    page.chair_card.set_path(write_card(make_card(chair), tmp_path / "CH.eskeycard"))
    press(qtbot, page.encrypt, Qt.Key.Key_Space)
    assert page.encrypt.isChecked()
    out = tmp_path / "round.esbatch"
    page.out.set_path(out)
    type_into(qtbot, page.signing.passphrase, ORGANIZER_PASSPHRASE)
    with qtbot.waitSignal(window.exported, timeout=120000) as done:
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert done.args[0].recipients == 8  # six experts, the organizer, the chair
    assert ", encrypted to 8 keys" in page.result.text()
    assert out.read_bytes().startswith(b"age-encryption.org/v1\n")
    assert done.args[0].sheets.read_bytes()[:5] == b"%PDF-"
    sealed.forget_all()
    sealed.unlock(chair.age_identity, "CH")
    opened = open_package(out)
    assert opened.encrypted and len(opened.manifest.roster) == 6
    assert opened.signature.signer == "组织方"  # the organizer key signed it
