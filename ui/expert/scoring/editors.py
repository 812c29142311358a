"""Score editors, one per scoring mode (``docs/schemes.md``).

An editor never writes: it emits ``entered(entry, advance)`` with the core's ``Entry`` (or
``None`` to clear the score) and the form passes it to the core, which accepts or refuses
it with a reason shown in place. ``advance`` is +1 (Enter: go on to the next
indicator) or 0 (the editor lost focus, Tab, or a button was clicked).
``moved(step)`` asks to move on without any change.

Keyboard (``docs/keyboard.md``): in every editor Enter commits and moves to the next
indicator's score; Tab and Shift+Tab are the indicator's own business (``tabbed``: the
detail commits and moves to its next or previous field). Grade and yes/no buttons also
answer to the digit keys 1..9 (the n-th choice); in the bands editor Enter on an empty
override accepts the suggestion. On a read-only submission typing is refused out loud
(``typingRefused``), never dropped in silence.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QValidator
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from expertscore.schemes.model import Indicator, Scheme
from expertscore.schemes.modes import (
    NO,
    YES,
    Bands,
    Entry,
    ScoreRejected,
    mode_for,
    parse_points,
)
from expertscore.schemes.rules import fmt
from expertscore.scoring.service import ScoreRecord
from ui.plaintext import plain

ADVANCE_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
TAB_KEYS = {Qt.Key.Key_Tab: +1, Qt.Key.Key_Backtab: -1}
EDITING_KEYS = (Qt.Key.Key_Backspace, Qt.Key.Key_Delete)


def is_typing(event: QKeyEvent) -> bool:
    """A key that would change a value: printable text, Backspace or Delete."""
    if event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
        return False
    return event.key() in EDITING_KEYS or (bool(event.text()) and event.text().isprintable())


class DecimalSpinBox(QAbstractSpinBox):
    """A spin box over exact decimals: arrows step by the leaf's step within 0..maximum.

    Typed text is not corrected or clamped: an out-of-range or off-step value goes to the
    core, which refuses it with the reason, so the expert sees why instead of a silent fix.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.step = Decimal("0.5")
        self.top = Decimal(0)
        self.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToPreviousValue)
        self.setKeyboardTracking(True)
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.setMinimumWidth(90)

    def configure(self, top: Decimal, step: Decimal) -> None:
        self.top = top
        self.step = step

    def text_value(self) -> str:
        return self.lineEdit().text().strip()

    def set_text_value(self, text: str) -> None:
        self.lineEdit().setText(text)

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        # Everything may be typed; the core judges it when it is committed.
        return QValidator.State.Acceptable, text, pos

    def _current(self) -> Decimal:
        try:
            value = Decimal(self.text_value().replace(",", ""))
        except InvalidOperation:
            return Decimal(0)
        return value if value.is_finite() else Decimal(0)

    def stepBy(self, steps: int) -> None:
        value = self._current() + self.step * steps
        value = min(max(value, Decimal(0)), self.top)
        self.set_text_value(fmt(value))
        self.lineEdit().selectAll()

    def stepEnabled(self) -> QAbstractSpinBox.StepEnabledFlag:
        if self.isReadOnly():
            return QAbstractSpinBox.StepEnabledFlag.StepNone
        flags = QAbstractSpinBox.StepEnabledFlag.StepNone
        current = self._current()
        if current > 0:
            flags |= QAbstractSpinBox.StepEnabledFlag.StepDownEnabled
        if current < self.top:
            flags |= QAbstractSpinBox.StepEnabledFlag.StepUpEnabled
        return flags


class ScoreEditor(QWidget):
    """Base of the editors: the keyboard handling shared by all modes."""

    entered = Signal(object, int)  # Entry or None (clear), advance (0, +1)
    moved = Signal(int)
    rejected = Signal(object)  # a ScoreRejected found before reaching the core's setter
    tabbed = Signal(int)  # Tab (+1) or Shift+Tab (-1): to the indicator's next field
    typingRefused = Signal()  # a value typed on a read-only submission

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.leaf: Indicator | None = None
        self.record: ScoreRecord | None = None
        self.read_only = False

    def watch(self, widget: QWidget) -> None:
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self.handle_key(event)
        if event.type() == QEvent.Type.FocusOut:
            self.focus_left()
        return super().eventFilter(watched, event)

    def handle_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key in TAB_KEYS:
            self.tabbed.emit(TAB_KEYS[key])
            return True
        if key in ADVANCE_KEYS and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.commit(+1)
            return True
        if self.read_only and is_typing(event):
            self.typingRefused.emit()
            return True
        return False

    def focus_left(self) -> None:
        """Commit what is typed when the expert leaves the editor (text editors only)."""

    def commit(self, advance: int) -> None:
        """Send the editor's pending entry, or just move on when nothing is pending."""
        self.moved.emit(advance)

    def load(self, scheme: Scheme, leaf: Indicator, record: ScoreRecord | None, reported) -> None:
        raise NotImplementedError

    def focus_editor(self) -> None:
        self.setFocus()

    def focus_target(self) -> QWidget:
        """What the score label's mnemonic (Alt+C) gives the focus to."""
        return self

    def saved(self) -> None:
        """The last entry was accepted: what is shown is now what is stored."""

    def stored(self, record: ScoreRecord | None) -> None:
        """The stored record after an edit: choice editors show what it chose."""

    def has_pending(self) -> bool:
        """Typed but not committed (only text editors hold such a value)."""
        return False

    def revert(self) -> None:
        """Show the stored value again instead of what was typed."""

    def setReadOnly(self, read_only: bool) -> None:
        self.read_only = read_only


class PointsEditor(ScoreEditor):
    """Free points in steps: ``points`` mode."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spin = DecimalSpinBox(self)
        self.spin.setObjectName("pointsSpin")
        self.range_label = plain(QLabel(self))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.spin)
        layout.addWidget(self.range_label, 1)
        self.watch(self.spin)
        self.watch(self.spin.lineEdit())
        self._stored = ""

    def load(self, scheme: Scheme, leaf: Indicator, record: ScoreRecord | None, reported) -> None:
        self.leaf = leaf
        self.record = record
        mode = mode_for(scheme, leaf)
        top, step = mode.top, mode.step
        self.spin.configure(top, step)
        self._stored = fmt(record.points) if record and record.points is not None else ""
        self.spin.set_text_value(self._stored)
        self.range_label.setText(
            self.tr("of {top} (step {step})").format(top=fmt(top), step=fmt(step))
        )

    def pending(self) -> tuple[bool, Entry | None]:
        """(something changed, the entry to send); raises ``ScoreRejected`` for non-numbers."""
        text = self.spin.text_value()
        if text == self._stored:
            return False, None
        if not text:
            return True, None
        assert self.leaf is not None
        points = parse_points(self.leaf.code, text)
        if self._stored and points == Decimal(self._stored):
            return False, None
        return True, Entry(points=points)

    def commit(self, advance: int) -> None:
        try:
            changed, entry = self.pending()
        except ScoreRejected as error:
            self.rejected.emit(error)
            self.spin.lineEdit().selectAll()  # the next keys replace the refused text
            return
        if changed:
            self.entered.emit(entry, advance)
        else:
            self.moved.emit(advance)

    def has_pending(self) -> bool:
        return self.spin.text_value() != self._stored

    def revert(self) -> None:
        self.spin.set_text_value(self._stored)
        self.spin.lineEdit().selectAll()

    def focus_left(self) -> None:
        try:
            changed, entry = self.pending()
        except ScoreRejected as error:
            self.rejected.emit(error)
            return
        if changed:
            self.entered.emit(entry, 0)

    def focus_editor(self) -> None:
        self.spin.setFocus(Qt.FocusReason.TabFocusReason)
        self.spin.lineEdit().selectAll()

    def saved(self) -> None:
        self._stored = self.spin.text_value()

    def focus_target(self) -> QWidget:
        return self.spin

    def setReadOnly(self, read_only: bool) -> None:
        super().setReadOnly(read_only)
        self.spin.setReadOnly(read_only)


class ChoiceEditor(ScoreEditor):
    """Buttons for ``ordinal`` grades and for ``yesno`` / ``fixed`` answers."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prompt = plain(QLabel(self))
        self.prompt.setWordWrap(True)
        self.row = QHBoxLayout()
        self.row.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.prompt)
        layout.addLayout(self.row)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.group.idClicked.connect(self._clicked)
        self.choices: list[str] = []
        self.buttons: list[QPushButton] = []
        # Read-only, the buttons are disabled and the editor itself holds the focus, so
        # that typed digits are refused out loud instead of going nowhere.
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.watch(self)

    def load(self, scheme: Scheme, leaf: Indicator, record: ScoreRecord | None, reported) -> None:
        self.leaf = leaf
        self.record = record
        mode = mode_for(scheme, leaf)
        names = {YES: self.tr("Yes"), NO: self.tr("No")}
        options = [(c, names.get(c, c), points) for c, points in mode.options()]
        if mode.choices() == [YES, NO]:
            self.prompt.setText(mode.prompt() or self.tr("Does the platform meet it?"))
        else:
            self.prompt.setText(self.tr("Choose a grade:"))
        self._rebuild(options)
        self.stored(record)

    def stored(self, record: ScoreRecord | None) -> None:
        chosen = record.choice if record is not None and record.points is not None else None
        for choice, button in zip(self.choices, self.buttons, strict=True):
            button.setChecked(choice == chosen)

    def _rebuild(self, options: list[tuple[str, str, Decimal]]) -> None:
        for button in self.buttons:
            self.group.removeButton(button)
            button.deleteLater()
        self.buttons = []
        self.choices = []
        for number, (choice, label, points) in enumerate(options, 1):
            button = QPushButton(f"{number}  {label}  ({fmt(points)})", self)
            button.setCheckable(True)
            button.setAutoDefault(False)
            button.setObjectName(f"choice_{number}")
            self.group.addButton(button, number - 1)
            self.row.addWidget(button)
            self.watch(button)
            self.buttons.append(button)
            self.choices.append(choice)

    def _clicked(self, button_id: int) -> None:
        self.choose(button_id, 0)

    def choose(self, position: int, advance: int) -> None:
        if not 0 <= position < len(self.choices):
            return
        choice = self.choices[position]
        current = self.record.choice if self.record and self.record.points is not None else None
        if choice == current:
            self.moved.emit(advance)
            return
        self.entered.emit(Entry(choice=choice), advance)

    def handle_key(self, event: QKeyEvent) -> bool:
        text = event.text()
        if (
            not self.read_only
            and text.isdigit()
            and text != "0"
            and not event.modifiers() & ~(Qt.KeyboardModifier.KeypadModifier)
        ):
            position = int(text) - 1
            if position < len(self.buttons):
                self.buttons[position].setFocus()
                self.choose(position, 0)
                return True
        return super().handle_key(event)

    def focus_editor(self) -> None:
        checked = self.group.checkedButton()
        target = checked or (self.buttons[0] if self.buttons else None)
        if target is None or self.read_only:
            self.setFocus(Qt.FocusReason.TabFocusReason)
        else:
            target.setFocus(Qt.FocusReason.TabFocusReason)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if not self.read_only and self.buttons:
            self.focus_editor()  # Alt+C lands on the chosen answer

    def setReadOnly(self, read_only: bool) -> None:
        super().setReadOnly(read_only)
        for button in self.buttons:
            button.setEnabled(not read_only)


class BandsEditor(PointsEditor):
    """``bands``: a suggestion from the reported value, accepted or overridden in steps."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.suggestion_label = plain(QLabel(self))
        self.accept_button = QPushButton(self.tr("Accept suggestion"), self)
        self.accept_button.setObjectName("acceptSuggestion")
        self.accept_button.setAutoDefault(False)
        self.accept_button.clicked.connect(lambda: self.accept_suggestion(0))
        self.watch(self.accept_button)
        layout = self.layout()
        assert isinstance(layout, QHBoxLayout)
        layout.insertWidget(0, self.suggestion_label)
        layout.insertWidget(1, self.accept_button)
        self.suggestion: Decimal | None = None

    def load(self, scheme: Scheme, leaf: Indicator, record: ScoreRecord | None, reported) -> None:
        super().load(scheme, leaf, record, reported)
        mode = mode_for(scheme, leaf)
        assert isinstance(mode, Bands)  # the mode chose this editor
        self.suggestion = mode.suggestion(reported)
        accepted = record is not None and record.choice == "suggested"
        if self.suggestion is None:
            self.suggestion_label.setText(self.tr("No suggestion (no numeric reported value)"))
        else:
            self.suggestion_label.setText(
                self.tr("Suggested: {points}").format(points=fmt(self.suggestion))
            )
        self.accept_button.setEnabled(self.suggestion is not None)
        self.accept_button.setChecked(accepted)
        if accepted:
            self._stored = ""
            self.spin.set_text_value("")
        self.range_label.setText(
            self.tr("or override: of {top} (step {step})").format(
                top=fmt(self.spin.top), step=fmt(self.spin.step)
            )
        )

    def accept_suggestion(self, advance: int) -> None:
        if self.record is not None and self.record.choice == "suggested":
            self.moved.emit(advance)
            return
        self.entered.emit(Entry(choice="suggested"), advance)

    def commit(self, advance: int) -> None:
        empty = not self.spin.text_value()
        unscored = self.record is None or self.record.points is None
        if empty and unscored and self.suggestion is not None and advance > 0:
            self.accept_suggestion(advance)
            return
        if empty and self.record is not None and self.record.choice == "suggested":
            self.moved.emit(advance)
            return
        super().commit(advance)

    def focus_left(self) -> None:
        if self.spin.text_value():
            super().focus_left()

    def setReadOnly(self, read_only: bool) -> None:
        super().setReadOnly(read_only)
        self.accept_button.setEnabled(not read_only and self.suggestion is not None)


def editor_kind(scheme: Scheme, leaf: Indicator) -> str:
    """Which editor a leaf uses: the mode says (points, choice, bands or checks)."""
    return mode_for(scheme, leaf).editor
