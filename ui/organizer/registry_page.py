"""The organizer window's registry tab: the authority's registry, read-only.

Three tables (each platform's rounds, each expert's record, the stored panel files) from
the registry at the URL typed (a SQLite file or a PostgreSQL server, as ``expertscore
registry --db``). Reading runs on the worker thread; the models only hold the records the
core's queries return and show them as plain text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from expertscore.registry.db import default_url
from ui.chair.texts import failure_text
from ui.plaintext import plain_roles, shown
from ui.tasks import BackgroundOp


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], object]
    number: bool = False


class RecordsModel(QAbstractTableModel):
    """Rows of frozen records under named columns; nothing is editable."""

    def __init__(self, columns: Sequence[Column], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.records: list[Any] = []

    def set_records(self, records: Sequence[Any]) -> None:
        self.beginResetModel()
        self.records = list(records)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    @plain_roles
    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = column.value(self.records[index.row()])
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.number:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @plain_roles
    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].header
        return super().headerData(section, orientation, role)


def _percent(value: Decimal | None) -> str | None:
    return None if value is None else f"{value}%"


class RegistryPage(QWidget):
    """The URL, an Open button, the three tables and a line saying what was read."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.url = QLineEdit(default_url(), self)
        self.url.setObjectName("registryUrl")
        self.url.setPlaceholderText(self.tr("sqlite:///FILE or postgresql+psycopg://USER@HOST/DB"))
        self.open_button = QPushButton(self.tr("Open the registry"), self)
        self.open_button.setObjectName("registryOpen")
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setObjectName("registryStatus")
        self.views = QTabWidget(self)
        self.platforms = RecordsModel(self._platform_columns(), self)
        self.experts = RecordsModel(self._expert_columns(), self)
        self.files = RecordsModel(self._file_columns(), self)
        for model, title, name in (
            (self.platforms, self.tr("Platforms' rounds"), "registryPlatforms"),
            (self.experts, self.tr("Experts' records"), "registryExperts"),
            (self.files, self.tr("Panel files"), "registryFiles"),
        ):
            table = QTableView(self)
            table.setObjectName(name)
            table.setModel(model)
            table.setAlternatingRowColors(True)
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            self.views.addTab(table, title)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Registry:"), self))
        row.addWidget(self.url, 1)
        row.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.views, 1)
        self.open_button.clicked.connect(self.load)
        self.url.returnPressed.connect(self.load)

    def load(self) -> None:
        """Read the registry at the typed URL on the worker thread, then show it."""
        url = self.url.text().strip()
        if not url:
            return
        self.open_button.setEnabled(False)
        self.status.setText(self.tr("Reading the registry…"))
        BackgroundOp(self, lambda _report: read_registry(url)).success(self._show).failure(
            self._failed
        ).run()

    def _show(self, views: RegistryViews) -> None:
        self.platforms.set_records(views.rounds)
        self.experts.set_records(views.experts)
        self.files.set_records(views.files)
        self.open_button.setEnabled(True)
        self.status.setText(
            self.tr("{files} panel files, {platforms} platforms' rounds, {experts} experts").format(
                files=len(views.files), platforms=len(views.rounds), experts=len(views.experts)
            )
        )

    def _failed(self, error: BaseException) -> None:
        self.open_button.setEnabled(True)
        self.status.setText(shown(failure_text(error)))

    def _platform_columns(self) -> list[Column]:
        return [
            Column(self.tr("Platform"), lambda r: r.platform),
            Column(self.tr("Operator"), lambda r: r.operator),
            Column(self.tr("Round date"), lambda r: r.batch_created[:10]),
            Column(self.tr("Batch"), lambda r: r.batch_id),
            Column(self.tr("Scheme"), lambda r: r.scheme),
            Column(self.tr("Total"), lambda r: r.total, number=True),
            Column(self.tr("Score rate"), lambda r: _percent(r.percent), number=True),
            Column(self.tr("Grade"), lambda r: r.grade),
            Column(self.tr("Rank"), lambda r: f"{r.rank}/{r.of}", number=True),
            Column(self.tr("Grade changed"), lambda r: self.tr("yes") if r.moved else ""),
        ]

    def _expert_columns(self) -> list[Column]:
        return [
            Column(self.tr("Expert"), lambda r: r.name),
            Column(self.tr("Organization"), lambda r: r.organization),
            Column(self.tr("Panels"), lambda r: r.panels, number=True),
            Column(self.tr("Assigned"), lambda r: r.assigned, number=True),
            Column(self.tr("Scored"), lambda r: r.scored, number=True),
            Column(self.tr("Recusals"), lambda r: r.recused, number=True),
            Column(self.tr("Explanations asked"), lambda r: r.explanations, number=True),
            Column(self.tr("Second rounds"), lambda r: r.second_round, number=True),
            Column(self.tr("Results missing"), lambda r: r.missing, number=True),
        ]

    def _file_columns(self) -> list[Column]:
        return [
            Column(self.tr("Batch"), lambda r: r.batch_id),
            Column(self.tr("Round date"), lambda r: r.batch_created[:10]),
            Column(self.tr("Chair"), lambda r: r.chair),
            Column(self.tr("Chair's key"), lambda r: r.chair_key),
            Column(self.tr("Check"), lambda r: r.check),
            Column(self.tr("Status"), lambda r: r.status),
            Column(self.tr("Correction"), lambda r: r.correction_cause),
            Column(self.tr("SHA-256"), lambda r: r.sha256),
        ]


@dataclass(frozen=True)
class RegistryViews:
    rounds: list
    experts: list
    files: list


def read_registry(url: str) -> RegistryViews:
    """The three views (on the worker thread: this opens the database)."""
    from expertscore.registry.db import open_registry
    from expertscore.registry.queries import expert_records, panel_rows, platform_history

    engine = open_registry(url)
    try:
        return RegistryViews(platform_history(engine), expert_records(engine), panel_rows(engine))
    finally:
        engine.dispose()
