"""The expert's window: the session file opened, scored, signed and submitted.

Beside ``ui.chair`` (the panel chair's window) and ``ui.organizer`` (the organizer's): what
only the expert's window uses lives here; the pieces the windows share (``ui.app``,
``ui.tasks``, ``ui.settings``, ``ui.window_place``, ``ui.plaintext``, ``ui.messages``,
``ui.evidence``) stay in ``ui``.
"""
