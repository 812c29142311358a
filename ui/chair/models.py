"""The chair's lists as table models: the ranking, what is missing, the decisions log.

Each model shows one ``ChairState``; ``set_state`` resets it (a new state is a new picture
of the folder). Numbers are the aggregation's ``Decimal``s, printed with the scheme's
decimals; the raw values are available through the custom roles for sorting and tests.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from expertscore.chair.flag_states import open_flags
from expertscore.chair.panel import Gap
from expertscore.chair.ranking import group_name
from ui.chair.state import ChairState
from ui.chair.texts import gap_text, outcome_label
from ui.plaintext import plain_roles

Index = QModelIndex | QPersistentModelIndex

SUBMISSION_ROLE = Qt.ItemDataRole.UserRole + 1  # submission id
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # the raw value the column sorts by

RANK, PLATFORM, TOTAL, PERCENT, GRADE, EXPERTS, FLAGGED, NOTES = range(8)
RANKING_COLUMNS = 8
FRAGILE_COLOR = QColor("#fef3c7")


class RankingModel(QAbstractTableModel):
    """The submissions, highest total first, with grade, flags and robustness notes."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._state: ChairState | None = None
        self._order: list[str] = []

    def set_state(self, state: ChairState | None) -> None:
        self.beginResetModel()
        self._state = state
        self._order = list(state.result.ranking) if state is not None else []
        self.endResetModel()

    def submission_at(self, row: int) -> str | None:
        return self._order[row] if 0 <= row < len(self._order) else None

    def row_of(self, sid: str) -> int:
        return self._order.index(sid) if sid in self._order else -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else RANKING_COLUMNS

    @plain_roles
    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            RANK: self.tr("Rank"),
            PLATFORM: self.tr("Platform"),
            TOTAL: self.tr("Total"),
            PERCENT: self.tr("Score %"),
            GRADE: self.tr("Grade"),
            EXPERTS: self.tr("Experts"),
            FLAGGED: self.tr("Open flags"),
            NOTES: self.tr("Notes"),
        }.get(section)

    def _rank_text(self, sub) -> str:
        assert self._state is not None
        within = group_name(self._state.scheme, sub.category)
        if within is None:
            return str(sub.rank)
        return self.tr("{rank} in {category}").format(rank=sub.rank, category=within)

    def _notes(self, sid: str) -> list[str]:
        assert self._state is not None
        sub = self._state.result.submissions[sid]
        notes = self._state.fragile_notes(sid)
        if sub.explanations_needed:
            given = self._state.notes.explanations
            received, missing = self.tr("{expert} received"), self.tr("{expert} missing")
            named = [
                (received if (sid, expert) in given else missing).format(expert=expert)
                for expert in sorted(sub.explanations_needed)
            ]
            notes.append(self.tr("explanations needed: {experts}").format(experts=", ".join(named)))
        return notes

    @plain_roles
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        state = self._state
        if state is None or not index.isValid() or not 0 <= index.row() < len(self._order):
            return None
        sid = self._order[index.row()]
        sub = state.result.submissions[sid]
        column = index.column()
        if role == SUBMISSION_ROLE:
            return sid
        scored = [s for s in state.inp.sheets if s.submission == sid and not s.recused]
        flagged = open_flags(sub)  # resolved flags no longer ask for attention
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                RANK: self._rank_text(sub),
                PLATFORM: state.submission_label(sid),
                TOTAL: state.number(sub.total),
                PERCENT: state.number(sub.percent),
                GRADE: state.grade_name(sub),
                EXPERTS: str(len(scored)),
                FLAGGED: str(flagged),
                NOTES: "; ".join(self._notes(sid)),
            }.get(column)
        if role == SORT_ROLE:
            return {
                RANK: index.row(),  # the ranking's order (by category first)
                TOTAL: float(sub.total),
                PERCENT: float(sub.percent) if sub.percent is not None else -1.0,
                EXPERTS: len(scored),
                FLAGGED: flagged,
            }.get(column, self.data(index))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            RANK,
            TOTAL,
            PERCENT,
            EXPERTS,
            FLAGGED,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and column == NOTES and sub.fragile:
            return FRAGILE_COLOR
        if role == Qt.ItemDataRole.ToolTipRole and column == NOTES:
            return "\n".join(self._notes(sid)) or None
        if role == Qt.ItemDataRole.ToolTipRole and column == PLATFORM:
            return state.submission_label(sid)
        return None


GAP_EXPERT, GAP_SUBMISSION, GAP_DETAIL = range(3)


class ChairGapsModel(QAbstractTableModel):
    """Experts whose result is missing, and assigned submissions left unscored."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._gaps: list[Gap] = []
        self._state: ChairState | None = None

    def set_state(self, state: ChairState | None) -> None:
        self.beginResetModel()
        self._state = state
        self._gaps = list(state.gaps) if state is not None else []
        self.endResetModel()

    def gap(self, row: int) -> Gap:
        return self._gaps[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._gaps)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    @plain_roles
    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            GAP_EXPERT: self.tr("Expert"),
            GAP_SUBMISSION: self.tr("Submission"),
            GAP_DETAIL: self.tr("What is missing"),
        }.get(section)

    @plain_roles
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._gaps):
            return None
        gap = self._gaps[index.row()]
        state = self._state
        if role == SUBMISSION_ROLE:
            return gap.submission
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if index.column() == GAP_EXPERT:
            return state.expert_label(gap.expert) if state else gap.expert
        if index.column() == GAP_SUBMISSION:
            if gap.submission is None:
                return self.tr("all assigned")
            return state.submission_label(gap.submission) if state else gap.submission
        return gap_text(gap)


AUDIT_TIME, AUDIT_ACTION, AUDIT_DETAIL = range(3)


def local_time(text: str) -> str:
    """An ISO time of the audit log (UTC) as this computer's local time."""
    try:
        return datetime.fromisoformat(text).astimezone().strftime("%Y-%m-%d %H:%M:%S")
    except ValueError:
        return text


class AuditModel(QAbstractTableModel):
    """The merge folder's audit log: every merge and every decision, oldest first."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._entries: list[dict] = []

    def set_state(self, state: ChairState | None) -> None:
        self.beginResetModel()
        self._entries = list(state.audit) if state is not None else []
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    @plain_roles
    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            AUDIT_TIME: self.tr("Time"),
            AUDIT_ACTION: self.tr("What"),
            AUDIT_DETAIL: self.tr("Detail"),
        }.get(section)

    def _action(self, entry: dict) -> str:
        action = entry.get("action")
        if action == "merge":
            return self.tr("merge: {outcome}").format(
                outcome=outcome_label(str(entry.get("outcome")))
            )
        return {
            "confirm-key": self.tr("key confirmed"),
            "override": self.tr("agreed panel score"),
            "override-cleared": self.tr("agreed score withdrawn"),
            "round-2": self.tr("second round"),
        }.get(str(action), str(action))

    def _detail(self, entry: dict) -> str:
        action = entry.get("action")
        if action == "merge":
            who = f"{entry.get('expert')} #{entry.get('sequence')} " if entry.get("expert") else ""
            # the reason as the log records it (a past merge's own line)
            return f"{entry.get('file')}: {who}{entry.get('reason', '')}"
        if action == "confirm-key":
            return f"{entry.get('expert')} {entry.get('fingerprint')}"
        if action == "round-2":
            experts = ", ".join(entry.get("experts", []))
            return f"{entry.get('submission')} {entry.get('indicator')} → {experts}: " + str(
                entry.get("reason", "")
            )
        points = f" = {entry['points']}" if "points" in entry else ""
        return f"{entry.get('submission')} {entry.get('indicator')}{points}: " + str(
            entry.get("reason", "")
        )

    @plain_roles
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        entry = self._entries[index.row()]
        if index.column() == AUDIT_TIME:
            return local_time(str(entry.get("at", "")))
        if index.column() == AUDIT_ACTION:
            return self._action(entry)
        return self._detail(entry)
