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
from expertscore.wording import Text

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
    """A key of one role was given to sign what another role signs.

    Its facts word the roles and the signed thing in the user's language (``owner``,
    ``thing``, ``needed_owner``); the English line is built from the same words.
    """

    def __init__(self, key_id: str, fingerprint: str, role: str, signs: str) -> None:
        self.key_id = key_id
        self.fingerprint = fingerprint
        self.role = role  # the key's role
        self.signs = signs  # RESULT, TRANSCRIPTION, PANEL, NOTE or BATCH
        self.needed = SIGNER_ROLE[signs]
        owner = OWNER.get(role, Text(f"a {role} key", f"{role} 的密钥"))
        self.facts = {"owner": owner, "thing": THING[signs], "needed_owner": OWNER[self.needed]}
        super().__init__(
            f"the key {fingerprint} of {key_id} is {owner.en}; {THING[signs].en} is signed"
            f" with {OWNER[self.needed].en} (make one with `expertscore key new --role"
            f" {self.needed}`)"
        )


# The words of the roles and of what they sign, for ``WrongKeyRole``'s line.
OWNER = {
    EXPERT: Text("an expert's key", "专家的密钥"),
    CHAIR: Text("the chair's key", "评审组长的密钥"),
    ORGANIZER: Text("the organizer's key", "组织方的密钥"),
}
THING = {
    RESULT: Text("an expert's result file", "专家的评分结果文件"),
    TRANSCRIPTION: Text("a transcribed result", "据纸质评分表代录的评分结果"),
    PANEL: Text("the panel results file", "评审结果文件"),
    NOTE: Text("a member's note", "评审组成员的书面说明或意见"),
    BATCH: Text("the batch package", "批次包"),
}


def require_role(info: KeyInfo, signs: str) -> None:
    """Refuse ``info``'s key for signing ``signs`` unless its role is the one that signs it."""
    if info.role != SIGNER_ROLE[signs]:
        raise WrongKeyRole(info.expert_id, info.fingerprint, info.role, signs)
