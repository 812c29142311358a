"""The chair's key and, optionally, the authority to encrypt the panel file to.

The signing key is chosen and unlocked as for every chair's signature (``PassphraseDialog``);
below it, "Encrypt the panel file to the authority" with the authority's key card or
``age`` recipients file (remembered for the next export), read as ``chair export
--encrypt-to`` reads it. ``recipients()`` is what the export encrypts to.
"""

from __future__ import annotations

from PySide6.QtWidgets import QBoxLayout, QWidget

from expertscore.identity.keys import CHAIR, ExpertKey
from ui.chair.passphrase import PassphraseDialog
from ui.encrypt_to import AUTHORITY, EncryptToField


class PanelExportDialog(PassphraseDialog):
    def __init__(self, purpose: str, parent: QWidget | None = None) -> None:
        super().__init__(purpose, parent, role=CHAIR)
        self.setObjectName("panelExportDialog")
        self.encrypt_to = EncryptToField(
            AUTHORITY, self.tr("Encrypt the panel file to the &authority"), self
        )
        layout = self.layout()
        assert isinstance(layout, QBoxLayout)
        layout.insertWidget(layout.indexOf(self.buttons), self.encrypt_to)
        self.resize(560, 0)

    def recipients(self) -> list[str]:
        return self.encrypt_to.recipients()

    def unlock(self) -> None:
        if not self.encrypt_to.ready():  # said below the check box already
            self.encrypt_to.path.setFocus()
            return
        super().unlock()

    def _unlocked(self, key: ExpertKey) -> None:
        self.encrypt_to.remember()
        super()._unlocked(key)
