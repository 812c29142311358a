"""About the program."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from expertscore import __version__


def about_text() -> str:
    return QCoreApplication.translate(
        "AboutDialog",
        "<h3>ExpertScore {version}</h3>"
        "<p>Offline expert scoring of industrial internet platforms.</p>"
        "<p>Your scores stay in your session file on this computer; every accepted"
        " edit is saved at once.</p>"
        "<p>Chinese text uses WenQuanYi Micro Hei (Apache-2.0) where the system has"
        " no Chinese font.</p>",
    ).format(version=__version__)


def show_about(parent: QWidget | None) -> None:
    QMessageBox.about(
        parent, QCoreApplication.translate("AboutDialog", "About ExpertScore"), about_text()
    )
