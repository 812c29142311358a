"""How a large document is built cheaply without carrying anything over: cell paragraphs
of the same text and style share their parsed markup and broken lines (``StyleMemo``), kept
beside the style, so what one document laid out goes with its stylesheet; the cycle
collector is paused only while a document is built."""

from __future__ import annotations

import gc

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import SimpleDocTemplate, Table

from expertscore.reports.fonts import register_cjk_font
from expertscore.reports.pdfbase import MEMOS, CellParagraph, PdfRenderer, ReportError
from tests.reports.helpers import text

FONT = register_cjk_font()
FLAG = '<font color="#b42318">分歧大、需复核</font>'


def style() -> ParagraphStyle:
    return ParagraphStyle("cell", fontName=FONT, fontSize=8.5, leading=11.5, wordWrap="CJK")


def test_the_same_text_is_laid_out_once_per_width_and_printed_in_every_cell(tmp_path):
    cell = style()
    first, second = CellParagraph(FLAG, cell), CellParagraph(FLAG, cell)
    assert first.wrap(200, 100) == second.wrap(200, 100) == (200, 11.5)
    assert first.blPara is second.blPara  # broken once
    narrow = CellParagraph(FLAG, cell)
    assert narrow.wrap(30, 100)[1] > 11.5  # another width, its own lines
    assert narrow.blPara is not first.blPara

    pdf = tmp_path / "cells.pdf"
    rows = [[CellParagraph(FLAG, cell), CellParagraph(FLAG, cell)] for _ in range(3)]
    SimpleDocTemplate(str(pdf), initialFontName=FONT).build([Table(rows, colWidths=[120, 40])])
    assert text(pdf).count("分歧大") == 6


def test_nothing_is_kept_once_the_style_is_gone():
    before = len(MEMOS)
    cell = style()
    paragraph = CellParagraph("专家1（E01）", cell)
    paragraph.wrap(100, 100)
    assert len(MEMOS) == before + 1
    del cell, paragraph
    gc.collect()
    assert len(MEMOS) == before


def test_the_cycle_collector_is_paused_only_while_a_document_is_built(tmp_path):
    was_enabled = gc.isenabled()  # the window's tests turn automatic collection off
    paused: list[bool] = []

    class Sheet(PdfRenderer):
        def story(self) -> list:
            paused.append(not gc.isenabled())
            return [self.para("一页")]

    try:
        gc.enable()
        assert Sheet().render(tmp_path / "one.pdf").pages == 1
        assert paused == [True]
        assert gc.isenabled()
        with pytest.raises(ReportError):
            Sheet().render(tmp_path / "gone" / "one.pdf")
        assert gc.isenabled()  # as it was, after a failed build too
        gc.disable()  # as the window has it: collection on its own thread only
        Sheet().render(tmp_path / "two.pdf")
        assert not gc.isenabled()
    finally:
        (gc.enable if was_enabled else gc.disable)()
