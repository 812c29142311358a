"""Entry point of the one-folder app (PyInstaller), for experts who double-click it.

``ExpertScore`` alone opens the scoring window; ``ExpertScore --self-test`` runs the
headless self-test; ``ExpertScore COMMAND ...`` with a command of the ``expertscore``
command line (``verify``, ``merge``, ...) runs that command, so the same folder serves
the chair's scripts.
"""

from __future__ import annotations

import sys


def main() -> None:
    args = sys.argv[1:]
    if args[:1] == ["--self-test"]:
        from expertscore.selftest import run_self_test

        raise SystemExit(run_self_test())
    # The command line loads a command's module only when it runs (a cheap import here).
    from expertscore.cli.main import cli

    if args and args[0] in cli.builtin_names():
        cli(args, prog_name="ExpertScore")
        return
    from ui.cli import gui_command

    gui_command(args[1:] if args[:1] == ["gui"] else args, prog_name="ExpertScore")


if __name__ == "__main__":
    main()
