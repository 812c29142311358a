"""``--self-test``: the whole flow on a tiny demo batch, checked, in a temporary folder.

The one-folder app runs it to prove that everything it bundles (schemes, fonts, migrations,
the crypto and PDF libraries) is there and works: a demo batch, two simulated experts who
score and sign, verification of their files, the chair's merge, the outputs and a printed
sheet. It prints one line per step and returns 0 only when every check passed.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from expertscore import __version__

Say = Callable[[str], None]


def _check(condition: bool, what: str) -> None:
    if not condition:
        raise AssertionError(what)


def _checks(folder: Path, say: Say) -> None:
    from expertscore.batch.package import open_package
    from expertscore.chair.panel_file import read_panel_file, recheck_panel_file
    from expertscore.demo.flow import run_demo
    from expertscore.identity.keycard import read_cards
    from expertscore.results.trust import KeyTrust
    from expertscore.results.verify import verify_file

    outputs = run_demo(folder, submissions=3, experts=2, seed=7, step=lambda t: say(f"  {t}"))
    package = open_package(outputs.package)
    cards = read_cards(sorted((folder / "experts").glob("*.eskeycard")))
    trust = KeyTrust.build(package, cards)
    for result in outputs.results:
        verdict = verify_file(result, package, trust)
        _check(verdict.ok, f"{result.name} did not verify: {verdict.reason}")
    say(f"  verified {len(outputs.results)} signed result files")
    assert outputs.panel_file is not None  # the demo's chair signs a panel file
    recheck = recheck_panel_file(outputs.panel_file, package, folder / "merge" / "results")
    _check(recheck == [], "the panel file does not re-run to the same numbers")
    read_panel_file(outputs.panel_file)
    for path in (outputs.workbook, outputs.report, outputs.sheet):
        _check(path is not None and path.stat().st_size > 1000, f"{path} is missing or empty")
    say(f"  outputs: workbook, signed panel file, report, sheet ({len(outputs.ranking)} ranked)")
    _locator(folder / "experts" / f"{outputs.results[0].stem}.esession", say)


def _locator(session_path: Path, say: Say) -> None:
    """The evidence index (PDFium, FTS5 with trigrams) and the locator on an expert's session."""
    from expertscore.evidence.index import build_index
    from expertscore.evidence.locate import locate_submission
    from expertscore.storage.session import SessionFile

    report = build_index(session_path)
    _check(report.pages > 0 and report.remaining == 0, "the evidence index is empty")
    with SessionFile(session_path) as session, session.engine.connect() as connection:
        first = connection.exec_driver_sql(
            "SELECT submission_id FROM assignment ORDER BY submission_id LIMIT 1"
        ).scalar()
        _check(first is not None, "the session has no assignment")
        located = locate_submission(session, str(first))
    found = sum(item.state == "found" for item in located)
    _check(found > 0, "the locator found no reported value in the evidence")
    say(f"  evidence index: {report.pages} pages; {found} of {len(located)} values located")


def run_self_test(say: Say = print) -> int:
    start = time.perf_counter()
    say(f"ExpertScore {__version__} self-test")
    try:
        with tempfile.TemporaryDirectory(prefix="expertscore-selftest-") as temp:
            _checks(Path(temp), say)
    except Exception as exc:  # the self-test reports any failure as a failed check
        say(f"self-test FAILED: {type(exc).__name__}: {exc}")
        return 1
    say(f"self-test passed in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(run_self_test())
