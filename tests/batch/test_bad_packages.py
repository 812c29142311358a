"""Every kind of bad package is refused with one clear line, and no session is left behind."""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from pathlib import Path

import pytest

from expertscore.batch.package import Limits, open_package
from expertscore.errors import PackageError
from expertscore.storage.importer import create_session
from tests.factories import edit_manifest, rewrite_package, write_example_package


@pytest.fixture
def good(tmp_path: Path) -> Path:
    return write_example_package(tmp_path / "good.esbatch")


def refused(package: Path, tmp_path: Path) -> str:
    """Import must fail with a one-line PackageError and leave the folder as it was."""
    out_dir = tmp_path / "sessions"
    out_dir.mkdir(exist_ok=True)
    before = set(tmp_path.rglob("*"))
    with pytest.raises(PackageError) as info:
        create_session(package, "E01", out_dir / "expert.esession")
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(f"{package}: ")
    assert set(tmp_path.rglob("*")) == before, "import left files behind"
    return message.removeprefix(f"{package}: ")


def test_not_a_zip(tmp_path):
    bogus = tmp_path / "bogus.esbatch"
    bogus.write_bytes(b"%PDF-1.4 this is not a package")
    assert refused(bogus, tmp_path) == "not a batch package (not a zip file)"


def test_missing_file(tmp_path):
    assert refused(tmp_path / "absent.esbatch", tmp_path) == "no such file"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../escape.txt", "entry '../escape.txt' points outside the package ('..')"),
        (
            "evidence/../../etc/passwd",
            "entry 'evidence/../../etc/passwd' points outside the package ('..')",
        ),
        ("/etc/passwd", "entry '/etc/passwd' has an absolute path"),
        ("C:/windows/win.ini", "entry 'C:/windows/win.ini' has an absolute path"),
        ("evidence\\x", "entry 'evidence\\x' has an absolute path"),
        ("notes.txt", "unexpected entry 'notes.txt'"),
    ],
)
def test_hostile_entry_names(good, tmp_path, name, expected):
    bad = rewrite_package(
        good, tmp_path / "bad.esbatch", lambda e: [*e, (zipfile.ZipInfo(name), b"x")]
    )
    assert refused(bad, tmp_path) == expected
    assert not (tmp_path.parent / "escape.txt").exists()


def test_duplicate_entries(good, tmp_path):
    def twice(entries):
        manifest = next(item for item in entries if item[0].filename == "manifest.json")
        return [*entries, manifest]

    with pytest.warns(UserWarning, match="Duplicate name"):
        bad = rewrite_package(good, tmp_path / "bad.esbatch", twice)
    assert refused(bad, tmp_path) == "entry 'manifest.json' appears twice"


def test_zip_bomb_ratio(good, tmp_path):
    bomb = b"\0" * (64 << 20)
    sha = hashlib.sha256(bomb).hexdigest()

    def add_bomb(entries):
        info = zipfile.ZipInfo(f"evidence/{sha}")
        info.compress_type = zipfile.ZIP_DEFLATED
        return [*entries, (info, bomb)]

    bad = rewrite_package(good, tmp_path / "bad.esbatch", add_bomb)
    assert os.path.getsize(bad) < (1 << 20)
    message = refused(bad, tmp_path)
    assert message.startswith(f"entry 'evidence/{sha}' expands ")
    assert message.endswith("times (a zip bomb?); refused")


def test_total_size_limit(good):
    with pytest.raises(PackageError, match=r"contents expand to \d+ bytes, over the limit"):
        open_package(good, Limits(max_total_bytes=1000))


def test_evidence_missing(good, tmp_path):
    def drop_first_evidence(entries):
        first = next(
            i for i, (info, _) in enumerate(entries) if info.filename.startswith("evidence/")
        )
        return entries[:first] + entries[first + 1 :]

    bad = rewrite_package(good, tmp_path / "bad.esbatch", drop_first_evidence)
    assert refused(bad, tmp_path) == "evidence 'S001-E001' (audit.pdf) is missing from the package"


def test_evidence_with_wrong_hash(good, tmp_path):
    def corrupt(entries):
        result = []
        for info, data in entries:
            if info.filename.startswith("evidence/") and data.startswith(b"%PDF"):
                data = data.replace(b"test evidence", b"TEST EVIDENCE")
            result.append((info, data))
        return result

    bad = rewrite_package(good, tmp_path / "bad.esbatch", corrupt)
    message = refused(bad, tmp_path)
    assert message.endswith("does not match its SHA-256 (damaged or altered)")
    assert message.startswith("'evidence/")


def test_unlisted_evidence(good, tmp_path):
    data = b"stowaway"
    sha = hashlib.sha256(data).hexdigest()
    bad = rewrite_package(
        good, tmp_path / "bad.esbatch", lambda e: [*e, (zipfile.ZipInfo(f"evidence/{sha}"), data)]
    )
    assert refused(bad, tmp_path) == f"entry 'evidence/{sha}' is not listed in the manifest"


def test_unknown_format_version(good, tmp_path):
    bad = edit_manifest(
        good, tmp_path / "bad.esbatch", lambda m: m.update(format="expertscore-batch/7")
    )
    assert refused(bad, tmp_path) == (
        "manifest.json: format 'expertscore-batch/7' is not supported;"
        " this program reads 'expertscore-batch/1'"
    )


def test_malformed_json(good, tmp_path):
    """A manifest cut off mid-way (a truncated copy) names the line and column."""

    def truncate(entries):
        return [
            (
                info,
                data[: data.index(b'"submissions"')] if info.filename == "manifest.json" else data,
            )
            for info, data in entries
        ]

    bad = rewrite_package(good, tmp_path / "bad.esbatch", truncate)
    message = refused(bad, tmp_path)
    assert message.startswith("manifest.json:")
    assert ": malformed JSON: Expecting property name enclosed in double quotes" in message


def test_invalid_embedded_scheme(good, tmp_path):
    def break_scheme(entries):
        result = []
        for info, data in entries:
            if info.filename == "scheme.yaml":
                data = data.replace(b"weight: 10%", b"weight: 9%")
            result.append((info, data))
        sha = hashlib.sha256(next(d for i, d in result if i.filename == "scheme.yaml")).hexdigest()
        final = []
        for info, data in result:
            if info.filename == "manifest.json":
                manifest = json.loads(data)
                manifest["scheme"]["sha256"] = sha
                data = json.dumps(manifest).encode()
            final.append((info, data))
        return final

    bad = rewrite_package(good, tmp_path / "bad.esbatch", break_scheme)
    assert refused(bad, tmp_path) == (
        f"embedded scheme is invalid: {bad}!scheme.yaml:34 indicator 1:"
        " children's weights sum to 39%, expected 40%"
    )


def test_scheme_changed_without_manifest(good, tmp_path):
    def touch_scheme(entries):
        return [
            (info, data + b"\n# edited\n" if info.filename == "scheme.yaml" else data)
            for info, data in entries
        ]

    bad = rewrite_package(good, tmp_path / "bad.esbatch", touch_scheme)
    assert refused(bad, tmp_path).startswith("scheme.yaml: SHA-256 ")


def set_value(code: str, value: str, unit: str | None = None):
    def edit(manifest):
        entry = manifest["submissions"][1]["values"][code]
        entry["value"] = value
        if unit is not None:
            entry["unit"] = unit

    return edit


@pytest.mark.parametrize(
    ("code", "value", "unit", "expected"),
    [
        (
            "2.1",
            "一千二百",
            None,
            "indicator '2.1' (工业设备连接数量): '一千二百' is not a plain decimal number",
        ),
        (
            "2.1",
            "NaN",
            None,
            "indicator '2.1' (工业设备连接数量): 'NaN' is not a plain decimal number",
        ),
        (
            "2.1",
            "1e3",
            None,
            "indicator '2.1' (工业设备连接数量): '1e3' is not a plain decimal number",
        ),
        ("1.2", "maybe", None, "indicator '1.2' (独立经营): 'maybe' is not yes or no"),
        (
            "2.1",
            "1200",
            "个",
            "indicator '2.1' (工业设备连接数量): unit '个' does not match the scheme's '台/套'",
        ),
        (
            "2.1",
            "=SUM(A1:A9)",
            None,
            "indicator '2.1' (工业设备连接数量): '=SUM(A1:A9)' is a formula, not a value",
        ),
        (
            "2.2",
            '=HYPERLINK("x")',
            None,
            "indicator '2.2' (解决方案描述): '=HYPERLINK(\"x\")' is a formula, not a value",
        ),
    ],
)
def test_values_of_wrong_type_unit_or_formula(good, tmp_path, code, value, unit, expected):
    bad = edit_manifest(good, tmp_path / "bad.esbatch", set_value(code, value, unit))
    assert refused(bad, tmp_path) == f"manifest.json submissions[1] (S002) values: {expected}"


def test_value_for_unknown_indicator(good, tmp_path):
    def edit(manifest):
        manifest["submissions"][0]["values"]["7.7"] = {"value": "1", "unit": "个"}

    bad = edit_manifest(good, tmp_path / "bad.esbatch", edit)
    assert refused(bad, tmp_path) == (
        "manifest.json submissions[0] (S001) values: indicator '7.7' is not a leaf of scheme 'example-grading'"
    )


def test_missing_required_field_is_located(good, tmp_path):
    bad = edit_manifest(
        good, tmp_path / "bad.esbatch", lambda m: m["submissions"][1].pop("platform")
    )
    assert refused(bad, tmp_path) == "manifest.json submissions[1] (S002) platform: Field required"


def test_reference_errors(good, tmp_path):
    def edit(manifest):
        manifest["assignments"][0]["expert"] = "E99"

    bad = edit_manifest(good, tmp_path / "bad.esbatch", edit)
    assert (
        refused(bad, tmp_path) == "manifest.json assignments[0]: expert 'E99' is not on the roster"
    )


def test_duplicate_submission_ids(good, tmp_path):
    def edit(manifest):
        manifest["submissions"][1]["id"] = "S001"

    bad = edit_manifest(good, tmp_path / "bad.esbatch", edit)
    assert refused(bad, tmp_path) == "manifest.json submissions: id 'S001' is used twice"
