"""The command line loads a command's module only when the command is looked up."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
from click.testing import CliRunner

from expertscore.cli.main import COMMANDS, cli, load_command
from tests.modules import modules_after

ROOT = Path(__file__).resolve().parents[2]


def test_importing_the_command_line_imports_no_command():
    loaded = modules_after("from expertscore.cli.main import cli")
    commands = {name for name in loaded if name.startswith("expertscore.cli.")}
    assert commands == {"expertscore.cli.main"}
    assert not {"sqlalchemy", "reportlab", "openpyxl", "cryptography"} & loaded


def test_running_a_command_imports_only_its_module():
    loaded = modules_after(
        "from expertscore.cli.main import cli\n"
        "try:\n"
        "    cli(['schemes'], prog_name='expertscore')\n"
        "except SystemExit:\n"
        "    pass"
    )
    commands = {name for name in loaded if name.startswith("expertscore.cli.")}
    assert commands == {"expertscore.cli.main", "expertscore.cli.schemes_cmd"}


def test_every_command_loads_under_its_own_name():
    for name in COMMANDS:
        command = load_command(name)
        assert isinstance(command, click.Command), name
        assert command.name == name
    assert load_command("no-such-command") is None


def test_subcommands_from_other_modules_are_added():
    groups = {name: load_command(name) for name in ("batch", "session", "chair")}
    assert "prepare" in groups["batch"].commands  # type: ignore[union-attr]
    assert "from-xlsx" in groups["batch"].commands  # type: ignore[union-attr]
    assert "round2" in groups["session"].commands  # type: ignore[union-attr]
    assert "round2-file" in groups["chair"].commands  # type: ignore[union-attr]


def test_help_lists_every_command():
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0, result.output
    listed = {
        line.split()[0]
        for line in result.output.split("Commands:", 1)[1].splitlines()
        if line.startswith("  ") and not line.startswith("   ")
    }
    assert set(COMMANDS) <= listed
    assert "gui" in listed  # the window's plugin


def test_a_command_runs_through_the_group():
    result = CliRunner().invoke(cli, ["schemes"])
    assert result.exit_code == 0, result.output
    assert "liaoning-2025-grading" in result.output


def test_the_app_launcher_hands_core_commands_to_the_command_line():
    done = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "launcher.py"), "schemes"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "liaoning-2025-grading" in done.stdout
