"""The results workbook: sheets, frozen headers, exact numbers, and text that stays text.

Two real runs feed it: a Liaoning demo batch scored by five simulated experts (a three-level
indicator tree), and the example batch whose platform names, operators, comments and
reasons look like formulas (``test_panel_file.build_case``). A hand-computed submission
checks the matrix cell by cell.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from openpyxl import Workbook

from expertscore.batch.package import open_package
from expertscore.chair.aggregate import PanelInput, Sheet, aggregate
from expertscore.chair.cells import (
    SheetWriter,
    clean_text,
    display_width,
    is_formula_like,
    safe_text,
    write_number,
)
from expertscore.chair.decisions import Decisions, replay
from expertscore.chair.member_notes import Notes
from expertscore.chair.merge import MergeFolder, apply, load_folder, plan, read_audit
from expertscore.chair.panel import gaps
from expertscore.chair.panel_file import input_files
from expertscore.chair.panel_file.model import canonical_results
from expertscore.chair.panel_outcome import PanelOutcome
from expertscore.chair.workbook import WorkbookError, inputs_from_audit, write_results_workbook
from expertscore.chair.workbook.common import sheet_name
from expertscore.demo.batch import make_demo_batch
from expertscore.identity.keycard import read_cards
from expertscore.results.simulate import simulate
from expertscore.results.trust import KeyTrust
from expertscore.schemes.rules import bonus_codes
from tests.chair.test_panel_file import HOSTILE, ChairCase, build_case
from tests.factories import example_builder

MATRIX_PANES = "D3"


def write_for(case: ChairCase, out: Path) -> Path:
    return write_results_workbook(out, case.outcome(), advice=False)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[ChairCase, Path]:
    case = build_case(tmp_path_factory.mktemp("workbook-hostile"))
    return case, write_for(case, case.base / "results.xlsx")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):
    """Five Liaoning demo submissions, five simulated experts, merged; about ten seconds."""
    base = tmp_path_factory.mktemp("workbook-demo")
    package_path = base / "demo.esbatch"
    make_demo_batch("liaoning-2025-grading", 5, 5, seed=3, out=package_path, workers=1)
    simulate(package_path, 5, 3, base / "sim")
    package = open_package(package_path)
    trust = KeyTrust.build(package, read_cards([base / "sim"]))
    folder = load_folder(base / "merge", package, trust)
    apply(folder, plan(folder, sorted((base / "sim").glob("*.esresult")), package, trust))
    decisions = replay(folder.path, package)
    inp, result = canonical_results(package, folder.accepted.values(), decisions.overrides)
    outcome = PanelOutcome(
        package,
        folder,
        inp,
        result,
        decisions,
        tuple(gaps(package, folder.accepted)),
        tuple(read_audit(folder.path)),
        Notes(),
    )
    out = write_results_workbook(base / "results.xlsx", outcome, advice=False)
    return package, inp, result, out


def number(value: object) -> Decimal:
    assert isinstance(value, int | float), value
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def rows_by_code(sheet) -> dict[str, tuple]:
    return {row[0].value: row for row in sheet.iter_rows(min_row=3) if row[0].value}


def row_labelled(sheet, label: str) -> tuple:
    return next(row for row in sheet.iter_rows(min_row=3) if row[1].value == label)


def header(sheet, row: int = 1) -> list:
    return [cell.value for cell in sheet[row]]


def test_sheets_come_in_order_with_frozen_headers(demo):
    _, _, _, out = demo
    book = openpyxl.load_workbook(out)
    matrices = [f"评分矩阵 S00{n}" for n in range(1, 6)]
    assert book.sheetnames == ["排名汇总", "分歧", *matrices, "审计", "说明"]
    panes = {name: book[name].freeze_panes for name in book.sheetnames}
    assert panes == {
        "排名汇总": "D2",
        "分歧": "A2",
        **dict.fromkeys(matrices, MATRIX_PANES),
        "审计": "C2",
        "说明": "A2",
    }
    assert header(book["排名汇总"])[:11] == [
        "排名",
        "编号",
        "平台名称",
        "运营单位",
        "地区",
        "类别",
        "基础分",
        "加分",
        "总分",
        "得分率(%)",
        "等级",
    ]


def test_summary_totals_equal_the_panel_result_exactly(demo):
    package, inp, result, out = demo
    sheet = openpyxl.load_workbook(out)["排名汇总"]
    rows = list(sheet.iter_rows(min_row=2))
    assert [row[1].value for row in rows] == result.ranking
    names = {s.id: s for s in package.manifest.submissions}
    for row in rows:
        res = result.submissions[row[1].value]
        assert row[0].value == res.rank
        assert row[2].value == names[res.id].platform
        assert number(row[6].value) == res.rollup.base
        assert number(row[7].value) == res.rollup.bonus
        assert number(row[8].value) == res.total
        assert res.percent is not None
        assert number(row[9].value) == res.percent.quantize(Decimal("0.01"), "ROUND_DOWN")
        scoring = [s for s in inp.sheets if s.submission == res.id and not s.recused]
        assert row[11].value == len(scoring)
        assert row[12].value == sum(1 for i in res.indicators.values() if i.flags)
        for cell in (row[6], row[7], row[8], row[9]):
            assert cell.data_type == "n" and cell.number_format == "0.00"
        assert row[1].hyperlink.location == f"'评分矩阵 {res.id}'!A1"
    grades = {r[1].value: r[10].value for r in rows}
    assert set(grades.values()) <= {"一级", "二级", "三级", "未达等级"}


def test_numbers_are_stored_with_the_decimals_own_digits(demo):
    _, _, result, out = demo
    with zipfile.ZipFile(out) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    for index, sid in enumerate(result.ranking, start=2):
        total = format(result.submissions[sid].total, "f")
        assert re.search(rf'<c r="I{index}"[^>]*t="n"[^>]*><v>{re.escape(total)}</v>', xml), sid


def test_matrix_rows_add_up_to_the_panel_total(demo):
    package, inp, result, out = demo
    book = openpyxl.load_workbook(out)
    bonus = bonus_codes(package.scheme)
    for sid, res in result.submissions.items():
        sheet = book[f"评分矩阵 {sid}"]
        heads = header(sheet, 2)
        experts = sorted(s.expert for s in inp.sheets if s.submission == sid and not s.recused)
        assert heads[:3] == ["编号", "指标", "满分"] and heads[3 : 3 + len(experts)] == experts
        panel_col = heads.index("专家组得分")
        rows = rows_by_code(sheet)
        points = {s.expert: s.points for s in inp.sheets if s.submission == sid}
        base_leaves = Decimal(0)
        for code, item in res.indicators.items():
            row = rows[code]
            assert number(row[panel_col].value) == item.panel
            assert row[panel_col].number_format == "0.00"
            for offset, expert in enumerate(experts, start=3):
                assert number(row[offset].value) == points[expert][code]
            if code not in bonus:
                base_leaves += number(row[panel_col].value)
        for code, subtotal in res.rollup.points.items():
            if code in rows and code not in res.indicators:  # a group's subtotal row
                assert number(rows[code][panel_col].value) == subtotal
        assert base_leaves == res.rollup.base
        total = row_labelled(sheet, "总分")
        assert number(total[panel_col].value) == res.total
        for offset, expert in enumerate(experts, start=3):
            assert number(total[offset].value) == res.expert_totals[expert]
        assert row_labelled(sheet, "等级")[panel_col].value in {"一级", "二级", "三级", "未达等级"}


def test_columns_are_wide_enough_for_chinese_names(demo):
    package, _, _, out = demo
    sheet = openpyxl.load_workbook(out)["排名汇总"]
    longest = max(display_width(s.platform) for s in package.manifest.submissions)
    assert longest >= 2 * 7  # Chinese names: two columns per character
    assert sheet.column_dimensions["C"].width >= longest
    assert sheet.column_dimensions["C"].width <= 50


def test_notes_sheet_states_the_policy(demo):
    _, _, _, out = demo
    notes = dict(openpyxl.load_workbook(out)["说明"].iter_rows(min_row=2, values_only=True))
    assert notes["汇总方法"] == "去掉一个最高分和一个最低分后取平均"
    assert notes["去极值"].startswith("按指标去极值") and "至少 5 位专家" in notes["去极值"]
    assert notes["小数位数"] == "2 位"
    assert notes["舍入"].startswith("四舍五入")
    assert "30%" in notes["分歧阈值"] and "30%" in notes["偏离阈值"]
    assert notes["等级门槛（全部）"] == "一级（L1）≥ 60%*；二级（L2）≥ 75%*；三级（L3）≥ 90%*"


def test_a_hand_computed_submission(tmp_path: Path):
    """Five experts, trimmed mean per indicator, two decimals, half up; bonus capped at 5."""
    path = tmp_path / "one.esbatch"
    example_builder(submissions=1, experts=5).write(path)
    package = open_package(path)
    table = {  # 1.1, 1.2, 2.1, 2.2, 9.1
        "E01": ["6", "30", "10", "32", "3"],
        "E02": ["7", "30", "10", "40", "3"],
        "E03": ["7.5", "30", "20", "24", "0"],
        "E04": ["8", "0", "5", "32", "3"],
        "E05": ["10", "30", "10", "32", "3"],
    }
    codes = ["1.1", "1.2", "2.1", "2.2", "9.1"]
    sheets = [
        Sheet(e, "S001", {c: Decimal(v) for c, v in zip(codes, row, strict=True)}, comment="同意")
        for e, row in table.items()
    ]
    inp = PanelInput(package.scheme, {"S001": "industry"}, sheets)
    result = aggregate(inp)
    nothing_merged = MergeFolder(tmp_path / "merge")
    outcome = PanelOutcome(
        package, nothing_merged, inp, result, Decisions({}, {}, {}), (), (), Notes()
    )
    out = write_results_workbook(tmp_path / "one.xlsx", outcome, advice=False)
    book = openpyxl.load_workbook(out)
    rows = rows_by_code(book["评分矩阵 S001"])
    # 1.1: drop 6 and 10, (7 + 7.5 + 8) / 3 = 7.5; 2.2: drop 24 and 40, 32; 9.1: drop 0 and a 3.
    expected = {"1.1": "7.5", "1.2": "30", "2.1": "10", "2.2": "32", "9.1": "3"}
    for code, value in expected.items():
        assert number(rows[code][8].value) == Decimal(value), code
    assert [number(rows["1.1"][c].value) for c in range(3, 8)] == [6, 7, Decimal("7.5"), 8, 10]
    struck = [bool(rows["1.1"][c].font.strike) for c in range(3, 8)]
    assert struck == [True, False, False, False, True]
    assert number(rows["1"][8].value) == Decimal("37.5")  # 7.5 + 30
    assert number(rows["2"][8].value) == Decimal("42")  # 10 + 32
    assert number(rows["9"][8].value) == Decimal("3")
    assert number(rows["1"][2].value) == 40 and number(rows["9"][2].value) == 3
    matrix = book["评分矩阵 S001"]
    assert number(row_labelled(matrix, "基础分")[8].value) == Decimal("79.5")
    assert number(row_labelled(matrix, "总分")[8].value) == Decimal("82.5")
    e01_total = 6 + 30 + 10 + 32 + 3
    assert number(row_labelled(matrix, "总分")[3].value) == e01_total
    assert row_labelled(matrix, "等级")[8].value == "二级"  # 82.5% of 100 base points ≥ 80%
    summary = book["排名汇总"]
    assert [c.value for c in summary[2]][:11] == [
        1,
        "S001",
        "测试平台1",
        "测试科技有限公司1",
        "沈阳市",
        "行业级",
        79.5,
        3,
        82.5,
        82.5,
        "二级",
    ]
    flagged = [r for r in book["分歧"].iter_rows(min_row=2, values_only=True) if r[3] == "1.2"]
    assert flagged[0][0] == "分歧大" and flagged[0][7] == "极差 30 超过满分 30 的 30%"


def test_divergence_sheet_lists_flags_explanations_decisions_and_gaps(hostile):
    case, out = hostile
    rows = list(openpyxl.load_workbook(out)["分歧"].iter_rows(min_row=2, values_only=True))
    kinds = [row[0] for row in rows]
    result = case.result
    spreads = sum(
        i.flags.count("spread") for r in result.submissions.values() for i in r.indicators.values()
    )
    assert kinds.count("分歧大") == spreads > 0
    explanations = sum(len(r.explanations_needed) for r in result.submissions.values())
    assert kinds.count("需说明") == explanations
    agreed = next(row for row in rows if row[0] == "结果修正")
    assert agreed[1:4] == ("S001", HOSTILE[0], "1.1") and agreed[8] == HOSTILE[0]
    assert agreed[6] == 8 and agreed[7].startswith("修正原因：经专家组认定评分畸高、畸低；修正前 ")
    second = next(row for row in rows if row[0] == "第二轮评分")
    assert second[1] == "S002" and second[5] == "E01，E03" and second[8] == HOSTILE[3]
    fragile = sum(len(r.fragile) for r in result.submissions.values())
    assert kinds.count("稳健性") == fragile


def test_audit_sheet_names_inputs_organizer_values_and_every_log_line(hostile):
    case, out = hostile
    rows = list(openpyxl.load_workbook(out)["审计"].iter_rows(min_row=2, values_only=True))
    inputs = {row[4].split()[0]: row for row in rows if row[0] == "输入文件"}
    for expert, row in inputs.items():
        data = (case.merge_dir / "results" / f"{expert}.esresult").read_bytes()
        assert row[9] == hashlib.sha256(data).hexdigest()
    assert inputs["E01"][7] == 2
    batch = next(row for row in rows if row[2] == "批次包")
    assert batch[9] == case.package.manifest_sha256
    organizer = {row[8].split("（")[0]: row for row in rows if row[0] == "组织方设定值"}
    assert organizer["grade:*:L2"][4] == HOSTILE[3] and organizer["grade:*:L2"][7] == "75%*"
    assert organizer["grade:*:L2"][11] == HOSTILE[0]
    assert organizer["grade:*:L1"][4] == "（未设定，用方案默认值）"
    assert organizer["band:2.1:1"][7] == "5*"
    log = [row for row in rows if row[0] == "审计日志"]
    audit = read_audit(case.merge_dir)
    assert len(log) == len(audit)
    assert [row[3] for row in log if row[2] == "合并结果文件"] == ["接收"] * 5 + ["替换"]
    override = next(row for row in log if row[2] == "组长认定得分")
    assert override[5:8] == ("S001", "1.1", 8) and override[11] == HOSTILE[0]


def test_inputs_from_the_audit_log_match_the_folder(hostile):
    case, _ = hostile
    from_log = inputs_from_audit(read_audit(case.merge_dir))
    from_folder = input_files(case.folder)
    assert [(i.expert, i.sequence, i.file_sha256) for i in from_log] == [
        (i.expert, i.sequence, i.file_sha256) for i in from_folder
    ]


def test_text_from_submissions_never_becomes_a_formula(hostile):
    case, out = hostile
    plain_book = Workbook()
    plain_book.active["A1"] = HOSTILE[0]
    assert plain_book.active["A1"].data_type == "f"  # what openpyxl does unless told otherwise
    book = openpyxl.load_workbook(out)
    found: dict[str, set[str]] = {text: set() for text in HOSTILE}
    for sheet in book:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate)
                if not isinstance(cell.value, str):
                    continue
                for text in HOSTILE:
                    if text in cell.value:
                        found[text].add(sheet.title)
                        assert cell.data_type == "s", (sheet.title, cell.coordinate)
                if is_formula_like(cell.value):
                    assert cell.quotePrefix, (sheet.title, cell.coordinate, cell.value)
    commented = f"评分矩阵 {case.changed}"
    assert found[HOSTILE[0]] >= {"排名汇总", "分歧", "评分矩阵 S001", commented, "审计"}
    assert found[HOSTILE[1]] >= {"排名汇总", "评分矩阵 S001"}
    assert found[HOSTILE[2]] >= {"排名汇总", "分歧", "评分矩阵 S002"}
    assert found[HOSTILE[3]] >= {"排名汇总", "分歧", "审计"}
    summary = {row[1]: row for row in book["排名汇总"].iter_rows(min_row=2, values_only=True)}
    assert summary["S001"][2:4] == (HOSTILE[0], HOSTILE[1])
    assert summary["S002"][2:5] == (HOSTILE[2], HOSTILE[3], "=1+1")  # the manifest strips tabs
    comments = row_labelled(book[commented], "专家总体意见")
    assert comments[3].value == HOSTILE[0] and comments[3].quotePrefix
    with zipfile.ZipFile(out) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert not re.search(rb"<f[ >]", archive.read(name)), name


def test_safe_text_and_its_rules(tmp_path: Path):
    for text in [*HOSTILE, "\t=1", "\r=1", "  =1+1", "＝SUM(A1)", "-", "="]:
        assert is_formula_like(text), text
    for text in ["平台", "1+1", "a=b", "", "#N/A"]:
        assert not is_formula_like(text), text
    assert clean_text("a\x00b\x1fc\ud800d\ufffe") == "abcd"
    assert len(clean_text("长" * 40000)) == 32767
    sheet = Workbook().active
    cell = safe_text(sheet["A1"], "=1+1")
    assert (cell.value, cell.data_type, cell.quotePrefix) == ("=1+1", "s", True)
    cell = safe_text(sheet["A2"], "平台")
    assert (cell.value, cell.data_type, cell.quotePrefix) == ("平台", "s", False)
    assert safe_text(sheet["A3"], "").value is None
    safe_text(sheet["A4"], "\t=1+1")
    sheet.parent.save(tmp_path / "t.xlsx")
    loaded = openpyxl.load_workbook(tmp_path / "t.xlsx").active
    assert [loaded[c].value for c in ("A1", "A2", "A4")] == ["=1+1", "平台", "\t=1+1"]
    assert [loaded[c].data_type for c in ("A1", "A2", "A4")] == ["s", "s", "s"]
    assert loaded["A1"].quotePrefix and loaded["A4"].quotePrefix and not loaded["A2"].quotePrefix
    assert display_width("ab平台") == 6 and display_width("平台\nabcdefgh") == 8


def test_sheet_names_are_valid_and_unique():
    taken = {"排名汇总"}
    long_id = "S" + "1" * 40
    first = sheet_name(f"评分矩阵 {long_id}A", taken)
    second = sheet_name(f"评分矩阵 {long_id}B", taken)
    assert first != second and len(first) <= 31 and len(second) <= 31
    assert sheet_name("a/b[c]:d*e?f\\g", taken) == "a_b_c__d_e_f_g"
    assert sheet_name("排名汇总", taken) == "排名汇总~2"


def test_numbers_keep_their_digits_where_openpyxl_would_not(tmp_path: Path):
    book = Workbook()
    sheet = book.active
    for row, text in enumerate(["82.49", "9.95", "77.10", "0.125", "30"], start=1):
        write_number(sheet.cell(row=row, column=1), Decimal(text), 2)
        sheet.cell(row=row, column=2).value = Decimal(text)
    writer = SheetWriter(sheet)
    writer.number(6, 1, Decimal("1E+1"), 0)
    book.save(tmp_path / "n.xlsx")
    with zipfile.ZipFile(tmp_path / "n.xlsx") as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert '<c r="A1" s="1" t="n"><v>82.49</v></c>' in xml
    assert "<v>82.48999999999999</v>" in xml  # openpyxl's own Decimal → float → %.16g
    assert "<v>10</v>" in xml
    loaded = openpyxl.load_workbook(tmp_path / "n.xlsx").active
    assert [loaded.cell(row=r, column=1).value for r in range(1, 7)] == [
        82.49,
        9.95,
        77.1,
        0.125,
        30,
        10,
    ]
    assert [loaded.cell(row=r, column=1).number_format for r in (1, 4, 5, 6)] == [
        "0.00",
        "0.000",
        "0.00",
        "0",
    ]


def test_the_workbook_is_written_all_or_nothing(hostile, tmp_path: Path):
    case, _ = hostile
    with pytest.raises(WorkbookError, match="does not exist"):
        write_for(case, tmp_path / "missing" / "results.xlsx")
    assert list(tmp_path.iterdir()) == []
    target = tmp_path / "results.xlsx"
    target.write_bytes(b"an older export")
    write_for(case, target)
    assert openpyxl.load_workbook(target).sheetnames[0] == "排名汇总"
    assert [p.name for p in tmp_path.iterdir()] == ["results.xlsx"]


def test_leave_one_out_findings_name_experts_and_grades_as_the_report_does():
    from expertscore.chair.fragility import Fragility, chinese_text

    names = {"L1": "一级", "L2": "二级", None: "未达等级"}
    label = {"E02": "程明（E02）"}.get
    found = Fragility("E02", ("L2", None), (3, 4))
    assert chinese_text(found, lambda e: label(e) or e, names.get) == (
        "去掉程明（E02）的评分：等级 二级→未达等级，名次 3→4"
    )
    assert chinese_text(Fragility("E4", rank=(1, 2)), str, names.get) == "去掉E4的评分：名次 1→2"
