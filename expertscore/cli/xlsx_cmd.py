"""``expertscore batch from-xlsx`` and ``expertscore batch xlsx-template``.

The common government Excel form (``docs/xlsx-form.md``) becomes a batch package, so there
is one import path. Errors are one line on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

from expertscore.batch.manifest import FormImport
from expertscore.errors import ExpertScoreError
from expertscore.terminal import echo
from expertscore.xlsxform import parse_created, workbook_to_package, write_template

T = TypeVar("T")
SHOWN_ITEMS = 20  # items of a list printed before "… and N more"


def _items(title: str, items: list[str]) -> list[str]:
    lines = [f"  {title}: {len(items)}"]
    lines += [f"    - {item}" for item in items[:SHOWN_ITEMS]]
    if len(items) > SHOWN_ITEMS:
        lines.append(f"    … and {len(items) - SHOWN_ITEMS} more")
    return lines


def import_summary(summary: FormImport) -> list[str]:
    """The import summary as ``from-xlsx`` and ``batch inspect`` print it."""
    skipped = (
        f" ({summary.number_only_rows} holding only a 序号, skipped)"
        if summary.number_only_rows
        else ""
    )
    lines = [
        f"form import:  {summary.workbook}, sheet {summary.sheet}: {summary.rows} rows read"
        f"{skipped}, {summary.submissions} submissions, {summary.values} values,"
        f" {summary.evidence_files} evidence files"
    ]
    merges = [
        f"{item.sheet}!{item.range} -> rows {item.first_row}-{item.last_row}"
        for item in summary.merges
    ]
    removed = [f"{item.sheet}!{item.cell}: {' '.join(item.characters)}" for item in summary.removed]
    lines += _items("merged cells expanded", merges)
    lines += _items("cells with invisible characters removed", removed)
    lines += _items("evidence files the form never names", summary.unlisted_evidence)
    return lines


def _run(action: Callable[[], T]) -> T:
    try:
        return action()
    except ExpertScoreError as exc:
        from expertscore.wording.cli import error_line  # the catalog, only when needed

        echo(error_line(exc), err=True)  # the user's language, as every other command
        sys.exit(2)


@click.command("from-xlsx")
@click.argument("workbook", type=click.Path(path_type=Path))
@click.option(
    "--evidence",
    "evidence_dir",
    type=click.Path(path_type=Path),
    metavar="DIR",
    help="Folder holding the files listed on the sheet 证明材料.",
)
@click.option("--scheme", "scheme_id", required=True, help="Bundled scheme id or scheme file.")
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(path_type=Path),
    metavar="PACKAGE",
    help="The package to write (.esbatch); replaced only when complete.",
)
@click.option("--batch-id", help="Batch id (default: the workbook's name, if a valid id).")
@click.option("--title", help="Batch title (default: the workbook's name).")
@click.option("--organizer", help="Organizer shown to experts (default: 未注明).")
@click.option(
    "--created", help="Creation time, ISO 8601 with UTC offset (default: now, local offset)."
)
@click.option(
    "--expert",
    "experts",
    multiple=True,
    metavar="ID:NAME",
    help="An expert, added after the sheet 专家; repeat for several.",
)
def from_xlsx_command(
    workbook: Path,
    evidence_dir: Path | None,
    scheme_id: str,
    out: Path,
    batch_id: str | None,
    title: str | None,
    organizer: str | None,
    created: str | None,
    experts: tuple[str, ...],
) -> None:
    """Turn the Excel form WORKBOOK and its evidence folder into a batch package."""

    def action():
        return workbook_to_package(
            workbook,
            evidence_dir,
            scheme_id,
            out,
            batch_id=batch_id,
            title=title,
            organizer=organizer,
            created=parse_created(created) if created else None,
            experts=experts,
        )

    manifest = _run(action)
    echo(
        f"{out}: batch '{manifest.batch.id}', {len(manifest.submissions)} submissions,"
        f" {len(manifest.evidence)} evidence files, {len(manifest.roster)} experts"
    )
    if manifest.form_import is not None:
        click.echo("\n".join(import_summary(manifest.form_import)))


@click.command("xlsx-template")
@click.option("--scheme", "scheme_id", required=True, help="Bundled scheme id or scheme file.")
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(path_type=Path),
    metavar="FILE.xlsx",
    help="The workbook to write.",
)
def xlsx_template_command(scheme_id: str, out: Path) -> None:
    """Write the empty Excel form for a scheme, with its indicator columns."""
    headers = _run(lambda: write_template(scheme_id, out))
    echo(f"{out}: form for '{scheme_id}' with {len(headers)} columns")
