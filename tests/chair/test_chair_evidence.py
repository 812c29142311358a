"""The chair reads each expert's pinned evidence from the result files, and the files
themselves from the batch package, checked against the signed manifest."""

from __future__ import annotations

import hashlib

import pytest

from expertscore.batch.package import PackageError
from expertscore.chair.evidence import evidence_bytes, evidence_records, pins
from expertscore.chair.run import ChairRun


def test_pins_and_files_come_from_the_results_and_the_package(merged_case, tmp_path):
    run = ChairRun.open(merged_case.package, merged_case.merge)
    manifest = run.package.manifest
    found = []
    for sub in manifest.submissions:
        experts = sorted({a.expert for a in manifest.assignments if a.submission == sub.id})
        for leaf in run.package.scheme.leaves():
            found += [(sub.id, p) for p in pins(run.folder.accepted, sub.id, leaf.code, experts)]
    assert found, "the simulated experts pin evidence"
    sid, pin = found[0]
    records = {r.id: r for r in evidence_records(run.package, sid)}
    assert pin.evidence in records
    record = records[pin.evidence]
    data = evidence_bytes(run.package, record.sha256)
    assert hashlib.sha256(data).hexdigest() == record.sha256
    assert len(data) == record.size


def test_an_unknown_file_is_refused(merged_case):
    run = ChairRun.open(merged_case.package, merged_case.merge)
    with pytest.raises(PackageError):
        evidence_bytes(run.package, "0" * 64)
