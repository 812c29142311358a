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
