"""``expertscore registry --db URL ingest|platforms|experts|export``: the authority's registry."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from expertscore.terminal import echo

PANEL = click.Path(path_type=Path, dir_okay=False)


ENGINE = "expertscore.registry.engine"


class RegistryGroup(click.Group):
    """A database failure while a command runs (a lost connection, a full disk) is one line."""

    def invoke(self, ctx: click.Context):
        from sqlalchemy.exc import DBAPIError

        from expertscore.registry.db import database_error

        try:
            return super().invoke(ctx)
        except DBAPIError as exc:
            engine = ctx.meta.get(ENGINE)
            if engine is None:
                raise
            raise database_error(engine, exc) from None


@click.group("registry", cls=RegistryGroup)
@click.option(
    "--db",
    "url",
    help="Database URL (sqlite:///FILE or postgresql+psycopg://USER@HOST/DB) or a SQLite file;"
    " default: $EXPERTSCORE_REGISTRY, else registry.sqlite in the data folder.",
)
@click.pass_context
def registry_group(ctx: click.Context, url: str | None) -> None:
    """The authority's registry of signed panel files (SQLite or PostgreSQL)."""
    from expertscore.registry.db import default_url

    ctx.obj = url or default_url()


def _engine(ctx: click.Context):
    """The registry's engine, disposed of when the command ends."""
    from expertscore.registry.db import open_registry

    engine = open_registry(ctx.obj)
    ctx.call_on_close(engine.dispose)
    ctx.meta[ENGINE] = engine
    return engine


@registry_group.command("ingest")
@click.argument("panels", nargs=-1, required=True, type=PANEL)
@click.option("--batch", "package", required=True, type=PANEL, help="The panel's batch package.")
@click.option(
    "--results",
    "results_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="The experts' result files: re-run each panel's whole merge from them.",
)
@click.option("--correction", help="Why a changed panel file replaces the batch's current one.")
@click.option("--by", help="Who ingests (default: the user name).")
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    help="Processes checking files at once (default: one per core); each file is still"
    " stored in its own transaction, in the order given.",
)
@click.pass_context
def ingest_command(
    ctx: click.Context,
    panels: tuple[Path, ...],
    package: Path,
    results_dir: Path | None,
    correction: str | None,
    by: str | None,
    jobs: int | None,
) -> None:
    """Check signed panel files against their batch and store each once, by SHA-256."""
    from expertscore.batch.package import open_package
    from expertscore.registry.ingest import IngestRefused
    from expertscore.registry.parallel import ingest_all

    opened = open_package(package)
    engine = _engine(ctx)
    refused = 0
    for done in ingest_all(
        engine,
        panels,
        opened,
        jobs=jobs,
        results_dir=results_dir,
        correction=correction,
        by=by,
    ):
        if isinstance(done, IngestRefused):
            refused += 1
            echo(f"{done.path}: refused: {done.reason}", err=True)
            for line in done.differences[1:]:
                echo(f"  {line}", err=True)
            continue
        checked = f", checked: {done.check}" if done.check else ""
        replaced = f", replaces {done.replaced[:16]}…" if done.replaced else ""
        echo(f"{done.path}: {done.outcome} ({done.batch}, {done.sha256[:16]}…{checked}{replaced})")
    if refused:
        sys.exit(1)


@registry_group.command("platforms")
@click.option("--platform", "text", help="Only platforms whose name or operator contains TEXT.")
@click.pass_context
def platforms_command(ctx: click.Context, text: str | None) -> None:
    """Each platform's history: rounds, schemes, totals, grades, ranks."""
    from expertscore.registry.queries import find_platforms, platform_history

    engine = _engine(ctx)
    if text is None:
        rounds = platform_history(engine)
    else:
        rounds = [
            r for pid, *_ in find_platforms(engine, text) for r in platform_history(engine, pid)
        ]
    last = None
    for r in rounds:
        if r.platform_id != last:
            echo(f"{r.platform}  ({r.operator})")
            last = r.platform_id
        percent = "" if r.percent is None else f"{r.percent}%"
        moved = "  (grade changed)" if r.moved else ""
        echo(
            f"  {r.batch_created[:10]}  {r.batch_id}  {r.scheme}  {r.submission}  total {r.total}"
            f"  {percent}  grade {r.grade or '-'}  rank {r.rank}/{r.of}{moved}"
        )


@registry_group.command("experts")
@click.pass_context
def experts_command(ctx: click.Context) -> None:
    """Each expert's record across panels."""
    from expertscore.registry.queries import expert_records

    for e in expert_records(_engine(ctx)):
        who = f"{e.name}" + (f" ({e.organization})" if e.organization else "")
        echo(
            f"{who}: {e.panels} panels, {e.assigned} assigned, {e.scored} scored,"
            f" {e.recused} recusals, {e.explanations} explanations asked,"
            f" {e.second_round} second-round requests, {e.decisive} decisive,"
            f" {e.missing} results missing, {e.transcribed} transcribed, {e.keys} keys"
        )


@registry_group.command("export")
@click.option("--out", required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.pass_context
def export_command(ctx: click.Context, out: Path) -> None:
    """The registry's views as a workbook."""
    from expertscore.registry.export import write_export
    from expertscore.reports.pdfbase import ReportError

    try:
        write_export(_engine(ctx), out)
    except ReportError as exc:
        raise click.ClickException(str(exc)) from None
    echo(f"{out}: written")
