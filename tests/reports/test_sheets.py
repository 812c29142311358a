"""Printed scoring sheets, read back through their text layer, fonts and pixels."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from expertscore.batch.manifest import Assignment, OrganizerValueRecord
from expertscore.batch.package import open_package
from expertscore.demo import make_demo_batch
from expertscore.reports.pdfbase import ReportError
from expertscore.reports.sheets import (
    blank_sheets_from_package,
    blank_sheets_from_session,
    file_digest,
    render_blank_sheets,
    render_filled_sheet,
)
from expertscore.schemes.rules import fmt, max_points
from expertscore.scoring.modes import Entry, choices_of, mode_of
from expertscore.scoring.service import ScoringService
from expertscore.storage.importer import create_session
from expertscore.storage.session import SessionFile
from tests.factories import example_builder

from . import helpers
from .helpers import DIGEST, FINGERPRINT

LEAF_NAMES = ("资产负债率", "独立经营", "工业设备连接数量", "解决方案描述", "平台荣誉")


def squeeze(text: str) -> str:
    """Text without any white space, for phrases that wrap or are spaced by the layout."""
    return re.sub(r"\s+", "", text)


# --- blank sheets ------------------------------------------------------------------------


def test_blank_sheets_print_every_leaf_per_submission(package: Path, tmp_path: Path):
    out = tmp_path / "blank.pdf"
    printed = blank_sheets_from_package(package, None, out)
    pages = helpers.page_texts(out)
    assert printed.pages == len(pages) == 3  # one page per submission of the example
    for number, page in enumerate(pages, 1):
        assert f"S00{number}" in page and f"测试平台{number}" in page
        assert f"测试科技有限公司{number}" in page
        assert "TEST-1" in page and "测试批次" in page
        assert "示例工业互联网平台评估" in page and "版本 2025.1" in page
        assert "第1页/共1页" in squeeze(page)  # pdftotext may drop the spaces
        for name in LEAF_NAMES:
            assert name in page
        assert "专家签字" in page and "日期" in page
        assert "综合评语" in page and "小计" in page
    first = pages[0]
    # reported values with units, weights with maxima, rubric and mode guides
    assert "41.5%" in first and "1200 台/套" in first and "国家级试点示范" in first
    assert re.search(r"10%\s+41\.5%", first)
    assert "以审计报告为准" in first and "0–10 分，步长 0.5" in first
    drawn = helpers.drawn_text(out)
    assert "满足“独立法人企业”得30分，否则0分" in drawn
    # 2.1's bands are organizer-set (*); 1200 reaches the band from 1000, worth 10
    assert "≥1000 得 10* 分" in first
    assert "按申报值建议 10 分" in first
    assert "按等级：优40；良32；中24；差12" in drawn
    assert "上限 5" in first and "满分 3" in first
    assert "* 组织方设定" in first
    assert re.search(r"基础分合计\s+100", first)
    assert "二级（≥80%*）" in first
    assert "全册1/3" in squeeze(first) and "全册3/3" in squeeze(pages[2])


def test_blank_sheets_for_listed_submissions_only(package: Path, tmp_path: Path):
    out = tmp_path / "blank.pdf"
    printed = blank_sheets_from_package(package, ["S003", "S002"], out)
    text = helpers.text(out)
    assert printed.pages == helpers.page_count(out) == 2
    assert "测试平台2" in text and "测试平台3" in text and "测试平台1" not in text
    # batch order, not the order asked for
    assert text.index("测试平台2") < text.index("测试平台3")
    with pytest.raises(ReportError, match="submission S404 is not in the batch"):
        blank_sheets_from_package(package, ["S404"], tmp_path / "x.pdf")


def test_blank_sheets_of_a_session_skip_recused_and_unassigned(tmp_path: Path):
    builder = example_builder(submissions=3)
    builder.assignments = [
        a
        if (a.expert, a.submission) != ("E02", "S003")
        else Assignment(expert="E02", submission="S003", indicators=["1"])
        for a in builder.assignments
    ]
    package = tmp_path / "batch.esbatch"
    builder.write(package)
    session = create_session(package, "E02", tmp_path / "e02.esession")
    out = tmp_path / "blank.pdf"
    blank_sheets_from_session(session, None, out)
    pages = helpers.page_texts(out)
    assert len(pages) == 2  # S001 is recused for E02
    assert "测试平台2" in pages[0] and "测试平台3" in pages[1]
    assert "工业设备连接数量" in pages[0]
    assert "资产负债率" in pages[1] and "工业设备连接数量" not in pages[1]


def test_cjk_font_is_embedded_and_no_font_is_left_out(package: Path, tmp_path: Path):
    out = tmp_path / "blank.pdf"
    blank_sheets_from_package(package, None, out)
    data = out.read_bytes()
    assert b"WenQuanYiMicroHei" in data and b"/FontFile2" in data
    fonts = helpers.fonts(out)
    assert any("WenQuanYiMicroHei" in name for name, _ in fonts)
    assert all(embedded == "yes" for _, embedded in fonts), fonts


def test_sheets_print_the_values_the_organizer_set_for_the_batch(tmp_path: Path):
    builder = example_builder(submissions=1)
    builder.organizer_values += [
        OrganizerValueRecord(target="band:2.1:2", value="12", set_by="评审处"),
        OrganizerValueRecord(target="grade:*:L2", value="85", set_by="评审处"),
    ]
    package = tmp_path / "batch.esbatch"
    builder.write(package)
    out = tmp_path / "blank.pdf"
    blank_sheets_from_package(package, None, out)
    text = helpers.text(out)
    assert "≥1000 得 12* 分" in text and "按申报值建议 12 分" in text
    assert "二级（≥85%*）" in text and "≥80%" not in text
    session = create_session(package, "E01", tmp_path / "e01.esession")
    with SessionFile(session) as opened:
        ScoringService(opened).set_entry("S001", "2.1", Entry(choice="suggested"))
    render_filled_sheet(session, None, out, None, None)
    assert re.search(
        r"工业设备连接数量\s+20\s+1200 台/套\s+未核实\s+采纳建议 · 12", helpers.text(out)
    )


def test_same_input_gives_the_same_bytes(package: Path, tmp_path: Path):
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    blank_sheets_from_package(package, None, first)
    blank_sheets_from_package(package, None, second)
    assert first.read_bytes() == second.read_bytes()


# --- filled sheets -----------------------------------------------------------------------


def test_filled_sheet_prints_the_sessions_totals(session_path: Path, tmp_path: Path):
    out = tmp_path / "filled.pdf"
    render_filled_sheet(session_path, ["S002"], out, DIGEST, FINGERPRINT)
    text = helpers.text(out)
    totals = helpers.rollups(session_path)["S002"]
    assert totals.total == Decimal("82.5")  # 7.5 + 30 + 10 + 32 + bonus 3
    assert "测试平台2" in text and "专家2（E02 · 某大学 · 技术）" in text
    # each group's row and the summary show the rollup's subtotals exactly
    for code, name in (("1", "经营能力"), ("2", "技术能力")):
        points, top = fmt(totals.points[code]), fmt(totals.maxima[code])
        assert re.search(rf"{name}\s+{top}\s+小计\s+{re.escape(points)}\n", text)
        assert re.search(rf"{code} {name}\s+{re.escape(points)}\s+{top}\b", text)
    assert re.search(rf"小计（上限 5）\s+{fmt(totals.points['9'])}\n", text)
    assert re.search(rf"基础分合计\s+{re.escape(fmt(totals.base))}\s+{fmt(totals.base_max)}", text)
    assert re.search(rf"加分合计\s+{fmt(totals.bonus)}\n", text)
    assert re.search(rf"总分\s+{re.escape(fmt(totals.total))}\n", text)
    assert "得分率：82.5%" in text and "建议等级：二级（≥80%*）" in text
    # each leaf: points with the choice, verified value, comment
    compact = helpers.drawn_text(out)
    for entry in ("7.5", "是·30", "采纳建议·10", "良·32", "是·3"):
        assert entry in compact
    assert re.search(r"资产负债率\s+10\s+42\.5%\s+41\.5\s+7\.5\s+与审计报告一致", text)
    assert "平台整体能力较强，建议关注数据安全。" in text
    assert "未评分" not in text


def test_filled_sheet_shows_digest_fingerprint_and_a_qr_code_of_the_digest(
    session_path: Path, tmp_path: Path
):
    out = tmp_path / "filled.pdf"
    printed = render_filled_sheet(session_path, None, out, DIGEST.upper(), FINGERPRINT)
    pages = helpers.page_texts(out)
    assert printed.pages == len(pages) == 3
    for page in pages:
        assert DIGEST in page and f"专家密钥指纹：{FINGERPRINT}" in page
        assert "专家签字" in page and "日期" in page
    # one QR code per submission, each on its submission's page, each encoding the digest
    assert [qr.page for qr in printed.qr_codes] == [1, 2, 3]
    qr = printed.qr_codes[1]
    assert qr.value == DIGEST
    expected = helpers.expected_qr_modules(DIGEST, qr.border)
    image = helpers.render_page(out, qr.page, 200, tmp_path)
    page_height = image.height * 72 / 200
    drawn = helpers.read_qr_modules(image, 200, page_height, qr, len(expected) - 2 * qr.border)
    assert drawn == expected


def test_filled_sheet_before_submission_says_so(session_path: Path, tmp_path: Path):
    out = tmp_path / "filled.pdf"
    printed = render_filled_sheet(session_path, ["S002"], out, None, None)
    text = helpers.text(out)
    assert "未提交 / not yet submitted" in text
    assert "专家密钥指纹：未提供" in text
    assert printed.qr_codes == ()
    assert not re.search(r"[0-9a-f]{64}", text)


def test_recused_submission_is_marked_with_its_reason(session_path: Path, tmp_path: Path):
    out = tmp_path / "filled.pdf"
    render_filled_sheet(session_path, ["S001"], out, DIGEST, FINGERPRINT)
    text = helpers.text(out)
    assert "已回避 / recused" in text and "回避原因：曾任该公司顾问" in text
    assert "组织方名单所列利益冲突" in text
    assert "总分" not in text and "资产负债率" not in text
    assert DIGEST in text and "专家签字" in text


def test_unscored_items_count_as_zero_and_are_flagged(session_path: Path, tmp_path: Path):
    out = tmp_path / "filled.pdf"
    render_filled_sheet(session_path, ["S003"], out, DIGEST, FINGERPRINT)
    text = helpers.text(out)
    totals = helpers.rollups(session_path)["S003"]
    assert totals.total == Decimal(29)  # 5 + 0.6 x 40
    assert re.search(rf"总分\s+{fmt(totals.total)}\n", text)
    assert text.count("未评分") == 4  # three score cells and the warning
    assert "尚有 3 项未评分（1.2、2.1、9.1），按 0 分计入合计。" in text
    assert "建议等级：未达到最低等级" in text


def test_a_row_taller_than_a_page_runs_onto_the_next_pages(session_path: Path, tmp_path: Path):
    sentence = "方案描述与证明材料不一致。"
    with SessionFile(session_path) as session:
        ScoringService(session).set_comment("S002", "2.2", sentence * 500)
    out = tmp_path / "filled.pdf"
    printed = render_filled_sheet(session_path, ["S002"], out, DIGEST, FINGERPRINT)
    pages = helpers.page_texts(out)
    assert printed.pages == len(pages) >= 3
    for number, page in enumerate(pages, 1):
        assert f"第{number}页/共{len(pages)}页" in squeeze(page)
    for page in pages[1:-1]:
        assert re.search(r"编号\s+指标\s+满分", page)  # the table's header repeats
    # All of it, nothing cut off. Each page draws the repeated table header first and the
    # page's header and footer last; without them the comment reads on across pages.
    content = [
        helpers.drawn_text(out, n).split("TEST-1测试批次")[0].split("得分评语")[-1]
        for n in range(1, len(pages) + 1)
    ]
    assert "".join(content).count(sentence) == 500
    assert "总分" in pages[-1] and "专家签字" in pages[-1]


def test_partial_assignment_prints_only_the_experts_indicators(tmp_path: Path):
    builder = example_builder(submissions=1)
    builder.assignments = [
        Assignment(expert=a.expert, submission=a.submission, indicators=["2"])
        for a in builder.assignments
    ]
    builder.conflicts = []
    package = tmp_path / "batch.esbatch"
    builder.write(package)
    session = create_session(package, "E01", tmp_path / "e01.esession")
    out = tmp_path / "filled.pdf"
    render_filled_sheet(session, None, out, DIGEST, None)
    text = helpers.text(out)
    assert "分工评分：本表仅含分配给本专家的 2 项指标（该平台适用 5 项）" in text
    assert "工业设备连接数量" in text and "资产负债率" not in text
    assert re.search(r"基础分合计\s+0\s+60", text)


def test_sheets_of_a_bundled_scheme_add_up_on_every_page(tmp_path: Path):
    """A real scheme (every scoring mode, three levels, bonus) scored by a demo panel."""
    package = tmp_path / "demo.esbatch"
    manifest = make_demo_batch("provincial-monitoring-2025", 2, 1, 3, package)
    session = create_session(package, manifest.roster[0].id, tmp_path / "s.esession")
    with SessionFile(session) as opened:
        scoring = ScoringService(opened)
        for row in scoring.submissions():
            if row.recusal_reason:
                continue
            for index, leaf in enumerate(scoring.assigned_leaves(row.id)):
                choices = choices_of(leaf)
                if choices:
                    entry = Entry(choice=choices[index % len(choices)])
                elif mode_of(leaf) == "bands":
                    entry = Entry(choice="suggested")
                else:
                    entry = Entry(points=max_points(opened.scheme, leaf) / 2)
                scoring.set_entry(row.id, leaf.code, entry)
    out = tmp_path / "filled.pdf"
    printed = render_filled_sheet(session, None, out, DIGEST, FINGERPRINT)
    text = helpers.text(out)
    pages = helpers.page_texts(out)
    assert printed.pages == len(pages) > 2
    assert "第2页/共" in squeeze(text)
    scored = {sid: t for sid, t in helpers.rollups(session).items() if t.total > 0}
    assert scored
    for sid, totals in scored.items():
        assert re.search(rf"总分\s+{re.escape(fmt(totals.total))}\n", text), sid
        assert re.search(rf"基础分合计\s+{re.escape(fmt(totals.base))}\s", text), sid
    opened_package = open_package(package)
    blank = tmp_path / "blank.pdf"
    render_blank_sheets(
        opened_package.scheme,
        opened_package.manifest.batch,
        opened_package.manifest.submissions,
        blank,
    )
    blank_text = helpers.drawn_text(blank)
    for leaf in opened_package.scheme.leaves():
        assert squeeze(leaf.name) in blank_text, leaf.code


# --- writing -----------------------------------------------------------------------------


def test_output_replaces_a_file_atomically(session_path: Path, tmp_path: Path):
    out = tmp_path / "sheet.pdf"
    out.write_bytes(b"old")
    render_filled_sheet(session_path, ["S002"], out, DIGEST, FINGERPRINT)
    assert out.read_bytes().startswith(b"%PDF-")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    kept = out.read_bytes()
    with pytest.raises(ReportError, match="not a SHA-256 digest"):
        render_filled_sheet(session_path, ["S002"], out, "abc", FINGERPRINT)
    with pytest.raises(ReportError, match="not assigned to E02"):
        render_filled_sheet(session_path, ["S404"], out, DIGEST, FINGERPRINT)
    assert out.read_bytes() == kept
    with pytest.raises(ReportError, match="does not exist"):
        render_filled_sheet(session_path, None, tmp_path / "no" / "x.pdf", DIGEST, None)


def test_file_digest_is_the_sha256_of_the_bytes(tmp_path: Path):
    result = tmp_path / "r.esresult"
    result.write_bytes(b"abc")
    assert file_digest(result) == (
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    )
    with pytest.raises(ReportError, match="cannot read"):
        file_digest(tmp_path / "missing")
