"""The organizer's tables: the roster, the organizer-set values, the assignment grid.

Each is a view of one ``RoundDraft``; edits go to the draft, which checks them with the
core. An edit the core refuses is not taken: ``setData`` returns ``False`` and
``refused`` carries the core's message (translated where its shape is known).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from expertscore.crypto.dsse import fingerprint
from expertscore.errors import ExpertScoreError
from expertscore.organizer.roster import RosterExpert
from expertscore.schemes.organizer import OrganizerValueError
from ui.chair.texts import failure_text
from ui.messages import error_text
from ui.organizer.draft import Preview, RoundDraft, ValueRow
from ui.plaintext import plain_roles

Index = QModelIndex | QPersistentModelIndex
EDITABLE = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsEditable
READ_ONLY = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
EXPERT_ROLE = Qt.ItemDataRole.UserRole + 1  # expert id
SUBMISSION_ROLE = Qt.ItemDataRole.UserRole + 2  # submission id
CONFLICT_ROLE = Qt.ItemDataRole.UserRole + 3  # the conflict's reason, or None
TARGET_ROLE = Qt.ItemDataRole.UserRole + 4  # an organizer-set value's target

CONFLICT_COLOR = QColor("#fecaca")  # red 200: a conflict of interest
HAND_COLOR = QColor("#dbeafe")  # blue 100: changed by hand
LOAD_COLOR = QColor("#f3f4f6")  # grey 100: the loads row
PROBLEM_COLOR = QColor("#fde68a")  # amber 200: a value the rules refuse


class DraftModel(QAbstractTableModel):
    refused = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.draft: RoundDraft | None = None

    def set_draft(self, draft: RoundDraft | None) -> None:
        self.beginResetModel()
        self.draft = draft
        self.endResetModel()

    def refresh(self) -> None:
        self.beginResetModel()
        self.endResetModel()

    def _refuse(self, error: BaseException) -> bool:
        self.refused.emit(failure_text(error))
        return False


# --- the roster -------------------------------------------------------------------------

R_ID, R_NAME, R_ORGANIZATION, R_KEY, R_ROLE, R_CONFLICTS = range(6)
COMMON_ROLES = ("技术", "行业", "财务")


class RosterModel(DraftModel):
    """The panel: one row per expert; role and declared conflicts are editable."""

    def experts(self) -> list[RosterExpert]:
        return list(self.draft.roster.experts) if self.draft is not None else []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.experts())

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    @plain_roles
    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            R_ID: self.tr("ID"),
            R_NAME: self.tr("Name"),
            R_ORGANIZATION: self.tr("Organization"),
            R_ROLE: self.tr("Role"),
            R_KEY: self.tr("Key fingerprint"),
            R_CONFLICTS: self.tr("Declared conflicts"),
        }.get(section)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return EDITABLE if index.column() in (R_ROLE, R_CONFLICTS) else READ_ONLY

    @plain_roles
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        experts = self.experts()
        if not index.isValid() or not 0 <= index.row() < len(experts):
            return None
        expert = experts[index.row()]
        if role == EXPERT_ROLE:
            return expert.id
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == R_CONFLICTS:
            return self.tr("Submission ids or operator names, separated by commas")
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return None
        if index.column() == R_KEY:
            return fingerprint(expert.public_key) if expert.public_key else self.tr("no key")
        return {
            R_ID: expert.id,
            R_NAME: expert.name,
            R_ORGANIZATION: expert.organization or "",
            R_ROLE: expert.role or "",
            R_CONFLICTS: ", ".join(expert.conflicts),
        }.get(index.column())

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if self.draft is None or role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        expert = self.experts()[index.row()]
        text = str(value).strip()
        try:
            if index.column() == R_ROLE:
                self.draft.update_expert(expert.id, role=text or None)
            elif index.column() == R_CONFLICTS:
                items = [p.strip() for p in text.replace("，", ",").split(",") if p.strip()]
                self.draft.update_expert(expert.id, conflicts=items)
            else:
                return False
        except (ExpertScoreError, ValueError) as error:
            return self._refuse(error)
        self.dataChanged.emit(index, index)
        return True


# --- organizer-set values ------------------------------------------------------------------------

V_TARGET, V_WHAT, V_DEFAULT, V_VALUE = range(4)  # V_TARGET shows the value's scheme name


class ValuesModel(DraftModel):
    """Every organizer-set number of the scheme: its default and the value for this round.

    A text that is not a number is refused in place. Values that are numbers but break a
    scheme rule (weights that no longer add up) are kept, marked, and ``problem`` says the
    core's message: the organizer may need several edits to rebalance; the package cannot
    be exported until the problem is gone.
    """

    problemChanged = Signal(str)  # the core's message, or "" when the values are valid

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.problem: str | None = None  # the core's English line, naming what is wrong
        self.refusal: OrganizerValueError | None = None

    def set_draft(self, draft: RoundDraft | None) -> None:
        super().set_draft(draft)
        self._check()

    def _check(self) -> None:
        self.refusal = self.draft.values_problem() if self.draft is not None else None
        self.problem = str(self.refusal) if self.refusal is not None else None
        self.problemChanged.emit(error_text(self.refusal) if self.refusal else "")

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.draft is None else len(self.draft.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    @plain_roles
    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            V_TARGET: self.tr("Value"),
            V_WHAT: self.tr("The guide says"),
            V_DEFAULT: self.tr("Default"),
            V_VALUE: self.tr("Value for this round"),
        }.get(section)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return EDITABLE if index.column() == V_VALUE else READ_ONLY

    @plain_roles
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.draft is None or not index.isValid() or not 0 <= index.row() < len(self.draft.rows):
            return None
        row = self.draft.rows[index.row()]
        value = self.draft.values[row.target]
        unit = "%" if row.percent else ""
        if role == TARGET_ROLE:
            return row.target
        if role == Qt.ItemDataRole.ToolTipRole:
            return {V_TARGET: row.target, V_WHAT: row.note}.get(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            edit = role == Qt.ItemDataRole.EditRole
            return {
                V_TARGET: self.name(row),
                V_WHAT: row.note,
                V_DEFAULT: f"{row.default}{unit}",
                V_VALUE: value if edit else f"{value}{unit}",
            }.get(index.column())
        if role == Qt.ItemDataRole.FontRole and index.column() == V_VALUE:
            changed = value != f"{row.default}"
            if changed:
                font = QFont()
                font.setBold(True)
                return font
        problem = self.problem
        if role == Qt.ItemDataRole.BackgroundRole and index.column() == V_VALUE and problem:
            return PROBLEM_COLOR if _names(problem, row.target) else None
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (V_DEFAULT, V_VALUE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def name(self, row: ValueRow) -> str:
        """The value by its scheme name: 权重 3.4 技术开发水平, 一级门槛."""
        kinds = {
            "weight": self.tr("Weight"),
            "points": self.tr("Points"),
            "cap": self.tr("Cap"),
            "band": self.tr("Band points"),
            "fraction": self.tr("Share of points"),
        }
        kind = kinds.get(row.kind)
        return f"{kind} {row.subject}" if kind else row.subject

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if self.draft is None or role != Qt.ItemDataRole.EditRole or index.column() != V_VALUE:
            return False
        row = self.draft.rows[index.row()]
        try:
            self.draft.set_value(row.target, str(value))
        except ExpertScoreError as error:
            return self._refuse(error)
        self._check()
        # The problem may now name other rows: repaint the whole column.
        self.dataChanged.emit(self.index(0, V_VALUE), self.index(self.rowCount() - 1, V_VALUE))
        return True


def _names(problem: str, target: str) -> bool:
    """Whether the core's message is about ``target``'s node (or the value itself)."""
    kind, _, rest = target.partition(":")
    code = rest.split(":")[0]
    return (
        target in problem
        or f"indicator {code}:" in problem
        or (kind == "weight" and "." in code and f"indicator {code.rsplit('.', 1)[0]}:" in problem)
    )


# --- the assignment grid ----------------------------------------------------------------


class AssignmentGridModel(DraftModel):
    """Submissions by experts: a check where the expert scores the submission.

    The last row is each expert's load; the last column each submission's number of
    experts. A conflict of interest is red (with the reason); a cell changed by hand is
    blue. Checking or unchecking a cell asks the draft, which refuses with the core's
    message when the change breaks a conflict of interest or the coverage the aggregation
    policy needs.
    """

    previewChanged = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.preview: Preview | None = None

    def set_draft(self, draft: RoundDraft | None) -> None:
        self.beginResetModel()
        self.draft = draft
        self.preview = draft.preview() if draft is not None else None
        self.endResetModel()
        self.previewChanged.emit()

    def refresh(self) -> None:
        self.set_draft(self.draft)

    def _experts(self) -> list[RosterExpert]:
        return list(self.draft.roster.experts) if self.draft is not None else []

    def _submissions(self):
        return self.draft.submissions if self.draft is not None else []

    def load_row(self) -> int:
        return len(self._submissions())

    def count_column(self) -> int:
        return len(self._experts())

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.draft is None else len(self._submissions()) + 1

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.draft is None else len(self._experts()) + 1

    @plain_roles
    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if orientation == Qt.Orientation.Horizontal:
            experts = self._experts()
            if section == len(experts):
                return self.tr("Experts")
            if 0 <= section < len(experts):
                expert = experts[section]
                role_text = f" · {expert.role}" if expert.role else ""
                return f"{expert.id}\n{expert.name}{role_text}"
            return None
        subs = self._submissions()
        if section == len(subs):
            return self.tr("Load")
        if 0 <= section < len(subs):
            sub = subs[section]
            return f"{sub.id} {sub.platform}"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.row() == self.load_row() or index.column() == self.count_column():
            return Qt.ItemFlag.ItemIsEnabled
        return READ_ONLY | Qt.ItemFlag.ItemIsUserCheckable

    def _cell(self, index: Index) -> tuple[str, str] | None:
        subs, experts = self._submissions(), self._experts()
        if 0 <= index.row() < len(subs) and 0 <= index.column() < len(experts):
            return subs[index.row()].id, experts[index.column()].id
        return None

    @plain_roles
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        preview, draft = self.preview, self.draft
        if preview is None or draft is None or not index.isValid():
            return None
        if index.row() == self.load_row():
            return self._load_data(preview, index.column(), role)
        if index.column() == self.count_column():
            return self._count_data(preview, index.row(), role)
        cell = self._cell(index)
        if cell is None:
            return None
        sid, expert = cell
        assignment = preview.assigned(expert, sid)
        reason = preview.conflicts.get((expert, sid))
        if role == EXPERT_ROLE:
            return expert
        if role == SUBMISSION_ROLE:
            return sid
        if role == CONFLICT_ROLE:
            return reason
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if assignment else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            if assignment is None:
                return self.tr("conflict") if reason else ""
            scope = assignment.indicators
            return self.tr("all") if scope == "all" else ", ".join(scope)
        if role == Qt.ItemDataRole.BackgroundRole:
            if reason is not None:
                return CONFLICT_COLOR
            if (sid, expert) in draft.add or (sid, expert) in draft.remove:
                return HAND_COLOR
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return reason
        return None

    def _load_data(self, preview: Preview, column: int, role: int) -> Any:
        experts = self._experts()
        if role == Qt.ItemDataRole.BackgroundRole:
            return LOAD_COLOR
        if role != Qt.ItemDataRole.DisplayRole or not 0 <= column < len(experts):
            return None
        return str(preview.loads().get(experts[column].id, 0))

    def _count_data(self, preview: Preview, row: int, role: int) -> Any:
        sid = self._submissions()[row].id
        if role == Qt.ItemDataRole.BackgroundRole:
            return PROBLEM_COLOR if preview.short_of(sid) else LOAD_COLOR
        if role == Qt.ItemDataRole.ToolTipRole and preview.short_of(sid):
            return self.tr("Not assigned: too few experts free of conflicts (see below)")
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return str(sum(1 for a in preview.assignments if a.submission == sid))

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        cell = self._cell(index)
        if self.draft is None or cell is None or role != Qt.ItemDataRole.CheckStateRole:
            return False
        sid, expert = cell
        wanted = Qt.CheckState(value) == Qt.CheckState.Checked
        if wanted == (self.preview is not None and self.preview.assigned(expert, sid) is not None):
            return False
        try:
            self.draft.toggle(sid, expert)
        except ExpertScoreError as error:
            return self._refuse(error)
        self.preview = self.draft.preview()
        self.dataChanged.emit(
            self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1)
        )
        self.previewChanged.emit()
        return True


class RoleDelegate(QStyledItemDelegate):
    """Edits a role with the usual roles offered (any other text may be typed)."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex):
        combo = QComboBox(parent)
        combo.setEditable(True)
        model = index.model()
        known = {str(model.index(row, R_ROLE).data() or "") for row in range(model.rowCount())}
        combo.addItems(["", *COMMON_ROLES, *sorted(known - {"", *COMMON_ROLES})])
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentText(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)
