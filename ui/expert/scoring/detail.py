"""The selected indicator of the scoring form: its facts, score, comment and pins.

Each accepted change is sent to the core at once through ``SessionController.edit`` (and
so becomes undoable); a refusal is shown in place, in red, with the core's reason, and
nothing is written. ``advance(step)`` asks the form to move to the next (+1) or previous
(-1) indicator.

Keyboard (``docs/keyboard.md``): Tab and Shift+Tab go round the indicator's fields (score,
verified value, comment, pins), committing the one left; Enter in the score or the verified
value and Ctrl+Enter in the comment commit and go on to the next indicator's score.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from expertscore.errors import ExpertScoreError
from expertscore.schemes.model import Indicator, Nature
from expertscore.schemes.modes import mode_for
from expertscore.schemes.rules import fmt, max_points
from expertscore.scoring.edits import Edit
from expertscore.scoring.service import Pin, ScoreRecord
from expertscore.vocabulary import EditKind
from ui.expert.models.indicators import reported_text
from ui.expert.scoring.checks_editor import ChecksEditor
from ui.expert.scoring.editors import (
    TAB_KEYS,
    BandsEditor,
    ChoiceEditor,
    PointsEditor,
    ScoreEditor,
    editor_kind,
    is_typing,
)
from ui.expert.scoring.found import FoundLine
from ui.expert.scoring.widgets import CommentEdit, CommitLineEdit
from ui.expert.session_controller import SessionController
from ui.messages import error_text
from ui.plaintext import plain
from ui.plaintext import shown as plain_text

PIN_ROLE = Qt.ItemDataRole.UserRole + 1

CurrentEvidence = Callable[[], tuple[str, int | None] | None]


class IndicatorDetail(QWidget):
    advance = Signal(int)
    pinActivated = Signal(str, object)  # evidence id, page (int or None)

    def __init__(self, controller: SessionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.submission: str | None = None
        self.leaf: Indicator | None = None
        self.record: ScoreRecord | None = None
        self.read_only = False
        self.lock_notice: str | None = None  # shown in place of a refusal while locked
        self.read_only_notice = ""  # why typing is refused on a read-only submission
        self._refused = False  # the last commit was refused (the field keeps the focus)
        self.current_evidence: CurrentEvidence = lambda: None
        self._titles: dict[str, str] = {}
        self._build()

    # --- layout ----------------------------------------------------------------------

    def _build(self) -> None:
        self.title = plain(QLabel(self))
        self.title.setObjectName("indicatorTitle")
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-weight: bold;")
        self.meta = plain(QLabel(self))
        self.meta.setWordWrap(True)
        self.reported = plain(QLabel(self))
        self.reported.setWordWrap(True)
        self.reported.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.found = FoundLine(self.controller, self)
        self.verified = CommitLineEdit(self)
        self.verified.setObjectName("verifiedValue")
        self.verified.committed.connect(self._verified_committed)
        self.verified.returnPressed.connect(self._verified_entered)
        self.editors: dict[str, ScoreEditor] = {
            "points": PointsEditor(self),
            "choice": ChoiceEditor(self),
            "bands": BandsEditor(self),
            "checks": ChecksEditor(self),
        }
        self.stack = QStackedWidget(self)
        for editor in self.editors.values():
            self.stack.addWidget(editor)
            editor.entered.connect(lambda entry, step, e=editor: self._entered(e, entry, step))
            editor.moved.connect(self.advance.emit)
            editor.rejected.connect(self.show_error)
            editor.tabbed.connect(self.tab)
            editor.typingRefused.connect(self.refuse_typing)
        self.error = plain(QLabel(self))
        self.error.setObjectName("scoreError")
        self.error.setStyleSheet("color: #b91c1c;")
        self.error.setWordWrap(True)
        self.error.hide()
        self.help = plain(QLabel(self))
        self.help.setWordWrap(True)
        self.help.setStyleSheet("color: palette(placeholder-text);")
        self.comment = CommentEdit(self)
        self.comment.setObjectName("indicatorComment")
        self.comment.setPlaceholderText(self.tr("Why this score (Ctrl+Enter saves)"))
        self.comment.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.comment.committed.connect(self._comment_committed)
        self.comment.finished.connect(lambda: self.advance.emit(+1))
        self.pins_model = QStandardItemModel(self)
        self.pins = QListView(self)
        self.pins.setObjectName("pinList")
        self.pins.setModel(self.pins_model)
        self.pins.setFixedHeight(self.fontMetrics().lineSpacing() * 2 + 10)
        self.pins.activated.connect(self._pin_activated)
        self.pin_button = QPushButton(self.tr("Pin shown page"), self)
        self.pin_button.setObjectName("pinButton")
        self.pin_button.setToolTip(self.tr("Link the evidence page on the right to this score"))
        self.pin_button.clicked.connect(self.pin_current)
        self.unpin_button = QPushButton(self.tr("Remove pin"), self)
        self.unpin_button.clicked.connect(self.unpin_selected)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Reported:"), self.reported)
        form.addRow("", self.found)
        # Field mnemonics use letters no menu uses (File, Edit, Go, Submission, View, Help).
        self.score_label = QLabel(self.tr("S&core:"), self)
        self.score_label.setBuddy(self.stack)  # the shown editor's, once one is shown
        form.addRow(self.score_label, self.stack)
        form.addRow("", self.error)
        self.verified_label = QLabel(self.tr("Ve&rified value:"), self)
        self.verified_label.setBuddy(self.verified)
        form.addRow(self.verified_label, self.verified)
        comment_label = QLabel(self.tr("Co&mment:"), self)
        comment_label.setBuddy(self.comment)
        form.addRow(comment_label, self.comment)
        # The buttons beside the pins, not under them: a laptop screen shows the whole
        # indicator, guidance included, without scrolling.
        pin_buttons = QVBoxLayout()
        pin_buttons.addWidget(self.pin_button)
        pin_buttons.addWidget(self.unpin_button)
        pin_buttons.addStretch(1)
        pins_box = QHBoxLayout()
        pins_box.addWidget(self.pins, 1)
        pins_box.addLayout(pin_buttons)
        pins_label = QLabel(self.tr("Ev&idence:"), self)
        pins_label.setBuddy(self.pins)
        form.addRow(pins_label, pins_box)
        for field in (self.verified, self.comment, self.pins, self.pin_button, self.unpin_button):
            field.installEventFilter(self)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.meta)
        layout.addWidget(self.help)  # the guidance before the fields, never below the fold
        layout.addLayout(form)
        layout.addStretch(1)

    # --- showing an indicator ----------------------------------------------------------

    def editor(self) -> ScoreEditor:
        widget = self.stack.currentWidget()
        assert isinstance(widget, ScoreEditor)
        return widget

    def load(
        self,
        submission: str,
        leaf: Indicator,
        record: ScoreRecord | None,
        reported: Any,
        titles: dict[str, str],
        read_only: bool,
    ) -> None:
        """Show ``leaf`` of ``submission`` (``reported`` is the core's row or ``None``)."""
        scheme = self.controller.scheme
        self.submission = submission
        self.leaf = leaf
        self.record = record
        self._titles = titles
        self.clear_error()
        self.title.setText(plain_text(f"{leaf.code}  {leaf.name}"))
        self.meta.setText(self._meta_text(leaf))
        value = reported.value if reported is not None else None
        unit = reported.unit if reported is not None else None
        source = leaf.reported.label or leaf.reported.source if leaf.reported else ""
        shown = reported_text(value, unit) or self.tr("(not reported)")
        self.reported.setText(plain_text(f"{shown}  ·  {source}" if source else shown))
        self.found.show_for(submission, leaf.code)
        objective = leaf.nature == Nature.OBJECTIVE
        self.verified_label.setVisible(objective)
        self.verified.setVisible(objective)
        self.verified.load(record.verified_value or "" if record else "")
        kind = editor_kind(scheme, leaf)
        editor = self.editors[kind]
        editor.load(scheme, leaf, record, value)
        self.stack.setCurrentWidget(editor)
        self.score_label.setBuddy(editor.focus_target())
        self.help.setText(plain_text(self._help_text(leaf)))
        self.comment.load(record.comment if record else "")
        self._load_pins(record.pins if record else ())
        self.set_read_only(read_only)

    def _meta_text(self, leaf: Indicator) -> str:
        scheme = self.controller.scheme
        top = max_points(scheme, leaf) or Decimal(0)
        parts = [self.tr("max {points} points").format(points=fmt(top))]
        mode = mode_for(scheme, leaf)
        if mode.stepped:
            parts.append(self.tr("step {step}").format(step=fmt(mode.step)))
        parts.append(
            self.tr("objective") if leaf.nature == Nature.OBJECTIVE else self.tr("subjective")
        )
        if leaf.weight is not None and leaf.weight.organizer_set:
            parts.append(self.tr("* weight set by the organizer"))
        return "  ·  ".join(parts)

    def _help_text(self, leaf: Indicator) -> str:
        parts = []
        if leaf.description:
            parts.append(leaf.description)
        if leaf.rubric:
            parts.append(self.tr("Rubric: {text}").format(text=leaf.rubric))
        if leaf.reported and leaf.reported.prompt:
            parts.append(self.tr("Asked of the operator: {text}").format(text=leaf.reported.prompt))
        return "\n".join(parts)

    def _load_pins(self, pins: tuple[Pin, ...]) -> None:
        self.pins_model.clear()
        for pin in pins:
            title = self._titles.get(pin.evidence_id, pin.evidence_id)
            text = (
                title
                if pin.page is None
                else self.tr("{title}, page {page}").format(title=title, page=pin.page)
            )
            item = QStandardItem(plain_text(text))
            item.setEditable(False)
            item.setData(pin, PIN_ROLE)
            self.pins_model.appendRow(item)

    def update_record(self, record: ScoreRecord | None) -> None:
        """The stored record after an edit made here (what is shown stays as typed)."""
        self.record = record
        for editor in self.editors.values():
            if editor.leaf is self.leaf:
                editor.record = record
        if record is not None:
            self.editor().stored(record)

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        for editor in self.editors.values():
            editor.setReadOnly(read_only)
        self.comment.setReadOnly(read_only)
        self.verified.setReadOnly(read_only)
        self.pin_button.setEnabled(not read_only)
        self.unpin_button.setEnabled(not read_only)
        if read_only and self.lock_notice:
            self.show_error(self.lock_notice)

    def focus_score(self) -> None:
        self.editor().focus_editor()

    # --- the keyboard ------------------------------------------------------------------

    def fields(self) -> list[QWidget]:
        """The indicator's fields in Tab order: score, verified value, comment, pins."""
        fields: list[QWidget] = [self.editor()]
        if self.verified.isVisibleTo(self):
            fields.append(self.verified)
        fields += [self.comment, self.pins]
        fields += [b for b in (self.pin_button, self.unpin_button) if b.isEnabled()]
        return fields

    def _field_of(self, widget: QWidget | None) -> int:
        fields = self.fields()
        while widget is not None and widget is not self:
            if widget in fields:
                return fields.index(widget)
            widget = widget.parentWidget()
        return 0

    def tab(self, step: int) -> None:
        """Commit the field that has the focus and go to the next (+1) or previous (-1)."""
        from PySide6.QtWidgets import QApplication

        fields = self.fields()
        position = self._field_of(QApplication.focusWidget())
        self._refused = False
        if position == 0 and not self.read_only:
            self.editor().focus_left()
            if self._refused:
                self.focus_score()
                return
        target = fields[(position + step) % len(fields)]
        if target is self.editor():
            self.focus_score()
        else:
            target.setFocus(Qt.FocusReason.TabFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() in TAB_KEYS:
                self.tab(TAB_KEYS[event.key()])
                return True
            typed_into = watched in (self.verified, self.comment)
            if self.read_only and typed_into and is_typing(event):
                self.refuse_typing()
                return True
        return super().eventFilter(watched, event)

    def refuse_typing(self) -> None:
        self.show_error(self.read_only_notice or self.lock_notice or "")

    def has_pending(self) -> bool:
        fields = (self.editor(), self.verified, self.comment)
        return not self.read_only and any(field.has_pending() for field in fields)

    def revert_pending(self) -> bool:
        """Show the stored values again in place of typed, uncommitted text (Ctrl+Z)."""
        if not self.has_pending():
            return False
        for field in (self.verified, self.comment):
            if field.has_pending():
                field.revert()
        editor = self.editor()
        if editor.has_pending():
            editor.revert()
            self.clear_error()
        return True

    def flush(self) -> None:
        """Commit whatever is typed but not yet committed (before showing another one)."""
        if self.leaf is None or self.read_only:
            return
        self.comment.commit()
        self.verified.commit()
        self.editor().focus_left()

    # --- errors ------------------------------------------------------------------------

    def show_error(self, error: BaseException | str) -> None:
        self._refused = True
        self.error.setText(plain_text(error if isinstance(error, str) else error_text(error)))
        self.error.show()

    def clear_error(self) -> None:
        self.error.clear()
        self.error.hide()

    # --- edits -------------------------------------------------------------------------

    def _edit(self, kind: EditKind, value: Any) -> bool:
        if self.submission is None or self.leaf is None or self.read_only:
            return False
        try:
            self.controller.edit(Edit(kind, self.submission, self.leaf.code, value))
        except ExpertScoreError as error:
            self.show_error(error)
            return False
        self.clear_error()
        return True

    def _entered(self, editor: ScoreEditor, entry: Any, step: int) -> None:
        if editor.leaf is not self.leaf:
            return  # a late focus-out of an editor that shows no indicator any more
        if self._edit(EditKind.SCORE, entry):
            editor.saved()
            if step:
                self.advance.emit(step)
        else:
            editor.focus_editor()

    def _comment_committed(self, text: str) -> None:
        if self._edit(EditKind.COMMENT, text):
            self.comment.saved()

    def _verified_committed(self, text: str) -> None:
        if self._edit(EditKind.VERIFIED_VALUE, text.strip() or None):
            self.verified.saved()

    def _verified_entered(self) -> None:
        self.verified.commit()
        if not self.verified.has_pending():
            self.advance.emit(+1)

    def current_pins(self) -> list[Pin]:
        return [
            self.pins_model.item(row).data(PIN_ROLE) for row in range(self.pins_model.rowCount())
        ]

    def pin_current(self) -> None:
        shown = self.current_evidence()
        if shown is None:
            self.show_error(self.tr("Open an evidence file on the right first."))
            return
        pin = Pin(shown[0], shown[1])
        pins = self.current_pins()
        if pin not in pins:
            self._edit(EditKind.PINS, [*pins, pin])

    def unpin_selected(self) -> None:
        index = self.pins.currentIndex()
        if not index.isValid():
            return
        pins = self.current_pins()
        del pins[index.row()]
        self._edit(EditKind.PINS, pins)

    def _pin_activated(self, index: QModelIndex) -> None:
        pin = index.data(PIN_ROLE)
        if isinstance(pin, Pin):
            self.pinActivated.emit(pin.evidence_id, pin.page)
