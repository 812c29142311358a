"""Load a scheme file: parse, check types, check cross-node rules, report every issue.

``load_scheme`` either returns a valid ``Scheme`` or raises ``SchemeInvalid`` listing every
problem as ``file:line node: message`` (or ``SchemeFileError`` when the file cannot be
parsed at all). Nothing here touches the disk except reading the one file.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from expertscore.errors import SchemeInvalid, SchemeIssue
from expertscore.schemes import rules
from expertscore.schemes.model import SCHEME_FORMAT, Scheme
from expertscore.schemes.yamlsource import LineMap, Path_, load_yaml_file, load_yaml_text

TREE_KEYS = ("indicators", "children")


def load_scheme(path: Path) -> Scheme:
    data, lines = load_yaml_file(path)
    return scheme_from_data(data, lines, str(path))


def load_scheme_text(text: str, source: str = "<scheme>") -> Scheme:
    data, lines = load_yaml_text(text, source)
    return scheme_from_data(data, lines, source)


def scheme_digest(text: bytes) -> str:
    return hashlib.sha256(text).hexdigest()


def scheme_from_data(data: Any, lines: LineMap, source: str) -> Scheme:
    if not isinstance(data, dict):
        raise SchemeInvalid(
            [SchemeIssue(source, 1, "", "a scheme must be a mapping of keys")]
        ).saying("mapping", source=source, line=1)
    declared = data.get("format")
    if declared != SCHEME_FORMAT:
        message = (
            f"format '{declared}' is not supported; this program reads '{SCHEME_FORMAT}'"
            if declared
            else f"missing 'format: {SCHEME_FORMAT}'"
        )
        line = lines.line_of(("format",))
        raise SchemeInvalid([SchemeIssue(source, line, "", message)]).saying(
            "format" if declared else "no_format",
            source=source,
            line=line,
            declared=declared,
            supported=SCHEME_FORMAT,
        )
    try:
        scheme = Scheme.model_validate(data)
    except ValidationError as exc:
        raise SchemeInvalid(_pydantic_issues(exc, data, lines, source)).saying("issues") from None
    findings = rules.check(scheme)
    if findings:
        issues = [SchemeIssue(source, lines.line_of(f.path), f.node, f.message) for f in findings]
        raise SchemeInvalid(issues).saying("issues")
    return scheme


def _pydantic_issues(
    exc: ValidationError, data: Any, lines: LineMap, source: str
) -> list[SchemeIssue]:
    issues = []
    for error in exc.errors(include_url=False):
        path = _data_path(data, error["loc"])
        node = _node_label(data, path)
        message = error["msg"].removeprefix("Value error, ")
        field = path[-1] if path and isinstance(path[-1], str) else ""
        if field in TREE_KEYS:
            field = ""
        if error["type"] == "missing":
            message = f"'{error['loc'][-1]}' is required"
        elif error["type"] == "extra_forbidden":
            message = f"unknown key '{error['loc'][-1]}'"
        elif field:
            message = f"{field}: {message}"
        issues.append(SchemeIssue(source, lines.line_of(path), node, message))
    return issues


def _data_path(data: Any, loc: tuple[Any, ...]) -> Path_:
    """The longest prefix of a pydantic location that exists in the raw data.

    Pydantic adds union tags such as ``points`` to locations; those are skipped.
    """
    path: list[str | int] = []
    cursor = data
    for part in loc:
        in_mapping = isinstance(cursor, dict) and part in cursor
        in_list = isinstance(cursor, list) and isinstance(part, int) and 0 <= part < len(cursor)
        if in_mapping or in_list:
            cursor = cursor[part]
            path.append(part)
    return tuple(path)


def _node_label(data: Any, path: Path_) -> str:
    """'indicator 3.4' for a path inside the tree, else the top-level key."""
    label = str(path[0]) if path else ""
    cursor = data
    for index, part in enumerate(path):
        cursor = cursor[part]
        if (
            isinstance(part, int)
            and index > 0
            and path[index - 1] in TREE_KEYS
            and isinstance(cursor, dict)
        ):
            label = f"indicator {cursor.get('code', f'#{part + 1}')}"
    return label
