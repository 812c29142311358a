"""The demo package of every bundled scheme is a valid, plausible batch."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from expertscore.batch.package import open_package
from expertscore.demo import make_demo_batch
from expertscore.demo.panel import CONFLICT_EVERY
from expertscore.demo.submissions import selectable_categories
from expertscore.schemes.registry import resolve_scheme

from .helpers import BUNDLED, SMALL

PROVINCE_OF = {
    "liaoning-2025-grading": "辽宁省",
    "jilin-2025-selection": "吉林省",
    "qingdao-maturity": "山东省青岛市",
    "provincial-monitoring-2025": "江苏省",
}
SHORT_OF = {
    "liaoning-2025-grading": "LN",
    "jilin-2025-selection": "JL",
    "national-crossindustry-2023": "NAT",
    "qingdao-maturity": "QD",
    "provincial-monitoring-2025": "JS",
}


@pytest.mark.parametrize("scheme_id", BUNDLED)
def test_package_opens_and_embeds_the_bundled_scheme(demo_packages, scheme_id):
    opened = open_package(demo_packages[scheme_id])
    bundled = resolve_scheme(scheme_id)
    assert opened.scheme_text == bundled.path.read_text(encoding="utf-8")
    assert opened.manifest.scheme.id == scheme_id
    batch = opened.manifest.batch
    assert batch.id == f"DEMO-{SHORT_OF[scheme_id]}-{SMALL['seed']}"
    assert batch.created.utcoffset().total_seconds() == 8 * 3600
    assert "演示" in batch.title
    assert len(opened.manifest.submissions) == SMALL["submissions"]
    assert len(opened.manifest.roster) == SMALL["experts"]


@pytest.mark.parametrize("scheme_id", BUNDLED)
def test_every_applicable_leaf_has_a_value_of_its_unit(demo_packages, scheme_id):
    opened = open_package(demo_packages[scheme_id])
    scheme = opened.scheme
    for sub in opened.manifest.submissions:
        leaves = scheme.applicable_leaves(sub.category)
        assert set(sub.values) == {leaf.code for leaf in leaves}
        for leaf in leaves:
            reported = sub.values[leaf.code]
            assert reported.unit == leaf.reported.unit
            if reported.unit == "yes/no":
                assert reported.value in ("yes", "no")
            elif reported.unit == "text":
                assert len(reported.value) >= 8
                assert any("\u4e00" <= char <= "\u9fff" for char in reported.value)
            else:
                number = Decimal(reported.value)
                assert number.is_finite()
                if reported.unit == "%":
                    assert 0 <= number <= 100


@pytest.mark.parametrize("scheme_id", BUNDLED)
def test_submissions_have_names_region_category_tags_and_cases(demo_packages, scheme_id):
    opened = open_package(demo_packages[scheme_id])
    scheme = opened.scheme
    selectable = {category.code for category in selectable_categories(scheme)}
    industry = {tag.code for tag in scheme.classification.industry_tags}
    domain = {tag.code for tag in scheme.classification.domain_tags}
    codes = {node.code for node in scheme.walk()}
    platforms = [sub.platform for sub in opened.manifest.submissions]
    assert len(set(platforms)) == len(platforms)
    for sub in opened.manifest.submissions:
        assert "平台" in sub.platform
        assert sub.operator.endswith("公司")
        if scheme_id in PROVINCE_OF:
            assert sub.region.startswith(PROVINCE_OF[scheme_id])
        if selectable:
            assert sub.category in selectable
        else:
            assert sub.category is None
        assert bool(sub.industry_tags) == bool(industry)
        assert bool(sub.domain_tags) == bool(domain)
        assert set(sub.industry_tags) <= industry
        assert set(sub.domain_tags) <= domain
        assert len(sub.cases) in (1, 2)  # the generator's rule; both occur: see below
        for case in sub.cases:
            assert case.title.endswith("项目")
            assert sub.platform in case.text
            assert case.indicators
            assert set(case.indicators) <= codes


@pytest.mark.parametrize("scheme_id", BUNDLED)
def test_evidence_is_linked_to_leaves_of_its_submission(demo_packages, scheme_id):
    opened = open_package(demo_packages[scheme_id])
    scheme = opened.scheme
    leaves = {leaf.code for leaf in scheme.leaves()}
    per_submission = Counter(item.submission for item in opened.manifest.evidence)
    for sub in opened.manifest.submissions:
        assert 2 <= per_submission[sub.id] <= 5
    by_id = {sub.id: sub for sub in opened.manifest.submissions}
    for item in opened.manifest.evidence:
        assert item.indicators
        assert set(item.indicators) <= leaves
        assert set(item.indicators) <= set(by_id[item.submission].values)
        extension = item.filename.rsplit(".", 1)[1]
        assert (extension, item.media_type) in {
            ("pdf", "application/pdf"),
            ("png", "image/png"),
            ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        }
    first = [e for e in opened.manifest.evidence if e.id.endswith("-E001")]
    assert len(first) == len(opened.manifest.submissions)
    assert all(e.title == "申报材料汇总表" for e in first)


@pytest.mark.parametrize("scheme_id", BUNDLED)
def test_roster_assignments_and_conflicts(demo_packages, scheme_id):
    manifest = open_package(demo_packages[scheme_id]).manifest
    assert {expert.role for expert in manifest.roster} <= {"财务", "技术", "行业"}
    for expert in manifest.roster:
        assert expert.organization
        assert 2 <= len(expert.name) <= 3
    pairs = {(a.expert, a.submission) for a in manifest.assignments}
    for sub in manifest.submissions:
        panel = [a.expert for a in manifest.assignments if a.submission == sub.id]
        assert len(panel) == len(set(panel)) == min(SMALL["experts"], 5)
    assert len(manifest.conflicts) >= 1
    for conflict in manifest.conflicts:
        assert (conflict.expert, conflict.submission) in pairs
        assert conflict.reason.startswith("该专家")
        assert "申报" in conflict.reason


def test_large_panel_is_balanced_round_robin(larger_package):
    manifest = open_package(larger_package).manifest
    load = Counter(a.expert for a in manifest.assignments)
    assert len(manifest.assignments) == 14 * 5
    assert set(load) == {expert.id for expert in manifest.roster}
    assert max(load.values()) - min(load.values()) <= 1
    assert sorted(Counter(e.role for e in manifest.roster).items()) == [
        ("技术", 3),
        ("行业", 3),
        ("财务", 1),
    ]
    # One submission in CONFLICT_EVERY (at least one) has a declared conflict of an expert
    # who is assigned it.
    assert len(manifest.conflicts) == max(1, round(14 / CONFLICT_EVERY))
    assigned = {(a.expert, a.submission) for a in manifest.assignments}
    assert all((c.expert, c.submission) in assigned for c in manifest.conflicts)
    assert Counter(len(sub.cases) for sub in manifest.submissions).keys() == {1, 2}


def test_values_are_consistent_within_a_submission(larger_package):
    opened = open_package(larger_package)
    for sub in opened.manifest.submissions:
        number = {code: Decimal(v.value) for code, v in sub.values.items() if v.unit != "text"}
        assert number["1.1.4"] <= number["1.1.3"]  # platform revenue within the company's
        assert number["2.2.1"] <= number["2.1.3"]  # platform copyrights within the company's
        assert number["4.1.2"] <= number["4.1.1"]  # customers in the province within all
        assert number["4.1.4"] <= number["4.1.1"]  # small customers within all
    devices = sorted(Decimal(s.values["3.1.1"].value) for s in opened.manifest.submissions)
    assert devices[-1] > 4 * devices[0]  # believable spread between platforms


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path):
    first, second, other = tmp_path / "a.zip", tmp_path / "b" / "a.zip", tmp_path / "c.zip"
    make_demo_batch("qingdao-maturity", 4, 3, 42, first)
    make_demo_batch("qingdao-maturity", 4, 3, 42, second)
    make_demo_batch("qingdao-maturity", 4, 3, 43, other)
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes() != other.read_bytes()
    manifests = [open_package(path).manifest for path in (first, other)]
    assert manifests[0].batch.id == "DEMO-QD-42"
    assert manifests[0].submissions[0].platform != manifests[1].submissions[0].platform


def test_a_smaller_batch_is_a_prefix_of_a_larger_one(tmp_path):
    small = make_demo_batch("jilin-2025-selection", 2, 3, 8, tmp_path / "small.zip")
    large = make_demo_batch("jilin-2025-selection", 4, 3, 8, tmp_path / "large.zip")
    assert small.submissions == large.submissions[:2]
    assert [e for e in large.evidence if e.submission in ("S001", "S002")] == small.evidence


def test_a_scheme_file_that_is_not_bundled(tmp_path, fixtures_dir):
    out = tmp_path / "example.zip"
    make_demo_batch(str(fixtures_dir / "example-scheme.yaml"), 3, 2, 1, out)
    opened = open_package(out)
    assert opened.manifest.scheme.id == "example-grading"
    assert opened.manifest.batch.id == "DEMO-EG-1"
    assert opened.scheme_text == (fixtures_dir / "example-scheme.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(("submissions", "experts"), [(0, 3), (3, 0)])
def test_counts_out_of_range_are_refused(tmp_path, submissions, experts):
    out = tmp_path / "x.zip"
    with pytest.raises(ValueError, match="must be 1"):
        make_demo_batch("liaoning-2025-grading", submissions, experts, 1, out)
    assert not out.exists()


def test_unknown_scheme_is_refused(tmp_path):
    from expertscore.errors import SchemeNotFound

    with pytest.raises(SchemeNotFound):
        make_demo_batch("no-such-scheme", 2, 2, 1, tmp_path / "x.zip")


def test_out_path_is_a_path(tmp_path):
    out = Path(tmp_path / "nested" / "deeper" / "demo.zip")
    manifest = make_demo_batch("national-crossindustry-2023", 1, 1, 1, out)
    assert out.is_file()
    assert len(manifest.assignments) == 1
    assert len(manifest.conflicts) == 1


def test_rendering_in_worker_processes_gives_the_same_bytes(tmp_path, monkeypatch):
    from expertscore.demo import batch

    monkeypatch.setattr(batch, "PARALLEL_FROM", 2)
    alone, pooled = tmp_path / "alone.zip", tmp_path / "pooled.zip"
    make_demo_batch("liaoning-2025-grading", 4, 3, 21, alone, workers=1)
    make_demo_batch("liaoning-2025-grading", 4, 3, 21, pooled, workers=2)
    assert alone.read_bytes() == pooled.read_bytes()


def test_progress_is_reported_per_submission(tmp_path):
    calls = []
    make_demo_batch(
        "jilin-2025-selection", 3, 2, 1, tmp_path / "p.zip", progress=lambda *a: calls.append(a)
    )
    assert calls == [(1, 3), (2, 3), (3, 3)]
