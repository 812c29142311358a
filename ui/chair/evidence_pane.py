"""Beside the chair's score matrix: the evidence each expert pinned for the chosen indicator.

The list names every pin of the indicator's experts (expert, file, page); choosing one
shows that file at that page in the expert's own evidence viewer (``ui.evidence``),
instantiated here read-only over the batch package instead of a session: the files come
from the package, checked against the signed manifest's SHA-256 (``chair.evidence``).
Choosing an expert's cell selects that expert's first pin.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QSplitter, QVBoxLayout, QWidget

from expertscore.batch.package import OpenedPackage
from expertscore.chair.evidence import Pin, evidence_bytes, evidence_records, pins
from expertscore.storage.evidence import EvidenceRecord
from ui.chair.state import ChairState
from ui.evidence.viewer import EvidenceViewer
from ui.plaintext import plain, shown

PIN_ROLE = Qt.ItemDataRole.UserRole + 1
TITLE_LIMIT = 60


class _PackageFiles:
    """What the viewer asks of a session's storage: one evidence file's bytes."""

    def __init__(self, package: OpenedPackage) -> None:
        self.package = package

    def evidence_bytes(self, sha256: str) -> bytes:
        return evidence_bytes(self.package, sha256)


class PackageEvidence:
    """Stands in for the expert's session controller: the package's files, read-only."""

    def __init__(self, package: OpenedPackage) -> None:
        self.package = package
        self.session = _PackageFiles(package)

    def evidence(self, submission: str) -> list[EvidenceRecord]:
        return evidence_records(self.package, submission)


class ChairEvidencePane(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chairEvidence")
        self.viewer: EvidenceViewer | None = None
        self._package: OpenedPackage | None = None
        self.heading = plain(QLabel(self.tr("Evidence the experts pinned"), self))
        self.pin_list = QListWidget(self)
        self.pin_list.setObjectName("pinList")
        self.pin_list.currentItemChanged.connect(self._pin_chosen)
        self.split = QSplitter(Qt.Orientation.Vertical, self)
        self.split.addWidget(self.pin_list)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.split, 1)

    def _viewer_for(self, package: OpenedPackage) -> EvidenceViewer:
        if self.viewer is None or self._package is not package:
            if self.viewer is not None:
                self.viewer.deleteLater()
            self.viewer = EvidenceViewer(PackageEvidence(package), self)
            self.split.addWidget(self.viewer)
            self.split.setSizes([120, 600])
            self._package = package
        return self.viewer

    def show_cell(self, state: ChairState, sid: str, code: str, expert: str | None) -> None:
        """List the pins of ``code``'s experts; show the chosen expert's first (or the first)."""
        viewer = self._viewer_for(state.package)
        found = pins(state.accepted, sid, code, state.experts_of(sid))
        titles = {r.id: r.title or r.filename for r in evidence_records(state.package, sid)}
        self.pin_list.blockSignals(True)
        self.pin_list.clear()
        for pin in found:
            item = QListWidgetItem(self._pin_text(state, pin, titles), self.pin_list)
            item.setData(PIN_ROLE, pin)
        self.pin_list.blockSignals(False)
        viewer.set_submission(sid, code)
        if not found:
            self.heading.setText(self.tr("No expert pinned evidence for this indicator."))
            return
        self.heading.setText(self.tr("Evidence the experts pinned"))
        chosen = next((i for i, pin in enumerate(found) if pin.expert == expert), 0)
        self.pin_list.setCurrentRow(chosen)

    def _pin_text(self, state: ChairState, pin: Pin, titles: dict[str, str]) -> str:
        title = shown(titles.get(pin.evidence, pin.evidence), TITLE_LIMIT)
        who = state.expert_label(pin.expert)
        if pin.page is None:
            return self.tr("{expert}: {file}").format(expert=who, file=title)
        return self.tr("{expert}: {file}, page {page}").format(
            expert=who, file=title, page=pin.page
        )

    def _pin_chosen(self, current: QListWidgetItem | None, _previous) -> None:
        if current is None or self.viewer is None:
            return
        pin: Pin = current.data(PIN_ROLE)
        self.viewer.show_evidence(pin.evidence, pin.page)

    def current_pin(self) -> Pin | None:
        item = self.pin_list.currentItem()
        return item.data(PIN_ROLE) if item is not None else None
