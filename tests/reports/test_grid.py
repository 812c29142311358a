"""Grids (``PdfRenderer.grid``): the report's large tables laid out and drawn by the report,
printing what reportlab's ``Table`` of the same rows and commands prints, on the same pages."""

from __future__ import annotations

import pytest
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Spacer

from expertscore.reports.pdfbase import PdfRenderer
from expertscore.reports.pdfgrid import Grid, GridError
from tests.reports.helpers import text

HOSTILE = "<b>满分</b> &amp; <img src='x'/>"


class Tables(PdfRenderer):
    """The same long table, as a ``Table`` or as a ``Grid``, between two paragraphs."""

    def __init__(self, as_grid: bool, rows: int = 120, tall: str = "") -> None:
        super().__init__()
        self.as_grid, self.count, self.tall = as_grid, rows, tall

    def stylesheet(self) -> dict[str, ParagraphStyle]:
        styles = super().stylesheet()
        styles["num"] = ParagraphStyle("num", parent=styles["cell"], alignment=TA_RIGHT)
        return styles

    def story(self) -> list[Flowable]:
        rows: list[list[object]] = [[self.plain(h, "cell-head") for h in ("编号", "名称", "得分")]]
        commands: list[tuple[object, ...]] = [
            ("VALIGN", (2, 1), (2, -1), "MIDDLE"),
            ("TOPPADDING", (0, 1), (-1, -1), 1.2),
        ]
        for number in range(1, self.count + 1):
            name = f"平台{number} 工业互联网平台服务中小企业数字化转型" * (1 + number % 3)
            rows.append(
                [self.plain(f"S{number:03d}"), self.para(name), self.plain(f"{number}.5", "num")]
            )
            if number % 7 == 0:
                commands.append(("BACKGROUND", (0, number), (-1, number), colors.lightblue))
        rows.append([self.plain("合计", "small"), "", self.plain("12.5", "num")])
        commands.append(("SPAN", (0, len(rows) - 1), (1, len(rows) - 1)))
        if self.tall:
            rows.insert(1, [self.plain("长"), self.para(self.tall), ""])
        make = self.grid if self.as_grid else self.table
        return [self.para("前言", "body"), make(rows, (0.2, 0.6, 0.2), commands=commands)]


def test_a_grid_prints_what_the_table_prints_on_the_same_pages(tmp_path):
    table = Tables(as_grid=False).render(tmp_path / "table.pdf")
    grid = Tables(as_grid=True).render(tmp_path / "grid.pdf")
    assert grid.pages == table.pages > 3
    assert text(grid.path) == text(table.path)
    for page in range(2, grid.pages + 1):  # the heading row on every page
        assert "编号" in text(grid.path, page)
    assert "合计" in text(grid.path, grid.pages)


def test_a_row_taller_than_a_page_is_split_inside_and_cells_stay_plain_text(tmp_path):
    tall = "\n".join(f"第 {n} 行 {HOSTILE}" for n in range(1, 130))
    printed = Tables(as_grid=True, rows=3, tall=tall).render(tmp_path / "tall.pdf")
    every = text(printed.path)
    assert printed.pages >= 3
    assert "第 1 行" in every and "第 129 行" in every
    assert HOSTILE in every  # printed as it is, never read as markup


def test_a_second_document_prints_every_cell_again(tmp_path):
    """Cells drawn once are replayed within a document only: each has its own font subset."""
    renderer = Tables(as_grid=True, rows=5)
    first = renderer.render(tmp_path / "first.pdf")
    second = renderer.render(tmp_path / "second.pdf")
    assert text(second.path) == text(first.path)
    assert "平台5" in text(second.path)


def test_a_grid_refuses_what_it_would_not_draw_as_the_table_does():
    renderer = Tables(as_grid=True)
    with pytest.raises(GridError):
        renderer.grid([["a"]], (1.0,))  # text cells are flowables in a grid
    with pytest.raises(GridError):
        renderer.grid([[Spacer(1, 1)]], (1.0,), commands=[("ALIGN", (0, 0), (-1, -1), "RIGHT")])
    with pytest.raises(GridError):
        renderer.grid([[Spacer(1, 1)], [Spacer(1, 1)]], (1.0,), commands=[("SPAN", (0, 0), (0, 1))])
    assert isinstance(renderer.grid([[Spacer(1, 1), ""]], (0.5, 0.5)), Grid)
