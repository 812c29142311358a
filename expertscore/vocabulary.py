"""The states and kinds the program names in several places, each written once.

Their values are what files, logs and the command line have always held (``"no scores"``
keeps its space), so a member compares equal to the string it replaces. Their one Chinese
and English label each is ``expertscore.wording.labels.label``.
"""

from __future__ import annotations

from enum import StrEnum


class Flag(StrEnum):
    """Why an indicator of a submission needs the chair's look."""

    SPREAD = "spread"  # the scores are further apart than the threshold
    REVERIFY = "reverify"  # an objective indicator scored or verified differently
    TOO_FEW = "too_few_experts"  # fewer experts than the aggregation policy needs
    NO_SCORES = "no scores"  # nobody scored it


class MergeOutcome(StrEnum):
    """What merging a result file does."""

    ACCEPTED = "accepted"
    REPLACED = "replaced"
    UNCHANGED = "unchanged"
    REFUSED = "refused"


class Progress(StrEnum):
    """Where an expert's scoring of one submission stands."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETE = "complete"
    RECUSED = "recused"


class EditKind(StrEnum):
    """What one entry of the expert's edit log records (its ``action``), and what a
    ``Change`` changed: the session's action strings, written and read by this one name."""

    SCORE = "score"  # an indicator's points and choice (the entry)
    COMMENT = "comment"
    VERIFIED_VALUE = "verified_value"
    PINS = "pinned_evidence"  # the evidence pinned for an indicator
    NOTE = "note"  # the submission's overall note
    FAMILIARITY = "familiarity"
    RECUSE = "recuse"
    TRANSCRIBE = "transcribe"  # a paper form typed in by the chair (only ever entry 1)
    SUBMIT = "submit"
    UNLOCK = "unlock"
    ROUND_REQUEST = "round-request"  # the chair's request for another round, taken in
