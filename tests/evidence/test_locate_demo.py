"""The locator on the demo: every figure found where the audit report writes it, in the
form it is written (13.12亿元, 1,312,384,500.00元, 2.55万台/套, 10.34 %), and a value that
appears nowhere said so."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from expertscore.batch.package import open_package
from expertscore.demo.value_forms import written_figures
from expertscore.evidence.index import build_index
from expertscore.evidence.locate import locate_submission, locate_value
from expertscore.evidence.search import search_text
from expertscore.storage.importer import create_session
from expertscore.storage.session import SessionFile
from tests.factories import edit_manifest

AUDIT = "审计报告（摘要）"


def _audited(session: SessionFile) -> list[str]:
    with session.engine.connect() as connection:
        rows = connection.exec_driver_sql(
            "SELECT DISTINCT submission_id FROM evidence WHERE title = ?", (AUDIT,)
        ).fetchall()
    return sorted(row[0] for row in rows)


def _number_of(form: str) -> str:
    """The number of a written form, as the page shows it (without unit and suffix)."""
    return (
        form.split("万")[0]
        .split("亿")[0]
        .split("元")[0]
        .rstrip(" %")
        .rstrip("%")
        .rstrip("台/套个件人家户次项核TB")
    )


def test_every_written_figure_is_found_on_the_audit_reports_second_page(indexed_session):
    with SessionFile(indexed_session) as session:
        audited = _audited(session)
        assert len(audited) >= 2
        leaves = {leaf.code: leaf for leaf in session.scheme.leaves()}
        checked = 0
        for submission in audited:
            located = {item.indicator: item for item in locate_submission(session, submission)}
            values = {code: item.value for code, item in located.items()}
            applicable = [leaves[code] for code in leaves if code in values]
            for leaf, form in written_figures(applicable, values):
                item = located[leaf.code]
                assert item.state == "found", (submission, leaf.code, form)
                on_page_two = [
                    match.hit.found
                    for match in item.matches
                    if match.hit.title == AUDIT and match.hit.page == 2
                ]
                assert any(found.startswith(_number_of(form)) for found in on_page_two), (
                    submission,
                    leaf.code,
                    form,
                    on_page_two,
                )
                checked += 1
        assert checked > 20


def test_the_forms_of_the_issue_are_all_written_somewhere(indexed_session):
    """The demo really uses every form: another scale, yuan, a spaced suffix, both percents."""
    with SessionFile(indexed_session) as session:
        found = [
            match.hit.found
            for submission in _audited(session)
            for item in locate_submission(session, submission)
            for match in item.matches
            if match.hit.title == AUDIT and match.hit.page == 2
        ]
    assert any(text.endswith("亿") for text in found)
    assert any(text.endswith("万") and "," not in text for text in found)
    assert any(" 万" in text or " 亿" in text for text in found)
    assert any(text.endswith(" %") for text in found)
    assert any(text.endswith("%") and " " not in text for text in found)
    assert any(len(text.split(".")[0].replace(",", "")) >= 9 for text in found)  # in yuan


def test_a_value_changed_in_the_manifest_is_not_found(demo_package, tmp_path):
    manifest = open_package(demo_package).manifest
    sub = manifest.submissions[0]
    code, reported = next(
        (code, value) for code, value in sub.values.items() if value.unit == "万元"
    )
    changed = str(Decimal(reported.value) * 3 + Decimal("0.07"))

    def edit(data: dict) -> None:
        data["submissions"][0]["values"][code]["value"] = changed

    package = edit_manifest(demo_package, tmp_path / "changed.esbatch", edit)
    path = create_session(package, "E01", tmp_path / "E01.esession")
    build_index(path)
    with SessionFile(path) as session:
        located = locate_value(session, sub.id, code)
        assert located is not None
        assert located.value == changed
        assert located.state == "not-found" and located.matches == []
        # the other values of the same submission are still found
        others = [item for item in locate_submission(session, sub.id) if item.indicator != code]
        assert all(item.state != "not-found" for item in others)


def test_every_value_of_every_submission_is_found_or_only_words(indexed_session):
    """The demo proves every figure it reports: none is said to be missing."""
    with SessionFile(indexed_session) as session:
        with session.engine.connect() as connection:
            ids = [row[0] for row in connection.exec_driver_sql("SELECT id FROM submission")]
        for submission in ids:
            if submission == "S009":  # the hostile one: its values attack, nothing proves them
                continue
            for item in locate_submission(session, submission):
                assert item.state in ("found", "words-only"), (submission, item)


def test_a_text_answer_and_a_yes_no_answer(indexed_session):
    with SessionFile(indexed_session) as session:
        items = locate_submission(session, "S001")
    texts = [item for item in items if item.unit == "text" and len(item.value) >= 6]
    assert texts and all(item.matches[0].kind == "text" for item in texts)
    assert json.dumps([item.state for item in texts]).count("found") == len(texts)


def test_an_unindexed_session_says_so(plain_session, tmp_path):
    path = tmp_path / "E01.esession"
    path.write_bytes(Path(plain_session).read_bytes())
    with SessionFile(path) as session:
        items = locate_submission(session, "S001")
    assert items and {item.state for item in items} == {"not-indexed"}


def test_found_on_pages_once_each_best_first(indexed_session):
    with SessionFile(indexed_session) as session:
        audited = _audited(session)[0]
        for item in locate_submission(session, audited):
            pages = item.pages()
            assert len(pages) == len(set(pages))
            if item.state == "found" and item.matches[0].near_words:
                first = item.matches[0].hit
                assert pages[0] == (first.evidence_id, first.title, first.page)


def test_the_hostile_submissions_values_are_looked_for_without_error(indexed_session):
    """Its values hold a NUL, quotes and FTS5 operators: each is looked for literally."""
    with SessionFile(indexed_session) as session:
        items = locate_submission(session, "S009")
        assert items and all(item.state in ("found", "not-found", "words-only") for item in items)
        assert search_text(session, "资产\x00负债率", "S009") == []
