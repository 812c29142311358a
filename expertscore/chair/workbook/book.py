"""The results workbook (.xlsx): ranking, one score matrix per submission, divergences, audit.

Sheets, in order: 排名汇总 (the ranked summary), 分歧 (every flag, explanation, agreed
score and second-round request), one 评分矩阵 per submission (indicator rows × expert
columns, group subtotals, totals equal to the panel's), 审计 (the audit log, the input
files' digests, the organizer-set values) and 说明 (the aggregation policy).

Every number is a number cell holding the exact ``Decimal`` digits with the scheme's
decimals as its format; every text goes through ``cells.safe_text``, so text from
submissions can never become a formula. Header rows are frozen; columns are sized for
Chinese text. Pure function of its inputs apart from the file it writes (atomically).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from expertscore import __version__
from expertscore.chair.aggregate import SubmissionResult
from expertscore.chair.cells import BOLD, WRAP, SheetWriter
from expertscore.chair.merge import ACCEPTED, REPLACED
from expertscore.chair.override_causes import cause_zh
from expertscore.chair.panel_file import InputFile
from expertscore.chair.panel_outcome import PanelOutcome
from expertscore.chair.workbook.advice import advice_sheet
from expertscore.chair.workbook.common import (
    AUDIT,
    DIVERGENCE,
    GROUP_FILL,
    MATRIX,
    MUTED,
    NOTES,
    SUMMARY,
    TOTAL_FILL,
    TRIMMED,
    BookData,
    sheet_name,
)
from expertscore.chair.workbook.notes import audit_sheet, divergence_sheet, notes_sheet
from expertscore.errors import ExpertScoreError
from expertscore.identity.keys import local_now
from expertscore.reports.pdfbase import ReportError, write_atomically
from expertscore.schemes.model import Indicator
from expertscore.schemes.rules import fmt
from expertscore.scoring.totals import Rollup, rollup
from expertscore.wording.errors import worded
from expertscore.wording.labels import chinese_flag_text as flag_text

SUMMARY_HEADERS = [
    "排名",
    "编号",
    "平台名称",
    "运营单位",
    "地区",
    "类别",
    "基础分",
    "加分",
    "总分",
    "得分率(%)",
    "等级",
    "评分专家数",
    "提示指标数",
    "组长认定数",
    "需说明的专家",
    "稳健性提示",
]
EXPERT_WIDTH = 12  # an expert's column: room for a score and a few characters of comment


class WorkbookError(ExpertScoreError):
    """The results workbook cannot be written."""


def inputs_from_audit(audit: Sequence[dict]) -> list[InputFile]:
    """The accepted result files as the audit log names them (the latest per expert)."""
    latest: dict[str, InputFile] = {}
    for entry in audit:
        if entry.get("action") == "merge" and entry.get("outcome") in (ACCEPTED, REPLACED):
            expert, digest = entry.get("expert"), entry.get("digest")
            if isinstance(expert, str) and isinstance(digest, str):
                latest[expert] = InputFile(expert, int(entry.get("sequence") or 0), digest)
    return [latest[expert] for expert in sorted(latest)]


def write_results_workbook(
    out: Path, outcome: PanelOutcome, *, generated: str | None = None, advice: bool = True
) -> Path:
    """Write the results workbook of ``outcome`` to ``out`` (all or nothing); return ``out``.

    ``generated`` is the time printed in the notes (default: now); ``advice``: with the
    sheet of the chair's advice on the panel.
    """
    data = BookData(outcome, outcome.inputs, generated or local_now())
    book = build_workbook(data)
    if advice:  # after 分歧: the chair's advice on the panel
        advice_sheet(book.create_sheet(index=2), outcome.advice)
    try:
        write_atomically(out, lambda temp: book.save(temp))
    except ReportError as exc:
        raise WorkbookError(str(exc)).saying("not_written", why=worded(exc)) from None
    return out


def build_workbook(data: BookData) -> Workbook:
    book = Workbook()
    book.properties.creator = f"ExpertScore {__version__}"
    book.properties.title = f"{data.package.manifest.batch.title} 评审结果"
    taken = {SUMMARY, DIVERGENCE, AUDIT, NOTES}
    names = {sid: sheet_name(f"{MATRIX} {sid}", taken) for sid in data.batch_order()}
    summary = book.active
    summary.title = SUMMARY
    summary_sheet(summary, data, names)
    divergence_sheet(book.create_sheet(), data)
    for sid in data.batch_order():
        matrix_sheet(book.create_sheet(names[sid]), data, sid)
    audit_sheet(book.create_sheet(), data)
    notes_sheet(book.create_sheet(), data)
    return book


def summary_sheet(sheet: Worksheet, data: BookData, matrix_names: dict[str, str]) -> None:
    writer = SheetWriter(sheet)
    writer.header(SUMMARY_HEADERS)
    places = data.decimals
    for sid in data.result.ranking:
        res = data.result.submissions[sid]
        sub = data.submission(sid)
        scoring = [s for s in data.sheets_of(sid) if not s.recused]
        row = writer.append(
            [
                res.rank,
                sid,
                sub.platform if sub else "",
                sub.operator if sub else "",
                sub.region if sub else "",
                data.category_name(res.category),
                None,
                None,
                None,
                None,
                data.grade_name(res.category, res.grade),
                len(scoring),
                sum(1 for item in res.indicators.values() if item.flags),
                sum(1 for item in res.indicators.values() if item.override is not None),
                "，".join(f"{e}（偏离 {fmt(d)}%）" for e, d in res.explanations_needed.items()),
                "；".join(data.fragile_text(res, line) for line in res.fragile),
            ]
        )
        writer.number(row, 7, res.rollup.base, places)
        writer.number(row, 8, res.rollup.bonus, places)
        writer.number(row, 9, res.total, places).font = BOLD
        writer.number(row, 10, data.shown_percent(res.percent), places)
        link = sheet.cell(row=row, column=2)
        link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{matrix_names[sid]}'!A1")
    writer.fit_columns({1: 4})
    sheet.freeze_panes = "D2"
    sheet.auto_filter.ref = (
        f"A1:{sheet.cell(row=1, column=len(SUMMARY_HEADERS)).column_letter}{max(writer.row, 1)}"
    )
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"


class _Matrix:
    """One submission's indicator × expert sheet."""

    def __init__(self, sheet: Worksheet, data: BookData, sid: str) -> None:
        self.writer = SheetWriter(sheet, wide=40)
        self.data = data
        self.res: SubmissionResult = data.result.submissions[sid]
        self.sid = sid
        sheets = data.sheets_of(sid)
        self.scoring = [s for s in sheets if not s.recused]
        self.recused = [s.expert for s in sheets if s.recused]
        self.experts = [s.expert for s in self.scoring]
        applicable = list(self.res.indicators)
        self.rollups: dict[str, Rollup] = {
            s.expert: rollup(data.scheme, s.points, applicable) for s in self.scoring
        }
        first = 4
        self.columns = {expert: first + i for i, expert in enumerate(self.experts)}
        self.panel_col = first + len(self.experts)
        self.spread_col = self.panel_col + 1
        self.flags_col = self.panel_col + 2
        self.note_col = self.panel_col + 3

    def write(self) -> None:
        writer, data = self.writer, self.data
        sub = data.submission(self.sid)
        writer.row = 1
        writer.text(1, 1, self.sid, BOLD)
        title = f"{sub.platform}（{sub.operator}）" if sub else ""
        writer.text(1, 2, title, BOLD, fit=False)  # runs across the columns to its right
        headers = [
            "编号",
            "指标",
            "满分",
            *self.experts,
            "专家组得分",
            "极差",
            "提示",
            "组长认定理由",
        ]
        writer.header(headers)
        for node in data.scheme.indicators:
            self._node(node, 0)
        self._totals()
        self._notes()
        expert_widths = {
            c: max(EXPERT_WIDTH, writer.widths.get(c, 0)) for c in self.columns.values()
        }
        writer.fit_columns({1: 8, 3: 6, **expert_widths})
        sheet = writer.sheet
        sheet.freeze_panes = "D3"
        sheet.print_title_rows = "1:2"
        sheet.page_setup.orientation = "landscape"

    def _applicable(self, node: Indicator) -> bool:
        return any(leaf.is_leaf and leaf.code in self.res.indicators for leaf in node.walk())

    def _node(self, node: Indicator, depth: int) -> None:
        if not self._applicable(node):
            return
        if node.is_leaf:
            self._leaf(node, depth)
            return
        writer, places = self.writer, self.data.decimals
        row = writer.append([node.code, node.name + ("（加分项）" if node.bonus else "")], BOLD)
        writer.sheet.cell(row=row, column=2).alignment = _indent(depth)
        writer.number(row, 3, self.res.rollup.maxima.get(node.code), places)
        for expert, column in self.columns.items():
            writer.number(row, column, self.rollups[expert].points.get(node.code), places)
        writer.number(row, self.panel_col, self.res.rollup.points.get(node.code), places)
        for column in range(1, self.note_col + 1):
            cell = writer.sheet.cell(row=row, column=column)
            cell.fill = GROUP_FILL
            if column > 2:
                cell.font = BOLD
        for child in node.children:
            self._node(child, depth + 1)

    def _leaf(self, node: Indicator, depth: int) -> None:
        writer, places = self.writer, self.data.decimals
        item = self.res.indicators[node.code]
        row = writer.append([node.code, node.name])
        writer.sheet.cell(row=row, column=2).alignment = _indent(depth)
        writer.number(row, 3, item.maximum, places)
        for sheet in self.scoring:
            value = sheet.points.get(node.code)
            cell = writer.number(row, self.columns[sheet.expert], value, places)
            if value is not None and sheet.expert not in item.kept:
                cell.font = TRIMMED
        writer.number(row, self.panel_col, item.panel, places).font = BOLD
        writer.number(row, self.spread_col, item.spread, places)
        flags = flag_text(item.flags)
        if item.override is not None:
            computed = "—" if item.exact is None else fmt(self.data.shown_score(item.exact))
            flags = "、".join(filter(None, [flags, f"结果修正（修正前 {computed}）"]))
            cause = cause_zh(item.override.cause)
            writer.text(row, self.note_col, f"修正原因：{cause}；理由：{item.override.reason}")
        writer.text(row, self.flags_col, flags)

    def _totals(self) -> None:
        writer, res, places = self.writer, self.res, self.data.decimals
        lines = [
            ("基础分", res.rollup.base, {e: r.base for e, r in self.rollups.items()}),
            ("加分", res.rollup.bonus, {e: r.bonus for e, r in self.rollups.items()}),
            ("总分", res.total, dict(res.expert_totals)),
        ]
        for label, panel, per_expert in lines:
            row = writer.append(["", label], BOLD)
            writer.number(row, 3, res.rollup.base_max if label == "基础分" else None, places)
            for expert, column in self.columns.items():
                writer.number(row, column, per_expert.get(expert), places)
            writer.number(row, self.panel_col, panel, places).font = BOLD
            for column in range(1, self.note_col + 1):
                writer.sheet.cell(row=row, column=column).fill = TOTAL_FILL
        row = writer.append(["", "得分率(%)"], BOLD)
        for expert, column in self.columns.items():
            writer.number(
                row, column, self.data.shown_percent(self.rollups[expert].percent), places
            )
        writer.number(row, self.panel_col, self.data.shown_percent(res.percent), places)
        row = writer.append(["", "等级"], BOLD)
        writer.text(row, self.panel_col, self.data.grade_name(res.category, res.grade), BOLD)

    def _notes(self) -> None:
        writer, res = self.writer, self.res
        row = writer.append(["", "专家总体意见"], BOLD)
        for sheet in self.scoring:
            # Wrapped inside the expert's column rather than widening it.
            writer.text(row, self.columns[sheet.expert], sheet.comment, fit=False).alignment = WRAP
        if res.kept_experts and set(res.kept_experts) != set(self.experts):
            dropped = [e for e in self.experts if e not in res.kept_experts]
            row = writer.append(["", "去掉的专家"], MUTED)
            writer.text(row, 3, "，".join(dropped), MUTED, fit=False)
        writer.skip()
        notes = [("说明", "灰色删除线的分数为去掉的最高分或最低分，不计入专家组得分。")]
        notes += [
            ("回避", f"{expert}：{self.data.recusal_reason(expert, self.sid)}")
            for expert in self.recused
        ]
        notes += [
            ("需说明", f"{expert} 的总分偏离专家平均 {fmt(deviation)}%")
            for expert, deviation in res.explanations_needed.items()
        ]
        notes += [("稳健性", self.data.fragile_text(res, line)) for line in res.fragile]
        for label, text in notes:
            row = writer.append(["", label], MUTED)
            writer.text(row, 3, text, MUTED, fit=False)  # runs across the empty cells


def _indent(depth: int) -> Alignment:
    return Alignment(indent=depth)


def matrix_sheet(sheet: Worksheet, data: BookData, sid: str) -> None:
    _Matrix(sheet, data, sid).write()
