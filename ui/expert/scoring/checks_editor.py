"""The ``deduction`` editor (扣分制): a check box per shortcoming the scheme lists.

Each tick or untick is an entry at once (the core gives the maximum less the ticked
deductions, never below 0); "No shortcoming" (or the digit 0) scores the maximum. The
digits 1..9 toggle the n-th shortcoming. Enter moves on, as in the choice editor.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from expertscore.schemes.model import Indicator, Scheme
from expertscore.schemes.modes import Deduction, Entry, mode_for
from expertscore.schemes.rules import fmt
from expertscore.scoring.service import ScoreRecord
from ui.expert.scoring.editors import ScoreEditor
from ui.plaintext import plain


class ChecksEditor(ScoreEditor):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prompt = plain(QLabel(self.tr("Tick each shortcoming found:"), self))
        self.prompt.setWordWrap(True)
        self.none_button = QPushButton(self.tr("0  No shortcoming"), self)
        self.none_button.setObjectName("noShortcoming")
        self.none_button.setAutoDefault(False)
        self.none_button.clicked.connect(lambda: self._send([]))
        self.boxes_layout = QVBoxLayout()
        self.boxes_layout.setContentsMargins(0, 0, 0, 0)
        # The prompt and "no shortcoming" on one row: no taller than the other editors
        # until a leaf's shortcomings are listed (the editors share one stack's height).
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.prompt, 1)
        top.addWidget(self.none_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(self.boxes_layout)
        self.boxes: list[QCheckBox] = []
        self.mode: Deduction | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.watch(self)
        self.watch(self.none_button)

    def load(self, scheme: Scheme, leaf: Indicator, record: ScoreRecord | None, reported) -> None:
        self.leaf = leaf
        self.record = record
        mode = mode_for(scheme, leaf)
        assert isinstance(mode, Deduction)  # the mode chose this editor
        self.mode = mode
        for box in self.boxes:
            box.deleteLater()
        self.boxes = []
        for number, item in enumerate(mode.scoring.deductions, 1):
            box = QCheckBox(f"{number}  {item.label}  (-{fmt(item.points)})", self)
            box.setObjectName(f"shortcoming_{number}")
            box.clicked.connect(lambda _checked=False: self._send(self._ticked()))
            self.boxes_layout.addWidget(box)
            self.watch(box)
            self.boxes.append(box)
        self.stored(record)
        self.setReadOnly(self.read_only)

    def stored(self, record: ScoreRecord | None) -> None:
        assert self.mode is not None
        scored = record is not None and record.points is not None
        ticked = (self.mode.ticked(record.choice) if scored and record else None) or []
        for box, label in zip(self.boxes, self.mode.labels(), strict=True):
            box.setChecked(label in ticked)

    def _ticked(self) -> list[str]:
        assert self.mode is not None
        labels = self.mode.labels()
        return [label for box, label in zip(self.boxes, labels, strict=True) if box.isChecked()]

    def _send(self, ticked: list[str]) -> None:
        assert self.mode is not None
        self.entered.emit(Entry(choice=self.mode.choice_of(ticked)), 0)

    def handle_key(self, event: QKeyEvent) -> bool:
        text = event.text()
        plain_key = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if not self.read_only and text.isdigit() and plain_key:
            position = int(text) - 1
            if position < 0:
                self.none_button.setFocus()
                self._send([])
                return True
            if position < len(self.boxes):
                box = self.boxes[position]
                box.setFocus()
                box.setChecked(not box.isChecked())
                self._send(self._ticked())
                return True
        return super().handle_key(event)

    def focus_editor(self) -> None:
        if self.read_only or not self.boxes:
            self.setFocus(Qt.FocusReason.TabFocusReason)
        else:
            self.boxes[0].setFocus(Qt.FocusReason.TabFocusReason)

    def setReadOnly(self, read_only: bool) -> None:
        super().setReadOnly(read_only)
        for box in self.boxes:
            box.setEnabled(not read_only)
        self.none_button.setEnabled(not read_only)
