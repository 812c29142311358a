"""The submission-level part of the form: overall comment and classification fields.

Category, industry and domain tags and the level suggestion are the expert's own view of
the platform (the operator declared a category; the expert may disagree). Every change
is committed at once as one undoable edit of the submission note.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QListView, QWidget

from expertscore.errors import ExpertScoreError
from expertscore.schemes.model import Category, Tag
from expertscore.scoring.edits import Edit
from expertscore.scoring.service import Note
from expertscore.vocabulary import EditKind
from ui.expert.scoring.familiarity import FamiliarityBox
from ui.expert.scoring.widgets import CommentEdit
from ui.expert.session_controller import SessionController
from ui.messages import error_text
from ui.plaintext import plain, tip

CODE_ROLE = Qt.ItemDataRole.UserRole + 1


def _flatten(categories: list[Category], depth: int = 0) -> list[tuple[str, str]]:
    items: list[tuple[str, str]] = []
    for category in categories:
        items.append((category.code, "    " * depth + category.name))
        items.extend(_flatten(category.kinds, depth + 1))
    return items


class SubmissionNoteForm(QWidget):
    def __init__(self, controller: SessionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.submission: str | None = None
        self.note = Note()
        scheme = controller.scheme
        self.comment = CommentEdit(self)
        self.comment.setObjectName("submissionComment")
        self.comment.setPlaceholderText(self.tr("Overall opinion of the platform"))
        self.comment.committed.connect(lambda _text: self._commit())
        self.category = QComboBox(self)
        self.category.setObjectName("noteCategory")
        self.category.addItem(self.tr("(as declared)"), None)
        for code, name in _flatten(scheme.categories):
            self.category.addItem(name, code)
        self.category.currentIndexChanged.connect(lambda _row: self._commit())
        self.industry_model, self.industry = self._tag_list(scheme.classification.industry_tags)
        self.domain_model, self.domain = self._tag_list(scheme.classification.domain_tags)
        self.level = QComboBox(self)
        self.level.setObjectName("noteLevel")
        self.level.currentIndexChanged.connect(lambda _row: self._commit())
        self.level_hint = plain(QLabel(self))
        self.error = plain(QLabel(self))
        self.error.setStyleSheet("color: #b91c1c;")
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout(self)
        form.addRow(self.tr("Overall comment:"), self.comment)
        self.familiarity = FamiliarityBox(controller, self)
        form.addRow(self.tr("Familiarity:"), self.familiarity)
        # Tab goes down the form as it is shown: the familiarity was made after the others.
        QWidget.setTabOrder(self.comment, self.familiarity)
        QWidget.setTabOrder(self.familiarity, self.category)
        if scheme.categories:
            form.addRow(self.tr("Category:"), self.category)
        else:
            self.category.hide()
        if scheme.classification.industry_tags:
            form.addRow(self.tr("Industry tags:"), self.industry)
        if scheme.classification.domain_tags:
            form.addRow(self.tr("Domain tags:"), self.domain)
        form.addRow(self.tr("Level suggestion:"), self.level)
        form.addRow("", self.level_hint)
        form.addRow("", self.error)

    def _tag_list(self, tags: list[Tag]) -> tuple[QStandardItemModel, QListView]:
        model = QStandardItemModel(self)
        for tag in tags:
            item = QStandardItem(tag.name)
            item.setCheckable(True)
            item.setEditable(False)
            item.setData(tag.code, CODE_ROLE)
            if tag.description:
                item.setToolTip(tip(tag.description))
            model.appendRow(item)
        model.itemChanged.connect(lambda _item: self._commit())
        view = QListView(self)
        view.setModel(model)
        view.setMaximumHeight(self.fontMetrics().lineSpacing() * 6 + 12)
        if not tags:
            view.hide()
        return model, view

    def load(
        self,
        submission: str,
        note: Note,
        category: str | None,
        suggested_level: str | None,
        read_only: bool,
    ) -> None:
        """Show the note of ``submission`` (``category`` as the operator declared it)."""
        self.submission = submission
        self.note = note
        self.error.hide()
        blockers = [
            QSignalBlocker(widget)
            for widget in (self.category, self.level, self.industry_model, self.domain_model)
        ]
        self.comment.load(note.comment)
        self.category.setCurrentIndex(max(0, self.category.findData(note.category)))
        self._check(self.industry_model, note.industry_tags)
        self._check(self.domain_model, note.domain_tags)
        self._fill_levels(category, note.level)
        del blockers
        self.set_suggestion(suggested_level)
        self.familiarity.load(submission, read_only)
        for widget in (self.comment, self.category, self.industry, self.domain, self.level):
            widget.setEnabled(not read_only)
        self.comment.setReadOnly(read_only)

    def set_suggestion(self, level_name: str | None) -> None:
        self.level_hint.setText(
            self.tr("The total now reaches: {level}").format(level=level_name)
            if level_name
            else self.tr("The total now reaches no level")
        )

    def _fill_levels(self, category: str | None, chosen: str | None) -> None:
        self.level.clear()
        self.level.addItem(self.tr("(none)"), None)
        scale = self.controller.scheme.grade_scale(category)
        for level in scale.levels if scale else []:
            self.level.addItem(level.name, level.code)
        self.level.setCurrentIndex(max(0, self.level.findData(chosen)))

    @staticmethod
    def _check(model: QStandardItemModel, codes: list[str]) -> None:
        for row in range(model.rowCount()):
            item = model.item(row)
            checked = item.data(CODE_ROLE) in codes
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    @staticmethod
    def _checked(model: QStandardItemModel) -> list[str]:
        return [
            model.item(row).data(CODE_ROLE)
            for row in range(model.rowCount())
            if model.item(row).checkState() == Qt.CheckState.Checked
        ]

    def current_note(self) -> Note:
        return Note(
            comment=self.comment.toPlainText(),
            category=self.category.currentData(),
            industry_tags=self._checked(self.industry_model),
            domain_tags=self._checked(self.domain_model),
            level=self.level.currentData(),
        )

    def _commit(self) -> None:
        if self.submission is None:
            return
        note = self.current_note()
        if note == self.note:
            return
        try:
            self.controller.edit(Edit(EditKind.NOTE, self.submission, None, note))
        except ExpertScoreError as error:
            self.error.setText(error_text(error))
            self.error.show()
            return
        self.note = note
        self.comment.saved()

    def flush(self) -> None:
        self.comment.commit()

    def revert_pending(self) -> bool:
        if self.comment.isReadOnly() or not self.comment.has_pending():
            return False
        self.comment.revert()
        return True
