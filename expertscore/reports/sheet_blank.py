"""Blank scoring sheets for scoring on paper: one section per submission.

Every applicable leaf is printed with its code, name, weight and maximum (organizer-set
numbers marked ``*``), the reported value with its unit and source, the rubric and how the
mode scores, an empty score box (with boxes to tick where the mode offers choices) and a
comment box; groups carry a box for their subtotal. The sheet ends with a totals table to
fill in, the grade levels to tick, a box for the overall comment and lines for signature
and date.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from expertscore.reports.sheet_base import (
    LABEL_TINT,
    BatchLike,
    SheetRenderer,
    SubmissionLike,
    TreeRow,
    bonus_suffix,
    tree_rows,
)
from expertscore.reports.sheet_text import (
    choice_labels,
    group_amount,
    guide_lines,
    is_objective,
    level_text,
    reported_text,
    source_text,
    weight_and_max,
)
from expertscore.schemes.model import Scheme
from expertscore.schemes.rules import fmt
from expertscore.schemes.table import organizer_set_count
from expertscore.scoring.totals import Rollup, rollup

COLUMNS = ("编号", "指标", "权重/满分", "申报值", "评分标准", "得分", "评语")
FRACTIONS = (0.065, 0.17, 0.085, 0.14, 0.26, 0.11, 0.17)
WRITING_ROOM = 11 * mm  # the least height of a leaf's row, to write a score in
SPLIT = 0.5  # the totals table's share of the width; the overall comment box takes the rest


class BlankSheets(SheetRenderer):
    heading = "专家评分表（纸质评分）"
    footer_note = "纸质评分表"

    def __init__(
        self,
        scheme: Scheme,
        batch: BatchLike,
        submissions: Sequence[SubmissionLike],
        leaves: Mapping[str, Collection[str]] | None = None,
    ) -> None:
        super().__init__(scheme, batch)
        self.submissions = list(submissions)
        self.only = leaves

    def leaf_codes(self, sub: SubmissionLike) -> list[str]:
        codes = [leaf.code for leaf in self.scheme.applicable_leaves(sub.category)]
        if self.only is not None and sub.id in self.only:
            chosen = set(self.only[sub.id])
            codes = [code for code in codes if code in chosen]
        return codes

    def story(self) -> list[Flowable]:
        story: list[Flowable] = []
        marks = organizer_set_count(self.scheme) > 0
        for index, sub in enumerate(self.submissions):
            codes = self.leaf_codes(sub)
            maxima = rollup(self.scheme, {}, codes)
            story += self.section_start(sub.id, f"{sub.id}  {sub.platform}", index == 0)
            story += self.particulars(sub, None)
            story.append(self.indicator_table(sub, tree_rows(self.scheme, codes), maxima))
            if marks:
                story += [Spacer(1, 1.5 * mm), self.organizer_note()]
            story.append(Spacer(1, 4 * mm))
            totals = self.totals_table(maxima)
            comment = self.boxed("综合评语", [], 24 * mm, self.column_width(SPLIT, left=False))
            closing = [self.side_by_side([totals], [comment], SPLIT), *self.grade_line(sub)]
            story.append(KeepTogether([*closing, self.signature_lines()]))
        return story

    def indicator_table(self, sub: SubmissionLike, rows: list[TreeRow], maxima: Rollup) -> Table:
        data: list[list[object]] = [[self.para(name, "label") for name in COLUMNS]]
        commands: list[tuple[object, ...]] = []
        for row in rows:
            line = len(data)
            if row.node.is_leaf:
                data.append(self.leaf_cells(sub, row))
                continue
            data.append(self.group_cells(row, maxima))
            commands += [
                ("SPAN", (3, line), (4, line)),
                ("BACKGROUND", (0, line), (-1, line), self.row_tint(row.node, row.depth)),
            ]
        return self.table(data, FRACTIONS, commands)

    def group_cells(self, row: TreeRow, maxima: Rollup) -> list[object]:
        node = row.node
        amount = group_amount(self.scheme, node, maxima.maxima.get(node.code, Decimal(0)))
        about = node.requirement or node.description or ""
        return [
            self.para(node.code),
            self.group_label(node, row.depth),
            self.para(amount),
            self.para(about, "small") if about else "",
            "",
            self.para("小计", "label"),
            "",
        ]

    def leaf_cells(self, sub: SubmissionLike, row: TreeRow) -> list[object]:
        leaf = row.node
        reported = sub.values.get(leaf.code)
        kind = "客观项" if is_objective(self.scheme, leaf) else "主观项"
        guide: list[Flowable] = [
            self.para(line) for line in guide_lines(self.scheme, leaf, reported)
        ]
        if leaf.description:
            guide.append(self.para(leaf.description, "small"))
        choices = choice_labels(self.scheme, leaf)
        stacked = len(choices) > 2
        score: list[Flowable] = [self.tick_boxes(choices, stacked=stacked)] if choices else []
        comment: list[Flowable] = [self.para("核实值：", "label")] if kind == "客观项" else []
        return [
            self.para(leaf.code),
            self.leaf_name(leaf, row.depth, kind),
            self.para(weight_and_max(self.scheme, leaf)),
            [self.para(reported_text(reported)), self.para(source_text(leaf), "small")],
            guide,
            [*score, Spacer(1, WRITING_ROOM if not stacked else 2 * mm)],
            comment,
        ]

    def totals_table(self, maxima: Rollup) -> Table:
        """Rows to add up by hand: each first-level group, base, bonus and total."""
        data: list[list[object]] = [[self.para(h, "label") for h in ("合计", "得分", "满分")]]
        bonus_rows: list[list[object]] = []
        for node in self.scheme.indicators:
            top = maxima.maxima.get(node.code)
            if not top:
                continue
            row = [
                self.para(f"{node.code} {node.name}{bonus_suffix(node)}"),
                "",
                self.para(fmt(top), "num"),
            ]
            (bonus_rows if node.bonus else data).append(row)
        data.append([self.para("基础分合计"), "", self.para(fmt(maxima.base_max), "num")])
        data += bonus_rows
        data.append([self.para("总分"), "", ""])
        data.append([self.para("得分率"), "", ""])
        return self.table(
            data,
            (0.6, 0.2, 0.2),
            width=self.column_width(SPLIT, left=True),
            commands=[("BACKGROUND", (0, len(data) - 2), (-1, len(data) - 1), LABEL_TINT)],
        )

    def grade_line(self, sub: SubmissionLike) -> list[Flowable]:
        scale = self.scheme.grade_scale(sub.category)
        if scale is None:
            return []
        levels = [level_text(level) for level in scale.levels]
        return [Spacer(1, 3 * mm), self.tick_boxes(levels, "建议等级：", size=9.5)]
