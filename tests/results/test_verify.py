"""Verifying: every way a result file can be wrong is refused, each with a clear reason."""

from __future__ import annotations

import base64
import copy
import json
import zlib
from pathlib import Path

import pytest

from expertscore.batch.package import open_package
from expertscore.identity.keycard import read_cards
from expertscore.results.envelope import RESULT_PAYLOAD_TYPE, ResultRefused, envelope_bytes
from expertscore.results.logchain import MAX_LINE_BYTES, MAX_LOG_BYTES, read_log
from expertscore.results.payload import log_block, payload_bytes
from expertscore.results.submit import submit
from expertscore.results.trust import KeyTrust
from expertscore.results.verify import check_result, verify_file
from expertscore.scoring.editlog import stored_line
from expertscore.storage.session import SessionFile
from tests.factories import edit_manifest, example_builder
from tests.results.helpers import card_of, complete_session, fixed_key, resign

E01, E02 = fixed_key("E01"), fixed_key("E02")


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> dict[str, Path]:
    """One package, one valid result of E02 and key cards of E01 and E02."""
    folder = tmp_path_factory.mktemp("verify")
    package = folder / "batch.esbatch"
    example_builder(submissions=3).write(package)
    session = complete_session(package, "E02", folder / "e02.esession")
    with SessionFile(session) as opened:
        submit(opened, E02, folder / "E02.esresult")
    cards = folder / "cards"
    card_of(E01, cards)
    card_of(E02, cards)
    return {"package": package, "result": folder / "E02.esresult", "cards": cards}


@pytest.fixture(scope="module")
def data(made) -> bytes:
    return made["result"].read_bytes()


def refused(data: bytes, **kwargs) -> str:
    with pytest.raises(ResultRefused) as info:
        check_result(data, "r.esresult", **kwargs)
    return info.value.reason


def strict_trust(made, package=True) -> KeyTrust:
    opened = open_package(made["package"]) if package else None
    return KeyTrust.build(opened, read_cards([made["cards"]]))


def test_a_valid_file_passes_with_batch_and_key_cards(made, data):
    opened = open_package(made["package"])
    checked = check_result(data, "r", package=opened, trust=strict_trust(made))
    assert checked.identity.checked
    assert checked.identity.how.startswith("matches key card")
    assert checked.fingerprint == E02.info.fingerprint


def test_verdict_lines_name_expert_key_batch_sequence_and_counts(made):
    verdict = verify_file(made["result"], open_package(made["package"]), strict_trust(made))
    text = "\n".join(verdict.lines())
    assert verdict.ok
    assert "verdict:     VALID" in text
    assert "expert:      E02 专家2 (某大学)" in text
    assert f"key:         {E02.info.fingerprint} (matches key card" in text
    assert "batch:       TEST-1 测试批次" in text
    assert "sequence:    1" in text
    assert "counts:      3 submissions (2 scored, 1 recused), 10 scores, 4 comments" in text
    assert "rules:       every score checked against the batch's rules; the edit log replayed" in (
        text
    )


def payload_span(data: bytes) -> tuple[int, int]:
    start = data.index(b'"payload": "') + len(b'"payload": "')
    return start, data.index(b'"', start)


def sig_span(data: bytes) -> tuple[int, int]:
    start = data.index(b'"sig": "') + len(b'"sig": "')
    return start, data.index(b'"', start)


def flipped(data: bytes, position: int) -> bytes:
    changed = bytearray(data)
    changed[position] ^= 0x01
    return bytes(changed)


def test_a_changed_byte_in_the_payload_is_refused(data):
    start, end = payload_span(data)
    for position in range(start, end - 4, max(1, (end - start) // 97)):
        reason = refused(flipped(data, position))
        # a flip that raises the payload's format version can only be told as a newer program's
        expected = ("changed", "not valid base64", "made by a newer ExpertScore")
        assert any(words in reason for words in expected), (position, reason)
    assert "the signature does not verify" in refused(reworded(data))


def reworded(data: bytes) -> bytes:
    """The payload still decodes to valid JSON naming the same key, but says something else."""
    start, end = payload_span(data)
    payload = base64.b64decode(data[start:end])
    assert b'"E02"' in payload
    changed = base64.b64encode(payload.replace(b'"E02"', b'"E03"', 1))
    return data[:start] + changed + data[end:]


def test_a_changed_byte_in_the_signature_is_refused(data):
    start, end = sig_span(data)
    for position in range(start, end):
        reason = refused(flipped(data, position))
        assert "signature" in reason or "changed" in reason, (position, reason)


def test_a_changed_byte_anywhere_is_refused(data):
    payload_start, payload_end = payload_span(data)
    outside = [p for p in range(len(data)) if not payload_start + 8 <= p < payload_end - 8]
    for position in outside:
        refused(flipped(data, position))  # raises unless refused


def test_base64_that_decodes_to_the_same_bytes_is_still_a_change(data):
    _envelope, payload = decode_bytes(data)
    body = payload_bytes(payload)
    body += b" " * ((1 - len(body)) % 3)  # JSON allows the space; the base64 ends in "=="
    data = envelope_bytes(body, E02.info.fingerprint, E02.sign(RESULT_PAYLOAD_TYPE, body))
    check_result(data, "r")
    start, end = payload_span(data)
    last = data[end - 1 : end]
    assert data[end - 2 : end] == b"=="
    target = end - 3  # the last data character has unused bits
    char = data[target : target + 1]
    alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    index = alphabet.index(char)
    twin = alphabet[index ^ 1 : (index ^ 1) + 1]
    changed = data[:target] + twin + data[target + 1 :]
    assert base64.b64decode(changed[start:end]) == base64.b64decode(data[start:end]), last
    assert "layout" in refused(changed)


def test_changed_line_endings_are_refused(data):
    assert "layout it was signed in" in refused(data.replace(b"\n", b"\r\n"))


@pytest.mark.parametrize("keep", [0.1, 0.5, 0.9, 0.999])
def test_a_truncated_file_is_refused(data, keep):
    assert "truncated" in refused(data[: int(len(data) * keep)])


def test_a_file_missing_only_its_last_line_ending_is_truncated(data):
    assert "truncated" in refused(data[:-1])


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "the file is empty"),
        (b"\xff\xfe garbage", "not UTF-8"),
        (b"[1, 2, 3]\n", "not an ExpertScore result file"),
        (b'{"format": "expertscore-batch/1"}', "not an ExpertScore result file"),
        (b"{,}", "garbled"),
    ],
)
def test_things_that_are_not_result_files(content, reason):
    assert reason in refused(content)


def test_a_format_from_the_future_is_refused(data):
    newer = data.replace(b"expertscore-result/1", b"expertscore-result/2", 1)
    assert refused(newer) == (
        "made by a newer ExpertScore (format expertscore-result/2); this program reads"
        " expertscore-result/1: update the program"
    )


def test_a_payload_format_from_the_future_is_refused(data):
    _envelope, payload = decode_bytes(data)
    payload["format"] = "expertscore-result-payload/5"
    assert "made by a newer ExpertScore (payload expertscore-result-payload/5)" in refused(
        resign(payload, E02)
    )


@pytest.mark.parametrize("version", [1, 2])
def test_a_payload_of_an_unreleased_earlier_version_is_not_called_newer(data, version):
    _envelope, payload = decode_bytes(data)
    payload["format"] = f"expertscore-result-payload/{version}"
    assert refused(resign(payload, E02)) == (
        f"the payload's format 'expertscore-result-payload/{version}' is not"
        " expertscore-result-payload/4: the file was changed or is not an ExpertScore result"
    )


def decode_bytes(data: bytes) -> tuple[dict, dict]:
    envelope = json.loads(data)
    return envelope, json.loads(base64.b64decode(envelope["payload"]))


def test_a_file_for_another_batch_is_refused(made, data, tmp_path):
    other = example_builder(submissions=3)
    other.batch = other.batch.model_copy(update={"id": "TEST-2"})
    other.write(tmp_path / "other.esbatch")
    other_package = open_package(tmp_path / "other.esbatch")
    assert "this result is for batch TEST-1, not for TEST-2" in refused(data, package=other_package)


def test_a_file_for_another_version_of_the_batch_is_refused(made, data, tmp_path):
    changed = edit_manifest(
        made["package"],
        tmp_path / "v2.esbatch",
        lambda m: m["batch"].update(title="测试批次（修订）"),
    )
    reason = refused(data, package=open_package(changed))
    assert reason.startswith("this result is for another version of batch TEST-1 (hash")


def test_an_unknown_key_is_refused_when_a_roster_is_given(made, data):
    reason = refused(data, package=open_package(made["package"]))
    assert reason == (
        f"unknown key {E02.info.fingerprint}: neither the batch roster nor a key card names a"
        " key for E02"
    )


def test_without_roster_or_cards_the_identity_is_reported_unchecked(data):
    checked = check_result(data, "r")
    assert not checked.identity.checked
    assert "not checked" in checked.identity.how


def test_a_key_that_does_not_match_the_roster_pin_is_refused(made, tmp_path):
    registered = fixed_key("E02", "registered with the organizer")
    pinned = edit_manifest(
        made["package"],
        tmp_path / "pinned.esbatch",
        lambda m: m["roster"][1].update(public_key=registered.info.public_key),
    )
    session = complete_session(pinned, "E02", tmp_path / "e02.esession")
    with SessionFile(session) as opened:
        submit(opened, registered, tmp_path / "ok.esresult")
    opened_package = open_package(pinned)
    good = (tmp_path / "ok.esresult").read_bytes()
    assert check_result(good, "ok", package=opened_package).identity.checked
    _envelope, payload = decode_bytes(good)
    payload["expert"]["public_key"] = E02.info.public_key  # the same expert, an unregistered key
    reason = refused(resign(payload, E02), package=opened_package)
    assert reason == (
        f"signed with key {E02.info.fingerprint}, but the batch roster pins key"
        f" {registered.info.fingerprint} for E02"
    )


def test_another_expert_signing_as_e02_is_refused(made, data):
    _envelope, payload = decode_bytes(data)
    payload["expert"]["public_key"] = E01.info.public_key  # E01 claims to be E02
    forged = resign(payload, E01)
    assert check_result(forged, "r").identity.checked is False  # a signature alone proves nothing
    reason = refused(forged, trust=strict_trust(made, package=False))
    assert reason == (
        f"signed with key {E01.info.fingerprint}, but E02's known key is {E02.info.fingerprint}"
        f" (key card {made['cards'] / 'E02.eskeycard'}); it is the key of E01"
    )


def test_a_signature_by_another_key_than_the_payload_names_is_refused(data):
    _envelope, payload = decode_bytes(data)
    forged = json.loads(resign(payload, E01))
    forged["signatures"][0]["keyid"] = E02.info.fingerprint
    text = (json.dumps(forged, indent=2) + "\n").encode()
    assert "the signature does not verify" in refused(text)


def test_a_keyid_that_is_not_the_payloads_key_is_refused(data):
    _envelope, payload = decode_bytes(data)
    forged = json.loads(resign(payload, E01))  # payload names E02's key, E01 signed
    assert "is not the payload's key" in refused((json.dumps(forged, indent=2) + "\n").encode())


def rewritten_log(payload: dict, change) -> dict:
    """The payload with its log block rebuilt from lines that ``change`` edited."""
    block = payload["log"]
    lines = [
        entry.line
        for entry in read_log(block["deflated"], block["entries"], payload["batch"]["sha256"])
    ]
    changed = change(lines)
    payload["log"] = {**log_block(changed, block["head"]), "entries": block["entries"]}
    return payload


def test_a_rewritten_edit_log_is_refused_even_if_resigned(data):
    _envelope, payload = decode_bytes(data)

    def nine_and_a_half(lines):
        entry = json.loads(lines[0])
        entry["detail"]["new"]["points"] = "9.5"
        return [stored_line(entry), *lines[1:]]

    assert refused(resign(rewritten_log(payload, nine_and_a_half), E02)) == (
        "the edit log does not end at the head hash the payload names"
    )


def test_an_edit_log_cut_or_padded_is_refused_even_if_resigned(data):
    _envelope, payload = decode_bytes(data)
    short = rewritten_log(copy.deepcopy(payload), lambda lines: lines[:-1])
    assert refused(resign(short, E02)) == (
        f"the edit log has {payload['log']['entries'] - 1} entries, the payload says"
        f" {payload['log']['entries']}"
    )
    spaced = rewritten_log(copy.deepcopy(payload), lambda lines: [lines[0] + " ", *lines[1:]])
    assert refused(resign(spaced, E02)) == "edit log entry 1 is not written in canonical form"
    payload["log"]["deflated"] = base64.b64encode(b"not zlib").decode()
    assert refused(resign(payload, E02)).startswith("the edit log does not inflate")


def test_an_edit_log_that_inflates_beyond_its_entries_is_refused(data):
    _envelope, payload = decode_bytes(data)
    bomb = zlib.compress(b"x" * (payload["log"]["entries"] * MAX_LINE_BYTES + 1), 9)
    payload["log"]["deflated"] = base64.b64encode(bomb).decode()
    assert refused(resign(payload, E02)) == (
        "the edit log is cut short, too long, or followed by other data"
    )


def test_an_edit_log_claiming_many_entries_still_inflates_no_more_than_the_cap(data):
    _envelope, payload = decode_bytes(data)
    payload["log"]["entries"] = 10**9  # a claim of the payload, signed by whoever made it
    bomb = zlib.compress(b"x" * (MAX_LOG_BYTES + 1), 9)
    payload["log"]["deflated"] = base64.b64encode(bomb).decode()
    assert refused(resign(payload, E02)) == (
        "the edit log is cut short, too long, or followed by other data"
    )


def test_the_merge_leaves_the_log_packed_but_verify_checks_it(data):
    _envelope, payload = decode_bytes(data)
    payload["log"]["head"] = "0" * 64
    forged = resign(payload, E02)
    assert check_result(forged, "r", log=False).payload.log.head == "0" * 64
    assert refused(forged) == "the edit log does not end at the head hash the payload names"


def test_a_log_that_does_not_end_with_this_submission_is_refused(data):
    _envelope, payload = decode_bytes(data)
    payload["sequence"] = 2
    assert "does not end with the submission of result 2" in refused(resign(payload, E02))


def test_a_score_as_a_json_number_is_refused(data):
    _envelope, payload = decode_bytes(data)
    payload["submissions"][1]["scores"]["points"][0] = 7.5
    assert refused(resign(payload, E02)).startswith("payload submissions.1.scores.points.0")


def test_score_columns_of_different_lengths_are_refused(data):
    _envelope, payload = decode_bytes(data)
    payload["submissions"][1]["scores"]["points"].append("1")
    assert "the score columns differ in length (indicator 5, points 6)" in refused(
        resign(payload, E02)
    )


def test_a_sparse_column_naming_a_row_that_does_not_exist_is_refused(data):
    _envelope, payload = decode_bytes(data)
    payload["submissions"][1]["scores"]["comment"].append([5, "多出的一条"])
    assert "comment names row 5, but there are 5 records" in refused(resign(payload, E02))


@pytest.mark.parametrize("rows", [[3, 1], [1, 1]])
def test_a_sparse_column_with_rows_out_of_order_or_twice_is_refused(data, rows):
    _envelope, payload = decode_bytes(data)
    payload["submissions"][1]["scores"]["choice"] = [[row, "良"] for row in rows]
    assert "choice lists its rows out of order or twice" in refused(resign(payload, E02))


@pytest.mark.parametrize(
    ("column", "pair", "place"),
    [
        ("round", [0, 1], "scores.round.0.1"),  # round 1 is the default: never listed
        ("comment", [0, ""], "scores.comment.0.1"),
        ("evidence", [0, []], "scores.evidence.0.1"),
        ("choice", [0, None], "scores.choice.0.1"),
        ("round", [0, 2, 3], "scores.round.0"),
    ],
)
def test_a_sparse_column_listing_a_default_or_a_malformed_pair_is_refused(
    data, column, pair, place
):
    _envelope, payload = decode_bytes(data)
    payload["submissions"][1]["scores"][column] = [pair]
    assert refused(resign(payload, E02)).startswith(f"payload submissions.1.{place}")


def test_extra_signatures_are_refused(data):
    envelope, _payload = decode_bytes(data)
    envelope["signatures"].append(envelope["signatures"][0])
    assert "expected exactly one signature, found 2" in refused(json.dumps(envelope).encode())


@pytest.mark.parametrize("keyid", ["d2fa-ccb3-7e77-8c1a", 'a"b\\c', "专家"])
def test_the_envelope_layout_is_json_dumps_with_an_indent_of_two(keyid):
    record = {
        "format": "expertscore-result/1",
        "payloadType": RESULT_PAYLOAD_TYPE,
        "payload": base64.b64encode(b"{}").decode(),
        "signatures": [{"keyid": keyid, "sig": "c2ln"}],
    }
    expected = (json.dumps(record, indent=2) + "\n").encode("ascii")
    assert envelope_bytes(b"{}", keyid, "c2ln") == expected
