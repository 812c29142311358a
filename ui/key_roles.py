"""Key roles in the interface's words: who a key belongs to, and why it may not sign a file.

The core refuses a key of the wrong role with ``WrongKeyRole`` and its facts (the key, its
role, what was to be signed); the sentence is built here from them, in Chinese first.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from expertscore.identity.keys import CHAIR, EXPERT, ORGANIZER
from expertscore.identity.roles import BATCH, NOTE, PANEL, RESULT, TRANSCRIPTION, WrongKeyRole


def role_owner(role: str) -> str:
    """Whose key a key of ``role`` is ("an expert's key")."""
    owners = {
        EXPERT: QCoreApplication.translate("KeyRoles", "an expert's key"),
        CHAIR: QCoreApplication.translate("KeyRoles", "the chair's key"),
        ORGANIZER: QCoreApplication.translate("KeyRoles", "the organizer's key"),
    }
    return owners.get(role, role)


def signed_thing(signs: str) -> str:
    things = {
        RESULT: QCoreApplication.translate("KeyRoles", "An expert's result file"),
        TRANSCRIPTION: QCoreApplication.translate(
            "KeyRoles", "A result transcribed from a paper sheet"
        ),
        PANEL: QCoreApplication.translate("KeyRoles", "The panel results file"),
        NOTE: QCoreApplication.translate("KeyRoles", "A member's explanation or statement"),
        BATCH: QCoreApplication.translate("KeyRoles", "The batch package"),
    }
    return things.get(signs, signs)


def wrong_role_text(error: WrongKeyRole) -> str:
    return QCoreApplication.translate(
        "KeyRoles",
        "The key {fingerprint} ({key}) is {role}. {what} is signed with {needed}: make one with"
        " “expertscore key new --expert ID --name NAME --role {command_role}”.",
    ).format(
        fingerprint=error.fingerprint,
        key=error.key_id,
        role=role_owner(error.role),
        what=signed_thing(error.signs),
        needed=role_owner(error.needed),
        command_role=error.needed,
    )
