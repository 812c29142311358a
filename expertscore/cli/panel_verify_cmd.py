"""``expertscore verify PANELFILE --batch PACKAGE --results DIR``: re-run a panel file.

``verify`` checks result files; given a panel file (told apart by its envelope's format
or payload type) it re-runs the panel's whole merge and aggregation from the result files
in DIR and the decisions the file records, and prints every difference, one per line
(``chair.recheck``). Exit 0 only when there is none.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from expertscore.crypto import sealed

# The envelope names a panel file carries (``chair.panel_file``), repeated here so that
# telling a panel file from a result file imports none of the chair's code.
PANEL_FORMAT_NAME = "expertscore-panel"
PANEL_PAYLOAD_TYPE = "application/vnd.expertscore.panel+json"

RESULTS = click.option(
    "--results",
    "results_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="For a panel file: the folder of result files it was made from (found by SHA-256).",
)
CHAIR_KEY = click.option(
    "--chair-key",
    help="For a panel file: the chair's key fingerprint, as on the signed paper report.",
)


def is_panel_file(path: Path) -> bool:
    """Whether ``path`` holds a panel file's envelope (anything unreadable: no)."""
    try:
        envelope = json.loads(sealed.read_file(path))  # an encrypted one: with --key
    except (OSError, ValueError, sealed.SealedError):
        return False
    if not isinstance(envelope, dict):
        return False
    declared = envelope.get("format")
    return envelope.get("payloadType") == PANEL_PAYLOAD_TYPE or (
        isinstance(declared, str) and declared.split("/")[0] == PANEL_FORMAT_NAME
    )


def verify_panel(
    path: Path, package: Path | None, results_dir: Path | None, chair_key: str | None
) -> None:
    """Print the re-check of a panel file and exit: 0 same numbers, 1 otherwise."""
    from expertscore.batch.package import open_package
    from expertscore.chair.panel_file import PanelRefused
    from expertscore.chair.recheck import recheck

    if package is None or results_dir is None:
        raise click.UsageError("a panel file is verified with --batch PACKAGE and --results DIR")
    opened = open_package(package)
    try:
        found = recheck(path, opened, results_dir, chair_key)
    except PanelRefused as exc:
        click.echo(f"file:        {path}\nverdict:     REFUSED: {exc.reason}")
        sys.exit(1)
    payload = found.payload
    kinds = [item.result for item in payload.inputs]
    counted = ", ".join(f"{kinds.count(k)} {k}" for k in ("signed", "transcription", "missing"))
    differences = found.differences
    verdict = (
        "VALID: the re-run gives the same results"
        if not differences
        else f"DIFFERENT: {len(differences)} differences from the re-run"
    )
    chair = payload.chair
    lines = [
        f"file:        {path}",
        f"verdict:     {verdict}",
        f"chair:       {chair.id} {chair.name}, key {found.signer}"
        + ("" if chair_key else " (compare it with the chair's signed report)"),
        f"batch:       {payload.batch.id} {payload.batch.title}",
        f"inputs:      {counted}",
        *differences,
    ]
    click.echo("\n".join(lines))
    sys.exit(1 if differences else 0)
