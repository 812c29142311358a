"""Qt's own words that Qt's Chinese catalogue (``qtbase_zh_CN``) leaves out.

Qt 6 gave the file dialog's "Look in:" and "Files of type:" a mnemonic, and its Chinese
catalogue still has only the old sources, so those two labels stayed English. Listed here
under Qt's own context, lupdate puts them in the program's translation, which Qt consults
when its own catalogue has no entry.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

QT_GAPS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
)
