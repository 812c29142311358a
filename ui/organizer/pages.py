"""The organizer window's pages: source, roster, values, assignments, export.

Each page is a plain widget with its inputs as attributes; the window connects them to the
draft. Nothing here checks anything: the draft does, with the core.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QTableView,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from expertscore.crypto.dsse import ED25519, SM2
from expertscore.schemes.registry import bundled_schemes
from ui.chair.fields import PathField
from ui.organizer.shortfalls import ShortfallList
from ui.organizer.signing import SignPanel

ERROR_STYLE = "color: #b91c1c;"
HINT_STYLE = "color: palette(placeholder-text);"


def _label(text: str, parent: QWidget, style: str = "", name: str = "") -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    if style:
        label.setStyleSheet(style)
    if name:
        label.setObjectName(name)
    return label


def _table(parent: QWidget, name: str) -> QTableView:
    table = QTableView(parent)
    table.setObjectName(name)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setDefaultSectionSize(26)
    return table


class SourcePage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = PathField(
            PathField.OPEN,
            self.tr("The authority's package or Excel form"),
            self.tr("Packages and Excel forms (*.esbatch *.zip *.xlsx *.xlsm);;All files (*)"),
            self,
        )
        self.evidence = PathField(PathField.FOLDER, self.tr("Evidence folder"), parent=self)
        self.scheme = QComboBox(self)
        for bundled in bundled_schemes():
            self.scheme.addItem(f"{bundled.scheme.title} ({bundled.scheme.id})", bundled.scheme.id)
        self.open_button = QPushButton(self.tr("Open"), self)
        self.open_button.setObjectName("openSourceButton")
        self.info = _label(
            self.tr("Open the authority's batch package, or its Excel form with its evidence."),
            self,
            name="sourceInfo",
        )
        self.submissions = QListWidget(self)
        self.source.changed.connect(self._source_changed)
        self._source_changed()
        form = QFormLayout()
        form.addRow(self.tr("Package or Excel form:"), self.source)
        form.addRow(self.tr("Evidence folder (Excel form):"), self.evidence)
        form.addRow(self.tr("Scheme (Excel form):"), self.scheme)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addWidget(self.info)
        layout.addWidget(self.submissions, 1)

    def _source_changed(self) -> None:
        path = self.source.path()
        form = path is not None and path.suffix.lower() in (".xlsx", ".xlsm")
        self.evidence.setEnabled(form)
        self.scheme.setEnabled(form)


class RosterPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = _table(self, "rosterTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.add_cards = QPushButton(self.tr("Add key cards…"), self)
        self.remove = QPushButton(self.tr("Remove expert"), self)
        self.open_roster = QPushButton(self.tr("Open roster…"), self)
        self.save_roster = QPushButton(self.tr("Save roster…"), self)
        self.message = _label("", self, ERROR_STYLE, "rosterMessage")
        buttons = QHBoxLayout()
        for button in (self.add_cards, self.remove):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (self.open_roster, self.save_roster):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(
            _label(
                self.tr(
                    "Each expert's key card pins their key in the package, so only they can"
                    " sign their results. Role and declared conflicts (submission ids or"
                    " operator names) can be edited in the table."
                ),
                self,
                HINT_STYLE,
            )
        )
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)


class ValuesPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.set_by = QLineEdit(self)
        self.set_by.setObjectName("setBy")
        self.set_by.setPlaceholderText(self.tr("e.g. 评审处"))
        self.table = _table(self, "valuesTable")
        self.problem = _label("", self, ERROR_STYLE, "valuesProblem")
        form = QFormLayout()
        form.addRow(self.tr("Set by:"), self.set_by)
        layout = QVBoxLayout(self)
        layout.addWidget(
            _label(
                self.tr(
                    "The numbers the guide leaves open, with the scheme's defaults. The scheme"
                    " rules are checked as you type (weights must add up to their parent)."
                ),
                self,
                HINT_STYLE,
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problem)


class AssignmentsPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.per_submission = QSpinBox(self)
        self.per_submission.setObjectName("perSubmission")
        self.per_submission.setRange(1, 99)
        self.split_size = QSpinBox(self)
        self.split_size.setRange(0, 99)
        self.split_size.setSpecialValueText(self.tr("as above"))
        self.split = QTableWidget(0, 2, self)
        self.split.setObjectName("splitTable")
        self.split.setHorizontalHeaderLabels([self.tr("Indicator group"), self.tr("Scored by")])
        self.split.verticalHeader().hide()
        self.split.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.split.setColumnWidth(1, 200)
        self.split.setMaximumHeight(170)
        self.reset = QPushButton(self.tr("Undo hand changes"), self)
        self.grid = _table(self, "assignmentGrid")
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.summary = _label("", self, name="assignmentSummary")
        self.problem = _label("", self, ERROR_STYLE, "assignmentProblem")
        self.shortfalls = ShortfallList(self)
        form = QFormLayout()
        form.addRow(self.tr("Experts per submission:"), self.per_submission)
        form.addRow(self.tr("Experts per split group:"), self.split_size)
        top = QHBoxLayout()
        top.addLayout(form)
        top.addWidget(self.split, 1)
        controls = QHBoxLayout()
        controls.addWidget(self.summary, 1)
        controls.addWidget(self.reset)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(
            _label(
                self.tr(
                    "The automatic assignment keeps every conflict of interest apart and"
                    " balances the loads. Click a cell to assign or unassign by hand."
                ),
                self,
                HINT_STYLE,
            )
        )
        layout.addWidget(self.grid, 1)
        layout.addLayout(controls)
        layout.addWidget(self.problem)
        layout.addWidget(self.shortfalls)

    def role_combo(self, roles: list[str], chosen: str | None) -> QComboBox:
        combo = QComboBox(self.split)
        combo.addItem(self.tr("the whole panel"), "")
        for role in roles:
            combo.addItem(self.tr("role {role} only").format(role=role), role)
        if chosen:
            combo.setCurrentIndex(max(combo.findData(chosen), 0))
        return combo


class ExportPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.batch_id = QLineEdit(self)
        self.batch_id.setObjectName("batchId")
        self.batch_id.setToolTip(
            self.tr("A new id for this round; the authority's batch id is kept in the title.")
        )
        self.title = QLineEdit(self)
        self.organizer = QLineEdit(self)
        self.organizer.setObjectName("organizerName")
        self.organizer.setToolTip(
            self.tr("Who prepares the round, as every expert and the chair will see it.")
        )
        self.algorithm = QComboBox(self)
        self.algorithm.setObjectName("signatureAlgorithm")
        self.algorithm.addItem(self.tr("Ed25519 (default)"), ED25519)
        self.algorithm.addItem(self.tr("SM2 (national SM2/SM3 cryptography)"), SM2)
        self.algorithm.setToolTip(
            self.tr(
                "How every file of the round is signed: the package, the experts' key cards and"
                " results, the chair's panel file. Every key of the round must be of it."
            )
        )
        self.signing = SignPanel(self)
        self.out = PathField(
            PathField.SAVE,
            self.tr("The round's package"),
            self.tr("Batch packages (*.esbatch)"),
            self,
        )
        self.sheets = QCheckBox(self.tr("Also print blank scoring sheets for the round"), self)
        self.sheets.setChecked(True)
        self.index = QCheckBox(
            self.tr("Carry the evidence's page texts (experts' programs need not extract them)"),
            self,
        )
        self.index.setObjectName("carryPageTexts")
        self.encrypt = QCheckBox(
            self.tr("Encrypt the package to the panel (the roster, the organizer, the chair)"),
            self,
        )
        self.encrypt.setObjectName("encryptPackage")
        self.chair_card = PathField(
            PathField.OPEN,
            self.tr("The chair's key card"),
            self.tr("Key cards (*.eskeycard)"),
            self,
        )
        self.chair_card.setToolTip(self.tr("The chair can open the encrypted package too."))
        self.summary = _label("", self, name="exportSummary")
        self.problem = _label("", self, ERROR_STYLE, "exportProblem")
        self.export = QPushButton(self.tr("Sign and export"), self)
        self.export.setObjectName("exportButton")
        self.result = _label("", self, name="exportResult")
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        form.addRow(self.tr("Organizer:"), self.organizer)
        form.addRow(self.tr("Batch id of the round:"), self.batch_id)
        form.addRow(self.tr("Title:"), self.title)
        form.addRow(self.tr("Signature algorithm:"), self.algorithm)
        form.addRow(self.tr("Sign with:"), self.signing)
        form.addRow(self.tr("Passphrase:"), self.signing.passphrase)
        form.addRow(self.tr("Package file:"), self.out)
        form.addRow("", self.sheets)
        form.addRow("", self.index)
        form.addRow("", self.encrypt)
        form.addRow(self.tr("Chair's key card:"), self.chair_card)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.export)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.problem)
        layout.addLayout(row)
        layout.addWidget(self.result)
        layout.addStretch(1)
