"""Which key role may sign what: an expert's key their result and notes, the chair's key the
panel file and transcriptions, the organizer's key the batch.

A key's role is recorded in the key file and its card (``keys``); a version-1 key (made
before roles) reads as an expert's. So a chair whose key is version 1 makes a chair key
(``expertscore key new --role chair``) before signing as the chair: accepting a key with
no recorded role for the chair's signatures would let any expert's old key sign the
panel's results. The check runs in the core, where each file is signed, so the command
line and the windows refuse alike.
"""

from __future__ import annotations

from expertscore.errors import ExpertScoreError
from expertscore.identity.keys import CHAIR, EXPERT, ORGANIZER, KeyInfo

# What is signed (the ``signs`` of ``WrongKeyRole``), with the role that signs it.
RESULT = "result"  # an expert's result file
TRANSCRIPTION = "transcription"  # a result the chair transcribed from a paper sheet
PANEL = "panel"  # the panel's results file
NOTE = "note"  # a member's explanation or statement
BATCH = "batch"  # the batch package of a round
SIGNER_ROLE = {
    RESULT: EXPERT,
    TRANSCRIPTION: CHAIR,
    PANEL: CHAIR,
    NOTE: EXPERT,
    BATCH: ORGANIZER,
}


class WrongKeyRole(ExpertScoreError):
    """A key of one role was given to sign what another role signs."""

    def __init__(self, key_id: str, fingerprint: str, role: str, signs: str) -> None:
        self.key_id = key_id
        self.fingerprint = fingerprint
        self.role = role  # the key's role
        self.signs = signs  # RESULT, TRANSCRIPTION, PANEL, NOTE or BATCH
        self.needed = SIGNER_ROLE[signs]
        super().__init__(
            f"the key {fingerprint} of {key_id} is a{'n' if role[0] in 'aeiou' else ''}"
            f" {role}'s key; {_WHAT[signs]} is signed with {_A[self.needed]} key"
            f" (make one with `expertscore key new --role {self.needed}`)"
        )


_WHAT = {
    RESULT: "an expert's result file",
    TRANSCRIPTION: "a transcribed result",
    PANEL: "the panel results file",
    NOTE: "a member's note",
    BATCH: "the batch package",
}
_A = {EXPERT: "an expert's", CHAIR: "the chair's", ORGANIZER: "the organizer's"}


def require_role(info: KeyInfo, signs: str) -> None:
    """Refuse ``info``'s key for signing ``signs`` unless its role is the one that signs it."""
    if info.role != SIGNER_ROLE[signs]:
        raise WrongKeyRole(info.expert_id, info.fingerprint, info.role, signs)
