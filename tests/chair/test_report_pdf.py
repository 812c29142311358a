"""The panel's PDF report, from a real merge of simulated experts' signed result files.

A demo batch of 4 submissions with a roster of 6, of whom 5 submit (so one gap); the chair
records an agreed score and a second-round request; then the report is read back with
poppler: the text layer, the fonts, the page count and the pixels of the charts.
"""

from __future__ import annotations

import html
import re
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from PIL import Image, ImageStat
from reportlab.pdfbase import pdfmetrics

from expertscore.batch.package import OpenedPackage, open_package
from expertscore.chair import merge
from expertscore.chair.aggregate import PanelInput, PanelResult, aggregate
from expertscore.chair.decisions import Decisions, record_override, replay, request_round
from expertscore.chair.fragility import Fragility
from expertscore.chair.member_notes import Notes
from expertscore.chair.panel import Gap, gaps, panel_input
from expertscore.chair.panel_outcome import PanelOutcome
from expertscore.chair.report import write_report
from expertscore.chair.report.charts import PALETTE
from expertscore.chair.report.text import fragile_text, gap_text, policy_lines
from expertscore.chair.robustness import leave_one_out
from expertscore.demo.batch import make_demo_batch
from expertscore.demo.flow import run_demo
from expertscore.identity.keycard import read_cards
from expertscore.reports.fonts import register_cjk_font
from expertscore.reports.pdfbase import ReportError
from expertscore.results.simulate import simulate
from expertscore.results.trust import KeyTrust
from expertscore.schemes.model import Aggregation
from expertscore.schemes.rules import fmt
from expertscore.wording.phrases import GAP_NO_RESULT, GAP_UNSCORED
from tests.reports.helpers import drawn_text, fonts, page_count, page_texts

REASON = "专家组复核现场材料后一致认定：服务案例证据不足，按 3.5 分计"
ROUND_REASON = "两位专家评分差异大，补充说明后重评"
GENERATED = datetime(2025, 5, 6, 10, 0, tzinfo=UTC)


@dataclass
class Panel:
    root: Path
    package: OpenedPackage
    folder: merge.MergeFolder
    inp: PanelInput
    result: PanelResult
    decisions: Decisions
    gaps: list[Gap]
    audit: list[dict]
    override: tuple[str, str]

    def write(self, out: Path) -> Path:
        outcome = PanelOutcome(
            self.package,
            self.folder,
            self.inp,
            self.result,
            self.decisions,
            tuple(self.gaps),
            tuple(self.audit),
            Notes(),
        )
        return write_report(out, outcome, generated=GENERATED, advice=False)

    def grade_name(self, sid: str) -> str:
        sub = self.result.submissions[sid]
        scale = self.package.scheme.grade_scale(sub.category)
        assert scale is not None
        names = {level.code: level.name for level in scale.levels}
        return names[sub.grade] if sub.grade else "未达等级"


@pytest.fixture(scope="module")
def panel(tmp_path_factory) -> Panel:
    root = tmp_path_factory.mktemp("report")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("EXPERTSCORE_DATA_DIR", str(root / "data"))
        make_demo_batch("liaoning-2025-grading", 4, 6, 7, root / "b.esbatch", workers=1)
        simulate(root / "b.esbatch", 5, 3, root / "sim")
    package = open_package(root / "b.esbatch")
    trust = KeyTrust.build(package, read_cards([root / "sim"]))
    folder = merge.load_folder(root / "merge", package, trust)
    files = sorted((root / "sim").glob("*.esresult"))
    merge.apply(folder, merge.plan(folder, files, package, trust))
    sid = package.manifest.submissions[3].id
    leaves = [leaf.code for leaf in package.scheme.leaves()]
    record_override(root / "merge", package, sid, leaves[-2], "3.5", REASON, "extreme-score")
    assigned = sorted(a.expert for a in package.manifest.assignments if a.submission == sid)
    request_round(root / "merge", sid, leaves[-1], assigned[:2], ROUND_REASON, package)
    decisions = replay(root / "merge", package)
    inp = panel_input(package, folder.accepted.values(), decisions.overrides)
    result = aggregate(inp)
    leave_one_out(inp, result)
    panel = Panel(
        root,
        package,
        folder,
        inp,
        result,
        decisions,
        gaps(package, folder.accepted),
        merge.read_audit(root / "merge"),
        (sid, leaves[-2]),
    )
    panel.write(root / "report.pdf")
    return panel


@pytest.fixture(scope="module")
def pdf(panel) -> Path:
    return panel.root / "report.pdf"


@pytest.fixture(scope="module")
def pages(pdf) -> list[str]:
    return page_texts(pdf)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_the_merge_is_what_the_report_is_meant_to_show(panel):
    """The seed gives the report something to print in every section."""
    assert len(panel.folder.accepted) == 5
    assert [g.expert for g in panel.gaps if g.submission is None] == ["E06"]
    assert any(sub.fragile for sub in panel.result.submissions.values())
    assert any(sub.explanations_needed for sub in panel.result.submissions.values())
    sid, code = panel.override
    assert panel.result.submissions[sid].indicators[code].override.reason == REASON


def test_ranking_rows_hold_platform_total_percent_and_grade(panel, pages):
    ranking = next(page for page in pages if "评审结果排名" in page)
    lines = ranking.splitlines()
    platforms = {s.id: s.platform for s in panel.package.manifest.submissions}
    for sid in panel.result.ranking:
        sub = panel.result.submissions[sid]
        platform = platforms[sid]
        row = next(line for line in lines if platform in line and sid in line)
        cells = row.split()
        assert cells[0] == str(sub.rank)
        assert fmt(sub.total) in cells
        assert panel.grade_name(sid) in cells
        assert ("不稳定" in row) == bool(sub.fragile)


def test_each_submission_page_shows_its_exact_total_and_grade(panel, pages):
    for sid in panel.result.ranking:
        sub = panel.result.submissions[sid]
        platform = next(s.platform for s in panel.package.manifest.submissions if s.id == sid)
        first = next(page for page in pages if f"第 {sub.rank} 名 {platform}" in page)
        assert re.search(rf"(^|\s){re.escape(fmt(sub.total))}\s", first)
        assert panel.grade_name(sid) in first
        for code, indicator in sub.indicators.items():
            if indicator.override is not None:
                assert indicator.panel == Decimal("3.5") and code == panel.override[1]


def test_override_reason_round_request_and_explanations_are_printed(panel, pdf):
    text = drawn_text(pdf)
    assert squeeze(REASON) in text
    assert squeeze(ROUND_REASON) in text
    assert "结果修正" in text and "第二轮评分要求" in text
    for sub in panel.result.submissions.values():
        for expert, deviation in sub.explanations_needed.items():
            assert f"需作出说明（偏离{fmt(deviation)}%）" in text, expert


def test_fragile_outcomes_are_spelled_out_in_chinese(panel, pdf):
    text = drawn_text(pdf)
    assert "without" not in text
    for sub in panel.result.submissions.values():
        for found in sub.fragile:
            name = next(e.name for e in panel.package.manifest.roster if e.id == found.expert)
            assert f"去掉{name}（{found.expert}）的评分" in text


def test_cover_lists_panel_fingerprints_policy_and_digests(panel, pages, pdf):
    cover = pages[0]
    manifest = panel.package.manifest
    assert manifest.batch.title in cover and manifest.batch.organizer in cover
    assert panel.package.scheme.title in cover
    assert "2025年05月06日" in cover
    for expert, checked in panel.folder.accepted.items():
        assert checked.fingerprint in cover, expert
    assert "去掉一个最高分和一个最低分" in cover
    assert "一级（≥60%*）" in squeeze(cover)
    text = drawn_text(pdf)
    for entry in panel.audit:
        if entry["action"] == "merge":
            assert text.count(entry["digest"]) >= 2  # the cover and the audit appendix


def test_gaps_name_the_missing_expert(panel, pdf):
    text = drawn_text(pdf)
    missing = next(e for e in panel.package.manifest.roster if e.id == "E06")
    assert f"{missing.name}（E06）全部申报尚未收到" in text


def test_signature_page_is_last_with_every_panel_member(panel, pages):
    last = pages[-1]
    assert "评审专家组签字页" in last
    assert "评审组组长（签字）" in last
    assigned = {a.expert for a in panel.package.manifest.assignments}
    for expert in panel.package.manifest.roster:
        if expert.id in assigned:
            assert f"{expert.name}（{expert.id}）" in last
    for sid in panel.result.ranking:
        assert fmt(panel.result.submissions[sid].total) in last


SUBMISSION_TITLE = re.compile(r"^\s*第 (\d+) 名 (\S+)\s*$", re.M)  # not the footers' label


def test_page_count_and_numbering(panel, pdf, pages):
    count = page_count(pdf)
    # cover, ranking, two or three pages per submission, decisions, audit, signatures
    assert 2 + 2 * 4 + 3 <= count <= 2 + 3 * 4 + 6
    assert len(pages) == count
    for number, page in enumerate(pages, 1):
        assert f"第 {number} 页 / 共 {count} 页" in page
    headings = [page for page in pages if SUBMISSION_TITLE.search(page)]
    assert len(headings) == len(panel.result.ranking)


def test_only_the_embedded_cjk_font_is_used(pdf):
    listed = fonts(pdf)
    assert listed and all(embedded == "yes" for _, embedded in listed), listed
    assert any("WenQuanYiMicroHei" in name for name, _ in listed)
    assert b"/FontFile2" in pdf.read_bytes()


def test_every_printed_character_has_a_glyph(pages):
    """No tofu: each character of the text layer is in the embedded font's character map."""
    face = pdfmetrics.getFont(register_cjk_font()).face
    printed = {ch for page in pages for ch in page if not ch.isspace()}
    assert {"专", "评", "●"} <= printed
    assert sorted(ch for ch in printed if ord(ch) not in face.charToGlyph) == []


WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
)


def words(pdf: Path, page: int) -> list[tuple[float, float, float, float, str]]:
    done = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return [
        (float(a), float(b), float(c), float(d), html.unescape(t))
        for a, b, c, d, t in WORD.findall(done.stdout)
    ]


def render(pdf: Path, page: int, dpi: int, out: Path) -> Image.Image:
    prefix = out / f"chart-{page}"
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            str(dpi),
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            "-png",
            str(pdf),
            str(prefix),
        ],
        check=True,
    )
    return Image.open(prefix.with_suffix(".png")).convert("RGB")


def pixels(image: Image.Image) -> list[tuple[int, int, int]]:
    data = image.convert("RGB").tobytes()
    return list(zip(data[0::3], data[1::3], data[2::3], strict=True))


def palette_pixels(image: Image.Image) -> int:
    wanted = [tuple(int(c * 255) for c in colour.rgb()) for colour in PALETTE[:5]]
    return sum(
        1
        for pixel in pixels(image)
        if any(sum(abs(p - w) for p, w in zip(pixel, want, strict=True)) < 60 for want in wanted)
    )


def test_radar_has_chinese_axis_labels_and_ink(panel, pdf, pages, tmp_path):
    page = next(
        i for i, text in enumerate(pages, 1) if (m := SUBMISSION_TITLE.search(text)) and m[1] == "1"
    )
    placed = words(pdf, page)
    below = next(w for w in placed if w[4] == "专家总分")[1]  # the heading under the chart
    axes = [node.name for node in panel.package.scheme.indicators]
    placed = [w for w in placed if w[4] in axes and w[0] < 595 / 2 and w[3] < below]
    assert sorted(w[4] for w in placed) == sorted(axes)  # drawn labels, left of the table
    left = min(w[0] for w in placed)
    right = max(w[2] for w in placed)
    top = min(w[1] for w in placed)
    bottom = max(w[3] for w in placed)
    dpi = 100
    image = render(pdf, page, dpi, tmp_path)
    scale = dpi / 72
    area = image.crop(
        (int(left * scale), int(top * scale), int(right * scale), int(bottom * scale))
    )
    assert max(ImageStat.Stat(area.convert("L")).stddev) > 20
    blue = sum(1 for r, g, b in pixels(area) if b > r + 60 and b > 120)  # the platform's line
    assert blue > 200


def test_totals_chart_shows_every_expert_colour(panel, pdf, pages, tmp_path):
    page = next(i for i, text in enumerate(pages, 1) if "专家总分分布与等级门槛" in text)
    placed = words(pdf, page)
    heading = next(w for w in placed if w[4].startswith("专家总分分布"))
    ticks = [w for w in placed if w[4] == "100%"]
    assert ticks, "the chart's axis is labelled"
    dpi = 100
    scale = dpi / 72
    image = render(pdf, page, dpi, tmp_path)
    area = image.crop((0, int(heading[3] * scale), image.width, int(ticks[-1][1] * scale)))
    assert max(ImageStat.Stat(area.convert("L")).stddev) > 10
    assert palette_pixels(area) > 40
    levels = [lv.name for lv in panel.package.scheme.grade_scale(None).levels]
    labels = [w[4] for w in placed if w[4] in levels and w[1] > heading[3]]
    assert labels == levels  # the thresholds, named above the chart


def test_same_input_same_bytes_and_atomic(panel, pdf, tmp_path):
    again = panel.write(tmp_path / "again.pdf")
    assert again.read_bytes() == pdf.read_bytes()
    with pytest.raises(ReportError, match="does not exist"):
        panel.write(tmp_path / "missing" / "report.pdf")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["again.pdf"]


def test_core_notes_are_put_into_chinese():
    names = {"E02": "程明"}
    grades = {"L1": "一级"}.get

    def grade(code):
        return grades(code, "未达等级") if code else "未达等级"

    assert (
        fragile_text(Fragility("E02", ("L1", None), (3, 4)), names, grade)
        == "去掉程明（E02）的评分：等级 一级→未达等级，名次 3→4"
    )
    # A gap carries its facts beside the English line (``chair.panel.gaps`` writes both).
    unscored = (("count", "3"), ("codes", "1.1, 2.2, 3.1"))
    english = "3 indicators unscored (1.1, 2.2, 3.1)"
    assert gap_text(Gap("E01", "S001", english, GAP_UNSCORED, unscored)) == (
        "3 项指标未评分（1.1, 2.2, 3.1）"
    )
    nothing = Gap("E01", None, "no result file accepted yet", GAP_NO_RESULT)
    assert gap_text(nothing).startswith("尚未收到")
    assert gap_text(Gap("E01", None, "another note")) == "another note"


@pytest.mark.parametrize(
    ("policy", "words"),
    [
        ({"method": "mean"}, "算术平均值"),
        ({"method": "median"}, "中位数"),
        ({"method": "trimmed_mean", "trim_scope": "expert_total"}, "按专家总分去掉"),
        ({"method": "trimmed_mean", "trim_scope": "indicator"}, "各指标去掉一个最高分"),
    ],
)
def test_policy_in_words(policy, words):
    lines = policy_lines(Aggregation.model_validate({**policy, "decimals": 1}))
    assert words in lines[0]
    assert "保留 1 位小数" in lines[1]


def test_a_ranking_chart_taller_than_a_page_continues_on_the_next(tmp_path):
    """30 submissions make the totals chart taller than a page: it is cut into parts, each
    headed as a continuation, and every submission is on one of them once, in rank order
    (a long name is cut short with an ellipsis to fit the chart's label room)."""
    outputs = run_demo(tmp_path, submissions=30, experts=3, seed=4)
    parts = [page for page in page_texts(outputs.report) if "专家总分分布" in page]
    assert len(parts) == 2
    assert "专家总分分布与等级门槛（续，第2/2部分）" in squeeze(parts[1])
    package = open_package(outputs.package)
    names = {sub.id: sub.platform for sub in package.manifest.submissions}
    charted = [
        match.groups()
        for page in parts
        for match in re.finditer(r"^ ?(\d+) (\S+?)…?(?: {2,}|$)", page, re.MULTILINE)
    ]
    assert [int(rank) for rank, _name in charted] == list(range(1, 31))
    for (_rank, shown), sid in zip(charted, outputs.ranking, strict=True):
        assert names[sid].startswith(shown)
