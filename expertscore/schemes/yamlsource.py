"""Read YAML keeping the source line of every node.

Scheme files are validated by pydantic, but errors must point at a line in the file, and
numbers must reach ``Decimal`` exactly as written. PyYAML's composer gives us the node
graph with positions; we turn it into plain Python data ourselves:

* every scalar stays the text that was written (``1.5`` stays ``"1.5"``, never a float),
  except an explicit null, which becomes ``None``; pydantic converts text to the field's
  type, so a weight or a step is exact and a code such as ``1.1`` stays a string;
* a mapping with the same key twice is an error (PyYAML would silently keep the last).

The result is the data plus a ``LineMap`` from a path (tuple of keys and list indexes)
to the 1-based line where that value starts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from expertscore.errors import SchemeFileError

NULL_TAG = "tag:yaml.org,2002:null"
# libyaml's composer when PyYAML was built with it; node positions are the same.
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Path_ = tuple[str | int, ...]


@dataclass
class LineMap:
    """Source lines of the nodes of one YAML document."""

    lines: dict[Path_, int] = field(default_factory=dict)

    def line_of(self, path: Path_) -> int:
        """The line of ``path``, or of its nearest ancestor that has one."""
        probe = tuple(path)
        while probe:
            if probe in self.lines:
                return self.lines[probe]
            probe = probe[:-1]
        return self.lines.get((), 1)


def load_yaml_text(text: str, source: str) -> tuple[Any, LineMap]:
    """Parse one YAML document; raise ``SchemeFileError`` naming ``source`` on bad YAML."""
    try:
        root = yaml.compose(text, Loader=FAST_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problem = exc.problem or exc.context or "invalid YAML"
        raise SchemeFileError(source, line, f"not valid YAML: {problem}").saying(
            "yaml", problem=problem
        ) from None
    except yaml.YAMLError as exc:
        raise SchemeFileError(source, 1, " ".join(f"not valid YAML: {exc}".split())).saying(
            "yaml", problem=" ".join(str(exc).split())
        ) from None
    lines = LineMap()
    if root is None:
        raise SchemeFileError(source, 1, "the file is empty").saying("empty")
    data = _convert(root, (), lines, source, _Budget())
    return data, lines


MAX_DEPTH = 64  # a scheme nests a few levels; far more is a hostile file
MAX_VALUES = 20_000  # values after aliases are expanded (a bundled scheme has under 700)


class _Budget:
    def __init__(self) -> None:
        self.values = 0


def load_yaml_file(path: Path) -> tuple[Any, LineMap]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise SchemeFileError(str(path), 1, f"not UTF-8 text (byte {exc.start})").saying(
            "not_utf8", byte=exc.start
        ) from None
    except OSError as exc:
        raise SchemeFileError(str(path), 0, f"cannot read: {exc.strerror}").saying(
            "unreadable", reason=exc.strerror
        ) from None
    return load_yaml_text(text, str(path))


def _convert(node: yaml.Node, path: Path_, lines: LineMap, source: str, budget: _Budget) -> Any:
    line = node.start_mark.line + 1
    budget.values += 1
    if budget.values > MAX_VALUES:
        raise SchemeFileError(
            source, line, f"more than {MAX_VALUES} values (aliases expanding?)"
        ).saying("values", limit=MAX_VALUES)
    if len(path) > MAX_DEPTH:
        raise SchemeFileError(source, line, f"nested more than {MAX_DEPTH} levels deep").saying(
            "depth", limit=MAX_DEPTH
        )
    lines.lines[path] = line
    if isinstance(node, yaml.ScalarNode):
        if node.tag == NULL_TAG and node.style is None:
            return None
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [
            _convert(item, (*path, i), lines, source, budget) for i, item in enumerate(node.value)
        ]
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                line = key_node.start_mark.line + 1
                raise SchemeFileError(source, line, "a mapping key must be plain text").saying(
                    "key_text"
                )
            key = key_node.value
            if key in result:
                line = key_node.start_mark.line + 1
                raise SchemeFileError(source, line, f"key '{key}' appears twice").saying(
                    "key_twice", key=key
                )
            result[key] = _convert(value_node, (*path, key), lines, source, budget)
        return result
    raise SchemeFileError(source, node.start_mark.line + 1, "unsupported YAML node").saying("node")
