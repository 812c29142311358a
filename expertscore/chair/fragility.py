"""What leaving one expert out changes for a submission: the leave-one-out check's findings.

``robustness.leave_one_out`` finds them; the panel file stores each as a record
(``{"without", "grade", "rank"}``), and the workbook, the report and the chair window word
them from the same object, so nobody parses a sentence back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Fragility:
    expert: str  # the expert left out
    grade: tuple[str | None, str | None] | None = None  # before, after (None: no grade)
    rank: tuple[int, int] | None = None  # before, after

    def note(self, grade_name: Callable[[str | None], str] = lambda code: code or "-") -> str:
        """In English, for the command line: ``without E02: grade L1→-, rank 3→4``.

        ``grade_name`` names a grade code (``None``: no grade); by default the code itself.
        """
        changes = []
        if self.grade is not None:
            before, after = map(grade_name, self.grade)
            changes.append(f"grade {before}→{after}")
        if self.rank is not None:
            changes.append(f"rank {self.rank[0]}→{self.rank[1]}")
        return f"without {self.expert}: {', '.join(changes)}"

    def record(self) -> dict[str, Any]:
        """As the panel file stores it (``docs/formats.md``)."""
        return {
            "without": self.expert,
            "grade": None if self.grade is None else _change(*self.grade),
            "rank": None if self.rank is None else _change(*self.rank),
        }


def _change(before: Any, after: Any) -> dict[str, Any]:
    return {"before": before, "after": after}


def chinese_text(
    found: Fragility, label: Callable[[str], str], grade_name: Callable[[str | None], str]
) -> str:
    """As the workbook and the report print it: 去掉程明（E02）的评分：等级 一级→未达等级，名次 3→4.

    ``label`` names the expert; ``grade_name`` names a grade code (``None``: no grade).
    """
    parts = []
    if found.grade is not None:
        parts.append(f"等级 {grade_name(found.grade[0])}→{grade_name(found.grade[1])}")
    if found.rank is not None:
        parts.append(f"名次 {found.rank[0]}→{found.rank[1]}")
    return f"去掉{label(found.expert)}的评分：{'，'.join(parts)}"
