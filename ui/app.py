"""Setting up the Qt application: names, high DPI, icon, fonts and translations.

Chinese is the default language: the source strings in the code are English and the
Chinese text comes from ``resources/translations/expertscore_zh_CN.qm``; choosing English
installs no translator. Qt's own ``qtbase_zh_CN`` is loaded too, so standard buttons and
dialogs speak the same language. When the system has no font with Chinese glyphs (a bare
Linux machine), the bundled WenQuanYi Micro Hei is registered and used.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from expertscore import __version__
from expertscore.paths import cjk_font_path, resources_dir
from expertscore.wording import EN, ZH, set_language
from ui.collector import collect_on_interface_thread
from ui.settings import APPLICATION, ORGANIZATION

TRANSLATIONS = "translations"
_installed: list[QTranslator] = []


def icon(name: str) -> QIcon:
    """An icon of ``resources/icons`` by name (SVG, so it stays sharp at any scale)."""
    return QIcon(str(resources_dir() / "icons" / f"{name}.svg"))


def translations_dir() -> Path:
    return resources_dir() / TRANSLATIONS


def install_translators(app: QCoreApplication, language: str) -> None:
    """Replace the installed translators with those of ``language`` ("zh" or "en")."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    set_language(ZH if language == "zh" else EN)  # the core's wording (errors) follows
    if language != "zh":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    own = QTranslator(app)
    if own.load(str(translations_dir() / "expertscore_zh_CN.qm")):
        app.installTranslator(own)
        _installed.append(own)
    qt = QTranslator(app)
    if qt.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)


def ensure_cjk_font(app: QGuiApplication) -> str | None:
    """Use the bundled CJK font when no installed font has Chinese glyphs.

    Returns the family registered, or ``None`` when the system already has one.
    """
    if QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        return None
    font_id = QFontDatabase.addApplicationFont(str(cjk_font_path()))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        return None
    font = QFont(families[0], app.font().pointSize())
    app.setFont(font)
    return families[0]


def configure_app(app: QApplication, language: str) -> None:
    """Everything an application object needs before the first window is shown."""
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QCoreApplication.setApplicationVersion(__version__)
    app.setWindowIcon(icon("app"))
    collect_on_interface_thread(app)
    ensure_cjk_font(app)
    install_translators(app, language)


def create_app(language: str, argv: list[str] | None = None) -> QApplication:
    """The one application object of the process (reused if it exists, as in tests)."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        # Fractional scale factors (150%) as they are, rather than rounded to 1x or 2x.
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        app = QApplication(argv if argv is not None else sys.argv[:1])
    configure_app(app, language)
    return app
