"""``expertscore evidence index|find`` on a real demo session."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from expertscore.cli.main import cli
from expertscore.demo import make_demo_batch


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("evidence-cli") / "demo.esbatch"
    make_demo_batch("liaoning-2025-grading", 3, 3, 5, out, workers=1)
    return out


def run(*args: str):
    return CliRunner().invoke(cli, [str(arg) for arg in args])


def test_create_with_index_then_find_a_value_and_a_text(package, tmp_path):
    session = tmp_path / "E01.esession"
    created = run(
        "session", "create", "--batch", package, "--expert", "E01", "--out", session, "--index"
    )
    assert created.exit_code == 0, created.output
    assert "files indexed now" in created.output
    again = run("evidence", "index", "--session", session)
    assert again.exit_code == 0 and "0 files indexed now" in again.output
    found = run(
        "evidence", "find", "--session", session, "--submission", "S001", "--indicator", "1.1.1"
    )
    assert found.exit_code == 0, found.output
    lines = found.output.splitlines()
    assert lines[0].startswith("S001 1.1.1 ")
    assert any(line.startswith("  申报材料汇总表 p.1: ") for line in lines[1:])
    text = run("evidence", "find", "--session", session, "--submission", "S001", "申报单位承诺")
    assert text.exit_code == 0
    assert text.output.splitlines()[0].startswith("S001 申报材料汇总表 p.")
    nothing = run("evidence", "find", "--session", session, "不存在的字样")
    assert (nothing.exit_code, nothing.output) == (0, "not found in any evidence\n")


def test_a_value_nowhere_in_the_evidence(package, tmp_path):
    from expertscore.storage.cipher import driver

    session = tmp_path / "E01.esession"
    run("session", "create", "--batch", package, "--expert", "E01", "--out", session)
    with driver.connect(session) as raw:
        raw.execute(
            "UPDATE reported_value SET value = '98765.43' WHERE submission_id = 'S001'"
            " AND indicator = '1.1.3'"
        )
    found = run(
        "evidence", "find", "--session", session, "--submission", "S001", "--indicator", "1.1.3"
    )
    assert found.exit_code == 0
    lines = found.output.splitlines()
    assert lines[1] == "  not found in any evidence"
    # where the evidence names the indicator, with what it says there
    assert lines[2].startswith("  the indicator is named on 申报材料汇总表 p.1: ")
    assert "企业近三年营收情况" in lines[2]


@pytest.mark.parametrize(
    "args",
    [
        ("--submission", "S404", "--indicator", "1.1.1"),
        ("--submission", "S001", "--indicator", "9.9.9"),
        ("--indicator", "1.1.1"),
        ("--submission", "S001"),
        ("--submission", "S001", "--indicator", "1.1.1", "text"),
    ],
)
def test_bad_input_exits_2(package, tmp_path, args):
    session = tmp_path / "E01.esession"
    run("session", "create", "--batch", package, "--expert", "E01", "--out", session)
    result = run("evidence", "find", "--session", session, *args)
    assert result.exit_code == 2, result.output


def test_not_a_session_exits_2(tmp_path):
    path = tmp_path / "x.esession"
    path.write_text("no")
    result = run("evidence", "index", "--session", path)
    assert result.exit_code == 2 and "not a session file" in result.output
