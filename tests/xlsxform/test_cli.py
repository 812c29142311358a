"""The two commands, run through click's test runner on the command objects."""

from __future__ import annotations

import openpyxl
from click.testing import CliRunner

from expertscore.batch.package import open_package
from expertscore.cli.xlsx_cmd import from_xlsx_command, xlsx_template_command
from tests.xlsxform.conftest import SCHEME


def _from_xlsx(case, *extra: str):
    case.write()
    args = [str(case.workbook), "--evidence", str(case.evidence), "--scheme", SCHEME]
    return CliRunner().invoke(from_xlsx_command, [*args, "--out", str(case.out), *extra])


def test_from_xlsx_writes_the_package(case):
    result = _from_xlsx(
        case, "--batch-id", "ln-2025-06", "--organizer", "辽宁省工信厅",
        "--created", "2025-06-01T09:00:00+08:00",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"{case.out}: batch 'ln-2025-06', 2 submissions, 2 evidence files, 2 experts\n"
        "form import:  表单.xlsx, sheet 申报信息: 2 rows read, 2 submissions, 6 values,"
        " 2 evidence files\n"
        "  merged cells expanded: 0\n"
        "  cells with invisible characters removed: 0\n"
        "  evidence files the form never names: 0\n"
    )
    manifest = open_package(case.out).manifest
    assert (manifest.batch.id, manifest.batch.organizer) == ("ln-2025-06", "辽宁省工信厅")
    assert manifest.batch.created.isoformat() == "2025-06-01T09:00:00+08:00"


def test_from_xlsx_error_is_one_line_on_stderr(case):
    case.set("申报信息", "I2", "=SUM(1,2)")
    result = _from_xlsx(case)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "error: 表单.xlsx 申报信息!I2: '=SUM(1,2)' is a formula; enter the value itself"
        " (in Excel: copy, then paste as values)\n"
    )
    assert not case.out_dir.exists()


def test_from_xlsx_unknown_scheme_and_bad_created(case):
    case.write()
    result = CliRunner().invoke(
        from_xlsx_command, [str(case.workbook), "--scheme", "nowhere", "--out", str(case.out)]
    )
    assert result.exit_code == 2
    assert result.stderr.startswith("error: no scheme 'nowhere' (bundled: ")
    assert result.stderr.count("\n") == 1
    result = _from_xlsx(case, "--created", "2025-06-01")
    assert result.exit_code == 2
    assert result.stderr == (
        "error: --created: '2025-06-01' must include a UTC offset, e.g. 2025-06-01T09:00:00+08:00\n"
    )
    assert not case.out_dir.exists()


def test_from_xlsx_experts_by_option(case):
    del case.sheets["专家"]
    result = _from_xlsx(case, "--expert", "E01:张三", "--expert", "E02:李四")
    assert result.exit_code == 0, result.output
    assert [e.name for e in open_package(case.out).manifest.roster] == ["张三", "李四"]


def test_xlsx_template_writes_the_form(tmp_path):
    out = tmp_path / "forms" / "辽宁.xlsx"
    result = CliRunner().invoke(xlsx_template_command, ["--scheme", SCHEME, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{out}: form for '{SCHEME}' with 49 columns\n"
    header = [cell.value for cell in openpyxl.load_workbook(out)["申报信息"][1]]
    assert header[:7] == [
        "编号",
        "平台名称",
        "运营单位",
        "所在地区",
        "行业标签",
        "领域标签",
        "1.1.1 资产负债率",
    ]
    assert len(header) == 49
    assert sorted(p.name for p in out.parent.iterdir()) == ["辽宁.xlsx"]


def test_xlsx_template_into_a_folder_is_refused(tmp_path):
    result = CliRunner().invoke(xlsx_template_command, ["--scheme", SCHEME, "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr == f"error: {tmp_path}: is a folder; give the workbook's file name\n"


def test_batch_prepare_from_the_form_keeps_and_prints_the_import_summary(
    case, tmp_path, monkeypatch
):
    from expertscore.cli.organizer_cmd import prepare_command
    from expertscore.identity.keycard import make_card
    from expertscore.identity.keys import ScryptCost, create_key
    from expertscore.organizer.roster import Roster, add_card, write_roster

    monkeypatch.setenv("EXPERTSCORE_DATA_DIR", str(tmp_path / "data"))
    roster = Roster()
    for number in range(1, 6):
        key = create_key(f"X{number}", f"专家{number}", "passphrase 1", cost=ScryptCost(n=2**10))
        roster = add_card(roster, make_card(key), None, [])
    write_roster(roster, tmp_path / "roster.json")
    case.write()
    out = tmp_path / "round.esbatch"
    args = ["--from", str(case.workbook), "--evidence", str(case.evidence), "--scheme", SCHEME]
    args += ["--roster", str(tmp_path / "roster.json"), "--experts-per-submission", "5"]
    result = CliRunner().invoke(prepare_command, [*args, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert (
        "form import:  表单.xlsx, sheet 申报信息: 2 rows read, 2 submissions, 6 values,"
        " 2 evidence files\n" in result.stdout
    )
    summary = open_package(out).manifest.form_import
    assert (summary.workbook, summary.submissions) == ("表单.xlsx", 2)
