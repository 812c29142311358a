"""The schemes bundled with the program, found by id or by path."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from expertscore.errors import SchemeNotFound
from expertscore.paths import schemes_dir
from expertscore.schemes.loader import load_scheme
from expertscore.schemes.model import Scheme


@dataclass(frozen=True)
class BundledScheme:
    path: Path
    scheme: Scheme


def bundled_paths() -> list[Path]:
    return sorted(schemes_dir().glob("*.yaml"))


def bundled_schemes() -> list[BundledScheme]:
    """Every bundled scheme, loaded and validated; a broken one raises its error."""
    return [BundledScheme(path, load_scheme(path)) for path in bundled_paths()]


def resolve_scheme(id_or_path: str) -> BundledScheme:
    """A bundled scheme by id, or any scheme file by path."""
    candidate = Path(id_or_path)
    if candidate.suffix in (".yaml", ".yml") and candidate.exists():
        return BundledScheme(candidate, load_scheme(candidate))
    for path in bundled_paths():
        if path.stem == id_or_path:
            return BundledScheme(path, load_scheme(path))
    for bundled in bundled_schemes():
        if bundled.scheme.id == id_or_path:
            return bundled
    known = ", ".join(path.stem for path in bundled_paths())
    raise SchemeNotFound(f"no scheme '{id_or_path}' (bundled: {known})").saying(
        "unknown", scheme=id_or_path, known=known
    )
