"""The panel members' notes in the chair window: who explained, who stated what.

The Members tab lists every assigned expert with their statement on the panel's result
(agree / dissent with reasons; signed, or typed in from paper) and the written
explanations the results ask of them (received, with the text, or missing). From the
Decisions menu the chair merges signed notes (verified as ``chair notes`` does) and types
in a statement given on paper, marked as transcribed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QLineEdit,
    QPlainTextEdit,
    QTableView,
    QWidget,
)

from expertscore.chair.member_notes import (
    AGREE,
    DISSENT,
    Note,
    keep_note,
    read_note,
    transcribe_statement,
)
from expertscore.errors import ExpertScoreError
from ui.chair.decision_dialogs import DecisionDialog
from ui.chair.state import ChairState
from ui.chair.texts import failure_text
from ui.plaintext import plain_roles

if TYPE_CHECKING:
    from ui.chair.window import ChairWindow

Index = QModelIndex | QPersistentModelIndex
MEMBER, STATEMENT, EXPLANATIONS = range(3)


class MembersModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._state: ChairState | None = None
        self._members: list[str] = []

    def set_state(self, state: ChairState | None) -> None:
        self.beginResetModel()
        self._state = state
        assigned = {a.expert for a in state.package.manifest.assignments} if state else set()
        roster = state.package.manifest.roster if state else []
        self._members = [e.id for e in roster if e.id in assigned]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._members)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        heads = (self.tr("Member"), self.tr("Statement"), self.tr("Written explanations"))
        return heads[section] if 0 <= section < 3 else None

    @plain_roles
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        state = self._state
        if state is None or not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        expert = self._members[index.row()]
        if index.column() == MEMBER:
            return state.expert_label(expert)
        if index.column() == STATEMENT:
            return self.statement_text(state.notes.statements.get(expert))
        return self.explanations_text(state, expert)

    def statement_text(self, note: Note | None) -> str:
        if note is None:
            return self.tr("no statement")
        text = self.tr("agrees") if note.stance == AGREE else self.tr("dissents: {reasons}")
        text = text.format(reasons=note.reasons)
        if note.transcribed_by:
            return self.tr("{text} (on paper, typed in by {chair})").format(
                text=text, chair=note.transcribed_by
            )
        if note.stale:
            return self.tr("{text} (signed, key {key}; about other results: stale)").format(
                text=text, key=note.fingerprint
            )
        return self.tr("{text} (signed, key {key})").format(text=text, key=note.fingerprint)

    def explanations_text(self, state: ChairState, expert: str) -> str:
        parts = []
        for sid in state.result.ranking:
            if expert not in state.result.submissions[sid].explanations_needed:
                continue
            text = state.notes.explanations.get((sid, expert))
            if text is None:
                parts.append(self.tr("{sid}: missing").format(sid=sid))
            elif (sid, expert) in state.notes.stale_explanations:
                parts.append(
                    self.tr("{sid}: received about other results (stale): {text}").format(
                        sid=sid, text=text
                    )
                )
            else:
                parts.append(self.tr("{sid}: received: {text}").format(sid=sid, text=text))
        return "; ".join(parts) or "—"


def members_table(view: QTableView, model: MembersModel) -> QTableView:
    view.setModel(model)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class PaperStatementDialog(DecisionDialog):
    """A member's statement given on paper, typed in by the chair and marked as such."""

    def __init__(self, state: ChairState, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Paper statement"), parent)
        self.setObjectName("paperStatementDialog")
        self.state = state
        self.expert = QComboBox(self)
        self.expert.setObjectName("statementExpert")
        for member in state.package.manifest.roster:
            self.expert.addItem(state.expert_label(member.id), member.id)
        self.stance = QComboBox(self)
        self.stance.setObjectName("statementStance")
        self.stance.addItem(self.tr("Agrees"), AGREE)
        self.stance.addItem(self.tr("Dissents"), DISSENT)
        self.reasons = QPlainTextEdit(self)
        self.reasons.setObjectName("statementReasons")
        self.reasons.setPlaceholderText(self.tr("The reasons as written (needed for a dissent)"))
        self.chair = QLineEdit(self)
        self.chair.setObjectName("statementChair")
        self.form.addRow(self.tr("Member:"), self.expert)
        self.form.addRow(self.tr("Statement:"), self.stance)
        self.form.addRow(self.tr("Reasons:"), self.reasons)
        self.form.addRow(self.tr("Typed in by:"), self.chair)
        self.finish_layout(
            self.tr("The statement is kept with the merge folder, marked as typed in from paper.")
        )

    def record(self) -> None:
        transcribe_statement(
            self.state.folder,
            self.state.package,
            self.expert.currentData(),
            self.stance.currentData(),
            self.reasons.toPlainText(),
            self.chair.text(),
        )


def merge_notes(window: ChairWindow, files: list[Path] | None = None) -> None:
    """Verify the chosen notes and keep them; the first one refused is said and not kept."""
    state = window.state
    if state is None:
        return
    if files is None:
        caption = QCoreApplication.translate("ChairMembers", "Members' notes")
        filters = QCoreApplication.translate("ChairMembers", "Notes (*.esnote);;All files (*)")
        chosen, _ = QFileDialog.getOpenFileNames(window, caption, "", filters)
        files = [Path(path) for path in chosen]
    try:
        for path in files:
            data = path.read_bytes()
            note = read_note(data, str(path), state.package, state.run.trust)
            keep_note(state.folder, data, note)
    except (ExpertScoreError, OSError) as error:
        window.statusBar().showMessage(failure_text(error))
        return
    window.reload()


def paper_statement(window: ChairWindow) -> None:
    if window.state is not None:
        window._decide(PaperStatementDialog(window.state, window))
