"""A dishonest chair's forgeries, made with genuine keys: every one is refused or reported."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from bench.reliability import forgery, forgery_chair


@pytest.fixture(scope="module")
def figures(tmp_path_factory: pytest.TempPathFactory) -> forgery.Figures:
    return forgery.check_all(tmp_path_factory.mktemp("forgery"), [forgery_chair])


def test_no_chair_side_forgery_is_accepted(figures: forgery.Figures) -> None:
    names = [name for _, name, _ in figures.cases]
    assert len(names) == len(forgery_chair.ROWS) + 17
    assert figures.accepted == []


@pytest.mark.parametrize(
    ("case", "because"),
    [
        ("appended out-of-range agreed score (replay)", "audit.jsonl line 7: override:"),
        ("appended out-of-range agreed score, panel signed anyway", "the panel file's audit"),
        ("assigned expert's result left out", "E02: the panel file lists no result"),
        ("merged result deleted from the folder by hand", "E04: the panel file's audit merged"),
        ("own signed result replaced by a transcription (merge)", "E01's own signed result 1"),
        ("own signed result replaced by a transcription, panel signed", "own signed result 1"),
        ("transcription's recorded reason cut from the audit log", "(replaced/E01-1.esresult)"),
        (
            "transcription copied into the results folder by hand",
            "E01.esresult: not the file merged",
        ),
        ("transcription signed by someone other than the chair", "not by the chair CHAIR"),
        ("panel numbers differ from the re-run", "ranking: the file says"),
        ("panel signed by another key as the chair", "not the chair's"),
        ("panel signed by a roster expert's key", "roster expert E03's"),
        ("audit line: agreed score off the step", "not a multiple of the step"),
        ("audit line: agreed score not one of an ordinal leaf's grades", "mode's scores"),
        ("audit line: second round for an expert not assigned", "is not assigned"),
        ("audit line: key confirmed over the roster's pinned key", "the batch roster pins"),
        ("audit line: a line that is not JSON", "line 7: unreadable: the line is not JSON"),
    ],
)
def test_each_forgery_is_caught_for_its_reason(
    figures: forgery.Figures, case: str, because: str
) -> None:
    reasons = {name: why for _, name, why in figures.cases}
    assert because in (reasons[case] or "ACCEPTED")


def test_the_figure_prints_cases_and_accepted(capsys, tmp_path: Path) -> None:
    two = ModuleType("bench.reliability.two")
    two.run = lambda workdir: [("caught", "refused for a reason"), ("slipped through", None)]  # type: ignore[attr-defined]

    figures = forgery.main([two])
    out = capsys.readouterr().out
    assert figures.accepted == [("two", "slipped through")]
    assert "two: slipped through: ACCEPTED" in out
    assert "forgery: 2 cases, 1 accepted" in out
