"""The organizer window's registry tab, read-only, on a real registry: the URL typed and
Enter pressed, the tables show what the registry holds, as plain text."""

from __future__ import annotations

import base64
import hashlib
import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

from expertscore.registry.db import open_registry
from expertscore.registry.ingest import ingest
from tests.registry import material
from ui.organizer.registry_page import RegistryPage
from ui.organizer.window import OrganizerWindow


@pytest.fixture(scope="module")
def registry(tmp_path_factory) -> tuple[str, material.Round]:
    folder = tmp_path_factory.mktemp("registry-tab")
    base = material.base_batch(folder)
    found = material.panel_round(folder, base, "LN-2025-1", "2025-06-01T09:00:00+08:00", 11)
    url = f"sqlite:///{folder / 'registry.sqlite'}"
    engine = open_registry(url)
    ingest(engine, found.panel, found.package)
    engine.dispose()
    return url, found


def type_url(page: RegistryPage, url: str) -> None:
    field: QLineEdit = page.url
    field.setFocus()
    QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(field, url)
    QTest.keyClick(field, Qt.Key.Key_Return)


@pytest.fixture
def page(configured_app, qtbot) -> RegistryPage:
    """The organizer window on its registry tab."""
    window = OrganizerWindow()
    window.quiet = True
    qtbot.addWidget(window)
    window.show()
    found = window.findChild(RegistryPage)
    window.tabs.setCurrentWidget(found)
    return found


def test_the_registry_tab_shows_what_the_registry_holds(qtbot, page, registry):
    url, found = registry
    window = page.window()
    assert window.tabs.isTabEnabled(window.tabs.indexOf(page))  # needs no source opened
    type_url(page, url)
    qtbot.waitUntil(lambda: page.files.rowCount() == 1, timeout=30000)
    payload = json.loads(base64.b64decode(json.loads(found.panel.read_bytes())["payload"]))
    rows = {
        page.platforms.index(r, 0).data(): [
            page.platforms.index(r, c).data() for c in range(page.platforms.columnCount())
        ]
        for r in range(page.platforms.rowCount())
    }
    for sub in payload["submissions"]:
        row = rows[sub["platform"]]
        assert row[1] == sub["operator"] and row[3] == "LN-2025-1" and row[2] == "2025-06-01"
        assert row[5] == sub["total"] and row[8] == f"{sub['rank']}/3"
        assert row[7] == (sub["grade"] or "")
    assert page.experts.rowCount() == len(found.package.manifest.roster)
    digest = hashlib.sha256(found.panel.read_bytes()).hexdigest()
    files = page.files
    assert files.index(0, files.columnCount() - 1).data() == digest
    assert not files.flags(files.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    assert page.status.text() == "1 panel files, 3 platforms' rounds, 5 experts"


def test_an_unreachable_registry_is_one_line(qtbot, page):
    type_url(page, "nosuchdb://x/y")
    qtbot.waitUntil(lambda: page.open_button.isEnabled() and "no such" in page.status.text())
    assert page.status.text() == "registry nosuchdb://x/y: no such kind of database"
    assert page.platforms.rowCount() == 0


def test_the_records_model(qtmodeltester, registry):
    from expertscore.registry.queries import platform_history
    from ui.organizer.registry_page import read_registry

    url, _ = registry
    page = RegistryPage()
    views = read_registry(url)
    page.platforms.set_records(views.rounds)
    engine = open_registry(url)
    assert page.platforms.rowCount() == len(platform_history(engine)) == 3
    engine.dispose()
    qtmodeltester.check(page.platforms)
    hostile = views.rounds[0].__class__(
        **{**views.rounds[0].__dict__, "platform": "平台\u202e<b>x"}
    )
    page.platforms.set_records([hostile])
    assert page.platforms.index(0, 0).data() == "平台[U+202E]<b>x"
