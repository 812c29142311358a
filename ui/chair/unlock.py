"""Asking for the chair's key before reading files encrypted to the chair.

A package encrypted to the panel, or result files encrypted to the chair, are read with
the chair's decryption key: its passphrase is asked once (``PassphraseDialog``), then the
key stays unlocked in memory for this run. Plain files ask nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from expertscore.crypto import sealed


def needs_key(paths: Iterable[Path]) -> bool:
    return not sealed.unlocked_owners() and any(sealed.is_sealed(Path(p)) for p in paths)


def then_unlocked(
    parent: QWidget, paths: Iterable[Path], then: Callable[[], None], failed: Callable[[str], None]
) -> QWidget | None:
    """Call ``then`` at once, or after the chair unlocked a key for the encrypted ``paths``.

    Returns the dialog shown (kept by the caller while open), or ``None``."""
    if not needs_key(paths):
        then()
        return None
    from expertscore.batch.sealed_package import unlock_key_identity
    from expertscore.errors import ExpertScoreError
    from ui.chair.passphrase import PassphraseDialog
    from ui.chair.texts import failure_text

    dialog = PassphraseDialog(
        QCoreApplication.translate(
            "ChairUnlock",
            "Files encrypted to the panel are opened with your key: type its passphrase.",
        ),
        parent,
        preferred=None,
    )
    dialog.setWindowTitle(QCoreApplication.translate("ChairUnlock", "Open with your key"))
    dialog.ok.setText(QCoreApplication.translate("ChairUnlock", "Unlock"))

    def unlocked(key) -> None:
        try:
            unlock_key_identity(key)
        except ExpertScoreError as error:
            failed(failure_text(error))
            return
        then()

    dialog.unlocked.connect(unlocked)
    dialog.open()
    return dialog
