"""Entry point of the ``expertscore`` command.

Every command turns the core's typed errors into one line on stderr and a non-zero exit
status; a traceback is a bug.
"""

from __future__ import annotations

import sys

import click

from expertscore import __version__
from expertscore.cli.batch_cmd import batch_group, session_group
from expertscore.cli.demo_cmd import demo_command
from expertscore.cli.schemes_cmd import scheme_group, schemes_command
from expertscore.errors import ExpertScoreError


class Cli(click.Group):
    """Turns core errors into a one-line message and exit status 2."""

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
cli.add_command(batch_group)
cli.add_command(session_group)


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
