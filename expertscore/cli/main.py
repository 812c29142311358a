"""Entry point of the ``expertscore`` command.

Every command turns the core's typed errors into one line on stderr and a non-zero exit
status; a traceback is a bug.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from importlib import import_module
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path
from typing import Any

import click

from expertscore import __version__
from expertscore.errors import ExpertScoreError
from expertscore.storage import passphrase_source
from expertscore.terminal import echo
from expertscore.wording import LANGUAGES, language_from_env, set_language
from expertscore.wording.click_language import click_messages, requested_language

PLUGIN_GROUP = "expertscore.commands"
KEY_HELP = "Your key (its id), for files encrypted to you; its passphrase is asked when needed."

# Every built-in command: the module (in ``expertscore.cli``) that defines it and the
# attribute holding it, and the subcommands other modules add to it. A command's module
# is imported only when the command is looked up (running it, or listing it in --help),
# so ``expertscore gui`` does not import the organizer's, the chair's or the reports'
# code before the window. ``build.spec`` names these modules for PyInstaller.
Where = tuple[str, str]
COMMANDS: dict[str, tuple[Where, tuple[Where, ...]]] = {
    "schemes": (("schemes_cmd", "schemes_command"), ()),
    "scheme": (("schemes_cmd", "scheme_group"), ()),
    "demo": (("demo_cmd", "demo_command"), ()),
    "demo-batch": (("demo_batch_cmd", "demo_batch_command"), ()),
    "self-test": (("demo_cmd", "self_test_command"), ()),
    "batch": (("batch_cmd", "batch_group"), (("organizer_cmd", "prepare_command"),)),
    "session": (("batch_cmd", "session_group"), (("rounds_cmd", "session_round2_command"),)),
    "key": (("key_cmd", "key_group"), ()),
    "submit": (("results_cmd", "submit_command"), ()),
    "unlock": (("results_cmd", "unlock_command"), ()),
    "verify": (("results_cmd", "verify_command"), ()),
    "transcribe": (("results_cmd", "transcribe_command"), ()),
    "simulate": (("results_cmd", "simulate_command"), ()),
    "print-sheets": (("sheets_cmd", "print_sheets_command"), ()),
    "merge": (("chair_cmd", "merge_command"), ()),
    "chair": (
        ("chair_cmd", "chair_group"),
        (
            ("rounds_cmd", "round2_file_command"),
            ("notes_cmd", "explain_request_command"),
            ("notes_cmd", "notes_command"),
            ("notes_cmd", "paper_statement_command"),
            ("agreement_cmd", "agreement_command"),
        ),
    ),
    "explain": (("notes_cmd", "explain_command"), ()),
    "statement": (("notes_cmd", "statement_command"), ()),
    "roster": (("organizer_cmd", "roster_group"), ()),
    "score": (("rounds_cmd", "score_command"), ()),
    "evidence": (("evidence_cmd", "evidence_group"), ()),
    "registry": (("registry_cmd", "registry_group"), ()),
}


def _command(where: Where) -> click.Command:
    module, attribute = where
    return getattr(import_module(f"expertscore.cli.{module}"), attribute)


def load_command(name: str) -> click.Command | None:
    """The built-in command ``name`` (importing its module now), or None."""
    spec = COMMANDS.get(name)
    if spec is None:
        return None
    where, extras = spec
    command = _command(where)
    if isinstance(command, click.Group):
        for extra in extras:
            command.add_command(_command(extra))
    return command


class Cli(click.Group):
    """Turns core errors into a one-line message and exit status 2.

    The built-in commands (``COMMANDS``) are loaded when looked up. Commands that need
    more than the core (the Qt window) are plugins: installed packages name them under
    the entry-point group ``expertscore.commands``, so the core finds them without
    importing them, and works where they are not installed.
    """

    def _plugins(self) -> dict[str, EntryPoint]:
        return {ep.name: ep for ep in entry_points(group=PLUGIN_GROUP)}

    def builtin_names(self) -> set[str]:
        """The built-in commands' names, without importing them."""
        return {*self.commands, *COMMANDS}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.builtin_names(), *self._plugins()})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        command = super().get_command(ctx, name)
        if command is not None:
            return command
        command = load_command(name)
        if command is not None:
            self.add_command(command, name)
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

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        """One run, with Click's own usage errors and help headings in the language the
        run asks for (``--lang``, else the locale), as the program's own messages are."""
        chosen = requested_language(sys.argv[1:] if args is None else args)
        with click_messages(chosen):
            return super().main(
                args,
                prog_name,
                complete_var,
                standalone_mode,
                windows_expand_args=windows_expand_args,
                **extra,
            )

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ExpertScoreError as exc:
            from expertscore.wording.cli import error_line  # the catalog, only when needed

            echo(error_line(exc), err=True)
            sys.exit(2)


def _language(ctx: click.Context, param: click.Parameter, value: str | None) -> str:
    language = value or language_from_env()
    set_language(language)
    return language


@click.group(cls=Cli, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="expertscore")
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    callback=_language,
    is_eager=True,
    expose_value=False,
    help="Messages in Chinese (zh) or English (en); default: the locale (LANG, LC_ALL).",
)
@click.option("--key", "key_id", default=None, help=KEY_HELP)
@click.option(
    "--passphrase-file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Read an encrypted session's passphrase from this file's first line (else from"
    " EXPERTSCORE_SESSION_PASSPHRASE, else asked).",
)
def cli(key_id: str | None, passphrase_file: Path | None) -> None:
    """ExpertScore: offline expert scoring of industrial internet platforms."""
    passphrase_source.passphrase_file = passphrase_file
    passphrase_source.source = _ask_session_passphrase
    if key_id is not None:  # imported only then: a command loads only its own module
        from expertscore.cli.unlock import unlock_later

        unlock_later(key_id)


def _ask_session_passphrase(path: Path) -> str:
    # Imported only when an encrypted session is opened: a command loads only its module.
    from expertscore.cli.session_passphrase import ask_for

    return ask_for(path)


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
