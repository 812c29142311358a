"""The evidence viewer: PDFs, images, workbooks; linked files first; pins."""

from __future__ import annotations

from PySide6.QtCore import Qt

from expertscore.scoring.service import Pin

from .helpers import stored_scores


def test_pdf_is_shown_with_pages_zoom_and_search(demo_window, qtbot):
    viewer = demo_window.viewer
    assert viewer.kind == "pdf"
    pdf = viewer.pdf
    assert pdf.page_count > 0
    qtbot.waitUntil(lambda: not pdf.pending() and not pdf.shown_image.isNull(), timeout=60000)
    width = pdf.shown_image.width()
    pdf.zoom_in()
    qtbot.waitUntil(lambda: not pdf.pending(), timeout=60000)
    assert pdf.shown_image.width() > width
    pdf.fit_width()
    if pdf.page_count > 1:
        pdf.next_page()
        assert pdf.page == 1
        assert viewer.current_evidence()[1] == 2
    pdf.search("工业互联网平台")
    qtbot.waitUntil(lambda: bool(pdf.results), timeout=30000)
    assert "match" in pdf.result_label.text()


def test_image_is_shown_and_fits(demo_window, qtbot):
    viewer = demo_window.viewer
    row = next(
        row
        for row in range(viewer.model.rowCount())
        if viewer.model.record(row).media_type == "image/png"
    )
    viewer.show_row(row)
    qtbot.waitUntil(lambda: not viewer.loading(), timeout=10000)
    assert viewer.kind == "image"
    assert viewer.stack.currentWidget() is viewer.image
    assert not viewer.image.original.isNull()
    fitted = viewer.image.factor()
    viewer.image.zoom_in()
    assert viewer.image.factor() > fitted
    viewer.image.fit()
    assert viewer.image.factor() == fitted
    assert viewer.current_evidence() == (viewer.model.record(row).id, None)


def test_linked_evidence_comes_first(demo_window):
    window = demo_window
    records = window.controller.evidence("S001")
    photo = next(r for r in records if r.media_type == "image/png")
    code = photo.indicators[-1]
    window.form.select_indicator(code, focus=False)
    first = window.viewer.model.record(0)
    assert first.supports(code)
    assert window.viewer.record.supports(code)
    linked = [window.viewer.model.record(r).supports(code) for r in range(len(records))]
    assert linked == sorted(linked, reverse=True)


def test_workbook_shown_as_table(demo_window, qtbot):
    window = demo_window
    submission, record = next(
        (sid, r)
        for sid in window.rows
        for r in window.controller.evidence(sid)
        if r.media_type.endswith("spreadsheetml.sheet")
    )
    window.panes.select(submission)
    window.viewer.show_evidence(record.id)
    qtbot.waitUntil(lambda: not window.viewer.loading(), timeout=10000)
    assert window.viewer.kind == "table", window.viewer.other.message.text()
    model = window.viewer.table.model
    assert model.rowCount() > 0 and model.columnCount() > 0
    # Columns are sized by their data; a long title in A1 does not widen column A past
    # the cap, so the data columns stay in view.
    header = window.viewer.table.table.horizontalHeader()
    assert max(header.sectionSize(c) for c in range(header.count())) <= (
        header.maximumSectionSize()
    )


def test_pin_the_shown_page_to_a_score(demo_window, demo_session, qtbot):
    window = demo_window
    form = window.form
    form.select_indicator("1.1.1", focus=False)
    viewer = window.viewer
    assert viewer.kind == "pdf"
    shown = viewer.current_evidence()
    qtbot.mouseClick(form.detail.pin_button, Qt.MouseButton.LeftButton)
    pins = stored_scores(demo_session, "S001")["1.1.1"].pins
    assert pins == (Pin(shown[0], shown[1]),)
    assert form.detail.pins_model.rowCount() == 1
    # Activating the pin shows that file and page again.
    image_row = next(
        row
        for row in range(viewer.model.rowCount())
        if viewer.model.record(row).media_type == "image/png"
    )
    viewer.show_row(image_row)
    form.detail.pins.activated.emit(form.detail.pins_model.index(0, 0))
    assert viewer.current_evidence() == shown
    window.actions.undo.trigger()
    assert stored_scores(demo_session, "S001")["1.1.1"].pins == ()
