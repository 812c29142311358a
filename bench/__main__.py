"""``python -m bench [NAME...]``: run the benchmarks (all by default) and print figures."""

from __future__ import annotations

import sys

from bench import (
    agreement_bench,
    chair_bench,
    evidence_bench,
    import_bench,
    locator_bench,
    outputs_bench,
    registry_bench,
    sealed_bench,
    ui_bench,
)

BENCHMARKS = {
    "import": import_bench.main,
    "chair": chair_bench.main,
    "agreement": agreement_bench.main,
    "outputs": outputs_bench.main,
    "ui": ui_bench.main,
    "evidence": evidence_bench.main,
    "locator": locator_bench.main,
    "registry": registry_bench.main,
    "sealed": sealed_bench.main,
}


def main() -> None:
    names = sys.argv[1:] or list(BENCHMARKS)
    for name in names:
        if name not in BENCHMARKS:
            sys.exit(f"unknown benchmark '{name}'; known: {', '.join(BENCHMARKS)}")
        BENCHMARKS[name]()


main()
