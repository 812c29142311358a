"""What every sheet of the results workbook needs: the data, Chinese labels, shown numbers."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from openpyxl.styles import Font, PatternFill

from expertscore.batch.manifest import Submission
from expertscore.chair.aggregate import Sheet, SubmissionResult, quantize
from expertscore.chair.fragility import Fragility, chinese_text
from expertscore.chair.panel_file import InputFile
from expertscore.chair.panel_outcome import OutcomeView, PanelOutcome
from expertscore.schemes.model import AggregationMethod, Rounding
from expertscore.scoring.totals import grade_name
from expertscore.vocabulary import Flag
from expertscore.wording import ZH
from expertscore.wording.labels import labels

SUMMARY = "排名汇总"
DIVERGENCE = "分歧"
MATRIX = "评分矩阵"
AUDIT = "审计"
NOTES = "说明"
MAX_SHEET_NAME = 31  # Excel's limit

# The workbook is Chinese: the one label of each (``expertscore.wording.labels``).
FLAG_LABELS = labels(Flag, ZH)
METHOD_LABELS = labels(AggregationMethod, ZH)
ROUNDING_LABELS = labels(Rounding, ZH)

GROUP_FILL = PatternFill("solid", fgColor="EEF2F7")
TOTAL_FILL = PatternFill("solid", fgColor="FFF4D6")
TRIMMED = Font(strike=True, color="808080")
MUTED = Font(color="808080")


@dataclass
class BookData(OutcomeView):
    """Everything the workbook shows: the panel's outcome, the input files and the time."""

    outcome: PanelOutcome
    inputs: list[InputFile]
    generated: str  # the time printed in the notes, ISO 8601

    @property
    def decimals(self) -> int:
        return self.scheme.aggregation.decimals

    def submission(self, sid: str) -> Submission | None:
        return next((s for s in self.package.manifest.submissions if s.id == sid), None)

    def platform(self, sid: str) -> str:
        sub = self.submission(sid)
        return sub.platform if sub else ""

    def batch_order(self) -> list[str]:
        listed = [
            s.id for s in self.package.manifest.submissions if s.id in self.result.submissions
        ]
        return listed + sorted(set(self.result.submissions) - set(listed))

    def sheets_of(self, sid: str) -> list[Sheet]:
        return sorted(
            (s for s in self.inp.sheets if s.submission == sid), key=lambda sheet: sheet.expert
        )

    def category_name(self, code: str | None) -> str:
        if not code:
            return ""
        path = self.scheme.category_path(code)
        return path[-1].name if path else code

    def grade_name(self, category: str | None, grade: str | None) -> str:
        return "未达等级" if grade is None else grade_name(self.scheme, category, grade)

    def expert_label(self, expert: str) -> str:
        """程明（E02）, as the report names experts; the id alone if the roster has no name."""
        name = next((e.name for e in self.package.manifest.roster if e.id == expert), "")
        return f"{name}（{expert}）" if name else expert

    def fragile_text(self, res: SubmissionResult, found: Fragility) -> str:
        return chinese_text(found, self.expert_label, lambda g: self.grade_name(res.category, g))

    def indicator_name(self, code: str) -> str:
        node = self.scheme.find(code)
        return node.name if node else ""

    def shown_score(self, value: Decimal) -> Decimal:
        """``value`` rounded as the panel's scores are (for a computed score shown beside an
        agreed one)."""
        return quantize(value, self.scheme.aggregation)

    def shown_percent(self, percent: Decimal | None) -> Decimal | None:
        """The score rate cut (not rounded) to the scheme's decimals.

        Cut, so that a shown rate never reaches a grade threshold the platform missed:
        79.996% shows as 79.99, not 80.00, next to grade 一级.
        """
        if percent is None:
            return None
        return percent.quantize(Decimal(1).scaleb(-self.decimals), rounding=ROUND_DOWN)

    def recusal_reason(self, expert: str, sid: str) -> str:
        conflict = next(
            (
                c
                for c in self.package.manifest.conflicts
                if c.expert == expert and c.submission == sid
            ),
            None,
        )
        return conflict.reason if conflict else "专家声明回避"


def sheet_name(base: str, taken: set[str]) -> str:
    """A sheet name Excel accepts, unique in ``taken`` (which it is added to)."""
    cleaned = "".join("_" if ch in "[]:*?/\\" else ch for ch in base).strip("'")[:MAX_SHEET_NAME]
    name = cleaned or "Sheet"
    number = 2
    while name in taken:
        suffix = f"~{number}"
        name = cleaned[: MAX_SHEET_NAME - len(suffix)] + suffix
        number += 1
    taken.add(name)
    return name


def experts_text(scores: dict[str, Decimal]) -> str:
    return "，".join(f"{expert} {format(value, 'f')}" for expert, value in sorted(scores.items()))
