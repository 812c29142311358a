"""The one helper for operator text: literal, visible, bounded."""

from __future__ import annotations

from PySide6.QtGui import Qt, QTextDocument

from ui.plaintext import LIMIT, markup, plain_label, plain_roles, shown, tip


def test_ordinary_text_is_unchanged():
    for text in ("辽宁工业互联网平台", "ABC 有限公司 (2025)", "שלום עולם", "line 1\nline 2\tend"):
        assert shown(text) == text
    assert shown(None) == ""


def test_controls_become_visible_and_overrides_inert():
    assert shown("a\x00b\x07c\x1b[31m") == "a␀b␇c␛[31m"
    assert shown("x\x7fy\x85z") == "x␡y\ufffdz"
    assert shown("平台\u202e1 knar\u202c尾\u2066i\u2069") == (
        "平台[U+202E]1 knar[U+202C]尾[U+2066]i[U+2069]"
    )
    assert shown("零\u200b宽") == "零\u200b宽"  # zero-width characters are not controls


def test_long_text_is_cut():
    assert shown("W" * 20_000) == "W" * LIMIT + "…"
    assert shown("W" * 100, 10) == "W" * 10 + "…"


def test_markup_and_tooltips_show_the_text_itself():
    text = "<b>粗体</b> &amp; <img src='x.png'>"
    document = QTextDocument()
    document.setHtml(f"<p>{markup(text)}</p>")
    assert document.toPlainText() == text
    assert tip("平台") == "平台"
    document.setHtml(tip(text + "\n第二行"))
    assert document.toPlainText() == text + "\n第二行"
    assert Qt.mightBeRichText(tip(text))


def test_labels_are_plain(qtbot):
    label = plain_label("<b>粗体</b>")
    qtbot.addWidget(label)
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert label.text() == "<b>粗体</b>"


def test_model_roles_go_through_the_helper():
    class Model:
        @plain_roles
        def data(self, _index, role=Qt.ItemDataRole.DisplayRole):
            return "<b>\x1b</b>"

        @plain_roles
        def headerData(self, _section, _orientation, role=Qt.ItemDataRole.DisplayRole):
            return "<i>\u202e</i>"

    model = Model()
    assert model.data(None, Qt.ItemDataRole.DisplayRole) == "<b>␛</b>"
    assert model.data(None) == "<b>␛</b>"
    assert model.data(None, Qt.ItemDataRole.ToolTipRole) == tip("<b>\x1b</b>")
    assert model.headerData(0, Qt.Orientation.Horizontal) == "<i>[U+202E]</i>"
    assert model.data(None, Qt.ItemDataRole.UserRole) == "<b>\x1b</b>"
