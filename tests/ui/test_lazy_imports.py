"""The window's cold start imports only what the first window needs.

Dialogs, the package reader, the chair's and organizer's windows, the reports (reportlab),
workbooks (openpyxl) and migrations (alembic) are imported when first used.
"""

from __future__ import annotations

from tests.modules import modules_after

NOT_AT_START = {
    "reportlab",
    "openpyxl",
    "alembic",
    "rich",
    "expertscore.batch.package",
    "expertscore.reports",
    "ui.chair.window",
    "ui.organizer.window",
    "ui.expert.dialogs.about",
    "ui.expert.dialogs.help",
    "ui.expert.dialogs.missing",
    "ui.expert.dialogs.open_package",
    "ui.expert.dialogs.passphrase",
    "ui.expert.dialogs.print_preview",
    "ui.expert.dialogs.recusal",
    "ui.expert.dialogs.submit",
    "ui.expert.dialogs.unlock",
    "ui.expert.notes.request_dialog",
    "expertscore.chair.member_notes",
}


def test_importing_the_window_leaves_the_rest_for_later():
    loaded = modules_after("import ui.expert.window")
    assert "ui.expert.window" in loaded
    assert not NOT_AT_START & loaded


def test_opening_a_session_leaves_the_rest_for_later(demo_session, tmp_path):
    session = tmp_path / "cold.esession"
    session.write_bytes(demo_session.read_bytes())
    loaded = modules_after(
        "import os\n"
        f"os.environ['EXPERTSCORE_SETTINGS_DIR'] = {str(tmp_path / 'settings')!r}\n"
        "from pathlib import Path\n"
        "from ui.app import create_app\n"
        "from ui.expert.window import MainWindow\n"
        "from ui.settings import Settings\n"
        "from expertscore.storage.session import SessionFile\n"
        "app = create_app('zh')\n"
        "window = MainWindow(Settings())\n"
        "window.persist_layout = False\n"
        f"window.set_session(SessionFile(Path({str(session)!r})))\n"
        "window.show()\n"
        "app.processEvents()\n"
        "window.close()"
    )
    assert "ui.expert.scoring.form" in loaded
    assert not NOT_AT_START & loaded


def test_the_gui_command_loads_no_other_command():
    loaded = modules_after(
        "from expertscore.cli.main import cli\n"
        "import click\n"
        "cli.get_command(click.Context(cli), 'gui')"
    )
    assert "ui.cli" in loaded
    assert not {name for name in loaded if name.endswith("_cmd")}
