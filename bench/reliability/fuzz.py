"""Hostile input: property-based fuzzing of everything that reads a file from outside.

Four readers, each fed inputs that hypothesis draws as *recipes* applied to real files
(so that most inputs get past the first checks and reach the deep ones):

* ``package``: batch package import (``create_session``): bit flips and cuts in the zip,
  hostile entry names (``../x``, absolute names, duplicates), lying sizes, flags and
  compression methods, a manifest with random JSON put anywhere (hashes kept right, so the
  manifest rules run), a mutated or hostile embedded scheme, altered evidence;
* ``workbook``: Excel form import (``workbook_to_package``): cells set to formulas, huge
  strings, full-width text, wrong types and hostile evidence paths; sheets renamed or
  dropped; bytes of the xlsx flipped; hostile sheet XML (entities, huge cells);
* ``scheme``: scheme loading (``load_scheme_text``): random text, random YAML, line-level
  mutations of the bundled schemes, YAML alias bombs, recursive aliases, deep nesting;
* ``result``: result verification (``check_result``): random bytes and JSON, hostile
  envelopes, payloads with random JSON put anywhere and properly re-signed, deep nesting.

Every input runs with the working directory in a fresh sandbox and the temporary folder
pointed into it. The rules: only an ``ExpertScoreError`` may escape (anything else is a
**crash**, recorded with a reproducer); no file may appear or change in the sandbox outside
the target folder, nor at the absolute canary path hostile names point to (**escape**); a
failed import leaves nothing in the target folder (**leftover**); the memory one input
allocates stays under ``MEMORY_BUDGET`` (``Memory``: the growth of the process's peak
resident size during the input, or tracemalloc's peak where the peak cannot be reset).

Every refusal must be one line (**multi-line**), as the command line prints it.

``bombs`` measures amplification separately: the same bomb at two sizes (a YAML alias
bomb, alone and inside a package; an XML entity bomb and one deflated giant cell in a
workbook; deeply nested JSON as a result file and as a manifest). A reader passes when the
larger bomb needs at most twice the memory of the smaller one plus 4 MiB (it is refused
before expanding) and nothing but an ``ExpertScoreError`` escapes.
"""

from __future__ import annotations

import base64
import contextlib
import io
import json
import os
import re
import resource
import shutil
import struct
import tempfile
import time
import traceback
import tracemalloc
import warnings
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import seed as hypothesis_seed
from hypothesis import strategies as st

from expertscore.errors import ExpertScoreError

REPO = Path(__file__).resolve().parents[2]
SCHEMES = REPO / "schemes"
CANARY = Path(tempfile.gettempdir()) / "expertscore-fuzz-canary"
MEMORY_BUDGET = 256 << 20
PACKAGE_SCHEME = "national-crossindustry-2023"
FORM_SCHEME = "national-crossindustry-2023"
CREATED = datetime(2025, 6, 1, 9, 0, tzinfo=timezone(timedelta(hours=8)))

# ------------------------------------------------------------------ shared strategies

HOSTILE_TEXT = [
    "",
    " ",
    "=1+1",
    '=HYPERLINK("http://x","y")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1)",
    "../x",
    "../../outside/evil",
    str(CANARY / "abs"),
    "C:\\Windows\\x",
    "\\\\server\\share\\x",
    "a\x00b",
    "\u202emanifest.json",
    "１２３．５",
    "ＡＢＣ",
    "NaN",
    "1e999",
    "-0",
    "9" * 400,
    "E01",
    "S001",
    "yes",
    "no",
    "%",
    "all",
    "\n",
    "\r\n",
    "\ud800",
    "null",
    "~",
    "*a",
    "&a",
    "!!python/object/apply:os.system ['echo x']",
]
TEXT = st.one_of(st.text(max_size=30), st.sampled_from(HOSTILE_TEXT))
JSON_LEAF = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([0, 1, -1, 2**31, 2**32 - 1, 2**40, 2**62, 10**30]),
    st.floats(allow_nan=True, allow_infinity=True),
    TEXT,
)
JSON = st.recursive(
    JSON_LEAF,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(TEXT, children, max_size=4),
    max_leaves=10,
)
FRACTION = st.floats(min_value=0, max_value=1, allow_nan=False)


def json_bytes(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass")


def deep_json(depth: int, kind: str) -> bytes:
    if kind == "[":
        return b"[" * depth + b"]" * depth
    return b'{"a":' * depth + b"1" + b"}" * depth


BYTE_OP = st.tuples(
    st.sampled_from(["flip", "set", "insert", "delete", "truncate"]),
    FRACTION,
    st.binary(min_size=1, max_size=16),
)


def apply_byte_ops(data: bytes, ops: list, start: int = 0, end: int | None = None) -> bytes:
    """Byte-level changes at positions inside ``[start, end)``."""
    out = bytearray(data)
    for op, where, payload in ops:
        stop = len(out) if end is None else min(end, len(out))
        if stop <= start:
            continue
        position = start + int(where * (stop - start - 1))
        if op == "flip":
            out[position] ^= 1 << (payload[0] % 8)
        elif op == "set":
            out[position : position + len(payload)] = payload
        elif op == "insert":
            out[position:position] = payload
        elif op == "delete":
            del out[position : position + len(payload)]
        else:
            del out[position:]
    return bytes(out)


def json_paths(value: Any, path: tuple = ()) -> list[tuple]:
    paths = [path]
    if isinstance(value, dict):
        for name, item in value.items():
            paths += json_paths(item, (*path, name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            paths += json_paths(item, (*path, index))
    return paths


JSON_OP = st.tuples(
    st.sampled_from(["set", "set", "delete", "duplicate", "add"]), FRACTION, JSON, TEXT
)


def apply_json_ops(document: Any, ops: list) -> Any:
    """Put random JSON anywhere: replace, delete, duplicate or add at a chosen place."""
    for op, where, value, name in ops:
        paths = json_paths(document)
        path = paths[int(where * (len(paths) - 1))]
        if not path:
            document = value if op == "set" else document
            continue
        parent = document
        for part in path[:-1]:
            parent = parent[part]
        last = path[-1]
        if op == "set":
            parent[last] = value
        elif op == "delete":
            del parent[last]
        elif op == "duplicate" and isinstance(parent, list):
            parent.insert(last, json.loads(json.dumps(parent[last])))
        elif op == "add" and isinstance(parent, dict):
            parent[name] = value
        elif op == "add" and isinstance(parent, list):
            parent.append(value)
    return document


# ----------------------------------------------------------------- scheme recipes

SCALARS = [
    "-1",
    "0",
    "1e309",
    ".nan",
    ".inf",
    "0x10",
    "~",
    "[]",
    "{}",
    "'",
    '"',
    "9" * 500,
    "1.00000000000000000000001",
    "*nope",
    "&anchor x",
    "!!binary aGVsbG8=",
    "!!python/name:os.system",
    "? complex",
    "|",
    "- a",
    "yes",
    "2025-06-01",
    "１０",
]
LINE_OP = st.tuples(
    st.sampled_from(["delete", "duplicate", "swap", "value", "insert", "indent", "dedent"]),
    FRACTION,
    st.one_of(st.sampled_from(SCALARS), st.text(max_size=20)),
)
BUNDLED = sorted(path.name for path in SCHEMES.glob("*.yaml"))
SCHEME_RECIPE = st.one_of(
    st.tuples(st.just("text"), st.text(max_size=300)),
    st.tuples(st.just("yaml"), JSON, st.booleans()),
    st.tuples(
        st.just("lines"), st.sampled_from(BUNDLED), st.lists(LINE_OP, min_size=1, max_size=6)
    ),
    st.tuples(
        st.just("lines"), st.sampled_from(BUNDLED), st.lists(LINE_OP, min_size=1, max_size=6)
    ),
    st.tuples(st.just("alias bomb"), st.integers(2, 4), st.integers(2, 8)),
    st.tuples(st.just("recursive alias"), st.sampled_from(["seq", "map", "nested"])),
    st.tuples(st.just("deep"), st.integers(10, 4000), st.sampled_from(["[", "{", "- "])),
)


def alias_bomb(levels: int, width: int, header: bool = True) -> str:
    lines = ["format: expertscore-scheme/1"] if header else []
    lines.append("l0: &l0 [" + ",".join(["x"] * width) + "]")
    for level in range(1, levels + 1):
        lines.append(f"l{level}: &l{level} [" + ",".join([f"*l{level - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


def scheme_text(recipe: tuple) -> str:
    kind = recipe[0]
    if kind == "text":
        return recipe[1]
    if kind == "yaml":
        text = yaml.safe_dump(recipe[1], allow_unicode=True)
        return ("format: expertscore-scheme/1\n" + text) if recipe[2] else text
    if kind == "alias bomb":
        return alias_bomb(recipe[1], recipe[2])
    if kind == "recursive alias":
        return {
            "seq": "format: expertscore-scheme/1\nid: &a [*a]\n",
            "map": "format: expertscore-scheme/1\nid: x\nindicators: &a {children: *a}\n",
            "nested": "format: expertscore-scheme/1\nindicators:\n"
            "- &n {code: '1', children: [*n]}\n",
        }[recipe[1]]
    if kind == "deep":
        depth, opener = recipe[1], recipe[2]
        if opener == "- ":
            return "format: expertscore-scheme/1\nindicators:\n" + "".join(
                "  " * level + "- \n" for level in range(depth)
            )
        closer = "]" if opener == "[" else "}"
        body = (
            opener * depth + closer * depth
            if opener == "["
            else "{a: " * depth + "1" + closer * depth
        )
        return "format: expertscore-scheme/1\nindicators: " + body + "\n"
    lines = (SCHEMES / recipe[1]).read_text(encoding="utf-8").splitlines()
    for op, where, token in recipe[2]:
        if not lines:
            break
        at = int(where * (len(lines) - 1))
        if op == "delete":
            del lines[at]
        elif op == "duplicate":
            lines.insert(at, lines[at])
        elif op == "swap" and at + 1 < len(lines):
            lines[at], lines[at + 1] = lines[at + 1], lines[at]
        elif op == "value":
            head, colon, _rest = lines[at].partition(":")
            lines[at] = f"{head}: {token}" if colon else f"{lines[at]} {token}"
        elif op == "insert":
            lines.insert(at, token)
        elif op == "indent":
            lines[at] = "  " + lines[at]
        else:
            lines[at] = lines[at][2:] if lines[at].startswith("  ") else lines[at]
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------- the harness


@dataclass
class Crash:
    target: str
    error: str
    where: str
    recipe: str
    reproducer: Path | None = None


@dataclass
class TargetFigures:
    name: str
    tried: int = 0
    refused: int = 0  # ExpertScoreError: a clear refusal
    accepted: int = 0  # the input was read without complaint
    crashes: int = 0
    escapes: int = 0
    leftovers: int = 0
    over_budget: int = 0
    peak_bytes: int = 0
    peak_recipe: str = ""
    slowest: float = 0.0
    slowest_recipe: str = ""
    multiline: int = 0  # refusals whose message is not one line
    memory: str = ""  # how memory was measured
    seconds: float = 0.0
    distinct: list[Crash] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # escapes, leftovers, budget


@dataclass
class Bomb:
    name: str
    small_bytes: int
    large_bytes: int
    small_seconds: float
    large_seconds: float
    outcome: str  # how the large one ended

    @property
    def bounded(self) -> bool:
        """Refused (or read) without a crash and without memory growing with the bomb."""
        fits = self.large_bytes <= 2 * self.small_bytes + (4 << 20)
        return fits and not self.outcome.startswith("crash")


@dataclass
class FuzzFigures:
    targets: dict[str, TargetFigures] = field(default_factory=dict)
    bombs: list[Bomb] = field(default_factory=list)
    max_rss: int = 0

    @property
    def tried(self) -> int:
        return sum(t.tried for t in self.targets.values())

    @property
    def crashes(self) -> int:
        return sum(t.crashes for t in self.targets.values())

    @property
    def escapes(self) -> int:
        return sum(t.escapes for t in self.targets.values())

    @property
    def leftovers(self) -> int:
        return sum(t.leftovers for t in self.targets.values())

    @property
    def over_budget(self) -> int:
        return sum(t.over_budget for t in self.targets.values())

    @property
    def unbounded(self) -> int:
        return sum(1 for bomb in self.bombs if not bomb.bounded)

    @property
    def misses(self) -> int:
        return (
            self.crashes
            + self.escapes
            + self.leftovers
            + self.over_budget
            + self.unbounded
            + self.multiline
        )

    @property
    def multiline(self) -> int:
        return sum(t.multiline for t in self.targets.values())


def _snapshot(root: Path, skip: set[Path]) -> dict[str, tuple[int, int]]:
    state = {}
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        dirs[:] = [d for d in dirs if here / d not in skip]
        for name in dirs:
            state[str((here / name).relative_to(root)) + "/"] = (0, 0)
        for name in files:
            path = here / name
            try:
                info = path.lstat()
            except OSError:
                continue
            state[str(path.relative_to(root))] = (info.st_size, info.st_mtime_ns)
    return state


def _where(exc: BaseException) -> str:
    """The innermost frame in the program's own code (else the innermost at all)."""
    frames = traceback.extract_tb(exc.__traceback__)
    frame = ([f for f in frames if "/expertscore/" in f.filename] or frames)[-1]
    name = frame.filename
    if name.startswith(str(REPO)):
        name = str(Path(name).relative_to(REPO))
    return f"{name}:{frame.lineno} {frame.name}"


@contextlib.contextmanager
def _inside(folder: Path) -> Iterator[None]:
    before_cwd = Path.cwd()
    before_temp = tempfile.tempdir
    os.chdir(folder)
    tempfile.tempdir = str(folder / "tmp")
    try:
        yield
    finally:
        os.chdir(before_cwd)
        tempfile.tempdir = before_temp


class Memory:
    """How much memory one input makes the process use.

    On Linux the peak resident size (``VmHWM``) is reset before each input by writing 5 to
    ``/proc/self/clear_refs``; the growth of the peak over the size before is the figure. It
    counts every allocation, sqlite's, libyaml's and zlib's included, and costs nothing.
    Elsewhere tracemalloc's peak (Python allocations only, and several times slower).
    """

    def __init__(self) -> None:
        self.mode = "rss" if self._resettable() else "tracemalloc"
        self.base = 0
        self._started = False

    @staticmethod
    def _status(name: str) -> int:
        with open("/proc/self/status") as handle:
            match = re.search(rf"^{name}:\s+(\d+) kB", handle.read(), re.MULTILINE)
        return int(match.group(1)) << 10 if match else 0

    @classmethod
    def _resettable(cls) -> bool:
        try:
            with open("/proc/self/clear_refs", "w") as handle:
                handle.write("5")
            return cls._status("VmHWM") > 0
        except OSError:
            return False

    def __enter__(self) -> Memory:
        if self.mode == "tracemalloc" and not tracemalloc.is_tracing():
            tracemalloc.start()
            self._started = True
        return self

    def __exit__(self, *_exc: object) -> None:
        if self._started:
            tracemalloc.stop()

    def reset(self) -> None:
        if self.mode == "rss":
            with open("/proc/self/clear_refs", "w") as handle:
                handle.write("5")
            self.base = self._status("VmRSS")
        else:
            tracemalloc.reset_peak()
            self.base = tracemalloc.get_traced_memory()[0]

    def peak(self) -> int:
        if self.mode == "rss":
            return max(0, self._status("VmHWM") - self.base)
        return max(0, tracemalloc.get_traced_memory()[1] - self.base)


class Target:
    """One reader under fuzzing: base material, a recipe strategy, and one run."""

    name = ""
    suffix = ".bin"

    def __init__(self, work: Path) -> None:
        self.work = work

    def strategy(self) -> st.SearchStrategy:
        raise NotImplementedError

    def known(self) -> list[Any]:
        """Recipes of known attacks, always tried (hypothesis's explicit examples)."""
        return []

    def make_input(self, recipe: Any, sandbox: Path) -> bytes | None:
        """Write the input into ``sandbox/input`` (or return it in memory); its bytes."""
        raise NotImplementedError

    def run(self, recipe: Any, sandbox: Path, data: bytes | None) -> None:
        raise NotImplementedError

    def target_folder(self, sandbox: Path) -> Path:
        return sandbox / "target"


def run_target(
    target: Target,
    examples: int,
    *,
    seed: int | None = None,
    repro_dir: Path | None = None,
) -> TargetFigures:
    """Feed ``examples`` hypothesis-drawn inputs to ``target``; derandomized unless seeded."""
    figures = TargetFigures(target.name)
    seen: set[tuple[str, str]] = set()
    counter = iter(range(1 << 30))
    CANARY.mkdir(exist_ok=True)
    canary_before = sorted(os.listdir(CANARY))

    @settings(
        max_examples=examples,
        derandomize=seed is None,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
        print_blob=False,
    )
    @given(target.strategy())
    def one(recipe: Any) -> None:
        number = next(counter)
        sandbox = target.work / f"{target.name}-{number}"
        for part in ("input", "cwd", "target", "tmp"):
            (sandbox / part).mkdir(parents=True)
        (sandbox / "outside.txt").write_text("not to be touched\n")
        data = target.make_input(recipe, sandbox)
        out = target.target_folder(sandbox)
        before = _snapshot(sandbox, {out})
        figures.tried += 1
        memory.reset()
        failed = True
        began = time.perf_counter()
        try:
            with _inside(sandbox / "cwd"), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                target.run(recipe, sandbox, data)
            figures.accepted += 1
            failed = False
        except ExpertScoreError as exc:
            figures.refused += 1
            if "\n" in str(exc):
                figures.multiline += 1
                figures.problems.append(f"{target.name}: a refusal of more than one line: {exc!r}")
        except Exception as exc:  # a crash: not a deliberate refusal
            figures.crashes += 1
            signature = (type(exc).__name__, _where(exc))
            if signature not in seen:
                seen.add(signature)
                crash = Crash(
                    target.name,
                    f"{type(exc).__name__}: {str(exc)[:200]}",
                    signature[1],
                    _short(recipe),
                )
                if repro_dir is not None and data is not None:
                    repro_dir.mkdir(parents=True, exist_ok=True)
                    crash.reproducer = repro_dir / f"{target.name}-{len(seen)}{target.suffix}"
                    crash.reproducer.write_bytes(data)
                figures.distinct.append(crash)
        took = time.perf_counter() - began
        if took > figures.slowest:
            figures.slowest, figures.slowest_recipe = took, _short(recipe)
        peak = memory.peak()
        if peak > figures.peak_bytes:
            figures.peak_bytes, figures.peak_recipe = peak, _short(recipe)
        if peak > MEMORY_BUDGET:
            figures.over_budget += 1
            figures.problems.append(f"{target.name}: {peak >> 20} MiB for {_short(recipe)}")
        after = _snapshot(sandbox, {out})
        changed = sorted(p for p in set(before) | set(after) if before.get(p) != after.get(p))
        if changed or sorted(os.listdir(CANARY)) != canary_before:
            figures.escapes += 1
            figures.problems.append(f"{target.name}: wrote outside the target: {changed[:3]}")
        if failed and out.exists() and any(out.iterdir()):
            figures.leftovers += 1
            figures.problems.append(
                f"{target.name}: left {sorted(p.name for p in out.iterdir())[:3]} after failing"
            )
        shutil.rmtree(sandbox, ignore_errors=True)

    for recipe in target.known():
        one = example(recipe)(one)
    if seed is not None:
        one = hypothesis_seed(seed)(one)
    start = time.perf_counter()
    with Memory() as memory:
        figures.memory = memory.mode
        one()
    figures.seconds = time.perf_counter() - start
    return figures


def _short(recipe: Any, limit: int = 160) -> str:
    text = repr(recipe)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ------------------------------------------------------------------ (a) packages

HOSTILE_NAMES = [
    "../x",
    "../../outside/evil",
    "evidence/../../x",
    "evidence/../manifest.json",
    str(CANARY / "abs"),
    "/etc/expertscore-fuzz",
    "C:/x",
    "C:\\x",
    "evidence\\..\\x",
    "evidence/" + "0" * 64,
    "evidence/" + "a" * 63,
    "manifest.json",
    "scheme.yaml",
    "manifest.sig",
    "evidence/",
    "evidence/a/",
    "a/",
    "./manifest.json",
    "evidence//x",
    "\u202emanifest.json",
    "x" * 300,
    "ｍａｎｉｆｅｓｔ.json",
]
ENTRY_OP = st.one_of(
    st.tuples(
        st.just("add"), st.one_of(st.sampled_from(HOSTILE_NAMES), TEXT), st.binary(max_size=64)
    ),
    st.tuples(st.just("duplicate"), FRACTION),
    st.tuples(st.just("drop"), FRACTION),
    st.tuples(st.just("rename"), FRACTION, st.one_of(st.sampled_from(HOSTILE_NAMES), TEXT)),
    st.tuples(
        st.just("compress"),
        FRACTION,
        st.sampled_from(
            [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA]
        ),
    ),
    st.tuples(st.just("data"), FRACTION, st.binary(max_size=256)),
    st.tuples(
        st.just("declared size"),
        FRACTION,
        st.sampled_from([0, 1, 2**31, 2**32 - 1, "less", "more"]),
        st.booleans(),
    ),
    st.tuples(st.just("flags"), FRACTION, st.sampled_from([0x1, 0x8, 0x40, 0x800, 0x2000, 0xFFFF])),
    st.tuples(st.just("method"), FRACTION, st.sampled_from([1, 6, 9, 12, 14, 93, 95, 98, 99, 255])),
)
MANIFEST_TARGETS = st.tuples(
    st.sampled_from(
        [
            ("evidence", 0, "size"),
            ("evidence", 0, "sha256"),
            ("evidence", 0, "filename"),
            ("roster", 0, "public_key"),
            ("roster", 0, "id"),
            ("submissions", 0, "values"),
            ("submissions", 0, "id"),
            ("assignments", 0, "indicators"),
            ("organizer_values",),
            ("batch", "created"),
            ("batch", "id"),
            ("scheme", "id"),
        ]
    ),
    JSON,
)
PACKAGE_RECIPE = st.tuples(
    st.one_of(
        st.tuples(
            st.just("bytes"),
            st.sampled_from(["any", "manifest", "scheme", "evidence", "central", "end"]),
            st.lists(BYTE_OP, min_size=1, max_size=4),
        ),
        st.tuples(st.just("entries"), st.lists(ENTRY_OP, min_size=1, max_size=3)),
        st.tuples(st.just("manifest"), st.lists(JSON_OP, min_size=1, max_size=3)),
        st.tuples(st.just("manifest field"), st.lists(MANIFEST_TARGETS, min_size=1, max_size=2)),
        st.tuples(
            st.just("manifest raw"),
            st.one_of(
                st.binary(max_size=200),
                JSON.map(json_bytes),
                st.tuples(st.integers(100, 100_000), st.sampled_from("[{")).map(
                    lambda d: deep_json(*d)
                ),
            ),
        ),
        st.tuples(st.just("scheme"), SCHEME_RECIPE, st.booleans()),
        st.tuples(
            st.just("evidence"), FRACTION, st.lists(BYTE_OP, min_size=1, max_size=3), st.booleans()
        ),
        st.tuples(
            st.just("signature"),
            st.one_of(JSON.map(json_bytes), st.binary(max_size=200), st.just(b"valid")),
        ),
    ),
    st.sampled_from(["E01", "E02", "E01", "X99"]),
)

_CENTRAL = struct.Struct("<4s4H4L5H2L")  # central directory record, 46 bytes
_LOCAL = struct.Struct("<4s5H3L2H")  # local file header, 30 bytes


def _central_records(data: bytes) -> list[int]:
    """Offsets of the central directory records, read from the end record."""
    end = data.rfind(b"PK\x05\x06")
    if end < 0 or end + 22 > len(data):
        return []
    count, _size, start = struct.unpack("<HLL", data[end + 10 : end + 20])
    offsets, at = [], start
    for _ in range(count):
        if data[at : at + 4] != b"PK\x01\x02":
            break
        offsets.append(at)
        name, extra, comment = struct.unpack("<3H", data[at + 28 : at + 34])
        at += 46 + name + extra + comment
    return offsets


def _patch_record(
    data: bytes, index_fraction: float, field_offsets: list[tuple[int, str, int]]
) -> bytes:
    """Patch fields of one entry's central record and its local header."""
    records = _central_records(data)
    if not records:
        return data
    out = bytearray(data)
    at = records[int(index_fraction * (len(records) - 1))]
    local = struct.unpack("<L", data[at + 42 : at + 46])[0]
    for offset, fmt, value in field_offsets:
        size = struct.calcsize(fmt)
        value &= (1 << (8 * size)) - 1
        struct.pack_into(fmt, out, at + offset, value)
        local_offset = {8: 6, 10: 8, 20: 18, 24: 22}.get(offset)
        if local_offset is not None and local + local_offset + size <= len(out):
            struct.pack_into(fmt, out, local + local_offset, value)
    return bytes(out)


class PackageTarget(Target):
    name = "package"
    suffix = ".esbatch"

    def __init__(self, work: Path) -> None:
        super().__init__(work)
        from expertscore.demo.batch import make_demo_batch

        base = work / "base.esbatch"
        make_demo_batch(PACKAGE_SCHEME, submissions=1, experts=2, seed=3, out=base, workers=1)
        self.base = base.read_bytes()
        with zipfile.ZipFile(base) as archive:
            self.entries = [
                (info.filename, archive.read(info), info.compress_type)
                for info in archive.infolist()
            ]
            self.regions: dict[str, list[tuple[int, int]]] = {"evidence": []}
            for info in archive.infolist():
                name_length, extra_length = struct.unpack(
                    "<HH", self.base[info.header_offset + 26 : info.header_offset + 30]
                )
                start = info.header_offset + 30 + name_length + extra_length
                span = (info.header_offset, start + info.compress_size)
                key = {"manifest.json": "manifest", "scheme.yaml": "scheme"}.get(
                    info.filename, "evidence"
                )
                self.regions.setdefault(key, []).append(span)
            central = archive.start_dir
        end = self.base.rfind(b"PK\x05\x06")
        self.regions["central"] = [(central, end)]
        self.regions["end"] = [(end, len(self.base))]
        self.regions["any"] = [(0, len(self.base))]
        self.manifest = json.loads(dict((n, d) for n, d, _ in self.entries)["manifest.json"])

    def strategy(self) -> st.SearchStrategy:
        return PACKAGE_RECIPE

    def known(self) -> list[Any]:
        return [
            (("entries", [("add", "../../outside/evil", b"x")]), "E01"),
            (("entries", [("add", str(CANARY / "abs"), b"x")]), "E01"),
            (("entries", [("rename", 1.0, "../x")]), "E01"),
            (("entries", [("duplicate", 0.0)]), "E01"),
            (("entries", [("declared size", 1.0, 2**32 - 1, True)]), "E01"),
            (("entries", [("declared size", 0.0, "more", False)]), "E01"),
            (("entries", [("flags", 0.0, 0x1)]), "E01"),
            (("entries", [("flags", 0.0, 0x40)]), "E01"),
            (("entries", [("method", 0.0, 99)]), "E01"),
            (("entries", [("compress", 0.0, zipfile.ZIP_LZMA)]), "E01"),
            (("manifest field", [(("evidence", 0, "size"), 2**40)]), "E01"),
            (("manifest field", [(("evidence", 0, "size"), 0)]), "E01"),
            (("manifest field", [(("evidence", 0, "filename"), "../../x")]), "E01"),
            (("manifest raw", deep_json(50_000, "[")), "E01"),
            (("manifest raw", b"\xff\xfe"), "E01"),
            (("scheme", ("recursive alias", "seq"), True), "E01"),
            (("scheme", ("alias bomb", 3, 10), True), "E01"),
            (("evidence", 0.0, [("truncate", 0.5, b"x")], True), "E01"),
            (("evidence", 1.0, [("flip", 0.5, b"\x01")], False), "E01"),
            (("signature", b"valid"), "E01"),
            (("bytes", "end", [("truncate", 0.5, b"x")]), "E01"),
        ]

    def _zip(self, entries: list[tuple[str, bytes, int]]) -> bytes:
        buffer = io.BytesIO()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # duplicate names are the point
            with zipfile.ZipFile(buffer, "w") as archive:
                for name, data, method in entries:
                    info = zipfile.ZipInfo(name, date_time=(2025, 6, 1, 9, 0, 0))
                    info.compress_type = method
                    archive.writestr(info, data)
        return buffer.getvalue()

    def _with_manifest(self, manifest: Any, extra: dict[str, bytes] | None = None) -> bytes:
        entries = []
        for name, data, method in self.entries:
            if name == "manifest.json":
                data = json_bytes(manifest) if not isinstance(manifest, bytes) else manifest
            entries.append((name, data, method))
        for name, data in (extra or {}).items():
            entries = [e for e in entries if e[0] != name]
            entries.insert(1, (name, data, zipfile.ZIP_DEFLATED))
        return self._zip(entries)

    def make_input(self, recipe: Any, sandbox: Path) -> bytes:
        data = self.build(recipe[0])
        (sandbox / "input" / "batch.esbatch").write_bytes(data)
        return data

    def build(self, recipe: tuple) -> bytes:
        import hashlib

        kind = recipe[0]
        if kind == "bytes":
            _kind, region, ops = recipe
            spans = self.regions[region]
            start, end = spans[int(ops[0][1] * (len(spans) - 1))]
            return apply_byte_ops(self.base, ops, start, end)
        if kind == "entries":
            entries = list(self.entries)
            patches = []
            for op in recipe[1]:
                pick = (
                    int(op[1] * (len(entries) - 1)) if entries and isinstance(op[1], float) else 0
                )
                if op[0] == "add":
                    entries.append((op[1], op[2], zipfile.ZIP_DEFLATED))
                elif not entries:
                    continue
                elif op[0] == "duplicate":
                    entries.append(entries[pick])
                elif op[0] == "drop":
                    del entries[pick]
                elif op[0] == "rename":
                    entries[pick] = (op[2], *entries[pick][1:])
                elif op[0] == "compress":
                    entries[pick] = (*entries[pick][:2], op[2])
                elif op[0] == "data":
                    entries[pick] = (entries[pick][0], op[2], entries[pick][2])
                else:
                    patches.append(op)
            data = self._zip(entries)
            for op in patches:
                if op[0] == "declared size":
                    size = op[2]
                    if isinstance(size, str):  # one byte less or more than the truth
                        records = _central_records(data)
                        at = records[int(op[1] * (len(records) - 1))] if records else 0
                        truth = struct.unpack("<L", data[at + 24 : at + 28])[0]
                        size = truth - 1 if size == "less" else truth + 1
                    fields = [(24, "<L", size)] + ([(20, "<L", size)] if op[3] else [])
                    data = _patch_record(data, op[1], fields)
                elif op[0] == "flags":
                    data = _patch_record(data, op[1], [(8, "<H", op[2])])
                else:
                    data = _patch_record(data, op[1], [(10, "<H", op[2])])
            return data
        if kind == "manifest":
            manifest = apply_json_ops(json.loads(json.dumps(self.manifest)), recipe[1])
            return self._with_manifest(manifest)
        if kind == "manifest field":
            manifest = json.loads(json.dumps(self.manifest))
            for path, value in recipe[1]:
                parent = manifest
                try:
                    for part in path[:-1]:
                        parent = parent[part]
                    parent[path[-1]] = value
                except (KeyError, IndexError, TypeError):
                    continue
            return self._with_manifest(manifest)
        if kind == "manifest raw":
            return self._with_manifest(recipe[1])
        if kind == "scheme":
            text = scheme_text(recipe[1]).encode("utf-8", "surrogatepass")
            manifest = json.loads(json.dumps(self.manifest))
            if recipe[2]:  # keep the hash right, so that the scheme is parsed
                manifest["scheme"]["sha256"] = hashlib.sha256(text).hexdigest()
            entries = [(n, text if n == "scheme.yaml" else d, m) for n, d, m in self.entries]
            entries = [
                (n, json_bytes(manifest) if n == "manifest.json" else d, m) for n, d, m in entries
            ]
            return self._zip(entries)
        if kind == "evidence":
            _kind, where, ops, fix = recipe
            files = [(i, e) for i, e in enumerate(self.entries) if e[0].startswith("evidence/")]
            index, (name, data, method) = files[int(where * (len(files) - 1))]
            changed = apply_byte_ops(data, ops)
            manifest = json.loads(json.dumps(self.manifest))
            entries = list(self.entries)
            if fix:  # the manifest updated to match, as a careless producer would
                sha = hashlib.sha256(changed).hexdigest()
                for item in manifest["evidence"]:
                    if "evidence/" + item["sha256"] == name:
                        item["sha256"], item["size"] = sha, len(changed)
                name = "evidence/" + sha
            entries[index] = (name, changed, method)
            entries = [
                (n, json_bytes(manifest) if n == "manifest.json" else d, m) for n, d, m in entries
            ]
            return self._zip(entries)
        # signature
        content = recipe[1]
        if content == b"valid":  # a well-formed signature by some key over other bytes
            from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

            from expertscore.batch.signature import ORGANIZER_PAYLOAD
            from expertscore.crypto.dsse import public_key_b64, sign

            key = Ed25519PrivateKey.from_private_bytes(b"\x07" * 32)
            content = json_bytes(
                {
                    "format": "expertscore-batch-sig/1",
                    "payload_type": ORGANIZER_PAYLOAD,
                    "signer": "某组织方",
                    "public_key": public_key_b64(key.public_key()),
                    "sig": sign(key, ORGANIZER_PAYLOAD, b"other bytes"),
                }
            )
        return self._with_manifest(self.manifest, {"manifest.sig": content})

    def run(self, recipe: Any, sandbox: Path, data: bytes | None) -> None:
        from expertscore.storage.importer import create_session

        create_session(
            sandbox / "input" / "batch.esbatch", recipe[1], sandbox / "target" / "s.esession"
        )


# ------------------------------------------------------------------ (b) workbooks

FORM_FIELDS = ["编号", "平台名称", "运营单位", "所在地区", "行业标签", "领域标签"]
FULL_WIDTH = st.text(
    alphabet=st.characters(min_codepoint=0xFF01, max_codepoint=0xFF5E), max_size=12
)
CELL_VALUE = st.one_of(
    TEXT,
    st.tuples(st.sampled_from(["=", "+", "-", "@", " ="]), st.text(max_size=20)).map("".join),
    FULL_WIDTH,
    st.tuples(st.sampled_from(["x", "汉", "1", "=", " "]), st.integers(1000, 40_000)).map(
        lambda t: t[0] * t[1]
    ),
    st.integers(min_value=-(2**63), max_value=2**63),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(9999, 1, 1)),
    st.none(),
    st.sampled_from(
        [
            "../outside.txt",
            "../../outside.txt",
            "/etc/passwd",
            str(CANARY / "abs"),
            "link/outside.txt",
            "linkdir",
            "linkdir/outside.txt",
            "C:\\Windows\\win.ini",
            "S001/审计报告.pdf",
            "S001\\..\\..\\outside.txt",
            "nul",
            "S001/",
        ]
    ),
)
CELL_OP = st.one_of(
    st.tuples(
        st.sampled_from(["申报信息", "证明材料", "专家"]),
        st.integers(1, 6),
        st.integers(1, 40),
        CELL_VALUE,
    ),
    st.tuples(st.just("申报信息"), st.integers(1, 3), st.integers(1, 12), CELL_VALUE),
    st.tuples(st.just("证明材料"), st.integers(2, 3), st.sampled_from([1, 2, 4]), CELL_VALUE),
    st.tuples(st.just("专家"), st.integers(1, 3), st.integers(1, 4), CELL_VALUE),
)
SHEET_OP = st.tuples(
    st.sampled_from(["rename", "drop", "add", "move"]),
    st.sampled_from(["申报信息", "证明材料", "专家"]),
    st.one_of(TEXT, st.sampled_from(["submissions", "evidence", "专家名单", "Sheet", "申报信息"])),
)
XML_KINDS = [
    "entity bomb",
    "external entity",
    "huge cell",
    "far cell",
    "bad shared string",
    "deep",
    "bad type",
    "no xml",
]
WORKBOOK_RECIPE = st.one_of(
    st.tuples(st.just("cells"), st.lists(CELL_OP, min_size=1, max_size=6)),
    st.tuples(st.just("sheets"), st.lists(SHEET_OP, min_size=1, max_size=3)),
    st.tuples(st.just("bytes"), st.lists(BYTE_OP, min_size=1, max_size=4)),
    st.tuples(st.just("xml"), st.sampled_from(XML_KINDS), st.integers(1, 5)),
)


class WorkbookTarget(Target):
    name = "workbook"
    suffix = ".xlsx"

    def __init__(self, work: Path) -> None:
        super().__init__(work)
        from expertscore.schemes.registry import resolve_scheme

        leaves = resolve_scheme(FORM_SCHEME).scheme.leaves()
        headers = FORM_FIELDS + [f"{leaf.code} {leaf.name}" for leaf in leaves]
        row: list[Any] = [None] * len(headers)
        first = list(row)
        first[:4] = ["S001", "沈阳智造云平台", "沈阳某某科技有限公司", "沈阳市"]
        for index, leaf in enumerate(leaves, start=len(FORM_FIELDS)):
            unit = leaf.reported.unit if leaf.reported else None
            first[index] = {None: None, "text": "已提供说明", "yes/no": "是"}.get(unit, 1200)
        second = list(row)
        second[:3] = ["S002", "大连海工平台", "大连某某集团"]
        self.sheets = {
            "申报信息": [headers, first, second],
            "证明材料": [
                ["编号", "文件", "标题", "指标"],
                ["S001", "S001/审计报告.pdf", "审计报告", "1.1"],
            ],
            "专家": [["编号", "姓名", "单位", "角色"], ["E01", "张三", "东北大学", "技术"]],
        }
        self.base = self._save(self.sheets, [])

    def _save(self, sheets: dict[str, list[list[Any]]], sheet_ops: list) -> bytes:
        from openpyxl import Workbook
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        def clean(value: Any) -> Any:
            """What openpyxl can write: no control characters, no lone surrogates."""
            if not isinstance(value, str):
                return value
            value = value.encode("utf-8", "ignore").decode("utf-8")
            return ILLEGAL_CHARACTERS_RE.sub("", value)

        book = Workbook()
        first = True
        for name, rows in sheets.items():
            sheet = book.active if first else book.create_sheet(name)
            sheet.title = name
            first = False
            for row in rows:
                sheet.append([clean(v) for v in row])
        for op, name, text in sheet_ops:
            if name not in book.sheetnames:
                continue
            if op == "rename":
                title = clean("".join(c for c in text if c not in "[]:*?/\\'"))[:31] or "x"
                if title not in book.sheetnames:
                    book[name].title = title
            elif op == "drop":
                book.remove(book[name])
            elif op == "add":
                book.create_sheet("extra")
            else:
                book.move_sheet(name, 1)
        if not book.sheetnames:
            book.create_sheet("empty")
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()

    def strategy(self) -> st.SearchStrategy:
        return WORKBOOK_RECIPE

    def known(self) -> list[Any]:
        return [
            ("cells", [("证明材料", 2, 2, path)])
            for path in (
                "../outside.txt",
                "linkdir/outside.txt",
                "link/outside.txt",
                str(CANARY / "abs"),
                "C:\\Windows\\win.ini",
            )
        ] + [
            ("cells", [("申报信息", 2, 7, "=1+1")]),
            ("cells", [("申报信息", 2, 2, "@SUM(A1)")]),
            ("cells", [("申报信息", 2, 7, "１２３４")]),
            ("cells", [("申报信息", 2, 2, "x" * 40_000)]),
            ("xml", "external entity", 1),
            ("xml", "entity bomb", 3),
            ("xml", "bad shared string", 5),
        ]

    def _xml(self, kind: str, size: int) -> bytes:
        cells = {
            "entity bomb": '<!DOCTYPE x [<!ENTITY a0 "aaaaaaaaaa">'
            + "".join(f'<!ENTITY a{n} "{f"&a{n - 1};" * 10}">' for n in range(1, size + 1))
            + "]>",
            "external entity": f'<!DOCTYPE x [<!ENTITY e SYSTEM "file://{REPO}/README.md">]>',
        }
        prolog = cells.get(kind, "")
        value = {
            "entity bomb": f'<c r="A1" t="inlineStr"><is><t>&a{size};</t></is></c>',
            "external entity": '<c r="A1" t="inlineStr"><is><t>&e;</t></is></c>',
            "huge cell": '<c r="A1" t="inlineStr"><is><t>'
            + "汉" * (size * 50_000)
            + "</t></is></c>",
            "far cell": '<c r="XFD1048576"><v>1</v></c>',
            "bad shared string": f'<c r="A1" t="s"><v>{10**size}</v></c>',
            "deep": "<x>" * (size * 5000) + "</x>" * (size * 5000),
            "bad type": '<c r="A1" t="q"><v>abc</v></c><c r="B1" t="n"><v>abc</v></c>'
            '<c r="C1" t="d"><v>x</v></c><c r="D1" t="b"><v>7</v></c>',
            "no xml": "\x00\xff garbage",
        }[kind]
        row = "1048576" if kind == "far cell" else "1"
        sheet = (
            '<?xml version="1.0" encoding="UTF-8"?>'
            + prolog
            + '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            + '<dimension ref="A1:XFD1048576"/>'
            + f'<sheetData><row r="{row}">{value}</row></sheetData></worksheet>'
        )
        return sheet.encode("utf-8", "surrogatepass")

    def make_input(self, recipe: Any, sandbox: Path) -> bytes:
        evidence = sandbox / "evidence"
        (evidence / "S001").mkdir(parents=True)
        (evidence / "S001" / "审计报告.pdf").write_bytes(b"%PDF-1.4 audit\n")
        (evidence / "link").mkdir()
        (evidence / "link" / "outside.txt").symlink_to(sandbox / "outside.txt")
        (evidence / "linkdir").symlink_to(sandbox)
        kind = recipe[0]
        if kind == "cells":
            sheets = json.loads(json.dumps(self.sheets))
            for sheet, row, column, value in recipe[1]:
                rows = sheets[sheet]
                while len(rows) < row:
                    rows.append([])
                while len(rows[row - 1]) < column:
                    rows[row - 1].append(None)
                rows[row - 1][column - 1] = value
            data = self._save(sheets, [])
        elif kind == "sheets":
            data = self._save(self.sheets, recipe[1])
        elif kind == "bytes":
            data = apply_byte_ops(self.base, recipe[1])
        else:
            buffer = io.BytesIO()
            with (
                zipfile.ZipFile(io.BytesIO(self.base)) as source,
                zipfile.ZipFile(buffer, "w") as out,
            ):
                for info in source.infolist():
                    content = source.read(info)
                    if info.filename == "xl/worksheets/sheet1.xml":
                        content = self._xml(recipe[1], recipe[2])
                    out.writestr(info, content, zipfile.ZIP_DEFLATED)
            data = buffer.getvalue()
        (sandbox / "input" / "表单.xlsx").write_bytes(data)
        return data

    def run(self, recipe: Any, sandbox: Path, data: bytes | None) -> None:
        from expertscore.xlsxform import workbook_to_package

        workbook_to_package(
            sandbox / "input" / "表单.xlsx",
            sandbox / "evidence",
            FORM_SCHEME,
            sandbox / "target" / "batch.esbatch",
            created=CREATED,
        )


# --------------------------------------------------------------------- (c) schemes


class SchemeTarget(Target):
    name = "scheme"
    suffix = ".yaml"

    def strategy(self) -> st.SearchStrategy:
        return SCHEME_RECIPE

    def known(self) -> list[Any]:
        return [
            ("recursive alias", "seq"),
            ("deep", 3000, "["),
            ("alias bomb", 3, 10),
            ("text", "format: expertscore-scheme/1\nid: \x17\n"),
            ("lines", "qingdao-maturity.yaml", [("value", 0.5, "*levels_note")]),
        ]

    def make_input(self, recipe: Any, sandbox: Path) -> bytes:
        return scheme_text(recipe).encode("utf-8", "surrogatepass")

    def run(self, recipe: Any, sandbox: Path, data: bytes | None) -> None:
        from expertscore.schemes.loader import load_scheme_text

        load_scheme_text(scheme_text(recipe), "fuzz.yaml")


# ---------------------------------------------------------------------- (d) results

RESULT_RECIPE = st.one_of(
    st.tuples(st.just("bytes"), st.binary(max_size=400)),
    st.tuples(st.just("json"), JSON),
    st.tuples(
        st.just("envelope"),
        st.sampled_from(["expertscore-result/1", "expertscore-result/2", "x"]),
        st.one_of(st.just("application/vnd.expertscore.result+json"), TEXT),
        st.one_of(JSON.map(json_bytes), st.binary(max_size=200), st.just(b"real")),
        JSON,
    ),
    st.tuples(st.just("payload"), st.lists(JSON_OP, min_size=1, max_size=4), st.booleans()),
    st.tuples(st.just("envelope ops"), st.lists(JSON_OP, min_size=1, max_size=3)),
    st.tuples(st.just("bytes ops"), st.lists(BYTE_OP, min_size=1, max_size=4)),
    st.tuples(
        st.just("deep"), st.integers(100, 100_000), st.sampled_from(["[", "{"]), st.booleans()
    ),
)


class ResultTarget(Target):
    name = "result"
    suffix = ".esresult"

    def __init__(self, work: Path, material: Any = None) -> None:
        super().__init__(work)
        if material is None:
            from bench.reliability.tamper import prepare

            material = prepare(work / "material")
        self.material = material
        self.genuine = material.genuine[material.experts[0]]

    def strategy(self) -> st.SearchStrategy:
        return RESULT_RECIPE

    def known(self) -> list[Any]:
        return [
            ("deep", 5000, "[", False),
            ("deep", 5000, "{", True),
            ("bytes", b""),
            ("bytes", b"\xff\xfe{}"),
            ("envelope", "expertscore-result/1", "x", b"real", []),
        ]

    def _envelope(
        self,
        body: bytes,
        signatures: Any,
        fmt: str = "expertscore-result/1",
        kind: str = "application/vnd.expertscore.result+json",
    ) -> bytes:
        record = {
            "format": fmt,
            "payloadType": kind,
            "payload": base64.b64encode(body).decode("ascii"),
            "signatures": signatures,
        }
        return (json.dumps(record, indent=2, ensure_ascii=False) + "\n").encode(
            "utf-8", "surrogatepass"
        )

    def make_input(self, recipe: Any, sandbox: Path) -> bytes:
        from expertscore.results.envelope import RESULT_PAYLOAD_TYPE, envelope_bytes
        from expertscore.results.payload import payload_bytes

        g = self.genuine
        kind = recipe[0]
        if kind == "bytes":
            return recipe[1]
        if kind == "json":
            return json_bytes(recipe[1])
        if kind == "envelope":
            _kind, fmt, payload_type, body, signatures = recipe
            body = g.body if body == b"real" else body
            return self._envelope(body, signatures, fmt, payload_type)
        if kind == "payload":  # random JSON anywhere in the payload, properly re-signed
            payload = apply_json_ops(json.loads(g.body), recipe[1])
            body = (
                payload_bytes(payload)
                if isinstance(payload, dict) and recipe[2]
                else json_bytes(payload)
            )
            signature = g.key.sign(RESULT_PAYLOAD_TYPE, body)
            return envelope_bytes(body, g.key.info.fingerprint, signature)
        if kind == "envelope ops":
            return json_bytes(apply_json_ops(json.loads(g.data), recipe[1]))
        if kind == "bytes ops":
            return apply_byte_ops(g.data, recipe[1])
        _kind, depth, opener, inside = recipe
        nested = deep_json(depth, opener)
        if inside:  # a deeply nested payload, properly signed
            signature = g.key.sign(RESULT_PAYLOAD_TYPE, nested)
            return envelope_bytes(nested, g.key.info.fingerprint, signature)
        return nested

    def run(self, recipe: Any, sandbox: Path, data: bytes | None) -> None:
        from expertscore.results.verify import check_result

        assert data is not None
        with contextlib.suppress(ExpertScoreError):  # without a package and key trust
            check_result(data, "fuzz.esresult")
        check_result(data, "fuzz.esresult", self.material.package, self.material.trust)


# ------------------------------------------------------------------------- bombs


def _measure(memory: Memory, action: Callable[[], None]) -> tuple[int, float, str]:
    memory.reset()
    start = time.perf_counter()
    try:
        action()
        outcome = "accepted"
    except ExpertScoreError as exc:
        outcome = f"refused: {str(exc)[:90]}"
    except Exception as exc:
        outcome = f"crash: {type(exc).__name__}"
    return memory.peak(), time.perf_counter() - start, outcome


def bombs(work: Path, package: PackageTarget) -> list[Bomb]:
    """Each bomb at a small and a large size: does the reader refuse before expanding?"""
    from expertscore.results.verify import check_result
    from expertscore.schemes.loader import load_scheme_text
    from expertscore.storage.importer import create_session
    from expertscore.xlsxform import workbook_to_package

    (work / "workbook").mkdir()
    workbook = WorkbookTarget(work / "workbook")

    def in_package(recipe: tuple) -> Callable[[], None]:
        path = work / f"bomb-{len(list(work.iterdir()))}.esbatch"
        path.write_bytes(package.build(recipe))
        return lambda: create_session(path, "E01", path.with_suffix(".esession"))

    def in_workbook(kind: str, size: int) -> Callable[[], None]:
        folder = work / f"bomb-{len(list(work.iterdir()))}"
        (folder / "input").mkdir(parents=True)
        workbook.make_input(("xml", kind, size), folder)
        return lambda: workbook_to_package(
            folder / "input" / "表单.xlsx",
            None,
            FORM_SCHEME,
            folder / "out.esbatch",
            created=CREATED,
        )

    cases = [
        (
            "YAML alias bomb as a scheme (12^3 vs 12^5 values)",
            lambda: load_scheme_text(alias_bomb(2, 12)),
            lambda: load_scheme_text(alias_bomb(4, 12)),
        ),
        (
            "YAML alias bomb as a package's scheme",
            in_package(("scheme", ("alias bomb", 2, 12), True)),
            in_package(("scheme", ("alias bomb", 4, 12), True)),
        ),
        (
            "XML entity bomb in a workbook (10^2 vs 10^8)",
            in_workbook("entity bomb", 1),
            in_workbook("entity bomb", 7),
        ),
        (
            "one deflated cell in a workbook (10^5 vs 10^6 characters)",
            in_workbook("huge cell", 2),
            in_workbook("huge cell", 20),
        ),
        (
            "nested JSON as a result file (10^2 vs 10^5 deep)",
            lambda: check_result(deep_json(100, "["), "x"),
            lambda: check_result(deep_json(100_000, "["), "x"),
        ),
        (
            "nested JSON as a package manifest",
            in_package(("manifest raw", deep_json(100, "["))),
            in_package(("manifest raw", deep_json(100_000, "["))),
        ),
    ]
    found = []
    with Memory() as memory:
        for name, small, large in cases:
            small_bytes, small_seconds, _ = _measure(memory, small)
            large_bytes, large_seconds, outcome = _measure(memory, large)
            found.append(
                Bomb(name, small_bytes, large_bytes, small_seconds, large_seconds, outcome)
            )
    return found


# -------------------------------------------------------------------------- main


def run_all(
    examples: int,
    *,
    seed: int | None = None,
    material: Any = None,
    repro_dir: Path | None = None,
    targets: tuple[str, ...] = ("package", "workbook", "scheme", "result"),
    with_bombs: bool = True,
) -> FuzzFigures:
    figures = FuzzFigures()
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        made: dict[str, Target] = {}
        for name in targets:
            folder = work / name
            folder.mkdir()
            if name == "package":
                made[name] = PackageTarget(folder)
            elif name == "workbook":
                made[name] = WorkbookTarget(folder)
            elif name == "scheme":
                made[name] = SchemeTarget(folder)
            else:
                made[name] = ResultTarget(folder, material)
        for name, target in made.items():
            figures.targets[name] = run_target(target, examples, seed=seed, repro_dir=repro_dir)
        if with_bombs:
            package = made.get("package")
            if not isinstance(package, PackageTarget):
                (work / "bomb-package").mkdir()
                package = PackageTarget(work / "bomb-package")
            (work / "bombs").mkdir()
            figures.bombs = bombs(work / "bombs", package)
    figures.max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss << 10
    return figures


def report(figures: FuzzFigures) -> None:
    print(f"fuzz: {figures.tried} hostile inputs (hypothesis)")
    print("  target     tried  refused  accepted  crashes  escapes  leftovers  peak MiB  seconds")
    for t in figures.targets.values():
        print(
            f"  {t.name:<9} {t.tried:6} {t.refused:8} {t.accepted:9} {t.crashes:8} {t.escapes:8}"
            f" {t.leftovers:10} {t.peak_bytes / (1 << 20):9.1f} {t.seconds:8.1f}"
        )
    print(f"  crashes (unhandled exceptions):   {figures.crashes}   (target 0)")
    print(f"  files written outside the target: {figures.escapes}   (target 0)")
    print(f"  files left by a failed import:    {figures.leftovers}   (target 0)")
    print(f"  refusals of more than one line:   {figures.multiline}   (target 0)")
    print(
        f"  inputs over {MEMORY_BUDGET >> 20} MiB:             {figures.over_budget}   (target 0)"
    )
    print(f"  peak RSS of the fuzzing process:  {figures.max_rss / (1 << 20):.0f} MiB")
    modes = sorted({t.memory for t in figures.targets.values()})
    how = {"rss": "growth of the peak resident size", "tracemalloc": "tracemalloc peak"}
    print(f"  memory per input measured as:     {', '.join(how[m] for m in modes)}")

    if figures.bombs:
        print("  bombs (small -> large):")
        for bomb in figures.bombs:
            state = "ok" if bomb.bounded else "MISSED"
            print(
                f"    {bomb.name}: {bomb.small_bytes / (1 << 20):.1f} ->"
                f" {bomb.large_bytes / (1 << 20):.1f} MiB, {bomb.small_seconds:.2f} ->"
                f" {bomb.large_seconds:.2f} s, {state}; {bomb.outcome}"
            )
        print(f"  bombs missed (memory grew, or a crash): {figures.unbounded}   (target 0)")
    for t in figures.targets.values():
        for crash in t.distinct:
            where = f" -> {crash.reproducer}" if crash.reproducer else ""
            print(f"  ! {crash.target}: {crash.error} at {crash.where}{where}")
            print(f"      recipe: {crash.recipe}")
        for problem in t.problems[:5]:
            print(f"  ! {problem}")


def main(examples: int = 1000, seed: int | None = 2026, material: Any = None) -> FuzzFigures:
    repro = Path(tempfile.gettempdir()) / "expertscore-reliability" / "reproducers"
    shutil.rmtree(repro, ignore_errors=True)
    figures = run_all(examples, seed=seed, material=material, repro_dir=repro)
    report(figures)
    return figures


if __name__ == "__main__":
    main()
