"""Plain-text cells (``TextCell``): the cheap cell of large tables lays text out as a CJK
paragraph would, and prints it literally."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import SimpleDocTemplate, Table

from expertscore.reports.fonts import register_cjk_font
from expertscore.reports.pdfbase import NO_LINE_START, TextCell, broken_lines
from tests.reports.helpers import text

FONT = register_cjk_font()


def width_of(text_: str) -> float:
    return stringWidth(text_, FONT, 9)


def test_lines_break_at_the_width_and_at_line_breaks():
    name = "工业互联网平台服务中小企业数字化转型情况"
    lines = broken_lines(name + "\n第二行", FONT, 9, width_of(name[:8]))
    assert lines == [name[:8], name[8:16], name[16:], "第二行"]
    assert all(width_of(line) <= width_of(name[:8]) for line in lines)


def test_a_closing_mark_never_starts_a_line():
    organization = "本溪源航会计师事务所（特殊普通合伙）"
    lines = broken_lines(organization, FONT, 9, width_of(organization[:-1]))
    assert lines == [organization[:-2], organization[-2:]]
    assert "".join(lines) == organization
    assert not any(line[0] in NO_LINE_START for line in lines)


def test_a_cell_prints_markup_as_it_is(tmp_path):
    style = ParagraphStyle("cell", fontName=FONT, fontSize=9, leading=12)
    hostile = "<b>满分</b> &amp; <img src='x'/>"
    cell = TextCell(hostile, style)
    pdf = tmp_path / "cell.pdf"
    document = SimpleDocTemplate(str(pdf), initialFontName=FONT)
    document.build(
        [Table([[cell, TextCell("一二三四五六七八九十" * 3, style)]], colWidths=[300, 60])]
    )
    printed = text(pdf)
    assert hostile in printed
    assert cell.height == 12  # one line
    assert "一二三四" in printed
