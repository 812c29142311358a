"""Submission > The chair's request…: open the chair's request file and answer it.

One action added to the expert's window (``install``); the dialog (``ChairRequestDialog``)
does the rest. The request must be for this session's batch; the expert's key must be on
this computer (it signs the notes).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog

from expertscore.errors import ExpertScoreError
from expertscore.identity.keys import find_key
from ui.messages import error_text

if TYPE_CHECKING:
    from ui.expert.notes.request_dialog import ChairRequestDialog, NoteFacts
    from ui.expert.window import MainWindow

# The dialog and the notes' core (signing, the PDF module's atomic writer) are imported when
# the request is first opened: the window's cold start needs none of them.


class NotesFlow(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: ChairRequestDialog | None = None
        self.action = QAction(
            QCoreApplication.translate("NotesFlow", "The chair's &request…"), window
        )
        self.action.setObjectName("chairRequest")
        self.action.setEnabled(False)
        self.action.triggered.connect(self.choose)
        for entry in window.menuBar().actions():
            menu = entry.menu()
            if menu is not None and window.actions.submit in menu.actions():
                menu.addSeparator()
                menu.addAction(self.action)
        window.sessionShown.connect(lambda: self.action.setEnabled(True))

    def choose(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self.window,
            self.tr("The chair's request"),
            "",
            self.tr("Requests (*.json);;All files (*)"),
        )
        if chosen:
            self.open_request(Path(chosen))

    def facts(self) -> NoteFacts | None:
        from ui.expert.notes.request_dialog import NoteFacts

        controller = self.window.controller
        if controller is None:
            return None
        session = controller.session
        info = session.info
        rows = controller.scoring.submissions()
        return NoteFacts(
            expert=info.expert_id,
            batch_id=info.batch_id,
            manifest_sha256=info.manifest_sha256,
            platforms={row.id: row.platform for row in rows},
            folder=session.path.parent,
            algorithm=session.manifest.algorithm,
            signer_id=session.manifest.signer_id,
        )

    def open_request(self, path: Path) -> ChairRequestDialog | None:
        """Show the request at ``path`` for this session (the dialog is open on return)."""
        from expertscore.chair.explain_request import read_request_for
        from ui.expert.notes.request_dialog import ChairRequestDialog

        facts = self.facts()
        if facts is None:
            return None
        try:
            request = read_request_for(path, facts.manifest_sha256)
            key = find_key(facts.expert)
        except ExpertScoreError as error:  # a key file error too
            self.window.show_error(error_text(error))
            return None
        if key is None:
            self.window.show_error(
                self.tr(
                    "Your signing key is not on this computer: the notes to the chair are"
                    " signed with it. Submit your scores first (it is made then), or copy"
                    " your key file here."
                )
            )
            return None
        self.dialog = ChairRequestDialog(request, facts, key, self.window)
        self.dialog.accepted.connect(self._signed)
        self.dialog.open()
        return self.dialog

    def _signed(self) -> None:
        if self.dialog is None:
            return
        names = ", ".join(str(path) for path in self.dialog.written)
        self.window.statusBar().showMessage(
            self.tr("Signed for the chair: {files}").format(files=names), 30000
        )
