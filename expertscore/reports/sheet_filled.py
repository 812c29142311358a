"""Filled scoring sheets: one expert's scores of each assigned submission, to sign by hand.

Every number is the core's own ``Decimal`` written with ``fmt``: the points of each leaf,
the subtotal of each group, base, bonus and total are the session's ``Rollup``, so the
sheet adds up exactly as the result file does. Each submission ends with the expert's
particulars, the key fingerprint, the result file's SHA-256 as text and as a QR code (or
"未提交 / not yet submitted"), and lines for signature and date. A recused submission
says so, with the reason, instead of scores.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from expertscore.reports.pdfbase import ALERT, markup
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
    NOT_SCORED,
    attainable_text,
    entry_text,
    is_objective,
    level_text,
    max_text,
    percent_text,
    reported_text,
    source_text,
)
from expertscore.schemes.model import Scheme
from expertscore.schemes.rules import fmt
from expertscore.schemes.table import amount_text, organizer_set_count
from expertscore.scoring.service import Note, ScoreRecord
from expertscore.scoring.totals import Rollup, grade_for

COLUMNS = ("编号", "指标", "满分", "申报值", "核实值", "得分", "评语")
FRACTIONS = (0.065, 0.19, 0.07, 0.15, 0.12, 0.115, 0.29)
QR_SIZE = 30 * mm
SPLIT = 0.52  # the totals' share of the width; the overall comment takes the rest
NOT_SUBMITTED = "未提交 / not yet submitted"
RECUSAL_SOURCES = {"roster": "组织方名单所列利益冲突", "declared": "专家本人声明"}


@dataclass(frozen=True)
class ExpertCard:
    id: str
    name: str
    organization: str | None = None
    role: str | None = None

    def __str__(self) -> str:
        more = " · ".join(part for part in (self.id, self.organization, self.role) if part)
        return f"{self.name}（{more}）"


@dataclass(frozen=True)
class RecusalCard:
    reason: str
    source: str
    declared_at: str


@dataclass(frozen=True)
class FilledSubmission:
    """Everything printed for one submission, read from the session beforehand."""

    sub: SubmissionLike
    leaves: list[str]  # the leaf codes assigned to this expert, in scheme order
    applicable: int  # how many leaves apply to the submission's category
    scores: Mapping[str, ScoreRecord]
    totals: Rollup
    note: Note
    recusal: RecusalCard | None = None


class FilledSheets(SheetRenderer):
    heading = "专家评分表"
    footer_note = "专家评分表"

    def __init__(
        self,
        scheme: Scheme,
        batch: BatchLike,
        expert: ExpertCard,
        items: Sequence[FilledSubmission],
        digest: str | None,
        fingerprint: str | None,
    ) -> None:
        super().__init__(scheme, batch)
        self.expert = expert
        self.items = list(items)
        self.digest = digest
        self.fingerprint = fingerprint

    def story(self) -> list[Flowable]:
        story: list[Flowable] = []
        for index, item in enumerate(self.items):
            sub = item.sub
            label = f"{sub.id}  {sub.platform} · 专家 {self.expert.id}"
            story += self.section_start(sub.id, label, index == 0)
            story += self.particulars(sub, str(self.expert))
            closing = [self.verification(), self.signature_lines()]
            if item.recusal is not None:
                story += [self.recusal_box(item.recusal), Spacer(1, 4 * mm), *closing]
                continue
            story += self.scored_body(item)
            comment = self.comment_box(item.note, self.column_width(SPLIT, left=False))
            totals = self.side_by_side(self.summary(item), [comment], SPLIT)
            story.append(KeepTogether([totals, Spacer(1, 3 * mm), *closing]))
        return story

    # --- the scores --------------------------------------------------------------------

    def scored_body(self, item: FilledSubmission) -> list[Flowable]:
        body: list[Flowable] = []
        if len(item.leaves) < item.applicable:
            body.append(
                self.para(
                    f"分工评分：本表仅含分配给本专家的 {len(item.leaves)} 项指标"
                    f"（该平台适用 {item.applicable} 项）。",
                    "small",
                )
            )
            body.append(Spacer(1, 1.5 * mm))
        body.append(self.indicator_table(item, tree_rows(self.scheme, item.leaves)))
        if organizer_set_count(self.scheme):
            body += [Spacer(1, 1.5 * mm), self.organizer_note()]
        missing = [
            code for code in item.leaves if item.scores.get(code, ScoreRecord()).points is None
        ]
        if missing:
            body.append(
                Paragraph(
                    f'<font color="{ALERT.hexval()}">尚有 {len(missing)} 项未评分'
                    f"（{markup('、'.join(missing))}），按 0 分计入合计。</font>",
                    self.styles["cell"],
                )
            )
        body.append(Spacer(1, 4 * mm))
        return body

    def indicator_table(self, item: FilledSubmission, rows: list[TreeRow]) -> Table:
        data: list[list[object]] = [[self.para(name, "label") for name in COLUMNS]]
        commands: list[tuple[object, ...]] = []
        for row in rows:
            line = len(data)
            if row.node.is_leaf:
                data.append(self.leaf_cells(item, row))
                continue
            node = row.node
            data.append(self.group_cells(item, row))
            commands += [
                ("SPAN", (3, line), (4, line)),
                ("BACKGROUND", (0, line), (-1, line), self.row_tint(node, row.depth)),
            ]
        return self.table(data, FRACTIONS, commands)

    def group_cells(self, item: FilledSubmission, row: TreeRow) -> list[object]:
        """A group's row: its attainable points and its subtotal (capped for a bonus group)."""
        node = row.node
        cap = f"（上限 {amount_text(node.cap)}）" if node.cap else ""
        return [
            self.para(node.code),
            self.group_label(node, row.depth),
            self.para(attainable_text(node, item.totals.maxima[node.code]), "num"),
            self.para(f"小计{cap}", "num"),
            "",
            self.para(fmt(item.totals.points[node.code]), "num"),
            "",
        ]

    def leaf_cells(self, item: FilledSubmission, row: TreeRow) -> list[object]:
        leaf = row.node
        record = item.scores.get(leaf.code, ScoreRecord())
        score = entry_text(record.points, record.choice)
        style = "num" if score != NOT_SCORED else "alert"
        objective = is_objective(self.scheme, leaf)
        verified = record.verified_value or ("未核实" if objective else "—")
        return [
            self.para(leaf.code),
            self.leaf_name(leaf, row.depth, "客观项" if objective else "主观项"),
            self.para(max_text(self.scheme, leaf), "num"),
            [
                self.para(reported_text(item.sub.values.get(leaf.code))),
                self.para(source_text(leaf), "small"),
            ],
            self.para(verified),
            self.para(score, style),
            self.para(record.comment) if record.comment else "",
        ]

    def summary(self, item: FilledSubmission) -> list[Flowable]:
        """Subtotals of the first-level groups, base, bonus, total, share and grade."""
        totals = item.totals
        data: list[list[object]] = [[self.para(h, "label") for h in ("合计", "得分", "满分")]]
        bonus_rows: list[list[object]] = []
        for node in self.scheme.indicators:
            if not totals.maxima.get(node.code):
                continue
            got = self.para(fmt(totals.points[node.code]), "num")
            top = self.para(fmt(totals.maxima[node.code]), "num")
            if node.bonus:
                cap = f"（上限 {amount_text(node.cap)}）" if node.cap else ""
                label = f"{node.code} {node.name}{bonus_suffix(node)}{cap}"
                bonus_rows.append([self.para(label), got, top])
            else:
                data.append([self.para(f"{node.code} {node.name}"), got, top])
        data.append(
            [
                self.para("基础分合计"),
                self.para(fmt(totals.base), "num"),
                self.para(fmt(totals.base_max), "num"),
            ]
        )
        if bonus_rows:
            data += bonus_rows
            data.append([self.para("加分合计"), self.para(fmt(totals.bonus), "num"), ""])
        data.append([self.para("总分"), self.para(fmt(totals.total), "big"), ""])
        last = len(data) - 1
        table = self.table(
            data,
            (0.6, 0.2, 0.2),
            width=self.column_width(SPLIT, left=True),
            commands=[("BACKGROUND", (0, last), (-1, last), LABEL_TINT)],
        )
        return [table, Spacer(1, 2 * mm), *self.grade_lines(item)]

    def grade_lines(self, item: FilledSubmission) -> list[Flowable]:
        percent = item.totals.percent
        lines = [
            f"得分率：{percent_text(percent)}（总分 ÷ 可得基础分 {fmt(item.totals.base_max)}）"
        ]
        if self.scheme.grade_scale(item.sub.category) is not None:
            level = grade_for(self.scheme, item.sub.category, percent)
            lines.append("建议等级：" + (level_text(level) if level else "未达到最低等级"))
        return [self.para(line, "body") for line in lines]

    def comment_box(self, note: Note, width: float) -> Table:
        lines: list[Flowable] = []
        if note.comment:
            lines.append(self.para(note.comment, "body"))
        if note.category:
            lines.append(self.para(f"专家建议类别：{self.category_name(note.category)}", "small"))
        if note.level:
            lines.append(self.para(f"专家建议等级：{self.level_name(note.level)}", "small"))
        if not lines:
            lines.append(self.para("（无）", "small"))
        return self.boxed("综合评语", lines, 4 * mm, width)

    def level_name(self, code: str) -> str:
        scales = [self.scheme.grades, *(c.grades for c in self.scheme.categories)]
        for scale in scales:
            for level in scale.levels if scale else ():
                if level.code == code:
                    return level.name
        return code

    # --- recusal and verification ------------------------------------------------------

    def recusal_box(self, recusal: RecusalCard) -> Table:
        source = RECUSAL_SOURCES.get(recusal.source, recusal.source)
        lines = [
            Paragraph(
                f'<font color="{ALERT.hexval()}" size="12">已回避 / recused</font>',
                self.styles["body"],
            ),
            self.para(f"回避原因：{recusal.reason}", "body"),
            self.para(f"来源：{source}　登记时间：{recusal.declared_at}", "small"),
            self.para("本专家未对该平台评分，本表不含得分。", "small"),
        ]
        return self.boxed("利益冲突回避", lines, 2 * mm)

    def verification(self) -> Table:
        """Who scored, with which key, and the result file's digest as text and QR code."""
        fingerprint = self.fingerprint or "未提供 / not given"
        if self.digest:
            code: object = self.qr_code(self.digest, QR_SIZE)
            digest = self.para(self.digest, "mono")
            hint = "签字前请核对：本表得分与合计取自评分记录，与上列摘要所标识的结果文件一致。"
        else:
            code = self.para(NOT_SUBMITTED, "label")
            digest = Paragraph(
                f'<font color="{ALERT.hexval()}">{NOT_SUBMITTED}</font>', self.styles["cell"]
            )
            hint = "结果文件尚未生成：提交后请重新打印本表，核对摘要后签字。"
        lines = [
            self.para(f"评分专家：{self.expert}"),
            self.para(f"专家密钥指纹：{fingerprint}"),
            self.para("结果文件 SHA-256："),
            digest,
            self.para(hint, "small"),
        ]
        table = self.table(
            [[code, lines]],
            (0.2, 0.8),
            header_rows=0,
            commands=[("VALIGN", (0, 0), (0, 0), "MIDDLE"), ("ALIGN", (0, 0), (0, 0), "CENTER")],
        )
        return table
