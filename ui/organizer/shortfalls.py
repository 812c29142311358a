"""The submissions the assignment could not staff, each with its ways out, one click away.

A row says which submission, how many experts of which pool are free of conflicts and how
many are asked for; its buttons are the core's ways out (``Shortfall.ways_out``): ask
fewer experts for it (when the aggregation policy allows), add an expert (of the missing
role), review the conflict that keeps an expert apart.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from expertscore.batch.manifest import Submission
from expertscore.organizer.assign import Shortfall, WayOut
from ui.plaintext import plain_label, shown, tip

ERROR_STYLE = "color: #b91c1c;"


class ShortfallList(QScrollArea):
    lower = Signal(str, int)  # submission, experts to ask for it
    addExpert = Signal(str)  # the role wanted ("" for any)
    review = Signal(str, str)  # expert, submission

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortfalls")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.buttons: list[QPushButton] = []
        self._set_rows(QWidget(self))

    def _set_rows(self, body: QWidget) -> None:
        self.body = body
        self.rows = QVBoxLayout(body)
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.setWidget(body)

    def show_shortfalls(
        self, shortfalls: list[Shortfall], submissions: list[Submission], policy_needs: int
    ) -> None:
        self.buttons = []
        self._set_rows(QWidget(self))
        platforms = {s.id: s.platform for s in submissions}
        for short in shortfalls:
            self.rows.addWidget(self._row(short, platforms.get(short.submission, ""), policy_needs))
        self.rows.addStretch(1)
        # As tall as its rows, up to about five of them; more scroll.
        self.setFixedHeight(min(self.body.sizeHint().height() + 4, 160))
        self.setVisible(bool(shortfalls))

    def _row(self, short: Shortfall, platform: str, policy_needs: int) -> QWidget:
        row = QWidget(self.body)
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        pool = (
            self.tr("experts of role {role}").format(role=short.role)
            if short.role
            else self.tr("experts")
        )
        label = plain_label(
            (
                self.tr(
                    "{submission} {platform}: only {free} {pool} free of conflicts,"
                    " {wanted} asked for."
                ).format(
                    submission=short.submission,
                    platform=platform,
                    free=short.free,
                    pool=pool,
                    wanted=short.wanted,
                )
            ),
            row,
        )
        label.setStyleSheet(ERROR_STYLE)
        label.setWordWrap(True)
        line.addWidget(label, 1)
        for way in short.ways_out(policy_needs):
            line.addWidget(self._button(way, short, row))
        return row

    def _button(self, way: WayOut, short: Shortfall, parent: QWidget) -> QPushButton:
        sid = short.submission
        if way.kind == "lower":
            text = self.tr("Ask {count} for {submission}").format(count=way.count, submission=sid)
            action = lambda: self.lower.emit(sid, way.count)  # noqa: E731
        elif way.kind == "add":
            text = (
                self.tr("Add an expert of role {role}…").format(role=way.role)
                if way.role
                else self.tr("Add an expert…")
            )
            action = lambda: self.addExpert.emit(way.role)  # noqa: E731
        else:
            text = self.tr("Review {expert}'s conflict").format(expert=way.expert)
            action = lambda: self.review.emit(way.expert, sid)  # noqa: E731
        button = QPushButton(shown(text), parent)
        button.setObjectName(f"wayOut-{way.kind}-{sid}-{way.expert or way.role}")
        button.setToolTip(tip(way.reason) if way.reason else "")
        button.clicked.connect(action)
        self.buttons.append(button)
        return button
