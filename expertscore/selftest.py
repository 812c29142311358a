"""``--self-test``: the whole flow on a tiny demo batch, checked, in a temporary folder.

The one-folder app runs it to prove that everything it bundles (schemes, fonts, migrations,
the crypto and PDF libraries) is there and works: a demo batch, two simulated experts who
score and sign, verification of their files, the chair's merge, the outputs and a printed
sheet; and both signature algorithms, Ed25519 and SM2 (GmSSL), signing and verifying. It
prints one line per step and returns 0 only when every check passed.
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
    _algorithms(say)


# The published SM2 signature example over the recommended curve ("message digest", the
# standard signer id): GmSSL must accept it, which proves the bundled library is SM2.
SM2_EXAMPLE_KEY = (
    "09F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020"
    "CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13"
)
SM2_EXAMPLE_SIG = (
    "3046022100F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3"
    "022100B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA"
)
SM3_ABC = "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"


def _algorithms(say: Say) -> None:
    """Each algorithm signs and verifies; a changed byte is refused; SM2/SM3 match the
    published values."""
    from expertscore.crypto import dsse, sm2

    _check(sm2.sm3(b"abc").hex() == SM3_ABC, "SM3 of 'abc' is not the published digest")
    example = sm2.Sm2PublicKey(bytes.fromhex(SM2_EXAMPLE_KEY))
    _check(
        example.verify(bytes.fromhex(SM2_EXAMPLE_SIG), b"message digest"),
        "the published SM2 signature does not verify",
    )
    for algorithm in dsse.ALGORITHMS:
        key = dsse.generate(algorithm)
        public = dsse.public_key_b64(key.public_key())
        signature = dsse.sign(key, "application/x-self-test", b"ExpertScore")
        dsse.verify(public, "application/x-self-test", b"ExpertScore", signature)
        try:
            dsse.verify(public, "application/x-self-test", b"ExpertScorE", signature)
        except dsse.SignatureError:
            pass
        else:
            raise AssertionError(f"{algorithm} accepted a changed message")
    say(f"  signatures: {', '.join(dsse.ALGORITHMS)} sign and verify (SM2/SM3: published values)")


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
