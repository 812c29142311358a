"""Typed errors of the core.

Every error carries what went wrong and where, so that the command line can print it as
one line and the UI can translate it. ``str(error)`` is that one line in English (logs and
files keep it). The user reads it worded by ``expertscore.wording.errors`` from the class,
its ``said`` (which of the class's templates) and its facts, in Chinese or English.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Self


class ExpertScoreError(Exception):
    """Base of every error the core raises on purpose.

    ``said`` names the template of the error's class that words it ("" is the class's
    general one, which shows the English line as its detail); ``facts`` are the values that
    template names, besides the error's own fields.
    """

    said: str = ""
    facts: Mapping[str, object] = MappingProxyType({})
    # An error that, raised as the cause of another (``raise Refused(...) from it``), says
    # better than its effect what went wrong: the effect is worded by it.
    explains: bool = False

    def saying(self, said: str, **facts: object) -> Self:
        """The error worded by its class's template ``said`` with ``facts`` (returns it)."""
        self.said = said
        self.facts = {**self.facts, **facts}
        return self


@dataclass(frozen=True)
class SchemeIssue:
    """One problem in a scheme file: the file, the line, the node and the message."""

    source: str
    line: int
    node: str
    message: str

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where} {self.node}: {self.message}" if self.node else f"{where}: {self.message}"


class SchemeFileError(ExpertScoreError):
    """A scheme file could not be read or parsed at all."""

    def __init__(self, source: str, line: int, message: str) -> None:
        self.issue = SchemeIssue(source, line, "", message)
        self.source, self.line = source, line
        super().__init__(str(self.issue))


class SchemeInvalid(ExpertScoreError):
    """A scheme parsed but broke one or more rules; ``issues`` lists every one."""

    def __init__(self, issues: list[SchemeIssue]) -> None:
        self.issues = issues
        self.count = len(issues)
        self.first = first = str(issues[0]) if issues else "invalid scheme"
        more = f" (and {len(issues) - 1} more)" if len(issues) > 1 else ""
        super().__init__(first + more)


class SchemeNotFound(ExpertScoreError):
    """No bundled scheme has that id and no file has that path."""


class PackageError(ExpertScoreError):
    """A batch package is broken or hostile; the message says what and where, in one line."""

    def __init__(self, source: object, message: str) -> None:
        self.source = str(source)
        super().__init__(" ".join(f"{source}: {message}".split()))


class WrongAlgorithm(ExpertScoreError):
    """A signed file (or key) of another signature algorithm than its batch's.

    Facts: ``source`` (the file), ``expected`` (the batch's: ``ed25519`` or ``sm2``),
    ``found``. Each kind of file refuses with its own subclass, which is also that kind's
    refusal (a result's is a ``ResultRefused``), so callers that list refusals keep working.
    """

    source: str
    expected: str
    found: str


def algorithm_reason(expected: str, found: str) -> str:
    return f"signed with {found}, but the batch signs with {expected}"


class PackageWrongAlgorithm(PackageError, WrongAlgorithm):
    """The organizer's signature (or a pinned roster key) is not of the batch's algorithm."""

    def __init__(self, source: object, expected: str, found: str) -> None:
        self.expected, self.found = expected, found
        super().__init__(source, algorithm_reason(expected, found))
