"""Written explanations of deviations and members' statements: the chair's request, the
members' signed notes, the chair's paper transcription, and every output showing them."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from expertscore.chair import member_notes
from expertscore.chair.explain_request import needed
from expertscore.chair.member_notes import (
    AGREE,
    DISSENT,
    EXPLANATION,
    STATEMENT,
    NoteRefused,
    load_notes,
    read_note,
    write_note,
)
from expertscore.chair.outcome import results_digest
from expertscore.chair.outputs import REPORT, WORKBOOK, export_all
from expertscore.chair.panel_outcome import outcome_of
from expertscore.chair.run import ChairRun
from expertscore.identity.keys import ScryptCost, create_key
from expertscore.results.simulate import simulated_key
from expertscore.results.trust import KeyTrust
from tests.chair.chair_case import Case, cells, cli, pdf_text

SEED = 5  # the seed chair_case simulates the experts with


def key_of(case: Case, expert: str):
    run = ChairRun.open(case.package, case.merge)
    roster = {e.id: e for e in run.package.manifest.roster}
    return simulated_key(SEED, roster[expert], "2026-03-01T09:00:00+08:00")


def note_of(
    case: Case, tmp_path: Path, expert: str, kind: str, body: dict, about: str | None = None
) -> Path:
    """``expert``'s signed note about the results merged now (or those named ``about``)."""
    run = ChairRun.open(case.package, case.merge)
    out = tmp_path / f"{expert}-{kind}.esnote"
    about = about or results_digest(run.results()[1])
    return write_note(out, run.package, key_of(case, expert), kind, body, results_sha256=about)


def chair(case: Case, *args: str) -> tuple[int, str]:
    done = cli("chair", *args[:1], "--batch", str(case.package), "--dir", str(case.merge),
               *args[1:])  # fmt: skip
    return done.returncode, done.stdout + done.stderr


def test_request_answer_merge_and_every_output_shows_the_explanation(merged_case, tmp_path):
    case = merged_case
    run = ChairRun.open(case.package, case.merge)
    _, result = run.results()
    items = needed(result)
    assert items, "the demo panel has a deviating expert"
    first = items[0]
    request = tmp_path / "explain.json"
    code, said = chair(case, "explain-request", "--by", "王组长", "--out", str(request))
    assert code == 0, said
    written = json.loads(request.read_text(encoding="utf-8"))
    assert written["format"] == "expertscore-explain-request/2"
    assert written["results_sha256"] == results_digest(result)
    assert [(i["expert"], i["submission"]) for i in written["items"]] == [
        (n.expert, n.submission) for n in items
    ]
    code, said = chair(case, "results")
    assert f"explanations needed: {first.expert} missing" in said

    text = "评分依据现场核查的合同原件，其余专家未见原件"
    note = note_of(
        case, tmp_path, first.expert, EXPLANATION, {"explanations": {first.submission: text}}
    )
    code, said = chair(case, "notes", str(note))
    assert code == 0, said
    assert f"explanation of {first.expert} ({first.submission})" in said
    code, said = chair(case, "results")
    assert f"explanations needed: {first.expert} received" in said

    snap = outcome_of(ChairRun.open(case.package, case.merge))
    assert snap.notes.explanations == {(first.submission, first.expert): text}
    out = export_all(snap, tmp_path / "out", None)
    row = next(r for r in cells(out[WORKBOOK])["分歧"] if r[0] == "需说明" and r[5] == first.expert)
    assert row[8] == f"书面说明：{text}"
    report = "".join(pdf_text(out[REPORT], layout=False).split())
    assert text in report


def test_statements_signed_and_on_paper_are_listed_on_the_signature_page(merged_case, tmp_path):
    case = merged_case
    agree = note_of(case, tmp_path, "E01", STATEMENT, {"stance": AGREE, "reasons": ""})
    dissent = note_of(case, tmp_path, "E02", STATEMENT,
                      {"stance": DISSENT, "reasons": "S003 的案例材料不足以支撑二级"})  # fmt: skip
    code, said = chair(case, "notes", str(agree), str(dissent))
    assert code == 0, said
    code, said = chair(case, "paper-statement", "--expert", "E03", "--stance", "dissent",
                       "--reasons", "纸质意见：S001 偏高", "--by", "王组长")  # fmt: skip
    assert code == 0, said
    code, said = chair(case, "paper-statement", "--expert", "E04", "--stance", "dissent",
                       "--by", "王组长")  # fmt: skip
    assert code == 2 and "a dissent needs its reasons" in said

    snap = outcome_of(ChairRun.open(case.package, case.merge))
    statements = snap.notes.statements
    assert {e: (n.stance, n.transcribed_by) for e, n in statements.items()} == {
        "E01": (AGREE, None), "E02": (DISSENT, None), "E03": (DISSENT, "王组长"),
    }  # fmt: skip
    out = export_all(snap, tmp_path / "out", None)
    text = "".join(pdf_text(out[REPORT], layout=False).split())
    page = text[text.index("评审专家签字") :]
    assert "同意【已签名，密钥" in page
    assert "不同意。理由：S003的案例材料不足以支撑二级【已签名" in page
    assert "不同意。理由：纸质意见：S001偏高【纸质意见，组长王组长录入】" in page
    assert page.count("未提交书面意见") == 2  # E04 and E05
    assert "视为同意评审结果" in page


def test_a_note_signed_with_another_key_or_for_another_batch_is_refused(merged_case, tmp_path):
    case = merged_case
    run = ChairRun.open(case.package, case.merge)
    stranger = create_key("E01", "冒名者", "a passphrase 2026", cost=ScryptCost(n=2**12))
    forged = write_note(tmp_path / "forged.esnote", run.package, stranger, STATEMENT,
                        {"stance": AGREE, "reasons": ""},
                        results_sha256=results_digest(run.results()[1]))  # fmt: skip
    with pytest.raises(NoteRefused, match="E01"):
        read_note(forged.read_bytes(), str(forged), run.package, run.trust)
    code, said = chair(case, "notes", str(forged))
    assert code == 2 and len(said.strip().splitlines()) == 1
    assert not (case.merge / "notes").exists()
    good = note_of(case, tmp_path, "E01", STATEMENT, {"stance": AGREE, "reasons": ""})
    changed = json.loads(good.read_bytes())
    changed["signatures"][0]["sig"] = changed["signatures"][0]["sig"][::-1]
    good.write_text(json.dumps(changed))
    with pytest.raises(NoteRefused, match="signature"):
        read_note(good.read_bytes(), str(good), run.package, run.trust)


def test_a_signed_note_whose_content_breaks_the_rules_is_refused_by_its_rule(
    merged_case, tmp_path, monkeypatch
):
    """A note another program signed, a dissent without reasons: its signature verifies,
    the content does not; it is refused saying which rule (once a crash on a missing
    attribute instead of the refusal)."""
    case = merged_case
    run = ChairRun.open(case.package, case.merge)
    with monkeypatch.context() as other_writer:  # a writer that does not check the content
        other_writer.setattr(member_notes, "check_body", lambda kind, body: None)
        bare = note_of(case, tmp_path, "E02", STATEMENT, {"stance": DISSENT, "reasons": " "})
    with pytest.raises(NoteRefused, match="a dissent needs its reasons") as refused:
        read_note(bare.read_bytes(), str(bare), run.package, run.trust)
    assert refused.value.source == str(bare)
    code, said = chair(case, "notes", str(bare))
    assert code == 2 and "a dissent needs its reasons" in said, said
    assert not (case.merge / "notes").exists()


def test_a_paper_statement_changed_by_hand_is_refused_by_its_rule(merged_case):
    case = merged_case
    code, said = chair(case, "paper-statement", "--expert", "E03", "--stance", "agree",
                       "--by", "王组长")  # fmt: skip
    assert code == 0, said
    (kept,) = (case.merge / "notes").glob("*.paper.json")
    record = json.loads(kept.read_text(encoding="utf-8"))
    record["stance"] = "maybe"
    kept.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    run = ChairRun.open(case.package, case.merge)
    with pytest.raises(NoteRefused, match="a statement is agree or dissent") as refused:
        load_notes(case.merge, run.package, run.trust)
    assert refused.value.source == str(kept)


def test_a_statement_about_other_results_is_shown_as_stale(merged_case, tmp_path):
    """A note names the results it speaks about: after they change (an agreed score), the
    statement is still listed, marked as about other results, in every place it shows."""
    case = merged_case
    request = tmp_path / "request.json"
    code, said = chair(case, "explain-request", "--by", "王组长", "--out", str(request))
    assert code == 0, said
    asked = json.loads(request.read_text(encoding="utf-8"))["results_sha256"]
    agree = note_of(case, tmp_path, "E01", STATEMENT, {"stance": AGREE, "reasons": ""}, asked)
    code, said = chair(case, "notes", str(agree))
    assert code == 0 and "stale" not in said, said
    snap = outcome_of(ChairRun.open(case.package, case.merge))
    assert snap.notes.statements["E01"].results_sha256 == asked
    assert not snap.notes.statements["E01"].stale

    panel = snap.result.submissions["S001"].indicators["1.1.1"].panel
    points = "0.5" if panel != Decimal("0.5") else "0"
    code, said = chair(case, "override", "--submission", "S001", "--indicator", "1.1.1",
                       "--points", points, "--cause", "summing-error", "--reason", "合议")  # fmt: skip
    assert code == 0, said
    snap = outcome_of(ChairRun.open(case.package, case.merge))
    assert results_digest(snap.result) != asked
    assert snap.notes.statements["E01"].stale
    code, said = chair(case, "notes", str(agree))
    assert code == 0 and "about other results (stale)" in said, said
    out = export_all(snap, tmp_path / "out", None)
    page = "".join(pdf_text(out[REPORT], layout=False).split())
    assert "针对其他评审结果，已过期】" in page[page.index("评审专家签字") :]


def test_a_statement_names_the_request_and_an_old_request_is_refused(merged_case, tmp_path):
    case = merged_case
    old = tmp_path / "old.json"
    old.write_text(json.dumps({"format": "expertscore-explain-request/1", "items": []}))
    done = cli("statement", "--batch", str(case.package), "--request", str(old), "--expert",
               "E01", "--stance", "agree", "--out", str(tmp_path / "s.esnote"))  # fmt: skip
    assert done.returncode == 2
    assert "not an explanation request (expertscore-explain-request/2)" in done.stderr
    done = cli("statement", "--batch", str(case.package), "--expert", "E01", "--stance",
               "agree", "--out", str(tmp_path / "s.esnote"))  # fmt: skip
    assert done.returncode == 2 and "--request" in done.stderr


def test_explain_and_statement_commands_sign_notes_about_the_requested_results(
    merged_case, tmp_path, monkeypatch
):
    case = merged_case
    run = ChairRun.open(case.package, case.merge)
    first = needed(run.results()[1])[0]
    request = tmp_path / "request.json"
    code, said = chair(case, "explain-request", "--by", "王组长", "--out", str(request))
    assert code == 0, said
    asked = json.loads(request.read_text(encoding="utf-8"))["results_sha256"]
    data = tmp_path / "data"
    monkeypatch.setenv("EXPERTSCORE_DATA_DIR", str(data))
    key = create_key(first.expert, "专家", "a passphrase 2026", cost=ScryptCost(n=2**12))
    env = {"EXPERTSCORE_DATA_DIR": str(data), "EXPERTSCORE_PASSPHRASE": "a passphrase 2026"}
    explained, stated = tmp_path / "x.esnote", tmp_path / "s.esnote"
    done = cli("explain", "--batch", str(case.package), "--request", str(request), "--expert",
               first.expert, "--text", f"{first.submission}=original contract seen",
               "--out", str(explained), env=env)  # fmt: skip
    assert done.returncode == 0, done.stderr
    done = cli("statement", "--batch", str(case.package), "--request", str(request), "--expert",
               first.expert, "--stance", "agree", "--out", str(stated), env=env)  # fmt: skip
    assert done.returncode == 0, done.stderr
    trust = KeyTrust.build(None, local=[key.info])
    for path in (explained, stated):
        note = read_note(path.read_bytes(), str(path), run.package, trust)
        assert note.results_sha256 == asked and note.expert == first.expert
