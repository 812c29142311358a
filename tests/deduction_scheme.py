"""The example batch with leaf 1.1 scored by deduction (扣分制), for the mode's tests."""

from __future__ import annotations

from expertscore.batch.builder import PackageBuilder
from tests.factories import EXAMPLE_SCHEME, example_builder

# 1.1 has a maximum of 10 (10% of 100); the three shortcomings deduct 4, 3 and 5.
DEDUCTION = """        rubric: 以审计报告为准
        scoring:
          mode: deduction
          deductions:
            - {label: 未提供审计报告, points: 4}
            - {label: 数据前后不一致, points: 3}
            - {label: 口径不符, points: 5}
"""


def deduction_scheme_text() -> str:
    text = EXAMPLE_SCHEME.read_text(encoding="utf-8")
    old = "        rubric: 以审计报告为准\n"
    assert old in text
    return text.replace(old, DEDUCTION, 1)


def deduction_builder(**kwargs) -> PackageBuilder:
    builder = example_builder(**kwargs)
    builder.scheme_text = deduction_scheme_text()
    return builder
