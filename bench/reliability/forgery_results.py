"""Forged result files and packages, made with genuine keys: how many are accepted? Target 0.

Each case is what a dishonest expert (or someone handing out a package) can really do with
their own session, their own key and a SQLite tool (``forgery_material``), checked through
the real readers: ``verify`` (``verify_file`` with the batch and the key cards) and the
chair's merge (``plan`` on a merge folder that already holds the expert's accepted earlier
result, where the case has one). A case that forges one file is accepted if either reader
accepts it; a case about a sequence of results is judged by the merge, the reader that
knows the accepted one. Package cases go through the expert's import with the organizer
keys remembered (``identity.organizers``).

``run(workdir)`` returns ``(case, None)`` for an accepted forgery, ``(case, reason)`` for a
refused one.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

from bench.reliability.forgery_material import (
    Material,
    build_package,
    decode,
    forge_log_entry,
    genuine_key,
    log_entries,
    organizer_key,
    rebuild_log_without,
    resign,
    resubmit,
    score_all,
    set_points,
    sql,
)
from expertscore.chair.decisions import replay, request_round
from expertscore.chair.merge import REFUSED, MergeFolder, apply, plan
from expertscore.chair.rounds import apply_round_request, write_round_request
from expertscore.errors import ExpertScoreError
from expertscore.identity.keycard import make_card, read_cards, write_card
from expertscore.identity.organizers import KnownOrganizers
from expertscore.results.submit import submit
from expertscore.results.trust import CHAIR_CONFIRMED, KeyTrust, KnownKey
from expertscore.results.verify import verify_file
from expertscore.scoring.service import ScoringService

# SQLCipher's SQLite, the one the program opens sessions with: two SQLite libraries in one
# process do not see each other's locks on a file both have open.
from expertscore.storage.cipher import driver
from expertscore.storage.importer import create_session
from expertscore.storage.session import SessionFile

Case = Callable[[Material, Path], "str | None"]


def _trust(m: Material, *extra: Path) -> KeyTrust:
    return KeyTrust.build(m.package, read_cards([m.cards, *extra]))


def _merge_reason(
    m: Material, attack: Path, merged: Sequence[Path], trust: KeyTrust, folder: Path
) -> str | None:
    merge = MergeFolder(folder)
    apply(merge, plan(merge, list(merged), m.package, trust))
    decision = plan(merge, [attack], m.package, trust)[0]
    return decision.reason if decision.outcome == REFUSED else None


def _one_file(m: Material, attack: Path, merged: Sequence[Path] = (), *extra: Path) -> str | None:
    """Refused only if both ``verify`` and the merge refuse it; ``verify``'s reason."""
    trust = _trust(m, *extra)
    verdict = verify_file(attack, m.package, trust)
    merged_reason = _merge_reason(m, attack, merged, trust, attack.with_suffix(".merge"))
    return None if verdict.ok or merged_reason is None else verdict.reason


def _sequence(m: Material, attack: Path, merged: Sequence[Path]) -> str | None:
    return _merge_reason(m, attack, merged, _trust(m), attack.with_suffix(".merge"))


def _current(session: Path, sid: str, code: str) -> str:
    with driver.connect(session) as connection:
        row = connection.execute(
            "SELECT points FROM score WHERE submission_id=? AND indicator=? AND round=1",
            (sid, code),
        ).fetchone()
    connection.close()
    return row[0]


def _forge_score(session: Path, sid: str, code: str, points: str, round_: int = 1) -> None:
    """Change a score row and add the log entry an honest program would have written."""
    old = _current(session, sid, code) if round_ == 1 else None
    if round_ == 1:
        sql(
            session,
            "UPDATE score SET points=? WHERE submission_id=? AND indicator=? AND round=1",
            points,
            sid,
            code,
        )
    else:
        sql(
            session,
            "INSERT INTO score (submission_id, indicator, round, points, comment,"
            " pinned_evidence, updated_at) VALUES (?, ?, ?, ?, '', '[]', 'x')",
            sid,
            code,
            round_,
            points,
        )
    forge_log_entry(
        session,
        "score",
        sid,
        code,
        {
            "round": round_,
            "old": None if old is None else {"points": old, "choice": None},
            "new": {"points": points, "choice": None},
        },
    )


def _e01_score(m: Material, work: Path, name: str, session: Path, *score: object) -> str | None:
    """E01 forges one score (``_forge_score``'s arguments), submits, and offers it."""
    attack = resubmit(
        session,
        genuine_key("E01"),
        work / f"{name}.esresult",
        lambda _s: _forge_score(session, *score),
    )
    return _one_file(m, attack, [m.first["E01"]])


# --- the table -----------------------------------------------------------------


def edited_400(m: Material, work: Path) -> str | None:
    session = m.session_copy("E01", "edited-400")
    sql(session, "UPDATE score SET points='400' WHERE submission_id='S002' AND indicator='3.1.1'")
    sql(session, "UPDATE score SET points='-300' WHERE submission_id='S003' AND indicator='3.1.2'")
    attack = resubmit(session, genuine_key("E01"), work / "edited-400.esresult")
    return _one_file(m, attack, [m.first["E01"]])


def edited_400_log_rebuilt(m: Material, work: Path) -> str | None:
    session = m.session_copy("E01", "edited-400-log")
    return _e01_score(m, work, "edited-400-log", session, "S002", "3.1.1", "400")


def _payload_points(m: Material, work: Path, name: str, code: str, points: str) -> str | None:
    payload = decode(m.first["E02"])
    entries = log_entries(payload)
    set_points(payload, entries, "S002", code, points)
    attack = work / f"{name}.esresult"
    attack.write_bytes(resign(payload, entries, genuine_key("E02")))
    return _one_file(m, attack)


def points_99_on_1(m: Material, work: Path) -> str | None:
    return _payload_points(m, work, "points-99", "1.1.1", "99")


def points_negative(m: Material, work: Path) -> str | None:
    return _payload_points(m, work, "points-negative", "1.1.2", "-0.1")


def points_off_step(m: Material, work: Path) -> str | None:
    return _payload_points(m, work, "points-off-step", "1.1.3", "0.55")


def assignment_all(m: Material, work: Path) -> str | None:
    session = m.session_copy("E01", "assignment-all")

    def widen(_scoring: ScoringService) -> None:
        sql(session, "UPDATE assignment SET indicators='all'")
        with SessionFile(session) as opened:
            score_all(ScoringService(opened))

    attack = resubmit(session, genuine_key("E01"), work / "assignment-all.esresult", widen)
    return _one_file(m, attack, [m.first["E01"]])


def recusal_deleted(m: Material, work: Path) -> str | None:
    session = m.session_copy("E03", "recusal-deleted")
    sql(session, "DELETE FROM recusal WHERE submission_id='S003'")
    rebuild_log_without(session, "recuse", "S003", m.package.manifest_sha256)
    attack = resubmit(session, genuine_key("E03"), work / "recusal-deleted.esresult", score_all)
    return _sequence(m, attack, [m.first["E03"]])


def _forger(m: Material, work: Path) -> tuple[Path, Path]:
    """A second, self-signed key card for E01 and a result signed with that key."""
    forger = genuine_key("E01", "forger")
    cards = work / "forged-cards"
    write_card(make_card(forger, forger.info.created), cards / "E01-forged.eskeycard")
    session = create_session(m.package, "E01", work / "forged-E01.esession")
    with SessionFile(session) as opened:
        score_all(ScoringService(opened))
        result = submit(opened, forger, work / "forged-E01.esresult").path
    return result, cards


def two_cards_forged(m: Material, work: Path) -> str | None:
    result, cards = _forger(m, work)
    return _one_file(m, result, (), cards)


def _import_reason(m: Material, work: Path, other: Path) -> str | None:
    known = KnownOrganizers((work / "data").joinpath("known-organizers.json"))
    create_session(m.package_path, "E01", work / "first-import.esession", known=known)
    try:
        create_session(other, "E01", work / "second-import.esession", known=known)
    except ExpertScoreError as exc:
        return str(exc)
    return None


def package_resigned(m: Material, work: Path) -> str | None:
    other = build_package(work / "resigned.esbatch", organizer_key("impostor"))
    return _import_reason(m, work, other)


# --- one case per rule -------------------------------------------------------------------


def hand_edited_valid(m: Material, work: Path) -> str | None:
    session = m.session_copy("E01", "hand-edited")
    sql(session, "UPDATE score SET points='0.2' WHERE submission_id='S004' AND indicator='3.1.1'")
    attack = resubmit(session, genuine_key("E01"), work / "hand-edited.esresult")
    return _one_file(m, attack, [m.first["E01"]])


def choice_on_points_leaf(m: Material, work: Path) -> str | None:
    payload = decode(m.first["E02"])
    entries = log_entries(payload)
    sub = next(s for s in payload["submissions"] if s["id"] == "S002")
    row = sub["scores"]["indicator"].index("1.1.1")
    sub["scores"]["choice"] = [[row, "yes"]]
    last = max(
        i for i, e in enumerate(entries) if (e["submission"], e["indicator"]) == ("S002", "1.1.1")
    )
    entries[last]["detail"]["new"]["choice"] = "yes"
    attack = work / "choice.esresult"
    attack.write_bytes(resign(payload, entries, genuine_key("E02")))
    return _one_file(m, attack)


def roster_conflict_scored(m: Material, work: Path) -> str | None:
    session = m.session_copy("E02", "conflict-scored")
    sql(session, "DELETE FROM recusal WHERE submission_id='S001'")
    attack = resubmit(session, genuine_key("E02"), work / "conflict.esresult", score_all)
    return _one_file(m, attack, [m.first["E02"]])


def declared_recusal_scored(m: Material, work: Path) -> str | None:
    session = m.session_copy("E03", "declared-scored")

    def score_recused(_scoring: ScoringService) -> None:
        sql(
            session,
            "INSERT INTO score (submission_id, indicator, round, points, comment,"
            " pinned_evidence, updated_at) VALUES ('S003', '1.1.1', 1, '1', '', '[]', 'x')",
        )
        forge_log_entry(
            session,
            "score",
            "S003",
            "1.1.1",
            {"round": 1, "old": None, "new": {"points": "1", "choice": None}},
        )

    attack = resubmit(session, genuine_key("E03"), work / "declared.esresult", score_recused)
    return _one_file(m, attack, [m.first["E03"]])


def recusal_deleted_log_kept(m: Material, work: Path) -> str | None:
    session = m.session_copy("E03", "recusal-row-deleted")
    sql(session, "DELETE FROM recusal WHERE submission_id='S003'")
    attack = resubmit(session, genuine_key("E03"), work / "recusal-row.esresult", score_all)
    return _one_file(m, attack, [m.first["E03"]])


def edited_while_locked(m: Material, work: Path) -> str | None:
    session = m.session_copy("E01", "while-locked")
    _forge_score(session, "S004", "3.1.1", "0.5")  # before the unlock: the session is locked
    attack = resubmit(session, genuine_key("E01"), work / "while-locked.esresult")
    return _one_file(m, attack, [m.first["E01"]])


def _second(m: Material, work: Path, name: str) -> Path:
    session = m.session_copy("E01", name)
    return resubmit(session, genuine_key("E01"), work / f"{name}.esresult")


def no_supersedes(m: Material, work: Path) -> str | None:
    payload = decode(_second(m, work, "no-supersedes"))
    payload["supersedes"] = None
    attack = work / "no-supersedes-forged.esresult"
    attack.write_bytes(resign(payload, log_entries(payload), genuine_key("E01")))
    return _sequence(m, attack, [m.first["E01"]])


def other_supersedes(m: Material, work: Path) -> str | None:
    payload = decode(_second(m, work, "other-supersedes"))
    payload["supersedes"]["payload_sha256"] = "0" * 64
    attack = work / "other-supersedes-forged.esresult"
    attack.write_bytes(resign(payload, log_entries(payload), genuine_key("E01")))
    return _sequence(m, attack, [m.first["E01"]])


def _round_two(m: Material, work: Path, name: str) -> Path:
    """E01's session after the chair sent S002 3.1.1 to round 2 (taken in, unlocked)."""
    folder = work / f"{name}.chair"
    merge = MergeFolder(folder)
    apply(merge, plan(merge, [m.first["E01"]], m.package, _trust(m)))
    request_round(folder, "S002", "3.1.1", ["E01"], "复核", m.package)
    request = write_round_request(
        m.package, replay(folder, m.package), "组长", work / f"{name}.json"
    )
    session = m.session_copy("E01", name)
    with SessionFile(session) as opened:
        apply_round_request(opened, request)
    return session


def round_one_changed(m: Material, work: Path) -> str | None:
    session = _round_two(m, work, "round-one")
    return _e01_score(m, work, "round-one", session, "S002", "3.1.1", "2")


def round_two_unasked(m: Material, work: Path) -> str | None:
    session = m.session_copy("E01", "round-two")
    return _e01_score(m, work, "round-two", session, "S004", "3.1.2", "2", 2)


def two_cards_genuine(m: Material, work: Path) -> str | None:
    _result, cards = _forger(m, work / "genuine")
    return _one_file(m, m.first["E01"], (), cards)


def unconfirmed_key(m: Material, work: Path) -> str | None:
    result, cards = _forger(m, work)
    base = _trust(m, cards)
    genuine = genuine_key("E01").info.public_key
    trust = KeyTrust([*base.keys, KnownKey("E01", genuine, CHAIR_CONFIRMED)], strict=True)
    verdict = verify_file(result, m.package, trust)
    merged = _merge_reason(m, result, (), trust, work / "unconfirmed.merge")
    return None if verdict.ok or merged is None else verdict.reason


def package_unsigned(m: Material, work: Path) -> str | None:
    other = work / "unsigned.esbatch"
    with zipfile.ZipFile(m.package_path) as source, zipfile.ZipFile(other, "w") as target:
        for info in source.infolist():
            if info.filename != "manifest.sig":
                target.writestr(info, source.read(info))
    return _import_reason(m, work, other)


CASES: list[tuple[str, Case]] = [
    ("400 points on a 2-point leaf, -300 on a rival (sqlite3, unlock, submit)", edited_400),
    ("400 points with a matching edit log entry (chain rebuilt)", edited_400_log_rebuilt),
    ("99 points on a 1-point leaf (re-signed)", points_99_on_1),
    ("-0.1 points (re-signed)", points_negative),
    ("off-step 0.55 (re-signed)", points_off_step),
    ("assignment row changed to all, group 1 scored", assignment_all),
    ("declared recusal deleted, log chain rebuilt, result 2", recusal_deleted),
    ("second key card claiming E01: the forged result", two_cards_forged),
    ("package re-signed by another key under the organizer's name", package_resigned),
    ("score row edited by hand to an allowed value, no log entry", hand_edited_valid),
    ("a choice on a points leaf (re-signed)", choice_on_points_leaf),
    ("the package's conflict of interest deleted and scored", roster_conflict_scored),
    ("a declared recusal scored with a forged log entry", declared_recusal_scored),
    ("declared recusal row deleted, log kept, submission scored", recusal_deleted_log_kept),
    ("a score changed while the session was locked (forged log entry)", edited_while_locked),
    ("result 2 naming no superseded result", no_supersedes),
    ("result 2 naming another digest than the accepted result", other_supersedes),
    ("round-1 score changed after a round-2 request", round_one_changed),
    ("round-2 score nobody asked for", round_two_unasked),
    ("second key card claiming E01: the genuine result too", two_cards_genuine),
    ("a key card's key after the chair confirmed another", unconfirmed_key),
    ("an unsigned copy of a batch first seen signed", package_unsigned),
]


def run(workdir: Path) -> list[tuple[str, str | None]]:
    """Every case, in order: ``(name, None)`` if accepted, ``(name, reason)`` if refused."""
    material = Material(workdir / "material")
    found = []
    for index, (name, case) in enumerate(CASES, start=1):
        work = workdir / f"case-{index:02d}"
        work.mkdir(parents=True, exist_ok=True)
        found.append((name, case(material, work)))
    return found
