"""Entry point of the ``expertscore`` command.

Every command turns the core's typed errors into one line on stderr and a non-zero exit
status; a traceback is a bug.
"""

from __future__ import annotations

import sys
from importlib.metadata import EntryPoint, entry_points

import click

from expertscore import __version__
from expertscore.cli.batch_cmd import batch_group, session_group
from expertscore.cli.chair_cmd import chair_group, merge_command
from expertscore.cli.demo_batch_cmd import demo_batch_command
from expertscore.cli.demo_cmd import demo_command, self_test_command
from expertscore.cli.key_cmd import key_group
from expertscore.cli.organizer_cmd import prepare_command, roster_group
from expertscore.cli.results_cmd import (
    simulate_command,
    submit_command,
    transcribe_command,
    unlock_command,
    verify_command,
)
from expertscore.cli.rounds_cmd import round2_file_command, score_command, session_round2_command
from expertscore.cli.schemes_cmd import scheme_group, schemes_command
from expertscore.cli.sheets_cmd import print_sheets_command
from expertscore.errors import ExpertScoreError

PLUGIN_GROUP = "expertscore.commands"


class Cli(click.Group):
    """Turns core errors into a one-line message and exit status 2.

    Commands that need more than the core (the Qt window) are plugins: installed packages
    name them under the entry-point group ``expertscore.commands``, so the core finds them
    without importing them, and works where they are not installed.
    """

    def _plugins(self) -> dict[str, EntryPoint]:
        return {ep.name: ep for ep in entry_points(group=PLUGIN_GROUP)}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self._plugins()})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        command = super().get_command(ctx, name)
        if command is not None:
            return command
        plugin = self._plugins().get(name)
        if plugin is None:
            return None
        try:
            loaded = plugin.load()
        except ImportError as exc:
            raise click.ClickException(
                f"'{name}' needs a package that is not installed ({exc.name}); "
                "install the program with its 'gui' extra"
            ) from None
        return loaded if isinstance(loaded, click.Command) else None

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ExpertScoreError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(2)


@click.group(cls=Cli, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="expertscore")
def cli() -> None:
    """ExpertScore: offline expert scoring of industrial internet platforms."""


cli.add_command(schemes_command)
cli.add_command(scheme_group)
cli.add_command(demo_command)
cli.add_command(demo_batch_command)
cli.add_command(self_test_command)
cli.add_command(batch_group)
cli.add_command(session_group)
cli.add_command(key_group)
cli.add_command(submit_command)
cli.add_command(unlock_command)
cli.add_command(verify_command)
cli.add_command(transcribe_command)
cli.add_command(simulate_command)
cli.add_command(print_sheets_command)
cli.add_command(merge_command)
cli.add_command(chair_group)
cli.add_command(roster_group)
batch_group.add_command(prepare_command)
chair_group.add_command(round2_file_command)
session_group.add_command(session_round2_command)
cli.add_command(score_command)


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
